import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { CompactSign, importJWK, type JSONWebKeySet } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { grantTokenClaims, type GrantTokenClaims } from "./grant-claims";
import { loadGrantKeyRing, type GrantKeyRing } from "./grant-keys";
import { signGrantToken, verifyGrantToken } from "./grant-token";
import { signRevocationList } from "./revocation-list";
import { activeGrant, HOUR, T0 } from "./testdata/grant-fixtures";
import { RFC8032_TEST2_KEY, RFC8037_KEY } from "./testdata/keys";

const ISSUER = "https://console.example.com";
const AUDIENCE = "countersign-gates";
let ring: GrantKeyRing;
let oldRing: GrantKeyRing;
let claims: GrantTokenClaims;
let token: string;

beforeAll(async () => {
  ring = await loadGrantKeyRing({ keys: [RFC8037_KEY] });
  oldRing = await loadGrantKeyRing({ keys: [RFC8032_TEST2_KEY] });
  claims = grantTokenClaims(activeGrant(), { issuer: ISSUER, audience: AUDIENCE, issuedAt: T0 + 60 });
  token = await signGrantToken(claims, ring.signing);
});

const b64json = (segment: string) => JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as unknown;
const at = (now: number, extra: object = {}) => ({ now, issuer: ISSUER, audience: AUDIENCE, ...extra });
const segments = (jws: string) => jws.split(".") as [string, string, string];

async function signRaw(header: object, payload: object): Promise<string> {
  const key = await importJWK(RFC8037_KEY, "EdDSA");
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(key);
}

describe("grantTokenClaims", () => {
  it("carries the grant's operator, window, scope, justification, ticket and approvers", () => {
    expect(claims).toEqual({
      iss: ISSUER,
      sub: "agent:billing-bot",
      aud: AUDIENCE,
      jti: "g-1",
      iat: T0 + 60,
      nbf: T0 + 60,
      exp: T0 + 60 + HOUR,
      scope: { surfaces: ["payments"], actions: ["transfer", "refund"] },
      reason: "INC-4711: refunds stuck behind a mis-scoped deny rule",
      ticket: "INC-4711",
      approvals: [{ by: "alice@example.com", at: T0 + 60 }],
    });
  });
});

describe("signGrantToken", () => {
  it("produces a compact EdDSA JWS that an independent Ed25519 verifier accepts", () => {
    const [header, payload, signature] = segments(token);
    expect(b64json(header)).toEqual({ alg: "EdDSA", typ: "break-glass+jwt", kid: "grant-2026-11" });
    expect(b64json(payload)).toEqual(claims);
    const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: RFC8037_KEY.x }, format: "jwk" });
    expect(nodeVerify(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    const tampered = Buffer.from(`${header}.${payload.slice(0, -2)}`);
    expect(nodeVerify(null, tampered, publicKey, Buffer.from(signature, "base64url"))).toBe(false);
  });

  it("refuses claims a verifier would reject (programmer error)", async () => {
    await expect(signGrantToken({ ...claims, exp: claims.nbf + 25 * HOUR }, ring.signing)).rejects.toThrow(TypeError);
    await expect(signGrantToken({ ...claims, approvals: [] }, ring.signing)).rejects.toThrow(TypeError);
  });
});

