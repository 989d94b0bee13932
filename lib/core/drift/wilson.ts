/** A two-sided confidence interval for a proportion, both ends in [0, 1]. */
export type Interval = readonly [lo: number, hi: number];

/** z of a two-sided 95 % interval (each end is a one-sided 97.5 % bound). */
export const Z_TWO_SIDED_95 = 1.959963984540054;
/** z of a one-sided 95 % bound. */
export const Z_ONE_SIDED_95 = 1.6448536269514722;

/** Throws TypeError unless 0 ≤ k ≤ n are safe integers (counts come from our own queries). */
export function assertCounts(k: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new TypeError(`k must be an integer in [0, n], got ${k}`);
}

/**
 * Wilson score interval for k events in n trials; with no trials it is [0, 1]
 * (we know nothing), never NaN.
 */
export function wilsonInterval(k: number, n: number, z: number = Z_TWO_SIDED_95): Interval {
  assertCounts(k, n);
  if (!(z > 0)) throw new TypeError("z must be positive");
  if (n === 0) return [0, 1];
  const z2 = z * z;
  const denom = n + z2;
  const center = (k + z2 / 2) / denom;
  const half = (z / denom) * Math.sqrt((k * (n - k)) / n + z2 / 4);
  // At k = 0 or k = n the bound is exactly 0 or 1; clamp away rounding noise.
  const lo = k === 0 ? 0 : Math.max(0, center - half);
  const hi = k === n ? 1 : Math.min(1, center + half);
  return [lo, hi];
}
