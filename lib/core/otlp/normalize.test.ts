import { hash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeExportLogsRequest } from "./decode";
import { mergedAttributes } from "./decision-row";
import { MAX_FIELD_LENGTH } from "./limits";
import { normalizeLogsRequest } from "./normalize";
import { ExportLogsServiceRequest } from "./schema";

const RECEIVED_AT = new Date("2026-11-22T12:00:00.000Z");

type Attr = [string, string | number | boolean];
const kv = ([key, v]: Attr) => ({
  key,
  value: typeof v === "string" ? { stringValue: v } : typeof v === "boolean" ? { boolValue: v } : { intValue: String(v) },
});

interface RecordSpec {
  attrs?: Attr[];
  eventName?: string;
  body?: string;
  time?: string;
  observed?: string;
}

const toRecord = (r: RecordSpec) => ({
  ...(r.time ? { timeUnixNano: r.time } : {}),
  ...(r.observed ? { observedTimeUnixNano: r.observed } : {}),
  ...(r.eventName ? { eventName: r.eventName } : {}),
  ...(r.body ? { body: { stringValue: r.body } } : {}),
  attributes: (r.attrs ?? []).map(kv),
});

/** Normalizes one OTLP/JSON request with the given resource attributes and records. */
function normalize(resource: Attr[], records: RecordSpec[]) {
  const body = { resourceLogs: [{ resource: { attributes: resource.map(kv) }, scopeLogs: [{ scope: { name: "gate" }, logRecords: records.map(toRecord) }] }] };
  const request = decodeExportLogsRequest(new TextEncoder().encode(JSON.stringify(body)), "application/json");
  return normalizeLogsRequest(request, { receivedAt: RECEIVED_AT });
}

/** The same request in protobufjs object form (proto field names), for encoding as protobuf. */
function protoForm(json: unknown): Record<string, unknown> {
  const renamed = JSON.stringify(json)
    .replace(/"(resourceLogs|scopeLogs|logRecords|timeUnixNano|eventName|stringValue|intValue|boolValue)"/g, (_m, name: string) => `"${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`);
  return JSON.parse(renamed) as Record<string, unknown>;
}

const decision = (surface: string, value: string, extra: Attr[] = []): RecordSpec => ({
  eventName: "gate.decision",
  time: "1795183237000000000",
  attrs: [["surface", surface], ["decision", value], ...extra],
});

const oneDecisionJson = {
  resourceLogs: [{ scopeLogs: [{ logRecords: [{ eventName: "gate.decision", attributes: [kv(["surface", "s"]), kv(["decision", "DENY"])] }] }] }],
};

describe("which records are decisions", () => {
  it.each<[string, RecordSpec]>([
    ["the event_name field", { eventName: "codex.tool_decision" }],
    ["a string body", { body: "claude_code.tool_decision" }],
    ["the event.name attribute", { attrs: [["event.name", "tool_decision"]] }],
  ])("recognizes a decision by %s", (_label, spec) => {
    const result = normalize([], [{ ...spec, attrs: [...(spec.attrs ?? []), ["tool_name", "Bash"], ["decision", "accept"]] }]);
    expect(result.decisions).toHaveLength(1);
  });

  it("counts heartbeats and other events without storing them", () => {
    const result = normalize(
      [],
      [{ eventName: "gate.heartbeat" }, { body: "claude_code.tool_result", attrs: [["event.name", "tool_result"]] }, { body: "free text log line" }, decision("payments", "PERMIT")],
    );
    expect(result).toMatchObject({ recordCount: 4, heartbeats: 1, otherEvents: 2, rejectedCount: 0 });
    expect(result.decisions).toHaveLength(1);
  });
});

