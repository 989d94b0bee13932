import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateIssuerKey, type IssuerKeyPair } from "@/lib/core/receipts";
import { createIssuer } from "../issuers";
import { ingestLines, payload, sign } from "../receipts/receipts.test-support";
import { createSource, type IngestSource } from "../sources";
import { anonymousCtx, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { setGrantSettings } from "./grant-settings";
import { at, auditActions, installGrantSettings, person, rejection, requestBody, type Person } from "./grants.test-support";
import { approveGrant, getGrant, linkGrantUses, listGrantUsesSince, requestGrant, revokeGrant } from "./index";

const T = (minutes: number) => Math.floor(at(minutes).getTime() / 1000);

describe.each(await databaseKinds())("break-glass uses on %s", (kind) => {
  let database: TestDatabase;
  let source: IngestSource;
  let gate: IssuerKeyPair;
  let oncall: Person;
  let admin: Person;
  let auditor: Person;
  let serial = 0;
  const system = (minutes: number) => systemCtx(database.db, at(minutes));

  /** A signed receipt from gate-test, at minute `m`, for surface/action, naming `grant`. */
  async function receipt(m: number, grant: string, surface = "payments", action = "refund"): Promise<string> {
    const request = { actor: "agent:billing-bot", surface, action, target: "order:981", context: {} };
    return sign(gate, payload("gate-test", `use-${++serial}`, T(m), { request, decision: "PERMIT", reason: "break-glass", override: { grant } }));
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await installGrantSettings();
    oncall = await person(database.db, ["oncall"], "oncall");
    admin = await person(database.db, ["admin"], "admin");
    auditor = await person(database.db, ["auditor"], "auditor");
    source = (await createSource(systemCtx(database.db), { name: "gates" })).source;
    gate = await generateIssuerKey("EdDSA", { kid: "g-1" });
    await createIssuer(systemCtx(database.db), { iss: "gate-test", jwks: { keys: [gate.publicJwk] } });
  });
  afterAll(async () => {
    setGrantSettings(undefined);
    await database.drop();
  });

  it("links each receipt naming a grant once, and flags uses outside the window, out of scope, after revocation, or of unknown grants", async () => {
    const grant = await requestGrant(oncall.ctx(), requestBody("agent:billing-bot"));
    await approveGrant(admin.ctx(at(1)), grant.id, {});
    const pending = await requestGrant(oncall.ctx(at(2)), requestBody("agent:other"));
    await revokeGrant(admin.ctx(at(10)), grant.id, { reason: "incident closed" });
    const receipts = [
      await receipt(2, grant.id),
      await receipt(3, grant.id, "payments", "transfer"),
      await receipt(0.5, grant.id.toUpperCase()),
      await receipt(11, grant.id),
      await receipt(4, "bg-not-ours"),
      await receipt(5, pending.id),
    ];
    const stored = await ingestLines(system(12), source, receipts);
    expect(stored.map((r) => r.verdict)).toEqual(Array(6).fill("valid"));

    expect(await linkGrantUses(system(12))).toEqual({ linked: 6, flagged: 5, unknown: 1 });
    expect(await linkGrantUses(system(13))).toEqual({ linked: 0, flagged: 0, unknown: 0 });

    const detail = await getGrant(auditor.ctx(at(13)), grant.id);
    expect(detail).toMatchObject({ useCount: 4, violationCount: 3, lastUsedAt: at(11).toISOString() });
    expect(detail.uses.map((u) => [u.at, u.action, u.violations, u.receiptVerdict])).toEqual([
      [at(11).toISOString(), "refund", ["revoked"], "valid"],
      [at(3).toISOString(), "transfer", ["out_of_scope"], "valid"],
      [at(2).toISOString(), "refund", [], "valid"],
      [at(0.5).toISOString(), "refund", ["outside_window"], "valid"],
    ]);
    const used = detail.timeline.filter((e) => e.kind === "used");
    expect(used.map((e) => e.use?.first)).toEqual([true, false, false, false]);
    expect(detail.timeline.map((e) => e.kind)).toEqual(["requested", "used", "approval", "activated", "used", "used", "revoked", "used"]);
    expect((await getGrant(auditor.ctx(), pending.id)).uses.map((u) => u.violations)).toEqual([["not_active"]]);
    expect(await auditActions(database.db, grant.id)).toEqual(["grant.requested", "grant.approved", "grant.revoked", "grant.used"]);
    expect(await auditActions(database.db, "bg-not-ours")).toEqual(["grant.unknown_used"]);
  });

  it("feeds the alert evaluator every use once, in link order, from a cursor", async () => {
    const first = await listGrantUsesSince(systemCtx(database.db), { cursor: 0 });
    expect(first.items.length).toBeGreaterThanOrEqual(6);
    expect(first.items.find((u) => u.grantRef === "bg-not-ours")).toMatchObject({ grantId: null, operator: null, violations: ["unknown_grant"] });
    expect(first.items.filter((u) => u.violations.length === 0)).toHaveLength(1);
    expect((await listGrantUsesSince(auditor.ctx(), { cursor: first.nextCursor })).items).toEqual([]);

    const later = await requestGrant(oncall.ctx(at(20)), requestBody("agent:billing-bot"));
    await approveGrant(admin.ctx(at(21)), later.id, {});
    await ingestLines(system(23), source, [await receipt(22, later.id)]);
    await linkGrantUses(system(23));
    const next = await listGrantUsesSince(auditor.ctx(), { cursor: first.nextCursor });
    expect(next.items).toMatchObject([{ grantId: later.id, operator: "agent:billing-bot", grantState: "active", violations: [], at: at(22).toISOString() }]);
    expect(next.nextCursor).toBeGreaterThan(first.nextCursor);
  });

  it("keeps linking to the system and the use feed to signed-in roles", async () => {
    for (const who of [admin, oncall, auditor]) expect((await rejection(linkGrantUses(who.ctx()))).code).toBe("FORBIDDEN");
    expect((await rejection(listGrantUsesSince(anonymousCtx(database.db)))).code).toBe("UNAUTHENTICATED");
  });
});
