import { DAY_MS, HOUR_MS, MINUTE_MS, bucketFor } from "@/lib/core/drift";

export const DRIFT_RANGES = { "1h": HOUR_MS, "6h": 6 * HOUR_MS, "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS } as const;
export type DriftRange = keyof typeof DRIFT_RANGES;

/** A resolved chart window: [from, to) in whole buckets, and which rollup serves it. */
export type DriftWindow = { range: DriftRange; from: number; to: number; bucketMs: number; table: "minute" | "hour" };

/** Hourly buckets and wider come from the hour rollup (aligned to UTC hours); narrower ones from the minute rollup. */
function tableFor(bucketMs: number): "minute" | "hour" {
  return bucketMs % HOUR_MS === 0 ? "hour" : "minute";
}

/** The chart window for a range ending at `end` (the current, partial bucket included). */
export function chartWindow(range: DriftRange, end: number): DriftWindow {
  const span = DRIFT_RANGES[range];
  const bucketMs = bucketFor(span);
  const to = Math.ceil((end + 1) / bucketMs) * bucketMs;
  return { range, from: to - span, to, bucketMs, table: tableFor(bucketMs) };
}

/** A coarser window of about 24 points for sparklines (whole minutes; whole hours from an hour up). */
export function sparklineWindow(range: DriftRange, end: number): DriftWindow {
  const span = DRIFT_RANGES[range];
  const minutes = Math.ceil(span / 24 / MINUTE_MS);
  const bucketMs = minutes * MINUTE_MS >= HOUR_MS ? Math.ceil(minutes / 60) * HOUR_MS : minutes * MINUTE_MS;
  const to = Math.ceil((end + 1) / bucketMs) * bucketMs;
  return { range, from: to - span, to, bucketMs, table: tableFor(bucketMs) };
}
