import { backtestRateAlerts } from "../drift/backtest";
import { estimateBaseline } from "../drift/baseline";
import type { Baseline } from "../drift/baseline";
import { DAY_MS, MINUTE_MS } from "../drift/counts";
import type { RateAlertParams } from "../drift/params";
import type { RateAlertState } from "../drift/rate-alert";
import { outcomeSeries } from "./aggregate";
import { simulateMinuteCounts } from "./minute-counts";
import type { SimulateOptions } from "./options";

/** One surface at a steady volume whose DENY rate may step from `baseRate` to `shiftedRate`. */
export type QualityScenario = {
  ratePerMinute: number;
  baseRate: number;
  /** Days of stationary history behind the baseline. */
  historyDays: number;
  seed: string;
  /** Minute 0 of the evaluated stretch, epoch ms (a whole minute). */
  startMs: number;
};

const WARM_UP_MINUTES = 60;

function surfaceOptions(scenario: QualityScenario, patch: Partial<SimulateOptions>): SimulateOptions {
  return {
    gates: 1,
    ratePerMinute: scenario.ratePerMinute,
    surfaces: [{ name: "surface", weight: 1 }],
    deny: scenario.baseRate,
    silence: 0,
    shifts: [],
    drifts: [],
    silent: [],
    durationMinutes: 60,
    heartbeatSec: 30,
    seed: scenario.seed,
    startMs: scenario.startMs,
    ...patch,
  };
}

function denySeries(options: SimulateOptions, bucketMinutes = 1) {
  return outcomeSeries(simulateMinuteCounts(options, bucketMinutes).get("surface") ?? [], "DENY");
}

/** The scenario's baseline, from `historyDays` of stationary counts before minute 0. */
export function scenarioBaseline(scenario: QualityScenario): Baseline {
  const history = denySeries(
    surfaceOptions(scenario, {
      durationMinutes: scenario.historyDays * 1440,
      startMs: scenario.startMs - scenario.historyDays * DAY_MS,
      seed: `${scenario.seed}/history`,
    }),
    60,
  );
  return estimateBaseline({ history, fleetRate: scenario.baseRate, excluded: [], asOf: scenario.startMs });
}

export type DetectionDelays = {
  /** Minutes of shifted data before the alert fired (Infinity when it did not within the horizon), one per run, ascending. */
  firing: number[];
  /** Minutes before it was visible (pending or firing), ascending. */
  seen: number[];
};

/** Runs `runs` seeded streams that shift after an hour of warm-up; returns the delays to pending and to firing. */
export function measureDetectionDelays(
  scenario: QualityScenario,
  shiftedRate: number,
  runs: number,
  horizonMinutes: number,
  params: RateAlertParams,
): DetectionDelays {
  const baseline = scenarioBaseline(scenario);
  const shiftAt = scenario.startMs + WARM_UP_MINUTES * MINUTE_MS;
  const delays: DetectionDelays = { firing: [], seen: [] };
  for (let run = 0; run < runs; run++) {
    const options = surfaceOptions(scenario, {
      durationMinutes: WARM_UP_MINUTES + horizonMinutes,
      seed: `${scenario.seed}/run-${run}`,
      shifts: [{ surface: "surface", outcome: "DENY", rate: shiftedRate, atMinute: WARM_UP_MINUTES }],
    });
    const from = scenario.startMs + MINUTE_MS;
    const to = shiftAt + horizonMinutes * MINUTE_MS;
    const { transitions } = backtestRateAlerts({ counts: denySeries(options), baseline, from, to }, params);
    const after = transitions.filter((t) => t.at > shiftAt);
    const minutesTo = (at: number | undefined) => (at === undefined ? Infinity : Math.ceil((at - shiftAt) / MINUTE_MS));
    delays.firing.push(minutesTo(after.find((t) => t.to === "firing")?.at));
    delays.seen.push(minutesTo(after.find((t) => t.to === "firing" || t.to === "pending")?.at));
  }
  delays.firing.sort((a, b) => a - b);
  delays.seen.sort((a, b) => a - b);
  return delays;
}

export type FalseAlarms = { trials: number; firing: number; pending: number };

/** Counts alerts raised on one continuous stationary stream of `minutes` minutes, drawn a day at a time. */
export function measureFalseAlarms(scenario: QualityScenario, minutes: number, params: RateAlertParams): FalseAlarms {
  const baseline = scenarioBaseline(scenario);
  const result: FalseAlarms = { trials: 0, firing: 0, pending: 0 };
  let state: RateAlertState | undefined;
  for (let done = 0; done < minutes; done += 1440) {
    const startMs = scenario.startMs + done * MINUTE_MS;
    const length = Math.min(1440, minutes - done);
    const counts = denySeries(surfaceOptions(scenario, { durationMinutes: length, startMs, seed: `${scenario.seed}/stationary-${done}` }));
    for (const row of counts) result.trials += row.n;
    const to = startMs + length * MINUTE_MS;
    const replay = backtestRateAlerts({ counts, baseline, from: startMs + MINUTE_MS, to, initial: state }, params);
    state = replay.final ?? undefined;
    result.firing += replay.transitions.filter((t) => t.to === "firing").length;
    result.pending += replay.transitions.filter((t) => t.to === "pending").length;
  }
  return result;
}
