import { describe, expect, it } from "vitest";
import { decodeExportLogsRequest } from "./decode";
import { normalizeLogsRequest } from "./normalize";
import { CLAUDE_CODE_RESOURCE, claudeCodeToolDecision, jsonPayload, protobufPayload, sdkLogRecords } from "./testing/sdk-records";

const RECEIVED_AT = Date.UTC(2026, 10, 22, 12, 0, 0);
const ENCODINGS = [
  ["application/x-protobuf", protobufPayload],
  ["application/json", jsonPayload],
] as const;

async function claudeCodeBatch() {
  return sdkLogRecords(CLAUDE_CODE_RESOURCE, [
    claudeCodeToolDecision(1, "accept", "config"),
    claudeCodeToolDecision(2, "reject", "user_reject", "Write"),
    claudeCodeToolDecision(3, "accept", "user_permanent", "mcp__github__create_issue"),
    { body: "claude_code.tool_result", attributes: { "event.name": "tool_result", tool_name: "Bash", success: "true" }, timestamp: [1795183240, 0] },
    { body: "claude_code.api_request", attributes: { "event.name": "api_request", model: "claude-sonnet-4-6", cost_usd: 0.0123 }, timestamp: [1795183241, 0] },
  ]);
}

describe.each(ENCODINGS)("real exporter payloads (%s)", (contentType, serialize) => {
  it("decodes Claude Code tool_decision records into decision rows", async () => {
    const result = normalizeLogsRequest(decodeExportLogsRequest(serialize(await claudeCodeBatch()), contentType), { receivedAt: RECEIVED_AT });

    expect(result).toMatchObject({ recordCount: 5, heartbeats: 0, otherEvents: 2, rejectedCount: 0, errorMessage: "" });
    expect(result.decisions.map((d) => [d.surface, d.outcome, d.decision, d.decisionSource])).toEqual([
      ["Bash", "PERMIT", "accept", "config"],
      ["Write", "DENY", "reject", "user_reject"],
      ["mcp__github__create_issue", "PERMIT", "accept", "user_permanent"],
    ]);
    expect(result.decisions[0]).toMatchObject({
      eventName: "claude_code.tool_decision",
      sessionId: "0b7c3a52-6e1f-4f0e-9c55-3f7d0a1e9b21",
      promptId: "f3c1d5a0-94a7-4a5e-bb86-1c2d3e4f5a6b",
      toolUseId: "toolu_011",
      actor: "dev@example.com",
      userEmail: "dev@example.com",
      userAccountUuid: "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      organizationId: "1e2d3c4b-5a69-4788-9aab-bccddeeff001",
      serviceName: "claude-code",
      gateId: "claude-code",
      eventSequence: 1,
      timeUnixNano: "1795183238123456789",
      timeMs: 1795183238123,
      timeSource: "time",
      observedTimeUnixNano: "1795183238223456789",
      scopeName: "com.anthropic.claude_code.events",
      scopeVersion: "2.1.0",
    });
    expect(result.decisions[0]?.resourceAttributes).toEqual(CLAUDE_CODE_RESOURCE);
    expect(result.decisions[0]?.attributes["terminal.type"]).toBe("vscode");
  });

  it("gives a retried batch the same fingerprints, and distinct records distinct ones", async () => {
    const records = await claudeCodeBatch();
    const first = normalizeLogsRequest(decodeExportLogsRequest(serialize(records), contentType), { receivedAt: RECEIVED_AT });
    const retry = normalizeLogsRequest(decodeExportLogsRequest(serialize(records), contentType), { receivedAt: RECEIVED_AT + 5_000 });

    const fingerprints = first.decisions.map((d) => d.fingerprint);
    expect(retry.decisions.map((d) => d.fingerprint)).toEqual(fingerprints);
    expect(new Set(fingerprints).size).toBe(3);
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads eventName, severity, trace context and every attribute type the SDK sends", async () => {
    const records = await sdkLogRecords({ "service.name": "payments-gate", "service.instance.id": "gate-eu-1" }, [
      {
        eventName: "gate.decision",
        severityNumber: 9,
        severityText: "INFO",
        body: { reason: "rule:payments.transfer.deny_over_limit", amounts: [100, 2.5], nested: { ok: false } },
        attributes: { surface: "payments", decision: "DENY", source: "hook", count: 3, ratio: 0.25, flag: true, tags: ["a", "b"] },
        timestamp: [1795183237, 1],
      },
    ]);
    const [row] = normalizeLogsRequest(decodeExportLogsRequest(serialize(records), contentType), { receivedAt: RECEIVED_AT }).decisions;

    expect(row).toMatchObject({ eventName: "gate.decision", surface: "payments", outcome: "DENY", gateId: "gate-eu-1", severityNumber: 9, severityText: "INFO" });
    expect(row?.timeUnixNano).toBe("1795183237000000001");
    expect(row?.body).toEqual({ reason: "rule:payments.transfer.deny_over_limit", amounts: [100, 2.5], nested: { ok: false } });
    expect(row?.attributes).toEqual({ surface: "payments", decision: "DENY", source: "hook", count: 3, ratio: 0.25, flag: true, tags: ["a", "b"] });
  });
});

describe("protobuf and JSON of the same records", () => {
  it("decode to the same rows and the same fingerprints", async () => {
    const records = await claudeCodeBatch();
    const fromProtobuf = normalizeLogsRequest(decodeExportLogsRequest(protobufPayload(records), "application/x-protobuf"), { receivedAt: RECEIVED_AT });
    const fromJson = normalizeLogsRequest(decodeExportLogsRequest(jsonPayload(records), "application/json"), { receivedAt: RECEIVED_AT });

    expect(fromJson.decisions).toEqual(fromProtobuf.decisions);
  });
});
