import { describe, expect, it } from "vitest";
import { HARD_MAX_DURATION_SECONDS, resolveGrantPolicy } from "./grant-policy";
import { validateGrantRequest } from "./grant-request";
import { HOUR, policy, requestInput, T0 } from "./testdata/grant-fixtures";

const codes = (result: ReturnType<typeof validateGrantRequest>) => (result.ok ? [] : result.error.issues.map((issue) => `${issue.path}:${issue.code}`));

describe("validateGrantRequest", () => {
  it("trims, deduplicates and collects the grantee's identities", () => {
    const result = validateGrantRequest(
      requestInput({ operator: " U-Carol ", operatorIdentities: ["carol@example.com", "u-carol"], scope: { surfaces: ["payments", "payments "], actions: ["refund"] }, ticket: "  " }),
      policy,
      T0,
    );
    expect(result.ok && result.value).toMatchObject({
      operator: "U-Carol",
      operatorIdentities: ["u-carol", "carol@example.com"],
      scope: { surfaces: ["payments"], actions: ["refund"] },
      ticket: null,
      startAt: null,
    });
  });

  it("requires a justification and a non-empty scope", () => {
    expect(codes(validateGrantRequest(requestInput({ justification: "   " }), policy, T0))).toEqual(["justification:JUSTIFICATION_REQUIRED"]);
    expect(codes(validateGrantRequest(requestInput({ scope: { surfaces: [], actions: ["refund"] } }), policy, T0))).toEqual(["scope.surfaces:SCOPE_EMPTY"]);
    expect(codes(validateGrantRequest(requestInput({ scope: { surfaces: ["payments"], actions: [] } }), policy, T0))).toEqual(["scope.actions:SCOPE_EMPTY"]);
  });

  it("allows the wildcard only when the policy does, and never as part of a name", () => {
    const wide = requestInput({ scope: { surfaces: ["*"], actions: ["read"] } });
    expect(codes(validateGrantRequest(wide, policy, T0))).toEqual(["scope.surfaces:WILDCARD_NOT_ALLOWED"]);
    expect(validateGrantRequest(wide, resolveGrantPolicy({ allowWildcards: true }), T0).ok).toBe(true);
    const partial = requestInput({ scope: { surfaces: ["pay*"], actions: ["read write"] } });
    expect(codes(validateGrantRequest(partial, resolveGrantPolicy({ allowWildcards: true }), T0))).toEqual(["scope.surfaces:SCOPE_INVALID", "scope.actions:SCOPE_INVALID"]);
  });

  it("caps the duration by policy and refuses nonsense durations", () => {
    expect(validateGrantRequest(requestInput({ durationSeconds: 4 * HOUR }), policy, T0).ok).toBe(true);
    expect(codes(validateGrantRequest(requestInput({ durationSeconds: 4 * HOUR + 1 }), policy, T0))).toEqual(["durationSeconds:DURATION_OVER_CAP"]);
    expect(codes(validateGrantRequest(requestInput({ durationSeconds: 30 }), policy, T0))).toEqual(["durationSeconds:DURATION_INVALID"]);
    expect(codes(validateGrantRequest(requestInput({ durationSeconds: 90.5 }), policy, T0))).toEqual(["durationSeconds:DURATION_INVALID"]);
    const day = resolveGrantPolicy({ maxDurationSeconds: HARD_MAX_DURATION_SECONDS });
    expect(validateGrantRequest(requestInput({ durationSeconds: HARD_MAX_DURATION_SECONDS }), day, T0).ok).toBe(true);
  });

  it("keeps a scheduled start between a small skew in the past and the scheduling horizon", () => {
    expect(validateGrantRequest(requestInput({ startAt: T0 + 3 * 86400 }), policy, T0).ok && true).toBe(true);
    expect(validateGrantRequest(requestInput({ startAt: T0 - 60 }), policy, T0)).toMatchObject({ ok: true, value: { startAt: null } });
    expect(codes(validateGrantRequest(requestInput({ startAt: T0 - 600 }), policy, T0))).toEqual(["startAt:START_IN_PAST"]);
    expect(codes(validateGrantRequest(requestInput({ startAt: T0 + 8 * 86400 }), policy, T0))).toEqual(["startAt:START_TOO_FAR"]);
  });

  it("reports every bad field at once, the first one giving the code", () => {
    const result = validateGrantRequest(requestInput({ operator: "", justification: "", durationSeconds: 10 * HOUR }), policy, T0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("INVALID_INPUT");
    expect(codes(result)).toEqual(["operator:INVALID_INPUT", "justification:JUSTIFICATION_REQUIRED", "durationSeconds:DURATION_OVER_CAP"]);
  });
});

describe("resolveGrantPolicy", () => {
  it("defaults to one approval, 4 h, 1 h pending, no wildcards", () => {
    expect(resolveGrantPolicy()).toEqual({ requiredApprovals: 1, maxDurationSeconds: 4 * HOUR, pendingTtlSeconds: HOUR, allowWildcards: false, maxScheduleAheadSeconds: 7 * 86400 });
  });

  it("refuses a cap above the 24 h hard ceiling and zero approvals", () => {
    expect(() => resolveGrantPolicy({ maxDurationSeconds: HARD_MAX_DURATION_SECONDS + 1 })).toThrow(TypeError);
    expect(() => resolveGrantPolicy({ requiredApprovals: 0 })).toThrow(TypeError);
  });
});
