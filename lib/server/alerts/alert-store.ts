import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../db";
import { alertEvents, alerts } from "../db/schema";
import { alertFingerprint, alertLabels, severityRank, type AlertKind, type AlertSeverity } from "./alert-kinds";

export type AlertRow = typeof alerts.$inferSelect;

/** What an evaluator says about one alert series right now. */
export type AlertSignal = {
  kind: AlertKind;
  identity: Record<string, string | null | undefined>;
  state: "pending" | "firing";
  severity: AlertSeverity;
  summary: string;
  description: string;
  evidence: Record<string, unknown>;
  surface?: string | null;
  outcome?: string | null;
  sourceId?: string | null;
};

const SYSTEM = "evaluator";

/** Open (pending or firing) alerts of some kinds, by fingerprint. */
export async function openAlerts(db: DbOrTx, kinds: readonly AlertKind[]): Promise<Map<string, AlertRow>> {
  const rows = await db
    .select()
    .from(alerts)
    .where(and(ne(alerts.state, "resolved"), inArray(alerts.kind, [...kinds])));
  return new Map(rows.map((row) => [row.fingerprint, row]));
}

async function event(db: DbOrTx, alertId: string, at: Date, type: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insert(alertEvents).values({ alertId, at, type, actor: SYSTEM, details });
}

/**
 * Brings one alert series in line with a signal: opens an episode, moves pending → firing,
 * raises the severity (never lowers it within an episode) and refreshes the evidence. The
 * timeline keeps the evidence as it stood at each step (pending, firing, escalated).
 */
export async function applySignal(db: DbOrTx, open: AlertRow | undefined, signal: AlertSignal, now: Date): Promise<AlertRow> {
  const labels = alertLabels(signal.kind, signal.identity);
  const common = { summary: signal.summary, description: signal.description, evidence: signal.evidence, updatedAt: now };
  if (!open) {
    const [row] = await db
      .insert(alerts)
      .values({
        ...common,
        fingerprint: alertFingerprint(labels),
        kind: signal.kind,
        labels,
        state: signal.state,
        severity: signal.severity,
        surface: signal.surface ?? null,
        outcome: signal.outcome ?? null,
        sourceId: signal.sourceId ?? null,
        startsAt: now,
        firedAt: signal.state === "firing" ? now : null,
      })
      .returning();
    await event(db, row!.id, now, signal.state, { severity: signal.severity, summary: signal.summary, evidence: signal.evidence });
    return row!;
  }
  const fires = open.state === "pending" && signal.state === "firing";
  const escalates = severityRank(signal.severity) > severityRank(open.severity);
  const [row] = await db
    .update(alerts)
    .set({ ...common, state: fires ? "firing" : open.state, firedAt: fires ? now : open.firedAt, severity: escalates ? signal.severity : open.severity })
    .where(eq(alerts.id, open.id))
    .returning();
  if (fires) await event(db, open.id, now, "firing", { severity: row!.severity, summary: signal.summary, evidence: signal.evidence });
  else if (escalates && open.state === "firing") await event(db, open.id, now, "escalated", { from: open.severity, to: signal.severity, evidence: signal.evidence });
  return row!;
}

/** Ends an episode: "resolved" when it had fired, "cleared" when it was only pending. */
export async function resolveAlert(db: DbOrTx, open: AlertRow, now: Date, reason: string, evidence?: Record<string, unknown>): Promise<void> {
  await db
    .update(alerts)
    .set({ state: "resolved", resolvedAt: now, updatedAt: now, ...(evidence ? { evidence } : {}) })
    .where(eq(alerts.id, open.id));
  await event(db, open.id, now, open.firedAt ? "resolved" : "cleared", { reason });
}
