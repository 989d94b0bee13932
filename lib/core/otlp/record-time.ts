import type { OtlpLogRecord, OtlpValue } from "./model";

/** Where a decision's time came from, in order of precedence. */
export type TimeSource = "time" | "observed" | "event.timestamp" | "received";

export interface RecordTime {
  /** Nanoseconds since the Unix epoch, exact. */
  unixNano: bigint;
  /** The same instant in whole milliseconds (floored). */
  ms: number;
  source: TimeSource;
}

// Every uint64 nanosecond count (up to the year 2554) fits a JS Date, so no range check is needed.
const NS_PER_MS = 1_000_000n;

/**
 * The time of a record: `timeUnixNano`, else `observedTimeUnixNano`, else the `event.timestamp`
 * attribute (RFC 3339, as Claude Code sends it), else when the request was received.
 */
export function recordTime(record: OtlpLogRecord, eventTimestamp: OtlpValue | undefined, receivedAtMs: number): RecordTime {
  if (record.timeUnixNano !== 0n) return at(record.timeUnixNano, "time");
  if (record.observedTimeUnixNano !== 0n) return at(record.observedTimeUnixNano, "observed");
  const parsed = typeof eventTimestamp === "string" ? parseRfc3339Nanos(eventTimestamp) : null;
  if (parsed !== null) return at(parsed, "event.timestamp");
  return at(BigInt(Math.trunc(receivedAtMs)) * NS_PER_MS, "received");
}

function at(unixNano: bigint, source: TimeSource): RecordTime {
  return { unixNano, ms: unixNanoToMs(unixNano), source };
}

/** Milliseconds since the epoch (floored), for Date and timestamptz. */
export function unixNanoToMs(unixNano: bigint): number {
  const ms = unixNano / NS_PER_MS;
  return Number(unixNano < 0n && unixNano % NS_PER_MS !== 0n ? ms - 1n : ms);
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 timestamp as exact nanoseconds (the fraction kept to 9 digits), or null. */
export function parseRfc3339Nanos(text: string): bigint | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const zone = m[4] === "z" ? "Z" : m[4];
  const seconds = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (!Number.isFinite(seconds)) return null;
  const fraction = BigInt((m[3] ?? "").padEnd(9, "0"));
  return BigInt(seconds) * NS_PER_MS + fraction;
}
