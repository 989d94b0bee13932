import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { listJobHealth, runJobOnce, type Job } from "./index";

describe.each(await databaseKinds())("scheduler on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("records runs, durations and failures per job", async () => {
    let calls = 0;
    const ok: Job = { name: "ok", intervalSeconds: 60, run: async () => void calls++ };
    const failing: Job = { name: "failing", intervalSeconds: 60, run: async () => { throw new Error("boom"); } };
    expect(await runJobOnce(database, ok)).toBe("ran");
    expect(await runJobOnce(database, ok)).toBe("ran");
    expect(await runJobOnce(database, failing)).toBe("failed");
    expect(calls).toBe(2);
    const health = await listJobHealth({ ...roleCtx(database.db, ["oncall"]), now: new Date() });
    expect(health.find((j) => j.name === "ok")).toMatchObject({ runs: 2, failures: 0, lastError: null, stalled: false });
    expect(health.find((j) => j.name === "failing")).toMatchObject({ runs: 1, failures: 1, lastError: "boom", failing: true, stalled: false });
    await runJobOnce(database, failing);
    await runJobOnce(database, failing);
    const after = await listJobHealth({ ...roleCtx(database.db, ["oncall"]), now: new Date() });
    expect(after.find((j) => j.name === "failing")).toMatchObject({ failures: 3, stalled: true });
  });

  it("reports a job as stalled when it has not succeeded for three intervals", async () => {
    const later = new Date(Date.now() + 4 * 60_000);
    const health = await listJobHealth({ ...roleCtx(database.db, ["admin"]), now: later });
    expect(health.find((j) => j.name === "ok")?.stalled).toBe(true);
  });

  if (kind === "postgres") {
    it("runs a job in one instance at a time across the cluster", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow: Job = { name: "exclusive", intervalSeconds: 60, run: () => gate };
      const first = runJobOnce(database, slow);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await runJobOnce(database, slow)).toBe("skipped");
      release();
      expect(await first).toBe("ran");
    });
  }
});
