import "server-only";
import { and, eq, inArray, lte, or } from "drizzle-orm";
import { applyGrantEvent, type Grant, type GrantEvent } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { grants } from "../db/schema";
import { grantActorNow } from "./grant-actor";
import { rowToGrant } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { lockGrant, saveStep } from "./grant-store";

export type AdvancedGrants = { activated: number; expired: number; requestsExpired: number };

const AUDIT: Record<string, keyof AdvancedGrants> = { activate: "activated", expire: "expired", expire_request: "requestsExpired" };
const BATCH = 200;

/** The step the clock makes due for a grant at `now`, if any. */
function dueStep(grant: Grant, now: number): Extract<GrantEvent, { type: "activate" | "expire" | "expire_request" }> | null {
  if (grant.state === "pending") return now >= grant.requestExpiresAt ? { type: "expire_request" } : null;
  if ((grant.state === "approved" || grant.state === "active") && grant.exp !== null && now >= grant.exp) return { type: "expire" };
  if (grant.state === "approved" && grant.nbf !== null && now >= grant.nbf) return { type: "activate" };
  return null;
}

/**
 * The scheduler's pass over grants (system only): scheduled grants become active at nbf,
 * approved or active grants expire at exp (recorded at exp), undecided requests expire. Each
 * grant is one transaction, re-read under its row lock, so a revocation that won the race stays.
 */
export async function advanceGrants(ctx: Ctx): Promise<AdvancedGrants> {
  requireRole(ctx);
  const { policy } = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  const due = await ctx.db
    .select({ id: grants.id })
    .from(grants)
    .where(
      or(
        and(eq(grants.state, "pending"), lte(grants.requestExpiresAt, ctx.now)),
        and(eq(grants.state, "approved"), lte(grants.nbf, ctx.now)),
        and(inArray(grants.state, ["approved", "active"]), lte(grants.exp, ctx.now)),
      ),
    )
    .limit(BATCH);
  const counts: AdvancedGrants = { activated: 0, expired: 0, requestsExpired: 0 };
  for (const { id } of due) {
    const done = await ctx.db.transaction(async (tx) => {
      const grant = rowToGrant(await lockGrant(tx, id));
      const step = dueStep(grant, now);
      if (!step) return null;
      const actor = await grantActorNow(tx, ctx);
      const transition = applyGrantEvent(grant, step, { now, policy, actor });
      if (!transition.ok) return null;
      await saveStep(tx, ctx, actor, transition, { action: `grant.${transition.entries[0]?.kind ?? step.type}`, details: { nbf: grant.nbf, exp: grant.exp } });
      return step.type;
    });
    if (done) counts[AUDIT[done]!]++;
  }
  return counts;
}
