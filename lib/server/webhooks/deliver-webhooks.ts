import "server-only";
import { and, asc, eq, lte } from "drizzle-orm";
import { getConfig } from "../config";
import type { Ctx } from "../auth/actor";
import { alertConfig } from "../alerts/alert-config";
import { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema";
import { logger } from "../telemetry/logger";
import { postWebhook, type PostResult } from "./post-webhook";
import { openSecret } from "./secret-box";

/** Attempts before a delivery is given up (about seven hours of backoff in all). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 3_600_000;
const BATCH = 25;

/** Delay before attempt `attempts + 1`: 30 s doubling to at most an hour, ±20 % jitter so receivers are not hit in step. */
export function retryDelayMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

type Delivery = typeof webhookDeliveries.$inferSelect;
type Webhook = typeof webhooks.$inferSelect;

function userAgent(): string {
  try {
    return `countersign/${getConfig().version}`;
  } catch {
    return "countersign";
  }
}

/** Sends one delivery now and records the attempt; gives up after MAX_ATTEMPTS or on a non-retryable answer. */
export async function attemptDelivery(ctx: Ctx, delivery: Delivery, hook: Webhook, key: Uint8Array, clock: () => Date = () => new Date()): Promise<PostResult> {
  const at = clock();
  let result: PostResult;
  try {
    const secret = openSecret(key, hook.id, hook.secretCiphertext);
    result = await postWebhook(hook.url, secret, delivery.body, { "User-Agent": userAgent(), "X-Countersign-Delivery": String(delivery.id) }, at);
  } catch (error) {
    logger.error({ webhook: hook.id, reason: (error as Error).message }, "webhook secret cannot be decrypted");
    result = { statusCode: null, error: "the secret cannot be decrypted with the configured key", durationMs: 0, ok: false, retryable: false };
  }
  const attempts = delivery.attempts + 1;
  const giveUp = !result.ok && (!result.retryable || attempts >= MAX_ATTEMPTS || delivery.test);
  await ctx.db.insert(webhookAttempts).values({ deliveryId: delivery.id, at, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs });
  await ctx.db
    .update(webhookDeliveries)
    .set({
      attempts,
      lastAttemptAt: at,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      state: result.ok ? "delivered" : giveUp ? "failed" : "pending",
      deliveredAt: result.ok ? at : null,
      nextAttemptAt: result.ok || giveUp ? at : new Date(at.getTime() + retryDelayMs(attempts)),
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  return result;
}

/**
 * Sends the deliveries that are due (oldest first), one at a time. The job runs in one
 * instance at a time, so a delivery is never sent twice concurrently.
 */
export async function deliverDueWebhooks(ctx: Ctx, clock?: () => Date): Promise<{ attempted: number; delivered: number }> {
  const due = await ctx.db
    .select({ delivery: webhookDeliveries, hook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.state, "pending"), lte(webhookDeliveries.nextAttemptAt, ctx.now), eq(webhooks.enabled, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(BATCH);
  if (due.length === 0) return { attempted: 0, delivered: 0 };
  const key = await alertConfig().webhookKey();
  let delivered = 0;
  for (const { delivery, hook } of due) if ((await attemptDelivery(ctx, delivery, hook, key, clock)).ok) delivered++;
  return { attempted: due.length, delivered };
}
