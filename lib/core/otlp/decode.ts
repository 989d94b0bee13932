import { decodeJsonLogsRequest } from "./decode-json";
import { decodeProtobufLogsRequest } from "./decode-protobuf";
import { OtlpDecodeError } from "./errors";
import type { OtlpLogsRequest } from "./model";

/** The two OTLP/HTTP encodings; the response uses the request's. */
export type OtlpEncoding = "protobuf" | "json";

/** The encoding a Content-Type header names, or null when OTLP/HTTP does not define it. */
export function otlpEncodingOf(contentType: string | null | undefined): OtlpEncoding | null {
  const mediaType = (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
  if (mediaType === "application/x-protobuf" || mediaType === "application/protobuf") return "protobuf";
  if (mediaType === "application/json") return "json";
  return null;
}

/**
 * Decodes an (already decompressed) OTLP/HTTP logs body by its Content-Type. Throws
 * OtlpDecodeError: OTLP_UNSUPPORTED_CONTENT_TYPE, OTLP_MALFORMED_PROTOBUF, OTLP_MALFORMED_JSON,
 * OTLP_INVALID_SHAPE or OTLP_TOO_MANY_RECORDS.
 */
export function decodeExportLogsRequest(body: Uint8Array, contentType: string | null | undefined): OtlpLogsRequest {
  const encoding = otlpEncodingOf(contentType);
  if (encoding === "protobuf") return decodeProtobufLogsRequest(body);
  if (encoding === "json") return decodeJsonLogsRequest(body);
  throw new OtlpDecodeError(
    "OTLP_UNSUPPORTED_CONTENT_TYPE",
    `unsupported Content-Type ${JSON.stringify((contentType ?? "").slice(0, 80))}; send application/x-protobuf or application/json`,
  );
}
