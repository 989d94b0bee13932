import { Z_TWO_SIDED_95, baselineDistance, bucketize, type Baseline, type RateBucket } from "@/lib/core/drift";
import type { SurfaceCounts } from "./drift-queries";
import type { WatchedOutcome } from "./stream-key";

/** What a chart needs of a baseline (the detector's full state stays on the server). */
export type BaselineView = {
  status: "learning" | "ready";
  rate: number;
  detectionRate: number;
  hourlySpread: number;
  trials: number;
  trialsPerDay: number;
  asOf: string;
};

export type OutcomePoint = { k: number; rate: number | null; interval: readonly [number, number]; band: readonly [number, number] | null };

/** One chart bucket: volume, and per watched outcome its rate, Wilson interval and the baseline's expected range. */
export type DriftPoint = { start: number; n: number; DENY: OutcomePoint; SILENCE: OutcomePoint };

export function toBaselineView(baseline: Baseline): BaselineView {
  return {
    status: baseline.status,
    rate: baseline.rate,
    detectionRate: baseline.detectionRate,
    hourlySpread: baseline.hourlySpread,
    trials: baseline.trials,
    trialsPerDay: baseline.trialsPerDay,
    asOf: new Date(baseline.asOf).toISOString(),
  };
}

/**
 * Where a bucket of n decisions would land 95 % of the time if the rate were at its baseline:
 * p̂ ± z·√(p̂(1 − p̂)/n + τ²), with τ the baseline's hour-to-hour spread; null for an empty bucket.
 */
export function baselineBand(baseline: Pick<BaselineView, "rate" | "hourlySpread">, n: number, z = Z_TWO_SIDED_95): readonly [number, number] | null {
  if (n === 0) return null;
  const p = baseline.rate;
  const sd = Math.sqrt((p * (1 - p)) / n + baseline.hourlySpread ** 2);
  return [Math.max(0, p - z * sd), Math.min(1, p + z * sd)];
}

function outcomePoint(bucket: RateBucket, baseline: BaselineView | null): OutcomePoint {
  return { k: bucket.k, rate: bucket.rate, interval: bucket.interval, band: baseline ? baselineBand(baseline, bucket.n) : null };
}

/** Chart points for one surface: every bucket in [from, to), empty ones included (rate null: a gap, not a zero). */
export function driftPoints(
  rows: readonly SurfaceCounts[],
  window: { from: number; to: number; bucketMs: number },
  baselines: Record<WatchedOutcome, BaselineView | null>,
): DriftPoint[] {
  const counts = (outcome: WatchedOutcome) => rows.map((row) => ({ minute: row.at, n: row.n, k: outcome === "DENY" ? row.deny : row.silence }));
  const deny = bucketize(counts("DENY"), window);
  const silence = bucketize(counts("SILENCE"), window);
  return deny.map((bucket, i) => ({
    start: bucket.start,
    n: bucket.n,
    DENY: outcomePoint(bucket, baselines.DENY),
    SILENCE: outcomePoint(silence[i]!, baselines.SILENCE),
  }));
}

/** Signed distance of a window's k of n from a baseline rate (lib/core/drift), safe at a 0 % or 100 % baseline. */
export function distanceFrom(k: number, n: number, baselineRate: number | null): number {
  if (baselineRate === null || n === 0) return 0;
  return baselineDistance(k, n, Math.min(1 - 1e-9, Math.max(1e-9, baselineRate)));
}
