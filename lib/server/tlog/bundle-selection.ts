import "server-only";
import { and, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { receipts, tlogNodes } from "../db/schema";
import type { BundleSelectionInput } from "./schemas";

type Selection = z.output<typeof BundleSelectionInput>;

/**
 * The receipts a bundle holds: those matching the receipt explorer's filters (the same
 * conditions as listReceipts) and the ids picked by hand, among the first `size` log entries.
 * With a size, the query must join each receipt to its leaf (`receiptLeaf`); without one
 * (`"any"`), it counts logged and pending receipts alike, and needs no join.
 */
export function selectionCondition(input: Selection, size: number | "any"): SQL {
  const filters: SQL[] = size === "any" ? [] : [lt(tlogNodes.idx, size)];
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
  if (input.ids) filters.push(inArray(receipts.id, input.ids));
  return and(sql`true`, ...filters)!;
}

/** The selection as the bundle's header records it: the filters used, and how many ids were picked. */
export function describeSelection(input: Selection): Record<string, unknown> {
  const { ids, ...filters } = input;
  const used = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  return { ...used, ...(ids ? { ids: ids.length } : {}) };
}
