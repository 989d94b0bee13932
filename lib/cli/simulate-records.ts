// How a simulated gate writes its decisions down: OpenTelemetry log records shaped like Claude
// Code's `claude_code.tool_decision` events (the attribute names of its monitoring docs), plus
// the surface a gate knows and the `gate.heartbeat` a quiet gate sends to show it is alive.
import type { HrTime, LogRecord } from "@opentelemetry/api";
import { createRandom, type Outcome, type Random, type SimulatedDecision } from "../core/simulate";

/** Claude Code's decision words: accept/reject; a gate that timed out says so. */
export const DECISION_WORDS: Readonly<Record<Outcome, string>> = { PERMIT: "accept", DENY: "reject", SILENCE: "timeout" };

/** The record's OTLP timestamp, exact to the millisecond (a bare number would be read relative to process start when it predates it). */
export function hrTimeOf(ms: number): HrTime {
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}

/** The tool Claude Code would name for an action on a surface. */
export function toolNameFor(surface: string, action: string): string {
  if (surface === "shell") return "Bash";
  if (surface === "filesystem") return action === "read" ? "Read" : action === "write" ? "Write" : "Edit";
  return `mcp__${surface}__${action}`;
}

/** `agent:billing-bot` → `billing-bot@agents.example.com`; `user:alice@example.com` → `alice@example.com`. */
export function emailOf(actor: string): string {
  const [kind, name = actor] = actor.split(/:(.*)/s);
  return kind === "user" ? name : `${name}@agents.example.com`;
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 4 }, () => random.uint32().toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[random.int(4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Per-gate state a real agent carries between tool calls: an event sequence and the prompt the
 * calls belong to (a new prompt with a new session, and on average every four calls).
 */
export class GateRecordWriter {
  private sequence = 0;
  private session = "";
  private prompt = "";
  private readonly random: Random;

  constructor(readonly gate: string, seed: string) {
    this.random = createRandom(`${seed}/prompts/${gate}`);
  }

  /** The `tool_decision` record of one decision; `grant` names the break-glass grant that allowed it. */
  decision(d: SimulatedDecision, grant?: string): LogRecord {
    if (d.sessionId !== this.session || this.random.next() < 0.25) this.prompt = uuidFrom(this.random);
    this.session = d.sessionId;
    const email = emailOf(d.actor);
    return {
      body: "claude_code.tool_decision",
      timestamp: hrTimeOf(d.at),
      observedTimestamp: hrTimeOf(d.at),
      attributes: {
        "event.name": "tool_decision",
        "event.timestamp": new Date(d.at).toISOString(),
        "event.sequence": ++this.sequence,
        "session.id": d.sessionId,
        "prompt.id": this.prompt,
        "user.email": email,
        actor: d.actor,
        "gate.id": d.gate,
        surface: d.surface,
        tool_name: toolNameFor(d.surface, d.action),
        action: d.action,
        tool_use_id: d.toolUseId,
        decision: DECISION_WORDS[d.outcome],
        source: d.source,
        ...(grant === undefined ? {} : { "override.grant": grant }),
      },
    };
  }

  /** A `gate.heartbeat` record at `at` (epoch ms). */
  heartbeat(at: number): LogRecord {
    return {
      eventName: "gate.heartbeat",
      body: "gate.heartbeat",
      timestamp: hrTimeOf(at),
      observedTimestamp: hrTimeOf(at),
      attributes: { "event.name": "gate.heartbeat", "gate.id": this.gate, "event.sequence": ++this.sequence },
    };
  }
}
