import { describe, expect, it } from "vitest";
import { bucketFor, bucketize } from "./buckets";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./counts";
import { wilsonInterval } from "./wilson";

const T0 = Date.UTC(2026, 10, 22, 0, 0);

describe("bucketFor", () => {
  it.each([
    [HOUR_MS, MINUTE_MS],
    [6 * HOUR_MS, 5 * MINUTE_MS],
    [DAY_MS, 5 * MINUTE_MS],
    [7 * DAY_MS, HOUR_MS],
    [30 * DAY_MS, 6 * HOUR_MS],
    [90 * DAY_MS, DAY_MS],
  ])("range %i ms → %i ms buckets", (range, bucket) => {
    expect(bucketFor(range)).toBe(bucket);
  });
});

describe("bucketize", () => {
  it("sums aligned buckets, keeps empty ones as gaps, and attaches Wilson intervals", () => {
    const counts = [
      { minute: T0 + 0 * MINUTE_MS, n: 10, k: 1 },
      { minute: T0 + 4 * MINUTE_MS, n: 10, k: 3 },
      { minute: T0 + 12 * MINUTE_MS, n: 5, k: 0 },
      { minute: T0 + 20 * MINUTE_MS, n: 99, k: 99 }, // outside [from, to)
    ];
    const buckets = bucketize(counts, { from: T0 + 2 * MINUTE_MS, to: T0 + 15 * MINUTE_MS, bucketMs: 5 * MINUTE_MS });
    expect(buckets.map((b) => [b.start, b.n, b.k, b.rate])).toEqual([
      [T0, 20, 4, 0.2],
      [T0 + 5 * MINUTE_MS, 0, 0, null],
      [T0 + 10 * MINUTE_MS, 5, 0, 0],
    ]);
    expect(buckets[0]?.interval).toEqual(wilsonInterval(4, 20));
    expect(buckets[1]?.interval).toEqual([0, 1]);
  });

  it("refuses a bucket that is not a whole number of minutes", () => {
    expect(() => bucketize([], { from: T0, to: T0 + HOUR_MS, bucketMs: 90_000 })).toThrow(TypeError);
  });
});
