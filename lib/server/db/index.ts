import "server-only";
import type { Config } from "../config";
import { getConfig } from "../config";
import { openDatabase, type DatabaseHandle, type Db } from "./client";
import { acquireDataDirLock } from "./data-dir-lock";
import { migrateDatabase } from "./migrate";

export type { DatabaseHandle, Db, DbOrTx, Tx } from "./client";
export * as schema from "./schema";

// One handle per process, shared across Next.js bundles through globalThis: two PGlite
// instances on one directory would corrupt it.
const state = globalThis as unknown as { __countersignDb?: Promise<DatabaseHandle> };

/** Opens, locks (embedded) and migrates the configured database. */
export async function connectDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.database.kind === "pglite") acquireDataDirLock(config.dataDir);
  const handle = await openDatabase(config.database);
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
  return handle;
}

/** The process's database, connected and migrated on first use; a failed attempt is retried. */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!state.__countersignDb) {
    state.__countersignDb = connectDatabase(getConfig());
    state.__countersignDb.catch(() => {
      state.__countersignDb = undefined;
    });
  }
  return state.__countersignDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

/** Points the process at a given database (tests, the admin CLI). */
export function useDatabase(handle: DatabaseHandle): void {
  state.__countersignDb = Promise.resolve(handle);
}
