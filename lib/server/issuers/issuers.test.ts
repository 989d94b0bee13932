import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIssuerKey, parseTrustFile, verifyReceipt, type IssuerKeyPair } from "@/lib/core/receipts";
import { loadVectorFile, trustFileText, vectorReceipt } from "@/lib/core/receipts/fixtures/load-vectors";
import { rowsOf } from "../db/migrate";
import { ingestLines, payload, rejection, seconds, sign } from "../receipts/receipts.test-support";
import { createSource, type IngestSource } from "../sources";
import { anonymousCtx, FROZEN_NOW, roleCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import {
  addIssuerKeys,
  consoleTrustFile,
  createIssuer,
  issuerTrustFile,
  listIssuers,
  listPublishedIssuers,
  refreshIssuer,
  refreshIssuerKeys,
  revokeIssuerKey,
  setPublicVerification,
} from "./index";

const LOCAL = { allowHttp: true, allowPrivateAddresses: true, timeoutMs: 1000 };
const RFC7638_KEY = {
  kty: "RSA",
  e: "AQAB",
  kid: "rfc7638",
  n: "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
};

// A JWKS host on 127.0.0.1 whose document the tests change, plus misbehaving paths.
let server: Server;
let origin = "";
let published: { keys: unknown[] } = { keys: [] };
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/jwks") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(published));
    if (req.url === "/redirect") return res.writeHead(302, { location: "/jwks" }).end();
    if (req.url === "/big") return res.writeHead(200).end(JSON.stringify({ keys: [], pad: "x".repeat(600 * 1024) }));
    if (req.url === "/slow") return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
}));

async function auditActions(database: TestDatabase): Promise<string[]> {
  return rowsOf<{ action: string }>(await database.db.execute(sql`select action from audit_log order by seq`)).map((r) => r.action);
}

