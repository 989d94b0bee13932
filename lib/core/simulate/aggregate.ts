import type { MinuteCount } from "../drift/counts";
import type { ShiftableOutcome } from "./options";
import type { SimulatedEvent } from "./traffic";

const MINUTE_MS = 60_000;

/** Decisions on one surface in one minute, by outcome. */
export type OutcomeMinute = { minute: number; n: number; deny: number; silence: number };

/** Per-surface, per-minute decision counts (ascending minutes), the detector's input. */
export function countDecisionsByMinute(events: Iterable<SimulatedEvent>): Map<string, OutcomeMinute[]> {
  const bySurface = new Map<string, Map<number, OutcomeMinute>>();
  for (const event of events) {
    if (event.kind !== "decision") continue;
    const minute = Math.floor(event.at / MINUTE_MS) * MINUTE_MS;
    let minutes = bySurface.get(event.surface);
    if (!minutes) bySurface.set(event.surface, (minutes = new Map()));
    let row = minutes.get(minute);
    if (!row) minutes.set(minute, (row = { minute, n: 0, deny: 0, silence: 0 }));
    row.n++;
    if (event.outcome === "DENY") row.deny++;
    if (event.outcome === "SILENCE") row.silence++;
  }
  return new Map([...bySurface].map(([surface, minutes]) => [surface, [...minutes.values()].sort((a, b) => a.minute - b.minute)]));
}

/** The {minute, n, k} series of one outcome, as the drift detector takes it. */
export function outcomeSeries(rows: readonly OutcomeMinute[], outcome: ShiftableOutcome): MinuteCount[] {
  return rows.map((row) => ({ minute: row.minute, n: row.n, k: outcome === "DENY" ? row.deny : row.silence }));
}
