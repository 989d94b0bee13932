import { describe, expect, it } from "vitest";
import { resolveGrantPolicy } from "./grant-policy";
import { applyGrantEvent, type GrantEvent } from "./grant-state";
import type { Grant, GrantActor, GrantState } from "./grant-types";
import { activeGrant, alice, auditor, bob, HOUR, oncall, oncall2, pendingGrant, policy, refusal, requestInput, step, system, T0 } from "./testdata/grant-fixtures";

const apply = (grant: Grant | null, event: GrantEvent, actor: GrantActor, now: number, p = policy) => applyGrantEvent(grant, event, { now, policy: p, actor });

describe("request", () => {
  it("opens a pending request that expires after the pending TTL", () => {
    const result = apply(null, { type: "request", id: "g-1", input: requestInput() }, oncall, T0);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.grant).toMatchObject({ id: "g-1", state: "pending", requestedAt: T0, requestExpiresAt: T0 + HOUR, requiredApprovals: 1, nbf: null, exp: null });
    expect(result.grant.requestedBy).toEqual({ id: "u-oncall", email: "oncall@example.com" });
    expect(result.entries).toEqual([{ kind: "requested", at: T0, actor: "u-oncall", note: requestInput().justification }]);
  });

  it("is open to admins and on-call, not to auditors", () => {
    expect(apply(null, { type: "request", id: "g", input: requestInput() }, alice, T0).ok).toBe(true);
    expect(refusal(apply(null, { type: "request", id: "g", input: requestInput() }, auditor, T0))).toBe("NOT_PERMITTED");
  });

  it("refuses a duration over the cap", () => {
    expect(refusal(apply(null, { type: "request", id: "g", input: requestInput({ durationSeconds: 4 * HOUR + 1 }) }, oncall, T0))).toBe("DURATION_OVER_CAP");
  });
});

