/**
 * From predictions to the per-query gain table the allocator consumes.
 *
 * Binary rewards: with success probability p per sample, the chance that best-of-b is correct
 * is 1 - (1-p)^b, so the marginal gain of the j-th sample is Delta_j = p (1-p)^(j-1),
 * j = 1..bmax. Powers are built by repeated multiplication (no pow in the loop).
 *
 * @example
 * successGainTable(Float64Array.of(0.5), 3).gains; // [0.5, 0.25, 0.125]
 */
import type { GainTable } from '../rewards/types';

export function successGainTable(p: ArrayLike<number>, bmax: number): GainTable {
  if (!Number.isInteger(bmax) || bmax < 1) throw new Error(`successGainTable: bmax must be a positive integer, got ${bmax}`);
  const n = p.length;
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (!(pi >= 0 && pi <= 1)) throw new Error(`successGainTable: p[${i}] = ${pi} is not in [0, 1]`);
    const q = 1 - pi;
    let pow = 1;
    for (let j = 0; j < bmax; j++) {
      gains[i * bmax + j] = pi * pow;
      pow *= q;
    }
  }
  return { n, bmax, gains };
}

/** Wrap a GainVectorPredictor's row-major n x bmax output as a GainTable (validated). */
export function gainVectorTable(pred: Float64Array, n: number, bmax: number): GainTable {
  if (pred.length !== n * bmax) throw new Error(`gainVectorTable: ${pred.length} values, expected ${n} x ${bmax}`);
  for (let t = 0; t < pred.length; t++) {
    if (!(pred[t] >= 0)) throw new Error(`gainVectorTable: query ${Math.floor(t / bmax)}, j=${(t % bmax) + 1}: gain ${pred[t]} is negative or NaN`);
  }
  return { n, bmax, gains: pred };
}
