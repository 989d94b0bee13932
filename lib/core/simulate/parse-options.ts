import { SimulateOptionError } from "./errors";
import type { SimulateOptionErrorCode } from "./errors";
import { SIMULATE_DEFAULTS, gateName } from "./options";
import { validateSimulateOptions } from "./validate-options";
import type { GateSilence, RateDrift, RateShift, ShiftableOutcome, SimulateOptions, SurfaceSpec } from "./options";

/** The traffic flags of `countersign simulate`, as `node:util` parseArgs returns them. */
export type SimulateFlags = {
  gates?: string;
  rate?: string;
  surfaces?: string;
  deny?: string;
  silence?: string;
  shift?: readonly string[];
  drift?: readonly string[];
  silent?: readonly string[];
  duration?: string;
  heartbeat?: string;
  seed?: string;
};

/** The `node:util` parseArgs option table for the traffic flags, kept next to the parser that reads them. */
export const SIMULATE_TRAFFIC_FLAGS = {
  gates: { type: "string" },
  rate: { type: "string" },
  surfaces: { type: "string" },
  deny: { type: "string" },
  silence: { type: "string" },
  shift: { type: "string", multiple: true },
  drift: { type: "string", multiple: true },
  silent: { type: "string", multiple: true },
  duration: { type: "string" },
  heartbeat: { type: "string" },
  seed: { type: "string" },
} as const;

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const SURFACE_NAME = /^[^\s,=@]{1,128}$/;

type Bounds = { min: number; max: number; integer?: boolean; exclusiveMin?: boolean };

/** A non-negative decimal within bounds, or INVALID_NUMBER naming the flag. */
export function parseNumber(text: string, what: string, bounds: Bounds): number {
  const value = NUMBER.test(text) ? Number(text) : NaN;
  const low = bounds.exclusiveMin ? value > bounds.min : value >= bounds.min;
  if (!Number.isFinite(value) || !low || value > bounds.max || (bounds.integer && !Number.isInteger(value))) {
    const kind = bounds.integer ? "an integer" : "a number";
    throw new SimulateOptionError("INVALID_NUMBER", `${what} must be ${kind} in [${bounds.min}, ${bounds.max}], got "${text}"`);
  }
  return value;
}

/** A probability written as 0.4 or 40%, or INVALID_PROBABILITY. */
export function parseProbability(text: string, what: string): number {
  const percent = text.endsWith("%");
  const digits = percent ? text.slice(0, -1) : text;
  const value = NUMBER.test(digits) ? Number(digits) / (percent ? 100 : 1) : NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new SimulateOptionError("INVALID_PROBABILITY", `${what} must be a probability like 0.4 or 40%, got "${text}"`);
  }
  return value;
}

/** `a,b=0.5,c`: surface names with optional relative weights (default 1). */
export function parseSurfaces(text: string): SurfaceSpec[] {
  const specs = text.split(",").map((part) => {
    const [name = "", weight, extra] = part.trim().split("=");
    if (!SURFACE_NAME.test(name) || extra !== undefined) {
      throw new SimulateOptionError("INVALID_SURFACES", `bad surface "${part}" in --surfaces (use name or name=weight)`);
    }
    const parsed = weight === undefined ? 1 : parseNumber(weight, `weight of ${name}`, { min: 0, max: 1e6, exclusiveMin: true });
    return { name, weight: parsed };
  });
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) throw new SimulateOptionError("INVALID_SURFACES", "--surfaces lists a surface twice");
  return specs;
}

function splitRate(text: string, code: SimulateOptionErrorCode, flag: string, shape: string) {
  const at = text.lastIndexOf("@");
  const fields = at < 0 ? [] : text.slice(0, at).split(":");
  const rate = fields.pop();
  const outcome = fields.pop()?.toUpperCase();
  const surface = fields.join(":");
  if (at < 0 || rate === undefined || (outcome !== "DENY" && outcome !== "SILENCE") || !SURFACE_NAME.test(surface)) {
    throw new SimulateOptionError(code, `${flag} must look like ${shape}, got "${text}"`);
  }
  return { surface, outcome: outcome as ShiftableOutcome, rate: parseProbability(rate, `rate in ${flag} "${text}"`), when: text.slice(at + 1) };
}

