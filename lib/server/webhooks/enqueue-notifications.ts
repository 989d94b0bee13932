import "server-only";
import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Ctx } from "../auth/actor";
import type { AlertConfig } from "../alerts/alert-config";
import { ALERT_NAMES, type AlertKind } from "../alerts/alert-kinds";
import type { AlertRow } from "../alerts/alert-store";
import { toAlertView } from "../alerts/alert-view";
import { silenceMatches, toSilenceView } from "../alerts/silence-view";
import { alertSilences, alerts, webhookDeliveries, webhooks } from "../db/schema";
import { alertmanagerBody } from "./alertmanager-body";
import { notificationReason } from "./notification-reason";

type Webhook = typeof webhooks.$inferSelect;

/** Severity as receivers filter on it: a firing alert is at least a warning. */
function deliveredSeverity(row: AlertRow): string {
  return row.severity === "none" ? "warning" : row.severity;
}

function wants(hook: Webhook, row: AlertRow): boolean {
  return (hook.kinds.length === 0 || hook.kinds.includes(row.kind)) && hook.severities.includes(deliveredSeverity(row));
}

/** Alerts that receivers must hear about now: not silenced (a resolution is always sent). */
async function dueAlerts(ctx: Ctx, config: AlertConfig): Promise<AlertRow[]> {
  const candidates = await ctx.db
    .select()
    .from(alerts)
    .where(or(eq(alerts.state, "firing"), and(eq(alerts.state, "resolved"), eq(alerts.notifiedState, "firing"))));
  if (candidates.length === 0) return [];
  const silences = (
    await ctx.db
      .select()
      .from(alertSilences)
      .where(and(isNull(alertSilences.endedAt), lte(alertSilences.startsAt, ctx.now), gt(alertSilences.endsAt, ctx.now)))
  ).map((row) => toSilenceView(row, ctx.now));
  return candidates.filter((row) => {
    const reason = notificationReason(row, ctx.now, config.repeatIntervalSeconds * 1000);
    if (reason === null) return false;
    return reason === "resolved" || !silences.some((silence) => silenceMatches(silence, row, ctx.now));
  });
}

/**
 * Queues notifications for what changed since receivers were last told, one delivery per
 * (webhook, alert kind) per pass — fifty surfaces shifting at once make one notification per
 * receiver, not fifty — and records what was notified. Runs inside the evaluator's transaction.
 */
export async function enqueueNotifications(ctx: Ctx, config: AlertConfig): Promise<number> {
  const due = await dueAlerts(ctx, config);
  if (due.length === 0) return 0;
  const hooks = await ctx.db.select().from(webhooks).where(eq(webhooks.enabled, true));
  let queued = 0;
  for (const hook of hooks) {
    const byKind = new Map<string, AlertRow[]>();
    for (const row of due.filter((r) => wants(hook, r))) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
    for (const [kind, rows] of byKind) {
      const body = alertmanagerBody({
        receiver: hook.name,
        externalUrl: config.publicUrl,
        groupLabels: { alertname: ALERT_NAMES[kind as AlertKind] ?? kind },
        alerts: rows.map((row) => ({ ...toAlertView(row, ctx.now), severity: deliveredSeverity(row) })),
      });
      await ctx.db.insert(webhookDeliveries).values({
        webhookId: hook.id,
        groupKey: body.groupKey,
        status: body.status,
        alertIds: rows.map((row) => row.id),
        body: JSON.stringify(body),
        state: "pending",
        nextAttemptAt: ctx.now,
        createdAt: ctx.now,
      });
      queued++;
    }
  }
  for (const row of due) {
    await ctx.db
      .update(alerts)
      .set({ notifiedState: row.state, notifiedSeverity: row.severity, notifiedAt: ctx.now })
      .where(inArray(alerts.id, [row.id]));
  }
  return queued;
}
