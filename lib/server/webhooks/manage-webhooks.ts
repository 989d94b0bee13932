import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { webhookDeliveries, webhooks } from "../db/schema";
import { conflict, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { alertConfig } from "../alerts/alert-config";
import { entityId } from "../alerts/entity-id";
import { CreateWebhookInput, RotateWebhookSecretInput, UpdateWebhookInput } from "./schemas";
import { sealSecret } from "./secret-box";
import { toWebhookView, type WebhookView } from "./webhook-view";

const SECRET_PREFIX = "whsec_";

function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

function hint(secret: string): string {
  return `${secret.slice(0, Math.min(10, Math.floor(secret.length / 3)))}…`;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

/** Adds a webhook receiver (admin). Its secret — given, or generated — is returned once and stored encrypted. */
export async function createWebhook(ctx: Ctx, rawInput: CreateWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
  requireRole(ctx, "admin");
  const input = parseInput(CreateWebhookInput, rawInput);
  const secret = input.secret ?? newWebhookSecret();
  const id = randomUUID();
  const sealed = sealSecret(await alertConfig().webhookKey(), id, secret);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(webhooks)
        .values({ id, name: input.name, url: input.url, secretCiphertext: sealed, secretHint: hint(secret), kinds: input.kinds, severities: input.severities, enabled: input.enabled, createdAt: ctx.now, createdBy: ctx.actor.type === "user" ? ctx.actor.userId : null, updatedAt: ctx.now })
        .returning();
      await appendAudit(tx, ctx, { action: "webhook.created", targetType: "webhook", targetId: id, details: { name: input.name, url: input.url, kinds: input.kinds, severities: input.severities, enabled: input.enabled } });
      return { webhook: toWebhookView(row!), secret };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A webhook named "${input.name}" already exists.`, "DUPLICATE_NAME");
    throw error;
  }
}

/** Changes a webhook's name, URL, filters or whether it is enabled (admin). */
export async function updateWebhook(ctx: Ctx, id: string, rawInput: UpdateWebhookInput): Promise<WebhookView> {
  requireRole(ctx, "admin");
  entityId(id, "The webhook");
  const input = parseInput(UpdateWebhookInput, rawInput);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [current] = await tx.select().from(webhooks).where(eq(webhooks.id, id)).for("update");
      if (!current) throw notFound("The webhook");
      const [row] = await tx.update(webhooks).set({ ...input, updatedAt: ctx.now }).where(eq(webhooks.id, id)).returning();
      const changes = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, { from: current[key as keyof typeof current], to: value }]));
      await appendAudit(tx, ctx, { action: "webhook.updated", targetType: "webhook", targetId: id, details: { name: row!.name, changes } });
      return toWebhookView(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A webhook named "${input.name}" already exists.`, "DUPLICATE_NAME");
    throw error;
  }
}

/** Replaces a webhook's secret (admin); the new one is returned once. */
export async function rotateWebhookSecret(ctx: Ctx, id: string, rawInput: RotateWebhookSecretInput = {}): Promise<{ webhook: WebhookView; secret: string }> {
  requireRole(ctx, "admin");
  entityId(id, "The webhook");
  const input = parseInput(RotateWebhookSecretInput, rawInput);
  const secret = input.secret ?? newWebhookSecret();
  const sealed = sealSecret(await alertConfig().webhookKey(), id, secret);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(webhooks).set({ secretCiphertext: sealed, secretHint: hint(secret), updatedAt: ctx.now }).where(eq(webhooks.id, id)).returning();
    if (!row) throw notFound("The webhook");
    await appendAudit(tx, ctx, { action: "webhook.secret_rotated", targetType: "webhook", targetId: id, details: { name: row.name, hint: row.secretHint } });
    return { webhook: toWebhookView(row), secret };
  });
}

/** Removes a webhook and its delivery log (admin). */
export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx, "admin");
  entityId(id, "The webhook");
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning();
    if (!row) throw notFound("The webhook");
    await appendAudit(tx, ctx, { action: "webhook.deleted", targetType: "webhook", targetId: id, details: { name: row.name, url: row.url } });
  });
}

/** Every webhook with the state of its latest delivery (admin). */
export async function listWebhooks(ctx: Ctx): Promise<WebhookView[]> {
  requireRole(ctx, "admin");
  const rows = await ctx.db.select().from(webhooks).orderBy(sql`lower(${webhooks.name})`);
  if (rows.length === 0) return [];
  const latest = await ctx.db
    .selectDistinctOn([webhookDeliveries.webhookId])
    .from(webhookDeliveries)
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.id));
  const byHook = new Map(latest.map((d) => [d.webhookId, d]));
  return rows.map((row) => toWebhookView(row, byHook.get(row.id)));
}
