import "server-only";
import { createConnection, type NetConnectOpts, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { is } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, PostgresJsSession } from "drizzle-orm/postgres-js";
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

/**
 * The postgres.js client behind a drizzle handle (the transaction's, inside one), for what drizzle
 * cannot express, such as COPY; null on PGlite.
 */
export function postgresClientOf(db: DbOrTx): postgres.Sql | postgres.TransactionSql | null {
  const session = db._.session;
  return is(session, PostgresJsSession) ? (session.client as postgres.Sql) : null;
}

/** The parts of postgres.js's parsed options its `socket` hook receives that a connection needs. */
type SocketTarget = { host: string[]; port: number[]; path?: string | false; connect_timeout: number };

/**
 * postgres.js's `socket` hook (an option its typings omit): sockets with TCP_NODELAY, so a COPY's
 * closing CopyDone and the statements pipelined behind it are not held back by Nagle's algorithm
 * until the server's delayed ACK. Hosts rotate per connection, as postgres.js does on its own.
 */
function noDelaySockets(): (target: SocketTarget) => Promise<Socket> {
  let next = 0;
  return (target) => {
    if (target.path) return openSocket({ path: target.path }, target.connect_timeout);
    const i = next++ % target.host.length;
    return openSocket({ host: target.host[i], port: target.port[i] ?? target.port[0] ?? 5432, noDelay: true }, target.connect_timeout);
  };
}

function openSocket(options: NetConnectOpts, timeoutSeconds: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(options);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutSeconds * 1000, () => fail(new Error(`could not connect within ${timeoutSeconds} s`)));
    socket.once("error", fail);
    socket.once("connect", () => {
      socket.setTimeout(0);
      socket.removeListener("error", fail);
      resolve(socket);
    });
  });
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const socket = noDelaySockets();
  const client = postgres(url, { max: poolSize, onnotice: () => {}, connect_timeout: 10, ...({ socket } as object) });
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
