import { assertCounts } from "./wilson";

/** Decisions on one (surface, outcome) stream in one minute: n trials, k with that outcome. */
export type MinuteCount = {
  /** Start of the minute, epoch milliseconds, a multiple of 60,000. */
  minute: number;
  n: number;
  k: number;
};

/** A half-open time range [from, to) in epoch milliseconds. */
export type TimeRange = { from: number; to: number };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Throws TypeError unless the row is a well-formed minute count (rows come from our own queries). */
export function assertMinuteCount(row: MinuteCount): void {
  if (!Number.isSafeInteger(row.minute) || row.minute % MINUTE_MS !== 0) {
    throw new TypeError(`minute must be a whole minute in epoch ms, got ${row.minute}`);
  }
  assertCounts(row.k, row.n);
}

/** Sum of trials and events over rows. */
export function totalCounts(rows: readonly MinuteCount[]): { n: number; k: number } {
  let n = 0;
  let k = 0;
  for (const row of rows) {
    n += row.n;
    k += row.k;
  }
  return { n, k };
}

/** True when [start, end) overlaps any of the ranges. */
export function overlapsAny(start: number, end: number, ranges: readonly TimeRange[]): boolean {
  return ranges.some((r) => start < r.to && r.from < end);
}
