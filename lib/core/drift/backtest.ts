import type { Baseline } from "./baseline";
import { MINUTE_MS, overlapsAny } from "./counts";
import type { MinuteCount, TimeRange } from "./counts";
import type { RateEvidence } from "./evidence";
import type { RateAlertParams } from "./params";
import { evaluateRateAlert } from "./rate-alert";
import { lastClosedMinute } from "./rate-statistics";
import type { RateAlertState, RateAlertTransition } from "./rate-alert";

export type BacktestInput = {
  counts: readonly MinuteCount[];
  baseline: Baseline;
  /** First and last evaluation time, epoch ms; evaluations run every `stepMs` in between. */
  from: number;
  to: number;
  stepMs?: number;
  /** Times when the stream's sources were silent (rate alerts held). */
  suppressed?: readonly TimeRange[];
  muted?: boolean;
  /** Carry on from an earlier state instead of a fresh stream. */
  initial?: RateAlertState;
};

export type BacktestTransition = RateAlertTransition & { evidence: RateEvidence };

export type BacktestResult = { transitions: BacktestTransition[]; final: RateAlertState | null };

/** Index of the first row whose minute is ≥ t in rows sorted by minute. */
function lowerBound(rows: readonly MinuteCount[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rows[mid]?.minute ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Replays a stream through the rate-alert evaluator the way the scheduler runs it,
 * one evaluation per step: for detection-quality tests and "what would these
 * settings have raised" previews. Steps where no minute with trials closed and
 * suppression did not change are skipped: they cannot change the state.
 */
export function backtestRateAlerts(input: BacktestInput, params: RateAlertParams): BacktestResult {
  const stepMs = input.stepMs ?? MINUTE_MS;
  if (!(stepMs >= MINUTE_MS)) throw new TypeError("stepMs must be at least a minute");
  const rows = [...input.counts].sort((a, b) => a.minute - b.minute);
  const lookbackMs = Math.max(params.absolute.windowMinutes * MINUTE_MS, stepMs + MINUTE_MS);
  const transitions: BacktestTransition[] = [];
  let state: RateAlertState | null = input.initial ?? null;
  let seen = 0;
  let wasSuppressed = false;
  for (let now = input.from; now <= input.to; now += stepMs) {
    const closed = lowerBound(rows, lastClosedMinute(now) + MINUTE_MS);
    let fresh = false;
    for (; seen < closed; seen++) fresh ||= (rows[seen]?.n ?? 0) > 0;
    const suppressed = overlapsAny(now - stepMs, now, input.suppressed ?? []);
    if (state !== null && !fresh && suppressed === wasSuppressed) continue;
    wasSuppressed = suppressed;
    const counts = rows.slice(lowerBound(rows, now - lookbackMs), closed);
    const result = evaluateRateAlert(state, { counts, baseline: input.baseline, suppressed, muted: input.muted }, now, params);
    state = result.state;
    if (result.transition) transitions.push({ ...result.transition, evidence: result.evidence });
  }
  return { transitions, final: state };
}
