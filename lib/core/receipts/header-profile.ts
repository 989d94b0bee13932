import { isReceiptAlg, type ReceiptAlg } from "./algorithms";
import { reject, type ProtectedHeader, type RejectedReceipt } from "./verdicts";

/** Header parameters that would let the token choose its own key, or change how it is processed. */
const FORBIDDEN_MEMBERS = ["jwk", "jku", "x5u", "x5c", "crit"] as const;

export type HeaderCheck = { ok: true; alg: ReceiptAlg } | { ok: false; rejection: RejectedReceipt };

/** Profile steps 4–5: `alg` in the allowlist (case-sensitive); no `crit`, `b64` only true, no key-carrying members. */
export function checkHeaderProfile(header: ProtectedHeader): HeaderCheck {
  const { alg } = header;
  if (alg === undefined) return fail(reject("unsupported_alg", "protected header has no alg"));
  if (!isReceiptAlg(alg)) {
    return fail(reject("unsupported_alg", `alg ${describe(alg)} is not one of EdDSA, ES256, ES384, PS256, RS256`));
  }
  for (const name of FORBIDDEN_MEMBERS) {
    if (name in header) return fail(reject("forbidden_header", `protected header must not carry "${name}"`));
  }
  if ("b64" in header && header.b64 !== true) {
    return fail(reject("forbidden_header", "protected header \"b64\" may only be true"));
  }
  return { ok: true, alg };
}

function fail(rejection: RejectedReceipt): HeaderCheck {
  return { ok: false, rejection };
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : `of type ${value === null ? "null" : typeof value}`;
}
