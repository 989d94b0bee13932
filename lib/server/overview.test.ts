import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installAlertConfig } from "./alerts";
import { createGateSources, MIN, replay, scenario, seedHistory } from "./alerts/alerts.test-support";
import { rowsOf } from "./db/migrate";
import { getEvidenceSummary } from "./overview";
import { generateIssuerKey } from "@/lib/core/receipts";
import { ingestLines, payload, sign } from "./receipts/receipts.test-support";
import { roleCtx, systemCtx } from "./testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "./testing/test-database";

describe.each(await databaseKinds())("evidence summary on %s", (kind) => {
  let database: TestDatabase;
  const options = scenario({ durationMinutes: 20, ratePerMinute: 30, gates: 2, shifts: [{ surface: "payments", outcome: "DENY", rate: 0.5, atMinute: 10 }], seed: "overview-1" });
  const end = new Date(options.startMs + 20 * MIN + 5_000);

  beforeAll(async () => {
    installAlertConfig({ publicUrl: "http://console.test", evaluateIntervalSeconds: 60, repeatIntervalSeconds: 3600, webhookKey: async () => randomBytes(32) });
    database = await createTestDatabase(kind);
    const sources = await createGateSources(database.db, 2);
    await seedHistory(database.db, options, sources.get("gate-1")!);
    await replay(database.db, options, sources);
    const gate1 = sources.get("gate-1")!;
    // gate-1 was seen 30 s before the end, gate-2 10 minutes before: past its expected 120 s.
    await database.db.execute(sql`update sources set last_seen_at = ${new Date(end.getTime() - 30_000).toISOString()}::timestamptz where id = ${gate1}`);
    await database.db.execute(sql`update sources set last_seen_at = ${new Date(end.getTime() - 10 * MIN).toISOString()}::timestamptz where id = ${sources.get("gate-2")!}`);
    // Two receipts from an issuer nobody registered: stored, with the verdict unknown_issuer.
    const stranger = await generateIssuerKey("EdDSA", { kid: "s-1" });
    const iat = Math.floor(end.getTime() / 1000) - 60;
    const unknown = [await sign(stranger, payload("gate-unknown", "r-1", iat)), await sign(stranger, payload("gate-unknown", "r-2", iat))];
    const results = await ingestLines(systemCtx(database.db, end), { id: gate1, name: "gate-1" }, unknown);
    expect(results.map((r) => [r.status, r.verdict])).toEqual([["stored", "unknown_issuer"], ["stored", "unknown_issuer"]]);
  }, 120_000);
  afterAll(async () => {
    installAlertConfig(undefined);
    await database.drop();
  });

  it("counts the last 24 hours' decisions, quiet sources, receipts that did not verify and open alerts", async () => {
    const summary = await getEvidenceSummary(roleCtx(database.db, ["auditor"], end));
    const [stored] = rowsOf<{ total: number; deny: number; silence: number }>(
      await database.db.execute(sql`select count(*)::int as total, (count(*) filter (where outcome = 'DENY'))::int as deny,
        (count(*) filter (where outcome = 'SILENCE'))::int as silence from decision_events where ts >= ${summary.since}::timestamptz`),
    );
    const history = rowsOf<{ n: number }>(await database.db.execute(sql`select coalesce(sum(count), 0)::int as n from decision_rollup_minute where minute >= ${summary.since}::timestamptz and minute < ${new Date(options.startMs).toISOString()}::timestamptz`))[0]!.n;
    expect(summary.decisions.total).toBe(stored!.total + history);
    expect(summary.decisions.deny).toBeGreaterThanOrEqual(stored!.deny);
    expect(stored!.deny).toBeGreaterThan(0);
    expect(summary.sources).toEqual({ active: 2, quiet: 1 });
    expect(summary.receiptsNotValid).toBe(2);
    const [open] = rowsOf<{ firing: number }>(await database.db.execute(sql`select (count(*) filter (where state = 'firing'))::int as firing from alerts`));
    expect(open!.firing).toBeGreaterThan(0);
    expect(summary.alerts).toMatchObject({ firing: open!.firing, unacknowledged: open!.firing });
    expect(summary.grants).toEqual({ active: 0, pending: 0, scheduled: 0 });
  });

  it("leaves out what is older than a day, and refuses a caller without a role", async () => {
    const later = await getEvidenceSummary(roleCtx(database.db, ["oncall"], new Date(end.getTime() + 2 * 86_400_000)));
    expect(later.decisions).toEqual({ total: 0, deny: 0, silence: 0 });
    expect(later.receiptsNotValid).toBe(0);
    expect(later.sources).toEqual({ active: 2, quiet: 2 });
    await expect(getEvidenceSummary(roleCtx(database.db, [], end))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
