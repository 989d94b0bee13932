import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { encodeExportLogsResponse } from "./response";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("encodeExportLogsResponse", () => {
  it("is an empty message on full success", () => {
    const protobuf = encodeExportLogsResponse({ rejectedCount: 0, errorMessage: "" }, "protobuf");
    expect(protobuf).toEqual({ body: new Uint8Array(0), contentType: "application/x-protobuf" });
    expect(text(encodeExportLogsResponse({ rejectedCount: 0, errorMessage: "" }, "json").body)).toBe("{}");
  });

  it("carries partialSuccess that the OpenTelemetry exporter reads back", () => {
    const result = { rejectedCount: 3, errorMessage: "3 log records rejected: 3 missing decision" };
    const protobuf = encodeExportLogsResponse(result, "protobuf");
    expect(ProtobufLogsSerializer.deserializeResponse(protobuf.body)).toEqual({ partialSuccess: { rejectedLogRecords: 3, errorMessage: result.errorMessage } });

    const json = encodeExportLogsResponse(result, "json");
    expect(json.contentType).toBe("application/json");
    expect(text(json.body)).toBe(`{"partialSuccess":{"rejectedLogRecords":"3","errorMessage":"3 log records rejected: 3 missing decision"}}`);
    expect(JsonLogsSerializer.deserializeResponse(json.body)).toEqual({ partialSuccess: { rejectedLogRecords: "3", errorMessage: result.errorMessage } });
  });

  it("refuses a count that is not a non-negative integer", () => {
    expect(() => encodeExportLogsResponse({ rejectedCount: -1, errorMessage: "" }, "json")).toThrow(TypeError);
  });
});
