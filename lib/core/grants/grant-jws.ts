import { base64url, CompactSign, compactVerify, createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import type { GrantSigningKey } from "./grant-keys";

/** Why a compact JWS was refused before its claims were looked at. */
export type JwsFailureCode = "malformed" | "unsupported_alg" | "unknown_key" | "bad_signature" | "wrong_typ" | "claims_invalid";

export type JwsCheck = { ok: true; payload: unknown; kid: string } | { ok: false; code: JwsFailureCode; message: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;
// Header members that would make a verifier fetch or trust keys the token brings along.
const FORBIDDEN_HEADER = ["jwk", "jku", "x5u", "x5c", "crit"] as const;
const keySets = new WeakMap<JSONWebKeySet, JWTVerifyGetKey>();

const fail = (code: JwsFailureCode, message: string): JwsCheck => ({ ok: false, code, message });

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(base64url.decode(segment)));
  } catch {
    return undefined;
  }
}

/** RFC 8725 §3.11: compare `typ` case-insensitively, with or without the "application/" prefix. */
function normalizeTyp(value: unknown): string {
  const text = typeof value === "string" ? value.toLowerCase() : "";
  return text.startsWith("application/") ? text.slice("application/".length) : text;
}

function keySetFor(jwks: JSONWebKeySet): JWTVerifyGetKey {
  let getKey = keySets.get(jwks);
  if (!getKey) keySets.set(jwks, (getKey = createLocalJWKSet(jwks)));
  return getKey;
}

function checkHeader(token: string, maxBytes: number, jwks: JSONWebKeySet): JwsCheck | { kid: string } {
  if (token.length > maxBytes) return fail("malformed", `the token is longer than ${maxBytes} bytes`);
  const segments = token.split(".");
  if (segments.length !== 3 || !segments.every((s) => SEGMENT.test(s))) return fail("malformed", "not a compact JWS (three base64url segments)");
  const header = decodeJson(segments[0]!);
  if (typeof header !== "object" || header === null || Array.isArray(header)) return fail("malformed", "the protected header is not a JSON object");
  const h = header as Record<string, unknown>;
  if (h.alg !== "EdDSA") return fail("unsupported_alg", `alg must be EdDSA, got ${JSON.stringify(h.alg)}`);
  const forbidden = FORBIDDEN_HEADER.find((name) => name in h);
  if (forbidden) return fail("malformed", `the header must not carry "${forbidden}"`);
  if (typeof h.kid !== "string" || h.kid === "") return fail("malformed", "the header has no kid");
  if (!jwks.keys.some((key) => key.kid === h.kid)) return fail("unknown_key", `no published key has kid "${h.kid}" (unknown or retired)`);
  return { kid: h.kid };
}

function mapJoseError(error: unknown): JwsCheck {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return fail("bad_signature", "the signature does not verify");
  if (code === "ERR_JWKS_NO_MATCHING_KEY" || code === "ERR_JWKS_MULTIPLE_MATCHING_KEYS") {
    return fail("unknown_key", "no single usable key for the token's kid");
  }
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED") return fail("unsupported_alg", "alg must be EdDSA");
  return fail("malformed", "the token could not be verified");
}

/** Verifies a compact JWS against a local key set: EdDSA only, kid required, then the expected `typ`. */
export async function verifyCompactJws(token: string, jwks: JSONWebKeySet, expectedTyp: string, maxBytes: number): Promise<JwsCheck> {
  if (typeof token !== "string") return fail("malformed", "the token is not a string");
  const header = checkHeader(token, maxBytes, jwks);
  if ("ok" in header) return header;
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(token, keySetFor(jwks), { algorithms: ["EdDSA"] });
  } catch (error) {
    return mapJoseError(error);
  }
  if (normalizeTyp(verified.protectedHeader.typ) !== normalizeTyp(expectedTyp)) {
    return fail("wrong_typ", `typ must be ${expectedTyp}, got ${JSON.stringify(verified.protectedHeader.typ ?? null)}`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(verified.payload));
  } catch {
    return fail("claims_invalid", "the payload is not UTF-8 JSON");
  }
  return { ok: true, payload, kid: header.kid };
}

/** Signs a JSON payload as a compact JWS with header {alg: EdDSA, typ, kid}. */
export async function signCompactJws(payload: object, typ: string, key: GrantSigningKey): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader({ alg: "EdDSA", typ, kid: key.kid }).sign(key.privateKey);
}
