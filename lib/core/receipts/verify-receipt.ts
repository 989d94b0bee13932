import { decodeReceipt, type DecodedJws } from "./decode-jws";
import { checkHeaderProfile } from "./header-profile";
import type { TrustedKey } from "./issuer-keys";
import { importedTrustedKey, importTrustedKey } from "./key-import";
import { MAX_IAT_SKEW_SECONDS } from "./limits";
import { checkPayloadSchema } from "./payload-schema";
import { formatRfc3339 } from "./rfc3339";
import { selectKey } from "./select-key";
import type { TrustSet } from "./trust-set";
import { verifyJwsSignature } from "./verify-signature";
import { reject, type ReceiptVerdict, type RejectedReceipt, type ValidReceipt } from "./verdicts";

/**
 * Verifies one receipt against the verification profile of DESIGN.md Contract 2, steps 1–8 in
 * order, and returns a verdict; never throws for bad input. `now` only bounds `iat` (step 8).
 */
export async function verifyReceipt(raw: string | Uint8Array, trust: TrustSet, now: Date): Promise<ReceiptVerdict> {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new TypeError("verifyReceipt needs a valid Date for now");
  if (typeof raw !== "string" && !(raw instanceof Uint8Array)) throw new TypeError("receipt must be a string or Uint8Array");
  const decoded = decodeReceipt(raw); // steps 1–3
  if (!decoded.ok) return decoded.rejection;
  const { jws } = decoded;
  const header = checkHeaderProfile(jws.header); // steps 4–5
  if (!header.ok) return withContext(header.rejection, jws);
  const selected = selectKey(trust, jws.header, jws.payload, header.alg); // step 6
  if (!selected.ok) return withContext(selected.rejection, jws);
  const cryptoKey = importedTrustedKey(selected.key, header.alg) ?? (await importTrustedKey(selected.key, header.alg).catch(() => undefined));
  if (!cryptoKey) return withContext(reject("bad_signature", `key "${selected.kid}" cannot be used for ${header.alg}`), jws);
  const signed = jws.format === "compact" ? jws.text : { protected: jws.protectedB64, payload: jws.payloadB64, signature: jws.signatureB64 };
  const signature = await verifyJwsSignature(signed, cryptoKey, header.alg); // step 7
  if (!signature.ok) return withContext(reject("bad_signature", signature.message), jws);
  const schema = checkPayloadSchema(jws.payload); // step 8
  if (!schema.ok) return withContext(reject("schema_invalid", schema.message), jws);
  const time = checkTimes(schema.payload.iat, selected.key, now);
  if (time) return withContext(time, jws);
  const key = { iss: selected.iss, kid: selected.kid, alg: header.alg, thumbprint: selected.key.thumbprint, issuerPinned: selected.issuerPinned };
  return { verdict: "valid", format: jws.format, header: jws.header as ValidReceipt["header"], payload: schema.payload, key };
}

/** Step 8 times: `iat` not beyond now + skew, and the key valid at `iat` (valid_from ≤ iat < valid_until, iat < revoked_at). */
export function checkTimes(iat: number, key: TrustedKey, now: Date): RejectedReceipt | undefined {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (iat > nowSeconds + MAX_IAT_SKEW_SECONDS) {
    return reject("future_iat", `iat ${iat} is ${iat - nowSeconds} s after the verifier's clock (limit ${MAX_IAT_SKEW_SECONDS} s)`);
  }
  const at = iat * 1000;
  if (key.revokedAt !== undefined && at >= key.revokedAt) {
    return reject("key_revoked", `key "${key.kid}" revoked at ${formatRfc3339(key.revokedAt)}; iat is ${formatRfc3339(at)}`);
  }
  if (key.validFrom !== undefined && at < key.validFrom) {
    return reject("key_not_yet_valid", `key "${key.kid}" valid from ${formatRfc3339(key.validFrom)}; iat is ${formatRfc3339(at)}`);
  }
  if (key.validUntil !== undefined && at >= key.validUntil) {
    return reject("key_expired", `key "${key.kid}" valid until ${formatRfc3339(key.validUntil)}; iat is ${formatRfc3339(at)}`);
  }
  return undefined;
}

function withContext(rejection: RejectedReceipt, jws: DecodedJws): RejectedReceipt {
  return { ...rejection, format: jws.format, header: jws.header, payload: jws.payload };
}
