import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../db/client";
import { migrateDatabase } from "../db/migrate";

export type DbKind = "pglite" | "postgres";

const ADMIN_URL = process.env.COUNTERSIGN_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let postgresReachable: Promise<boolean> | undefined;

function checkPostgres(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const sql = postgres(ADMIN_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch (error) {
      if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${ADMIN_URL}: ${(error as Error).message}`);
      console.warn(`[tests] PostgreSQL tier skipped: no server at ${ADMIN_URL} (${(error as Error).message})`);
      return false;
    } finally {
      await sql.end({ timeout: 1 });
    }
  })();
  return postgresReachable;
}

/** The database tiers this run covers: PGlite always, PostgreSQL when a server answers. */
export async function databaseKinds(): Promise<DbKind[]> {
  return (await checkPostgres()) ? ["pglite", "postgres"] : ["pglite"];
}

export type TestDatabase = DatabaseHandle & { url?: string; drop(): Promise<void> };

/** A fresh, migrated database of its own for one suite; `drop()` removes it. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await migrateDatabase(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const name = `cs_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}
