import type { JSONWebKeySet } from "jose";
import { signCompactJws, verifyCompactJws, type JwsFailureCode } from "./grant-jws";
import type { GrantSigningKey } from "./grant-keys";
import type { UnixSeconds } from "./grant-types";

/** The JWS `typ` of a signed revocation list; distinct so neither can pass for the other. */
export const REVOCATION_LIST_TYP = "break-glass-revocations+jwt";
export const MAX_REVOCATION_LIST_BYTES = 1024 * 1024;

export interface RevocationEntry {
  /** The grant id (the token's jti). */
  jti: string;
  revoked_at: UnixSeconds;
  reason?: string;
}

/** What gates poll: every grant revoked before its exp, as of `iat`. */
export interface RevocationList {
  iss: string;
  iat: UnixSeconds;
  revoked: RevocationEntry[];
}

export type RevocationListFailure = JwsFailureCode | "wrong_issuer" | "future_iat" | "stale";

export type RevocationListResult =
  | { valid: true; code: "valid"; list: RevocationList; kid: string }
  | { valid: false; code: RevocationListFailure; message: string };

export interface VerifyRevocationListOptions {
  now: UnixSeconds;
  issuer?: string;
  /** Refuse a list issued longer ago than this (a gate that cannot refresh should fail closed). */
  maxAgeSec?: number;
  clockToleranceSec?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

function isEntry(value: unknown): value is RevocationEntry {
  if (!isObject(value) || typeof value.jti !== "string" || value.jti === "" || !isTime(value.revoked_at)) return false;
  return value.reason === undefined || typeof value.reason === "string";
}

/** Checks the shape of a revocation list payload; unknown members are kept. */
export function parseRevocationList(value: unknown): RevocationList | null {
  if (!isObject(value) || typeof value.iss !== "string" || value.iss === "" || !isTime(value.iat)) return null;
  if (!Array.isArray(value.revoked) || !value.revoked.every(isEntry)) return null;
  return value as unknown as RevocationList;
}

/** Signs a revocation list as a compact JWS {alg: EdDSA, typ: break-glass-revocations+jwt, kid}. */
export async function signRevocationList(list: RevocationList, signingKey: GrantSigningKey): Promise<string> {
  if (parseRevocationList(list) === null) throw new TypeError("revocation list: needs iss, iat and revoked [{jti, revoked_at, reason?}]");
  const revoked = list.revoked.map(({ jti, revoked_at, reason }) => (reason ? { jti, revoked_at, reason } : { jti, revoked_at }));
  return signCompactJws({ iss: list.iss, iat: list.iat, revoked }, REVOCATION_LIST_TYP, signingKey);
}

/** Verifies a signed revocation list with the grant JWKS, its issuer when asked, and its age. */
export async function verifyRevocationList(jws: string, jwks: JSONWebKeySet, options: VerifyRevocationListOptions): Promise<RevocationListResult> {
  const checked = await verifyCompactJws(jws, jwks, REVOCATION_LIST_TYP, MAX_REVOCATION_LIST_BYTES);
  if (!checked.ok) return { valid: false, code: checked.code, message: checked.message };
  const list = parseRevocationList(checked.payload);
  if (list === null) return { valid: false, code: "claims_invalid", message: "the list needs iss, iat and revoked [{jti, revoked_at, reason?}]" };
  const tolerance = options.clockToleranceSec ?? 0;
  if (options.issuer !== undefined && list.iss !== options.issuer) {
    return { valid: false, code: "wrong_issuer", message: `issued by ${list.iss}, expected ${options.issuer}` };
  }
  if (list.iat > options.now + tolerance) return { valid: false, code: "future_iat", message: "the list claims to be issued in the future" };
  if (options.maxAgeSec !== undefined && options.now - list.iat > options.maxAgeSec + tolerance) {
    return { valid: false, code: "stale", message: `the list is older than ${options.maxAgeSec} s` };
  }
  return { valid: true, code: "valid", list, kid: checked.kid };
}
