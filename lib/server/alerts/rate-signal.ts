import { maxSeverity, summarizeEvidence, type Baseline, type RateAlertResult, type Sensitivity } from "@/lib/core/drift";
import { toBaselineView } from "../drift/series";
import type { WatchedOutcome } from "../drift/stream-key";
import type { AlertSignal } from "./alert-store";

function percent(rate: number | null): string {
  if (rate === null) return "—";
  return `${(rate * 100).toFixed(rate !== 0 && rate < 0.01 ? 2 : 1)} %`;
}

/** The alert signal of a pending or firing rate stream: labels, severity, one-line summary, evidence. */
export function rateSignal(
  stream: { surface: string; outcome: WatchedOutcome },
  result: RateAlertResult,
  baseline: Baseline,
  sensitivity: Sensitivity,
): AlertSignal | null {
  const { state, evidence } = result;
  if (state.status !== "pending" && state.status !== "firing") return null;
  const peak = maxSeverity(state.peakSeverity, evidence.severity);
  // A firing alert pages; it is at least a warning even when its interval now touches p0.
  const severity = state.status === "firing" ? maxSeverity(peak, "warning") : peak;
  return {
    kind: "outcome_rate",
    identity: { surface: stream.surface, outcome: stream.outcome },
    state: state.status,
    severity,
    summary: `${stream.surface}: ${stream.outcome} at ${percent(evidence.observedRate)} (${evidence.k} of ${evidence.n}) against a ${percent(evidence.baselineRate)} baseline`,
    description: summarizeEvidence(evidence),
    evidence: { ...evidence, sensitivity, baseline: toBaselineView(baseline) },
    surface: stream.surface,
    outcome: stream.outcome,
  };
}
