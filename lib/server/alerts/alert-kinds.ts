import { createHash } from "node:crypto";

/** Every kind of alert the console raises (docs/alerting.md). */
export const ALERT_KINDS = [
  "outcome_rate",
  "source_silent",
  "break_glass_used",
  "break_glass_violation",
  "receipt_verification_failures",
  "receipt_equivocation",
  "job_stalled",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATES = ["pending", "firing", "resolved"] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export const ALERT_SEVERITIES = ["warning", "critical"] as const;
export type AlertSeverity = "none" | (typeof ALERT_SEVERITIES)[number];

/** The Alertmanager-style `alertname` label of each kind. */
export const ALERT_NAMES: Record<AlertKind, string> = {
  outcome_rate: "OutcomeRateShift",
  source_silent: "SourceSilent",
  break_glass_used: "BreakGlassUsed",
  break_glass_violation: "BreakGlassViolation",
  receipt_verification_failures: "ReceiptVerificationFailures",
  receipt_equivocation: "ReceiptEquivocation",
  job_stalled: "JobStalled",
};

/** What people read in filters and on the alerts page. */
export const ALERT_KIND_TITLES: Record<AlertKind, string> = {
  outcome_rate: "Outcome-rate shift",
  source_silent: "Source silent",
  break_glass_used: "Break-glass grant used",
  break_glass_violation: "Break-glass violation",
  receipt_verification_failures: "Receipt verification failures",
  receipt_equivocation: "Receipt equivocation",
  job_stalled: "Background job stalled",
};

const SEVERITY_RANK: Record<AlertSeverity, number> = { none: 0, warning: 1, critical: 2 };

/** Orders severities: none < warning < critical. */
export function severityRank(severity: string): number {
  return SEVERITY_RANK[severity as AlertSeverity] ?? 0;
}

/** Labels of an alert: alertname and kind first, then the identifying labels (no empty values). */
export function alertLabels(kind: AlertKind, identity: Record<string, string | null | undefined>): Record<string, string> {
  const labels: Record<string, string> = { alertname: ALERT_NAMES[kind], kind };
  for (const [name, value] of Object.entries(identity)) if (value !== null && value !== undefined && value !== "") labels[name] = value;
  return labels;
}

/** A stable id for the series an alert belongs to: 16 hex digits of SHA-256 over the sorted identifying labels (like Alertmanager's). */
export function alertFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}`)
    .join("\u0001");
  return createHash("sha256").update(canonical, "utf8").digest("hex").slice(0, 16);
}
