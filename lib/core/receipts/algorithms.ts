/** The signature algorithms a receipt may use (profile step 4), matched case-sensitively. */
export const RECEIPT_ALGORITHMS = ["EdDSA", "ES256", "ES384", "PS256", "RS256"] as const;

export type ReceiptAlg = (typeof RECEIPT_ALGORITHMS)[number];

/** Smallest RSA modulus accepted for PS256/RS256, in bits. */
export const MIN_RSA_BITS = 2048;

const ALGS: ReadonlySet<string> = new Set(RECEIPT_ALGORITHMS);

/** True when `alg` is exactly one of the receipt algorithms. */
export function isReceiptAlg(alg: unknown): alg is ReceiptAlg {
  return typeof alg === "string" && ALGS.has(alg);
}

/** The public-key shape each algorithm needs (profile step 6: "key type and curve fit alg"). */
export const KEY_SHAPE: Readonly<Record<ReceiptAlg, { kty: string; crv?: string }>> = {
  EdDSA: { kty: "OKP", crv: "Ed25519" },
  ES256: { kty: "EC", crv: "P-256" },
  ES384: { kty: "EC", crv: "P-384" },
  PS256: { kty: "RSA" },
  RS256: { kty: "RSA" },
};

/** The algorithms a key of this type and curve can verify; RSA keys fit PS256 and RS256. */
export function algorithmsForKey(kty: string, crv: string | undefined): ReceiptAlg[] {
  return RECEIPT_ALGORITHMS.filter((alg) => KEY_SHAPE[alg].kty === kty && KEY_SHAPE[alg].crv === crv);
}