describe.each(await databaseKinds())("issuers and keys on %s", (kind) => {
  let database: TestDatabase;
  let source: IngestSource;
  let urlKey: IssuerKeyPair;
  const admin = () => systemCtx(database.db);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    source = (await createSource(admin(), { name: "gate" })).source;
  });
  afterAll(() => database.drop());

  it("registers an issuer from the shared trust file: its own keys, with RFC 7638 thumbprints, the others skipped", async () => {
    const result = await createIssuer(admin(), { iss: "gate-eu-1", name: "EU gate", jwks: trustFileText() });
    const expected = (await parseTrustFile(trustFileText())).issuers.get("gate-eu-1")!;
    expect(result.issuer.keys.map((k) => k.kid).sort()).toEqual([...expected.keys()].sort());
    for (const key of result.issuer.keys) expect(key.thumbprint).toBe(expected.get(key.kid)!.thumbprint);
    expect(result.skipped.map((s) => s.iss).sort()).toEqual(["gate-openssl", "gate-openssl", "gate-openssl", "gate-us-2"]);
    const revoked = result.issuer.keys.find((k) => k.kid === "eu1-revoked")!;
    expect(revoked).toMatchObject({ status: "revoked", revokedAt: "2026-06-01T00:00:00.000Z" });

    const rfc = await createIssuer(admin(), { iss: "rfc-7638", jwks: { keys: [RFC7638_KEY] } });
    expect(rfc.issuer.keys[0]!.thumbprint).toBe("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    expect(await auditActions(database)).toEqual(expect.arrayContaining(["issuer.created", "issuer_key.added"]));
  });

  it("exports a trust file that verifies every shared vector as the trust file it came from does", async () => {
    await createIssuer(admin(), { iss: "gate-us-2", jwks: trustFileText() });
    await createIssuer(admin(), { iss: "gate-openssl", jwks: trustFileText() });
    const eu = (await listIssuers(roleCtx(database.db, ["auditor"]))).find((i) => i.iss === "gate-eu-1")!;
    const exported = await issuerTrustFile(roleCtx(database.db, ["oncall"]), eu.id);
    expect(exported.file.keys.every((k) => k.iss === "gate-eu-1")).toBe(true);
    const original = await parseTrustFile(trustFileText());
    const file = loadVectorFile();
    const all = await parseTrustFile(await consoleTrustFile(roleCtx(database.db, ["auditor"])));
    for (const vector of file.vectors) {
      const [a, b] = await Promise.all([verifyReceipt(vectorReceipt(vector), original, new Date(file.now)), verifyReceipt(vectorReceipt(vector), all, new Date(file.now))]);
      expect(b.verdict, vector.name).toBe(a.verdict);
    }
  });

  it("refuses private, symmetric, weak and duplicate keys with specific reasons, storing nothing", async () => {
    const ed = await generateIssuerKey("EdDSA", { kid: "leaked" });
    const leaked = await rejection(createIssuer(admin(), { iss: "bad-1", jwks: { keys: [ed.privateJwk] } }));
    expect(leaked).toMatchObject({ code: "VALIDATION", details: { reason: "PRIVATE_KEY_MATERIAL" } });
    expect(leaked.message).toMatch(/^REFUSED: the JWKS contains PRIVATE key material/);
    expect(leaked.message).not.toContain(String(ed.privateJwk.d));
    expect(await auditActions(database)).toContain("issuer_key.private_key_refused");

    const weak = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    const cases: Array<[unknown, string]> = [
      [{ keys: [{ kty: "oct", k: "c2VjcmV0LXNlY3JldC1zZWNyZXQ", kid: "hmac" }] }, "SYMMETRIC_KEY"],
      [{ keys: [{ ...weak, kid: "rsa-1024" }] }, "WEAK_RSA_KEY"],
      [{ keys: [ed.publicJwk, { ...ed.publicJwk }] }, "DUPLICATE_KID"],
      [{ keys: [{ kty: "OKP", crv: "Ed25519", x: ed.publicJwk.x }] }, "MISSING_KID"],
      [{ keys: [] }, "NO_KEYS"],
      ["{not json", "NOT_A_JWKS"],
    ];
    for (const [jwks, reason] of cases) {
      expect((await rejection(createIssuer(admin(), { iss: "bad-2", jwks: jwks as never }))).details?.reason, reason).toBe(reason);
    }
    expect((await listIssuers(admin())).some((i) => i.iss.startsWith("bad-"))).toBe(false);
    const keyRows = rowsOf<{ jwk: Record<string, unknown> }>(await database.db.execute(sql`select jwk from issuer_keys`));
    expect(keyRows.some((r) => "d" in r.jwk || "k" in r.jwk)).toBe(false);
    expect((await rejection(createIssuer(admin(), { iss: "gate-eu-1", jwks: { keys: [ed.publicJwk] } }))).details?.reason).toBe("DUPLICATE_ISSUER");
  });

  it("adds keys idempotently and refuses a kid reused for a different key", async () => {
    const first = await generateIssuerKey("ES256", { kid: "rot-1" });
    const created = await createIssuer(admin(), { iss: "gate-rotating", jwks: { keys: [first.publicJwk] } });
    const second = await generateIssuerKey("EdDSA", { kid: "rot-2" });
    const added = await addIssuerKeys(admin(), created.issuer.id, { jwks: { keys: [first.publicJwk, second.publicJwk] } });
    expect(added).toMatchObject({ added: ["rot-2"], unchanged: ["rot-1"] });
    const impostor = await generateIssuerKey("EdDSA", { kid: "rot-2" });
    expect((await rejection(addIssuerKeys(admin(), created.issuer.id, { jwks: { keys: [impostor.publicJwk] } }))).details?.reason).toBe("KID_REUSED");
  });

  it("revokes a key from a time on: receipts signed before stay valid, at or after become key_revoked", async () => {
    const key = await generateIssuerKey("EdDSA", { kid: "rev-1" });
    const { issuer } = await createIssuer(admin(), { iss: "gate-revoke", jwks: { keys: [key.publicJwk] } });
    const before = await sign(key, payload("gate-revoke", "r-before", seconds("2026-11-22T08:00:00Z")));
    const after = await sign(key, payload("gate-revoke", "r-after", seconds("2026-11-22T09:30:00Z")));
    expect((await ingestLines(admin(), source, [before, after])).map((r) => r.verdict)).toEqual(["valid", "valid"]);

    const ctx = systemCtx(database.db);
    expect((await rejection(revokeIssuerKey(ctx, issuer.id, issuer.keys[0]!.id, { reason: "x", revokedAt: new Date(FROZEN_NOW.getTime() + 60_000) }))).code).toBe("VALIDATION");
    const revoked = await revokeIssuerKey(ctx, issuer.id, issuer.keys[0]!.id, { reason: "laptop stolen", revokedAt: new Date("2026-11-22T09:00:00Z") });
    expect(revoked.reverified).toEqual({ checked: 1, changed: 1 });
    expect(revoked.issuer.keys[0]).toMatchObject({ status: "revoked", revokedReason: "laptop stolen", revokedBy: "system:test" });
    const again = await ingestLines(admin(), source, [before, after, await sign(key, payload("gate-revoke", "r-late", seconds("2026-11-22T09:45:00Z")))]);
    expect(again.map((r) => [r.status, r.verdict])).toEqual([["duplicate", "valid"], ["duplicate", "key_revoked"], ["stored", "key_revoked"]]);
    expect((await rejection(revokeIssuerKey(ctx, issuer.id, issuer.keys[0]!.id, { reason: "twice" }))).code).toBe("NOT_FOUND");
    expect(await auditActions(database)).toContain("issuer_key.revoked");
  });

  it("fetches keys from a JWKS URL only within the fetch policy", async () => {
    urlKey = await generateIssuerKey("EdDSA", { kid: "url-1" });
    published = { keys: [urlKey.publicJwk] };
    const refused = async (url: string, policy: object) => (await rejection(createIssuer(admin(), { iss: "gate-url", jwksUrl: url }, policy))).details?.fields?.jwksUrl;
    expect(await refused(`${origin}/jwks`, {})).toBe("only https:// URLs are fetched");
    expect(await refused(`${origin}/jwks`, { allowHttp: true })).toBe("the host is a private or reserved address");
    expect(await refused(`http://localhost:${new URL(origin).port}/jwks`, { allowHttp: true })).toBe("the host resolves to a private or reserved address");
    expect(await refused(`${origin}/redirect`, LOCAL)).toBe("it answered a redirect (302); give the final URL");
    expect(await refused(`${origin}/big`, LOCAL)).toBe("the document is larger than 524288 bytes");
    expect(await refused(`${origin}/slow`, { ...LOCAL, timeoutMs: 200 })).toMatch(/no (complete )?answer within 200 ms/);
    const created = await createIssuer(admin(), { iss: "gate-url", jwksUrl: `${origin}/jwks` }, LOCAL);
    expect(created.issuer).toMatchObject({ jwksUrl: `${origin}/jwks`, keys: [{ kid: "url-1", origin: "url" }] });
  });

  it("refreshes URL issuers on schedule: new keys added, unpublished keys retired, receipts re-judged", async () => {
    const [old] = published.keys as IssuerKeyPair["publicJwk"][];
    const later = systemCtx(database.db, new Date(FROZEN_NOW.getTime() + 3600_000));
    const laterSeconds = seconds(later.now.toISOString());
    const signed = [await sign(urlKey, payload("gate-url", "u-early", laterSeconds - 60)), await sign(urlKey, payload("gate-url", "u-at", laterSeconds))];
    expect((await ingestLines(later, source, signed)).map((r) => r.verdict)).toEqual(["valid", "valid"]);
    const next = await generateIssuerKey("EdDSA", { kid: "url-2" });
    published = { keys: [next.publicJwk] };
    const outcomes = await refreshIssuerKeys(later, { fetchPolicy: LOCAL });
    expect(outcomes.find((o) => o.iss === "gate-url")).toMatchObject({ ok: true, added: ["url-2"], retired: [old!.kid] });
    expect((await ingestLines(later, source, signed)).map((r) => [r.status, r.verdict])).toEqual([["duplicate", "valid"], ["duplicate", "key_expired"]]);
    const issuer = (await listIssuers(admin())).find((i) => i.iss === "gate-url")!;
    expect(issuer.keys.find((k) => k.kid === "url-1")).toMatchObject({ validUntil: new Date(FROZEN_NOW.getTime() + 3600_000).toISOString() });

    published = { keys: [{ kty: "oct", k: "AAAA", kid: "x" }] };
    const failed = await refreshIssuerKeys(later, { fetchPolicy: LOCAL });
    expect(failed.find((o) => o.iss === "gate-url")).toMatchObject({ ok: false, error: expect.stringContaining("symmetric") });
    expect((await listIssuers(admin())).find((i) => i.iss === "gate-url")!.refreshError).toContain("symmetric");
    expect((await rejection(refreshIssuer(later, issuer.id, LOCAL))).details?.reason).toBe("JWKS_REFRESH_FAILED");
    const manual = (await listIssuers(admin())).find((i) => i.iss === "gate-revoke")!;
    expect((await rejection(refreshIssuer(later, manual.id, LOCAL))).details?.reason).toBe("NO_JWKS_URL");
  });

  it("publishes keys to people without an account only when an admin enables public verification", async () => {
    const eu = (await listIssuers(admin())).find((i) => i.iss === "gate-eu-1")!;
    expect((await rejection(issuerTrustFile(anonymousCtx(database.db), eu.id))).code).toBe("UNAUTHENTICATED");
    expect((await rejection(listPublishedIssuers(anonymousCtx(database.db)))).code).toBe("UNAUTHENTICATED");
    await setPublicVerification(admin(), { enabled: true });
    expect((await issuerTrustFile(anonymousCtx(database.db), eu.id)).iss).toBe("gate-eu-1");
    expect((await listPublishedIssuers(anonymousCtx(database.db))).map((i) => i.iss)).toContain("gate-eu-1");
    await setPublicVerification(admin(), { enabled: false });
    expect((await rejection(issuerTrustFile(anonymousCtx(database.db), eu.id))).code).toBe("UNAUTHENTICATED");
    expect(await auditActions(database)).toEqual(expect.arrayContaining(["settings.public_verification_enabled", "settings.public_verification_disabled"]));
  });

  it("refuses every write to auditors, on-call engineers and anonymous callers", async () => {
    const [issuer] = await listIssuers(admin());
    const key = await generateIssuerKey("EdDSA", { kid: "nope" });
    const writes = (ctx: ReturnType<typeof admin>) => [
      createIssuer(ctx, { iss: "gate-nope", jwks: { keys: [key.publicJwk] } }),
      addIssuerKeys(ctx, issuer!.id, { jwks: { keys: [key.publicJwk] } }),
      revokeIssuerKey(ctx, issuer!.id, issuer!.keys[0]!.id, { reason: "no" }),
      refreshIssuerKeys(ctx, { fetchPolicy: LOCAL }),
      refreshIssuer(ctx, issuer!.id, LOCAL),
      setPublicVerification(ctx, { enabled: true }),
    ];
    for (const roles of [["auditor"], ["oncall"], ["auditor", "oncall"]] as const) {
      for (const write of writes(roleCtx(database.db, [...roles]))) expect((await rejection(write)).code).toBe("FORBIDDEN");
    }
    for (const write of writes(anonymousCtx(database.db))) expect((await rejection(write)).code).toBe("UNAUTHENTICATED");
    expect((await listIssuers(admin())).some((i) => i.iss === "gate-nope")).toBe(false);
  });
});
