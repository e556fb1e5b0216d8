/**
 * Seeded pseudo-random numbers: every random choice in the workspace goes through one of these
 * generators, so a fixed seed gives identical results on every run and machine.
 *
 * Generator: mulberry32 (Tommy Ettinger), 32-bit state, period 2^32. Good enough for
 * bootstrap resampling and shuffles; not for cryptography.
 *
 * @example
 * const rng = makeRng(42); rng.next(); // a number in [0, 1), the same for seed 42 every time
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Gamma(shape, 1) (Marsaglia-Tsang; shape < 1 by the boost u^(1/shape)). */
  gamma(shape: number): number;
  /** Beta(a, b) as Ga/(Ga+Gb). */
  beta(a: number, b: number): number;
}

export function makeRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`makeRng: seed must be a finite number, got ${seed}`);
  let state = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new Error(`gamma: shape must be > 0, got ${shape}`);
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = next();
      return gamma(shape + 1) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal,
    gamma,
    beta: (a: number, b: number) => {
      const x = gamma(a);
      const y = gamma(b);
      return x / (x + y);
    },
  };
}

/** Fisher-Yates shuffle of 0..n-1 with a seeded generator. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
