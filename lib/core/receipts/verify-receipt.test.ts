import { calculateJwkThumbprint } from "jose";
import { describe, expect, it } from "vitest";
import type { ReceiptAlg } from "./algorithms";
import { signReceipt } from "./sign-receipt";
import { IAT, NOW, testKey, testPayload } from "./test-keys.test-support";
import { trustSetFromKeys } from "./trust-set";
import type { TrustedKeyInput } from "./issuer-keys";
import { verifyReceipt } from "./verify-receipt";

async function signed(alg: ReceiptAlg, over: Record<string, unknown> = {}, kid = `${alg}-1`) {
  const pair = await testKey(alg, kid);
  return signReceipt(testPayload(over), pair.privateJwk, { alg, kid });
}

async function trustWith(alg: ReceiptAlg, times: Omit<TrustedKeyInput, "jwk"> = {}, kid = `${alg}-1`) {
  return trustSetFromKeys("gate-eu-1", [{ jwk: (await testKey(alg, kid)).publicJwk, ...times }]);
}

describe("verifyReceipt: valid receipts", () => {
  it.each(["EdDSA", "ES256", "ES384", "PS256", "RS256"] as const)("%s: returns header, payload and the verifying key", async (alg) => {
    const verdict = await verifyReceipt(await signed(alg), await trustWith(alg), NOW);
    const thumbprint = await calculateJwkThumbprint((await testKey(alg, `${alg}-1`)).publicJwk);
    expect(verdict).toEqual({
      verdict: "valid",
      format: "compact",
      header: { alg, kid: `${alg}-1` },
      payload: testPayload(),
      key: { iss: "gate-eu-1", kid: `${alg}-1`, alg, thumbprint, issuerPinned: true },
    });
  });

  it("accepts the receipt as bytes", async () => {
    const receipt = new TextEncoder().encode(await signed("EdDSA"));
    expect(await verifyReceipt(receipt, await trustWith("EdDSA"), NOW)).toMatchObject({ verdict: "valid" });
  });

  it("throws a TypeError for a programmer's mistake, not a verdict", async () => {
    const trust = await trustWith("EdDSA");
    await expect(verifyReceipt(await signed("EdDSA"), trust, new Date("nope"))).rejects.toThrow(TypeError);
    await expect(verifyReceipt(42 as unknown as string, trust, NOW)).rejects.toThrow(TypeError);
  });
});

describe("verifyReceipt: step 8 times", () => {
  const nowSeconds = Math.floor(NOW.getTime() / 1000);

  it("allows iat up to 300 s ahead of now and no further", async () => {
    const trust = await trustWith("EdDSA");
    expect(await verifyReceipt(await signed("EdDSA", { iat: nowSeconds + 300 }), trust, NOW)).toMatchObject({ verdict: "valid" });
    expect(await verifyReceipt(await signed("EdDSA", { iat: nowSeconds + 301 }), trust, NOW)).toMatchObject({ verdict: "future_iat", step: 8 });
  });

  it.each([
    ["valid_from at iat", { validFrom: new Date(IAT * 1000) }, "valid"],
    ["valid_from 1 ms after iat", { validFrom: new Date(IAT * 1000 + 1) }, "key_not_yet_valid"],
    ["valid_until 1 ms after iat", { validUntil: new Date(IAT * 1000 + 1) }, "valid"],
    ["valid_until at iat", { validUntil: new Date(IAT * 1000) }, "key_expired"],
    ["revoked_at 1 s after iat", { revokedAt: new Date((IAT + 1) * 1000) }, "valid"],
    ["revoked_at at iat", { revokedAt: new Date(IAT * 1000) }, "key_revoked"],
    ["revoked and expired", { revokedAt: new Date((IAT - 10) * 1000), validUntil: new Date((IAT - 5) * 1000) }, "key_revoked"],
    ["times as RFC 3339 text", { validFrom: "2026-01-01T00:00:00+01:00", validUntil: "2027-01-01T00:00:00Z" }, "valid"],
  ] as const)("%s → %s", async (_name, times, verdict) => {
    const result = await verifyReceipt(await signed("EdDSA"), await trustWith("EdDSA", times), NOW);
    expect(result.verdict).toBe(verdict);
  });

  it("judges key validity at iat, not at now: a receipt signed before revocation stays valid", async () => {
    const trust = await trustWith("EdDSA", { revokedAt: new Date(NOW.getTime() - 60_000) });
    expect(await verifyReceipt(await signed("EdDSA", { iat: IAT }), trust, NOW)).toMatchObject({ verdict: "valid" });
  });
});

describe("verifyReceipt: the order of the steps", () => {
  it("checks the header (step 5) before looking for a key (step 6)", async () => {
    const pair = await testKey("EdDSA", "EdDSA-1");
    const jws = await signReceipt(testPayload(), pair.privateJwk, { alg: "EdDSA", kid: "nobody", header: { jku: "https://x" } });
    expect(await verifyReceipt(jws, await trustWith("EdDSA"), NOW)).toMatchObject({ verdict: "forbidden_header", step: 5 });
  });

  it("checks the signature (step 7) before the schema (step 8)", async () => {
    const jws = await signed("EdDSA", { decision: "ALLOW" });
    const [h, , s] = jws.split(".");
    const other = Buffer.from(JSON.stringify(testPayload({ decision: "ALLOW", id: "r-2" }))).toString("base64url");
    const trust = await trustWith("EdDSA");
    expect(await verifyReceipt(jws, trust, NOW)).toMatchObject({ verdict: "schema_invalid" });
    expect(await verifyReceipt(`${h}.${other}.${s}`, trust, NOW)).toMatchObject({ verdict: "bad_signature", step: 7 });
  });

  it("checks the schema before iat and key times", async () => {
    const trust = await trustWith("EdDSA", { revokedAt: new Date(0) });
    expect(await verifyReceipt(await signed("EdDSA", { iat: 4102444800, v: 9 }), trust, NOW)).toMatchObject({ verdict: "schema_invalid" });
  });

  it("never tries another key of the issuer when the named one fails", async () => {
    const a = await testKey("EdDSA", "a");
    const b = await testKey("EdDSA", "b");
    const trust = await trustSetFromKeys("gate-eu-1", [{ jwk: a.publicJwk }, { jwk: b.publicJwk }]);
    const jws = await signReceipt(testPayload(), b.privateJwk, { alg: "EdDSA", kid: "a" });
    expect(await verifyReceipt(jws, trust, NOW)).toMatchObject({ verdict: "bad_signature" });
  });

  it("returns the decoded, unverified header and payload with a rejection", async () => {
    const jws = await signed("EdDSA", { decision: "ALLOW" });
    expect(await verifyReceipt(jws, await trustWith("EdDSA"), NOW)).toMatchObject({
      verdict: "schema_invalid",
      format: "compact",
      header: { alg: "EdDSA", kid: "EdDSA-1" },
      payload: { decision: "ALLOW", id: "r-1" },
    });
  });
});
