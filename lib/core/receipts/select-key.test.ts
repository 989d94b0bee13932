import { describe, expect, it } from "vitest";
import { selectKey } from "./select-key";
import { testKey } from "./test-keys.test-support";
import { parseTrustFile, trustSetFromIssuers } from "./trust-set";

async function trust() {
  const ed = await testKey("EdDSA", "ed-1");
  const es = await testKey("ES256", "es-1");
  const rsa = await testKey("RS256", "rsa-1");
  const { alg: _alg, ...rsaUnpinned } = rsa.publicJwk;
  return trustSetFromIssuers([
    { iss: "gate-eu-1", keys: [{ jwk: ed.publicJwk }, { jwk: es.publicJwk }, { jwk: { ...rsaUnpinned, kid: "rsa-any" } }, { jwk: rsa.publicJwk }] },
    { iss: "gate-us-2", keys: [{ jwk: { ...ed.publicJwk, kid: "us-ed" } }] },
  ]);
}

describe("selectKey (profile step 6)", () => {
  it("chooses the issuer by payload iss and the key by header kid", async () => {
    const selection = selectKey(await trust(), { alg: "EdDSA", kid: "ed-1" }, { iss: "gate-eu-1" }, "EdDSA");
    expect(selection).toMatchObject({ ok: true, iss: "gate-eu-1", kid: "ed-1", issuerPinned: true, key: { kid: "ed-1" } });
  });

  it.each([
    ["no iss", {}, "ed-1", "unknown_issuer"],
    ["an empty iss", { iss: "" }, "ed-1", "unknown_issuer"],
    ["a numeric iss", { iss: 7 }, "ed-1", "unknown_issuer"],
    ["an unknown iss", { iss: "gate-xx" }, "ed-1", "unknown_issuer"],
    ["no kid", { iss: "gate-eu-1" }, undefined, "unknown_key"],
    ["an unknown kid", { iss: "gate-eu-1" }, "ed-2", "unknown_key"],
    ["another issuer's kid", { iss: "gate-eu-1" }, "us-ed", "unknown_key"],
  ])("rejects %s", async (_name, payload, kid, verdict) => {
    const header = kid === undefined ? { alg: "EdDSA" } : { alg: "EdDSA", kid };
    expect(selectKey(await trust(), header, payload, "EdDSA")).toMatchObject({ ok: false, rejection: { verdict, step: 6 } });
  });

  it.each([
    ["ES256 on an Ed25519 key", "ed-1", "ES256"],
    ["EdDSA on a P-256 key", "es-1", "EdDSA"],
    ["ES384 on a P-256 key", "es-1", "ES384"],
    ["RS256 on an EC key", "es-1", "RS256"],
    ["PS256 on a key pinned to RS256", "rsa-1", "PS256"],
  ] as const)("rejects %s as key_mismatch", async (_name, kid, alg) => {
    expect(selectKey(await trust(), { alg, kid }, { iss: "gate-eu-1" }, alg)).toMatchObject({ ok: false, rejection: { verdict: "key_mismatch" } });
  });

  it("lets an RSA key without alg verify both RS256 and PS256", async () => {
    const set = await trust();
    for (const alg of ["RS256", "PS256"] as const) {
      expect(selectKey(set, { alg, kid: "rsa-any" }, { iss: "gate-eu-1" }, alg)).toMatchObject({ ok: true });
    }
  });

  it("uses the keys of a plain JWKS for any issuer, and says the issuer is not pinned", async () => {
    const ed = await testKey("EdDSA", "ed-1");
    const anyIssuer = await parseTrustFile({ keys: [ed.publicJwk] });
    expect(selectKey(anyIssuer, { alg: "EdDSA", kid: "ed-1" }, { iss: "whoever" }, "EdDSA")).toMatchObject({ ok: true, iss: "whoever", issuerPinned: false });
    const pinned = await parseTrustFile({ keys: [ed.publicJwk] }, { issuer: "gate-eu-1" });
    expect(selectKey(pinned, { alg: "EdDSA", kid: "ed-1" }, { iss: "whoever" }, "EdDSA")).toMatchObject({ ok: false, rejection: { verdict: "unknown_issuer" } });
  });
});
