import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGateSources, MIN, replay, scenario, seedHistory } from "../alerts/alerts.test-support";
import { evaluateAlerts, installAlertConfig } from "../alerts";
import { rowsOf } from "../db/migrate";
import { roleCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { getDriftOverview, getDriftSeries } from "./index";

describe.each(await databaseKinds())("drift dashboard queries on %s", (kind) => {
  let database: TestDatabase;
  const options = scenario({ durationMinutes: 25, surfaces: [{ name: "payments", weight: 1 }, { name: "shell", weight: 1 }, { name: "email", weight: 1 }], ratePerMinute: 30, shifts: [{ surface: "payments", outcome: "DENY", rate: 0.4, atMinute: 15 }], seed: "dash-1" });
  const end = new Date(options.startMs + 25 * MIN + 5_000);
  const oncall = () => roleCtx(database.db, ["oncall"], end);

  beforeAll(async () => {
    installAlertConfig({ publicUrl: "http://console.test", evaluateIntervalSeconds: 60, repeatIntervalSeconds: 3600, webhookKey: async () => randomBytes(32) });
    database = await createTestDatabase(kind);
    const sources = await createGateSources(database.db, 1);
    await seedHistory(database.db, options, sources.get("gate-1")!);
    await replay(database.db, options, sources);
  }, 120_000);
  afterAll(async () => {
    installAlertConfig(undefined);
    await database.drop();
  });

  it("ranks the shifted surface first, with its baseline, distance, open alert and sparkline", async () => {
    const overview = await getDriftOverview(oncall(), { range: "1h" });
    expect(overview.surfaces.map((s) => s.surface)).toEqual(["payments", expect.any(String), expect.any(String)]);
    const [payments] = overview.surfaces;
    expect(payments!.distance.DENY).toBeGreaterThan(10);
    expect(payments!.baselines.DENY).toMatchObject({ status: "ready" });
    expect(payments!.baselines.DENY!.rate).toBeCloseTo(0.02, 1);
    expect(payments!.openAlerts).toEqual([expect.objectContaining({ outcome: "DENY", state: "firing" })]);
    expect(payments!.sparkline).toHaveLength(20);
    expect(payments!.sparkline.reduce((s, p) => s + p.n, 0)).toBe(payments!.n);
    expect(overview.surfaces[1]!.distance.DENY).toBeLessThan(5);
  });

  it("draws one surface per bucket from the rollups, with the alert period; totals match the stored decisions", async () => {
    const series = await getDriftSeries(oncall(), { surface: "payments", range: "1h" });
    expect(series.points).toHaveLength(60);
    expect(series.bucketMs).toBe(MIN);
    const [stored] = rowsOf<{ n: number; deny: number }>(
      await database.db.execute(sql`select count(*)::int as n, (count(*) filter (where outcome = 'DENY'))::int as deny from decision_events where surface = 'payments' and ts >= ${new Date(series.from).toISOString()}::timestamptz`),
    );
    expect(series.totals).toMatchObject({ n: stored!.n, deny: stored!.deny });
    const shifted = series.points.filter((p) => p.start >= options.startMs + 16 * MIN && p.n > 0);
    expect(shifted.every((p) => p.DENY.band !== null && p.DENY.band[1] < 0.3)).toBe(true);
    expect(series.alerts).toEqual([expect.objectContaining({ outcome: "DENY", state: "firing" })]);
    expect(series.alerts[0]!.from).toBeGreaterThan(options.startMs + 15 * MIN);
  });

  it("serves 7 days from the hourly rollup with the same counts as the minute rollup", async () => {
    const week = await getDriftSeries(oncall(), { surface: "shell", range: "7d" });
    expect(week.bucketMs).toBe(3_600_000);
    const [minutes] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select coalesce(sum(count), 0)::int as n from decision_rollup_minute where surface = 'shell' and minute >= ${new Date(week.from).toISOString()}::timestamptz`),
    );
    expect(week.totals.n).toBe(minutes!.n);
    expect(week.points.filter((p) => p.n > 0).length).toBeGreaterThan(24 * 6);
  });

  it("counts decisions that arrived after the evaluator's last pass: the hour rollup's open hours come from the minute rollup", async () => {
    const before = await getDriftSeries(oncall(), { surface: "shell", range: "7d" });
    const beforeOverview = (await getDriftOverview(oncall(), { range: "24h" })).surfaces.find((s) => s.surface === "shell")!;
    const minute = new Date(Math.floor(end.getTime() / MIN) * MIN - MIN).toISOString();
    await database.db.execute(sql`
      insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
      select ${minute}::timestamptz, 'shell', 'DENY', id, 7 from sources limit 1
      on conflict (minute, surface, outcome, source_id) do update set count = decision_rollup_minute.count + 7`);
    const after = await getDriftSeries(oncall(), { surface: "shell", range: "7d" });
    expect(after.totals.n).toBe(before.totals.n + 7);
    expect(after.totals.deny).toBe(before.totals.deny + 7);
    const overview = (await getDriftOverview(oncall(), { range: "24h" })).surfaces.find((s) => s.surface === "shell")!;
    expect(overview.n).toBe(beforeOverview.n + 7);
    expect(overview.sparkline.reduce((sum, p) => sum + p.n, 0)).toBe(overview.n);
  });

  it("gives a surface that is still learning its baseline no distance, however its first decisions look", async () => {
    const minute = new Date(Math.floor(end.getTime() / MIN) * MIN - 2 * MIN).toISOString();
    await database.db.execute(sql`
      insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
      select ${minute}::timestamptz, 'fresh', outcome, id, 20 from sources, (values ('DENY'), ('PERMIT')) as o(outcome)`);
    await evaluateAlerts(systemCtx(database.db, end), { refreshBaselines: true });
    const fresh = (await getDriftOverview(oncall(), { range: "1h" })).surfaces.find((s) => s.surface === "fresh")!;
    expect(fresh).toMatchObject({ n: 40, deny: 20 });
    expect(fresh.baselines.DENY).toMatchObject({ status: "learning" });
    expect(fresh.distance.DENY).toBe(0);
  });

  it("answers auditors and refuses callers without a role or with a bad range", async () => {
    await expect(getDriftOverview(roleCtx(database.db, ["auditor"], end), { range: "24h" })).resolves.toBeTruthy();
    await expect(getDriftOverview(roleCtx(database.db, [], end))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getDriftSeries(oncall(), { surface: "payments", range: "2y" as never })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
