// Test support: drives the evaluator with seeded simulator traffic through the real storage path.
import { sql } from "drizzle-orm";
import type { DecisionRow } from "@/lib/core/otlp";
import { simulateMinuteCounts, simulateTraffic, type SimulateOptions, type SimulatedDecision, type SimulatedEvent } from "@/lib/core/simulate";
import type { DbOrTx } from "../db";
import { recordDecisions } from "../events";
import { createSource, touchSource } from "../sources";
import { systemCtx } from "../testing/contexts";
import { evaluateAlerts, type EvaluationSummary } from "./evaluate-alerts";

export const MIN = 60_000;
const DAY = 86_400_000;

export function scenario(patch: Partial<SimulateOptions>): SimulateOptions {
  return {
    gates: 1,
    ratePerMinute: 20,
    surfaces: [
      { name: "payments", weight: 1 },
      { name: "shell", weight: 1 },
    ],
    deny: 0.02,
    silence: 0.005,
    shifts: [],
    drifts: [],
    silent: [],
    durationMinutes: 30,
    heartbeatSec: 30,
    seed: "server-1",
    startMs: Date.UTC(2026, 10, 20, 9, 0),
    ...patch,
  };
}

function decisionRow(event: SimulatedDecision, index: number): DecisionRow {
  const attributes = { surface: event.surface, decision: event.outcome, "gate.id": event.gate };
  return {
    fingerprint: `${event.gate}-${event.toolUseId}-${index}`,
    recordIndex: index,
    eventName: "gate.decision",
    surface: event.surface,
    outcome: event.outcome,
    decision: event.outcome,
    decisionSource: event.source,
    toolName: null,
    sessionId: event.sessionId,
    promptId: null,
    toolUseId: event.toolUseId,
    actor: event.actor,
    userId: null,
    userEmail: null,
    userAccountUuid: null,
    userAccountId: null,
    organizationId: null,
    serviceName: event.gate,
    gateId: event.gate,
    eventSequence: index,
    timeUnixNano: `${event.at}000000`,
    timeMs: event.at,
    timeSource: "time",
    observedTimeUnixNano: null,
    severityNumber: 9,
    severityText: "INFO",
    body: null,
    traceId: null,
    spanId: null,
    scopeName: "simulate",
    scopeVersion: "",
    resourceAttributes: {},
    attributes,
    resourceAttributesJson: "{}",
    attributesJson: JSON.stringify(attributes),
    truncated: [],
    droppedAttributes: 0,
  } as DecisionRow;
}

/** One source per simulated gate (gate-1 … gate-N), with the given expected interval. */
export async function createGateSources(db: DbOrTx, gates: number, expectedIntervalSeconds = 120): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 1; i <= gates; i++) {
    const { source } = await createSource(systemCtx(db), { name: `gate-${i}`, expectedIntervalSeconds });
    ids.set(`gate-${i}`, source.id);
  }
  return ids;
}

/** 14 days of stationary history (same rates, no shifts) straight into the minute rollup, one row per hour and outcome. */
export async function seedHistory(db: DbOrTx, options: SimulateOptions, sourceId: string): Promise<void> {
  const history = simulateMinuteCounts({ ...options, shifts: [], drifts: [], silent: [], startMs: options.startMs - 14 * DAY, durationMinutes: 14 * 1440 - 120, seed: `${options.seed}/history` }, 60);
  const rows = [...history].flatMap(([surface, hours]) =>
    hours.flatMap((h) => [
      { minute: new Date(h.minute).toISOString(), surface, outcome: "PERMIT", count: h.n - h.deny - h.silence },
      { minute: new Date(h.minute).toISOString(), surface, outcome: "DENY", count: h.deny },
      { minute: new Date(h.minute).toISOString(), surface, outcome: "SILENCE", count: h.silence },
    ]).filter((row) => row.count > 0),
  );
  await db.execute(sql`
    insert into decision_rollup_minute (minute, surface, outcome, source_id, count)
    select minute, surface, outcome, ${sourceId}::uuid, count from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(minute timestamptz, surface text, outcome text, count int)`);
}

/**
 * Replays simulated traffic minute by minute: stores the decisions that happened before each
 * evaluation through recordDecisions (with the rollup), refreshes sources' last-seen from every
 * record and heartbeat, then runs the evaluator 5 s after the minute closed.
 */
export async function replay(db: DbOrTx, options: SimulateOptions, sourceIds: Map<string, string>, onEvaluated?: (minute: number, summary: EvaluationSummary) => Promise<void>): Promise<void> {
  const events: SimulatedEvent[] = [...simulateTraffic(options)];
  let next = 0;
  for (let m = 1; m <= options.durationMinutes; m++) {
    const now = options.startMs + m * MIN + 5_000;
    const batch: SimulatedEvent[] = [];
    for (; next < events.length && events[next]!.at < now; next++) batch.push(events[next]!);
    for (const [gate, sourceId] of sourceIds) {
      const mine = batch.filter((e) => e.gate === gate);
      const decisions = mine.filter((e): e is SimulatedDecision => e.kind === "decision");
      if (decisions.length > 0) await recordDecisions(db, sourceId, decisions.map((e, i) => decisionRow(e, next * 10 + i)), new Date(now));
      const last = mine.reduce((t, e) => Math.max(t, e.at), -Infinity);
      if (Number.isFinite(last)) await touchSource(db, sourceId, new Date(last));
    }
    const summary = await evaluateAlerts(systemCtx(db, new Date(now)), { refreshBaselines: false });
    await onEvaluated?.(m, summary);
  }
}