describe("approval", () => {
  it("activates at once and counts the duration from approval, not from the request", () => {
    const result = apply(pendingGrant(), { type: "approve", comment: "go" }, alice, T0 + 1800);
    expect(result.ok && result.grant).toMatchObject({ state: "active", nbf: T0 + 1800, exp: T0 + 1800 + HOUR, activatedAt: T0 + 1800 });
    expect(result.ok && result.entries.map((e) => e.kind)).toEqual(["approval", "activated"]);
    expect(result.ok && result.grant.approvals).toEqual([{ by: "u-alice", email: "alice@example.com", at: T0 + 1800, comment: "go" }]);
  });

  it("keeps a grant with a future start approved until activation at nbf", () => {
    const scheduled = pendingGrant({ startAt: T0 + 2 * HOUR });
    const approved = step(scheduled, { type: "approve" }, alice, T0 + 60);
    expect(approved).toMatchObject({ state: "approved", nbf: T0 + 2 * HOUR, exp: T0 + 3 * HOUR, activatedAt: null });
    expect(refusal(apply(approved, { type: "activate" }, system, T0 + 2 * HOUR - 1))).toBe("NOT_YET_STARTED");
    expect(step(approved, { type: "activate" }, system, T0 + 2 * HOUR)).toMatchObject({ state: "active", activatedAt: T0 + 2 * HOUR });
  });

  it("starts late-approved scheduled grants at approval, with their full duration", () => {
    const scheduled = pendingGrant({ startAt: T0 + 600 });
    expect(step(scheduled, { type: "approve" }, alice, T0 + 900)).toMatchObject({ state: "active", nbf: T0 + 900, exp: T0 + 900 + HOUR });
  });

  it("needs N distinct admins when the policy asks for N", () => {
    const twoOfM = resolveGrantPolicy({ requiredApprovals: 2 });
    const pending = pendingGrant({}, twoOfM);
    const once = step(pending, { type: "approve" }, alice, T0 + 60, twoOfM);
    expect(once.state).toBe("pending");
    expect(refusal(apply(once, { type: "approve" }, alice, T0 + 61, twoOfM))).toBe("ALREADY_ACTED");
    const aliceAgain: GrantActor = { ...alice, id: "u-alice-2", email: "Alice@example.com" };
    expect(refusal(apply(once, { type: "approve" }, aliceAgain, T0 + 62, twoOfM))).toBe("ALREADY_ACTED");
    const twice = step(once, { type: "approve" }, bob, T0 + 120, twoOfM);
    expect(twice).toMatchObject({ state: "active", nbf: T0 + 120 });
    expect(twice.approvals.map((a) => a.by)).toEqual(["u-alice", "u-bob"]);
  });

  it("applies a stricter quorum configured after the request", () => {
    const stricter = resolveGrantPolicy({ requiredApprovals: 2 });
    expect(step(pendingGrant(), { type: "approve" }, alice, T0 + 60, stricter).state).toBe("pending");
  });

  it("refuses self-approval by the requester, even when the requester is an admin", () => {
    const byAdmin = step(null, { type: "request", id: "g", input: requestInput() }, alice, T0);
    expect(refusal(apply(byAdmin, { type: "approve" }, alice, T0 + 60))).toBe("SELF_APPROVAL");
    const sameEmail: GrantActor = { ...bob, id: "u-alice-admin", email: "ALICE@example.com" };
    expect(refusal(apply(byAdmin, { type: "approve" }, sameEmail, T0 + 60))).toBe("SELF_APPROVAL");
  });

  it("refuses approval by the grantee under any of their identities or roles", () => {
    const forCarol = pendingGrant({ operator: "u-carol", operatorIdentities: ["carol@example.com"] });
    const carolById: GrantActor = { id: "u-carol", email: null, roles: ["admin"], isAdminNow: true };
    const carolByEmail: GrantActor = { id: "u-carol-break-glass", email: " Carol@Example.com ", roles: ["admin", "oncall"], isAdminNow: true };
    expect(refusal(apply(forCarol, { type: "approve" }, carolById, T0 + 60))).toBe("SELF_APPROVAL");
    expect(refusal(apply(forCarol, { type: "approve" }, carolByEmail, T0 + 60))).toBe("SELF_APPROVAL");
    const forEmail = pendingGrant({ operator: "carol@example.com" });
    expect(refusal(apply(forEmail, { type: "approve" }, carolByEmail, T0 + 60))).toBe("SELF_APPROVAL");
  });

  it("refuses approval by a non-admin and by an admin whose role was removed since login", () => {
    expect(refusal(apply(pendingGrant(), { type: "approve" }, oncall2, T0 + 60))).toBe("NOT_ADMIN");
    expect(refusal(apply(pendingGrant(), { type: "approve" }, auditor, T0 + 60))).toBe("NOT_ADMIN");
    expect(refusal(apply(pendingGrant(), { type: "approve" }, { ...bob, isAdminNow: false }, T0 + 60))).toBe("NOT_ADMIN");
  });

  it("refuses approval once the request has expired", () => {
    expect(refusal(apply(pendingGrant(), { type: "approve" }, alice, T0 + HOUR))).toBe("REQUEST_EXPIRED");
    expect(apply(pendingGrant(), { type: "approve" }, alice, T0 + HOUR - 1).ok).toBe(true);
  });

  it("re-checks the duration cap and the wildcard rule in force at approval", () => {
    const lowered = resolveGrantPolicy({ maxDurationSeconds: 1800 });
    expect(refusal(apply(pendingGrant(), { type: "approve" }, alice, T0 + 60, lowered))).toBe("DURATION_OVER_CAP");
    const open = resolveGrantPolicy({ allowWildcards: true });
    const wide = pendingGrant({ scope: { surfaces: ["*"], actions: ["read"] } }, open);
    expect(refusal(apply(wide, { type: "approve" }, alice, T0 + 60, policy))).toBe("WILDCARD_NOT_ALLOWED");
    expect(apply(wide, { type: "approve" }, alice, T0 + 60, open).ok).toBe(true);
  });
});

describe("denial", () => {
  it("needs a comment and ends the request", () => {
    expect(refusal(apply(pendingGrant(), { type: "deny", comment: "  " }, alice, T0 + 60))).toBe("COMMENT_REQUIRED");
    const denied = step(pendingGrant(), { type: "deny", comment: "use the runbook instead" }, alice, T0 + 60);
    expect(denied).toMatchObject({ state: "denied", denial: { by: "u-alice", at: T0 + 60, comment: "use the runbook instead" } });
  });

  it("follows the reviewer rules of approval", () => {
    expect(refusal(apply(pendingGrant(), { type: "deny", comment: "no" }, oncall, T0 + 60))).toBe("NOT_ADMIN");
    const byAdmin = step(null, { type: "request", id: "g", input: requestInput() }, alice, T0);
    expect(refusal(apply(byAdmin, { type: "deny", comment: "no" }, alice, T0 + 60))).toBe("SELF_APPROVAL");
    expect(refusal(apply(pendingGrant(), { type: "deny", comment: "no" }, alice, T0 + HOUR))).toBe("REQUEST_EXPIRED");
    const twoOfM = resolveGrantPolicy({ requiredApprovals: 2 });
    const once = step(pendingGrant({}, twoOfM), { type: "approve" }, alice, T0 + 60, twoOfM);
    expect(refusal(apply(once, { type: "deny", comment: "changed my mind" }, alice, T0 + 90, twoOfM))).toBe("ALREADY_ACTED");
  });
});

