import type { Outcome, RateDrift, RateShift, ShiftableOutcome, SimulateOptions } from "./options";

type Change = { kind: "shift"; at: number; shift: RateShift } | { kind: "drift"; at: number; drift: RateDrift };

/** Outcome probabilities of a surface at a moment. */
export type OutcomeRates = { deny: number; silence: number };

/** Precomputed rate timelines, one per (surface, outcome), so per-decision lookups stay cheap. */
export type RateTimeline = (surface: string, minute: number) => OutcomeRates;

function rateAt(base: number, changes: readonly Change[], minute: number): number {
  let rate = base;
  for (const change of changes) {
    if (change.at > minute) break;
    if (change.kind === "shift") {
      rate = change.shift.rate;
    } else {
      const { fromMinute, toMinute } = change.drift;
      const progress = Math.min(1, (minute - fromMinute) / (toMinute - fromMinute));
      rate += (change.drift.rate - rate) * progress;
    }
  }
  return rate;
}

function changesFor(options: SimulateOptions, surface: string, outcome: ShiftableOutcome): Change[] {
  const shifts: Change[] = options.shifts
    .filter((s) => s.surface === surface && s.outcome === outcome)
    .map((shift) => ({ kind: "shift", at: shift.atMinute, shift }));
  const drifts: Change[] = options.drifts
    .filter((d) => d.surface === surface && d.outcome === outcome)
    .map((drift) => ({ kind: "drift", at: drift.fromMinute, drift }));
  return [...shifts, ...drifts].sort((a, b) => a.at - b.at);
}

/** The DENY and SILENCE probabilities of every surface over time: base rates, then shifts (steps) and drifts (ramps) in start order. */
export function rateTimeline(options: SimulateOptions): RateTimeline {
  const table = new Map(
    options.surfaces.map(({ name }) => [name, { deny: changesFor(options, name, "DENY"), silence: changesFor(options, name, "SILENCE") }]),
  );
  return (surface, minute) => {
    const changes = table.get(surface);
    if (!changes) throw new TypeError(`unknown surface ${surface}`);
    return { deny: rateAt(options.deny, changes.deny, minute), silence: rateAt(options.silence, changes.silence, minute) };
  };
}

/** Draws an outcome from the rates with one uniform number u in [0, 1). */
export function drawOutcome(rates: OutcomeRates, u: number): Outcome {
  if (u < rates.deny) return "DENY";
  if (u < rates.deny + rates.silence) return "SILENCE";
  return "PERMIT";
}
