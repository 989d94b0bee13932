import { describe, expect, it } from "vitest";
import { Z_ONE_SIDED_95, Z_TWO_SIDED_95, wilsonInterval } from "./wilson";

describe("wilsonInterval", () => {
  it("matches Newcombe's (1998) worked example 81/263 → 0.2553–0.3662", () => {
    const [lo, hi] = wilsonInterval(81, 263, Z_TWO_SIDED_95);
    expect(lo).toBeCloseTo(0.2552885198782742, 12);
    expect(hi).toBeCloseTo(0.3662095769828, 12);
  });

  it.each([
    [0, 10, 0, 0.2775327998628892],
    [1, 10, 0.01787621309507291, 0.4041500267952384],
    [15, 150, 0.06154138382631411, 0.15843481166814716],
    [10, 10, 0.7224672001371109, 1],
    [4000, 200_000, 0.01939559017740039, 0.020622848470782402],
  ])("%i of %i → [%f, %f]", (k, n, lo, hi) => {
    const interval = wilsonInterval(k, n);
    expect(interval[0]).toBeCloseTo(lo, 12);
    expect(interval[1]).toBeCloseTo(hi, 12);
  });

  it("knows nothing from nothing and narrows with the one-sided z", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    const wide = wilsonInterval(3, 30, Z_TWO_SIDED_95);
    const narrow = wilsonInterval(3, 30, Z_ONE_SIDED_95);
    expect(narrow[1]).toBeLessThan(wide[1]);
    expect(narrow[0]).toBeGreaterThan(wide[0]);
  });

  it("refuses impossible counts", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(TypeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(TypeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(TypeError);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(TypeError);
  });
});