describe("revocation", () => {
  it("is open to any admin and to the requester, with a reason", () => {
    expect(step(activeGrant(), { type: "revoke", reason: "incident closed" }, bob, T0 + 600)).toMatchObject({
      state: "revoked",
      revocation: { by: "u-bob", at: T0 + 600, comment: "incident closed" },
    });
    expect(step(activeGrant(), { type: "revoke", reason: "done" }, oncall, T0 + 600).state).toBe("revoked");
    expect(refusal(apply(activeGrant(), { type: "revoke", reason: "" }, bob, T0 + 600))).toBe("REASON_REQUIRED");
  });

  it("is refused to other users, including the grantee", () => {
    expect(refusal(apply(activeGrant(), { type: "revoke", reason: "x" }, oncall2, T0 + 600))).toBe("NOT_PERMITTED");
    const forCarol = step(pendingGrant({ operator: "u-carol" }), { type: "approve" }, alice, T0 + 60);
    const carol: GrantActor = { id: "u-carol", roles: ["oncall"], isAdminNow: false };
    expect(refusal(apply(forCarol, { type: "revoke", reason: "x" }, carol, T0 + 600))).toBe("NOT_PERMITTED");
  });

  it("means the grant never becomes active again", () => {
    const scheduled = step(pendingGrant({ startAt: T0 + 2 * HOUR }), { type: "approve" }, alice, T0 + 60);
    const revoked = step(scheduled, { type: "revoke", reason: "not needed" }, bob, T0 + 120);
    expect(refusal(apply(revoked, { type: "activate" }, system, T0 + 2 * HOUR))).toBe("INVALID_TRANSITION");
    expect(refusal(apply(revoked, { type: "approve" }, bob, T0 + 200))).toBe("INVALID_TRANSITION");
    expect(refusal(apply(revoked, { type: "approve" }, alice, T0 + 200))).toBe("ALREADY_ACTED");
    expect(refusal(apply(revoked, { type: "expire" }, system, T0 + 4 * HOUR))).toBe("INVALID_TRANSITION");
  });
});

describe("expiry", () => {
  it("expires an active grant at exp and records exp even when the scheduler runs late", () => {
    const active = activeGrant();
    expect(refusal(apply(active, { type: "expire" }, system, active.exp! - 1))).toBe("NOT_DUE");
    const result = apply(active, { type: "expire" }, system, active.exp! + 90);
    expect(result.ok && result.grant).toMatchObject({ state: "expired", expiredAt: active.exp });
    expect(result.ok && result.entries).toEqual([{ kind: "expired", at: active.exp, actor: "system", note: null }]);
  });

  it("never reactivates an expired grant, nor activates an approved grant whose window passed", () => {
    const scheduled = step(pendingGrant({ startAt: T0 + 2 * HOUR }), { type: "approve" }, alice, T0 + 60);
    expect(refusal(apply(scheduled, { type: "activate" }, system, T0 + 3 * HOUR))).toBe("GRANT_EXPIRED");
    const expired = step(scheduled, { type: "expire" }, system, T0 + 3 * HOUR);
    expect(expired.state).toBe("expired");
    expect(refusal(apply(expired, { type: "activate" }, system, T0 + 3 * HOUR))).toBe("INVALID_TRANSITION");
    expect(refusal(apply(expired, { type: "revoke", reason: "late" }, bob, T0 + 3 * HOUR))).toBe("INVALID_TRANSITION");
  });

  it("expires undecided requests at their deadline, after which approval is refused", () => {
    const pending = pendingGrant();
    expect(refusal(apply(pending, { type: "expire_request" }, system, T0 + HOUR - 1))).toBe("NOT_DUE");
    const lapsed = step(pending, { type: "expire_request" }, system, T0 + HOUR + 5);
    expect(lapsed.state).toBe("request_expired");
    expect(refusal(apply(lapsed, { type: "approve" }, alice, T0 + HOUR + 6))).toBe("REQUEST_EXPIRED");
    expect(refusal(apply(lapsed, { type: "activate" }, system, T0 + HOUR + 6))).toBe("INVALID_TRANSITION");
  });
});

