import type { ReceiptAlg } from "./algorithms";
import type { ReceiptPayload } from "./payload-schema";

/** Every way a receipt can fail, with the profile step (DESIGN.md Contract 2) that reports it. */
export const REJECTION_STEPS = {
  oversized: 1,
  malformed: 2, // step 2 (serialization, base64url) or 3 (JSON objects, duplicates): see `step`
  unsupported_alg: 4,
  forbidden_header: 5,
  unknown_issuer: 6,
  unknown_key: 6,
  key_mismatch: 6,
  bad_signature: 7,
  schema_invalid: 8,
  future_iat: 8,
  key_not_yet_valid: 8,
  key_expired: 8,
  key_revoked: 8,
} as const;

export type RejectionCode = keyof typeof REJECTION_STEPS;
export type VerdictCode = "valid" | RejectionCode;
export type ProfileStep = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export type ReceiptFormat = "compact" | "json";

/** The protected header as decoded; only `alg` and `kid` are known to be strings once valid. */
export type ProtectedHeader = Record<string, unknown> & { alg?: unknown; kid?: unknown };

/** The trusted key that verified a receipt. */
export interface VerifyingKey {
  iss: string;
  kid: string;
  alg: ReceiptAlg;
  /** RFC 7638 SHA-256 thumbprint, base64url. */
  thumbprint: string;
  /** False when the key came from a plain JWKS without issuer names (it vouches for any `iss`). */
  issuerPinned: boolean;
}

export interface ValidReceipt {
  verdict: "valid";
  format: ReceiptFormat;
  header: ProtectedHeader & { alg: ReceiptAlg; kid: string };
  payload: ReceiptPayload;
  key: VerifyingKey;
}

/** A rejection. `header` and `payload` are present when they decoded; they are UNVERIFIED then. */
export interface RejectedReceipt {
  verdict: RejectionCode;
  step: ProfileStep;
  message: string;
  format?: ReceiptFormat;
  header?: ProtectedHeader;
  payload?: Record<string, unknown>;
}

export type ReceiptVerdict = ValidReceipt | RejectedReceipt;

/** One line per verdict code, for docs, the CLI and the verify page. */
export const VERDICT_DESCRIPTIONS: Readonly<Record<VerdictCode, string>> = {
  valid: "every profile step holds",
  oversized: "the receipt is larger than 1 MiB",
  malformed: "not a compact or flattened JWS of base64url JSON objects without duplicate members",
  unsupported_alg: "alg is not one of EdDSA, ES256, ES384, PS256, RS256",
  forbidden_header: "the header uses crit, b64 other than true, jwk, jku, x5u or x5c",
  unknown_issuer: "the payload's iss is missing or not an issuer of the trust file",
  unknown_key: "no kid, or the issuer has no trusted key with this kid",
  key_mismatch: "the trusted key's type, curve or alg does not fit the header's alg",
  bad_signature: "the signature does not verify with the trusted key",
  schema_invalid: "the payload does not follow the receipt schema",
  future_iat: "iat is more than 300 seconds after the verifier's clock",
  key_not_yet_valid: "iat is before the key's valid_from",
  key_expired: "iat is at or after the key's valid_until",
  key_revoked: "iat is at or after the key's revoked_at",
};

/** Builds a rejection; `step` defaults to the code's step. */
export function reject(
  verdict: RejectionCode,
  message: string,
  extra: Partial<Omit<RejectedReceipt, "verdict" | "message">> = {},
): RejectedReceipt {
  return { verdict, step: REJECTION_STEPS[verdict], message, ...extra };
}
