import { describe, expect, it } from "vitest";
import { chartWindow, sparklineWindow } from "./drift-range";
import { baselineBand, distanceFrom, driftPoints, type BaselineView } from "./series";

const T = Date.UTC(2026, 10, 20, 9, 0);
const baseline: BaselineView = { status: "ready", rate: 0.02, detectionRate: 0.025, hourlySpread: 0, trials: 100_000, trialsPerDay: 7200, asOf: new Date(T).toISOString() };

describe("drift chart series", () => {
  it("picks the bucket width and rollup per range, ending after the current bucket", () => {
    const end = T + 7 * 60_000 + 12_000;
    expect(chartWindow("1h", end)).toEqual({ range: "1h", from: T + 8 * 60_000 - 3_600_000, to: T + 8 * 60_000, bucketMs: 60_000, table: "minute" });
    expect(chartWindow("24h", end)).toMatchObject({ bucketMs: 300_000, to: T + 10 * 60_000, table: "minute" });
    expect(chartWindow("7d", end)).toMatchObject({ bucketMs: 3_600_000, to: T + 3_600_000, table: "hour" });
    expect(chartWindow("30d", end)).toMatchObject({ bucketMs: 6 * 3_600_000, table: "hour" });
    expect(sparklineWindow("24h", end)).toMatchObject({ bucketMs: 3_600_000, table: "hour" });
    expect(sparklineWindow("1h", end)).toMatchObject({ bucketMs: 3 * 60_000, table: "minute" });
  });

  it("draws the baseline's 95 % band for a bucket's volume: binomial noise plus the hour-to-hour spread", () => {
    const [lo, hi] = baselineBand(baseline, 100)!;
    const sd = Math.sqrt((0.02 * 0.98) / 100);
    expect(lo).toBe(0); // 2 % − 1.96·1.4 % is below zero
    expect(hi).toBeCloseTo(0.02 + 1.959964 * sd, 6);
    const [, wider] = baselineBand({ ...baseline, hourlySpread: 0.01 }, 100)!;
    expect(wider).toBeCloseTo(0.02 + 1.959964 * Math.sqrt(sd ** 2 + 0.0001), 6);
    expect(baselineBand(baseline, 0)).toBeNull();
  });

  it("returns every bucket, a gap (null) for an empty one, with Wilson intervals and bands", () => {
    const rows = [
      { at: T, surface: "payments", n: 50, deny: 20, silence: 1 },
      { at: T + 2 * 60_000, surface: "payments", n: 10, deny: 0, silence: 0 },
    ];
    const points = driftPoints(rows, { from: T, to: T + 3 * 60_000, bucketMs: 60_000 }, { DENY: baseline, SILENCE: null });
    expect(points.map((p) => [p.n, p.DENY.rate])).toEqual([[50, 0.4], [0, null], [10, 0]]);
    expect(points[0]!.DENY.interval[0]).toBeCloseTo(0.276, 2);
    expect(points[0]!.DENY.band).not.toBeNull();
    expect(points[0]!.SILENCE.band).toBeNull();
  });

  it("scores distance from the baseline: far above is large, at the baseline is small, no data is 0", () => {
    expect(distanceFrom(40, 100, 0.02)).toBeGreaterThan(30);
    expect(Math.abs(distanceFrom(2, 100, 0.02))).toBeLessThan(1);
    expect(distanceFrom(0, 0, 0.02)).toBe(0);
    expect(distanceFrom(5, 10, 0)).toBeGreaterThan(0); // a 0 % baseline does not throw
    expect(distanceFrom(5, 10, null)).toBe(0);
  });
});
