import { describe, expect, it } from "vitest";
import { DEFAULT_BASELINE_PARAMS, estimateBaseline } from "./baseline";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./counts";
import type { MinuteCount } from "./counts";

const ASOF = Date.UTC(2026, 10, 22, 12, 0);

/** One row per hour for `days` days before the guard, each n trials with k events. */
function hourlyRows(days: number, n: number, k: (hour: number) => number): MinuteCount[] {
  const end = ASOF - DEFAULT_BASELINE_PARAMS.guardMs;
  return Array.from({ length: days * 24 }, (_, i) => ({ minute: end - (i + 1) * HOUR_MS, n, k: k(i) }));
}

describe("estimateBaseline", () => {
  it("shrinks toward the fleet rate with the prior's weight", () => {
    // 10 days × 24 h × 100 trials, 2 % events; 100 pseudo-trials at the fleet's 5 %.
    const history = hourlyRows(10, 100, () => 2);
    const baseline = estimateBaseline({ history, fleetRate: 0.05, excluded: [], asOf: ASOF });
    expect(baseline.status).toBe("ready");
    expect(baseline.trials).toBe(24_000);
    expect(baseline.events).toBe(480);
    expect(baseline.rate).toBeCloseTo((480 + 100 * 0.05) / 24_100, 15);
    expect(baseline.hourlySpread).toBe(0);
    const se = Math.sqrt((baseline.rate * (1 - baseline.rate)) / 24_100);
    expect(baseline.detectionRate).toBeCloseTo(baseline.rate + 1.6448536269514722 * se, 15);
    expect(baseline.trialsPerDay).toBeCloseTo(2400, 6);
  });

  it("leaves out excluded periods, the guard, and anything older than the window", () => {
    const history = [
      ...hourlyRows(3, 100, () => 2),
      { minute: ASOF - 15 * DAY_MS, n: 1000, k: 900 },
      { minute: ASOF - 10 * MINUTE_MS, n: 1000, k: 900 },
      { minute: ASOF - 2 * DAY_MS + 30 * MINUTE_MS, n: 1000, k: 900 },
    ];
    const excluded = [{ from: ASOF - 2 * DAY_MS + 25 * MINUTE_MS, to: ASOF - 2 * DAY_MS + 35 * MINUTE_MS }];
    const baseline = estimateBaseline({ history, fleetRate: 0.02, excluded, asOf: ASOF });
    expect(baseline.trials).toBe(7200);
    expect(baseline.events).toBe(144);
  });

  it("keeps a surface without events above the floor, so it is not hair-trigger", () => {
    const baseline = estimateBaseline({ history: hourlyRows(14, 50, () => 0), fleetRate: 0, excluded: [], asOf: ASOF });
    expect(baseline.rate).toBe(0);
    expect(baseline.detectionRate).toBe(DEFAULT_BASELINE_PARAMS.floor);
  });

  it("is learning with too short a history or too few trials", () => {
    const young = estimateBaseline({ history: hourlyRows(2, 100, () => 2), fleetRate: 0.02, excluded: [], asOf: ASOF });
    expect(young.status).toBe("learning");
    const thin = estimateBaseline({ history: hourlyRows(14, 0, () => 0).slice(0, 1), fleetRate: 0.02, excluded: [], asOf: ASOF });
    expect(thin.status).toBe("learning");
    expect(thin.rate).toBeCloseTo(0.02, 15);
    const quiet = [{ minute: ASOF - 10 * DAY_MS, n: 5, k: 0 }, { minute: ASOF - 2 * HOUR_MS, n: 5, k: 0 }];
    expect(estimateBaseline({ history: quiet, fleetRate: 0.02, excluded: [], asOf: ASOF }).status).toBe("learning");
  });

  it("widens the detection rate when the rate swings from hour to hour beyond binomial noise", () => {
    // Alternating 1 % and 5 % hours: same mean as a steady 3 %, far more spread.
    const steady = estimateBaseline({ history: hourlyRows(13, 1000, () => 30), fleetRate: 0.03, excluded: [], asOf: ASOF });
    const swinging = estimateBaseline({
      history: hourlyRows(13, 1000, (h) => (h % 2 === 0 ? 10 : 50)),
      fleetRate: 0.03,
      excluded: [],
      asOf: ASOF,
    });
    expect(swinging.rate).toBeCloseTo(steady.rate, 12);
    expect(steady.hourlySpread).toBe(0);
    expect(swinging.hourlySpread).toBeGreaterThan(0.015);
    expect(swinging.detectionRate).toBeGreaterThan(steady.detectionRate + 0.02);
  });
});
