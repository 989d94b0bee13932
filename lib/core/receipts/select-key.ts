import { KEY_SHAPE, type ReceiptAlg } from "./algorithms";
import type { TrustedKey } from "./issuer-keys";
import type { JsonObject } from "./strict-json";
import type { TrustSet } from "./trust-set";
import { reject, type ProtectedHeader, type RejectedReceipt } from "./verdicts";

export type KeySelection =
  | { ok: true; iss: string; kid: string; key: TrustedKey; issuerPinned: boolean }
  | { ok: false; rejection: RejectedReceipt };

/**
 * Profile step 6: the payload's `iss` (decoded, not yet trusted) picks the issuer's key set, the
 * header's `kid` picks exactly one key in it, and that key must fit `alg`. No other key is tried.
 */
export function selectKey(trust: TrustSet, header: ProtectedHeader, payload: JsonObject, alg: ReceiptAlg): KeySelection {
  const iss = payload.iss;
  if (typeof iss !== "string" || iss.length === 0) {
    return fail(reject("unknown_issuer", "payload has no iss string, so no issuer's keys can be chosen"));
  }
  const kid = header.kid;
  if (typeof kid !== "string" || kid.length === 0) return fail(reject("unknown_key", "protected header has no kid"));
  const named = trust.issuers.get(iss);
  const keys = named ?? trust.anyIssuer;
  if (!keys) return fail(reject("unknown_issuer", `issuer ${quote(iss)} is not in the trust file`));
  const key = keys.get(kid);
  if (!key) return fail(reject("unknown_key", `issuer ${quote(iss)} has no trusted key with kid ${quote(kid)}`));
  const mismatch = keyMismatch(key, alg);
  if (mismatch) return fail(reject("key_mismatch", `key ${quote(kid)} ${mismatch}`));
  return { ok: true, iss, kid, key, issuerPinned: named !== undefined };
}

/** Why this key cannot verify `alg`, or undefined when it fits. */
export function keyMismatch(key: TrustedKey, alg: ReceiptAlg): string | undefined {
  const shape = KEY_SHAPE[alg];
  const crv = "crv" in key.jwk ? key.jwk.crv : undefined;
  if (key.jwk.kty !== shape.kty || crv !== shape.crv) {
    return `is ${key.jwk.kty}${crv ? ` ${crv}` : ""}, which cannot verify ${alg}`;
  }
  if (key.alg !== undefined && key.alg !== alg) return `is pinned to ${key.alg}, not ${alg}`;
  return undefined;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function fail(rejection: RejectedReceipt): KeySelection {
  return { ok: false, rejection };
}
