/**
 * Test helper (not a test file): a synthetic batch with known p per query, shaped like GSM8K
 * (many queries never / always solved), n samples each; and the logistic link.
 */
import type { Rng } from '../../lib/util/rng';

export function synth(nq: number, nSamples: number, rng: Rng): { p: Float64Array; n: Int32Array; c: Int32Array } {
  const p = new Float64Array(nq);
  const n = new Int32Array(nq).fill(nSamples);
  const c = new Int32Array(nq);
  for (let i = 0; i < nq; i++) {
    const u = rng.next();
    p[i] = u < 0.3 ? 0.02 * rng.next() : u < 0.45 ? 1 - 0.02 * rng.next() : rng.beta(1, 1);
    for (let t = 0; t < nSamples; t++) if (rng.next() < p[i]) c[i]++;
  }
  return { p, n, c };
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));
