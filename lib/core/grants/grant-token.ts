import type { JSONWebKeySet } from "jose";
import { GRANT_TOKEN_TYP, parseGrantClaims, type GrantTokenClaims } from "./grant-claims";
import { signCompactJws, verifyCompactJws, type JwsFailureCode } from "./grant-jws";
import type { GrantSigningKey } from "./grant-keys";
import type { RevocationList } from "./revocation-list";
import type { UnixSeconds } from "./grant-types";

/** Largest token accepted before any decoding. */
export const MAX_GRANT_TOKEN_BYTES = 16 * 1024;

export type GrantTokenFailure = JwsFailureCode | "wrong_issuer" | "wrong_audience" | "revoked" | "not_yet_valid" | "expired";

export type GrantTokenResult =
  | { valid: true; code: "valid"; claims: GrantTokenClaims; kid: string }
  | { valid: false; code: GrantTokenFailure; message: string; claims?: GrantTokenClaims; kid?: string };

export interface VerifyGrantTokenOptions {
  now: UnixSeconds;
  audience?: string;
  issuer?: string;
  /** A revocation list already verified with verifyRevocationList. */
  revocations?: RevocationList | null;
  /** Allowed clock difference for nbf and exp, in seconds (default 0). */
  clockToleranceSec?: number;
}

/** Signs break-glass claims as a compact JWS {alg: EdDSA, typ: break-glass+jwt, kid}; bad claims are a TypeError. */
export async function signGrantToken(claims: GrantTokenClaims, signingKey: GrantSigningKey): Promise<string> {
  const checked = parseGrantClaims(claims);
  if (!checked.ok) throw new TypeError(`grant token claims: ${checked.message}`);
  return signCompactJws(claims, GRANT_TOKEN_TYP, signingKey);
}

const iso = (seconds: UnixSeconds): string => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

function checkAudience(aud: string | string[], audience: string): boolean {
  return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
}

type Refusal = { code: GrantTokenFailure; message: string } | null;

function checkClaims(claims: GrantTokenClaims, options: VerifyGrantTokenOptions): Refusal {
  const tolerance = options.clockToleranceSec ?? 0;
  if (options.issuer !== undefined && claims.iss !== options.issuer) {
    return { code: "wrong_issuer", message: `issued by ${claims.iss}, expected ${options.issuer}` };
  }
  if (options.audience !== undefined && !checkAudience(claims.aud, options.audience)) {
    return { code: "wrong_audience", message: `not meant for audience ${options.audience}` };
  }
  const revoked = options.revocations?.revoked.find((entry) => entry.jti === claims.jti);
  if (revoked) {
    const reason = revoked.reason ? `: ${revoked.reason}` : "";
    return { code: "revoked", message: `grant ${claims.jti} was revoked at ${iso(revoked.revoked_at)}${reason}` };
  }
  if (claims.nbf > options.now + tolerance) return { code: "not_yet_valid", message: `valid from ${iso(claims.nbf)}` };
  if (claims.exp <= options.now - tolerance) return { code: "expired", message: `expired at ${iso(claims.exp)}` };
  return null;
}

/**
 * Verifies a break-glass token offline: signature by a published key, typ, claims,
 * issuer and audience when asked, the revocation list when given, then time.
 */
export async function verifyGrantToken(token: string, jwks: JSONWebKeySet, options: VerifyGrantTokenOptions): Promise<GrantTokenResult> {
  if (!Number.isFinite(options.now)) throw new TypeError("options.now must be a Unix time in seconds");
  if (options.clockToleranceSec !== undefined && !(options.clockToleranceSec >= 0)) throw new TypeError("clockToleranceSec must be ≥ 0");
  const jws = await verifyCompactJws(token, jwks, GRANT_TOKEN_TYP, MAX_GRANT_TOKEN_BYTES);
  if (!jws.ok) return { valid: false, code: jws.code, message: jws.message };
  const parsed = parseGrantClaims(jws.payload);
  if (!parsed.ok) return { valid: false, code: "claims_invalid", message: parsed.message, kid: jws.kid };
  const refusal = checkClaims(parsed.value, options);
  if (refusal) return { valid: false, ...refusal, claims: parsed.value, kid: jws.kid };
  return { valid: true, code: "valid", claims: parsed.value, kid: jws.kid };
}
