import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { completedNodes, nodeKey, perfectSubtrees } from "@/lib/core/tlog";
import type { DbOrTx, Tx } from "../db";
import { rowsOf } from "../db/migrate";
import { flagDeterminismConflicts } from "../receipts/determinism";
import { pickNodes, readNodeMap, treeSize } from "./nodes";

const SEQUENCER_LOCK = "countersign:tlog:sequencer";
const DEFAULT_BATCH = 2000;

/** What one sequencer run did; `skipped` when another writer held the log and `wait` was false. */
export type SequenceResult = { appended: number; size: number; skipped: boolean };

const nodeHashOf = (left: Uint8Array, right: Uint8Array) => createHash("sha256").update(Uint8Array.of(1)).update(left).update(right).digest();

/**
 * Appends every pending receipt (tlog_pending) in the order they were received, with gapless
 * indices: leaf = SHA-256(0x00 || exact bytes), hashed by Postgres when the receipt was stored,
 * the leaf row naming its receipt. Each batch is one transaction under a transaction-scoped
 * advisory lock that also takes the receipts off the pending list, so instances sequencing at
 * once never interleave and nothing is appended twice. With `wait: false` a caller gives up at
 * once when another writer is sequencing. The same transaction flags determinism conflicts
 * among the appended receipts (receipts/determinism.ts).
 */
export async function sequencePending(db: DbOrTx, options: { wait?: boolean; batchSize?: number } = {}): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let appended = 0;
  for (;;) {
    const batch = await db.transaction((tx) => appendBatch(tx, batchSize, options.wait ?? true));
    if (batch === undefined) return { appended, size: await treeSize(db), skipped: true };
    appended += batch.appended;
    if (batch.appended < batchSize) return { appended, size: batch.size, skipped: false };
  }
}

async function lockLog(tx: Tx, wait: boolean): Promise<boolean> {
  if (wait) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${SEQUENCER_LOCK}))`);
    return true;
  }
  const result = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${SEQUENCER_LOCK})) as locked`);
  return rowsOf<{ locked: boolean }>(result)[0]?.locked === true;
}

async function appendBatch(tx: Tx, batchSize: number, wait: boolean): Promise<{ appended: number; size: number } | undefined> {
  if (!(await lockLog(tx, wait))) return undefined;
  const size = await treeSize(tx);
  // By ctid: the batch is deleted by tuple address, not by a join that would scan the whole queue.
  const pending = rowsOf<PendingLeaf>(await tx.execute(sql`
    with taken as (
      delete from tlog_pending
      where ctid = any(array(select ctid from tlog_pending order by received_at, receipt_id limit ${batchSize}))
      returning received_at, receipt_id, leaf_hash
    )
    select receipt_id as id, leaf_hash as leaf from taken order by received_at, receipt_id`));
  if (pending.length === 0) return { appended: 0, size };
  const nodes = await newNodes(tx, size, pending);
  await tx.execute(sql`
    insert into tlog_nodes (level, idx, hash, receipt_id)
    select x.l, x.i, decode(x.h, 'hex'), x.r from json_to_recordset(${JSON.stringify(nodes)}::json) as x(l smallint, i bigint, h text, r uuid)`);
  // Every stored receipt passes here once, committed: the one place no conflicting pair is missed.
  await flagDeterminismConflicts(tx, pending.map((leaf) => leaf.id));
  return { appended: pending.length, size: size + pending.length };
}

type PendingLeaf = { id: string; leaf: Uint8Array };

/** A node row as the insert takes it; `r` is the receipt a leaf hashes (null above level 0). */
type NodeRow = { l: number; i: number; h: string; r: string | null };

/**
 * Every node completed by appending the `pending` leaves to a tree of `size`: each leaf, then
 * each parent whose right child it completes. A parent's left child is always the tree's right
 * edge at the level below (the last perfect subtree there), so only the edge is kept, one hash a
 * level: read once from the perfect subtrees of [0, size), then moved up as leaves are added.
 */
async function newNodes(tx: Tx, size: number, pending: PendingLeaf[]): Promise<NodeRow[]> {
  const subtrees = perfectSubtrees(0, size);
  const edge: Uint8Array[] = [];
  pickNodes(await readNodeMap(tx, subtrees), subtrees).forEach((hash, i) => (edge[subtrees[i]!.level] = hash));
  const out: NodeRow[] = [];
  pending.forEach(({ id, leaf }, offset) => {
    let hash = leaf;
    let level = 0;
    for (const node of completedNodes(size + offset + 1)) {
      level = node.level;
      if (level > 0) {
        const left = edge[level - 1];
        if (!left) throw new Error(`transparency log node ${nodeKey(node)} has a left child that is not stored`);
        hash = nodeHashOf(left, hash);
      }
      out.push({ l: level, i: node.index, h: toHexString(hash), r: level === 0 ? id : null });
    }
    edge[level] = hash; // the highest node completed is a left child until its sibling completes
  });
  return out;
}

const toHexString = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
