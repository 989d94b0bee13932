import { DAY_MS, HOUR_MS, MINUTE_MS, assertMinuteCount, overlapsAny } from "./counts";
import type { MinuteCount, TimeRange } from "./counts";
import { Z_ONE_SIDED_95 } from "./wilson";

/** How a per-(surface, outcome) baseline is estimated from trailing history. */
export type BaselineParams = {
  /** Trailing window of history, ms (14 days). */
  windowMs: number;
  /** The most recent stretch left out, so a fresh shift does not leak into its own baseline, ms. */
  guardMs: number;
  /** Weight of the fleet-wide rate, in pseudo-trials (empirical-Bayes prior strength). */
  priorTrials: number;
  /** The detection rate never goes below this, so an all-PERMIT surface is not hair-trigger. */
  floor: number;
  /** z of the one-sided upper bound that makes the detection rate conservative. */
  upperZ: number;
  /** Less history than this (span since first data) → "learning", ms. */
  minHistoryMs: number;
  /** Fewer trials than this → "learning". */
  minHistoryTrials: number;
};

export const DEFAULT_BASELINE_PARAMS: BaselineParams = {
  windowMs: 14 * DAY_MS,
  guardMs: HOUR_MS,
  priorTrials: 100,
  floor: 0.005,
  upperZ: Z_ONE_SIDED_95,
  minHistoryMs: 3 * DAY_MS,
  minHistoryTrials: 50,
};

export type BaselineInput = {
  /** Per-minute (or coarser, ≤ 1 h) counts for the stream, any order. */
  history: readonly MinuteCount[];
  /** Pooled rate of the same outcome over all surfaces; the prior mean. */
  fleetRate: number;
  /** Periods to leave out: the stream's own alerting periods and break-glass windows. */
  excluded: readonly TimeRange[];
  /** When the baseline is computed, epoch ms. */
  asOf: number;
};

export type Baseline = {
  status: "learning" | "ready";
  /** Shrunk estimate of the in-control rate (what charts draw as "baseline"). */
  rate: number;
  /** Conservative in-control rate the detector tests against (≥ rate, ≥ floor). */
  detectionRate: number;
  /** Trials and events used, after exclusions. */
  trials: number;
  events: number;
  /** Sampled trials plus the prior's pseudo-trials. */
  effectiveTrials: number;
  /** Hour-to-hour standard deviation of the rate beyond binomial noise (0 when none is evident). */
  hourlySpread: number;
  /** Trials per day over the observed span; sets the CUSUM threshold for a target false-alarm interval. */
  trialsPerDay: number;
  asOf: number;
};

type Included = { n: number; k: number; firstSeen: number; hours: Map<number, { n: number; k: number }> };

function collect(input: BaselineInput, params: BaselineParams): Included {
  const from = input.asOf - params.windowMs;
  const to = input.asOf - params.guardMs;
  const hours = new Map<number, { n: number; k: number }>();
  let n = 0;
  let k = 0;
  let firstSeen = Infinity;
  for (const row of input.history) {
    assertMinuteCount(row);
    if (row.minute < from || row.minute + MINUTE_MS > to || row.n === 0) continue;
    if (input.excluded.length > 0 && overlapsAny(row.minute, row.minute + MINUTE_MS, input.excluded)) continue;
    n += row.n;
    k += row.k;
    firstSeen = Math.min(firstSeen, row.minute);
    const hour = row.minute - (row.minute % HOUR_MS);
    const bucket = hours.get(hour);
    if (bucket) {
      bucket.n += row.n;
      bucket.k += row.k;
    } else {
      hours.set(hour, { n: row.n, k: row.k });
    }
  }
  return { n, k, firstSeen, hours };
}

/**
 * Between-hour variance of the rate beyond binomial noise (method of moments on
 * Pearson's X²), counted only past a 2-sigma allowance so noise alone adds nothing.
 */
function hourlyVariance(hours: Map<number, { n: number; k: number }>, rate: number, trials: number): number {
  const df = hours.size - 1;
  if (df < 2 || rate <= 0 || rate >= 1) return 0;
  let x2 = 0;
  for (const { n, k } of hours.values()) x2 += (k - n * rate) ** 2 / (n * rate * (1 - rate));
  const excess = x2 - df - 2 * Math.sqrt(2 * df);
  return excess > 0 ? (excess * rate * (1 - rate)) / trials : 0;
}

/** Per-(surface, outcome) baseline from trailing history, shrunk toward the fleet rate and made conservative. */
export function estimateBaseline(input: BaselineInput, params: BaselineParams = DEFAULT_BASELINE_PARAMS): Baseline {
  if (!(input.fleetRate >= 0 && input.fleetRate <= 1)) throw new TypeError("fleetRate must be in [0, 1]");
  const { n, k, firstSeen, hours } = collect(input, params);
  const m = params.priorTrials;
  const effectiveTrials = n + m;
  const rate = (k + m * input.fleetRate) / effectiveTrials;
  const spread = Math.sqrt(hourlyVariance(hours, rate, n));
  const standardError = Math.sqrt((rate * (1 - rate)) / effectiveTrials);
  const upper = rate + params.upperZ * Math.sqrt(standardError ** 2 + spread ** 2);
  // Stay below 1 so the CUSUM's non-event term is finite even for an all-DENY surface.
  const detectionRate = Math.min(Math.max(upper, params.floor, rate), 0.999);
  const spanMs = n === 0 ? 0 : input.asOf - params.guardMs - firstSeen;
  const learning = spanMs < params.minHistoryMs || n < params.minHistoryTrials;
  return {
    status: learning ? "learning" : "ready",
    rate,
    detectionRate,
    trials: n,
    events: k,
    effectiveTrials,
    hourlySpread: spread,
    trialsPerDay: spanMs > 0 ? (n * DAY_MS) / spanMs : 0,
    asOf: input.asOf,
  };
}
