import { describe, expect, it } from "vitest";
import { bernoulliDivergence, cusumIncrement, cusumStep, cusumThreshold, shiftRate } from "./cusum";

describe("Bernoulli CUSUM", () => {
  it("adds ln(p1/p0) per event and ln((1−p1)/(1−p0)) per non-event", () => {
    expect(cusumIncrement(1, 1, 0.02, 0.1)).toBeCloseTo(Math.log(5), 14);
    expect(cusumIncrement(0, 1, 0.02, 0.1)).toBeCloseTo(-0.08515780834030683, 14);
    expect(cusumIncrement(3, 10, 0.02, 0.1)).toBeCloseTo(3 * Math.log(5) + 7 * Math.log(0.9 / 0.98), 12);
    expect(cusumIncrement(0, 0, 0.02, 0.1)).toBe(0);
  });

  it("follows a known path over aggregated minutes, floored at zero", () => {
    const minutes: [n: number, k: number][] = [[10, 0], [10, 1], [10, 3], [5, 0], [0, 0], [12, 4], [40, 0]];
    const expected = [0, 0.8430176373713385, 5.075226716291491, 4.649437674589956, 4.649437674589956, 10.405926857603902, 6.999614523991627];
    let s = 0;
    const path = minutes.map(([n, k]) => (s = cusumStep(s, k, n, 0.02, 0.1)));
    path.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? NaN, 12));
  });

  it("refuses a design where p1 is not above p0", () => {
    expect(() => cusumIncrement(1, 2, 0.1, 0.1)).toThrow(TypeError);
    expect(() => cusumIncrement(1, 2, 0, 0.1)).toThrow(TypeError);
  });
});

describe("shiftRate", () => {
  it("takes the larger of the odds-ratio and absolute shifts", () => {
    expect(shiftRate(0.02, { oddsRatio: 5, delta: 0.01 })).toBeCloseTo(0.0925925925925926, 14);
    expect(shiftRate(0.02, { oddsRatio: 5, delta: 0.08 })).toBeCloseTo(0.1, 14);
  });

  it("stays below 1 for a surface that already denies most calls", () => {
    const p1 = shiftRate(0.9, { oddsRatio: 5, delta: 0.2 });
    expect(p1).toBeGreaterThan(0.9);
    expect(p1).toBeLessThan(1);
  });
});

describe("cusumThreshold", () => {
  it("inverts Siegmund's approximation ARL0 ≈ (e^h − h − 1) / KL(p0‖p1)", () => {
    const kl = bernoulliDivergence(0.02, 0.1);
    expect(kl).toBeCloseTo(0.051265893924818624, 14);
    const h = cusumThreshold(0.02, 0.1, 432_000);
    expect((Math.exp(h) - h - 1) / kl).toBeCloseTo(432_000, 3);
    expect(h).toBeCloseTo(10.005948, 5);
  });

  it("grows with the volume it must stay quiet through", () => {
    expect(cusumThreshold(0.02, 0.1, 4_320_000)).toBeGreaterThan(cusumThreshold(0.02, 0.1, 432_000) + 2);
  });
});
