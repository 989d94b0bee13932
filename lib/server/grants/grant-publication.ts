import "server-only";
import { and, asc, gt, isNotNull, lt } from "drizzle-orm";
import { signRevocationList, type GrantKeyRing } from "@/lib/core/grants";
import type { Ctx } from "../auth/actor";
import { grants } from "../db/schema";
import { toSeconds } from "./grant-row";
import { grantSettings } from "./grant-settings";

/** The grant keys' public JWKS, as served at /.well-known/jwks.json (public: no role). */
export async function getGrantJwks(): Promise<GrantKeyRing["jwks"]> {
  return (await grantSettings().keyRing()).jwks;
}

/**
 * The signed revocation list gates poll (public: no role): every grant revoked before its exp
 * whose exp has not passed yet, issued now. A grant past exp is refused as expired anyway.
 */
export async function getRevocationList(ctx: Ctx): Promise<string> {
  const settings = grantSettings();
  const rows = await ctx.db
    .select({ id: grants.id, revokedAt: grants.revokedAt, reason: grants.revocationReason })
    .from(grants)
    .where(and(isNotNull(grants.revokedAt), isNotNull(grants.exp), gt(grants.exp, ctx.now), lt(grants.revokedAt, grants.exp)))
    .orderBy(asc(grants.revokedAt), asc(grants.id));
  const revoked = rows.map((row) => ({ jti: row.id, revoked_at: toSeconds(row.revokedAt!), ...(row.reason ? { reason: row.reason } : {}) }));
  return signRevocationList({ iss: settings.issuer, iat: toSeconds(ctx.now), revoked }, (await settings.keyRing()).signing);
}
