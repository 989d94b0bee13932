/**
 * The decoded form of an ExportLogsServiceRequest, identical whether it arrived as protobuf or
 * as JSON. Values are plain JSON so they can be stored as they are (jsonb).
 */

/**
 * An OTLP AnyValue as JSON: string, bool and double as themselves (non-finite doubles as the
 * strings "NaN", "Infinity", "-Infinity"), int64 as a number when it is a safe integer and as a
 * decimal string otherwise, bytes as base64, arrays as arrays, key-value lists as objects,
 * and an empty AnyValue (`{}`) as null.
 */
export type OtlpValue = string | number | boolean | null | OtlpValue[] | { [key: string]: OtlpValue };

/**
 * Attributes by key: a plain object whose own properties are the attributes (a key such as
 * `__proto__` is an own property too). Read unknown keys with Object.hasOwn.
 */
export type OtlpAttributes = Record<string, OtlpValue>;

/** One attribute list after the limits in limits.ts. */
export interface AttributeSet {
  values: OtlpAttributes;
  /** Keys whose values were cut (long string, long array, deep nesting), in input order. */
  truncated: string[];
  /** Attributes not kept: the sender's dropped_attributes_count plus those over our limits. */
  dropped: number;
  /** The first key that appeared twice (OTLP requires unique keys); the first value is kept. */
  duplicateKey: string | null;
}

export interface OtlpLogRecord {
  /** Nanoseconds since the Unix epoch; 0n means unset. Never a JS number (they exceed 2^53). */
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  /** null when the record has no body or an empty one (exporters differ: JSON sends `{}`). */
  body: OtlpValue;
  bodyTruncated: boolean;
  attributes: AttributeSet;
  flags: number;
  /** Lowercase hex; "" when absent. */
  traceId: string;
  spanId: string;
  eventName: string;
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: AttributeSet;
}

export interface OtlpScopeLogs {
  scope: OtlpScope;
  schemaUrl: string;
  logRecords: OtlpLogRecord[];
}

export interface OtlpResourceLogs {
  resource: AttributeSet;
  schemaUrl: string;
  scopeLogs: OtlpScopeLogs[];
}

export interface OtlpLogsRequest {
  resourceLogs: OtlpResourceLogs[];
  /** Log records in the whole request. */
  recordCount: number;
}
