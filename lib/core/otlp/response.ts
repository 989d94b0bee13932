import type { OtlpEncoding } from "./decode";
import { ExportLogsServiceResponse } from "./schema";

export interface ExportLogsResult {
  /** Records that could not be used (ExportLogsPartialSuccess.rejected_log_records). */
  rejectedCount: number;
  /** Why; empty when nothing was rejected. */
  errorMessage: string;
}

export interface EncodedResponse {
  body: Uint8Array;
  contentType: "application/x-protobuf" | "application/json";
}

/**
 * Encodes ExportLogsServiceResponse in the request's encoding: empty on full success, else with
 * partialSuccess. In JSON rejectedLogRecords is an int64, hence a decimal string (proto3 JSON).
 */
export function encodeExportLogsResponse(result: ExportLogsResult, encoding: OtlpEncoding): EncodedResponse {
  if (!Number.isSafeInteger(result.rejectedCount) || result.rejectedCount < 0) {
    throw new TypeError("encodeExportLogsResponse: rejectedCount must be a non-negative integer");
  }
  const partial = result.rejectedCount > 0 || result.errorMessage !== "";
  if (encoding === "json") {
    const body = partial
      ? { partialSuccess: { rejectedLogRecords: String(result.rejectedCount), errorMessage: result.errorMessage } }
      : {};
    return { body: new TextEncoder().encode(JSON.stringify(body)), contentType: "application/json" };
  }
  const message = partial
    ? { partial_success: { rejected_log_records: result.rejectedCount, error_message: result.errorMessage } }
    : {};
  const bytes = ExportLogsServiceResponse.encode(message).finish();
  // protobufjs hands out a Buffer under Node; callers get a plain Uint8Array view everywhere.
  return { body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: "application/x-protobuf" };
}
