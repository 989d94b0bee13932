import { binomialLogCdf, binomialLogSf } from "./binomial-tail";
import { assertCounts } from "./wilson";

const LN_10 = Math.log(10);
/** Scores are capped here so one enormous surface does not flatten every other in a sort. */
export const MAX_DISTANCE = 300;

/**
 * Signed distance of k events in n trials from a baseline rate, for sorting an
 * overview: +(−log10 of the upper-tail p-value) when above the baseline,
 * −(−log10 of the lower-tail p-value) when below, 0 with no trials.
 */
export function baselineDistance(k: number, n: number, baselineRate: number): number {
  assertCounts(k, n);
  if (!(baselineRate > 0 && baselineRate < 1)) throw new TypeError("baselineRate must be in (0, 1)");
  if (n === 0) return 0;
  const expected = n * baselineRate;
  if (k === expected) return 0;
  const above = k > expected;
  const lnP = above ? binomialLogSf(k, n, baselineRate) : binomialLogCdf(k, n, baselineRate);
  const score = Math.min(MAX_DISTANCE, -lnP / LN_10);
  return above ? score : -score;
}
