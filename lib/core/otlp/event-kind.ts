import type { OtlpLogRecord } from "./model";

/** Event names that make a record a tool decision (Contract 1). */
export const DECISION_EVENT_NAMES: ReadonlySet<string> = new Set([
  "claude_code.tool_decision",
  "tool_decision",
  "codex.tool_decision",
  "gate.decision",
]);

/** The event name of a gate's liveness signal. */
export const HEARTBEAT_EVENT_NAME = "gate.heartbeat";

export type EventKind = { kind: "decision"; name: string } | { kind: "heartbeat" } | { kind: "other" };

/**
 * What a record is, by the names it carries: the LogRecord `event_name` field, a string body
 * and the `event.name` attribute, in that order (Claude Code's body "claude_code.tool_decision"
 * is more specific than its attribute "tool_decision"). A decision name in any of them wins,
 * then the heartbeat name.
 */
export function eventKindOf(record: OtlpLogRecord): EventKind {
  const attribute = record.attributes.values["event.name"];
  const candidates = [record.eventName, typeof record.body === "string" ? record.body : "", typeof attribute === "string" ? attribute : ""];
  for (const name of candidates) if (DECISION_EVENT_NAMES.has(name)) return { kind: "decision", name };
  return candidates.includes(HEARTBEAT_EVENT_NAME) ? { kind: "heartbeat" } : { kind: "other" };
}
