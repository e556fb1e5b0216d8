import type { GainTable } from './types';

/**
 * Marginal gain of the j-th sample (j >= 1) for a binary reward with success probability p:
 *
 *   Delta_j = P(first success at draw j) = p (1 - p)^(j - 1)
 *
 * (q(b) = 1 - (1-p)^b, the pass@b of independent draws). This one float expression,
 * `p * Math.pow(1 - p, j - 1)`, is shared by `successGains` and the threshold allocator so that
 * both see bit-identical gains (and break ties identically). Non-increasing in j.
 *
 * @example
 * successGain(0.5, 3); // 0.125
 */
export function successGain(p: number, j: number): number {
  return p * Math.pow(1 - p, j - 1);
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
    for (let j = 1; j <= bmax; j++) gains[off + j - 1] = successGain(pi, j);
  }
  return { n, bmax, gains };
}
