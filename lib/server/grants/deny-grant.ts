import "server-only";
import { applyGrantEvent } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { parseInput } from "../http/parse-input";
import { grantActorNow } from "./grant-actor";
import { parseGrantId } from "./grant-id";
import { rowToGrant } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { lockGrant, refuse, runGrantStep, saveStep } from "./grant-store";
import { DenyGrantInput } from "./schemas";

/** Denies a pending request with a comment (an admin who is neither the requester nor the grantee); final. */
export async function denyGrant(ctx: Ctx, grantId: string, rawInput: DenyGrantInput): Promise<{ id: string; state: string }> {
  requireRole(ctx, "admin");
  const input = parseInput(DenyGrantInput, rawInput);
  const id = parseGrantId(grantId);
  const { policy } = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  return runGrantStep(ctx, id, "deny", async (tx) => {
    const before = rowToGrant(await lockGrant(tx, id));
    const actor = await grantActorNow(tx, ctx);
    const transition = applyGrantEvent(before, { type: "deny", comment: input.comment }, { now, policy, actor });
    if (!transition.ok) refuse(transition.error);
    await saveStep(tx, ctx, actor, transition, { action: "grant.denied", details: { comment: transition.grant.denial?.comment ?? null } });
    return { id, state: transition.grant.state };
  });
}
