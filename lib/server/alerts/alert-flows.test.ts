import { randomBytes } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/core/accounts";
import { alerts, auditLog, webhookDeliveries } from "../db/schema";
import { createSource } from "../sources";
import { FROZEN_NOW, roleCtx, systemCtx, userCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { createUser } from "../users";
import { createWebhook, deleteWebhook, enqueueNotifications, listWebhookDeliveries, listWebhooks, rotateWebhookSecret, sendTestWebhook, updateWebhook } from "../webhooks";
import { applySignal, type AlertSignal } from "./alert-store";
import {
  acknowledgeAlert,
  alertConfig,
  createSilence,
  endSilence,
  evaluateAlerts,
  getAlertSettings,
  listAlerts,
  listSilences,
  updateSourceInterval,
  updateSurfaceSettings,
  installAlertConfig,
} from "./index";

const signal = (surface: string, patch: Partial<AlertSignal> = {}): AlertSignal => ({
  kind: "outcome_rate",
  identity: { surface, outcome: "DENY" },
  state: "firing",
  severity: "critical",
  summary: `${surface}: DENY at 40 %`,
  description: "12 of 27",
  evidence: { k: 12, n: 27 },
  surface,
  outcome: "DENY",
  ...patch,
});

describe.each(await databaseKinds())("acknowledgements, silences and settings on %s", (kind) => {
  let database: TestDatabase;
  const people = {} as Record<Role, { id: string; email: string; roles: Role[] }>;
  const as = (role: Role, now = FROZEN_NOW) => userCtx(database.db, people[role], now);

  async function lastAudit() {
    const [row] = await database.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    return row!;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    installAlertConfig({ publicUrl: "http://console.test", evaluateIntervalSeconds: 60, repeatIntervalSeconds: 3600, webhookKey: async () => randomBytes(32) });
    for (const role of ["auditor", "oncall", "admin"] as const) {
      const user = await createUser(systemCtx(database.db), { email: `${role}@example.com`, roles: [role], password: "flows password 1" });
      people[role] = { id: user.id, email: user.email, roles: [role] };
    }
  });
  afterAll(async () => {
    installAlertConfig(undefined);
    await database.drop();
  });

  it("acknowledges an open alert once, with a note, on the audit trail; auditors and resolved alerts are refused", async () => {
    const row = await applySignal(database.db, undefined, signal("payments"), FROZEN_NOW);
    await expect(acknowledgeAlert(as("auditor"), row.id, { note: "looking" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(acknowledgeAlert(as("oncall"), row.id, { note: "  " })).rejects.toMatchObject({ code: "VALIDATION" });
    const acked = await acknowledgeAlert(as("oncall"), row.id, { note: "rolling back policy 2026-11-20.3" });
    expect(acked.acknowledgement).toEqual({ by: "oncall@example.com", at: FROZEN_NOW.toISOString(), note: "rolling back policy 2026-11-20.3" });
    expect(acked.state).toBe("firing");
    expect(await lastAudit()).toMatchObject({ action: "alert.acknowledged", actorEmail: "oncall@example.com", targetId: row.id, details: { note: "rolling back policy 2026-11-20.3" } });
    await expect(acknowledgeAlert(as("admin"), row.id, { note: "me too" })).rejects.toMatchObject({ code: "CONFLICT" });
    await database.db.update(alerts).set({ state: "resolved", resolvedAt: FROZEN_NOW }).where(eq(alerts.id, row.id));
    const other = await applySignal(database.db, undefined, signal("shell"), FROZEN_NOW);
    await database.db.update(alerts).set({ state: "resolved", resolvedAt: FROZEN_NOW }).where(eq(alerts.id, other.id));
    await expect(acknowledgeAlert(as("admin"), other.id, { note: "late" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(acknowledgeAlert(as("admin"), "not-an-id", { note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("stops repeat notifications once acknowledged, but not escalations", async () => {
    const row = await applySignal(database.db, undefined, signal("github", { severity: "warning" }), FROZEN_NOW);
    const hook = await createWebhook(systemCtx(database.db), { name: "flows", url: "http://127.0.0.1:9/never" });
    const config = alertConfig();
    const queued = (at: Date) => enqueueNotifications(systemCtx(database.db, at), config);
    expect(await queued(FROZEN_NOW)).toBe(1);
    expect(await queued(new Date(FROZEN_NOW.getTime() + 30 * 60_000))).toBe(0);
    expect(await queued(new Date(FROZEN_NOW.getTime() + 61 * 60_000))).toBe(1); // repeat after the interval
    await acknowledgeAlert(as("oncall"), row.id, { note: "on it" });
    expect(await queued(new Date(FROZEN_NOW.getTime() + 3 * 3600_000))).toBe(0);
    const [current] = await database.db.select().from(alerts).where(eq(alerts.id, row.id));
    await applySignal(database.db, current, signal("github", { severity: "critical" }), new Date(FROZEN_NOW.getTime() + 3 * 3600_000));
    expect(await queued(new Date(FROZEN_NOW.getTime() + 3 * 3600_000))).toBe(1);
    await deleteWebhook(systemCtx(database.db), hook.webhook.id);
  });

  it("silences matching alerts for a bounded time: shown as silenced, not notified, then notified when it ends", async () => {
    await expect(createSilence(as("auditor"), { matchers: { surface: "email" }, reason: "deploy", endsAt: new Date(FROZEN_NOW.getTime() + 3600_000) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createSilence(as("oncall"), { matchers: {}, reason: "everything", endsAt: new Date(FROZEN_NOW.getTime() + 3600_000) })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createSilence(as("oncall"), { matchers: { surface: "email" }, reason: "too long", endsAt: new Date(FROZEN_NOW.getTime() + 31 * 86_400_000) })).rejects.toMatchObject({ code: "VALIDATION" });
    const silence = await createSilence(as("oncall"), { matchers: { surface: "email", kind: "outcome_rate" }, reason: "policy rollout until 11:00", endsAt: new Date(FROZEN_NOW.getTime() + 3600_000) });
    expect(silence).toMatchObject({ active: true, createdBy: "oncall@example.com", matchers: { surface: "email", kind: "outcome_rate" } });
    expect(await lastAudit()).toMatchObject({ action: "alert.silence_created", targetId: silence.id });

    const hook = await createWebhook(systemCtx(database.db), { name: "silenced", url: "http://127.0.0.1:9/never" });
    const row = await applySignal(database.db, undefined, signal("email"), FROZEN_NOW);
    const listed = await listAlerts(as("auditor"), { surface: "email" });
    expect(listed.items[0]!.silencedBy).toEqual([silence.id]);
    expect(await enqueueNotifications(systemCtx(database.db), alertConfig())).toBe(0);
    expect(await listSilences(as("auditor"))).toHaveLength(1);

    await expect(endSilence(as("auditor"), silence.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ended = await endSilence(as("admin"), silence.id);
    expect(ended).toMatchObject({ active: false, endedBy: "admin@example.com" });
    expect(await lastAudit()).toMatchObject({ action: "alert.silence_ended", targetId: silence.id });
    await expect(endSilence(as("admin"), silence.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await enqueueNotifications(systemCtx(database.db), alertConfig())).toBe(1);
    const [delivery] = await database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.webhook.id));
    expect(delivery!.alertIds).toEqual([row.id]);
    expect(await listSilences(as("auditor"), { include: "all" })).toHaveLength(1);
    expect(await listSilences(as("auditor"))).toHaveLength(0);
    await deleteWebhook(systemCtx(database.db), hook.webhook.id);
  });

  it("changes per-surface and per-source settings on the audit trail; auditors are refused", async () => {
    const { source } = await createSource(systemCtx(database.db), { name: "gate-settings" });
    await expect(updateSurfaceSettings(as("auditor"), { surface: "payments", sensitivity: "high", minVolume: null, muted: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updateSurfaceSettings(as("oncall"), { surface: "payments", sensitivity: "high", minVolume: 20, muted: true });
    expect(await lastAudit()).toMatchObject({ action: "alert.settings_changed", targetId: "payments", details: { from: { sensitivity: "medium", muted: false }, to: { sensitivity: "high", minVolume: 20, muted: true } } });
    await expect(updateSourceInterval(as("auditor"), source.id, { expectedIntervalSeconds: 60 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateSourceInterval(as("admin"), source.id, { expectedIntervalSeconds: 5 })).rejects.toMatchObject({ code: "VALIDATION" });
    await updateSourceInterval(as("admin"), source.id, { expectedIntervalSeconds: 90 });
    expect(await lastAudit()).toMatchObject({ action: "source.expected_interval_changed", targetId: source.id, details: { from: 300, to: 90 } });
    const settings = await getAlertSettings(as("auditor"));
    expect(settings.surfaces.find((s) => s.surface === "payments")).toMatchObject({ sensitivity: "high", minVolume: 20, effectiveMinVolume: 20, muted: true, updatedBy: "oncall@example.com" });
    expect(settings.sources.find((s) => s.id === source.id)).toMatchObject({ expectedIntervalSeconds: 90, status: "never" });
  });

  it("manages webhooks (admin only): the secret is returned once, stored encrypted, and never listed", async () => {
    for (const role of ["auditor", "oncall"] as const) {
      await expect(createWebhook(as(role), { name: "x", url: "https://example.com/hook" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listWebhooks(as(role))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(createWebhook(as("admin"), { name: "creds", url: "https://user:pw@example.com/hook" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createWebhook(as("admin"), { name: "ftp", url: "ftp://example.com/hook" })).rejects.toMatchObject({ code: "VALIDATION" });
    const created = await createWebhook(as("admin"), { name: "PagerDuty bridge", url: "https://example.com/hook", kinds: ["outcome_rate", "source_silent"], severities: ["critical"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await listWebhooks(as("admin")))).not.toContain(created.secret);
    expect(JSON.stringify(await lastAudit())).not.toContain(created.secret);
    await expect(createWebhook(as("admin"), { name: "pagerduty BRIDGE", url: "https://example.com/other" })).rejects.toMatchObject({ code: "CONFLICT" });
    const [stored] = await database.db.execute<{ secret_ciphertext: string }>(
      (await import("drizzle-orm")).sql`select secret_ciphertext from webhooks where id = ${created.webhook.id}`,
    ).then((r) => (Array.isArray(r) ? r : (r as { rows: Array<{ secret_ciphertext: string }> }).rows));
    expect(stored!.secret_ciphertext).toMatch(/^v1\./);
    expect(stored!.secret_ciphertext).not.toContain(created.secret.slice(6, 20));

    await expect(updateWebhook(as("oncall"), created.webhook.id, { enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await updateWebhook(as("admin"), created.webhook.id, { enabled: false, severities: ["warning", "critical"] })).toMatchObject({ enabled: false, severities: ["critical", "warning"] });
    expect(await lastAudit()).toMatchObject({ action: "webhook.updated", details: { changes: { enabled: { from: true, to: false } } } });
    await expect(rotateWebhookSecret(as("oncall"), created.webhook.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rotated = await rotateWebhookSecret(as("admin"), created.webhook.id);
    expect(rotated.secret).not.toBe(created.secret);
    await expect(sendTestWebhook(as("oncall"), created.webhook.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const test = await sendTestWebhook(as("admin"), created.webhook.id);
    expect(test).toMatchObject({ test: true, attempts: 1 });
    expect(test.log).toHaveLength(1);
    expect((await listWebhookDeliveries(as("admin"), created.webhook.id))[0]!.id).toBe(test.id);
    await expect(listWebhookDeliveries(as("oncall"), created.webhook.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteWebhook(as("oncall"), created.webhook.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteWebhook(as("admin"), created.webhook.id);
    await expect(deleteWebhook(as("admin"), created.webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("runs an evaluation only for admins (and the scheduler)", async () => {
    await expect(evaluateAlerts(roleCtx(database.db, ["oncall"]))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(evaluateAlerts(roleCtx(database.db, ["auditor"]))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const summary = await evaluateAlerts(as("admin"));
    expect(summary.baselinesRefreshed).toBe(true);
  });
});
