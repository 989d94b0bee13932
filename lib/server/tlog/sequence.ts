import "server-only";
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { childrenOf, completedNodes, nodeKey, perfectSubtrees } from "@/lib/core/tlog";
import type { DbOrTx, Tx } from "../db";
import { rowsOf } from "../db/migrate";
import { readNodeMap, treeSize } from "./nodes";

const SEQUENCER_LOCK = "countersign:tlog:sequencer";
const DEFAULT_BATCH = 2000;

/** What one sequencer run did; `skipped` when another writer held the log and `wait` was false. */
export type SequenceResult = { appended: number; size: number; skipped: boolean };

const leafHashOf = (raw: Uint8Array) => createHash("sha256").update(Uint8Array.of(0)).update(raw).digest();
const nodeHashOf = (left: Uint8Array, right: Uint8Array) => createHash("sha256").update(Uint8Array.of(1)).update(left).update(right).digest();

/**
 * Appends every pending receipt (tlog_pending) in the order they were received, with gapless
 * indices: leaf = SHA-256(0x00 || exact bytes), the leaf row naming its receipt. Each batch is one
 * transaction under a transaction-scoped advisory lock that also takes the receipts off the
 * pending list, so instances sequencing at once never interleave and nothing is appended twice.
 * With `wait: false` a caller gives up at once when another writer is sequencing.
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
  const pending = rowsOf<{ id: string; raw: Uint8Array | null }>(await tx.execute(sql`
    with next as (
      select received_at, receipt_id from tlog_pending order by received_at, receipt_id limit ${batchSize}
    ), taken as (
      delete from tlog_pending p using next where p.received_at = next.received_at and p.receipt_id = next.receipt_id
    )
    select next.receipt_id as id, r.raw from next left join receipts r on r.id = next.receipt_id order by next.received_at, next.receipt_id`));
  if (pending.length === 0) return { appended: 0, size };
  const lost = pending.find((row) => row.raw === null);
  if (lost) throw new Error(`pending transparency log entry ${lost.id} names no stored receipt`);
  const nodes = await newNodes(tx, size, pending as Array<{ id: string; raw: Uint8Array }>);
  await tx.execute(sql`
    insert into tlog_nodes (level, idx, hash, receipt_id)
    select x.l, x.i, decode(x.h, 'hex'), x.r from json_to_recordset(${JSON.stringify(nodes)}::json) as x(l smallint, i bigint, h text, r uuid)`);
  return { appended: pending.length, size: size + pending.length };
}

/** A node row as the insert takes it; `r` is the receipt a leaf hashes (null above level 0). */
type NodeRow = { l: number; i: number; h: string; r: string | null };

/**
 * Every node completed by appending `receipts` to a tree of `size`: the leaves, then each parent
 * whose right child completes. A left child is either new or one of the perfect subtrees of
 * [0, size) (the tree's right edge), read once.
 */
async function newNodes(tx: Tx, size: number, receipts: Array<{ id: string; raw: Uint8Array }>): Promise<NodeRow[]> {
  const known = await readNodeMap(tx, perfectSubtrees(0, size));
  const out: NodeRow[] = [];
  receipts.forEach((receipt, offset) => {
    const leaf = leafHashOf(receipt.raw);
    for (const node of completedNodes(size + offset + 1)) {
      let hash: Uint8Array = leaf;
      if (node.level > 0) {
        const [left, right] = childrenOf(node).map((child) => known.get(nodeKey(child)));
        if (!left || !right) throw new Error(`transparency log node ${nodeKey(node)} has a child that is not stored`);
        hash = nodeHashOf(left, right);
      }
      known.set(nodeKey(node), hash);
      out.push({ l: node.level, i: node.index, h: Buffer.from(hash).toString("hex"), r: node.level === 0 ? receipt.id : null });
    }
  });
  return out;
}
