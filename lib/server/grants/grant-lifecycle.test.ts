import { sql } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit";
import { rowsOf } from "../db/migrate";
import { FROZEN_NOW, systemCtx } from "../testing/contexts";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/test-database";
import { updateUser } from "../users";
import { setGrantSettings } from "./grant-settings";
import { auditActions, at, AUDIENCE, installGrantSettings, ISSUER, person, rejection, requestBody, type Person } from "./grants.test-support";
import { advanceGrants, approveGrant, denyGrant, getGrant, listGrants, requestGrant, revokeGrant } from "./index";

const T = (minutes: number) => Math.floor(at(minutes).getTime() / 1000);

describe.each(await databaseKinds())("break-glass lifecycle on %s", (kind) => {
  let database: TestDatabase;
  let alice: Person; // admin, requests
  let bob: Person; // admin, reviews
  let carol: Person; // admin, reviews
  let oscar: Person; // on-call
  let audrey: Person; // auditor
  const system = (now = FROZEN_NOW) => systemCtx(database.db, now);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    alice = await person(database.db, ["admin"], "alice");
    bob = await person(database.db, ["admin"], "bob");
    carol = await person(database.db, ["admin"], "carol");
    oscar = await person(database.db, ["oncall"], "oscar");
    audrey = await person(database.db, ["auditor"], "audrey");
  });
  beforeEach(() => installGrantSettings());
  afterAll(async () => {
    setGrantSettings(undefined);
    await database.drop();
  });

  it("an on-call request for a console user records the grantee by id and email, and waits for review", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody(alice.email.toUpperCase()));
    expect(filed).toMatchObject({ state: "pending", overlapping: [] });
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant).toMatchObject({ operator: alice.email, operatorIsUser: true, requestedBy: { id: oscar.id, email: oscar.email }, nbf: null, exp: null });
    expect(grant.requestExpiresAt).toBe(at(60).toISOString());
    expect(grant.timeline).toEqual([{ kind: "requested", at: FROZEN_NOW.toISOString(), actor: { id: oscar.id, email: oscar.email }, note: requestBody("").justification }]);
    expect(await auditActions(database.db, filed.id)).toEqual(["grant.requested"]);
    // The grantee cannot review a grant for herself, even as an admin.
    expect((await rejection(approveGrant(alice.ctx(at(1)), filed.id, {}))).details?.reason).toBe("SELF_APPROVAL");
    expect((await getGrant(bob.ctx(), filed.id)).permissions).toMatchObject({ canApprove: true, canDeny: true, canRevoke: true, canRetrieveToken: false });
    expect((await getGrant(alice.ctx(), filed.id)).permissions.reviewBlockedReason).toMatch(/for you/);
  });

  it("refuses requests that break a rule with the rule's code, and callers who may not request", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ durationSeconds: 4 * 3600 + 1 }, "DURATION_OVER_CAP"],
      [{ durationSeconds: 30 }, "DURATION_INVALID"],
      [{ justification: "   " }, "JUSTIFICATION_REQUIRED"],
      [{ scope: { surfaces: ["*"], actions: ["refund"] } }, "WILDCARD_NOT_ALLOWED"],
      [{ scope: { surfaces: [], actions: ["refund"] } }, "SCOPE_EMPTY"],
      [{ startAt: at(-10).toISOString() }, "START_IN_PAST"],
    ];
    for (const [over, reason] of cases) {
      const error = await rejection(requestGrant(oscar.ctx(), requestBody("agent:billing-bot", over)));
      expect({ code: error.code, reason: error.details?.reason }, reason).toEqual({ code: "VALIDATION", reason });
    }
    expect((await rejection(requestGrant(oscar.ctx(), { ...requestBody("agent:x"), durationSeconds: "1h" as never }))).details?.fields).toHaveProperty("durationSeconds");
    expect((await rejection(requestGrant(audrey.ctx(), requestBody("agent:x")))).code).toBe("FORBIDDEN");
    await installGrantSettings({ maxDurationSeconds: 24 * 3600, allowWildcards: true });
    expect((await requestGrant(oscar.ctx(), requestBody("agent:wide", { durationSeconds: 24 * 3600, scope: { surfaces: ["*"], actions: ["*"] } }))).state).toBe("pending");
    expect((await rejection(requestGrant(oscar.ctx(), requestBody("agent:wide", { durationSeconds: 24 * 3600 + 1 })))).details?.reason).toBe("DURATION_OVER_CAP");
  });

  it("never lets the requester approve, also through another role, and audits the attempt", async () => {
    const both = await person(database.db, ["oncall", "admin"], "dual");
    const filed = await requestGrant(both.ctx(), requestBody("agent:deploy-bot"));
    const error = await rejection(approveGrant(both.ctx(at(1)), filed.id, { comment: "lgtm" }));
    expect(error).toMatchObject({ code: "FORBIDDEN", details: { reason: "SELF_APPROVAL" } });
    expect(await auditActions(database.db, filed.id)).toEqual(["grant.requested", "grant.approve_refused"]);
    expect((await getGrant(both.ctx(), filed.id)).state).toBe("pending");
  });

  it("refuses approval by a non-admin, and by an admin demoted since the session began", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:billing-bot"));
    expect((await rejection(approveGrant(oscar.ctx(), filed.id, {}))).code).toBe("FORBIDDEN");
    expect((await rejection(denyGrant(audrey.ctx(), filed.id, { comment: "no" }))).code).toBe("FORBIDDEN");
    const dave = await person(database.db, ["admin"], "dave");
    await updateUser(bob.ctx(), dave.id, { roles: ["auditor"] });
    const stale = dave.ctx(at(1)); // still claims the admin role it had when it signed in
    expect((await rejection(approveGrant(stale, filed.id, {}))).details?.reason).toBe("NOT_ADMIN");
    expect((await getGrant(bob.ctx(), filed.id)).approvals).toEqual([]);
  });

  it("activates on approval, counts the duration from then, and answers with the token once", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:billing-bot"));
    const approved = await approveGrant(bob.ctx(at(30)), filed.id, { comment: "INC-4711 confirmed" });
    expect(approved).toMatchObject({ id: filed.id, state: "active", approvals: 1, requiredApprovals: 1, token: expect.any(String) });
    expect(decodeProtectedHeader(approved.token!)).toEqual({ alg: "EdDSA", typ: "break-glass+jwt", kid: "grant-2026-11" });
    expect(decodeJwt(approved.token!)).toEqual({
      iss: ISSUER, sub: "agent:billing-bot", aud: AUDIENCE, jti: filed.id, iat: T(30), nbf: T(30), exp: T(30) + 3600,
      scope: { surfaces: ["payments"], actions: ["refund"] }, reason: requestBody("").justification, ticket: "INC-4711",
      approvals: [{ by: bob.email, at: T(30) }],
    });
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant).toMatchObject({ state: "active", nbf: at(30).toISOString(), exp: at(90).toISOString(), tokenIssuedAt: at(30).toISOString() });
    expect(grant.timeline.map((e) => [e.kind, e.actor.email, e.note])).toEqual([
      ["requested", oscar.email, requestBody("").justification],
      ["approval", bob.email, "INC-4711 confirmed"],
      ["activated", bob.email, null],
    ]);
    // A second approval changes nothing, and the token is nowhere in the database.
    expect((await rejection(approveGrant(carol.ctx(at(31)), filed.id, {}))).details?.reason).toBe("INVALID_TRANSITION");
    const signature = approved.token!.split(".")[2]!;
    const dump = rowsOf<{ found: number }>(await database.db.execute(sql`
      select (select count(*) from grants g where row_to_json(g)::text like ${"%" + signature + "%"})
           + (select count(*) from audit_log a where row_to_json(a)::text like ${"%" + signature + "%"})
           + (select count(*) from grant_events e where row_to_json(e)::text like ${"%" + signature + "%"})::int as found`));
    expect(Number(dump[0]!.found)).toBe(0);
    expect(await auditActions(database.db, filed.id)).toEqual(["grant.requested", "grant.approved", "grant.approve_refused"]);
  });

  it("needs N distinct admins when policy says so, and issues the token only on the last approval", async () => {
    await installGrantSettings({ requiredApprovals: 2 });
    const filed = await requestGrant(alice.ctx(), requestBody("agent:billing-bot"));
    const first = await approveGrant(bob.ctx(at(1)), filed.id, {});
    expect(first).toEqual({ id: filed.id, state: "pending", approvals: 1, requiredApprovals: 2 });
    expect((await rejection(approveGrant(bob.ctx(at(2)), filed.id, {}))).details?.reason).toBe("ALREADY_ACTED");
    const second = await approveGrant(carol.ctx(at(3)), filed.id, {});
    expect(second).toMatchObject({ state: "active", approvals: 2, token: expect.any(String) });
    expect((decodeJwt(second.token!) as { approvals: unknown[] }).approvals).toEqual([{ by: bob.email, at: T(1) }, { by: carol.email, at: T(3) }]);
  });

  it("lets concurrent approvals activate a grant exactly once", async () => {
    const extra = await Promise.all([1, 2, 3].map((n) => person(database.db, ["admin"], `reviewer${n}`)));
    for (const required of [1, 2]) {
      await installGrantSettings({ requiredApprovals: required });
      const filed = await requestGrant(alice.ctx(), requestBody(`agent:race-${required}`));
      const results = await Promise.allSettled(extra.map((admin) => approveGrant(admin.ctx(at(1)), filed.id, {})));
      const answers = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(answers.length, `N=${required}`).toBe(required);
      expect(answers.filter((a) => a.token).length, `N=${required}`).toBe(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT", details: { reason: "INVALID_TRANSITION" } });
      const grant = await getGrant(audrey.ctx(), filed.id);
      expect(grant.approvals).toHaveLength(required);
      expect(grant.timeline.filter((e) => e.kind === "activated")).toHaveLength(1);
    }
  });

  it("refuses approval once the request expired, and the scheduler records the expiry", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:late"));
    expect((await rejection(approveGrant(bob.ctx(at(60)), filed.id, {}))).details?.reason).toBe("REQUEST_EXPIRED");
    expect((await advanceGrants(system(at(59)))).requestsExpired).toBe(0);
    expect((await advanceGrants(system(at(61)))).requestsExpired).toBeGreaterThanOrEqual(1);
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant.state).toBe("request_expired");
    expect(grant.timeline.at(-1)).toMatchObject({ kind: "request_expired", at: at(60).toISOString(), actor: { id: "system:test" } });
    expect((await rejection(approveGrant(bob.ctx(at(62)), filed.id, {}))).details?.reason).toBe("REQUEST_EXPIRED");
  });

  it("denies with a comment only, and a denied request can never be approved", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:billing-bot"));
    expect((await rejection(denyGrant(bob.ctx(), filed.id, { comment: " " }))).details?.reason).toBe("COMMENT_REQUIRED");
    expect(await denyGrant(bob.ctx(at(1)), filed.id, { comment: "use the runbook instead" })).toEqual({ id: filed.id, state: "denied" });
    expect((await rejection(approveGrant(carol.ctx(at(2)), filed.id, {}))).details?.reason).toBe("INVALID_TRANSITION");
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant.denial).toEqual({ by: bob.id, at: at(1).toISOString(), comment: "use the runbook instead" });
    expect(await auditActions(database.db, filed.id)).toEqual(["grant.requested", "grant.denied", "grant.approve_refused"]);
  });

  it("keeps a scheduled grant approved until its start, then active, then expired at exp", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:night-batch", { startAt: at(120).toISOString(), durationSeconds: 1800 }));
    const approved = await approveGrant(bob.ctx(at(5)), filed.id, {});
    expect(approved.state).toBe("approved");
    expect(decodeJwt(approved.token!)).toMatchObject({ nbf: T(120), exp: T(150), iat: T(5) });
    await advanceGrants(system(at(119)));
    expect((await getGrant(audrey.ctx(), filed.id)).state).toBe("approved");
    await advanceGrants(system(at(120)));
    expect((await getGrant(audrey.ctx(), filed.id)).state).toBe("active");
    await advanceGrants(system(at(200)));
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant).toMatchObject({ state: "expired", expiredAt: at(150).toISOString(), activatedAt: at(120).toISOString() });
    expect(grant.timeline.map((e) => `${e.kind}@${e.at}`)).toEqual([
      `requested@${FROZEN_NOW.toISOString()}`, `approval@${at(5).toISOString()}`, `activated@${at(120).toISOString()}`, `expired@${at(150).toISOString()}`,
    ]);
    expect(await auditActions(database.db, filed.id)).toEqual(["grant.requested", "grant.approved", "grant.activated", "grant.expired"]);
    expect((await rejection(revokeGrant(bob.ctx(at(201)), filed.id, { reason: "too late" }))).details?.reason).toBe("INVALID_TRANSITION");
  });

  it("never activates a revoked grant, whoever revoked it and whenever the scheduler runs", async () => {
    const filed = await requestGrant(oscar.ctx(), requestBody("agent:night-batch", { startAt: at(30).toISOString() }));
    await approveGrant(bob.ctx(at(1)), filed.id, {});
    expect((await rejection(revokeGrant(audrey.ctx(at(2)), filed.id, { reason: "x" }))).code).toBe("FORBIDDEN");
    const other = await person(database.db, ["oncall"], "other-oncall");
    expect((await rejection(revokeGrant(other.ctx(at(2)), filed.id, { reason: "x" }))).details?.reason).toBe("NOT_PERMITTED");
    expect((await rejection(revokeGrant(oscar.ctx(at(2)), filed.id, { reason: "" }))).details?.reason).toBe("REASON_REQUIRED");
    expect(await revokeGrant(oscar.ctx(at(3)), filed.id, { reason: "handled without it" })).toEqual({ id: filed.id, state: "revoked" });
    await advanceGrants(system(at(30)));
    await advanceGrants(system(at(100)));
    const grant = await getGrant(audrey.ctx(), filed.id);
    expect(grant.state).toBe("revoked");
    expect(grant.revocation).toEqual({ by: oscar.id, at: at(3).toISOString(), comment: "handled without it" });
    expect(grant.timeline.map((e) => e.kind)).toEqual(["requested", "approval", "revoked"]);
    expect((await rejection(revokeGrant(bob.ctx(at(4)), filed.id, { reason: "again" }))).details?.reason).toBe("INVALID_TRANSITION");
  });

  it("shows reviewers the overlapping grants for the same operator and scope", async () => {
    const first = await requestGrant(oscar.ctx(), requestBody("agent:overlap", { scope: { surfaces: ["payments"], actions: ["refund", "transfer"] } }));
    await approveGrant(bob.ctx(at(1)), first.id, {});
    await requestGrant(oscar.ctx(), requestBody("agent:overlap", { scope: { surfaces: ["shell"], actions: ["refund"] } }));
    const second = await requestGrant(oscar.ctx(at(2)), requestBody("AGENT:overlap", { scope: { surfaces: ["payments"], actions: ["transfer"] } }));
    expect(second.overlapping).toEqual([{ id: first.id, state: "active", operator: "agent:overlap" }]);
    expect((await getGrant(carol.ctx(at(2)), second.id)).overlapping.map((g) => g.id)).toEqual([first.id]);
  });

  it("lists grants newest first, by state, keyset-paged", async () => {
    const active = await listGrants(audrey.ctx(), { state: "active,approved" });
    expect(active.items.length).toBeGreaterThan(0);
    expect(active.items.every((g) => g.state === "active" || g.state === "approved")).toBe(true);
    const page = await listGrants(audrey.ctx(), { limit: 2 });
    const next = await listGrants(audrey.ctx(), { limit: 2, cursor: page.nextCursor! });
    expect(next.items[0]!.id).not.toBe(page.items[1]!.id);
    expect((await rejection(listGrants(audrey.ctx(), { state: "bogus" }))).code).toBe("VALIDATION");
  });

  it("keeps the scheduler's steps to the system, and the audit chain intact", async () => {
    for (const who of [alice, oscar, audrey]) expect((await rejection(advanceGrants(who.ctx()))).code).toBe("FORBIDDEN");
    expect(await verifyAuditChain(bob.ctx())).toMatchObject({ ok: true });
  });
});
