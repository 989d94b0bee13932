import { generateKeyPairSync } from "node:crypto";
import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import { IssuerKeyError } from "./issuer-key-error";
import { validateIssuerKeys } from "./issuer-keys";
import { testKey } from "./test-keys.test-support";

async function problemsOf(jwks: unknown, options?: { iss?: string }) {
  try {
    await validateIssuerKeys(jwks, options);
  } catch (error) {
    if (error instanceof IssuerKeyError) return error.problems.map((p) => p.code);
    throw error;
  }
  throw new Error("expected an IssuerKeyError");
}

const rsa1024 = () => ({ ...generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" }), kid: "weak" });

describe("validateIssuerKeys", () => {
  it("accepts public keys of every supported type and computes RFC 7638 thumbprints", async () => {
    const pairs = await Promise.all((["EdDSA", "ES256", "ES384", "RS256", "PS256"] as const).map((alg) => testKey(alg, `k-${alg}`)));
    const keys = await validateIssuerKeys({ keys: pairs.map((p) => ({ ...p.publicJwk, valid_from: "2026-01-01T00:00:00Z" })) });
    expect(keys.map((k) => [k.kid, k.alg])).toEqual(pairs.map((p) => [p.kid, p.alg]));
    expect(keys[0]!.thumbprint).toBe(await calculateJwkThumbprint(pairs[0]!.publicJwk));
    expect(keys[0]!.validFrom).toBe(Date.UTC(2026, 0, 1));
    expect(Object.keys(keys[0]!.jwk).sort()).toEqual(["crv", "kty", "x"]); // public material only
  });

  it("accepts JSON text and refuses text with duplicate members", async () => {
    const ed = await testKey("EdDSA", "t-1");
    await expect(validateIssuerKeys(JSON.stringify({ keys: [ed.publicJwk] }))).resolves.toHaveLength(1);
    expect(await problemsOf(`{"keys":[],"keys":[${JSON.stringify(ed.publicJwk)}]}`)).toEqual(["not_a_jwks"]);
  });

  it("refuses a symmetric key and any private member, loudly", async () => {
    const ed = await testKey("EdDSA", "p-1");
    expect(await problemsOf({ keys: [{ kty: "oct", k: "c2VjcmV0", kid: "hmac" }] })).toEqual(["symmetric_key"]);
    for (const member of ["d", "p", "q", "dp", "dq", "qi", "k"]) {
      expect(await problemsOf({ keys: [{ ...ed.publicJwk, [member]: "AAAA" }] }), member).toEqual(["private_key_material"]);
    }
    await expect(validateIssuerKeys({ keys: [ed.privateJwk] })).rejects.toThrow(/private member "d".*exposed/);
  });

  it("refuses RSA keys under 2048 bits", async () => {
    expect(await problemsOf({ keys: [rsa1024()] })).toEqual(["weak_rsa_key"]);
  });

  it("refuses missing and duplicate kids", async () => {
    const ed = await testKey("EdDSA", "dup");
    const { kid: _kid, ...noKid } = ed.publicJwk;
    expect(await problemsOf({ keys: [noKid] })).toEqual(["missing_kid"]);
    expect(await problemsOf({ keys: [ed.publicJwk, ed.publicJwk] })).toEqual(["duplicate_kid"]);
  });

  it("refuses unsupported key types, curves, algorithms and uses", async () => {
    const ed = await testKey("EdDSA", "u-1");
    const es = await testKey("ES256", "u-2");
    const x25519 = { ...generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }), kid: "x" };
    const p521 = { ...generateKeyPairSync("ec", { namedCurve: "P-521" }).publicKey.export({ format: "jwk" }), kid: "p521" };
    expect(await problemsOf({ keys: [x25519] })).toEqual(["unsupported_key"]);
    expect(await problemsOf({ keys: [p521] })).toEqual(["unsupported_key"]);
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, alg: "ES256" }] })).toEqual(["unsupported_key"]);
    expect(await problemsOf({ keys: [{ ...es.publicJwk, alg: "HS256" }] })).toEqual(["unsupported_key"]);
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, use: "enc" }] })).toEqual(["unsupported_key"]);
    expect(await problemsOf({ keys: [{ kty: "AKP", kid: "pq", pub: "AAAA" }] })).toEqual(["unsupported_key"]);
  });

  it("refuses coordinates of the wrong size and points that are not on the curve", async () => {
    const es = await testKey("ES256", "c-1");
    expect(await problemsOf({ keys: [{ ...es.publicJwk, x: "AAAA" }] })).toEqual(["invalid_key"]);
    const y = Buffer.from(es.publicJwk.y!, "base64url");
    y[31] = y[31]! ^ 1;
    expect(await problemsOf({ keys: [{ ...es.publicJwk, y: y.toString("base64url") }] })).toEqual(["invalid_key"]);
  });

  it("refuses bad validity times", async () => {
    const ed = await testKey("EdDSA", "time");
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, valid_from: "yesterday" }] })).toEqual(["invalid_time"]);
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, revoked_at: 1780272000 }] })).toEqual(["invalid_time"]);
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, valid_from: "2026-02-01T00:00:00Z", valid_until: "2026-01-01T00:00:00Z" }] })).toEqual(["invalid_time"]);
  });

  it("refuses keys that name another issuer than the one registering them", async () => {
    const ed = await testKey("EdDSA", "iss");
    expect(await problemsOf({ keys: [{ ...ed.publicJwk, iss: "gate-b" }] }, { iss: "gate-a" })).toEqual(["issuer_mismatch"]);
  });

  it("reports every problem at once, each with its key's position", async () => {
    const ed = await testKey("EdDSA", "many");
    const error = await validateIssuerKeys({ keys: [ed.publicJwk, { kty: "oct", k: "AA" }, rsa1024(), { ...ed.publicJwk }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IssuerKeyError);
    expect((error as IssuerKeyError).code).toBe("symmetric_key");
    expect((error as IssuerKeyError).problems.map((p) => [p.index, p.code])).toEqual([[1, "symmetric_key"], [2, "weak_rsa_key"], [3, "duplicate_kid"]]);
  });

  it("refuses what is not a JWKS", async () => {
    expect(await problemsOf([])).toEqual(["not_a_jwks"]);
    expect(await problemsOf({ keys: {} })).toEqual(["not_a_jwks"]);
    expect(await problemsOf({ keys: ["x"] })).toEqual(["invalid_key"]);
  });
});