describe("outcomes", () => {
  it.each([
    ["accept", "PERMIT"],
    ["reject", "DENY"],
    ["PERMIT", "PERMIT"],
    ["deny", "DENY"],
    ["Silence", "SILENCE"],
    ["timeout", "SILENCE"],
    ["timed_out", "SILENCE"],
    ["EXPIRED", "SILENCE"],
    ["allow", "PERMIT"],
    ["approved_for_session", "PERMIT"],
    ["denied", "DENY"],
    ["abort", "DENY"],
  ])("maps decision %s to %s", (value, outcome) => {
    expect(normalize([], [decision("s", value)]).decisions[0]?.outcome).toBe(outcome);
  });

  it("rejects records without surface or decision, or with an unknown decision, and says why", () => {
    const result = normalize(
      [],
      [
        { eventName: "gate.decision", attrs: [["surface", "payments"]] },
        { eventName: "gate.decision", attrs: [["surface", "payments"], ["decision", ""]] },
        decision("payments", "maybe"),
        { eventName: "gate.decision", attrs: [["decision", "PERMIT"]] },
        decision("payments", "ask"),
        decision("payments", "PERMIT"),
      ],
    );
    expect(result.decisions).toHaveLength(1);
    expect(result.rejected).toEqual([
      { recordIndex: 0, code: "missing_decision", detail: null },
      { recordIndex: 1, code: "missing_decision", detail: null },
      { recordIndex: 2, code: "unknown_decision", detail: "maybe" },
      { recordIndex: 3, code: "missing_surface", detail: null },
      { recordIndex: 4, code: "unknown_decision", detail: "ask" },
    ]);
    expect(result.rejectedCount).toBe(5);
    expect(result.errorMessage).toBe(
      "5 log records rejected: 2 missing decision, 2 unknown decision ('maybe', 'ask'), 1 missing surface (no surface or tool_name attribute)",
    );
  });

  it("rejects a record whose attributes repeat a key, and an overlong surface", () => {
    const result = normalize(
      [],
      [decision("payments", "PERMIT", [["decision", "DENY"]]), decision("x".repeat(MAX_FIELD_LENGTH + 1), "PERMIT")],
    );
    expect(result.rejected.map((r) => [r.code, r.detail])).toEqual([
      ["duplicate_attribute", "decision"],
      ["field_too_long", `${"x".repeat(40)}…`],
    ]);
  });

  it("keeps control characters out of the error message", () => {
    expect(normalize([], [decision("s", "may\nbe\u0007")]).errorMessage).toBe("1 log record rejected: 1 unknown decision 'may?be?'");
  });
});

describe("fields", () => {
  it("prefers surface over tool_name, and record attributes over resource attributes", () => {
    const [row] = normalize(
      [["service.name", "gate-svc"], ["session.id", "from-resource"], ["surface", "resource-surface"]],
      [decision("payments", "PERMIT", [["tool_name", "Bash"], ["session.id", "from-record"]])],
    ).decisions;
    expect(row).toMatchObject({ surface: "payments", toolName: "Bash", sessionId: "from-record", serviceName: "gate-svc" });
    expect(row?.resourceAttributes["session.id"]).toBe("from-resource");
    expect(mergedAttributes(row!)["session.id"]).toBe("from-record");
  });

  it("takes actor from actor, else user.email, else user.account_uuid, else user.id", () => {
    const actorOf = (attrs: Attr[]) => normalize([], [decision("s", "PERMIT", attrs)]).decisions[0]?.actor;
    expect(actorOf([["actor", "agent:billing-bot"], ["user.email", "a@x"]])).toBe("agent:billing-bot");
    expect(actorOf([["user.email", "a@x"], ["user.account_uuid", "u-1"], ["user.id", "dev-1"]])).toBe("a@x");
    expect(actorOf([["user.account_uuid", "u-1"], ["user.id", "dev-1"]])).toBe("u-1");
    expect(actorOf([["user.id", "dev-1"]])).toBe("dev-1");
    expect(actorOf([])).toBeNull();
  });

  it("takes the gate id from gate.id, else service.instance.id, else service.name", () => {
    const gateOf = (resource: Attr[]) => normalize(resource, [decision("s", "PERMIT")]).decisions[0]?.gateId;
    expect(gateOf([["gate.id", "g1"], ["service.instance.id", "i1"], ["service.name", "svc"]])).toBe("g1");
    expect(gateOf([["service.instance.id", "i1"], ["service.name", "svc"]])).toBe("i1");
    expect(gateOf([["service.name", "svc"]])).toBe("svc");
    expect(gateOf([])).toBeNull();
  });

  it("reads source or decision_source, tool_use_id or call_id, and event.sequence", () => {
    const [a, b] = normalize(
      [],
      [
        decision("s", "PERMIT", [["source", "hook"], ["tool_use_id", "toolu_1"], ["event.sequence", 41]]),
        decision("s", "DENY", [["decision_source", "config"], ["call_id", "call_9"], ["event.sequence", "42"]]),
      ],
    ).decisions;
    expect([a?.decisionSource, a?.toolUseId, a?.eventSequence]).toEqual(["hook", "toolu_1", 41]);
    expect([b?.decisionSource, b?.toolUseId, b?.eventSequence]).toEqual(["config", "call_9", 42]);
  });
});

