import { SimulateOptionError } from "./errors";
import { gateName } from "./options";
import type { ShiftableOutcome, SimulateOptions } from "./options";

function checkReferences(options: SimulateOptions): void {
  const surfaces = new Set(options.surfaces.map((s) => s.name));
  for (const change of [...options.shifts, ...options.drifts]) {
    if (!surfaces.has(change.surface)) {
      throw new SimulateOptionError("UNKNOWN_SURFACE", `"${change.surface}" is not one of --surfaces (${[...surfaces].join(", ")})`);
    }
  }
  for (const { gate } of options.silent) {
    const index = Number(gate.slice("gate-".length));
    if (gateName(index) !== gate || index < 1 || index > options.gates) {
      throw new SimulateOptionError("UNKNOWN_GATE", `${gate} does not exist: gates are gate-1 … ${gateName(options.gates)}`);
    }
  }
}

function checkTimes(options: SimulateOptions): void {
  const starts = [
    ...options.shifts.map((s) => ({ what: `--shift for ${s.surface}`, at: s.atMinute })),
    ...options.drifts.map((d) => ({ what: `--drift for ${d.surface}`, at: d.fromMinute })),
    ...options.silent.map((s) => ({ what: `--silent ${s.gate}`, at: s.atMinute })),
  ];
  for (const { what, at } of starts) {
    if (at >= options.durationMinutes) {
      throw new SimulateOptionError("OUTSIDE_DURATION", `${what} starts at minute ${at}, after the run ends (--duration ${options.durationMinutes})`);
    }
  }
}

/** The highest rate an outcome of a surface ever takes. */
function peakRate(options: SimulateOptions, surface: string, outcome: ShiftableOutcome): number {
  const base = outcome === "DENY" ? options.deny : options.silence;
  const changes = [...options.shifts, ...options.drifts].filter((c) => c.surface === surface && c.outcome === outcome);
  return Math.max(base, ...changes.map((c) => c.rate));
}

/** Throws SimulateOptionError unless shifts and silences name real surfaces and gates, fit the run, and DENY + SILENCE ≤ 1. */
export function validateSimulateOptions(options: SimulateOptions): void {
  checkReferences(options);
  checkTimes(options);
  for (const { name } of options.surfaces) {
    const total = peakRate(options, name, "DENY") + peakRate(options, name, "SILENCE");
    if (total > 1) {
      throw new SimulateOptionError("RATES_EXCEED_ONE", `DENY and SILENCE rates of "${name}" can reach ${total} together; they must not exceed 1`);
    }
  }
}