describe("use", () => {
  it("is recorded in every state and flagged when it breaks the grant", () => {
    const active = activeGrant();
    const fine = apply(active, { type: "use", use: { at: T0 + 120, surface: "payments", action: "refund", receiptId: "r-1" } }, system, T0 + 130);
    expect(fine.ok && fine.grant).toMatchObject({ useCount: 1, lastUsedAt: T0 + 120 });
    expect(fine.ok && fine.entries[0]?.use?.violations).toEqual([]);
    const wrong = apply(active, { type: "use", use: { at: T0 + 120, surface: "ledger", action: "delete" } }, system, T0 + 130);
    expect(wrong.ok && wrong.entries[0]?.use?.violations).toEqual(["out_of_scope"]);
    const early = apply(pendingGrant(), { type: "use", use: { at: T0 + 30, surface: "payments", action: "refund" } }, system, T0 + 30);
    expect(early.ok && early.entries[0]?.use?.violations).toEqual(["not_active"]);
  });
});

describe("every event in every state", () => {
  // The grant in each state, built through the machine itself.
  const states: Record<GrantState, () => Grant> = {
    pending: () => pendingGrant(),
    approved: () => step(pendingGrant({ startAt: T0 + 2 * HOUR }), { type: "approve" }, alice, T0 + 60),
    active: activeGrant,
    denied: () => step(pendingGrant(), { type: "deny", comment: "no" }, alice, T0 + 60),
    expired: () => step(activeGrant(), { type: "expire" }, system, T0 + 60 + HOUR),
    revoked: () => step(activeGrant(), { type: "revoke", reason: "done" }, alice, T0 + 120),
    request_expired: () => step(pendingGrant(), { type: "expire_request" }, system, T0 + HOUR),
  };
  const events: [string, GrantEvent, GrantActor, number][] = [
    ["approve", { type: "approve" }, bob, T0 + 600],
    ["deny", { type: "deny", comment: "no" }, bob, T0 + 600],
    ["activate", { type: "activate" }, system, T0 + 2 * HOUR],
    ["revoke", { type: "revoke", reason: "stop" }, bob, T0 + 600],
    ["expire", { type: "expire" }, system, T0 + 10 * HOUR],
    ["expire_request", { type: "expire_request" }, system, T0 + 10 * HOUR],
  ];
  // Resulting state, or the refusal code.
  const expected: Record<GrantState, Record<string, string>> = {
    pending: { approve: "active", deny: "denied", activate: "INVALID_TRANSITION", revoke: "revoked", expire: "INVALID_TRANSITION", expire_request: "request_expired" },
    approved: { approve: "INVALID_TRANSITION", deny: "INVALID_TRANSITION", activate: "active", revoke: "revoked", expire: "expired", expire_request: "INVALID_TRANSITION" },
    active: { approve: "INVALID_TRANSITION", deny: "INVALID_TRANSITION", activate: "INVALID_TRANSITION", revoke: "revoked", expire: "expired", expire_request: "INVALID_TRANSITION" },
    denied: { approve: "INVALID_TRANSITION", deny: "INVALID_TRANSITION", activate: "INVALID_TRANSITION", revoke: "INVALID_TRANSITION", expire: "INVALID_TRANSITION", expire_request: "INVALID_TRANSITION" },
    expired: { approve: "INVALID_TRANSITION", deny: "INVALID_TRANSITION", activate: "INVALID_TRANSITION", revoke: "INVALID_TRANSITION", expire: "INVALID_TRANSITION", expire_request: "INVALID_TRANSITION" },
    revoked: { approve: "INVALID_TRANSITION", deny: "INVALID_TRANSITION", activate: "INVALID_TRANSITION", revoke: "INVALID_TRANSITION", expire: "INVALID_TRANSITION", expire_request: "INVALID_TRANSITION" },
    request_expired: { approve: "REQUEST_EXPIRED", deny: "REQUEST_EXPIRED", activate: "INVALID_TRANSITION", revoke: "INVALID_TRANSITION", expire: "INVALID_TRANSITION", expire_request: "INVALID_TRANSITION" },
  };
  for (const [state, build] of Object.entries(states) as [GrantState, () => Grant][]) {
    for (const [name, event, actor, now] of events) {
      it(`${state} + ${name} → ${expected[state][name]}`, () => {
        const grant = build();
        expect(grant.state).toBe(state);
        const result = apply(grant, event, actor, now);
        expect(result.ok ? result.grant.state : result.error.code).toBe(expected[state][name]);
      });
    }
  }
});

describe("programmer errors", () => {
  it("throw TypeError", () => {
    expect(() => apply(pendingGrant(), { type: "request", id: "g", input: requestInput() }, oncall, T0)).toThrow(TypeError);
    expect(() => apply(null, { type: "approve" }, alice, T0)).toThrow(TypeError);
    expect(() => apply(pendingGrant(), { type: "approve" }, alice, T0 + 0.5)).toThrow(TypeError);
  });
});