/** `--shift <surface>:<DENY|SILENCE>:<P>@<minute>`. */
export function parseShift(text: string): RateShift {
  const { when, ...rest } = splitRate(text, "INVALID_SHIFT", "--shift", "<surface>:<DENY|SILENCE>:<P>@<minute>");
  return { ...rest, atMinute: parseNumber(when, `minute in --shift "${text}"`, { min: 0, max: 1e7 }) };
}

/** `--drift <surface>:<DENY|SILENCE>:<P>@<from>-<to>`: a linear ramp to P between two minutes. */
export function parseDrift(text: string): RateDrift {
  const shape = "<surface>:<DENY|SILENCE>:<P>@<from>-<to>";
  const { when, ...rest } = splitRate(text, "INVALID_DRIFT", "--drift", shape);
  const [from, to, extra] = when.split("-");
  if (from === undefined || to === undefined || extra !== undefined) {
    throw new SimulateOptionError("INVALID_DRIFT", `--drift must look like ${shape}, got "${text}"`);
  }
  const fromMinute = parseNumber(from, `start minute in --drift "${text}"`, { min: 0, max: 1e7 });
  const toMinute = parseNumber(to, `end minute in --drift "${text}"`, { min: 0, max: 1e7 });
  if (toMinute <= fromMinute) throw new SimulateOptionError("INVALID_DRIFT", `--drift "${text}" must end after it starts`);
  return { ...rest, fromMinute, toMinute };
}

/** `--silent <gate>@<minute>`, the gate as `gate-2` or `2`. */
export function parseSilent(text: string): GateSilence {
  const match = /^(?:gate-)?(\d+)@(.+)$/.exec(text);
  if (!match?.[1] || !match[2]) throw new SimulateOptionError("INVALID_SILENT", `--silent must look like <gate>@<minute>, got "${text}"`);
  return {
    gate: gateName(Number(match[1])),
    atMinute: parseNumber(match[2], `minute in --silent "${text}"`, { min: 0, max: 1e7 }),
  };
}

/**
 * Turns the simulator's flags into a checked traffic model, or throws
 * SimulateOptionError with a message fit for a usage line.
 */
export function parseSimulateOptions(flags: SimulateFlags, startMs: number): SimulateOptions {
  const options: SimulateOptions = {
    gates: flags.gates === undefined ? SIMULATE_DEFAULTS.gates : parseNumber(flags.gates, "--gates", { min: 1, max: 1000, integer: true }),
    ratePerMinute:
      flags.rate === undefined ? SIMULATE_DEFAULTS.ratePerMinute : parseNumber(flags.rate, "--rate", { min: 0, max: 1e6, exclusiveMin: true }),
    surfaces: parseSurfaces(flags.surfaces ?? SIMULATE_DEFAULTS.surfaces.join(",")),
    deny: flags.deny === undefined ? SIMULATE_DEFAULTS.deny : parseProbability(flags.deny, "--deny"),
    silence: flags.silence === undefined ? SIMULATE_DEFAULTS.silence : parseProbability(flags.silence, "--silence"),
    shifts: (flags.shift ?? []).map(parseShift),
    drifts: (flags.drift ?? []).map(parseDrift),
    silent: (flags.silent ?? []).map(parseSilent),
    durationMinutes:
      flags.duration === undefined
        ? SIMULATE_DEFAULTS.durationMinutes
        : parseNumber(flags.duration, "--duration", { min: 0, max: 525_600, exclusiveMin: true }),
    heartbeatSec:
      flags.heartbeat === undefined ? SIMULATE_DEFAULTS.heartbeatSec : parseNumber(flags.heartbeat, "--heartbeat", { min: 1, max: 86_400 }),
    seed: flags.seed ?? SIMULATE_DEFAULTS.seed,
    startMs,
  };
  validateSimulateOptions(options);
  return options;
}
