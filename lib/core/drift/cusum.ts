/**
 * Log-likelihood ratio of k events in n trials under rate p1 against rate p0: the
 * Bernoulli CUSUM increment for one aggregated bucket.
 */
export function cusumIncrement(k: number, n: number, p0: number, p1: number): number {
  if (!(p0 > 0 && p0 < p1 && p1 < 1)) throw new TypeError(`need 0 < p0 < p1 < 1, got p0=${p0} p1=${p1}`);
  if (n === 0) return 0;
  return k * Math.log(p1 / p0) + (n - k) * (Math.log1p(-p1) - Math.log1p(-p0));
}

/** One step of the one-sided Bernoulli CUSUM: S ← max(0, S + LLR(k, n)). */
export function cusumStep(s: number, k: number, n: number, p0: number, p1: number): number {
  return Math.max(0, s + cusumIncrement(k, n, p0, p1));
}

/** How far above the baseline a rate must move to be worth detecting. */
export type ShiftSize = {
  /** Relative shift on the odds scale: p1/(1−p1) ≥ oddsRatio · p0/(1−p0). */
  oddsRatio: number;
  /** Absolute shift: p1 ≥ p0 + delta. */
  delta: number;
};

/** The out-of-control rate the CUSUM is tuned for: the larger of the odds-ratio and absolute shifts. */
export function shiftRate(p0: number, shift: ShiftSize): number {
  if (!(p0 > 0 && p0 < 1)) throw new TypeError(`p0 must be in (0, 1), got ${p0}`);
  if (!(shift.oddsRatio > 1) || !(shift.delta >= 0)) throw new TypeError("shift needs oddsRatio > 1 and delta ≥ 0");
  const odds = (p0 / (1 - p0)) * shift.oddsRatio;
  const p1 = Math.max(odds / (1 + odds), p0 + shift.delta);
  // Keep p1 < 1 so the non-event term stays finite.
  return Math.min(p1, (1 + p0) / 2);
}

/** Kullback–Leibler divergence KL(Bern(p) ‖ Bern(q)) in nats: the CUSUM's drift per trial. */
export function bernoulliDivergence(p: number, q: number): number {
  const a = p === 0 ? 0 : p * Math.log(p / q);
  const b = p === 1 ? 0 : (1 - p) * Math.log((1 - p) / (1 - q));
  return a + b;
}

/**
 * Threshold h whose in-control average run length is about `targetTrials`, from
 * Siegmund's approximation ARL0 ≈ (e^h − h − 1) / KL(p0 ‖ p1). It ignores the
 * overshoot, so the true ARL0 is longer (docs/alerting.md has measured figures).
 */
export function cusumThreshold(p0: number, p1: number, targetTrials: number): number {
  if (!(targetTrials > 0)) throw new TypeError("targetTrials must be positive");
  const goal = targetTrials * bernoulliDivergence(p0, p1);
  let lo = 0;
  let hi = 1;
  while (Math.exp(hi) - hi - 1 < goal) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (Math.exp(mid) - mid - 1 < goal) lo = mid;
    else hi = mid;
  }
  return hi;
}
