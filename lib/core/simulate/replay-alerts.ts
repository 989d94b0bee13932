import { backtestRateAlerts } from "../drift/backtest";
import { estimateBaseline } from "../drift/baseline";
import type { Baseline } from "../drift/baseline";
import { DAY_MS, MINUTE_MS } from "../drift/counts";
import type { TimeRange } from "../drift/counts";
import type { RateEvidence } from "../drift/evidence";
import { rateAlertParams } from "../drift/params";
import type { RateAlertParams } from "../drift/params";
import type { RateAlertTransition } from "../drift/rate-alert";
import { evaluateSilence } from "../drift/silence";
import type { SilenceResult, SilenceState } from "../drift/silence";
import { countDecisionsByMinute, outcomeSeries } from "./aggregate";
import type { OutcomeMinute } from "./aggregate";
import { simulateMinuteCounts } from "./minute-counts";
import { gateName } from "./options";
import type { ShiftableOutcome, SimulateOptions } from "./options";
import type { SimulatedEvent } from "./traffic";

export type ReplayOptions = {
  /** Days of stationary history (same rates, no shifts) drawn as counts before minute 0. */
  historyDays: number;
  params?: RateAlertParams;
  expectedIntervalSec: number;
  /** Evaluations run this long after each minute boundary (ingest settling time), ms. */
  settleMs: number;
};

export type ReplayRateTransition = RateAlertTransition & { surface: string; outcome: ShiftableOutcome; evidence: RateEvidence };
export type ReplaySilenceTransition = NonNullable<SilenceResult["transition"]> & { gate: string };

export type ReplayReport = {
  rate: ReplayRateTransition[];
  silence: ReplaySilenceTransition[];
  baselines: Map<string, Baseline>;
};

const OUTCOMES: readonly ShiftableOutcome[] = ["DENY", "SILENCE"];

function pooledRate(history: Map<string, OutcomeMinute[]>, outcome: ShiftableOutcome): number {
  let n = 0;
  let k = 0;
  for (const rows of history.values()) {
    for (const row of rows) {
      n += row.n;
      k += outcome === "DENY" ? row.deny : row.silence;
    }
  }
  return n === 0 ? 0 : k / n;
}

function baselinesFor(traffic: SimulateOptions, days: number): Map<string, Baseline> {
  const minutes = days * 1440;
  const stationary = {
    ...traffic,
    shifts: [],
    drifts: [],
    silent: [],
    durationMinutes: minutes,
    startMs: traffic.startMs - days * DAY_MS,
    seed: `${traffic.seed}/history`,
  };
  // Hourly buckets: the baseline only needs hourly sums, and weeks of minutes are slow to draw.
  const history = simulateMinuteCounts(stationary, 60);
  const baselines = new Map<string, Baseline>();
  for (const outcome of OUTCOMES) {
    const fleetRate = pooledRate(history, outcome);
    for (const [surface, rows] of history) {
      const input = { history: outcomeSeries(rows, outcome), fleetRate, excluded: [], asOf: traffic.startMs };
      baselines.set(`${surface}/${outcome}`, estimateBaseline(input));
    }
  }
  return baselines;
}

/** Silence evaluations per gate, once a minute; returns transitions and the spans when every gate was overdue. */
function replaySilence(events: readonly SimulatedEvent[], traffic: SimulateOptions, options: ReplayOptions) {
  const gates = Array.from({ length: traffic.gates }, (_, i) => gateName(i + 1));
  const lastSeen = new Map<string, number>(gates.map((g) => [g, traffic.startMs]));
  const states = new Map<string, SilenceState | null>(gates.map((g) => [g, null]));
  const transitions: ReplaySilenceTransition[] = [];
  const allSilent: TimeRange[] = [];
  let next = 0;
  for (let m = 1; m <= traffic.durationMinutes; m++) {
    const now = traffic.startMs + m * MINUTE_MS + options.settleMs;
    for (; next < events.length && (events[next]?.at ?? Infinity) <= now; next++) {
      const event = events[next];
      if (event) lastSeen.set(event.gate, event.at);
    }
    let suppressedGates = 0;
    for (const gate of gates) {
      const result = evaluateSilence(lastSeen.get(gate) ?? null, options.expectedIntervalSec, states.get(gate) ?? null, now);
      states.set(gate, result.state);
      if (result.transition) transitions.push({ ...result.transition, gate });
      if (result.suppressRateAlerts) suppressedGates++;
    }
    if (suppressedGates === gates.length) allSilent.push({ from: now - MINUTE_MS, to: now });
  }
  return { transitions, allSilent };
}

/**
 * Replays a simulated stream through the alert evaluators exactly as the scheduler
 * would run them (once a minute, baselines from stationary history), and reports
 * every transition. A stream is held while all gates reporting it are silent.
 */
export function replayAlerts(events: readonly SimulatedEvent[], traffic: SimulateOptions, options: ReplayOptions): ReplayReport {
  const params = options.params ?? rateAlertParams();
  const baselines = baselinesFor(traffic, options.historyDays);
  const silence = replaySilence(events, traffic, options);
  const counts = countDecisionsByMinute(events);
  const rate: ReplayRateTransition[] = [];
  for (const { name: surface } of traffic.surfaces) {
    for (const outcome of OUTCOMES) {
      const baseline = baselines.get(`${surface}/${outcome}`);
      if (!baseline) continue;
      const result = backtestRateAlerts(
        {
          counts: outcomeSeries(counts.get(surface) ?? [], outcome),
          baseline,
          from: traffic.startMs + MINUTE_MS + options.settleMs,
          to: traffic.startMs + traffic.durationMinutes * MINUTE_MS + options.settleMs,
          suppressed: silence.allSilent,
        },
        params,
      );
      for (const t of result.transitions) rate.push({ ...t, surface, outcome });
    }
  }
  return { rate, silence: silence.transitions, baselines };
}
