import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { isReceiptAlg, type ReceiptAlg } from "./algorithms";

const encoder = new TextEncoder();

/** Options for `signReceipt`: the algorithm and the kid a verifier finds the key by. */
export interface SignReceiptOptions {
  alg: ReceiptAlg;
  kid: string;
  /** Extra protected header members (e.g. `typ`); `alg` and `kid` always win. */
  header?: Record<string, unknown>;
}

/** Signs a receipt payload as a compact JWS with protected header {alg, kid} (for gates, tests and the simulator). */
export async function signReceipt(payload: Record<string, unknown>, privateKey: CryptoKey | JWK, options: SignReceiptOptions): Promise<string> {
  if (!isReceiptAlg(options.alg)) throw new TypeError(`alg must be one of EdDSA, ES256, ES384, PS256, RS256`);
  if (typeof options.kid !== "string" || options.kid.length === 0) throw new TypeError("kid must be a non-empty string");
  const key = isCryptoKey(privateKey) ? privateKey : await importJWK(privateKey, options.alg);
  return new CompactSign(encoder.encode(JSON.stringify(payload)))
    .setProtectedHeader({ ...options.header, alg: options.alg, kid: options.kid })
    .sign(key);
}

/** A fresh issuer key pair as JWKs; the kid defaults to the RFC 7638 thumbprint. */
export interface IssuerKeyPair {
  alg: ReceiptAlg;
  kid: string;
  privateJwk: JWK & { kid: string; alg: ReceiptAlg };
  publicJwk: JWK & { kid: string; alg: ReceiptAlg; use: "sig" };
}

/** Generates an issuer signing key (Ed25519, P-256, P-384, or RSA 2048 for PS256/RS256). */
export async function generateIssuerKey(alg: ReceiptAlg, options: { kid?: string } = {}): Promise<IssuerKeyPair> {
  if (!isReceiptAlg(alg)) throw new TypeError(`alg must be one of EdDSA, ES256, ES384, PS256, RS256`);
  const pair = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" && { crv: "Ed25519" }) });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = options.kid ?? (await calculateJwkThumbprint(publicJwk, "sha256"));
  return {
    alg,
    kid,
    privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg },
    publicJwk: { ...publicJwk, kid, alg, use: "sig" },
  };
}

function isCryptoKey(key: unknown): key is CryptoKey {
  return typeof CryptoKey !== "undefined" && key instanceof CryptoKey;
}
