import "server-only";
import { evaluateSilence, type SilenceState } from "@/lib/core/drift";
import type { Ctx } from "../auth/actor";
import { sources } from "../db/schema";
import { applySignal, openAlerts, resolveAlert } from "./alert-store";
import { deleteRuleStates, loadRuleStates, saveRuleStates } from "./rule-state";

const PREFIX = "silence:";

export type SilenceEvaluation = { sources: number; transitions: number; suppressed: Set<string> };

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 120 ? `${m} min` : `${Math.round(m / 60)} h`;
}

/**
 * Judges every active source once: overdue when nothing (heartbeats included) arrived for longer
 * than its expected interval, silent — and alerting — on the second overdue evaluation in a row.
 * Returns the sources whose streams' rate alerts must be held (late or silent).
 */
export async function evaluateSilenceAlerts(ctx: Ctx): Promise<SilenceEvaluation> {
  const now = ctx.now.getTime();
  const rows = await ctx.db.select().from(sources);
  const states = await loadRuleStates<SilenceState>(ctx.db, PREFIX);
  const open = new Map([...(await openAlerts(ctx.db, ["source_silent"])).values()].map((row) => [row.sourceId, row]));
  const next = new Map<string, SilenceState>();
  const suppressed = new Set<string>();
  let transitions = 0;
  for (const source of rows) {
    const alert = open.get(source.id);
    if (source.revokedAt) {
      if (alert) await resolveAlert(ctx.db, alert, ctx.now, "source revoked");
      continue;
    }
    const lastSeen = source.lastSeenAt?.getTime() ?? null;
    const result = evaluateSilence(lastSeen, source.expectedIntervalSeconds, states.get(PREFIX + source.id) ?? null, now);
    next.set(PREFIX + source.id, result.state);
    if (result.transition) transitions++;
    if (result.suppressRateAlerts) suppressed.add(source.id);
    if (result.state.status === "silent") {
      const quiet = lastSeen === null ? 0 : now - lastSeen;
      await applySignal(ctx.db, alert, {
        kind: "source_silent",
        identity: { source: source.name, source_id: source.id },
        state: "firing",
        severity: "critical",
        summary: `${source.name} has sent nothing for ${minutes(quiet)} (expected every ${minutes(source.expectedIntervalSeconds * 1000)})`,
        description: "No decisions, heartbeats or other records from this source: the gate may be down, blocked, or failing open. Its rate alerts are held while it is silent.",
        evidence: { lastSeenAt: source.lastSeenAt?.toISOString() ?? null, expectedIntervalSeconds: source.expectedIntervalSeconds, overdueEvaluations: result.state.overdueEvaluations, quietSeconds: Math.round(quiet / 1000) },
        sourceId: source.id,
      }, ctx.now);
    } else if (alert) {
      await resolveAlert(ctx.db, alert, ctx.now, "the source reported again");
    }
  }
  await saveRuleStates(ctx.db, next, ctx.now);
  await deleteRuleStates(ctx.db, [...states.keys()].filter((key) => !next.has(key)));
  return { sources: next.size, transitions, suppressed };
}
