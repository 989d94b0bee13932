import { describe, expect, it } from "vitest";
import { receiptFields } from "./receipt-fields";
import { testPayload } from "./test-keys.test-support";

describe("receiptFields", () => {
  it("maps a full payload to storage fields", () => {
    const payload = testPayload({ idempotency_key: "idem-1", override: { grant: "bg-7" } });
    expect(receiptFields(payload)).toEqual({
      iss: "gate-eu-1",
      id: "r-1",
      iat: payload.iat,
      surface: "payments",
      action: "transfer",
      actor: "agent:bot",
      target: "acct:1",
      decision: "DENY",
      policyId: "payments",
      policyVersion: "3",
      policyDigest: `sha256:${"0f".repeat(32)}`,
      idempotencyKey: "idem-1",
      overrideGrant: "bg-7",
    });
  });

  it("yields nulls for what a rejected payload lacks or gets wrong, without throwing", () => {
    const fields = receiptFields({ iss: "gate", id: 5, iat: 1.5, request: "x", decision: "ALLOW", policy: null, override: [] });
    expect(fields).toMatchObject({ iss: "gate", id: null, iat: null, surface: null, decision: "ALLOW", policyId: null, overrideGrant: null });
    expect(Object.values(receiptFields(undefined)).every((v) => v === null)).toBe(true);
    expect(receiptFields({ id: "x".repeat(10_000) }).id).toBeNull();
  });
});
