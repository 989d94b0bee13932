import { drawOutcome, rateTimeline } from "./outcome-rates";
import { gateName } from "./options";
import type { Outcome, SimulateOptions } from "./options";
import { createRandom } from "./random";
import type { Random } from "./random";
import { randomAction, randomActor, randomDecisionSource, randomToolUseId, randomUuid } from "./identities";

/** One tool-call decision a gate reports (the fields of a `tool_decision` log record). */
export type SimulatedDecision = {
  kind: "decision";
  /** Epoch ms. */
  at: number;
  gate: string;
  surface: string;
  outcome: Outcome;
  /** Decision source: config, hook, user_temporary, … */
  source: string;
  sessionId: string;
  toolUseId: string;
  actor: string;
  action: string;
};

/** A gate's `gate.heartbeat`: proof of life with no decision. */
export type SimulatedHeartbeat = { kind: "heartbeat"; at: number; gate: string };

export type SimulatedEvent = SimulatedDecision | SimulatedHeartbeat;

const MINUTE_MS = 60_000;

type Session = { id: string; actor: string; left: number };

/** Minute offsets (ms from start) at which each gate falls silent; Infinity when it never does. */
function silentFrom(options: SimulateOptions): number[] {
  return Array.from({ length: options.gates }, (_, i) => {
    const starts = options.silent.filter((s) => s.gate === gateName(i + 1)).map((s) => s.atMinute * MINUTE_MS);
    return Math.min(Infinity, ...starts);
  });
}

function surfacePicker(options: SimulateOptions): (u: number) => string {
  const total = options.surfaces.reduce((sum, s) => sum + s.weight, 0);
  let acc = 0;
  const cumulative = options.surfaces.map((s) => ({ name: s.name, upTo: (acc += s.weight) / total }));
  return (u) => (cumulative.find((c) => u < c.upTo) ?? cumulative[cumulative.length - 1])?.name ?? "";
}

function* heartbeatsUntil(options: SimulateOptions, random: Random, silent: readonly number[]) {
  const periodMs = options.heartbeatSec * 1000;
  // Each gate beats at its own phase; sorted by phase, beats come round-robin.
  const gates = silent.map((silentAt, i) => ({ gate: gateName(i + 1), phase: random.next() * periodMs, silentAt }));
  gates.sort((a, b) => a.phase - b.phase);
  for (let cycle = 0; gates.some((g) => g.phase + cycle * periodMs < g.silentAt); cycle++) {
    for (const g of gates) {
      const t = g.phase + cycle * periodMs;
      if (t < g.silentAt) yield { t, gate: g.gate };
    }
  }
}

/**
 * Seeded gate traffic in time order: Poisson arrivals across gates and surfaces,
 * outcomes from the rate timeline (shifts, drifts), session and tool ids, and
 * heartbeats; a silent gate stops sending both. Same options, same stream.
 */
export function* simulateTraffic(options: SimulateOptions): Generator<SimulatedEvent> {
  const random = createRandom(options.seed);
  const rates = rateTimeline(options);
  const silent = silentFrom(options);
  const pickSurface = surfacePicker(options);
  const sessions: (Session | undefined)[] = [];
  const beats = heartbeatsUntil(options, createRandom(`${options.seed}/heartbeats`), silent);
  let beat = beats.next().value;
  const endMs = options.durationMinutes * MINUTE_MS;
  for (let t = random.exponential(options.ratePerMinute) * MINUTE_MS; t < endMs; t += random.exponential(options.ratePerMinute) * MINUTE_MS) {
    while (beat && beat.t <= t) {
      yield { kind: "heartbeat", at: options.startMs + Math.floor(beat.t), gate: beat.gate };
      beat = beats.next().value;
    }
    // Every mark is drawn before a silent gate's decision is dropped, so a scenario with a
    // silent gate is exactly the plain scenario minus that gate's events.
    const gate = random.int(options.gates);
    const surface = pickSurface(random.next());
    const outcome = drawOutcome(rates(surface, t / MINUTE_MS), random.next());
    const session = nextSession(sessions, gate, random);
    const decision: SimulatedDecision = {
      kind: "decision",
      at: options.startMs + Math.floor(t),
      gate: gateName(gate + 1),
      surface,
      outcome,
      source: randomDecisionSource(random, outcome),
      sessionId: session.id,
      toolUseId: randomToolUseId(random),
      actor: session.actor,
      action: randomAction(random, surface),
    };
    if (t < (silent[gate] ?? Infinity)) yield decision;
  }
  while (beat && beat.t < endMs) {
    yield { kind: "heartbeat", at: options.startMs + Math.floor(beat.t), gate: beat.gate };
    beat = beats.next().value;
  }
}

/** The gate's current agent session, replaced after a geometric number of tool calls (mean 25). */
function nextSession(sessions: (Session | undefined)[], gate: number, random: Random): Session {
  let session = sessions[gate];
  if (!session || session.left <= 0) {
    session = { id: randomUuid(random), actor: randomActor(random), left: 1 + Math.floor(random.exponential(1 / 25)) };
    sessions[gate] = session;
  }
  session.left--;
  return session;
}
