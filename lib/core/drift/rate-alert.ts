import type { Baseline } from "./baseline";
import type { MinuteCount } from "./counts";
import { buildEvidence, maxSeverity } from "./evidence";
import type { RateEvidence, Severity } from "./evidence";
import type { RateAlertParams } from "./params";
import { EMPTY_RUN, detectorDesign, foldMinutes, lastClosedMinute, newClosedMinutes, trailingWindow } from "./rate-statistics";
import type { Design, RateStatistics } from "./rate-statistics";
import { wilsonInterval } from "./wilson";

/** Lifecycle of a rate alert; "resolved" behaves like "normal" until the next shift. */
export type RateAlertStatus = "normal" | "pending" | "firing" | "resolved";

/** Everything the evaluator carries from one evaluation to the next (JSON-safe, store it as is). */
export type RateAlertState = RateStatistics & {
  status: RateAlertStatus;
  /** Consecutive evaluations the absolute rule (pending) or the recovery (firing) has held. */
  streak: number;
  /** When the status last changed, epoch ms. */
  since: number | null;
  /** Worst severity seen since the alert went pending; drives escalation notices. */
  peakSeverity: Severity;
};

export type RateAlertInput = {
  /** Per-minute counts for the stream: every minute closed since the last evaluation, and at least the absolute rule's window. */
  counts: readonly MinuteCount[];
  baseline: Baseline;
  /** The stream's sources are silent: hold the state, raise nothing. */
  suppressed?: boolean;
  /** The surface is muted: raise nothing new (a firing alert can still resolve). */
  muted?: boolean;
};

export type RateAlertTransition = { from: RateAlertStatus; to: RateAlertStatus; at: number };

export type RateAlertResult = {
  state: RateAlertState;
  evidence: RateEvidence;
  /** Set when the status changed in this evaluation. */
  transition: RateAlertTransition | null;
};

/** The state of a stream that has never been evaluated. */
export function initialRateAlertState(): RateAlertState {
  return {
    status: "normal",
    rule: "cusum",
    processedThrough: null,
    cusum: 0,
    run: EMPTY_RUN,
    recovery: 0,
    recoveryRun: EMPTY_RUN,
    streak: 0,
    since: null,
    peakSeverity: "none",
  };
}

function evidenceFor(stats: RateStatistics, design: Design, input: RateAlertInput, now: number, params: RateAlertParams): RateEvidence {
  const absolute = design.rule === "absolute";
  const totals = absolute ? trailingWindow(input.counts, params.absolute.windowMinutes, now) : stats.run;
  const window = totals.from === null || totals.to === null ? null : { from: totals.from, to: totals.to };
  return buildEvidence(
    {
      rule: design.rule,
      k: totals.k,
      n: totals.n,
      window,
      baselineRate: input.baseline.rate,
      referenceRate: design.p0,
      shiftRate: design.p1,
      cusum: absolute ? null : stats.cusum,
      threshold: absolute ? null : design.threshold,
    },
    params,
  );
}

/** fire: S ≥ h; pending: S ≥ pendingFraction·h; hold: S ≥ clearFraction·h (keeps a pending alert). */
type Verdict = "fire" | "pending" | "hold" | "none";

/**
 * What the evidence calls for. Fire and pending also need enough volume and an
 * exact-test confirmation. The absolute rule only reaches pending and fires through
 * persistence (absolute.confirmations evaluations in a row).
 */
function verdictFor(evidence: RateEvidence, params: RateAlertParams): Verdict {
  if (evidence.rule === "absolute") {
    const { minVolume, rate } = params.absolute;
    const holds = evidence.n >= minVolume && (evidence.observedRate ?? 0) >= rate && evidence.pValue < params.alpha;
    return holds ? "pending" : "none";
  }
  const s = evidence.cusum ?? 0;
  const h = evidence.threshold ?? Infinity;
  const confirmed = evidence.n >= params.minVolume && evidence.pValue < params.alpha;
  if (confirmed && s >= h) return "fire";
  if (confirmed && s >= params.pendingFraction * h) return "pending";
  return s >= params.clearFraction * h ? "hold" : "none";
}

