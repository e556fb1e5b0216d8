import type { GainTable } from './types';

/**
 * Marginal gain of the j-th sample (j >= 1) for a binary reward with success probability p:
 *
 *   Delta_j = P(first success at draw j) = p (1 - p)^(j - 1)
 *
 * (q(b) = 1 - (1-p)^b, the pass@b of independent draws). The float value is DEFINED as the
 * left-to-right product p * (1-p) * (1-p) * ... (j - 1 factors 1 - p), so that
 * successGain(p, j + 1) === successGain(p, j) * (1 - p) exactly: an allocator walking down a
 * query's gains multiplies once per unit instead of calling Math.pow (the heap greedy at 1e6
 * queries spent a third of its time in pow), and the gains are non-increasing in j by
 * construction (rounding is monotone and 1 - p <= 1; pow's results are not guaranteed to be).
 * `successGains`, the threshold allocator and the heap greedy all use this one definition, so
 * they see bit-identical gains and break ties identically. It is also what the Python baseline
 * computes (gain * (1 - p) per unit). Relative error vs the real number: at most ~j ulps.
 *
 * @example
 * successGain(0.5, 3); // 0.125
 */
export function successGain(p: number, j: number): number {
  const q = 1 - p;
  let g = p;
  for (let t = 1; t < j; t++) g *= q;
  return g;
}

/**
 * Gain table of binary-reward queries from their success probabilities:
 * gains[i * bmax + j - 1] = successGain(p[i], j), j = 1..bmax. Throws on p outside [0, 1].
 *
 * @example
 * successGains(Float64Array.of(0.5), 2).gains; // Float64Array [0.5, 0.25]
 */
export function successGains(p: Float64Array, bmax: number): GainTable {
  if (!Number.isInteger(bmax) || bmax < 1) throw new Error(`successGains: bmax must be an integer >= 1, got ${bmax}`);
  const n = p.length;
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (!(pi >= 0 && pi <= 1)) throw new Error(`successGains: p[${i}] = ${pi} is not a probability in [0, 1]`);
    const off = i * bmax;
    const qi = 1 - pi;
    let g = pi;
    for (let j = 1; j <= bmax; j++) {
      gains[off + j - 1] = g; // === successGain(pi, j)
      g *= qi;
    }
  }
  return { n, bmax, gains };
}
