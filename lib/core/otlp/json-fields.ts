// Readers for OTLP/JSON scalar fields (the proto3 JSON mapping with OTLP's changes). Each
// returns the typed value or throws OtlpDecodeError naming where the bad value sits.
import { OtlpDecodeError } from "./errors";
import { ExportLogsServiceRequest } from "./schema";

const U64_MAX = 0xffff_ffff_ffff_ffffn;
const I64_MIN = -0x8000_0000_0000_0000n;
const I64_MAX = 0x7fff_ffff_ffff_ffffn;

/** Throws the decode error for a value at `where` that is not what the schema says. */
export function invalid(where: string, expected: string, value: unknown): never {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : String(value);
  throw new OtlpDecodeError("OTLP_INVALID_SHAPE", `${where}: expected ${expected}, got ${shown}`);
}

/** A JSON object (message), or null for JSON null. */
export function readObject(value: unknown, where: string): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) invalid(where, "an object", value);
  return value as Record<string, unknown>;
}

/** A repeated field: an array, or [] for JSON null. */
export function readArray(value: unknown, where: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) invalid(where, "an array", value);
  return value;
}

const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLES = new RegExp(UNSTORABLE.source, "g");

/**
 * A string, with unpaired surrogates (which JSON escapes can carry but UTF-8, protobuf and
 * Postgres cannot) replaced by U+FFFD, as a UTF-8 decoder would, and U+0000 (which no Postgres
 * text or jsonb value can hold) too.
 */
export function readString(value: unknown, where: string): string {
  if (typeof value !== "string") invalid(where, "a string", value);
  return UNSTORABLE.test(value) ? value.replace(UNSTORABLES, "\ufffd") : value;
}

export function readBool(value: unknown, where: string): boolean {
  if (typeof value !== "boolean") invalid(where, "true or false", value);
  return value;
}

/** fixed64/uint64 from a decimal string or a (safe) number literal, as bigint. */
export function readUint64(value: unknown, where: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^\d{1,20}$/.test(value)) {
    const n = BigInt(value);
    if (n <= U64_MAX) return n;
  }
  return invalid(where, "an unsigned 64-bit integer (a decimal string or number)", value);
}

/** int64 from a decimal string or a (safe) number literal, as bigint. */
export function readInt64(value: unknown, where: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d{1,19}$/.test(value)) {
    const n = BigInt(value);
    if (n >= I64_MIN && n <= I64_MAX) return n;
  }
  return invalid(where, "a signed 64-bit integer (a decimal string or number)", value);
}

/** uint32/fixed32 from a number or a decimal string. */
export function readUint32(value: unknown, where: string): number {
  const n = typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff) return n;
  return invalid(where, "an unsigned 32-bit integer", value);
}

/** double from a number, a numeric string, or "NaN" / "Infinity" / "-Infinity". */
export function readDouble(value: unknown, where: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    if (value === "NaN" || value === "Infinity" || value === "-Infinity") return Number(value);
    if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return Number(value);
  }
  return invalid(where, "a number", value);
}

const SEVERITY_NAMES: Readonly<Record<string, number>> = severityNames();

function severityNames(): Record<string, number> {
  const enumType = ExportLogsServiceRequest.root.lookupEnum("opentelemetry.proto.logs.v1.SeverityNumber");
  return Object.assign(Object.create(null) as Record<string, number>, enumType.values);
}

/**
 * SeverityNumber: OTLP/JSON sends the integer; the enum name is accepted too (proto3 JSON),
 * and an unknown name reads as unspecified (0) rather than failing the batch.
 */
export function readSeverity(value: unknown, where: string): number {
  if (typeof value === "string" && !/^\d+$/.test(value)) return SEVERITY_NAMES[value] ?? 0;
  const n = readUint32(value, where);
  if (n > 0x7fff_ffff) invalid(where, "a SeverityNumber", value);
  return n;
}
