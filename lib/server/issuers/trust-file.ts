import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { exportTrustFile, type TrustFileJson } from "@/lib/core/receipts";
import type { Ctx } from "../auth/actor";
import { issuerKeys, issuers } from "../db/schema";
import { notFound } from "../errors";
import { assertId } from "./get-issuer";
import { requireVerifyAccess } from "./public-verification";
import { loadTrust } from "./trust-set-cache";

/** What the /verify page lists: the issuers whose published keys it can load. */
export type PublishedIssuer = { id: string; iss: string; name: string; keyCount: number };

/** Registered issuers with keys, for the /verify page's picker. */
export async function listPublishedIssuers(ctx: Ctx): Promise<PublishedIssuer[]> {
  await requireVerifyAccess(ctx);
  const rows = await ctx.db
    .select({ id: issuers.id, iss: issuers.iss, name: issuers.name, keyCount: count(issuerKeys.id) })
    .from(issuers)
    .innerJoin(issuerKeys, eq(issuerKeys.issuerId, issuers.id))
    .groupBy(issuers.id)
    .orderBy(asc(issuers.iss));
  return rows.map((r) => ({ ...r, keyCount: Number(r.keyCount) }));
}

/**
 * One issuer's keys as a trust file: a JWKS whose keys carry iss, alg, valid_from, valid_until
 * and revoked_at — what `countersign verify --trust` and the /verify page read.
 */
export async function issuerTrustFile(ctx: Ctx, issuerId: string): Promise<{ iss: string; file: TrustFileJson }> {
  await requireVerifyAccess(ctx);
  const [issuer] = await ctx.db.select().from(issuers).where(eq(issuers.id, assertId(issuerId)));
  if (!issuer) throw notFound("The issuer");
  const { trust } = await loadTrust(ctx.db, issuer.iss);
  return { iss: issuer.iss, file: exportTrustFile(trust) };
}

/** Every registered issuer's keys in one trust file. */
export async function consoleTrustFile(ctx: Ctx): Promise<TrustFileJson> {
  await requireVerifyAccess(ctx);
  const { trust } = await loadTrust(ctx.db);
  return exportTrustFile(trust);
}
