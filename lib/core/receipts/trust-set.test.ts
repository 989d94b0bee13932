import { describe, expect, it } from "vitest";
import { IssuerKeyError } from "./issuer-key-error";
import { testKey } from "./test-keys.test-support";
import { exportTrustFile, parseTrustFile, trustSetFromIssuers, trustSetFromKeys } from "./trust-set";

const kids = (map: ReadonlyMap<string, unknown> | undefined) => [...(map?.keys() ?? [])];

describe("parseTrustFile", () => {
  it("reads an issuers map", async () => {
    const a = await testKey("EdDSA", "a-1");
    const b = await testKey("ES256", "b-1");
    const trust = await parseTrustFile({ issuers: { "gate-a": { keys: [a.publicJwk] }, "gate-b": { keys: [b.publicJwk] } } });
    expect(kids(trust.issuers)).toEqual(["gate-a", "gate-b"]);
    expect(kids(trust.issuers.get("gate-b"))).toEqual(["b-1"]);
    expect(trust.anyIssuer).toBeUndefined();
  });

  it("reads a JWKS whose keys name their issuer, from JSON text", async () => {
    const a = await testKey("EdDSA", "a-1");
    const b = await testKey("ES256", "b-1");
    const text = JSON.stringify({ keys: [{ ...a.publicJwk, iss: "gate-a" }, { ...b.publicJwk, iss: "gate-b", revoked_at: "2026-06-01T00:00:00Z" }] });
    const trust = await parseTrustFile(text);
    expect(trust.issuers.get("gate-b")?.get("b-1")?.revokedAt).toBe(Date.UTC(2026, 5, 1));
  });

  it("binds a JWKS without issuer names to options.issuer, or to any issuer without it", async () => {
    const a = await testKey("EdDSA", "a-1");
    expect(kids((await parseTrustFile({ keys: [a.publicJwk] }, { issuer: "gate-a" })).issuers)).toEqual(["gate-a"]);
    const open = await parseTrustFile({ keys: [a.publicJwk] });
    expect(kids(open.issuers)).toEqual([]);
    expect(kids(open.anyIssuer)).toEqual(["a-1"]);
  });

  it("refuses a JWKS where only some keys name an issuer", async () => {
    const a = await testKey("EdDSA", "a-1");
    const b = await testKey("EdDSA", "b-1");
    await expect(parseTrustFile({ keys: [{ ...a.publicJwk, iss: "gate-a" }, b.publicJwk] })).rejects.toMatchObject({ code: "issuer_mismatch" });
  });

  it("refuses a key inside an issuers map that names another issuer", async () => {
    const a = await testKey("EdDSA", "a-1");
    await expect(parseTrustFile({ issuers: { "gate-a": { keys: [{ ...a.publicJwk, iss: "gate-b" }] } } })).rejects.toMatchObject({ code: "issuer_mismatch" });
  });

  it("refuses files that are not trust files", async () => {
    await expect(parseTrustFile("not json")).rejects.toBeInstanceOf(IssuerKeyError);
    await expect(parseTrustFile({ issuers: [] })).rejects.toMatchObject({ code: "not_a_jwks" });
    await expect(parseTrustFile({ issuers: { a: { nokeys: 1 } } })).rejects.toMatchObject({ code: "not_a_jwks" });
  });
});

describe("trustSetFromKeys / trustSetFromIssuers", () => {
  it("builds from stored keys whose times override the JWK's members", async () => {
    const a = await testKey("EdDSA", "a-1");
    const trust = await trustSetFromKeys("gate-a", [{ jwk: { ...a.publicJwk, valid_from: "2020-01-01T00:00:00Z" }, validFrom: new Date("2026-01-01T00:00:00Z"), revokedAt: null }]);
    const key = trust.issuers.get("gate-a")!.get("a-1")!;
    expect(key.validFrom).toBe(Date.UTC(2026, 0, 1));
    expect(key.revokedAt).toBeUndefined();
  });

  it("refuses an issuer listed twice or an empty issuer name", async () => {
    const a = await testKey("EdDSA", "a-1");
    await expect(trustSetFromIssuers([{ iss: "g", keys: [{ jwk: a.publicJwk }] }, { iss: "g", keys: [] }])).rejects.toMatchObject({ code: "duplicate_issuer" });
    await expect(trustSetFromKeys("", [{ jwk: a.publicJwk }])).rejects.toMatchObject({ code: "invalid_issuer" });
  });
});

describe("exportTrustFile", () => {
  it("exports a JWKS with iss, alg, use and validity members that parses back to the same trust", async () => {
    const a = await testKey("EdDSA", "a-1");
    const r = await testKey("RS256", "r-1");
    const { alg: _alg, ...rUnpinned } = r.publicJwk;
    const trust = await trustSetFromIssuers([
      { iss: "gate-b", keys: [{ jwk: rUnpinned, validUntil: "2027-01-01T00:00:00Z" }] },
      { iss: "gate-a", keys: [{ jwk: a.publicJwk, revokedAt: new Date(Date.UTC(2026, 5, 1, 12, 0, 0, 500)) }] },
    ]);
    const exported = exportTrustFile(trust);
    expect(exported.keys.map((k) => [k.iss, k.kid, k.alg, k.use])).toEqual([["gate-a", "a-1", "EdDSA", "sig"], ["gate-b", "r-1", undefined, "sig"]]);
    expect(exported.keys[0]!.revoked_at).toBe("2026-06-01T12:00:00.500Z");
    expect(exported.keys[1]!.valid_until).toBe("2027-01-01T00:00:00Z");
    const again = await parseTrustFile(JSON.parse(JSON.stringify(exported)));
    expect(exportTrustFile(again)).toEqual(exported);
  });
});
