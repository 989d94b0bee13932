import type { alertSilences } from "../db/schema";

/** Labels a silence may match on (equality); every alert carries kind, and the others that identify it. */
export const SILENCE_LABELS = ["kind", "surface", "outcome", "source_id", "iss", "grant", "job"] as const;
export type SilenceMatchers = Partial<Record<(typeof SILENCE_LABELS)[number], string>>;

export type SilenceView = {
  id: string;
  matchers: SilenceMatchers;
  reason: string;
  startsAt: string;
  endsAt: string;
  createdAt: string;
  createdBy: string;
  endedAt: string | null;
  endedBy: string | null;
  /** Active now: started, not past its end, not ended early. */
  active: boolean;
};

export function toSilenceView(row: typeof alertSilences.$inferSelect, now: Date): SilenceView {
  const t = now.getTime();
  return {
    id: row.id,
    matchers: row.matchers,
    reason: row.reason,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByEmail,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedByEmail,
    active: row.endedAt === null && row.startsAt.getTime() <= t && t < row.endsAt.getTime(),
  };
}

/** Whether a silence covers an alert now: it is active and every label it sets equals the alert's. */
export function silenceMatches(silence: SilenceView, alert: { labels: Record<string, string> }, now: Date): boolean {
  const t = now.getTime();
  if (silence.endedAt !== null || Date.parse(silence.startsAt) > t || Date.parse(silence.endsAt) <= t) return false;
  const entries = Object.entries(silence.matchers);
  return entries.length > 0 && entries.every(([label, value]) => alert.labels[label] === value);
}
