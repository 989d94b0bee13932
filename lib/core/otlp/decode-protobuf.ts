import {
  admitKey,
  admitNestedKey,
  type CutMark,
  doubleToValue,
  emptyAttributeSet,
  int64ToValue,
  keptLength,
  limitBytes,
  limitString,
  setOwn,
  withoutNul,
} from "./attribute-set";
import { bytesToBase64 } from "./base64";
import { OtlpDecodeError } from "./errors";
import { bytesToHex } from "./ids";
import { MAX_RECORDS_PER_REQUEST, MAX_VALUE_DEPTH } from "./limits";
import type { AttributeSet, OtlpLogRecord, OtlpLogsRequest, OtlpResourceLogs, OtlpScopeLogs, OtlpValue } from "./model";
import { ExportLogsServiceRequest } from "./schema";

// The shapes protobufjs decodes the official schema into (field names as in the .proto files).
// Absent fields read as proto3 defaults from the message prototype.
interface PbLong {
  low: number;
  high: number;
}
interface PbAnyValue {
  value?: string; // the oneof discriminator: the name of the field that is set
  string_value: string;
  bool_value: boolean;
  int_value: PbLong | number;
  double_value: number;
  array_value?: { values: PbAnyValue[] } | null;
  kvlist_value?: { values: PbKeyValue[] } | null;
  bytes_value: Uint8Array;
}
interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}
interface PbLogRecord {
  time_unix_nano: PbLong | number;
  observed_time_unix_nano: PbLong | number;
  severity_number: number;
  severity_text: string;
  body?: PbAnyValue | null;
  attributes: PbKeyValue[];
  dropped_attributes_count: number;
  flags: number;
  trace_id: Uint8Array;
  span_id: Uint8Array;
  event_name: string;
}
interface PbScopeLogs {
  scope?: { name: string; version: string; attributes: PbKeyValue[]; dropped_attributes_count: number } | null;
  log_records: PbLogRecord[];
  schema_url: string;
}
interface PbResourceLogs {
  resource?: { attributes: PbKeyValue[]; dropped_attributes_count: number } | null;
  scope_logs: PbScopeLogs[];
  schema_url: string;
}
interface PbRequest {
  resource_logs: PbResourceLogs[];
}

/** Decodes a binary ExportLogsServiceRequest with protobufjs and the official schema. */
export function decodeProtobufLogsRequest(bytes: Uint8Array): OtlpLogsRequest {
  const message = decodeMessage(bytes);
  let recordCount = 0;
  for (const rl of message.resource_logs) for (const sl of rl.scope_logs) recordCount += sl.log_records.length;
  if (recordCount > MAX_RECORDS_PER_REQUEST) {
    throw new OtlpDecodeError("OTLP_TOO_MANY_RECORDS", `request holds ${recordCount} log records; the limit is ${MAX_RECORDS_PER_REQUEST}`);
  }
  return { resourceLogs: message.resource_logs.map(toResourceLogs), recordCount };
}

function decodeMessage(bytes: Uint8Array): PbRequest {
  try {
    return ExportLogsServiceRequest.decode(bytes) as unknown as PbRequest;
  } catch (error) {
    const text = error instanceof Error ? error.message : "";
    const detail = /call stack/i.test(text) ? "values are nested too deeply" : text.slice(0, 200);
    throw new OtlpDecodeError("OTLP_MALFORMED_PROTOBUF", `body is not a valid ExportLogsServiceRequest: ${detail}`);
  }
}

function toResourceLogs(rl: PbResourceLogs, i: number): OtlpResourceLogs {
  return {
    resource: toAttributeSet(rl.resource?.attributes ?? [], rl.resource?.dropped_attributes_count ?? 0),
    schemaUrl: rl.schema_url,
    scopeLogs: rl.scope_logs.map((sl, j) => toScopeLogs(sl, `resourceLogs[${i}].scopeLogs[${j}]`)),
  };
}

function toScopeLogs(sl: PbScopeLogs, path: string): OtlpScopeLogs {
  const scope = sl.scope;
  return {
    scope: {
      name: withoutNul(scope?.name ?? ""),
      version: withoutNul(scope?.version ?? ""),
      attributes: toAttributeSet(scope?.attributes ?? [], scope?.dropped_attributes_count ?? 0),
    },
    schemaUrl: sl.schema_url,
    logRecords: sl.log_records.map((r, k) => toLogRecord(r, `${path}.logRecords[${k}]`)),
  };
}

