import "server-only";
import { IssuerKeyError, parseJsonObject, validateIssuerKeys, type TrustedKey } from "@/lib/core/receipts";
import { appendAudit } from "../audit";
import type { Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { issuerKeys } from "../db/schema";
import { AppError } from "../errors";

/** Keys of a trust file that name another issuer: left out of this registration, and reported. */
export type SkippedKey = { kid: string | null; iss: string };

/**
 * Validates the keys an admin gives for one issuer (lib/core/receipts rules: public asymmetric
 * keys, RSA ≥ 2048, unique kids). A trust file's keys naming other issuers are skipped. A
 * private key is refused, recorded on the audit trail (it must be treated as exposed) and never stored.
 */
export async function validateKeysFor(ctx: Ctx, iss: string, jwks: unknown): Promise<{ keys: TrustedKey[]; skipped: SkippedKey[] }> {
  const { document, skipped } = keysNamingIssuer(jwks, iss);
  let keys: TrustedKey[];
  try {
    keys = await validateIssuerKeys(document, { iss });
  } catch (error) {
    if (!(error instanceof IssuerKeyError)) throw error;
    const exposed = error.problems.filter((p) => p.code === "private_key_material");
    if (exposed.length > 0) {
      await ctx.db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: "issuer_key.private_key_refused",
          targetType: "issuer",
          details: { iss, kids: exposed.map((p) => p.kid ?? null), note: "a private key was submitted; it was not stored and must be treated as exposed" },
        }),
      );
    }
    throw keyProblemsError(error);
  }
  if (keys.length === 0) throw new AppError("VALIDATION", "The JWKS holds no keys.", { reason: "NO_KEYS", fields: { jwks: "no keys" } });
  return { keys, skipped };
}

/** Maps refused keys to a VALIDATION error with one field message per key (`keys.<index>`). */
export function keyProblemsError(error: IssuerKeyError): AppError {
  const fields: Record<string, string> = {};
  for (const p of error.problems) fields[p.index === undefined ? "jwks" : `keys.${p.index}`] ??= p.message;
  const privateKey = error.problems.some((p) => p.code === "private_key_material");
  const message = privateKey
    ? `REFUSED: the JWKS contains PRIVATE key material. Nothing was stored. Publish only public keys, and replace this key: it is exposed. (${error.message})`
    : `The keys were refused: ${error.message}`;
  return new AppError("VALIDATION", message, { reason: error.code.toUpperCase(), fields });
}

function keysNamingIssuer(jwks: unknown, iss: string): { document: unknown; skipped: SkippedKey[] } {
  let value = jwks;
  if (typeof jwks === "string") {
    const parsed = parseJsonObject(jwks);
    if (!parsed.ok) return { document: jwks, skipped: [] }; // validateIssuerKeys reports it
    value = parsed.value;
  }
  const keys = (value as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return { document: value, skipped: [] };
  const isOther = (k: unknown) => typeof k === "object" && k !== null && typeof (k as { iss?: unknown }).iss === "string" && (k as { iss: string }).iss !== iss;
  const skipped = keys.filter(isOther).map((k) => ({ kid: typeof k.kid === "string" ? (k.kid as string) : null, iss: k.iss as string }));
  if (skipped.length === 0) return { document: value, skipped };
  const mine = keys.filter((k) => !isOther(k));
  if (mine.length === 0) throw new AppError("VALIDATION", `No key in this JWKS is for issuer "${iss}".`, { reason: "NO_KEYS_FOR_ISSUER", fields: { jwks: "no key names this issuer" } });
  return { document: { ...(value as object), keys: mine }, skipped };
}

/** The row to store for a validated key: the public JWK with its kid and pinned alg, never more. */
export function keyRow(issuerId: string, key: TrustedKey, origin: "manual" | "url", now: Date, revokedReason?: string) {
  const jwk: Record<string, string> = { ...key.jwk, kid: key.kid, ...(key.alg && { alg: key.alg }) };
  return {
    issuerId,
    kid: key.kid,
    alg: key.alg ?? null,
    kty: key.jwk.kty,
    crv: "crv" in key.jwk ? key.jwk.crv : null,
    jwk,
    thumbprint: key.thumbprint,
    validFrom: key.validFrom === undefined ? null : new Date(key.validFrom),
    validUntil: key.validUntil === undefined ? null : new Date(key.validUntil),
    revokedAt: key.revokedAt === undefined ? null : new Date(key.revokedAt),
    revokedReason: key.revokedAt === undefined ? null : (revokedReason ?? "revoked_at given in the registered JWKS"),
    origin,
    createdAt: now,
    changedAt: now,
  };
}

/** Inserts validated keys and writes one audit entry per key, inside the caller's transaction. */
export async function insertKeys(tx: Tx, ctx: Ctx, issuer: { id: string; iss: string }, keys: TrustedKey[], origin: "manual" | "url") {
  if (keys.length === 0) return [];
  const rows = await tx.insert(issuerKeys).values(keys.map((key) => keyRow(issuer.id, key, origin, ctx.now))).returning();
  for (const row of rows) {
    await appendAudit(tx, ctx, {
      action: "issuer_key.added",
      targetType: "issuer_key",
      targetId: row.id,
      details: { iss: issuer.iss, kid: row.kid, alg: row.alg, thumbprint: row.thumbprint, origin, validFrom: row.validFrom, validUntil: row.validUntil, revokedAt: row.revokedAt },
    });
  }
  return rows;
}
