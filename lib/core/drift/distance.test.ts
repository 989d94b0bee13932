import { describe, expect, it } from "vitest";
import { MAX_DISTANCE, baselineDistance } from "./distance";

describe("baselineDistance", () => {
  it("is −log10 of the exact upper-tail p-value above the baseline", () => {
    // P[X ≥ 10 | 150, 0.02] = 9.4695e-4.
    expect(baselineDistance(10, 150, 0.02)).toBeCloseTo(-Math.log10(0.00094695015045977945), 10);
  });

  it("is negative below the baseline and zero at it or without data", () => {
    // P[X ≤ 0 | 1000, 0.02] = 1.683e-9.
    expect(baselineDistance(0, 1000, 0.02)).toBeCloseTo(Math.log10(1.6829673572159549e-9), 10);
    expect(baselineDistance(2, 100, 0.02)).toBe(0);
    expect(baselineDistance(0, 0, 0.02)).toBe(0);
  });

  it("orders a small surface's blip below a large surface's shift and caps extremes", () => {
    expect(baselineDistance(2, 10, 0.02)).toBeLessThan(baselineDistance(40, 1000, 0.02));
    expect(baselineDistance(40_000, 100_000, 0.02)).toBe(MAX_DISTANCE);
  });
});