describe("verifyGrantToken", () => {
  it("accepts a genuine token inside its window", async () => {
    const result = await verifyGrantToken(token, ring.jwks, at(T0 + 120));
    expect(result).toEqual({ valid: true, code: "valid", claims, kid: "grant-2026-11" });
  });

  it("answers bad_signature for a tampered payload, header or signature", async () => {
    const [header, payload, signature] = segments(token);
    const wider = Buffer.from(JSON.stringify({ ...claims, scope: { surfaces: ["*"], actions: ["*"] } })).toString("base64url");
    expect((await verifyGrantToken(`${header}.${wider}.${signature}`, ring.jwks, at(T0 + 120))).code).toBe("bad_signature");
    const otherHeader = Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "break-glass+jwt", kid: "grant-2026-11", x: 1 })).toString("base64url");
    expect((await verifyGrantToken(`${otherHeader}.${payload}.${signature}`, ring.jwks, at(T0 + 120))).code).toBe("bad_signature");
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    expect((await verifyGrantToken(`${header}.${payload}.${flipped}`, ring.jwks, at(T0 + 120))).code).toBe("bad_signature");
  });

  it("answers expired from exp on, and not_yet_valid before nbf, within the clock tolerance", async () => {
    expect((await verifyGrantToken(token, ring.jwks, at(claims.exp - 1))).code).toBe("valid");
    const expired = await verifyGrantToken(token, ring.jwks, at(claims.exp));
    expect(expired).toMatchObject({ valid: false, code: "expired", claims });
    expect((await verifyGrantToken(token, ring.jwks, at(claims.exp + 29, { clockToleranceSec: 30 }))).code).toBe("valid");
    expect((await verifyGrantToken(token, ring.jwks, at(claims.nbf - 1))).code).toBe("not_yet_valid");
  });

  it("answers revoked when the verified revocation list names the grant", async () => {
    const list = { iss: ISSUER, iat: T0 + 700, revoked: [{ jti: "g-1", revoked_at: T0 + 600, reason: "incident closed" }] };
    const result = await verifyGrantToken(token, ring.jwks, at(T0 + 720, { revocations: list }));
    expect(result).toMatchObject({ valid: false, code: "revoked" });
    expect(!result.valid && result.message).toContain("incident closed");
    const other = { ...list, revoked: [{ jti: "g-2", revoked_at: T0 + 600 }] };
    expect((await verifyGrantToken(token, ring.jwks, at(T0 + 720, { revocations: other }))).code).toBe("valid");
  });

  it("answers unknown_key for a token signed by a retired key, and accepts it while the key is still published", async () => {
    const old = await signGrantToken(claims, oldRing.signing);
    expect((await verifyGrantToken(old, ring.jwks, at(T0 + 120))).code).toBe("unknown_key");
    const both: JSONWebKeySet = { keys: [...oldRing.jwks.keys, ...ring.jwks.keys] };
    expect((await verifyGrantToken(old, both, at(T0 + 120))).code).toBe("valid");
  });

  it("answers bad_signature when a published kid is reused by another key's signature", async () => {
    const forged = await signGrantToken(claims, { kid: "grant-2026-11", privateKey: oldRing.signing.privateKey });
    expect((await verifyGrantToken(forged, ring.jwks, at(T0 + 120))).code).toBe("bad_signature");
  });

  it("answers wrong_typ for a revocation list or a plain JWT signed by the same key", async () => {
    const list = await signRevocationList({ iss: ISSUER, iat: T0, revoked: [] }, ring.signing);
    expect((await verifyGrantToken(list, ring.jwks, at(T0 + 120))).code).toBe("wrong_typ");
    const jwt = await signRaw({ alg: "EdDSA", typ: "JWT", kid: "grant-2026-11" }, claims);
    expect((await verifyGrantToken(jwt, ring.jwks, at(T0 + 120))).code).toBe("wrong_typ");
    const prefixed = await signRaw({ alg: "EdDSA", typ: "application/Break-Glass+JWT", kid: "grant-2026-11" }, claims);
    expect((await verifyGrantToken(prefixed, ring.jwks, at(T0 + 120))).code).toBe("valid");
  });

  it("answers wrong_issuer and wrong_audience when the caller pins them", async () => {
    expect((await verifyGrantToken(token, ring.jwks, at(T0 + 120, { issuer: "https://evil.example" }))).code).toBe("wrong_issuer");
    expect((await verifyGrantToken(token, ring.jwks, at(T0 + 120, { audience: "other-gates" }))).code).toBe("wrong_audience");
    expect((await verifyGrantToken(token, ring.jwks, { now: T0 + 120 })).code).toBe("valid");
  });

  it("refuses algorithms other than EdDSA, none included", async () => {
    const [, payload] = segments(token);
    const none = `${Buffer.from('{"alg":"none","typ":"break-glass+jwt","kid":"grant-2026-11"}').toString("base64url")}.${payload}.AA`;
    expect((await verifyGrantToken(none, ring.jwks, at(T0 + 120))).code).toBe("unsupported_alg");
    const hs = `${Buffer.from('{"alg":"HS256","typ":"break-glass+jwt","kid":"grant-2026-11"}').toString("base64url")}.${payload}.AA`;
    expect((await verifyGrantToken(hs, ring.jwks, at(T0 + 120))).code).toBe("unsupported_alg");
  });

  it("never uses a key the token brings along", async () => {
    const embedded = await signRaw({ alg: "EdDSA", typ: "break-glass+jwt", kid: "grant-2026-11", jwk: oldRing.jwks.keys[0] }, claims);
    expect((await verifyGrantToken(embedded, ring.jwks, at(T0 + 120))).code).toBe("malformed");
    const noKid = await signRaw({ alg: "EdDSA", typ: "break-glass+jwt" }, claims);
    expect((await verifyGrantToken(noKid, ring.jwks, at(T0 + 120))).code).toBe("malformed");
  });

  it("answers malformed for input that is not a compact JWS", async () => {
    for (const input of ["", "abc", "a.b", `${token}.x`, `${token}=`, ` ${token}`, "x".repeat(20_000)]) {
      expect((await verifyGrantToken(input, ring.jwks, at(T0 + 120))).code, input.slice(0, 20)).toBe("malformed");
    }
  });

  it("answers claims_invalid for a signed token missing Contract 4 claims or lasting over 24 h", async () => {
    const header = { alg: "EdDSA", typ: "break-glass+jwt", kid: "grant-2026-11" };
    const { approvals: _approvals, ...noApprovals } = claims;
    expect((await verifyGrantToken(await signRaw(header, noApprovals), ring.jwks, at(T0 + 120))).code).toBe("claims_invalid");
    const long = { ...claims, exp: claims.nbf + 24 * HOUR + 1 };
    expect((await verifyGrantToken(await signRaw(header, long), ring.jwks, at(T0 + 120))).code).toBe("claims_invalid");
  });
});
