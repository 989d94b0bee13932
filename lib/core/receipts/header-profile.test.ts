import { describe, expect, it } from "vitest";
import { RECEIPT_ALGORITHMS } from "./algorithms";
import { checkHeaderProfile } from "./header-profile";

describe("checkHeaderProfile, step 4: alg allowlist", () => {
  it.each(RECEIPT_ALGORITHMS)("accepts %s", (alg) => {
    expect(checkHeaderProfile({ alg, kid: "k" })).toEqual({ ok: true, alg });
  });

  it.each(["none", "HS256", "HS512", "eddsa", "es256", "Ed25519", "ES512", "RS384", "PS512", "EdDSA ", ""])("refuses %j", (alg) => {
    expect(checkHeaderProfile({ alg, kid: "k" })).toMatchObject({ ok: false, rejection: { verdict: "unsupported_alg", step: 4 } });
  });

  it("refuses a missing or non-string alg", () => {
    expect(checkHeaderProfile({ kid: "k" })).toMatchObject({ ok: false, rejection: { verdict: "unsupported_alg" } });
    expect(checkHeaderProfile({ alg: ["EdDSA"] })).toMatchObject({ ok: false, rejection: { verdict: "unsupported_alg" } });
    expect(checkHeaderProfile({ alg: null })).toMatchObject({ ok: false, rejection: { verdict: "unsupported_alg" } });
  });
});

describe("checkHeaderProfile, step 5: no crit, b64 only true, no key-carrying members", () => {
  it.each([
    ["crit", { crit: ["exp"], exp: 1 }],
    ["an empty crit", { crit: [] }],
    ["b64 false", { b64: false }],
    ["b64 as a string", { b64: "true" }],
    ["jwk", { jwk: { kty: "OKP", crv: "Ed25519", x: "AAAA" } }],
    ["jku", { jku: "https://example.com/jwks" }],
    ["x5u", { x5u: "https://example.com/cert" }],
    ["x5c", { x5c: ["MII="] }],
    ["jwk set to null", { jwk: null }],
  ])("refuses %s", (_name, extra) => {
    expect(checkHeaderProfile({ alg: "EdDSA", kid: "k", ...extra })).toMatchObject({ ok: false, rejection: { verdict: "forbidden_header", step: 5 } });
  });

  it("allows b64 true, typ, cty and unknown members", () => {
    expect(checkHeaderProfile({ alg: "EdDSA", kid: "k", b64: true, typ: "receipt+jws", cty: "json", x: 1 })).toEqual({ ok: true, alg: "EdDSA" });
  });
});
