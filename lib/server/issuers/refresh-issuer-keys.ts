import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { appendAudit } from "../audit";
import { requireRole, type Ctx } from "../auth/actor";
import { issuerKeys, issuers } from "../db/schema";
import { AppError, conflict, notFound } from "../errors";
import { reverifyReceipts } from "../receipts/reverify-receipts";
import { logger } from "../telemetry/logger";
import { newKeys } from "./add-issuer-keys";
import { assertId, getIssuer } from "./get-issuer";
import type { IssuerView } from "./issuer-view";
import { fetchJwks, type JwksFetchPolicy } from "./jwks-fetch";
import { invalidateConsoleTrust } from "./trust-set-cache";
import { insertKeys, validateKeysFor } from "./validate-keys";

export type RefreshOutcome = { issuerId: string; iss: string; ok: boolean; added: string[]; retired: string[]; error?: string };

/**
 * For the scheduler (every few minutes): fetches the JWKS of every issuer that has a URL, adds
 * new keys and retires keys no longer published (valid until now: what they signed before
 * stays valid). A failed fetch changes no key; it is kept as the issuer's refresh error.
 */
export async function refreshIssuerKeys(ctx: Ctx, options: { fetchPolicy?: JwksFetchPolicy } = {}): Promise<RefreshOutcome[]> {
  requireRole(ctx, "admin");
  const rows = await ctx.db.select().from(issuers).where(isNotNull(issuers.jwksUrl));
  const outcomes: RefreshOutcome[] = [];
  for (const row of rows) outcomes.push(await refreshOne(ctx, row, options.fetchPolicy));
  return outcomes;
}

/** An admin's "refresh now" for one issuer; a failed fetch is answered as a VALIDATION error. */
export async function refreshIssuer(ctx: Ctx, issuerId: string, fetchPolicy?: JwksFetchPolicy): Promise<{ issuer: IssuerView; outcome: RefreshOutcome }> {
  requireRole(ctx, "admin");
  const [row] = await ctx.db.select().from(issuers).where(eq(issuers.id, assertId(issuerId)));
  if (!row) throw notFound("The issuer");
  if (!row.jwksUrl) throw conflict("This issuer's keys were given by hand; it has no JWKS URL to refresh from.", "NO_JWKS_URL");
  const outcome = await refreshOne(ctx, row, fetchPolicy);
  if (!outcome.ok) throw new AppError("VALIDATION", outcome.error!, { reason: "JWKS_REFRESH_FAILED" });
  return { issuer: await getIssuer(ctx, row.id), outcome };
}

async function refreshOne(ctx: Ctx, issuer: typeof issuers.$inferSelect, fetchPolicy?: JwksFetchPolicy): Promise<RefreshOutcome> {
  const base = { issuerId: issuer.id, iss: issuer.iss, added: [] as string[], retired: [] as string[] };
  try {
    const { keys } = await validateKeysFor(ctx, issuer.iss, await fetchJwks(issuer.jwksUrl!, fetchPolicy));
    const changes = await ctx.db.transaction(async (tx) => {
      const existing = await tx.select().from(issuerKeys).where(eq(issuerKeys.issuerId, issuer.id)).for("update");
      const fresh = newKeys(keys, existing);
      await insertKeys(tx, ctx, issuer, fresh, "url");
      const published = new Set(keys.map((k) => k.kid));
      const gone = existing.filter((k) => k.origin === "url" && !published.has(k.kid) && !k.revokedAt && !(k.validUntil && k.validUntil <= ctx.now));
      for (const key of gone) {
        await tx.update(issuerKeys).set({ validUntil: ctx.now, changedAt: ctx.now }).where(eq(issuerKeys.id, key.id));
        await appendAudit(tx, ctx, {
          action: "issuer_key.retired",
          targetType: "issuer_key",
          targetId: key.id,
          details: { iss: issuer.iss, kid: key.kid, thumbprint: key.thumbprint, validUntil: ctx.now.toISOString(), reason: "no longer published at the JWKS URL" },
        });
      }
      await tx.update(issuers).set({ refreshedAt: ctx.now, refreshError: null }).where(eq(issuers.id, issuer.id));
      return { added: fresh.map((k) => k.kid), retired: gone };
    });
    if (changes.added.length > 0 || changes.retired.length > 0) invalidateConsoleTrust();
    if (changes.added.length > 0) await reverifyReceipts(ctx.db, { kind: "pending", iss: issuer.iss }, ctx.now);
    for (const key of changes.retired) {
      await reverifyReceipts(ctx.db, { kind: "key", iss: issuer.iss, keyId: key.id, fromIat: Math.floor(ctx.now.getTime() / 1000) }, ctx.now);
    }
    return { ...base, ok: true, added: changes.added, retired: changes.retired.map((k) => k.kid) };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.warn({ iss: issuer.iss, reason: error.details?.reason }, "issuer JWKS refresh failed");
    await ctx.db.update(issuers).set({ refreshError: error.message.slice(0, 1000) }).where(and(eq(issuers.id, issuer.id)));
    return { ...base, ok: false, error: error.message };
  }
}
