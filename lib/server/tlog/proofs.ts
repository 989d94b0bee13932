import "server-only";
import { eq } from "drizzle-orm";
import { planConsistencyProof, planInclusionProof, toBase64, toHex } from "@/lib/core/tlog";
import type { Ctx } from "../auth/actor";
import { receipts, tlogNodes } from "../db/schema";
import { AppError, notFound } from "../errors";
import { checkpointAt, latestStoredCheckpoint, storedCheckpointNote } from "./checkpoints";
import { receiptLeaf } from "../receipts/receipt-leaf";
import type { LogSigner } from "./log-key";
import { pickNodes, readNodeMap, treeSize } from "./nodes";
import { badRange, beyondLog, parseLogQuery } from "./query-input";
import { ConsistencyProofInput, InclusionProofInput } from "./schemas";

/** `GET /api/v1/log/proof/inclusion`: the checkpoint has exactly `size`. */
export type InclusionProof = { index: number; size: number; leafHash: string; hashes: string[]; checkpoint: string };
/** `GET /api/v1/log/proof/consistency`: the checkpoint has exactly `to`. */
export type ConsistencyProof = { from: number; to: number; hashes: string[]; checkpoint: string };

/** A proof and whether its answer can never change (asked at a fixed size), for caching. */
export type Served<T> = { body: T; immutable: boolean };

async function receiptIndex(ctx: Ctx, id: string): Promise<number> {
  const [row] = await ctx.db.select({ logIndex: tlogNodes.idx }).from(receipts).leftJoin(tlogNodes, receiptLeaf).where(eq(receipts.id, id));
  if (!row) throw notFound("The receipt");
  if (row.logIndex === null) {
    throw new AppError("NOT_FOUND", "The receipt is not in the log yet: it is appended within a few seconds of being stored.", { reason: "NOT_YET_LOGGED", retryAfterSeconds: 2 });
  }
  return row.logIndex;
}

// By receipt without a size: the latest checkpoint when it covers the receipt, else the current tree.
async function defaultSize(ctx: Ctx, log: LogSigner, index: number): Promise<number> {
  const latest = await latestStoredCheckpoint(ctx.db, log);
  return latest && latest.size > index ? latest.size : treeSize(ctx.db);
}

/**
 * The signed checkpoint of exactly `size`: a stored one needs no further check (the tree had
 * that size); otherwise the size must not be beyond the tree, and one is signed now and kept.
 */
async function checkpointOfSize(ctx: Ctx, log: LogSigner, size: number): Promise<string> {
  const stored = await storedCheckpointNote(ctx.db, log, size);
  if (stored) return stored;
  const current = await treeSize(ctx.db);
  if (size > current) throw beyondLog(size, current);
  return (await checkpointAt(ctx.db, log, size, "request", ctx.now)).note;
}

/**
 * Inclusion proof of a leaf (by index, or by receipt) in the tree of a given size, with the
 * signed checkpoint of exactly that size. Public: the log is readable by anyone (Contract 3).
 */
export async function getInclusionProof(ctx: Ctx, log: LogSigner, rawInput: InclusionProofInput): Promise<Served<InclusionProof>> {
  const input = parseLogQuery(InclusionProofInput, rawInput);
  const index = input.receipt !== undefined ? await receiptIndex(ctx, input.receipt) : input.index!;
  const size = input.size ?? (await defaultSize(ctx, log, index));
  if (index >= size) throw badRange(`The index ${index} is not below the tree size ${size}.`, "index");
  const leaf = { level: 0, index };
  const plan = planInclusionProof(index, size);
  // Both at once; the checkpoint's answer decides: a size beyond the tree is a 404, not missing nodes.
  const [checkpoint, found] = await Promise.all([checkpointOfSize(ctx, log, size), readNodeMap(ctx.db, [...plan.nodes, leaf])]);
  const [leafHash] = pickNodes(found, [leaf]);
  return {
    body: { index, size, leafHash: toHex(leafHash!), hashes: plan.assemble(pickNodes(found, plan.nodes)).map(toBase64), checkpoint },
    immutable: input.size !== undefined,
  };
}

/** Consistency proof between two tree sizes, with the signed checkpoint of size `to`. Public. */
export async function getConsistencyProof(ctx: Ctx, log: LogSigner, rawInput: Partial<ConsistencyProofInput>): Promise<Served<ConsistencyProof>> {
  const { from, to } = parseLogQuery(ConsistencyProofInput, rawInput);
  if (from > to) throw badRange(`The old size ${from} is larger than the new size ${to}: a log never shrinks.`, "from");
  const plan = planConsistencyProof(from, to);
  const [checkpoint, found] = await Promise.all([checkpointOfSize(ctx, log, to), readNodeMap(ctx.db, plan.nodes)]);
  const hashes = plan.assemble(pickNodes(found, plan.nodes));
  return { body: { from, to, hashes: hashes.map(toBase64), checkpoint }, immutable: true };
}
