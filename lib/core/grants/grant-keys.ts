import {
  calculateJwkThumbprint, CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK,
  type CryptoKey, type JSONWebKeySet, type JWK, type KeyObject,
} from "jose";

/** The key that signs grant tokens and revocation lists. */
export interface GrantSigningKey {
  kid: string;
  privateKey: CryptoKey | KeyObject | JWK;
}

/** Signing key (the newest) plus the public JWKS to publish at /.well-known/jwks.json. */
export interface GrantKeyRing {
  signing: GrantSigningKey;
  jwks: JSONWebKeySet;
}

export type GrantKeyErrorCode = "KEY_RING_INVALID";

/** A key file or secret that cannot be used. */
export class GrantKeyError extends Error {
  override name = "GrantKeyError";
  readonly code: GrantKeyErrorCode = "KEY_RING_INVALID";
}

export type JwksCheck = { ok: true; jwks: JSONWebKeySet } | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isEd25519 = (jwk: Record<string, unknown>): boolean => jwk.kty === "OKP" && jwk.crv === "Ed25519" && typeof jwk.x === "string";

/** The public half of an Ed25519 JWK, as published: kty, crv, x, kid, alg, use and nothing else. */
export function publicGrantJwk(jwk: JWK & { kid: string }): JWK {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new TypeError("a grant key is an Ed25519 OKP JWK");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid: jwk.kid, alg: "EdDSA", use: "sig" };
}

/** Parses a published JWKS: keeps its Ed25519 keys, refuses private members and ambiguous kids. */
export function parseGrantJwks(value: unknown): JwksCheck {
  if (!isObject(value) || !Array.isArray(value.keys)) return { ok: false, message: 'a JWKS is a JSON object with a "keys" list' };
  const keys: JWK[] = [];
  const kids = new Set<string>();
  for (const jwk of value.keys) {
    if (!isObject(jwk) || !isEd25519(jwk)) continue;
    if ("d" in jwk) return { ok: false, message: "the JWKS contains a private key; publish public keys only" };
    if (typeof jwk.kid !== "string" || jwk.kid === "") return { ok: false, message: "every Ed25519 key in the JWKS needs a kid" };
    if (kids.has(jwk.kid)) return { ok: false, message: `kid "${jwk.kid}" appears twice in the JWKS` };
    kids.add(jwk.kid);
    keys.push(publicGrantJwk(jwk as JWK & { kid: string }));
  }
  if (keys.length === 0) return { ok: false, message: "the JWKS has no Ed25519 key" };
  return { ok: true, jwks: { keys } };
}

/** Makes a new Ed25519 grant key as a private JWK whose kid is its RFC 7638 thumbprint. */
export async function generateGrantKey(): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair("EdDSA", { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x! }), alg: "EdDSA" };
}

// WebCrypto does not check that "x" belongs to "d"; a mismatch would publish a key that verifies nothing.
async function assertPairMatches(privateKey: CryptoKey | Uint8Array, jwk: JWK): Promise<void> {
  const probe = await new CompactSign(new Uint8Array([0x6b])).setProtectedHeader({ alg: "EdDSA" }).sign(privateKey);
  await compactVerify(probe, await importJWK({ kty: "OKP", crv: "Ed25519", x: jwk.x }, "EdDSA"), { algorithms: ["EdDSA"] });
}

async function readPrivateKey(value: unknown, index: number): Promise<{ signing: GrantSigningKey; publicJwk: JWK }> {
  if (!isObject(value) || !isEd25519(value) || typeof value.d !== "string") {
    throw new GrantKeyError(`key ${index} of the grant key ring is not a private Ed25519 JWK`);
  }
  const jwk = value as JWK;
  const kid = typeof jwk.kid === "string" && jwk.kid !== "" ? jwk.kid : await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x! });
  try {
    const privateKey = await importJWK({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }, "EdDSA");
    await assertPairMatches(privateKey, jwk);
    return { signing: { kid, privateKey: privateKey as CryptoKey }, publicJwk: publicGrantJwk({ ...jwk, kid }) };
  } catch {
    throw new GrantKeyError(`key ${index} of the grant key ring cannot be imported`);
  }
}

/** Loads a key ring (a JWKS of private Ed25519 keys, oldest first): the last key signs, all are published. */
export async function loadGrantKeyRing(value: unknown): Promise<GrantKeyRing> {
  if (!isObject(value) || !Array.isArray(value.keys) || value.keys.length === 0) {
    throw new GrantKeyError('the grant key ring is a JSON object with a non-empty "keys" list');
  }
  const loaded = await Promise.all(value.keys.map((key, index) => readPrivateKey(key, index)));
  const kids = loaded.map((key) => key.signing.kid);
  if (new Set(kids).size !== kids.length) throw new GrantKeyError("two keys of the grant key ring share a kid");
  return { signing: loaded[loaded.length - 1]!.signing, jwks: { keys: loaded.map((key) => key.publicJwk) } };
}
