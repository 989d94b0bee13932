import type { ShiftSize } from "./cusum";
import { Z_TWO_SIDED_95 } from "./wilson";

/** How eagerly a stream alerts; each level is a preset of RateAlertParams. */
export type Sensitivity = "low" | "medium" | "high";

/** The absolute rule for streams whose baseline is still learning. */
export type AbsoluteRule = {
  /** Fire only when the window's rate is at least this. */
  rate: number;
  /** The rate the exact test compares against. */
  reference: number;
  /** Fewest trials in the window. */
  minVolume: number;
  /** Trailing window the rule looks at, minutes. */
  windowMinutes: number;
  /** Consecutive evaluations with data the rule must hold before it fires (it has no CUSUM to accumulate evidence). */
  confirmations: number;
};

/** Every knob of the rate-alert detector; docs/alerting.md explains each. */
export type RateAlertParams = {
  /** The shift worth detecting; sets p1. */
  shift: ShiftSize;
  /** Nominal in-control ARL of the bare CUSUM, in days of the stream's usual volume; sets h. */
  nominalArlDays: number;
  /** Bounds on h whatever the volume; the floor keeps low-volume surfaces from paging on a few events in a row. */
  minThreshold: number;
  maxThreshold: number;
  /** Per-stream level of the exact binomial confirmation test. */
  alpha: number;
  /** Fewest trials in the evidence window before a rate alert may fire. */
  minVolume: number;
  /** Pending (visible, not notified) when S ≥ pendingFraction·h and the test confirms; firing at once when S ≥ h. */
  pendingFraction: number;
  /** A pending alert clears only when S falls below clearFraction·h (hysteresis). */
  clearFraction: number;
  /** Log-likelihood ratio in favour of the baseline needed to call a firing alert recovered. */
  resolveThreshold: number;
  /** Consecutive evaluations with data, all recovered, before firing becomes resolved. */
  resolveConfirmations: number;
  /** Critical when the Wilson lower bound ≥ max(criticalOddsRatio-shifted p0, p0 + criticalDelta). */
  criticalOddsRatio: number;
  criticalDelta: number;
  /** z of the Wilson interval shown as evidence and used for severity. */
  intervalZ: number;
  absolute: AbsoluteRule;
};

const ABSOLUTE_RULE: AbsoluteRule = { rate: 0.5, reference: 0.1, minVolume: 20, windowMinutes: 60, confirmations: 3 };

const SHARED = {
  maxThreshold: 20,
  resolveThreshold: 3,
  resolveConfirmations: 3,
  criticalOddsRatio: 10,
  criticalDelta: 0.15,
  clearFraction: 0.3,
  intervalZ: Z_TWO_SIDED_95,
  absolute: ABSOLUTE_RULE,
} as const;

/** Presets per sensitivity; "medium" is the default and the one the detection tests measure. */
export const SENSITIVITY_PRESETS: Readonly<Record<Sensitivity, RateAlertParams>> = {
  high: {
    ...SHARED,
    shift: { oddsRatio: 3, delta: 0.05 },
    nominalArlDays: 7,
    minThreshold: 5,
    alpha: 0.01,
    minVolume: 5,
    pendingFraction: 0.6,
  },
  medium: {
    ...SHARED,
    shift: { oddsRatio: 5, delta: 0.08 },
    nominalArlDays: 30,
    minThreshold: 6,
    alpha: 0.001,
    minVolume: 5,
    pendingFraction: 0.7,
  },
  low: {
    ...SHARED,
    shift: { oddsRatio: 8, delta: 0.15 },
    nominalArlDays: 180,
    minThreshold: 7,
    alpha: 0.0001,
    minVolume: 10,
    pendingFraction: 0.8,
  },
};

/** Per-surface alert settings an admin edits; absent fields take the defaults. */
export type SurfaceAlertSettings = {
  sensitivity?: Sensitivity;
  /** Overrides the preset's minimum volume. */
  minVolume?: number;
  /** How often the surface's source is expected to report, seconds (used by the silence rule). */
  expectedIntervalSec?: number;
  /** Muted surfaces raise no new rate alerts. */
  muted?: boolean;
};

/** Default expected reporting interval of a source: five minutes. */
export const DEFAULT_EXPECTED_INTERVAL_SEC = 300;

/** Detector parameters for a surface's settings. */
export function rateAlertParams(settings: SurfaceAlertSettings = {}): RateAlertParams {
  const preset = SENSITIVITY_PRESETS[settings.sensitivity ?? "medium"];
  if (settings.minVolume === undefined) return preset;
  if (!Number.isSafeInteger(settings.minVolume) || settings.minVolume < 1) {
    throw new TypeError("minVolume must be a positive integer");
  }
  return { ...preset, minVolume: settings.minVolume };
}
