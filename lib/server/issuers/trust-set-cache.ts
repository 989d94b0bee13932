import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { trustSetFromIssuers, type IssuerKeysInput, type TrustSet } from "@/lib/core/receipts";
import type { DbOrTx } from "../db";
import { rowsOf } from "../db/migrate";
import { issuerKeys, issuers } from "../db/schema";

/** The trust set with each key's row id by (iss, kid), so stored receipts can point at their key. */
export type ConsoleTrust = { trust: TrustSet; keyIds: ReadonlyMap<string, string> };

type Cached = { stamp: string; value: Promise<ConsoleTrust> };

// One per process (shared across Next.js bundles). The stamp — a digest of every key's id and
// times, a few hundred bytes of reading — is taken on every use, so a key change made by any
// instance is seen by the next ingest.
const state = globalThis as unknown as { __countersignTrust?: Cached };

/** The trust set of every registered issuer, rebuilt only when a key changed. */
export async function consoleTrust(db: DbOrTx): Promise<ConsoleTrust> {
  const result = await db.execute(sql`
    select coalesce(md5(string_agg(concat_ws('|', id, changed_at, valid_from, valid_until, revoked_at), ',' order by id)), '') as stamp
    from issuer_keys`);
  const stamp = rowsOf<{ stamp: string }>(result)[0]!.stamp;
  const cached = state.__countersignTrust;
  if (cached && cached.stamp === stamp) return cached.value;
  const value = loadTrust(db);
  state.__countersignTrust = { stamp, value };
  value.catch(() => {
    if (state.__countersignTrust?.value === value) state.__countersignTrust = undefined;
  });
  return value;
}

/** Forgets the cached trust set (after a key change in this process). */
export function invalidateConsoleTrust(): void {
  state.__countersignTrust = undefined;
}

/** Keys of one issuer, or of all, as the verifier takes them. */
export async function loadTrust(db: DbOrTx, onlyIss?: string): Promise<ConsoleTrust> {
  const rows = await db
    .select({ iss: issuers.iss, key: issuerKeys })
    .from(issuerKeys)
    .innerJoin(issuers, eq(issuers.id, issuerKeys.issuerId))
    .where(onlyIss === undefined ? undefined : eq(issuers.iss, onlyIss))
    .orderBy(asc(issuers.iss), asc(issuerKeys.kid));
  const byIssuer = new Map<string, IssuerKeysInput & { keys: IssuerKeysInput["keys"][number][] }>();
  const keyIds = new Map<string, string>();
  for (const { iss, key } of rows) {
    if (!byIssuer.has(iss)) byIssuer.set(iss, { iss, keys: [] });
    byIssuer.get(iss)!.keys.push({ jwk: key.jwk, validFrom: key.validFrom, validUntil: key.validUntil, revokedAt: key.revokedAt });
    keyIds.set(keyRef(iss, key.kid), key.id);
  }
  return { trust: await trustSetFromIssuers([...byIssuer.values()]), keyIds };
}

export function keyRef(iss: string, kid: string): string {
  return `${iss}\u0000${kid}`;
}
