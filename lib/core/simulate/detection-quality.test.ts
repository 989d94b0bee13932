import { describe, expect, it } from "vitest";
import { SENSITIVITY_PRESETS } from "../drift/params";
import { measureDetectionDelays, measureFalseAlarms } from "./detection-quality";
import type { SimulateOptions } from "./options";
import { replayAlerts } from "./replay-alerts";
import type { ReplayReport } from "./replay-alerts";
import { simulateTraffic } from "./traffic";

// The detection-quality bar, measured on the simulator's seeded streams and
// evaluated minute by minute as the scheduler does (5 s after each minute closes),
// with baselines from 14 days of history at the same rates.
const START = Date.UTC(2026, 10, 20, 9, 0);
const MIN = 60_000;
const SHIFT_MINUTE = 60;
const replay = { historyDays: 14, expectedIntervalSec: 120, settleMs: 5_000 };

function scenario(patch: Partial<SimulateOptions>): SimulateOptions {
  return {
    gates: 1,
    ratePerMinute: 10,
    surfaces: [{ name: "payments", weight: 1 }],
    deny: 0.02,
    silence: 0.005,
    shifts: [],
    drifts: [],
    silent: [],
    durationMinutes: 90,
    heartbeatSec: 30,
    seed: "1",
    startMs: START,
    ...patch,
  };
}

function run(options: SimulateOptions): ReplayReport {
  return replayAlerts([...simulateTraffic(options)], options, replay);
}

/** Minutes from the shift to the first transition into one of `states` on payments/DENY. */
function minutesToState(report: ReplayReport, states: readonly string[]): number | undefined {
  const shiftAt = START + SHIFT_MINUTE * MIN;
  const hit = report.rate.find((t) => t.surface === "payments" && t.outcome === "DENY" && t.at > shiftAt && states.includes(t.to));
  return hit === undefined ? undefined : (hit.at - shiftAt) / MIN;
}

const shiftTo = (rate: number) => [{ surface: "payments", outcome: "DENY" as const, rate, atMinute: SHIFT_MINUTE }];

describe("detection quality on seeded streams (medium sensitivity)", () => {
  it("fires within 3 minutes when DENY jumps 2 % → 40 % at ~10 decisions a minute", () => {
    const report = run(scenario({ shifts: shiftTo(0.4) }));
    expect(minutesToState(report, ["firing"])).toBeLessThanOrEqual(3);
    const firing = report.rate.find((t) => t.to === "firing");
    expect(firing?.evidence.severity).toBe("critical");
    expect(report.rate.every((t) => t.surface === "payments" && t.outcome === "DENY")).toBe(true);
  });

  it("fires within 15 minutes when DENY moves 2 % → 10 %", () => {
    const report = run(scenario({ shifts: shiftTo(0.1) }));
    expect(minutesToState(report, ["pending", "firing"])).toBeLessThanOrEqual(15);
    expect(minutesToState(report, ["firing"])).toBeLessThanOrEqual(15);
  });

  it("raises no alert on a stationary 2 % stream of 100,000 decisions across 20 surfaces", () => {
    const surfaces = Array.from({ length: 20 }, (_, i) => ({ name: `surface-${i + 1}`, weight: 1 }));
    const options = scenario({ gates: 4, surfaces, ratePerMinute: 200, durationMinutes: 500 });
    const events = [...simulateTraffic(options)];
    expect(events.filter((e) => e.kind === "decision").length).toBeGreaterThan(99_000);
    const report = replayAlerts(events, options, replay);
    expect(report.rate.filter((t) => t.to === "firing")).toEqual([]);
    expect(report.silence).toEqual([]);
    // Pending is a visible suspicion, never a notification; keep it rare too.
    expect(report.rate.filter((t) => t.to === "pending").length).toBeLessThanOrEqual(3);
  });

  it("raises exactly one silence alert and no rate alert when a gate goes silent", () => {
    const surfaces = Array.from({ length: 5 }, (_, i) => ({ name: `surface-${i + 1}`, weight: 1 }));
    const options = scenario({ gates: 3, surfaces, ratePerMinute: 60, silent: [{ gate: "gate-2", atMinute: 30 }] });
    const report = run(options);
    const raised = report.silence.filter((t) => t.to === "silent");
    expect(raised).toHaveLength(1);
    expect(raised[0]?.gate).toBe("gate-2");
    // Two evaluations past the 120 s interval after its last record near minute 30.
    expect(raised[0]?.at).toBeLessThanOrEqual(START + 34 * MIN);
    expect(report.rate).toEqual([]);
  });

  it("keeps a firing rate alert firing, and raises one silence alert, when the only gate then goes silent", () => {
    const options = scenario({ shifts: shiftTo(0.4), silent: [{ gate: "gate-1", atMinute: SHIFT_MINUTE + 5 }] });
    const report = run(options);
    expect(report.silence.filter((t) => t.to === "silent")).toHaveLength(1);
    expect(report.rate.filter((t) => t.to === "firing")).toHaveLength(1);
    // 25 minutes without data afterwards: missing data never resolves a rate alert.
    expect(report.rate.filter((t) => t.to === "resolved" || t.to === "normal")).toEqual([]);
  });
});

describe("detection quality across 40 seeded runs (medium sensitivity, 10 decisions a minute)", () => {
  const quality = { ratePerMinute: 10, baseRate: 0.02, historyDays: 14, seed: "quality", startMs: START };
  const params = SENSITIVITY_PRESETS.medium;
  const share = (values: readonly number[], limit: number) => values.filter((v) => v <= limit).length / values.length;
  const median = (values: readonly number[]) => values[Math.floor((values.length - 1) / 2)] ?? Infinity;

  it("catches 2 % → 40 % within 3 minutes nearly always", () => {
    const delays = measureDetectionDelays(quality, 0.4, 40, 30, params);
    expect(share(delays.firing, 3)).toBeGreaterThanOrEqual(0.85);
    expect(delays.firing.at(-1)).toBeLessThanOrEqual(6);
  });

  it("shows 2 % → 10 % within 15 minutes in most runs and pages in about three of four", () => {
    const delays = measureDetectionDelays(quality, 0.1, 40, 60, params);
    expect(share(delays.seen, 15)).toBeGreaterThanOrEqual(0.8);
    expect(share(delays.firing, 15)).toBeGreaterThanOrEqual(0.6);
    expect(median(delays.firing)).toBeLessThanOrEqual(15);
    expect(delays.firing.at(-1)).toBeLessThanOrEqual(45);
  });

  it("stays quiet on a surface that makes ten calls a day, over a year of history", () => {
    const quiet = { ...quality, ratePerMinute: 10 / 1440, seed: "ten-a-day" };
    const alarms = measureFalseAlarms(quiet, 365 * 1440, params);
    expect(alarms.trials).toBeGreaterThan(3_300);
    expect(alarms.firing).toBe(0);
  });
});
