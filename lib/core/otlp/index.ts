export { decodeExportLogsRequest, otlpEncodingOf, type OtlpEncoding } from "./decode";
export { decodeJsonLogsRequest } from "./decode-json";
export { decodeProtobufLogsRequest } from "./decode-protobuf";
export {
  mergedAttributes,
  type DecisionRow,
  type GateSeen,
  type NormalizedLogs,
  type RejectCode,
  type RejectedRecord,
} from "./decision-row";
export { OtlpDecodeError, type OtlpDecodeErrorCode } from "./errors";
export { DECISION_EVENT_NAMES, HEARTBEAT_EVENT_NAME } from "./event-kind";
export { nobleSha256Hex, recordFingerprint, scopeDigest, type Sha256Hex } from "./fingerprint";
export * from "./limits";
export type { AttributeSet, OtlpAttributes, OtlpLogRecord, OtlpLogsRequest, OtlpResourceLogs, OtlpScope, OtlpScopeLogs, OtlpValue } from "./model";
export { normalizeLogsRequest, type NormalizeOptions } from "./normalize";
export { outcomeOf, type Outcome } from "./outcome";
export { OTLP_PROTO_VERSION } from "./proto/otlp-logs-descriptor";
export { parseRfc3339Nanos, type TimeSource } from "./record-time";
export { encodeExportLogsResponse, type EncodedResponse, type ExportLogsResult } from "./response";
