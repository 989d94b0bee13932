import protobuf from "protobufjs/light.js";
import { OTLP_LOGS_DESCRIPTOR } from "./proto/otlp-logs-descriptor";

// fixed64/int64 fields decode to long.js objects only when protobufjs found long.js; without it
// they would decode to JS numbers and silently lose nanoseconds. Refuse to run that way.
if (!protobuf.util.Long) {
  throw new TypeError("protobufjs was loaded without long.js: 64-bit OTLP timestamps would lose precision");
}

const root = protobuf.Root.fromJSON(OTLP_LOGS_DESCRIPTOR);

/**
 * AnyValue with its oneof discriminator `value` as a plain field. protobufjs gives messages the
 * oneof as an accessor whose setter deletes the seven other members from every value decoded,
 * which cost half the time of decoding a request; the decoder still sets `value` to the member
 * read last, so the last one on the wire wins, as protobuf requires.
 */
class AnyValue extends protobuf.Message<AnyValue> {
  value: string | undefined = undefined;
}
root.lookupType("opentelemetry.proto.common.v1.AnyValue").ctor = AnyValue;

/** opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest. */
export const ExportLogsServiceRequest = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");

/** opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse. */
export const ExportLogsServiceResponse = root.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse");
