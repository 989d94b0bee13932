import { describe, expect, it } from "vitest";
import { classifyGrantUse, type GrantUseSubject } from "./grant-use";
import { T0 } from "./testdata/grant-fixtures";

const grant: GrantUseSubject = { state: "active", nbf: T0, exp: T0 + 3600, revokedAt: null, scope: { surfaces: ["payments"], actions: ["refund"] } };
const use = (at: number, surface = "payments", action = "refund") => ({ at, surface, action });

describe("classifyGrantUse", () => {
  it("accepts a use inside the window and the scope", () => {
    expect(classifyGrantUse(grant, use(T0))).toEqual({ ok: true });
    expect(classifyGrantUse(grant, use(T0 + 3599))).toEqual({ ok: true });
  });

  it("flags a use before nbf or at and after exp", () => {
    expect(classifyGrantUse(grant, use(T0 - 1))).toEqual({ ok: false, violations: ["outside_window"] });
    expect(classifyGrantUse(grant, use(T0 + 3600))).toEqual({ ok: false, violations: ["outside_window"] });
  });

  it("flags a surface or action the grant does not name, exactly matched", () => {
    expect(classifyGrantUse(grant, use(T0 + 10, "payments-eu"))).toEqual({ ok: false, violations: ["out_of_scope"] });
    expect(classifyGrantUse(grant, use(T0 + 10, "payments", "transfer"))).toEqual({ ok: false, violations: ["out_of_scope"] });
    expect(classifyGrantUse(grant, use(T0 + 10, "Payments"))).toEqual({ ok: false, violations: ["out_of_scope"] });
  });

  it("honours * only where the grant's scope has it", () => {
    const wide = { ...grant, scope: { surfaces: ["*"], actions: ["refund"] } };
    expect(classifyGrantUse(wide, use(T0 + 10, "ledger"))).toEqual({ ok: true });
    expect(classifyGrantUse(wide, use(T0 + 10, "ledger", "delete"))).toEqual({ ok: false, violations: ["out_of_scope"] });
    expect(classifyGrantUse(grant, use(T0 + 10, "*", "*"))).toEqual({ ok: false, violations: ["out_of_scope"] });
  });

  it("flags uses at or after revocation, but not uses made before it", () => {
    const revoked = { ...grant, state: "revoked" as const, revokedAt: T0 + 600 };
    expect(classifyGrantUse(revoked, use(T0 + 599))).toEqual({ ok: true });
    expect(classifyGrantUse(revoked, use(T0 + 600))).toEqual({ ok: false, violations: ["revoked"] });
  });

  it("flags any use of a grant that was never approved, listing every violation", () => {
    const pending: GrantUseSubject = { ...grant, state: "pending", nbf: null, exp: null };
    expect(classifyGrantUse(pending, use(T0 + 10, "ledger"))).toEqual({ ok: false, violations: ["not_active", "out_of_scope"] });
  });
});
