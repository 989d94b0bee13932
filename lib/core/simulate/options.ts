/** A gate's decision on one tool call. */
export type Outcome = "PERMIT" | "DENY" | "SILENCE";
/** The outcomes whose rates the simulator can move (PERMIT takes the rest). */
export type ShiftableOutcome = "DENY" | "SILENCE";

/** A surface and its relative share of traffic. */
export type SurfaceSpec = { name: string; weight: number };

/** From `atMinute` on, the surface's outcome rate is `rate` (`--shift s:DENY:0.4@10`). */
export type RateShift = { surface: string; outcome: ShiftableOutcome; rate: number; atMinute: number };

/** A slow drift: the rate moves linearly to `rate` between two minutes (`--drift s:DENY:0.1@10-70`). */
export type RateDrift = { surface: string; outcome: ShiftableOutcome; rate: number; fromMinute: number; toMinute: number };

/** From `atMinute` on, the gate sends nothing, heartbeats included (`--silent gate-2@30`). */
export type GateSilence = { gate: string; atMinute: number };

/** The whole traffic model; `parseSimulateOptions` builds it from CLI flags. */
export type SimulateOptions = {
  /** Gates are named gate-1 … gate-N; each is also an ingest source. */
  gates: number;
  /** Decisions per minute across all gates (before any gate goes silent). */
  ratePerMinute: number;
  surfaces: readonly SurfaceSpec[];
  /** Baseline DENY and SILENCE probabilities of every surface. */
  deny: number;
  silence: number;
  shifts: readonly RateShift[];
  drifts: readonly RateDrift[];
  silent: readonly GateSilence[];
  durationMinutes: number;
  /** Seconds between a live gate's heartbeats. */
  heartbeatSec: number;
  seed: string;
  /** Wall-clock start of minute 0, epoch ms. */
  startMs: number;
};

export const SIMULATE_DEFAULTS = {
  gates: 3,
  ratePerMinute: 60,
  surfaces: ["filesystem", "shell", "github", "payments", "email"],
  deny: 0.02,
  silence: 0.005,
  durationMinutes: 60,
  heartbeatSec: 30,
  seed: "1",
} as const;

/** Name of the i-th gate (1-based). */
export function gateName(i: number): string {
  return `gate-${i}`;
}
