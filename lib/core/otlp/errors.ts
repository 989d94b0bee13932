/** Stable codes for every way an OTLP request body can fail to decode. */
export type OtlpDecodeErrorCode =
  | "OTLP_UNSUPPORTED_CONTENT_TYPE"
  | "OTLP_MALFORMED_PROTOBUF"
  | "OTLP_MALFORMED_JSON"
  | "OTLP_INVALID_SHAPE"
  | "OTLP_TOO_MANY_RECORDS";

/**
 * An OTLP request body that cannot be decoded as a whole. The message is safe to send to the
 * client (it names the offending path, never internals); the server maps the code to HTTP
 * (415 for an unsupported type, 413 for too many records, 400 for the rest).
 */
export class OtlpDecodeError extends Error {
  override name = "OtlpDecodeError";
  readonly code: OtlpDecodeErrorCode;

  constructor(code: OtlpDecodeErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
