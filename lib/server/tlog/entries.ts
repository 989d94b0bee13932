import "server-only";
import { and, asc, gte, lt } from "drizzle-orm";
import type { Ctx } from "../auth/actor";
import { receipts, tlogNodes } from "../db/schema";
import { receiptLeaf } from "../receipts/receipt-leaf";
import { treeSize } from "./nodes";
import { badRange, beyondLog, parseLogQuery } from "./query-input";
import { EntriesInput, MAX_ENTRIES_PER_REQUEST } from "./schemas";

/** `GET /api/v1/log/entries`: entries [start, end) as base64 of the exact logged bytes. */
export type LogEntries = { start: number; end: number; entries: string[] };

/**
 * The exact logged bytes of entries [start, end), in index order. Answers at most
 * MAX_ENTRIES_PER_REQUEST and never past the tree's size: `end` says where it stopped, and the
 * answer is immutable only when it covers the whole range asked. Public (Contract 3).
 */
export async function getLogEntries(ctx: Ctx, rawInput: Partial<EntriesInput>): Promise<{ body: LogEntries; immutable: boolean }> {
  const { start, end: asked } = parseLogQuery(EntriesInput, rawInput);
  if (start >= asked) throw badRange(`The range start ${start} must be below its end ${asked}.`, "start");
  const current = await treeSize(ctx.db);
  if (start >= current) throw beyondLog(start + 1, current);
  const end = Math.min(asked, current, start + MAX_ENTRIES_PER_REQUEST);
  const rows = await ctx.db
    .select({ logIndex: tlogNodes.idx, raw: receipts.raw })
    .from(tlogNodes)
    .innerJoin(receipts, receiptLeaf)
    .where(and(gte(tlogNodes.idx, start), lt(tlogNodes.idx, end)))
    .orderBy(asc(tlogNodes.idx));
  if (rows.length !== end - start || rows.some((row, i) => row.logIndex !== start + i)) {
    throw new Error(`transparency log entries [${start}, ${end}) are not all stored`);
  }
  return { body: { start, end, entries: rows.map((row) => Buffer.from(row.raw).toString("base64")) }, immutable: end === asked };
}
