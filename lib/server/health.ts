import "server-only";
import { sql } from "drizzle-orm";
import { getConfig } from "./config";
import { getDatabase } from "./db";
import { appliedMigrationCount, expectedMigrationCount } from "./db/migrate";

export type Health = {
  status: "ok" | "degraded" | "down";
  version: string;
  database: { kind: "postgres" | "pglite" | "unknown"; reachable: boolean };
  migrations: { applied: number; expected: number; current: boolean };
};

/** Whether the database answers and carries every migration; no secrets, no auth. */
export async function checkHealth(): Promise<Health> {
  const version = getConfig().version;
  const expected = expectedMigrationCount();
  try {
    const database = await getDatabase();
    await database.db.execute(sql`select 1`);
    const applied = await appliedMigrationCount(database);
    const current = applied === expected;
    return {
      status: current ? "ok" : "degraded",
      version,
      database: { kind: database.kind, reachable: true },
      migrations: { applied, expected, current },
    };
  } catch {
    return { status: "down", version, database: { kind: "unknown", reachable: false }, migrations: { applied: 0, expected, current: false } };
  }
}
