import { compactVerify, errors, flattenedVerify } from "jose";
import type { ReceiptAlg } from "./algorithms";

/** The signed parts of a JWS: the three base64url segments exactly as received. */
export interface JwsSegments {
  protected: string;
  payload: string;
  signature: string;
}

export type SignatureCheck = { ok: true } | { ok: false; message: string };

/**
 * Profile step 7 on its own: verifies a compact JWS (string) or flattened JWS segments with jose,
 * a local CryptoKey and exactly one allowed algorithm. Never embedded keys, never raw key bytes.
 */
export async function verifyJwsSignature(jws: string | JwsSegments, key: CryptoKey, alg: ReceiptAlg): Promise<SignatureCheck> {
  if (typeof key !== "object" || key === null || key.type !== "public") {
    throw new TypeError("verifyJwsSignature needs a public CryptoKey");
  }
  const options = { algorithms: [alg] };
  try {
    if (typeof jws === "string") await compactVerify(jws, key, options);
    else await flattenedVerify({ protected: jws.protected, payload: jws.payload, signature: jws.signature }, key, options);
    return { ok: true };
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, message: "signature does not verify" };
    // Anything else jose refuses after our own checks still fails closed.
    const code = error instanceof errors.JOSEError ? error.code : error instanceof TypeError ? "key unusable" : "error";
    return { ok: false, message: `signature not verified (${code})` };
  }
}
