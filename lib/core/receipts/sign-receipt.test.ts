import { calculateJwkThumbprint, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { RECEIPT_ALGORITHMS } from "./algorithms";
import { generateIssuerKey, signReceipt } from "./sign-receipt";
import { NOW, testPayload } from "./test-keys.test-support";
import { trustSetFromKeys } from "./trust-set";
import { validateIssuerKeys } from "./issuer-keys";
import { verifyReceipt } from "./verify-receipt";

describe("generateIssuerKey + signReceipt", () => {
  it.each(RECEIPT_ALGORITHMS)("%s: the public key passes registration and the receipt verifies", async (alg) => {
    const pair = await generateIssuerKey(alg);
    expect(pair.kid).toBe(await calculateJwkThumbprint(pair.publicJwk));
    expect(pair.publicJwk).toMatchObject({ alg, use: "sig", kid: pair.kid });
    expect(pair.publicJwk).not.toHaveProperty("d");
    await expect(validateIssuerKeys({ keys: [pair.publicJwk] })).resolves.toHaveLength(1);
    const jws = await signReceipt(testPayload(), pair.privateJwk, { alg, kid: pair.kid });
    expect(decodeProtectedHeader(jws)).toEqual({ alg, kid: pair.kid });
    const trust = await trustSetFromKeys("gate-eu-1", [{ jwk: pair.publicJwk }]);
    expect(await verifyReceipt(jws, trust, NOW)).toMatchObject({ verdict: "valid" });
  });

  it("uses the given kid and lets extra header members through, alg and kid winning", async () => {
    const pair = await generateIssuerKey("EdDSA", { kid: "gate-eu-1/2026" });
    const jws = await signReceipt(testPayload(), pair.privateJwk, { alg: "EdDSA", kid: pair.kid, header: { typ: "receipt+jws", alg: "none", kid: "x" } });
    expect(decodeProtectedHeader(jws)).toEqual({ typ: "receipt+jws", alg: "EdDSA", kid: "gate-eu-1/2026" });
  });

  it("throws TypeError for an algorithm outside the profile or an empty kid", async () => {
    const pair = await generateIssuerKey("EdDSA");
    await expect(signReceipt(testPayload(), pair.privateJwk, { alg: "HS256" as "EdDSA", kid: "k" })).rejects.toThrow(TypeError);
    await expect(signReceipt(testPayload(), pair.privateJwk, { alg: "EdDSA", kid: "" })).rejects.toThrow(TypeError);
    await expect(generateIssuerKey("ES512" as "ES256")).rejects.toThrow(TypeError);
  });
});
