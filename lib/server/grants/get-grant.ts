import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { requireRole, type Ctx } from "../auth/actor";
import type { DbOrTx } from "../db";
import { grantEvents, grants, grantUses, receipts } from "../db/schema";
import { notFound } from "../errors";
import { parseGrantId } from "./grant-id";
import { findOverlapping } from "./grant-overlaps";
import { grantPermissions } from "./grant-permissions";
import { rowToGrant } from "./grant-row";
import type { GrantDetail, GrantTimelineItem, GrantUseView } from "./grant-view";
import type { GrantUseFlag } from "./link-grant-uses";
import { summaries } from "./list-grants";

const USES_SHOWN = 500;

async function usesOf(db: DbOrTx, grantId: string): Promise<GrantUseView[]> {
  const columns = {
    receiptId: grantUses.receiptId, receiptIssuer: receipts.iss, receiptRef: receipts.receiptId, receiptVerdict: receipts.verdict,
    at: grantUses.at, surface: grantUses.surface, action: grantUses.action, actor: grantUses.actor, decision: grantUses.decision,
    violations: grantUses.violations, linkedAt: grantUses.linkedAt,
  };
  const base = () => db.select(columns).from(grantUses).innerJoin(receipts, eq(receipts.id, grantUses.receiptId)).where(eq(grantUses.grantId, grantId));
  const [latest, first] = await Promise.all([base().orderBy(desc(grantUses.at), desc(grantUses.seq)).limit(USES_SHOWN), base().orderBy(asc(grantUses.at), asc(grantUses.seq)).limit(1)]);
  const rows = first[0] && !latest.some((u) => u.receiptId === first[0]!.receiptId) ? [...latest, first[0]] : latest;
  return rows.map((u) => ({ ...u, violations: u.violations as GrantUseFlag[], at: u.at.toISOString(), linkedAt: u.linkedAt.toISOString() }));
}

function timelineOf(events: Array<typeof grantEvents.$inferSelect>, uses: GrantUseView[]): GrantTimelineItem[] {
  const firstUse = uses[uses.length - 1]?.receiptId;
  const steps: GrantTimelineItem[] = events.map((e) => ({
    kind: e.kind as GrantTimelineItem["kind"], at: e.at.toISOString(), actor: { id: e.actorId, email: e.actorEmail }, note: e.note,
  }));
  const used: GrantTimelineItem[] = uses.map((use) => ({
    kind: "used", at: use.at, actor: { id: use.actor ?? "", email: null }, note: use.violations.length ? `flagged: ${use.violations.join(", ")}` : null,
    use: { ...use, first: use.receiptId === firstUse },
  }));
  return [...steps, ...used].sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * One grant with its timeline (every step with actor, time and note, and its uses), the uses
 * with their receipts' verdicts and flags, the overlapping grants reviewers must see, and what
 * the caller may do with it now (any role).
 */
export async function getGrant(ctx: Ctx, grantId: string): Promise<GrantDetail> {
  requireRole(ctx, "admin", "oncall", "auditor");
  const id = parseGrantId(grantId);
  const [row] = await ctx.db.select().from(grants).where(eq(grants.id, id));
  if (!row) throw notFound("The grant");
  const grant = rowToGrant(row);
  const [events, uses, overlapping] = await Promise.all([
    ctx.db.select().from(grantEvents).where(eq(grantEvents.grantId, id)).orderBy(asc(grantEvents.at), asc(grantEvents.id)),
    usesOf(ctx.db, id),
    findOverlapping(ctx.db, grant),
  ]);
  const [summary] = await summaries(ctx.db, [row]);
  return {
    ...summary!,
    timeline: timelineOf(events, uses),
    uses,
    overlapping: await summaries(ctx.db, overlapping),
    permissions: grantPermissions(ctx, grant, row),
  };
}
