import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { alerts, webhookDeliveries } from "../db/schema";
import { roleCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { createWebhook, deliverDueWebhooks } from "../webhooks";
import { createGateSources, MIN, replay, scenario, seedHistory } from "./alerts.test-support";
import { getAlert, listAlerts, installAlertConfig } from "./index";

// The Alertmanager webhook body, version 4, as receivers parse it (prometheus/alertmanager notify/webhook).
const AlertmanagerV4 = z
  .object({
    version: z.literal("4"),
    groupKey: z.string().min(1),
    truncatedAlerts: z.number().int().min(0),
    status: z.enum(["firing", "resolved"]),
    receiver: z.string().min(1),
    groupLabels: z.record(z.string(), z.string()),
    commonLabels: z.record(z.string(), z.string()),
    commonAnnotations: z.record(z.string(), z.string()),
    externalURL: z.url(),
    alerts: z
      .array(
        z
          .object({
            status: z.enum(["firing", "resolved"]),
            labels: z.record(z.string(), z.string()),
            annotations: z.record(z.string(), z.string()),
            startsAt: z.iso.datetime(),
            endsAt: z.iso.datetime(),
            generatorURL: z.url(),
            fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

type Received = { headers: IncomingMessage["headers"]; raw: Buffer };

/** A receiver on 127.0.0.1 that keeps the raw bytes of every request. */
async function receiver(status = 200) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The receiver's check, written independently of lib/server/webhooks: HMAC-SHA256 over `timestamp.` + raw body bytes. */
function verifySignature(secret: string, request: Received): boolean {
  const timestamp = String(request.headers["x-countersign-timestamp"]);
  const expected = createHmac("sha256", secret).update(Buffer.concat([Buffer.from(`${timestamp}.`), request.raw])).digest("hex");
  return request.headers["x-countersign-signature"] === `v1=${expected}`;
}

describe.each(await databaseKinds())("alert evaluation over the rollups on %s", (kind) => {
  let database: TestDatabase;
  const key = randomBytes(32);

  beforeAll(() => installAlertConfig({ publicUrl: "http://console.test", evaluateIntervalSeconds: 60, repeatIntervalSeconds: 4 * 3600, webhookKey: async () => key }));
  afterAll(() => installAlertConfig(undefined));

  describe("a 2 % → 40 % DENY shift on payments that later recovers", () => {
    const options = scenario({
      durationMinutes: 45,
      shifts: [
        { surface: "payments", outcome: "DENY", rate: 0.4, atMinute: 20 },
        { surface: "payments", outcome: "DENY", rate: 0.02, atMinute: 26 },
      ],
    });
    let hook: Awaited<ReturnType<typeof receiver>>;
    let secret: string;
    const firingAt: number[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      hook = await receiver();
      secret = (await createWebhook(systemCtx(database.db), { name: "pager", url: hook.url })).secret;
      const sources = await createGateSources(database.db, 1);
      await seedHistory(database.db, options, sources.get("gate-1")!);
      await replay(database.db, options, sources, async (minute) => {
        const open = await listAlerts(systemCtx(database.db), { state: "firing" });
        if (open.items.length > 0) firingAt.push(minute);
        await deliverDueWebhooks(systemCtx(database.db, new Date(options.startMs + minute * MIN + 6_000)));
      });
    }, 120_000);
    afterAll(async () => {
      await hook.close();
      await database.drop();
    });

    it("fires on payments/DENY within 3 minutes of the shift, critical, with the evidence, and nothing else", async () => {
      expect(firingAt[0]).toBeGreaterThan(20);
      expect(firingAt[0]! - 20).toBeLessThanOrEqual(3);
      const all = await listAlerts(roleCtx(database.db, ["auditor"]), {});
      expect(all.items.map((a) => [a.kind, a.surface, a.outcome])).toEqual([["outcome_rate", "payments", "DENY"]]);
      const [alert] = all.items;
      expect(alert).toMatchObject({ state: "resolved", severity: "critical", cleared: false, labels: { alertname: "OutcomeRateShift", surface: "payments", outcome: "DENY" } });
      const detail = await getAlert(roleCtx(database.db, ["oncall"]), alert!.id);
      expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["firing", "resolved"]));
      const fired = detail.timeline.find((e) => e.type === "firing")!.details.evidence as Record<string, unknown>;
      expect(fired).toMatchObject({ rule: "cusum", baseline: { status: "ready" } });
      const evidence = fired as { k: number; n: number; pValue: number; cusum: number; threshold: number; interval: [number, number]; referenceRate: number };
      expect(evidence.k / evidence.n).toBeGreaterThan(0.15);
      expect(evidence.pValue).toBeLessThan(1e-6);
      expect(evidence.cusum).toBeGreaterThanOrEqual(evidence.threshold);
      expect(evidence.interval[0]).toBeGreaterThan(evidence.referenceRate);
      expect(alert!.links.decisions).toContain("/events?surface=payments&outcome=DENY&from=");
    });

    it("resolves only after the rate came back, with data", () => {
      const last = firingAt[firingAt.length - 1]!;
      expect(last).toBeGreaterThanOrEqual(26);
      expect(last).toBeLessThan(45);
    });

    it("notifies firing and resolved as signed Alertmanager v4 bodies that an independent check verifies", () => {
      expect(hook.received).toHaveLength(2);
      const bodies = hook.received.map((request) => {
        expect(verifySignature(secret, request)).toBe(true);
        expect(verifySignature("not the secret", request)).toBe(false);
        return AlertmanagerV4.parse(JSON.parse(request.raw.toString("utf8")));
      });
      expect(bodies.map((b) => b.status)).toEqual(["firing", "resolved"]);
      const [firing, resolved] = bodies;
      expect(firing!.alerts[0]).toMatchObject({ status: "firing", endsAt: "0001-01-01T00:00:00Z", labels: { alertname: "OutcomeRateShift", severity: "critical", surface: "payments" } });
      expect(firing!.alerts[0]!.annotations.dashboard).toMatch(/^http:\/\/console\.test\/drift\?surface=payments/);
      expect(firing).toMatchObject({ receiver: "pager", groupLabels: { alertname: "OutcomeRateShift" }, externalURL: "http://console.test" });
      expect(resolved!.alerts[0]!.fingerprint).toBe(firing!.alerts[0]!.fingerprint);
      expect(Date.parse(resolved!.alerts[0]!.endsAt)).toBeGreaterThan(Date.parse(resolved!.alerts[0]!.startsAt));
    });

    it("logs each delivery with its status code", async () => {
      const rows = await database.db.select().from(webhookDeliveries);
      expect(rows.map((r) => [r.state, r.lastStatusCode, r.attempts])).toEqual([
        ["delivered", 200, 1],
        ["delivered", 200, 1],
      ]);
    });
  });

  it("raises nothing on a stationary stream", async () => {
    database = await createTestDatabase(kind);
    try {
      const options = scenario({ durationMinutes: 30, seed: "stationary-1" });
      const sources = await createGateSources(database.db, 1);
      await seedHistory(database.db, options, sources.get("gate-1")!);
      await replay(database.db, options, sources);
      expect(await database.db.select().from(alerts)).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 120_000);

  it("raises exactly one silence alert, and no rate alert, when one of three gates goes silent", async () => {
    database = await createTestDatabase(kind);
    try {
      const options = scenario({ gates: 3, durationMinutes: 25, silent: [{ gate: "gate-2", atMinute: 10 }], seed: "silent-1" });
      const sources = await createGateSources(database.db, 3, 120);
      await seedHistory(database.db, options, sources.get("gate-1")!);
      await replay(database.db, options, sources);
      const rows = await database.db.select().from(alerts);
      expect(rows.map((r) => [r.kind, r.state, r.labels.source])).toEqual([["source_silent", "firing", "gate-2"]]);
      expect(rows[0]!.sourceId).toBe(sources.get("gate-2"));
    } finally {
      await database.drop();
    }
  }, 120_000);

  it("holds a firing rate alert when its only gate goes silent: missing data never resolves it", async () => {
    database = await createTestDatabase(kind);
    try {
      const options = scenario({ durationMinutes: 40, shifts: [{ surface: "payments", outcome: "DENY", rate: 0.4, atMinute: 10 }], silent: [{ gate: "gate-1", atMinute: 16 }], seed: "hold-1" });
      const sources = await createGateSources(database.db, 1, 120);
      await seedHistory(database.db, options, sources.get("gate-1")!);
      await replay(database.db, options, sources);
      const rows = await database.db.select().from(alerts).where(eq(alerts.state, "firing"));
      expect(rows.map((r) => r.kind).sort()).toEqual(["outcome_rate", "source_silent"]);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
