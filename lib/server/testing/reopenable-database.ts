// Test support for data migrations and restarts: a database that outlives its handles, and the
// migrations folder as it was at an earlier migration.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../db/client";
import type { DbKind } from "./test-database";

const ADMIN_URL = process.env.COUNTERSIGN_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MIGRATIONS = path.resolve(process.cwd(), "drizzle");

/** A database that outlives its handles (closed and opened again, as across a console restart). */
export type Reopenable = { open(): Promise<DatabaseHandle>; drop(): Promise<void> };

export async function reopenableDatabase(kind: DbKind): Promise<Reopenable> {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "countersign-reopenable-"));
    return { open: () => openDatabase({ kind: "pglite", dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `cs_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    open: async () => openDatabase({ kind: "postgres", url, poolSize: 3 }),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

/** A copy of the migrations folder that ends at migration `lastTag`; remove it with `rmSync` after use. */
export function migrationsUpTo(lastTag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "countersign-migrations-"));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((entry) => entry.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return folder;
}
