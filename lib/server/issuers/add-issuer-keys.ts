import "server-only";
import { eq } from "drizzle-orm";
import type { TrustedKey } from "@/lib/core/receipts";
import { requireRole, type Ctx } from "../auth/actor";
import { issuerKeys, issuers } from "../db/schema";
import { AppError, notFound } from "../errors";
import { parseInput } from "../http/parse-input";
import { reverifyReceipts } from "../receipts/reverify-receipts";
import type { KeyChangeResult } from "./create-issuer";
import { assertId, getIssuer } from "./get-issuer";
import { AddIssuerKeysInput } from "./schemas";
import { invalidateConsoleTrust } from "./trust-set-cache";
import { insertKeys, validateKeysFor } from "./validate-keys";

/**
 * Adds keys to a registered issuer (rotation). A kid already registered with the same key is
 * left as it is; a kid already registered with a different key is refused — a kid names one
 * key forever, or old receipts would change meaning.
 */
export async function addIssuerKeys(ctx: Ctx, issuerId: string, rawInput: AddIssuerKeysInput): Promise<KeyChangeResult & { added: string[]; unchanged: string[] }> {
  requireRole(ctx, "admin");
  const input = parseInput(AddIssuerKeysInput, rawInput);
  const [issuer] = await ctx.db.select().from(issuers).where(eq(issuers.id, assertId(issuerId)));
  if (!issuer) throw notFound("The issuer");
  const { keys, skipped } = await validateKeysFor(ctx, issuer.iss, input.jwks);
  const { added, unchanged } = await ctx.db.transaction(async (tx) => {
    const existing = await tx.select().from(issuerKeys).where(eq(issuerKeys.issuerId, issuer.id)).for("update");
    const fresh = newKeys(keys, existing);
    await insertKeys(tx, ctx, issuer, fresh, "manual");
    return { added: fresh.map((k) => k.kid), unchanged: keys.filter((k) => !fresh.includes(k)).map((k) => k.kid) };
  });
  invalidateConsoleTrust();
  const reverified = added.length > 0 ? await reverifyReceipts(ctx.db, { kind: "pending", iss: issuer.iss }, ctx.now) : { checked: 0, changed: 0 };
  return { issuer: await getIssuer(ctx, issuer.id), skipped, reverified, added, unchanged };
}

/** The keys not yet registered; throws CONFLICT when a kid is reused for a different key. */
export function newKeys(keys: TrustedKey[], existing: Array<{ kid: string; thumbprint: string }>): TrustedKey[] {
  const byKid = new Map(existing.map((k) => [k.kid, k.thumbprint]));
  const reused = keys.filter((k) => byKid.has(k.kid) && byKid.get(k.kid) !== k.thumbprint);
  if (reused.length > 0) {
    const kids = reused.map((k) => `"${k.kid}"`).join(", ");
    throw new AppError("CONFLICT", `The kid ${kids} is already registered for a different key. Give the new key a new kid.`, { reason: "KID_REUSED" });
  }
  return keys.filter((k) => !byKid.has(k.kid));
}
