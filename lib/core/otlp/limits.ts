/** Records in one ExportLogsServiceRequest; more fails the request (OTLP_TOO_MANY_RECORDS). */
export const MAX_RECORDS_PER_REQUEST = 100_000;

/** Attributes kept per record, resource or scope; the rest are dropped and counted. */
export const MAX_ATTRIBUTES_PER_RECORD = 128;

/** Attribute keys longer than this are dropped and counted. */
export const MAX_ATTRIBUTE_KEY_LENGTH = 256;

/** String (and base64 bytes) values are cut to this many UTF-16 code units and marked truncated. */
export const MAX_ATTRIBUTE_VALUE_LENGTH = 8_192;

/** Elements kept per array or key-value list value; the rest are cut and marked truncated. */
export const MAX_ARRAY_VALUES = 256;

/** Nesting depth of array / key-value list values; deeper values become null and are marked. */
export const MAX_VALUE_DEPTH = 8;

/** Normalized identifier fields (surface, session, actor…) are cut to this length. */
export const MAX_FIELD_LENGTH = 256;
