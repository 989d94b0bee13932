import { describe, expect, it } from "vitest";
import { MAX_NAME_LENGTH } from "./limits";
import { checkPayloadSchema } from "./payload-schema";
import { testPayload } from "./test-keys.test-support";

describe("checkPayloadSchema (profile step 8)", () => {
  it("accepts the design's example shape and keeps unknown members at every level", () => {
    const payload = testPayload({
      idempotency_key: "idem-1",
      override: { grant: "bg-1", approved_by: "alice" },
      request: { actor: "a", surface: "s", action: "x", target: "t", context: { amount: 5 }, extra: true },
      gate_build: "abc",
    });
    const result = checkPayloadSchema(payload);
    expect(result).toEqual({ ok: true, payload });
  });

  it.each([
    ["v is 2", { v: 2 }, "v"],
    ["v is \"1\"", { v: "1" }, "v"],
    ["id is empty", { id: "" }, "id"],
    ["iss is too long", { iss: "g".repeat(MAX_NAME_LENGTH + 1) }, "iss"],
    ["iat is negative", { iat: -1 }, "iat"],
    ["iat is a float", { iat: 1.5 }, "iat"],
    ["iat is beyond 2^53", { iat: 2 ** 53 }, "iat"],
    ["decision is ALLOW", { decision: "ALLOW" }, "decision"],
    ["reason is missing", { reason: undefined }, "reason"],
    ["request is missing", { request: undefined }, "request"],
    ["request.context is an array", { request: { actor: "a", surface: "s", action: "x", target: "t", context: [] } }, "request.context"],
    ["policy.digest is short", { policy: { id: "p", version: "1", digest: "sha256:abc" } }, "policy.digest"],
    ["idempotency_key is a number", { idempotency_key: 5 }, "idempotency_key"],
    ["override.grant is missing", { override: {} }, "override.grant"],
  ])("rejects a payload where %s", (_name, over, path) => {
    const result = checkPayloadSchema(testPayload(over));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(`${path}:`);
  });

  it("names several bad fields at once", () => {
    const result = checkPayloadSchema(testPayload({ v: 3, decision: "MAYBE" }));
    expect(!result.ok && result.message).toMatch(/v:.*; decision:/);
  });
});
