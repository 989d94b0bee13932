import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { alertConfig } from "../alerts/alert-config";
import { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema";
import { notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { ZERO_TIME, type AlertmanagerBody } from "./alertmanager-body";
import { attemptDelivery } from "./deliver-webhooks";
import { entityId } from "../alerts/entity-id";
import { ListDeliveriesInput } from "./schemas";
import { toDeliveryView, type WebhookDeliveryView } from "./webhook-view";

function testBody(receiver: string, externalUrl: string, now: Date): AlertmanagerBody {
  const labels = { alertname: "CountersignTest", kind: "test", severity: "warning" };
  const annotations = { summary: "Test notification from countersign", description: "Sent with the \"Send test\" button: if you can read this and the signature verified, the webhook works." };
  return {
    version: "4",
    groupKey: '{}:{alertname="CountersignTest"}',
    truncatedAlerts: 0,
    status: "firing",
    receiver,
    groupLabels: { alertname: "CountersignTest" },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: externalUrl,
    alerts: [{ status: "firing", labels, annotations, startsAt: now.toISOString(), endsAt: ZERO_TIME, generatorURL: `${externalUrl}/admin/webhooks`, fingerprint: "0000000000000000" }],
  };
}

/** Sends a signed test notification right away (admin) and answers with the attempt's outcome; test deliveries are not retried. */
export async function sendTestWebhook(ctx: Ctx, id: string): Promise<WebhookDeliveryView> {
  requireRole(ctx, "admin");
  entityId(id, "The webhook");
  const [hook] = await ctx.db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!hook) throw notFound("The webhook");
  const config = alertConfig();
  const body = testBody(hook.name, config.publicUrl, ctx.now);
  const delivery = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({ webhookId: hook.id, groupKey: body.groupKey, status: "firing", alertIds: [], body: JSON.stringify(body), test: true, state: "pending", nextAttemptAt: ctx.now, createdAt: ctx.now })
      .returning();
    await appendAudit(tx, ctx, { action: "webhook.test_sent", targetType: "webhook", targetId: hook.id, details: { name: hook.name, delivery: row!.id } });
    return row!;
  });
  await attemptDelivery(ctx, delivery, hook, await config.webhookKey());
  const [after] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
  const attempts = await ctx.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id));
  return toDeliveryView(after!, attempts);
}

/** The delivery log of one webhook, newest first, each with its attempts and status codes (admin). */
export async function listWebhookDeliveries(ctx: Ctx, id: string, rawInput: ListDeliveriesInput = {}): Promise<WebhookDeliveryView[]> {
  requireRole(ctx, "admin");
  entityId(id, "The webhook");
  const input = parseInput(ListDeliveriesInput, rawInput);
  const [hook] = await ctx.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id));
  if (!hook) throw notFound("The webhook");
  const rows = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).orderBy(desc(webhookDeliveries.id)).limit(input.limit);
  const attempts = rows.length === 0 ? [] : await ctx.db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)));
  return rows.map((row) => toDeliveryView(row, attempts.filter((a) => a.deliveryId === row.id).sort((a, b) => a.at.getTime() - b.at.getTime())));
}
