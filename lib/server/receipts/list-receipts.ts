import "server-only";
import { and, desc, eq, gte, isNotNull, lt, lte, or, type SQL } from "drizzle-orm";
import { getTableColumns } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { receipts, tlogNodes } from "../db/schema";
import { AppError } from "../errors";
import { parseInput } from "../http/parse-input";
import { receiptLeaf } from "./receipt-leaf";
import { toReceiptSummary, type ReceiptSummary } from "./receipt-view";
import { ListReceiptsInput } from "./schemas";

const { raw: _raw, ...summaryColumns } = getTableColumns(receipts);

/** Receipts, newest first by receipt time, filtered; keyset-paged by (time, id). */
export async function listReceipts(ctx: Ctx, rawInput: ListReceiptsInput): Promise<{ items: ReceiptSummary[]; nextCursor: string | null }> {
  requireRole(ctx, "auditor", "admin", "oncall");
  const input = parseInput(ListReceiptsInput, rawInput);
  const filters: SQL[] = [];
  if (input.from) filters.push(gte(receipts.ts, input.from));
  if (input.to) filters.push(lte(receipts.ts, input.to));
  if (input.issuer) filters.push(eq(receipts.iss, input.issuer));
  if (input.surface) filters.push(eq(receipts.surface, input.surface));
  if (input.decision) filters.push(eq(receipts.decision, input.decision));
  if (input.verdict) filters.push(eq(receipts.verdict, input.verdict));
  if (input.actor) filters.push(eq(receipts.actor, input.actor));
  if (input.policyVersion) filters.push(eq(receipts.policyVersion, input.policyVersion));
  if (input.receiptId) filters.push(eq(receipts.receiptId, input.receiptId));
  if (input.grant) filters.push(input.grant === "any" ? isNotNull(receipts.overrideGrant) : eq(receipts.overrideGrant, input.grant));
  if (input.cursor) {
    const [ts, id] = decodeCursor(input.cursor);
    filters.push(or(lt(receipts.ts, ts), and(eq(receipts.ts, ts), lt(receipts.id, id)))!);
  }
  const rows = await ctx.db
    .select({ ...summaryColumns, logIndex: tlogNodes.idx })
    .from(receipts)
    .leftJoin(tlogNodes, receiptLeaf)
    .where(and(...filters))
    .orderBy(desc(receipts.ts), desc(receipts.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(toReceiptSummary);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last.ts, last.id) : null };
}

function encodeCursor(ts: string, id: string): string {
  return Buffer.from(JSON.stringify([ts, id])).toString("base64url");
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [ts, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(ts);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error("bad cursor");
    return [date, id];
  } catch {
    throw new AppError("VALIDATION", "The cursor is not valid: use the nextCursor of a previous page.", { fields: { cursor: "not valid" } });
  }
}
