import "server-only";
import { eq } from "drizzle-orm";
import type { GrantError, GrantTimelineEntry, GrantTransition } from "@/lib/core/grants";
import { appendAudit } from "../audit";
import type { Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { grantEvents, grants } from "../db/schema";
import { notFound } from "../errors";
import type { GrantStepActor } from "./grant-actor";
import { grantAppError } from "./grant-app-error";
import { grantColumns, type GrantRow } from "./grant-row";

/** Reads a grant and locks its row until the transaction ends: steps on one grant run one at a time. */
export async function lockGrant(tx: Tx, grantId: string): Promise<GrantRow> {
  const [row] = await tx.select().from(grants).where(eq(grants.id, grantId)).for("update");
  if (!row) throw notFound("The grant");
  return row;
}

/** Inserts timeline rows (uses are kept in grant_uses, not here). */
export async function insertTimeline(tx: Tx, grantId: string, entries: GrantTimelineEntry[], actor: GrantStepActor): Promise<void> {
  const rows = entries
    .filter((entry) => entry.kind !== "used")
    .map((entry) => ({
      grantId,
      kind: entry.kind,
      at: new Date(entry.at * 1000),
      actorId: entry.actor,
      actorEmail: entry.actor === actor.id ? actor.label : null,
      note: entry.note,
    }));
  if (rows.length > 0) await tx.insert(grantEvents).values(rows);
}

/** Applies an accepted transition: the new grant state, its timeline rows and one audit entry, in the caller's transaction. */
export async function saveStep(
  tx: Tx,
  ctx: Ctx,
  actor: GrantStepActor,
  transition: Extract<GrantTransition, { ok: true }>,
  audit: { action: string; details?: Record<string, unknown> },
): Promise<void> {
  const { grant, entries } = transition;
  await tx.update(grants).set({ ...grantColumns(grant), updatedAt: ctx.now }).where(eq(grants.id, grant.id));
  await insertTimeline(tx, grant.id, entries, actor);
  await appendAudit(tx, ctx, {
    action: audit.action,
    targetType: "grant",
    targetId: grant.id,
    details: { operator: grant.operator, state: grant.state, ...audit.details },
  });
}

class StepRefused extends Error {
  constructor(readonly refusal: GrantError) {
    super(refusal.message);
  }
}

/** Ends the step's transaction with a refusal that runGrantStep audits and maps to HTTP. */
export function refuse(error: GrantError): never {
  throw new StepRefused(error);
}

/**
 * Runs one step on one grant in one transaction. A step refused for who asked or for the
 * grant's state is worth an audit entry of its own (an attempted self-approval is a security
 * event), written after the step's transaction rolled back.
 */
export async function runGrantStep<T>(ctx: Ctx, grantId: string, verb: string, step: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(step);
  } catch (error) {
    if (!(error instanceof StepRefused)) throw error;
    const { refusal } = error;
    const answer = grantAppError(refusal);
    if (answer.code === "VALIDATION") throw answer; // a missing comment is a typo, not an event
    await ctx.db.transaction(async (tx) => {
      await appendAudit(tx, ctx, { action: `grant.${verb}_refused`, targetType: "grant", targetId: grantId, details: { code: refusal.code, message: refusal.message } });
    });
    throw answer;
  }
}
