import type { Baseline } from "./baseline";
import { MINUTE_MS, assertMinuteCount } from "./counts";
import type { MinuteCount } from "./counts";
import { cusumIncrement, cusumThreshold, shiftRate } from "./cusum";
import type { RateRule } from "./evidence";
import type { RateAlertParams } from "./params";

/** Trials and events since a statistic last left zero; `from` is that minute (null when empty). */
export type RunTotals = { from: number | null; to: number | null; n: number; k: number };

/** The detector's running statistics, carried between evaluations (JSON-safe). */
export type RateStatistics = {
  rule: RateRule;
  /** Start of the last minute folded in, epoch ms; later minutes are new. */
  processedThrough: number | null;
  /** Forward CUSUM (evidence for p1 over p0) and its current run. */
  cusum: number;
  run: RunTotals;
  /** Reverse CUSUM (evidence for p0 over p1), kept while firing, and its run. */
  recovery: number;
  recoveryRun: RunTotals;
};

export const EMPTY_RUN: RunTotals = { from: null, to: null, n: 0, k: 0 };

/** The rule, p0, p1 and h a stream is judged by, from its baseline and parameters. */
export type Design = { rule: RateRule; p0: number; p1: number; threshold: number };

/** The rule, reference rates and CUSUM threshold for a baseline. */
export function detectorDesign(baseline: Baseline, params: RateAlertParams): Design {
  if (baseline.status === "learning") {
    return { rule: "absolute", p0: params.absolute.reference, p1: params.absolute.rate, threshold: Infinity };
  }
  const p0 = baseline.detectionRate;
  const p1 = shiftRate(p0, params.shift);
  const target = params.nominalArlDays * baseline.trialsPerDay;
  const h = target > 0 ? cusumThreshold(p0, p1, target) : params.minThreshold;
  return { rule: "cusum", p0, p1, threshold: Math.min(params.maxThreshold, Math.max(params.minThreshold, h)) };
}

function extend(run: RunTotals, row: MinuteCount): RunTotals {
  return { from: run.from ?? row.minute, to: row.minute + MINUTE_MS, n: run.n + row.n, k: run.k + row.k };
}

/** Start of the last minute that has closed by `now`. */
export function lastClosedMinute(now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
}

/** Minutes that closed after `processedThrough` and by `now`, ascending. */
export function newClosedMinutes(counts: readonly MinuteCount[], processedThrough: number | null, now: number): MinuteCount[] {
  const through = lastClosedMinute(now);
  const fresh = counts.filter((row) => {
    assertMinuteCount(row);
    return (processedThrough === null || row.minute > processedThrough) && row.minute <= through;
  });
  return fresh.sort((a, b) => a.minute - b.minute);
}

/** Fold new minutes into the CUSUM (and, while firing, the reverse CUSUM). */
export function foldMinutes(
  stats: RateStatistics,
  minutes: readonly MinuteCount[],
  design: Design,
  firing: boolean,
  through: number,
): RateStatistics {
  let { cusum, run, recovery, recoveryRun } = stats;
  for (const row of minutes) {
    if (row.n === 0 || design.rule === "absolute") continue;
    const inc = cusumIncrement(row.k, row.n, design.p0, design.p1);
    cusum = Math.max(0, cusum + inc);
    run = cusum === 0 ? EMPTY_RUN : extend(run, row);
    if (firing) {
      recovery = Math.max(0, recovery - inc);
      recoveryRun = recovery === 0 ? EMPTY_RUN : extend(recoveryRun, row);
    }
  }
  const processedThrough = Math.max(through, stats.processedThrough ?? through);
  return { rule: design.rule, processedThrough, cusum, run, recovery, recoveryRun };
}

/** Totals over the trailing `windowMinutes` closed minutes before `now` (the absolute rule's window). */
export function trailingWindow(counts: readonly MinuteCount[], windowMinutes: number, now: number): RunTotals {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const start = end - windowMinutes * MINUTE_MS;
  let total = { ...EMPTY_RUN, from: start, to: end };
  for (const row of counts) {
    if (row.minute >= start && row.minute < end) total = { ...total, n: total.n + row.n, k: total.k + row.k };
  }
  return total;
}
