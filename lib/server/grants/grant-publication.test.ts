import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGrantKeyRing, verifyGrantToken, verifyRevocationList } from "@/lib/core/grants";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { configuredGrantKeyRing } from "./grant-keys";
import { setGrantSettings } from "./grant-settings";
import { AUDIENCE, installGrantSettings, ISSUER, person, rejection, requestBody, type Person } from "./grants.test-support";
import { approveGrant, getGrantJwks, getRevocationList, requestGrant, retrieveGrantToken, revokeGrant } from "./index";
import { systemCtx } from "../testing/contexts";

describe.each(await databaseKinds())("break-glass tokens, keys and revocations on %s", (kind) => {
  let database: TestDatabase;
  let requester: Person;
  let reviewer: Person;
  let bystander: Person;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installGrantSettings();
    requester = await person(database.db, ["oncall"], "requester");
    reviewer = await person(database.db, ["admin"], "reviewer");
    bystander = await person(database.db, ["admin"], "bystander");
  });
  afterAll(async () => {
    setGrantSettings(undefined);
    await database.drop();
  });

  it("publishes every key of the ring with public members only; the newest signs", async () => {
    const jwks = await getGrantJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(["grant-2026-05", "grant-2026-11"]);
    for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
    const filed = await requestGrant(requester.ctx(), requestBody("agent:billing-bot"));
    const { token } = await approveGrant(reviewer.ctx(new Date()), filed.id, {});
    const now = Math.floor(Date.now() / 1000);
    const checked = await verifyGrantToken(token!, jwks, { now, issuer: ISSUER, audience: AUDIENCE });
    expect(checked).toMatchObject({ valid: true, kid: "grant-2026-11", claims: { jti: filed.id, sub: "agent:billing-bot" } });
    const retired = { keys: jwks.keys.filter((k) => k.kid !== "grant-2026-11") };
    expect((await verifyGrantToken(token!, retired, { now })).code).toBe("unknown_key");
  });

  it("lists a revoked grant only until its exp, and never one revoked before it was approved", async () => {
    const now = Math.floor(Date.now() / 1000);
    const withdrawn = await requestGrant(requester.ctx(), requestBody("agent:withdrawn"));
    await revokeGrant(requester.ctx(), withdrawn.id, { reason: "not needed" });
    const short = await requestGrant(requester.ctx(), requestBody("agent:short", { durationSeconds: 600 }));
    await approveGrant(reviewer.ctx(new Date()), short.id, {});
    await revokeGrant(reviewer.ctx(new Date()), short.id, { reason: "done early" });
    const listAt = async (seconds: number) => {
      const jws = await getRevocationList(systemCtx(database.db, new Date(seconds * 1000)));
      const result = await verifyRevocationList(jws, await getGrantJwks(), { now: seconds });
      return result.valid ? result.list.revoked.map((e) => e.jti) : [];
    };
    expect(await listAt(now + 5)).toContain(short.id);
    expect(await listAt(now + 5)).not.toContain(withdrawn.id);
    expect(await listAt(now + 700)).not.toContain(short.id);
  });

  it("hands the token once to the requester or the grantee, with the claims the approval answered with", async () => {
    const grantee = await person(database.db, ["auditor"], "grantee");
    const filed = await requestGrant(requester.ctx(), requestBody(grantee.email));
    const { token } = await approveGrant(reviewer.ctx(new Date()), filed.id, {});
    expect((await rejection(retrieveGrantToken(bystander.ctx(new Date()), filed.id))).details?.reason).toBe("NOT_PERMITTED");
    const retrieved = await retrieveGrantToken(grantee.ctx(new Date()), filed.id);
    expect(retrieved.token).toBe(token); // Ed25519 is deterministic: same claims, same key, same bytes
    expect((await rejection(retrieveGrantToken(requester.ctx(new Date()), filed.id))).details?.reason).toBe("INVALID_TRANSITION");
    const pending = await requestGrant(requester.ctx(), requestBody("agent:pending"));
    expect((await rejection(retrieveGrantToken(requester.ctx(), pending.id))).details?.reason).toBe("INVALID_TRANSITION");
  });
});

describe("the generated grant key ring", () => {
  it("generates the key ring once into the data directory (0600) and loads the same keys again", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "grant-keys-"));
    const file = path.join(dir, "grant-keys.json");
    const first = await configuredGrantKeyRing({ kind: "generated", path: file }, dir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).keys[0]).toHaveProperty("d");
    expect(first.jwks.keys[0]).not.toHaveProperty("d");
    // The ring is cached per process; a fresh load from the same file gives the same public key.
    expect((await loadGrantKeyRing(JSON.parse(readFileSync(file, "utf8")))).jwks).toEqual(first.jwks);
  });
  it("refuses a key file that is not a private Ed25519 JWKS with 503, naming nothing secret", async () => {
    const error = await rejection(configuredGrantKeyRing({ kind: "env", json: '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"abc"}]}' }, tmpdir()));
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
  });
});
