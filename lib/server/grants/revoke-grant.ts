import "server-only";
import { applyGrantEvent } from "@/lib/core/grants";
import { requireRole, type Ctx } from "../auth/actor";
import { parseInput } from "../http/parse-input";
import { grantActorNow } from "./grant-actor";
import { parseGrantId } from "./grant-id";
import { rowToGrant } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { lockGrant, refuse, runGrantStep, saveStep } from "./grant-store";
import { RevokeGrantInput } from "./schemas";

/**
 * Revokes a pending (withdrawn), approved or active grant with a reason: any admin, or the
 * requester. From the next poll on, the signed revocation list names it.
 */
export async function revokeGrant(ctx: Ctx, grantId: string, rawInput: RevokeGrantInput): Promise<{ id: string; state: string }> {
  requireRole(ctx, "admin", "oncall");
  const input = parseInput(RevokeGrantInput, rawInput);
  const id = parseGrantId(grantId);
  const { policy } = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  return runGrantStep(ctx, id, "revoke", async (tx) => {
    const before = rowToGrant(await lockGrant(tx, id));
    const actor = await grantActorNow(tx, ctx);
    const transition = applyGrantEvent(before, { type: "revoke", reason: input.reason }, { now, policy, actor });
    if (!transition.ok) refuse(transition.error);
    await saveStep(tx, ctx, actor, transition, { action: "grant.revoked", details: { reason: transition.grant.revocation?.comment ?? null, from: before.state } });
    return { id, state: transition.grant.state };
  });
}
