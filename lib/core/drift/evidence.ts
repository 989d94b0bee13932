import { binomialSfExact } from "./binomial-tail";
import type { TimeRange } from "./counts";
import { shiftRate } from "./cusum";
import type { RateAlertParams } from "./params";
import { wilsonInterval } from "./wilson";
import type { Interval } from "./wilson";

/** How bad a shift is, from the Wilson lower bound of the observed rate. */
export type Severity = "none" | "warning" | "critical";

/** Which rule judged the stream: the baseline CUSUM, or the absolute rule while learning. */
export type RateRule = "cusum" | "absolute";

/** What a rate alert stores and shows: the numbers behind the decision, nothing to recompute. */
export type RateEvidence = {
  rule: RateRule;
  /** Events and trials in the evidence window. */
  k: number;
  n: number;
  /** The evidence window (the CUSUM run, or the absolute rule's trailing window); null when empty. */
  window: TimeRange | null;
  /** k / n, or null with no trials. */
  observedRate: number | null;
  /** The baseline estimate charts draw. */
  baselineRate: number;
  /** The conservative in-control rate tested against (p0). */
  referenceRate: number;
  /** The shifted rate the detector is tuned to (p1). */
  shiftRate: number;
  /** Wilson interval of observedRate. */
  interval: Interval;
  /** CUSUM statistic and its threshold (null under the absolute rule). */
  cusum: number | null;
  threshold: number | null;
  /** Exact one-sided binomial p-value P[X ≥ k | n, referenceRate]. */
  pValue: number;
  severity: Severity;
};

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { none: 0, warning: 1, critical: 2 };

/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] >= SEVERITY_ORDER[b] ? a : b;
}

/**
 * Severity from the Wilson lower bound: critical when even the bound is far above
 * the reference rate (an odds-ratio or absolute band), warning when it is above it.
 */
export function severityFor(lowerBound: number, referenceRate: number, params: RateAlertParams): Severity {
  const criticalRate = shiftRate(referenceRate, { oddsRatio: params.criticalOddsRatio, delta: params.criticalDelta });
  if (lowerBound >= criticalRate) return "critical";
  if (lowerBound > referenceRate) return "warning";
  return "none";
}

export type EvidenceInput = {
  rule: RateRule;
  k: number;
  n: number;
  window: TimeRange | null;
  baselineRate: number;
  referenceRate: number;
  shiftRate: number;
  cusum: number | null;
  threshold: number | null;
};

/** Evidence for k events in n trials against a reference rate: interval, exact p-value and severity. */
export function buildEvidence(input: EvidenceInput, params: RateAlertParams): RateEvidence {
  const interval = wilsonInterval(input.k, input.n, params.intervalZ);
  return {
    ...input,
    window: input.n === 0 ? null : input.window,
    observedRate: input.n === 0 ? null : input.k / input.n,
    interval,
    pValue: binomialSfExact(input.k, input.n, input.referenceRate),
    severity: input.n === 0 ? "none" : severityFor(interval[0], input.referenceRate, params),
  };
}

function percent(rate: number): string {
  const digits = rate !== 0 && rate < 0.01 ? 2 : 1;
  return `${(rate * 100).toFixed(digits)} %`;
}

/**
 * One line a person can read, for alert annotations and webhooks, e.g.
 * "12 of 27 (44.4 %, 95 % CI 27.6–62.7 %) against a 2.0 % baseline; CUSUM 17.9 ≥ 10.0; p = 3.1e-12; critical".
 */
export function summarizeEvidence(evidence: RateEvidence): string {
  if (evidence.n === 0 || evidence.observedRate === null) return `no decisions in the window; baseline ${percent(evidence.baselineRate)}`;
  const [lo, hi] = evidence.interval;
  const parts = [
    `${evidence.k} of ${evidence.n} (${percent(evidence.observedRate)}, 95 % CI ${percent(lo).replace(" %", "")}–${percent(hi)}) against a ${percent(evidence.baselineRate)} baseline`,
    evidence.cusum === null || evidence.threshold === null
      ? `absolute rule: ≥ ${percent(evidence.shiftRate)} tested against ${percent(evidence.referenceRate)}`
      : `CUSUM ${evidence.cusum.toFixed(1)} ${evidence.cusum >= evidence.threshold ? "≥" : "<"} ${evidence.threshold.toFixed(1)}`,
    `p = ${evidence.pValue.toPrecision(2)}`,
    evidence.severity,
  ];
  return parts.join("; ");
}
