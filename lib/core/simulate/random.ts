// xoshiro128** (Blackman & Vigna) seeded through splitmix32 from a 32-bit FNV-1a hash of
// the seed text: small, fast, and the same stream on every platform for the same seed.

/** A seeded source of pseudo-random numbers and the few distributions the simulator needs. */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Exponential waiting time with the given rate. */
  exponential(rate: number): number;
  /** Poisson count with the given mean. */
  poisson(mean: number): number;
  /** Binomial count of n trials with probability p. */
  binomial(n: number, p: number): number;
};

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function xoshiro128ss(seed: number): () => number {
  // Returns 32-bit unsigned integers.
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Poisson by inversion, in chunks of mean ≤ 30 (a sum of Poissons is Poisson) so e^−mean never underflows. */
function poisson(next: () => number, mean: number): number {
  let total = 0;
  for (let left = mean; left > 0; left -= 30) {
    const chunk = Math.min(left, 30);
    const limit = Math.exp(-chunk);
    let product = next();
    while (product > limit) {
      total++;
      product *= next();
    }
  }
  return total;
}

/** Binomial by geometric skips between successes: O(expected successes), exact for any n. */
function binomial(next: () => number, n: number, p: number): number {
  if (p <= 0 || n === 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(next, n, 1 - p);
  const logQ = Math.log1p(-p);
  let successes = 0;
  let position = 0;
  for (;;) {
    position += Math.floor(Math.log(1 - next()) / logQ) + 1;
    if (position > n) return successes;
    successes++;
  }
}

/** A deterministic random source: the same seed gives the same numbers everywhere. */
export function createRandom(seed: string | number): Random {
  const uint32 = xoshiro128ss(fnv1a(String(seed)));
  const next = () => uint32() / 4294967296;
  return {
    next,
    uint32,
    int: (n) => Math.floor(next() * n),
    exponential: (rate) => -Math.log(1 - next()) / rate,
    poisson: (mean) => poisson(next, mean),
    binomial: (n, p) => binomial(next, n, p),
  };
}
