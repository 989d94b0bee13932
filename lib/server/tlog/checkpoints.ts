import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { emptyRoot, planTreeRoot, signCheckpoint, toBase64 } from "@/lib/core/tlog";
import type { DbOrTx } from "../db";
import { tlogCheckpoints } from "../db/schema";
import type { LogSigner } from "./log-key";
import { runPlan, treeSize } from "./nodes";

/** Why a checkpoint was issued: the tree grew, or a proof asked for that size. */
export type CheckpointReason = "growth" | "request";

/** An issued checkpoint as the API and the console show it. */
export type CheckpointView = { size: number; root: string; note: string; issuedAt: string; reason: CheckpointReason };

type Row = typeof tlogCheckpoints.$inferSelect;

export function toCheckpointView(row: Row): CheckpointView {
  return { size: row.size, root: toBase64(row.root), note: row.note, issuedAt: row.issuedAt.toISOString(), reason: row.reason as CheckpointReason };
}

// Issued checkpoints never change (a note is fixed by database, key and size), so proofs at
// popular sizes skip the lookup. Bounded: the oldest entries go first.
const MAX_CACHED = 10_000;
const caches = new WeakMap<DbOrTx, Map<string, string>>();

/** The note of the checkpoint of exactly `size` signed by the current key, if one was issued. */
export async function storedCheckpointNote(db: DbOrTx, log: LogSigner, size: number): Promise<string | undefined> {
  if (!caches.has(db)) caches.set(db, new Map());
  const cache = caches.get(db)!;
  const key = `${log.vkey} ${size}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const row = await storedAt(db, log, size);
  if (!row) return undefined;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, row.note);
  return row.note;
}

async function storedAt(db: DbOrTx, log: LogSigner, size: number): Promise<Row | undefined> {
  const [row] = await db
    .select()
    .from(tlogCheckpoints)
    .where(and(eq(tlogCheckpoints.vkey, log.vkey), eq(tlogCheckpoints.size, size)));
  return row;
}

/**
 * The checkpoint of exactly `size` (≤ the tree's size, checked by the caller), signed by the log
 * key: the one issued before, or a new one signed now from the stored subtree hashes and kept.
 * Ed25519 is deterministic, so two instances signing the same size store the same note.
 */
export async function checkpointAt(db: DbOrTx, log: LogSigner, size: number, reason: CheckpointReason, now: Date): Promise<CheckpointView> {
  const existing = await storedAt(db, log, size);
  if (existing) {
    if (reason === "growth" && existing.reason !== "growth") await markGrowth(db, existing.id);
    return toCheckpointView(existing);
  }
  const root = size === 0 ? emptyRoot() : (await runPlan(db, planTreeRoot(size)))[0]!;
  const note = await signCheckpoint({ origin: log.origin, size, rootHash: root, extensions: [] }, log.signer);
  await db
    .insert(tlogCheckpoints)
    .values({ vkey: log.vkey, size, root, note, issuedAt: now, reason })
    .onConflictDoNothing({ target: [tlogCheckpoints.vkey, tlogCheckpoints.size] });
  return toCheckpointView((await storedAt(db, log, size))!);
}

// A size first signed for a proof request is also a point of the log's growth history.
async function markGrowth(db: DbOrTx, id: string): Promise<void> {
  await db.update(tlogCheckpoints).set({ reason: "growth" }).where(eq(tlogCheckpoints.id, id));
}

/** The newest checkpoint signed by the current log key (of any reason, or of growth only), if any. */
export async function latestStoredCheckpoint(db: DbOrTx, log: LogSigner, reason?: CheckpointReason): Promise<CheckpointView | undefined> {
  const [row] = await db
    .select()
    .from(tlogCheckpoints)
    .where(and(eq(tlogCheckpoints.vkey, log.vkey), reason ? eq(tlogCheckpoints.reason, reason) : undefined))
    .orderBy(desc(tlogCheckpoints.size))
    .limit(1);
  return row ? toCheckpointView(row) : undefined;
}

/**
 * The scheduler's tree-head step: a new checkpoint when the tree has grown since the last one
 * (and the first one, of the empty tree, on a fresh console). Returns the latest checkpoint.
 */
export async function checkpointIfGrown(db: DbOrTx, log: LogSigner, now: Date): Promise<CheckpointView> {
  const [size, latest] = await Promise.all([treeSize(db), latestStoredCheckpoint(db, log, "growth")]);
  if (latest && latest.size >= size) return latest;
  return checkpointAt(db, log, size, "growth", now);
}

/** The latest checkpoint, signing the current tree head when none was issued yet. */
export async function latestCheckpoint(db: DbOrTx, log: LogSigner, now: Date): Promise<CheckpointView> {
  return (await latestStoredCheckpoint(db, log)) ?? checkpointAt(db, log, await treeSize(db), "growth", now);
}

/** Checkpoints signed by other keys than the current one (after a key change), for the console. */
export async function otherKeyCheckpointCount(db: DbOrTx, log: LogSigner): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tlogCheckpoints).where(sql`${tlogCheckpoints.vkey} <> ${log.vkey}`);
  return Number(row?.n ?? 0);
}
