import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { issuerKeys, issuers } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { reverifyReceipts } from "../receipts/reverify-receipts";
import type { KeyChangeResult } from "./create-issuer";
import { assertId, getIssuer } from "./get-issuer";
import { RevokeIssuerKeyInput } from "./schemas";
import { invalidateConsoleTrust } from "./trust-set-cache";

/**
 * Revokes a key from a time on (default now; earlier when the compromise started earlier).
 * Receipts it signed before that time stay valid; stored receipts dated at or after it are
 * verified again and become `key_revoked`. A revocation is final.
 */
export async function revokeIssuerKey(ctx: Ctx, issuerId: string, keyId: string, rawInput: RevokeIssuerKeyInput): Promise<KeyChangeResult> {
  requireRole(ctx, "admin");
  const input = parseInput(RevokeIssuerKeyInput, rawInput);
  const revokedAt = input.revokedAt ?? ctx.now;
  if (revokedAt.getTime() > ctx.now.getTime()) {
    throw new AppError("VALIDATION", "A revocation takes effect now or earlier, not in the future.", { fields: { revokedAt: "in the future" } });
  }
  const revokedBy = ctx.actor.type === "user" ? ctx.actor.email : ctx.actor.type === "system" ? `system:${ctx.actor.name}` : "anonymous";
  const { key, iss } = await ctx.db.transaction(async (tx) => {
    const [issuer] = await tx.select().from(issuers).where(eq(issuers.id, assertId(issuerId)));
    if (!issuer) throw notFound("The issuer");
    const [row] = await tx
      .update(issuerKeys)
      .set({ revokedAt, revokedReason: input.reason, revokedBy, changedAt: ctx.now })
      .where(and(eq(issuerKeys.id, assertId(keyId, "keyId")), eq(issuerKeys.issuerId, issuer.id), isNull(issuerKeys.revokedAt)))
      .returning();
    if (!row) throw notFound("An unrevoked key with that id for this issuer");
    await appendAudit(tx, ctx, {
      action: "issuer_key.revoked",
      targetType: "issuer_key",
      targetId: row.id,
      details: { iss: issuer.iss, kid: row.kid, thumbprint: row.thumbprint, revokedAt: revokedAt.toISOString(), reason: input.reason },
    });
    return { key: row, iss: issuer.iss };
  });
  invalidateConsoleTrust();
  // A superset (whole seconds, rounded down): the verifier itself decides each receipt.
  const reverified = await reverifyReceipts(ctx.db, { kind: "key", iss, keyId: key.id, fromIat: Math.floor(revokedAt.getTime() / 1000) }, ctx.now);
  return { issuer: await getIssuer(ctx, issuerId), skipped: [], reverified };
}
