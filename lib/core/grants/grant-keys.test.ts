import { CompactSign } from "jose";
import { describe, expect, it } from "vitest";
import { generateGrantKey, GrantKeyError, loadGrantKeyRing, parseGrantJwks } from "./grant-keys";
import { RFC8032_TEST2_KEY, RFC8037_A4_JWS, RFC8037_KEY } from "./testdata/keys";

describe("loadGrantKeyRing", () => {
  it("imports a key that reproduces the RFC 8037 A.4 signature", async () => {
    const ring = await loadGrantKeyRing({ keys: [RFC8037_KEY] });
    const jws = await new CompactSign(new TextEncoder().encode("Example of Ed25519 signing")).setProtectedHeader({ alg: "EdDSA" }).sign(ring.signing.privateKey);
    expect(jws).toBe(RFC8037_A4_JWS);
  });

  it("signs with the last key and publishes every key, public parts only", async () => {
    const ring = await loadGrantKeyRing({ keys: [RFC8032_TEST2_KEY, RFC8037_KEY] });
    expect(ring.signing.kid).toBe("grant-2026-11");
    expect(ring.jwks.keys).toEqual([
      { kty: "OKP", crv: "Ed25519", x: RFC8032_TEST2_KEY.x, kid: "grant-2026-05", alg: "EdDSA", use: "sig" },
      { kty: "OKP", crv: "Ed25519", x: RFC8037_KEY.x, kid: "grant-2026-11", alg: "EdDSA", use: "sig" },
    ]);
  });

  it("names a key without kid by its RFC 7638 thumbprint", async () => {
    const { kid: _kid, ...anonymous } = RFC8037_KEY;
    const ring = await loadGrantKeyRing({ keys: [anonymous] });
    // RFC 8037 A.3 gives this thumbprint for the A.1 key.
    expect(ring.signing.kid).toBe("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  });

  it("refuses a key whose public half does not match its private half, a public key, or a shared kid", async () => {
    await expect(loadGrantKeyRing({ keys: [{ ...RFC8037_KEY, x: RFC8032_TEST2_KEY.x }] })).rejects.toBeInstanceOf(GrantKeyError);
    await expect(loadGrantKeyRing({ keys: [{ ...RFC8037_KEY, d: undefined }] })).rejects.toMatchObject({ code: "KEY_RING_INVALID" });
    await expect(loadGrantKeyRing({ keys: [RFC8037_KEY, { ...RFC8032_TEST2_KEY, kid: RFC8037_KEY.kid }] })).rejects.toBeInstanceOf(GrantKeyError);
    await expect(loadGrantKeyRing({ keys: [] })).rejects.toBeInstanceOf(GrantKeyError);
  });

  it("loads a freshly generated key", async () => {
    const jwk = await generateGrantKey();
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(typeof jwk.d).toBe("string");
    const ring = await loadGrantKeyRing({ keys: [jwk] });
    expect(ring.signing.kid).toBe(jwk.kid);
  });
});

describe("parseGrantJwks", () => {
  const pub = { kty: "OKP", crv: "Ed25519", x: RFC8037_KEY.x, kid: "k1" };

  it("keeps Ed25519 keys and skips other key types", () => {
    const rsa = { kty: "RSA", n: "AQAB", e: "AQAB", kid: "r1" };
    expect(parseGrantJwks({ keys: [rsa, pub] })).toEqual({ ok: true, jwks: { keys: [{ ...pub, alg: "EdDSA", use: "sig" }] } });
  });

  it("refuses private keys, duplicate kids, missing kids and empty sets", () => {
    expect(parseGrantJwks({ keys: [{ ...pub, d: RFC8037_KEY.d }] }).ok).toBe(false);
    expect(parseGrantJwks({ keys: [pub, pub] }).ok).toBe(false);
    expect(parseGrantJwks({ keys: [{ ...pub, kid: undefined }] }).ok).toBe(false);
    expect(parseGrantJwks({ keys: [] }).ok).toBe(false);
    expect(parseGrantJwks([pub]).ok).toBe(false);
  });
});
