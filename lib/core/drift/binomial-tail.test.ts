import { describe, expect, it } from "vitest";
import { binomialLogPmf } from "./binomial-pmf";
import { binomialLogCdf, binomialLogSf, binomialSfExact } from "./binomial-tail";

// Reference values: exact sums in 50-digit arithmetic (mpmath), which R's pbinom/dbinom
// and scipy.stats.binom match to the digits shown.
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

describe("binomial tails", () => {
  it.each([
    [4, 10, 0.02, 3.0505768034140162e-5],
    [10, 150, 0.02, 0.00094695015045977945],
    [15, 150, 0.1, 0.53978586127631621],
    [60, 1000, 0.03, 5.8022259241579868e-7],
    [2100, 100_000, 0.02, 0.012768717508374038],
    [3000, 100_000, 0.02, 1.3608252727130549e-98],
  ])("P[X ≥ %i | n=%i, p=%f] = %e", (k, n, p, expected) => {
    expectRelative(binomialSfExact(k, n, p), expected, 1e-11);
  });

  it("keeps tails far below the smallest double in log space", () => {
    // P[X ≥ 40000 | n=100000, p=0.02] = 5.176e-39260.
    expectRelative(binomialLogSf(40_000, 100_000, 0.02), -90397.846711222054, 1e-12);
    expect(binomialSfExact(40_000, 100_000, 0.02)).toBe(0);
  });

  it("gives the lower tail through the symmetry", () => {
    expectRelative(binomialLogCdf(1900, 100_000, 0.02), -4.4367773150066805, 1e-10);
    expectRelative(binomialLogCdf(0, 1000, 0.02), -20.202707317519449, 1e-12);
  });

  it("handles the edges exactly", () => {
    expect(binomialSfExact(0, 10, 0.3)).toBe(1);
    expect(binomialSfExact(-2, 10, 0.3)).toBe(1);
    expect(binomialSfExact(11, 10, 0.3)).toBe(0);
    expect(binomialSfExact(1, 10, 0)).toBe(0);
    expect(binomialSfExact(10, 10, 1)).toBe(1);
    expect(binomialSfExact(1, 1, 0.5)).toBe(0.5);
    expectRelative(binomialSfExact(5, 5, 0.3), 0.3 ** 5, 1e-14);
    expect(() => binomialSfExact(1, 10, 1.5)).toThrow(TypeError);
    expect(() => binomialSfExact(1, -1, 0.5)).toThrow(TypeError);
  });

  it("computes log probabilities accurately even at n = 100,000", () => {
    expectRelative(binomialLogPmf(3, 10, 0.3), -1.3211512777668886, 1e-14);
    expectRelative(binomialLogPmf(2000, 100_000, 0.02), -4.7093300929900764, 1e-13);
    expectRelative(binomialLogPmf(0, 50, 0.01), -0.50251679267507207, 1e-14);
    expectRelative(binomialLogPmf(50, 50, 0.99), -0.50251679267507251, 1e-14);
    expect(binomialLogPmf(11, 10, 0.5)).toBe(-Infinity);
  });
});
