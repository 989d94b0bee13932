import { compactVerify, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import type { ReceiptAlg } from "./algorithms";
import { loadVectorFile, trustFileText, vectorReceipt } from "./fixtures/load-vectors";
import { parseTrustFile, trustSetFromKeys } from "./trust-set";
import { verifyReceipt } from "./verify-receipt";
import { verifyJwsSignature } from "./verify-signature";

// RFC 8037 appendix A.1 / A.4: Ed25519.
const RFC8037_JWK = { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };
const RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

// RFC 7515 appendix A.2 (RS256) and A.3 (ES256), same payload.
const RFC7515_PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const RFC7515_RSA = {
  kty: "RSA",
  e: "AQAB",
  n: "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
};
const RFC7515_A2 = `eyJhbGciOiJSUzI1NiJ9.${RFC7515_PAYLOAD}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw`;
const RFC7515_EC = { kty: "EC", crv: "P-256", x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" };
const RFC7515_A3 = `eyJhbGciOiJFUzI1NiJ9.${RFC7515_PAYLOAD}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q`;

const RFC_CASES: Array<[string, Record<string, string>, string, ReceiptAlg]> = [
  ["RFC 8037 A.4 (EdDSA)", RFC8037_JWK, RFC8037_JWS, "EdDSA"],
  ["RFC 7515 A.2 (RS256)", RFC7515_RSA, RFC7515_A2, "RS256"],
  ["RFC 7515 A.3 (ES256)", RFC7515_EC, RFC7515_A3, "ES256"],
];

const key = async (jwk: Record<string, string>, alg: ReceiptAlg) => (await importJWK(jwk, alg)) as CryptoKey;

describe("verifyJwsSignature (profile step 7 on its own) with the RFC examples", () => {
  it.each(RFC_CASES)("%s verifies", async (_name, jwk, jws, alg) => {
    expect(await verifyJwsSignature(jws, await key(jwk, alg), alg)).toEqual({ ok: true });
  });

  it.each(RFC_CASES)("%s fails once one payload byte changes", async (_name, jwk, jws, alg) => {
    const [h, p, s] = jws.split(".") as [string, string, string];
    const changed = Buffer.from(p, "base64url");
    changed[0] = changed[0]! ^ 1;
    const result = await verifyJwsSignature(`${h}.${changed.toString("base64url")}.${s}`, await key(jwk, alg), alg);
    expect(result).toEqual({ ok: false, message: "signature does not verify" });
  });

  it.each(RFC_CASES)("%s verifies in flattened form", async (_name, jwk, jws, alg) => {
    const [h, p, s] = jws.split(".") as [string, string, string];
    expect(await verifyJwsSignature({ protected: h, payload: p, signature: s }, await key(jwk, alg), alg)).toEqual({ ok: true });
  });

  it("refuses an algorithm the header does not name (explicit allowlist of one)", async () => {
    const rsa = await key(RFC7515_RSA, "PS256");
    expect(await verifyJwsSignature(RFC7515_A2, rsa, "PS256")).toMatchObject({ ok: false });
  });

  it("throws a TypeError for something that is not a public CryptoKey", async () => {
    await expect(verifyJwsSignature(RFC8037_JWS, RFC8037_JWK as unknown as CryptoKey, "EdDSA")).rejects.toThrow(TypeError);
  });
});

describe("the RFC examples through the whole profile", () => {
  const now = new Date("2026-11-22T00:00:00Z");

  it("RFC 8037 A.4 has a text payload: malformed at step 3", async () => {
    const trust = await trustSetFromKeys("joe", [{ jwk: { ...RFC8037_JWK, kid: "rfc8037" } }]);
    expect(await verifyReceipt(RFC8037_JWS, trust, now)).toMatchObject({ verdict: "malformed", step: 3 });
  });

  it.each([["A.2", RFC7515_RSA, RFC7515_A2], ["A.3", RFC7515_EC, RFC7515_A3]])("RFC 7515 %s has no kid: unknown_key at step 6", async (_n, jwk, jws) => {
    const trust = await trustSetFromKeys("joe", [{ jwk: { ...jwk, kid: "rfc7515" } }]);
    expect(await verifyReceipt(jws, trust, now)).toMatchObject({ verdict: "unknown_key", step: 6, message: "protected header has no kid" });
  });
});

describe("why the profile checks encodings itself", () => {
  it("jose alone accepts the non-canonical vectors that the profile rejects at step 2", async () => {
    const file = loadVectorFile();
    const trust = await parseTrustFile(trustFileText());
    const edKey = (await importJWK(trust.issuers.get("gate-eu-1")!.get("eu1-ed25519")!.jwk, "EdDSA")) as CryptoKey;
    for (const name of ["malformed-noncanonical-signature", "malformed-noncanonical-payload-signed"]) {
      const receipt = vectorReceipt(file.vectors.find((v) => v.name === name)!);
      await expect(compactVerify(receipt, edKey, { algorithms: ["EdDSA"] })).resolves.toBeDefined();
      expect(await verifyReceipt(receipt, trust, new Date(file.now))).toMatchObject({ verdict: "malformed", step: 2 });
    }
  });
});
