import { describe, expect, it } from "vitest";
import { grantWindow, overlaps } from "./grant-overlap";
import type { Grant } from "./grant-types";
import { activeGrant, alice, HOUR, oncall, policy, requestInput, step, system, T0 } from "./testdata/grant-fixtures";
import type { GrantRequestInput } from "./grant-request";

function request(id: string, at: number, overrides: Partial<GrantRequestInput> = {}): Grant {
  return step(null, { type: "request", id, input: requestInput(overrides) }, oncall, at, policy);
}

describe("grantWindow", () => {
  it("is [nbf, exp) once approved, cut short by revocation", () => {
    const active = activeGrant();
    expect(grantWindow(active)).toEqual({ start: T0 + 60, end: T0 + 60 + HOUR });
    const revoked = step(active, { type: "revoke", reason: "done" }, alice, T0 + 600);
    expect(grantWindow(revoked)).toEqual({ start: T0 + 60, end: T0 + 600 });
  });

  it("bounds a pending request by the latest approval it could still get", () => {
    expect(grantWindow(request("p", T0))).toEqual({ start: T0, end: T0 + HOUR + HOUR });
    expect(grantWindow(request("s", T0, { startAt: T0 + 5 * HOUR }))).toEqual({ start: T0 + 5 * HOUR, end: T0 + 6 * HOUR });
  });

  it("is null for requests that lapsed or were denied", () => {
    expect(grantWindow(step(request("p", T0), { type: "expire_request" }, system, T0 + HOUR))).toBeNull();
    expect(grantWindow(step(request("p", T0), { type: "deny", comment: "no" }, alice, T0 + 1))).toBeNull();
  });
});

describe("overlaps", () => {
  it("finds a pending request for the same operator and scope while a grant is active", () => {
    expect(overlaps(activeGrant(), request("g-2", T0 + 300, { scope: { surfaces: ["payments"], actions: ["refund"] } }))).toBe(true);
  });

  it("matches the operator under any of its identities", () => {
    const a = request("a", T0, { operator: "u-carol", operatorIdentities: ["carol@example.com"] });
    const b = request("b", T0, { operator: "Carol@Example.com" });
    expect(overlaps(a, b)).toBe(true);
  });

  it("ignores other operators, disjoint scopes, disjoint times and the grant itself", () => {
    const active = activeGrant();
    expect(overlaps(active, request("o", T0, { operator: "agent:other" }))).toBe(false);
    expect(overlaps(active, request("s", T0, { scope: { surfaces: ["payments"], actions: ["read"] } }))).toBe(false);
    expect(overlaps(active, request("t", T0, { startAt: T0 + 3 * HOUR }))).toBe(false);
    expect(overlaps(active, active)).toBe(false);
  });

  it("treats * as intersecting every name", () => {
    const open = { ...policy, allowWildcards: true };
    const wide = step(null, { type: "request", id: "w", input: requestInput({ scope: { surfaces: ["*"], actions: ["*"] } }) }, oncall, T0, open);
    expect(overlaps(activeGrant(), wide)).toBe(true);
  });
});
