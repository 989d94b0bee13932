import "server-only";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import postgres from "postgres";
import type { Config } from "../config";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; services accept either so they compose inside one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseHandle = {
  kind: "postgres" | "pglite";
  db: Db;
  /** Runs `fn` holding a session-level advisory lock on a dedicated connection. */
  withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` only if the lock is free right now; undefined when another holder has it. */
  tryWithAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<T | undefined>;
  close(): Promise<void>;
};

/** Opens the configured database: postgres.js to a server, or embedded PGlite in a directory. */
export async function openDatabase(database: Config["database"] | { kind: "pglite-memory" }): Promise<DatabaseHandle> {
  if (database.kind === "postgres") return openPostgres(database.url, database.poolSize);
  const pg = database.kind === "pglite" ? new PGlite(database.dataDir) : new PGlite();
  await pg.waitReady;
  const db = drizzlePglite(pg, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    // PGlite is single-connection: statements already run one at a time, and the lock
    // still guards the rare case of two logical writers in one process.
    withAdvisoryLock: async (key, fn) => {
      await pg.query("select pg_advisory_lock(hashtext($1))", [key]);
      try {
        return await fn();
      } finally {
        await pg.query("select pg_advisory_unlock(hashtext($1))", [key]);
      }
    },
    tryWithAdvisoryLock: async (key, fn) => {
      const result = await pg.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtext($1)) as locked", [key]);
      if (!result.rows[0]?.locked) return undefined;
      try {
        return await fn();
      } finally {
        await pg.query("select pg_advisory_unlock(hashtext($1))", [key]);
      }
    },
    close: () => pg.close(),
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  // Session-level advisory locks belong to one connection: take, use and release it on a reserved one.
  async function onReservedConnection<T>(key: string, blocking: boolean, fn: () => Promise<T>): Promise<T | undefined> {
    const reserved = await client.reserve();
    try {
      if (blocking) await reserved`select pg_advisory_lock(hashtext(${key}))`;
      else {
        const [row] = await reserved<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${key})) as locked`;
        if (!row?.locked) return undefined;
      }
      try {
        return await fn();
      } finally {
        await reserved`select pg_advisory_unlock(hashtext(${key}))`;
      }
    } finally {
      reserved.release();
    }
  }
  return {
    kind: "postgres",
    db,
    withAdvisoryLock: (key, fn) => onReservedConnection(key, true, fn) as Promise<Awaited<ReturnType<typeof fn>>>,
    tryWithAdvisoryLock: (key, fn) => onReservedConnection(key, false, fn),
    close: () => client.end({ timeout: 5 }),
  };
}
