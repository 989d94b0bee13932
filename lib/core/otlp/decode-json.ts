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
} from "./attribute-set";
import { bytesToBase64, decodeBase64 } from "./base64";
import { OtlpDecodeError } from "./errors";
import { jsonIdToHex } from "./ids";
import { quoteLargeIntegers } from "./json-big-integers";
import {
  invalid,
  readArray,
  readBool,
  readDouble,
  readInt64,
  readObject,
  readSeverity,
  readString,
  readUint32,
  readUint64,
} from "./json-fields";
import { MAX_RECORDS_PER_REQUEST, MAX_VALUE_DEPTH } from "./limits";
import type { AttributeSet, OtlpLogRecord, OtlpLogsRequest, OtlpResourceLogs, OtlpScope, OtlpScopeLogs, OtlpValue } from "./model";

// OTLP/JSON per the OTLP specification: lowerCamelCase names, 64-bit integers as strings or
// numbers, enums as integers, hex trace/span ids, unknown fields ignored. Leniencies, each one
// something a real sender does: the proto field names (snake_case) are accepted as well, as the
// Collector and protobuf JSON parsers do; enum names; base64 ids (protobuf's generic mapping).

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes an OTLP/JSON ExportLogsServiceRequest without losing 64-bit precision. */
export function decodeJsonLogsRequest(bytes: Uint8Array): OtlpLogsRequest {
  const root = readObject(parseJson(bytes), "body");
  if (root === null) invalid("body", "an ExportLogsServiceRequest object", null);
  const counter = { records: 0 };
  const list = readArray(root.resourceLogs ?? root.resource_logs, "resourceLogs");
  const resourceLogs = list.map((rl, i) => toResourceLogs(rl, `resourceLogs[${i}]`, counter));
  return { resourceLogs, recordCount: counter.records };
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new OtlpDecodeError("OTLP_MALFORMED_JSON", "body is not valid UTF-8");
  }
  try {
    return JSON.parse(quoteLargeIntegers(text));
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : "";
    throw new OtlpDecodeError("OTLP_MALFORMED_JSON", `body is not valid JSON: ${detail}`);
  }
}

function toResourceLogs(value: unknown, where: string, counter: { records: number }): OtlpResourceLogs {
  const rl = readObject(value, where) ?? {};
  const resource = readObject(rl.resource, `${where}.resource`) ?? {};
  const scopeLogs = readArray(rl.scopeLogs ?? rl.scope_logs, `${where}.scopeLogs`);
  return {
    resource: toAttributeSet(resource.attributes, resource.droppedAttributesCount ?? resource.dropped_attributes_count, `${where}.resource`),
    schemaUrl: optionalString(rl.schemaUrl ?? rl.schema_url, `${where}.schemaUrl`),
    scopeLogs: scopeLogs.map((sl, j) => toScopeLogs(sl, `${where}.scopeLogs[${j}]`, counter)),
  };
}

function toScopeLogs(value: unknown, where: string, counter: { records: number }): OtlpScopeLogs {
  const sl = readObject(value, where) ?? {};
  const records = readArray(sl.logRecords ?? sl.log_records, `${where}.logRecords`);
  counter.records += records.length;
  if (counter.records > MAX_RECORDS_PER_REQUEST) {
    throw new OtlpDecodeError("OTLP_TOO_MANY_RECORDS", `request holds more than ${MAX_RECORDS_PER_REQUEST} log records`);
  }
  return {
    scope: toScope(sl.scope, `${where}.scope`),
    schemaUrl: optionalString(sl.schemaUrl ?? sl.schema_url, `${where}.schemaUrl`),
    logRecords: records.map((r, k) => toLogRecord(r, `${where}.logRecords[${k}]`)),
  };
}

function toScope(value: unknown, where: string): OtlpScope {
  const scope = readObject(value, where) ?? {};
  return {
    name: optionalString(scope.name, `${where}.name`),
    version: optionalString(scope.version, `${where}.version`),
    attributes: toAttributeSet(scope.attributes, scope.droppedAttributesCount ?? scope.dropped_attributes_count, where),
  };
}

function optionalString(value: unknown, where: string): string {
  return value === null || value === undefined ? "" : readString(value, where);
}

function emptyRecord(): OtlpLogRecord {
  return {
    timeUnixNano: 0n,
    observedTimeUnixNano: 0n,
    severityNumber: 0,
    severityText: "",
    body: null,
    bodyTruncated: false,
    attributes: emptyAttributeSet(),
    flags: 0,
    traceId: "",
    spanId: "",
    eventName: "",
  };
}

function toLogRecord(value: unknown, where: string): OtlpLogRecord {
  const o = readObject(value, where) ?? {};
  const rec = emptyRecord();
  for (const key in o) {
    const v = o[key];
    if (v !== null) readLogRecordField(rec, key, v, where);
  }
  rec.attributes = toAttributeSet(o.attributes, o.droppedAttributesCount ?? o.dropped_attributes_count, where);
  return rec;
}

