import { DAY_MS, HOUR_MS, MINUTE_MS, assertMinuteCount } from "./counts";
import type { MinuteCount } from "./counts";
import { wilsonInterval, Z_TWO_SIDED_95 } from "./wilson";
import type { Interval } from "./wilson";

/** One chart point: counts in [start, start + bucketMs) with their rate and Wilson interval. */
export type RateBucket = {
  start: number;
  n: number;
  k: number;
  /** null when the bucket holds no trials: draw a gap, not a zero. */
  rate: number | null;
  interval: Interval;
};

const STEPS: readonly (readonly [maxRangeMs: number, bucketMs: number])[] = [
  [HOUR_MS, MINUTE_MS],
  [6 * HOUR_MS, 5 * MINUTE_MS],
  [DAY_MS, 5 * MINUTE_MS],
  [7 * DAY_MS, HOUR_MS],
  [31 * DAY_MS, 6 * HOUR_MS],
];

/** Bucket width for a chart range: 1 h→1 min, up to 24 h→5 min, 7 d→1 h, 30 d→6 h, longer→1 d. */
export function bucketFor(rangeMs: number): number {
  if (!(rangeMs > 0)) throw new TypeError("rangeMs must be positive");
  for (const [maxRange, bucket] of STEPS) if (rangeMs <= maxRange) return bucket;
  return DAY_MS;
}

export type BucketizeOptions = {
  /** Range to cover, epoch ms; `from` is rounded down to a bucket boundary (UTC). */
  from: number;
  to: number;
  bucketMs: number;
  z?: number;
};

/** Sums minute counts into aligned buckets over [from, to), every bucket present, each with its Wilson interval. */
export function bucketize(counts: readonly MinuteCount[], options: BucketizeOptions): RateBucket[] {
  const { bucketMs, to } = options;
  if (!Number.isSafeInteger(bucketMs) || bucketMs < MINUTE_MS || bucketMs % MINUTE_MS !== 0) {
    throw new TypeError("bucketMs must be a whole number of minutes");
  }
  const first = Math.floor(options.from / bucketMs) * bucketMs;
  const size = Math.max(0, Math.ceil((to - first) / bucketMs));
  const sums = Array.from({ length: size }, () => ({ n: 0, k: 0 }));
  for (const row of counts) {
    assertMinuteCount(row);
    const index = Math.floor((row.minute - first) / bucketMs);
    const sum = sums[index];
    if (sum === undefined || row.minute >= to) continue;
    sum.n += row.n;
    sum.k += row.k;
  }
  return sums.map(({ n, k }, i) => ({
    start: first + i * bucketMs,
    n,
    k,
    rate: n === 0 ? null : k / n,
    interval: wilsonInterval(k, n, options.z ?? Z_TWO_SIDED_95),
  }));
}
