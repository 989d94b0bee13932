import { binomialLogPmf } from "./binomial-pmf";
import { assertCounts } from "./wilson";

// P[X ≥ k] for X ~ Binomial(n, p) equals the regularized incomplete beta I_p(k, n−k+1).
// Its continued fraction (Lentz, as in Numerical Recipes' betacf) converges in
// O(√n) steps; the prefactor is (1−p)·P[X = k], taken from the accurate log pmf.

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** Continued fraction of I_x(a, b), valid (fast) for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) return h;
  }
  throw new RangeError(`incomplete beta did not converge for a=${a}, b=${b}, x=${x}`);
}

function assertProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new TypeError(`p must be in [0, 1], got ${p}`);
}

/** ln P[X ≥ k] for X ~ Binomial(n, p), exact (no normal approximation), finite or −Infinity. */
export function binomialLogSf(k: number, n: number, p: number): number {
  if (!Number.isSafeInteger(k)) throw new TypeError(`k must be an integer, got ${k}`);
  assertCounts(0, n);
  assertProbability(p);
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  if (p === 0) return -Infinity;
  if (p === 1) return 0;
  const a = k;
  const b = n - k + 1;
  if (p < (a + 1) / (a + b + 2)) {
    // Upper tail is the small side: I_p(a, b) = (1−p)·pmf(k) · CF(a, b, p).
    return Math.log1p(-p) + binomialLogPmf(k, n, p) + Math.log(betaContinuedFraction(a, b, p));
  }
  // Upper tail is the large side: 1 − I_{1−p}(b, a), where I_{1−p}(b, a) = p·pmf(k−1) · CF(b, a, 1−p).
  const logLower = Math.log(p) + binomialLogPmf(k - 1, n, p) + Math.log(betaContinuedFraction(b, a, 1 - p));
  return Math.log1p(-Math.exp(logLower));
}

/** Exact binomial upper tail P[X ≥ k] for X ~ Binomial(n, p): the one-sided p-value of k events. */
export function binomialSfExact(k: number, n: number, p: number): number {
  return Math.exp(binomialLogSf(k, n, p));
}

/** ln P[X ≤ k] for X ~ Binomial(n, p): the lower tail, through the symmetry X ↔ n − X. */
export function binomialLogCdf(k: number, n: number, p: number): number {
  if (!Number.isSafeInteger(k)) throw new TypeError(`k must be an integer, got ${k}`);
  assertCounts(0, n);
  assertProbability(p);
  return binomialLogSf(n - k, n, 1 - p);
}
