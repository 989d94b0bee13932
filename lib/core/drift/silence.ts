/** A source's reporting state: "late" after one overdue evaluation, "silent" (alerting) after two. */
export type SilenceStatus = "ok" | "late" | "silent";

export type SilenceState = {
  status: SilenceStatus;
  /** Consecutive evaluations that found the source overdue. */
  overdueEvaluations: number;
  /** When the status last changed, epoch ms. */
  since: number | null;
};

export type SilenceResult = {
  state: SilenceState;
  /** Set when the status changed in this evaluation; ok→silent or late→silent raises the alert, →ok resolves it. */
  transition: { from: SilenceStatus; to: SilenceStatus; at: number } | null;
  /** While a source is overdue its streams' rate alerts hold: an absence of data is not a rate shift. */
  suppressRateAlerts: boolean;
};

/** Overdue evaluations in a row before a source counts as silent. */
export const SILENT_AFTER_EVALUATIONS = 2;

/** The state of a source that has never been evaluated. */
export function initialSilenceState(): SilenceState {
  return { status: "ok", overdueEvaluations: 0, since: null };
}

/**
 * Silence rule for one source (gate): overdue when nothing, heartbeats included, was
 * seen for longer than its expected interval; silent after two overdue evaluations in
 * a row; back to ok on the first evaluation that sees fresh data. A source that has
 * never reported (lastSeenAt null) is not judged: pass its creation time to judge it.
 */
export function evaluateSilence(
  lastSeenAt: number | null,
  expectedIntervalSec: number,
  prev: SilenceState | null,
  now: number,
): SilenceResult {
  if (!(expectedIntervalSec > 0)) throw new TypeError("expectedIntervalSec must be positive");
  const state = prev ?? initialSilenceState();
  const overdue = lastSeenAt !== null && now - lastSeenAt > expectedIntervalSec * 1000;
  const overdueEvaluations = overdue ? state.overdueEvaluations + 1 : 0;
  const status: SilenceStatus = !overdue ? "ok" : overdueEvaluations >= SILENT_AFTER_EVALUATIONS ? "silent" : "late";
  const changed = status !== state.status;
  return {
    state: { status, overdueEvaluations, since: changed ? now : state.since },
    transition: changed ? { from: state.status, to: status, at: now } : null,
    suppressRateAlerts: status !== "ok",
  };
}
