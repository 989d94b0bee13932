import "server-only";
import { eq } from "drizzle-orm";
import { applyGrantEvent } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { grants } from "../db/schema";
import { parseInput } from "../http/parse-input";
import { grantActorNow } from "./grant-actor";
import { parseGrantId } from "./grant-id";
import { rowToGrant } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { lockGrant, refuse, runGrantStep, saveStep } from "./grant-store";
import { signTokenFor } from "./grant-token";
import { ApproveGrantInput } from "./schemas";

/** The approval that completes the quorum carries the token: the only answer that ever does. */
export type ApprovedGrant = { id: string; state: string; approvals: number; requiredApprovals: number; token?: string };

/**
 * Approves a pending request (an admin, re-checked in the database now, who is neither the
 * requester nor the grantee). The row lock makes concurrent approvals count one at a time,
 * so a grant is activated, and its token issued, exactly once.
 */
export async function approveGrant(ctx: Ctx, grantId: string, rawInput: ApproveGrantInput): Promise<ApprovedGrant> {
  requireRole(ctx, "admin");
  const input = parseInput(ApproveGrantInput, rawInput ?? {});
  const id = parseGrantId(grantId);
  const settings = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  return runGrantStep(ctx, id, "approve", async (tx) => {
    const before = rowToGrant(await lockGrant(tx, id));
    const actor = await grantActorNow(tx, ctx);
    const transition = applyGrantEvent(before, { type: "approve", comment: input.comment ?? null }, { now, policy: settings.policy, actor });
    if (!transition.ok) refuse(transition.error);
    const { grant } = transition;
    const issued = grant.state === "active" || grant.state === "approved";
    const signed = issued ? await signTokenFor(grant, now, settings) : undefined;
    await saveStep(tx, ctx, actor, transition, {
      action: "grant.approved",
      details: { comment: input.comment ?? null, approvals: grant.approvals.length, required: grant.requiredApprovals, ...(signed ? { tokenKid: signed.kid, nbf: grant.nbf, exp: grant.exp } : {}) },
    });
    if (signed) await tx.update(grants).set({ tokenIssuedAt: new Date(now * 1000), tokenKid: signed.kid }).where(eq(grants.id, id));
    const answer = { id, state: grant.state, approvals: grant.approvals.length, requiredApprovals: Math.max(grant.requiredApprovals, settings.policy.requiredApprovals) };
    return signed ? { ...answer, token: signed.token } : answer;
  });
}
