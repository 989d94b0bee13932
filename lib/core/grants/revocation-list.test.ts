import { beforeAll, describe, expect, it } from "vitest";
import { loadGrantKeyRing, type GrantKeyRing } from "./grant-keys";
import { signRevocationList, verifyRevocationList, type RevocationList } from "./revocation-list";
import { signGrantToken } from "./grant-token";
import { grantTokenClaims } from "./grant-claims";
import { activeGrant, T0 } from "./testdata/grant-fixtures";
import { RFC8032_TEST2_KEY, RFC8037_KEY } from "./testdata/keys";

const ISSUER = "https://console.example.com";
const list: RevocationList = {
  iss: ISSUER,
  iat: T0 + 700,
  revoked: [
    { jti: "g-1", revoked_at: T0 + 600, reason: "incident closed" },
    { jti: "g-7", revoked_at: T0 + 650 },
  ],
};
let ring: GrantKeyRing;
let signed: string;

beforeAll(async () => {
  ring = await loadGrantKeyRing({ keys: [RFC8037_KEY] });
  signed = await signRevocationList(list, ring.signing);
});

describe("revocation list", () => {
  it("round-trips with typ break-glass-revocations+jwt", async () => {
    const header = JSON.parse(Buffer.from(signed.split(".")[0]!, "base64url").toString("utf8")) as unknown;
    expect(header).toEqual({ alg: "EdDSA", typ: "break-glass-revocations+jwt", kid: "grant-2026-11" });
    expect(await verifyRevocationList(signed, ring.jwks, { now: T0 + 710, issuer: ISSUER })).toEqual({ valid: true, code: "valid", list, kid: "grant-2026-11" });
  });

  it("refuses a tampered list, a list by an unpublished key and a grant token in its place", async () => {
    const [h, , s] = signed.split(".");
    const emptied = Buffer.from(JSON.stringify({ ...list, revoked: [] })).toString("base64url");
    expect((await verifyRevocationList(`${h}.${emptied}.${s}`, ring.jwks, { now: T0 + 710 })).code).toBe("bad_signature");
    const other = await loadGrantKeyRing({ keys: [RFC8032_TEST2_KEY] });
    expect((await verifyRevocationList(await signRevocationList(list, other.signing), ring.jwks, { now: T0 + 710 })).code).toBe("unknown_key");
    const token = await signGrantToken(grantTokenClaims(activeGrant(), { issuer: ISSUER, audience: "gates", issuedAt: T0 + 60 }), ring.signing);
    expect((await verifyRevocationList(token, ring.jwks, { now: T0 + 710 })).code).toBe("wrong_typ");
  });

  it("refuses a list from another issuer, from the future, or older than the caller accepts", async () => {
    expect((await verifyRevocationList(signed, ring.jwks, { now: T0 + 710, issuer: "https://other" })).code).toBe("wrong_issuer");
    expect((await verifyRevocationList(signed, ring.jwks, { now: T0 + 600 })).code).toBe("future_iat");
    expect((await verifyRevocationList(signed, ring.jwks, { now: T0 + 700 + 300, maxAgeSec: 300 })).valid).toBe(true);
    expect((await verifyRevocationList(signed, ring.jwks, { now: T0 + 700 + 301, maxAgeSec: 300 })).code).toBe("stale");
  });

  it("refuses unsigned shapes when signing (programmer error)", async () => {
    await expect(signRevocationList({ iss: ISSUER, iat: T0, revoked: [{ jti: "", revoked_at: T0 }] }, ring.signing)).rejects.toThrow(TypeError);
  });
});
