import "server-only";
import { asc, eq, gt } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import { grants, grantUses, receipts } from "../db/schema";
import { parseInput } from "../http/parse-input";
import type { GrantUseFlag } from "./link-grant-uses";
import { GrantUsesSinceInput } from "./schemas";

/** One linked use, for the alert evaluator: "break-glass used" for each, "violation" when flagged. */
export type GrantUseEvent = {
  seq: number;
  receiptId: string;
  receiptVerdict: string;
  grantRef: string;
  /** Null when the receipt names a grant the console never issued (flag `unknown_grant`). */
  grantId: string | null;
  operator: string | null;
  grantState: string | null;
  at: string;
  linkedAt: string;
  surface: string | null;
  action: string | null;
  actor: string | null;
  decision: string | null;
  violations: GrantUseFlag[];
};

/**
 * Uses linked after `cursor` (a `seq`), oldest first; pass back `nextCursor` to continue. The
 * linking job is single-writer, so seq order is commit order and a cursor never skips a use.
 */
export async function listGrantUsesSince(ctx: Ctx, rawInput: GrantUsesSinceInput = {}): Promise<{ items: GrantUseEvent[]; nextCursor: number }> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const input = parseInput(GrantUsesSinceInput, rawInput);
  const rows = await ctx.db
    .select({ use: grantUses, operator: grants.operator, grantState: grants.state, receiptVerdict: receipts.verdict })
    .from(grantUses)
    .innerJoin(receipts, eq(receipts.id, grantUses.receiptId))
    .leftJoin(grants, eq(grants.id, grantUses.grantId))
    .where(gt(grantUses.seq, input.cursor))
    .orderBy(asc(grantUses.seq))
    .limit(input.limit);
  const items = rows.map(({ use, operator, grantState, receiptVerdict }) => ({
    seq: use.seq,
    receiptId: use.receiptId,
    receiptVerdict,
    grantRef: use.grantRef,
    grantId: use.grantId,
    operator,
    grantState,
    at: use.at.toISOString(),
    linkedAt: use.linkedAt.toISOString(),
    surface: use.surface,
    action: use.action,
    actor: use.actor,
    decision: use.decision,
    violations: use.violations as GrantUseFlag[],
  }));
  return { items, nextCursor: items[items.length - 1]?.seq ?? input.cursor };
}