/** Recovery: enough evidence for the baseline (CUSUM rule) or the window's upper bound below the absolute rate. */
function recovered(stats: RateStatistics, input: RateAlertInput, now: number, params: RateAlertParams): boolean {
  if (stats.rule === "cusum") return stats.recovery >= params.resolveThreshold;
  const window = trailingWindow(input.counts, params.absolute.windowMinutes, now);
  return window.n > 0 && wilsonInterval(window.k, window.n, params.intervalZ)[1] < params.absolute.rate;
}

function move(state: RateAlertState, to: RateAlertStatus, now: number, patch: Partial<RateAlertState> = {}): RateAlertState {
  return { ...state, ...patch, status: to, since: now };
}

function nextState(
  state: RateAlertState,
  evidence: RateEvidence,
  hasData: boolean,
  input: RateAlertInput,
  now: number,
  params: RateAlertParams,
): RateAlertState {
  const verdict: Verdict = input.suppressed || input.muted ? "none" : verdictFor(evidence, params);
  // The absolute rule has no CUSUM to accumulate evidence, so it fires through persistence.
  const persistence = state.rule === "absolute" ? params.absolute.confirmations : Infinity;
  switch (state.status) {
    case "normal":
    case "resolved":
      if (verdict === "fire" || (verdict === "pending" && persistence <= 1)) return move(state, "firing", now, firingReset(evidence.severity));
      if (verdict === "pending") return move(state, "pending", now, { streak: 1, peakSeverity: evidence.severity });
      return state;
    case "pending": {
      // No new data, or a silent source: neither confirm nor clear.
      if (!hasData || input.suppressed) return state;
      if (verdict === "none") return move(state, "normal", now, { streak: 0, peakSeverity: "none" });
      const streak = verdict === "pending" ? state.streak + 1 : 0;
      const peak = maxSeverity(state.peakSeverity, evidence.severity);
      if (verdict === "fire" || streak >= persistence) return move(state, "firing", now, firingReset(peak));
      return { ...state, streak, peakSeverity: peak };
    }
    case "firing": {
      const peakSeverity = maxSeverity(state.peakSeverity, evidence.severity);
      // Missing data never resolves a rate alert.
      if (!hasData || input.suppressed) return { ...state, peakSeverity };
      const streak = recovered(state, input, now, params) ? state.streak + 1 : 0;
      if (streak < params.resolveConfirmations) return { ...state, streak, peakSeverity };
      return move(state, "resolved", now, { ...resetStatistics(state), streak: 0, peakSeverity: "none" });
    }
  }
}

function firingReset(peakSeverity: Severity): Partial<RateAlertState> {
  return { streak: 0, recovery: 0, recoveryRun: EMPTY_RUN, peakSeverity };
}

function resetStatistics(state: RateAlertState): Partial<RateAlertState> {
  return { cusum: 0, run: EMPTY_RUN, recovery: 0, recoveryRun: EMPTY_RUN, rule: state.rule };
}

/**
 * One evaluation of a (surface, outcome) stream: folds the minutes closed since the
 * last one into the statistics, then moves normal → pending → firing → resolved with
 * hysteresis. Minutes without trials never resolve an alert.
 */
export function evaluateRateAlert(
  prev: RateAlertState | null,
  input: RateAlertInput,
  now: number,
  params: RateAlertParams,
): RateAlertResult {
  let state = prev ?? initialRateAlertState();
  const design = detectorDesign(input.baseline, params);
  // A baseline that finished (or restarted) learning changes the rule: its statistics start over.
  if (state.rule !== design.rule) state = { ...state, ...resetStatistics(state), rule: design.rule, streak: 0 };
  const minutes = newClosedMinutes(input.counts, state.processedThrough, now);
  const hasData = minutes.some((row) => row.n > 0);
  const folded = { ...state, ...foldMinutes(state, minutes, design, state.status === "firing", lastClosedMinute(now)) };
  const evidence = evidenceFor(folded, design, input, now, params);
  const next = nextState(folded, evidence, hasData, input, now, params);
  const transition = next.status === state.status ? null : { from: state.status, to: next.status, at: now };
  return { state: next, evidence, transition };
}