function toLogRecord(r: PbLogRecord, path: string): OtlpLogRecord {
  const mark: CutMark = { cut: false };
  const body = r.body ? toValue(r.body, 0, mark) : null;
  return {
    timeUnixNano: fixed64(r.time_unix_nano),
    observedTimeUnixNano: fixed64(r.observed_time_unix_nano),
    severityNumber: r.severity_number,
    severityText: withoutNul(r.severity_text),
    body,
    bodyTruncated: mark.cut,
    attributes: toAttributeSet(r.attributes, r.dropped_attributes_count),
    flags: r.flags,
    traceId: idToHex(r.trace_id, 16, `${path}.traceId`),
    spanId: idToHex(r.span_id, 8, `${path}.spanId`),
    eventName: withoutNul(r.event_name),
  };
}

function idToHex(bytes: Uint8Array, length: number, path: string): string {
  if (bytes.length === 0) return "";
  if (bytes.length !== length) {
    throw new OtlpDecodeError("OTLP_INVALID_SHAPE", `${path}: expected ${length} bytes, got ${bytes.length}`);
  }
  return bytesToHex(bytes);
}

function toAttributeSet(list: PbKeyValue[], senderDropped: number): AttributeSet {
  const set = emptyAttributeSet(senderDropped);
  const mark: CutMark = { cut: false };
  let size = 0;
  for (const kv of list) {
    const key = withoutNul(kv.key);
    if (!admitKey(set, key, size)) continue;
    mark.cut = false;
    setOwn(set.values, key, kv.value ? toValue(kv.value, 0, mark) : null);
    if (mark.cut) set.truncated.push(key);
    size++;
  }
  return set;
}

/** Reads an unsigned 64-bit value from its two 32-bit halves, never through a JS number. */
function fixed64(value: PbLong | number): bigint {
  if (typeof value === "number") {
    if (value !== 0) throw new TypeError("64-bit field decoded as a JS number");
    return 0n;
  }
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

/** A signed 64-bit value as JSON; BigInt only when it is not a safe integer. */
function int64(value: PbLong | number): OtlpValue {
  if (typeof value === "number") return value;
  // high·2^32 + low is exact whenever the result is a safe integer (and never rounds into one).
  const n = value.high * 4294967296 + (value.low >>> 0);
  return Number.isSafeInteger(n) ? n : int64ToValue(BigInt.asIntN(64, fixed64(value)));
}

function toValue(v: PbAnyValue, depth: number, mark: CutMark): OtlpValue {
  switch (v.value) {
    case "string_value":
      return limitString(withoutNul(v.string_value), mark);
    case "bool_value":
      return v.bool_value;
    case "int_value":
      return int64(v.int_value);
    case "double_value":
      return doubleToValue(v.double_value);
    case "bytes_value":
      return bytesToBase64(limitBytes(v.bytes_value, mark));
    case "array_value":
    case "kvlist_value":
      return toComposite(v, depth, mark);
    default:
      return null; // empty AnyValue, or a profiles-only string_value_strindex
  }
}

function toComposite(v: PbAnyValue, depth: number, mark: CutMark): OtlpValue {
  if (depth >= MAX_VALUE_DEPTH) {
    mark.cut = true;
    return null;
  }
  if (v.value === "array_value") {
    const values = v.array_value?.values ?? [];
    const n = keptLength(values.length, mark);
    const out: OtlpValue[] = new Array<OtlpValue>(n);
    for (let i = 0; i < n; i++) out[i] = toValue(values[i] as PbAnyValue, depth + 1, mark);
    return out;
  }
  const entries = v.kvlist_value?.values ?? [];
  const n = keptLength(entries.length, mark);
  const out: Record<string, OtlpValue> = {};
  for (let i = 0; i < n; i++) {
    const kv = entries[i] as PbKeyValue;
    const key = withoutNul(kv.key);
    if (!admitNestedKey(out, key, mark)) continue;
    setOwn(out, key, kv.value ? toValue(kv.value, depth + 1, mark) : null);
  }
  return out;
}
