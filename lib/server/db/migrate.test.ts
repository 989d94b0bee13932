import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from "./migrate";
import { sql } from "drizzle-orm";

describe.each(await databaseKinds())("migrations on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("applies every migration and is a no-op the second time", async () => {
    expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
    await migrateDatabase(database);
    expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
  });

  it("runs concurrent migrations safely under the advisory lock", async () => {
    await Promise.all([migrateDatabase(database), migrateDatabase(database)]);
    expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
  });

  it("refuses updates and deletes on the audit log", async () => {
    await database.db.execute(
      sql`insert into audit_log (seq, at, actor_type, action, details, prev_hash, hash) values (1, now(), 'system', 'test', '{}', 'x', 'y')`,
    );
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => "succeeded",
        (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message),
      );
    expect(await failure(database.db.execute(sql`update audit_log set action = 'changed'`))).toMatch(/append-only/);
    expect(await failure(database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });
});
