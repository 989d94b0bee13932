import { ALERT_KIND_TITLES, type AlertKind } from "./alert-kinds";
import { alertLinks, type AlertLinks } from "./alert-links";
import type { AlertRow } from "./alert-store";
import type { SilenceView } from "./silence-view";
import { silenceMatches } from "./silence-view";

/** An alert as the API and the console show it. */
export type AlertView = {
  id: string;
  fingerprint: string;
  kind: AlertKind;
  kindTitle: string;
  state: "pending" | "firing" | "resolved";
  /** Resolved without ever firing: a pending signal that cleared. */
  cleared: boolean;
  severity: string;
  labels: Record<string, string>;
  summary: string;
  description: string;
  evidence: Record<string, unknown>;
  surface: string | null;
  outcome: string | null;
  sourceId: string | null;
  startsAt: string;
  firedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
  acknowledgement: { by: string; at: string; note: string } | null;
  /** Ids of the active silences that match: the alert is shown but not notified. */
  silencedBy: string[];
  links: AlertLinks;
};

export function toAlertView(row: AlertRow, now: Date, silences: readonly SilenceView[] = []): AlertView {
  const kind = row.kind as AlertKind;
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    kind,
    kindTitle: ALERT_KIND_TITLES[kind] ?? row.kind,
    state: row.state as AlertView["state"],
    cleared: row.state === "resolved" && row.firedAt === null,
    severity: row.severity,
    labels: row.labels,
    summary: row.summary,
    description: row.description,
    evidence: row.evidence,
    surface: row.surface,
    outcome: row.outcome,
    sourceId: row.sourceId,
    startsAt: row.startsAt.toISOString(),
    firedAt: row.firedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    acknowledgement:
      row.acknowledgedAt && row.acknowledgeNote !== null
        ? { by: row.acknowledgedByEmail ?? "unknown", at: row.acknowledgedAt.toISOString(), note: row.acknowledgeNote }
        : null,
    silencedBy: row.state === "resolved" ? [] : silences.filter((s) => silenceMatches(s, row, now)).map((s) => s.id),
    links: alertLinks(row, now),
  };
}
