import "server-only";
import { and, asc, eq, isNotNull, notExists, sql } from "drizzle-orm";
import { applyGrantEvent, type Grant, type GrantUseViolation } from "@/lib/core/grants";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { grants, grantUses, receipts } from "../db/schema";
import { grantActorNow, type GrantStepActor } from "./grant-actor";
import { EntityId } from "./grant-id";
import { rowToGrant, toSeconds } from "./grant-row";
import { grantSettings } from "./grant-settings";

/** What is wrong with a use: a grant rule broken, or a grant id the console never issued. */
export type GrantUseFlag = GrantUseViolation | "unknown_grant";

export type LinkedGrantUses = { linked: number; flagged: number; unknown: number };

type Candidate = { id: string; ref: string; ts: Date; surface: string | null; action: string | null; actor: string | null; decision: string | null };

const BATCH = 500;
const AUDITED_RECEIPTS = 20;

function useRow(receipt: Candidate, grantId: string | null, violations: GrantUseFlag[], now: Date) {
  const { id, ref, ts, surface, action, actor, decision } = receipt;
  return { receiptId: id, grantRef: ref, grantId, at: ts, surface, action, actor, decision, violations, linkedAt: now };
}

function countFlags(rows: Array<{ violations: GrantUseFlag[] }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) for (const flag of row.violations) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}

/** Judges each use by the receipt's own time against the grant as it stands, and updates its use count. */
function judgeUses(grant: Grant, batch: Candidate[], ctx: { now: number; actor: GrantStepActor }) {
  const { policy } = grantSettings();
  let current = grant;
  const judged: Array<{ receipt: Candidate; violations: GrantUseFlag[] }> = [];
  for (const receipt of batch) {
    const use = { at: toSeconds(receipt.ts), surface: receipt.surface ?? "", action: receipt.action ?? "", receiptId: receipt.id };
    const transition = applyGrantEvent(current, { type: "use", use }, { now: ctx.now, policy, actor: ctx.actor });
    if (!transition.ok) throw new TypeError(`recording a use cannot be refused: ${transition.error.code}`);
    current = transition.grant;
    judged.push({ receipt, violations: transition.entries[0]?.use?.violations ?? [] });
  }
  return { grant: current, judged };
}

/** Receipts name a grant by its id in any letter case; anything else is an unknown reference. */
function grantIdOf(ref: string): string | null {
  return EntityId.safeParse(ref.trim()).success ? ref.trim().toLowerCase() : null;
}

async function linkBatch(tx: Tx, ctx: Ctx, ref: string, batch: Candidate[]) {
  const grantId = grantIdOf(ref);
  const [row] = grantId ? await tx.select().from(grants).where(eq(grants.id, grantId)).for("update") : [];
  const receiptIds = batch.slice(0, AUDITED_RECEIPTS).map((r) => r.id);
  if (!row) {
    const rows = batch.map((receipt) => useRow(receipt, null, ["unknown_grant"], ctx.now));
    await tx.insert(grantUses).values(rows).onConflictDoNothing();
    await appendAudit(tx, ctx, { action: "grant.unknown_used", targetType: "grant", targetId: ref.slice(0, 200), details: { count: batch.length, receipts: receiptIds } });
    return rows;
  }
  const actor = await grantActorNow(tx, ctx);
  const { grant, judged } = judgeUses(rowToGrant(row), batch, { now: toSeconds(ctx.now), actor });
  const rows = judged.map(({ receipt, violations }) => useRow(receipt, row.id, violations, ctx.now));
  await tx.insert(grantUses).values(rows).onConflictDoNothing();
  await tx
    .update(grants)
    .set({ useCount: grant.useCount, lastUsedAt: grant.lastUsedAt === null ? null : new Date(grant.lastUsedAt * 1000) })
    .where(eq(grants.id, row.id));
  await appendAudit(tx, ctx, {
    action: "grant.used",
    targetType: "grant",
    targetId: row.id,
    details: { operator: grant.operator, count: batch.length, violations: countFlags(rows), receipts: receiptIds },
  });
  return rows;
}

/**
 * The scheduler's pass over receipts naming a grant in `override.grant` (system only): each
 * receipt is linked once, judged (window, scope, revocation, never approved, unknown grant)
 * and counted; one audit entry per grant per pass.
 */
export async function linkGrantUses(ctx: Ctx, limit = BATCH): Promise<LinkedGrantUses> {
  requireRole(ctx);
  const candidates: Candidate[] = await ctx.db
    .select({ id: receipts.id, ref: sql<string>`${receipts.overrideGrant}`, ts: receipts.ts, surface: receipts.surface, action: receipts.action, actor: receipts.actor, decision: receipts.decision })
    .from(receipts)
    .where(and(isNotNull(receipts.overrideGrant), notExists(ctx.db.select({ one: sql`1` }).from(grantUses).where(eq(grantUses.receiptId, receipts.id)))))
    .orderBy(asc(receipts.receivedAt), asc(receipts.id))
    .limit(limit);
  const byRef = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = grantIdOf(candidate.ref) ?? candidate.ref;
    const group = byRef.get(key);
    if (group) group.push(candidate);
    else byRef.set(key, [candidate]);
  }
  const result: LinkedGrantUses = { linked: 0, flagged: 0, unknown: 0 };
  for (const [ref, batch] of byRef) {
    const rows = await ctx.db.transaction((tx) => linkBatch(tx, ctx, ref, batch));
    result.linked += rows.length;
    result.flagged += rows.filter((r) => r.violations.length > 0).length;
    result.unknown += rows.filter((r) => r.grantId === null).length;
  }
  return result;
}