describe("time", () => {
  const timeOf = (spec: Partial<RecordSpec>) => {
    const [row] = normalize([], [{ ...decision("s", "PERMIT"), time: undefined, ...spec }]).decisions;
    return [row?.timeUnixNano, row?.timeMs, row?.timeSource];
  };

  it("uses timeUnixNano, else observedTimeUnixNano, else event.timestamp, else the receive time", () => {
    expect(timeOf({ time: "1795183237123456789", observed: "1795183299000000000" })).toEqual(["1795183237123456789", 1795183237123, "time"]);
    expect(timeOf({ observed: "1795183299000000001" })).toEqual(["1795183299000000001", 1795183299000, "observed"]);
    const withTimestamp = { attrs: [["surface", "s"], ["decision", "PERMIT"], ["event.timestamp", "2026-11-22T10:15:30.123456789Z"]] as Attr[] };
    expect(timeOf(withTimestamp)).toEqual(["1795342530123456789", 1795342530123, "event.timestamp"]);
    expect(timeOf({})).toEqual(["1795348800000000000", RECEIVED_AT.getTime(), "received"]);
  });

  it("keeps the largest uint64 time exact; a Date can hold it", () => {
    const [row] = normalize([], [{ ...decision("s", "PERMIT"), time: "18446744073709551615" }]).decisions;
    expect(row?.timeUnixNano).toBe("18446744073709551615");
    expect(new Date(row?.timeMs ?? Number.NaN).toISOString()).toBe("2554-07-21T23:34:33.709Z");
  });

  it("reports the latest record time per gate, heartbeats included, never after the receive time", () => {
    const result = normalize([["service.name", "g"]], [decision("s", "PERMIT"), { eventName: "gate.heartbeat", time: "1795183240000000000" }]);
    expect(result.gates).toEqual([{ gateId: "g", lastSeenMs: 1795183240000 }]);
    const ahead = normalize([["service.name", "g"]], [{ eventName: "gate.heartbeat", time: "1895183240000000000" }]);
    expect(ahead.gates).toEqual([{ gateId: "g", lastSeenMs: RECEIVED_AT.getTime() }]);
  });
});

describe("idempotency", () => {
  it("accepts two identical records in one request once, counting the duplicate", () => {
    const result = normalize([], [decision("s", "PERMIT"), decision("s", "PERMIT"), decision("s", "DENY")]);
    expect(result.decisions.map((d) => d.outcome)).toEqual(["PERMIT", "DENY"]);
    expect(result).toMatchObject({ duplicates: 1, rejectedCount: 0 });
  });

  it("gives records differing in one attribute, or in time, different fingerprints", () => {
    const result = normalize(
      [],
      [decision("s", "PERMIT"), decision("s", "PERMIT", [["session.id", "b"]]), { ...decision("s", "PERMIT"), time: "1795183237000000001" }],
    );
    expect(new Set(result.decisions.map((d) => d.fingerprint)).size).toBe(3);
  });

  it("does not depend on the receive time or the encoding, only on what was sent", () => {
    const spec = decision("s", "PERMIT", [["x", 1]]);
    const a = normalize([["service.name", "g"]], [spec]);
    const json = { resourceLogs: [{ resource: { attributes: [kv(["service.name", "g"])] }, scopeLogs: [{ scope: { name: "gate" }, logRecords: [toRecord(spec)] }] }] };
    const request = decodeExportLogsRequest(new TextEncoder().encode(JSON.stringify(json)), "application/json");
    expect(normalizeLogsRequest(request, { receivedAt: 0 }).decisions[0]?.fingerprint).toBe(a.decisions[0]?.fingerprint);
    const protobuf = ExportLogsServiceRequest.encode(ExportLogsServiceRequest.fromObject(protoForm(json))).finish();
    const fromProtobuf = normalizeLogsRequest(decodeExportLogsRequest(protobuf, "application/x-protobuf"), { receivedAt: 1 });
    expect(fromProtobuf.decisions[0]?.fingerprint).toBe(a.decisions[0]?.fingerprint);
  });

  it("uses node:crypto's hash when given, with the same result as the default", () => {
    const viaNode = normalizeLogsRequest(decodeExportLogsRequest(new TextEncoder().encode(JSON.stringify(oneDecisionJson)), "application/json"), {
      receivedAt: 0,
      sha256Hex: (text) => hash("sha256", text, "hex"),
    });
    const viaNoble = normalizeLogsRequest(decodeExportLogsRequest(new TextEncoder().encode(JSON.stringify(oneDecisionJson)), "application/json"), { receivedAt: 0 });
    expect(viaNode.decisions[0]?.fingerprint).toBe(viaNoble.decisions[0]?.fingerprint);
  });

  it("depends on the resource and the scope", () => {
    const a = normalize([["service.name", "g1"]], [decision("s", "PERMIT")]);
    const b = normalize([["service.name", "g2"]], [decision("s", "PERMIT")]);
    expect(a.decisions[0]?.fingerprint).not.toBe(b.decisions[0]?.fingerprint);
  });
});

describe("limits", () => {
  it("marks what was cut and cuts long identifier fields, keeping the full value in attributes", () => {
    const long = "s".repeat(10_000);
    const [row] = normalize([["note", long]], [decision("s", "PERMIT", [["session.id", long]])]).decisions;
    expect(row?.sessionId).toHaveLength(MAX_FIELD_LENGTH);
    expect(row?.truncated).toEqual(["attributes.session.id", "resource.note"]);
  });

  it("refuses an invalid receive time as a programmer error", () => {
    const request = decodeExportLogsRequest(new TextEncoder().encode("{}"), "application/json");
    expect(() => normalizeLogsRequest(request, { receivedAt: new Date(Number.NaN) })).toThrow(TypeError);
  });
});
