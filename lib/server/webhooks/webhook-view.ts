import type { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema";

export type WebhookView = {
  id: string;
  name: string;
  url: string;
  /** The first characters of the secret, to tell secrets apart; the secret itself is never served again. */
  secretHint: string;
  kinds: string[];
  severities: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastDelivery: { state: string; statusCode: number | null; at: string | null } | null;
};

export type WebhookAttemptView = { at: string; statusCode: number | null; error: string | null; durationMs: number };

export type WebhookDeliveryView = {
  id: number;
  status: string;
  groupKey: string;
  test: boolean;
  state: string;
  attempts: number;
  alertCount: number;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  log: WebhookAttemptView[];
};

export function toWebhookView(row: typeof webhooks.$inferSelect, last?: typeof webhookDeliveries.$inferSelect): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secretHint: row.secretHint,
    kinds: row.kinds,
    severities: row.severities,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastDelivery: last ? { state: last.state, statusCode: last.lastStatusCode, at: last.lastAttemptAt?.toISOString() ?? null } : null,
  };
}

export function toDeliveryView(row: typeof webhookDeliveries.$inferSelect, attempts: Array<typeof webhookAttempts.$inferSelect>): WebhookDeliveryView {
  return {
    id: row.id,
    status: row.status,
    groupKey: row.groupKey,
    test: row.test,
    state: row.state,
    attempts: row.attempts,
    alertCount: row.alertIds.length,
    createdAt: row.createdAt.toISOString(),
    nextAttemptAt: row.state === "pending" ? row.nextAttemptAt.toISOString() : null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    log: attempts.map((a) => ({ at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  };
}