/** Reads one LogRecord field into `rec` (attributes aside); unknown fields are ignored (OTLP spec). */
function readLogRecordField(rec: OtlpLogRecord, key: string, v: unknown, where: string): void {
  switch (key) {
    case "timeUnixNano":
    case "time_unix_nano":
      rec.timeUnixNano = readUint64(v, `${where}.timeUnixNano`);
      return;
    case "observedTimeUnixNano":
    case "observed_time_unix_nano":
      rec.observedTimeUnixNano = readUint64(v, `${where}.observedTimeUnixNano`);
      return;
    case "severityNumber":
    case "severity_number":
      rec.severityNumber = readSeverity(v, `${where}.severityNumber`);
      return;
    case "severityText":
    case "severity_text":
      rec.severityText = readString(v, `${where}.severityText`);
      return;
    case "body": {
      const mark: CutMark = { cut: false };
      rec.body = toValue(v, `${where}.body`, 0, mark);
      rec.bodyTruncated = mark.cut;
      return;
    }
    case "flags":
      rec.flags = readUint32(v, `${where}.flags`);
      return;
    case "traceId":
    case "trace_id":
      rec.traceId = readId(v, 16, `${where}.traceId`);
      return;
    case "spanId":
    case "span_id":
      rec.spanId = readId(v, 8, `${where}.spanId`);
      return;
    case "eventName":
    case "event_name":
      rec.eventName = readString(v, `${where}.eventName`);
  }
}

function readId(value: unknown, length: number, where: string): string {
  const hex = jsonIdToHex(readString(value, where), length);
  return hex ?? invalid(where, `a ${length}-byte id in hex`, value);
}

function toAttributeSet(list: unknown, dropped: unknown, where: string): AttributeSet {
  const set = emptyAttributeSet(dropped === null || dropped === undefined ? 0 : readUint32(dropped, `${where}.droppedAttributesCount`));
  const items = readArray(list, `${where}.attributes`);
  const mark: CutMark = { cut: false };
  let size = 0;
  for (let i = 0; i < items.length; i++) {
    const at = `${where}.attributes[${i}]`;
    const kv = readObject(items[i], at) ?? {};
    const key = optionalString(kv.key, `${at}.key`);
    if (!admitKey(set, key, size)) continue;
    mark.cut = false;
    setOwn(set.values, key, toValue(kv.value, `${at}.value`, 0, mark));
    if (mark.cut) set.truncated.push(key);
    size++;
  }
  return set;
}

/** Converts one AnyValue; `{}` (or null) is the empty value, null. */
function toValue(value: unknown, where: string, depth: number, mark: CutMark): OtlpValue {
  const o = readObject(value, where);
  let result: OtlpValue = null;
  let seen = 0;
  for (const key in o) {
    const v = o[key];
    if (v === null || v === undefined) continue;
    const read = readAnyValueField(key, v, where, depth, mark);
    if (read === undefined) continue; // unknown field
    result = read;
    if (++seen > 1) invalid(where, "an AnyValue with one value set", value);
  }
  return result;
}

function readAnyValueField(key: string, v: unknown, where: string, depth: number, mark: CutMark): OtlpValue | undefined {
  switch (key) {
    case "stringValue":
    case "string_value":
      return limitString(readString(v, `${where}.stringValue`), mark);
    case "boolValue":
    case "bool_value":
      return readBool(v, `${where}.boolValue`);
    case "intValue":
    case "int_value":
      return int64ToValue(readInt64(v, `${where}.intValue`));
    case "doubleValue":
    case "double_value":
      return doubleToValue(readDouble(v, `${where}.doubleValue`));
    case "bytesValue":
    case "bytes_value":
      return readBytes(v, `${where}.bytesValue`, mark);
    case "arrayValue":
    case "array_value":
      return readComposite(v, `${where}.arrayValue`, depth, mark, true);
    case "kvlistValue":
    case "kvlist_value":
      return readComposite(v, `${where}.kvlistValue`, depth, mark, false);
    default:
      return undefined;
  }
}

function readBytes(value: unknown, where: string, mark: CutMark): string {
  const bytes = decodeBase64(readString(value, where));
  return bytes ? bytesToBase64(limitBytes(bytes, mark)) : invalid(where, "base64 bytes", value);
}

function readComposite(value: unknown, where: string, depth: number, mark: CutMark, isArray: boolean): OtlpValue {
  const items = readArray((readObject(value, where) ?? {}).values, `${where}.values`);
  if (depth >= MAX_VALUE_DEPTH) {
    mark.cut = true;
    return null;
  }
  const n = keptLength(items.length, mark);
  if (isArray) {
    const out = new Array<OtlpValue>(n);
    for (let i = 0; i < n; i++) out[i] = toValue(items[i], `${where}.values[${i}]`, depth + 1, mark);
    return out;
  }
  const out: Record<string, OtlpValue> = {};
  for (let i = 0; i < n; i++) {
    const at = `${where}.values[${i}]`;
    const kv = readObject(items[i], at) ?? {};
    const key = optionalString(kv.key, `${at}.key`);
    if (admitNestedKey(out, key, mark)) setOwn(out, key, toValue(kv.value, `${at}.value`, depth + 1, mark));
  }
  return out;
}
