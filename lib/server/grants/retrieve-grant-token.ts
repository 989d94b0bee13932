import "server-only";
import { eq } from "drizzle-orm";
import { GrantError, isRequesterOrGrantee } from "@/lib/core/grants";
import { appendAudit } from "../audit";
import { ANY_ROLE, requireRole, type Ctx } from "../auth/actor";
import { grantEvents, grants } from "../db/schema";
import { forbidden } from "../errors";
import { grantActorNow } from "./grant-actor";
import { parseGrantId } from "./grant-id";
import { rowToGrant, toSeconds } from "./grant-row";
import { grantSettings } from "./grant-settings";
import { lockGrant, refuse, runGrantStep } from "./grant-store";
import { signTokenFor } from "./grant-token";

export type RetrievedGrantToken = { id: string; token: string; nbf: string; exp: string };

/**
 * Hands the token of an approved or active grant to its requester or its grantee, once per
 * grant. It is signed again from the stored claims (same claims as the one the approval
 * answered with); nothing about it is kept but the moment and the person.
 */
export async function retrieveGrantToken(ctx: Ctx, grantId: string): Promise<RetrievedGrantToken> {
  requireRole(ctx, ...ANY_ROLE);
  if (ctx.actor.type !== "user") throw forbidden("Only the requester or the grantee may retrieve a grant's token.");
  const id = parseGrantId(grantId);
  const settings = grantSettings();
  const now = Math.floor(ctx.now.getTime() / 1000);
  return runGrantStep(ctx, id, "token_retrieval", async (tx) => {
    const row = await lockGrant(tx, id);
    const grant = rowToGrant(row);
    const actor = await grantActorNow(tx, ctx);
    if (!isRequesterOrGrantee(grant, actor)) refuse(new GrantError("NOT_PERMITTED", "only the requester or the grantee may retrieve this grant's token"));
    if (grant.state !== "approved" && grant.state !== "active") refuse(new GrantError("INVALID_TRANSITION", `a ${grant.state} grant has no token to retrieve`));
    if (grant.exp === null || grant.exp <= now) refuse(new GrantError("GRANT_EXPIRED", "the grant's window has ended"));
    if (row.tokenRetrievedAt !== null || row.tokenIssuedAt === null) {
      refuse(new GrantError("INVALID_TRANSITION", "this grant's token was already retrieved; revoke the grant and request a new one if it is lost"));
    }
    const signed = await signTokenFor(grant, toSeconds(row.tokenIssuedAt), settings);
    await tx.update(grants).set({ tokenRetrievedAt: ctx.now, tokenRetrievedBy: actor.id, updatedAt: ctx.now }).where(eq(grants.id, id));
    await tx.insert(grantEvents).values({ grantId: id, kind: "token_retrieved", at: ctx.now, actorId: actor.id, actorEmail: actor.label, note: null });
    await appendAudit(tx, ctx, { action: "grant.token_retrieved", targetType: "grant", targetId: id, details: { operator: grant.operator, kid: signed.kid } });
    return { id, token: signed.token, nbf: new Date((grant.nbf ?? grant.exp) * 1000).toISOString(), exp: new Date(grant.exp * 1000).toISOString() };
  });
}
