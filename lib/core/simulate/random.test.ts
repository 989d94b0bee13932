import { describe, expect, it } from "vitest";
import { createRandom } from "./random";

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe("createRandom", () => {
  it("replays the same stream for the same seed, in number or text form", () => {
    const a = createRandom(42);
    const b = createRandom("42");
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
  });

  it("draws Poisson and binomial counts with the right means and spreads", () => {
    const random = createRandom("distributions");
    const small = Array.from({ length: 20_000 }, () => random.poisson(10));
    const large = Array.from({ length: 2_000 }, () => random.poisson(250));
    const binomial = Array.from({ length: 20_000 }, () => random.binomial(200, 0.02));
    const heavy = Array.from({ length: 20_000 }, () => random.binomial(50, 0.9));
    // Standard errors: 0.022, 0.35, 0.014, 0.015; bounds at about 4 of them.
    expect(mean(small)).toBeGreaterThan(9.9);
    expect(mean(small)).toBeLessThan(10.1);
    expect(mean(large)).toBeGreaterThan(248.5);
    expect(mean(large)).toBeLessThan(251.5);
    expect(mean(binomial)).toBeGreaterThan(3.94);
    expect(mean(binomial)).toBeLessThan(4.06);
    expect(mean(heavy)).toBeGreaterThan(44.94);
    expect(mean(heavy)).toBeLessThan(45.06);
    const variance = mean(small.map((x) => (x - 10) ** 2));
    expect(variance).toBeGreaterThan(9.5);
    expect(variance).toBeLessThan(10.5);
    expect(Math.max(...binomial)).toBeLessThanOrEqual(200);
  });
});
