import { makeRng, permutation } from '../util/rng';

export interface UniformOptions {
  /** Cap per query (default: none). */
  bmax?: number;
  /** Every query gets at least this (0 or 1); a total below n * minPerQuery throws. */
  minPerQuery?: 0 | 1;
  /** When set, the remainder goes to a seeded random subset instead of the first queries. */
  seed?: number;
}

/**
 * Uniform allocation: every query gets floor(B / n), and the remainder r = B - n floor(B / n)
 * goes one each to r queries: the first r by index, or a seeded random subset when `seed` is
 * given. Budgets are capped at bmax (units above n * bmax are not handed out).
 *
 * @example
 * uniformAllocate(3, 7); // Int32Array [3, 2, 2]
 */
export function uniformAllocate(n: number, total: number, opts: UniformOptions = {}): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`uniformAllocate: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(total) || total < 0) throw new Error(`uniformAllocate: total must be a non-negative integer, got ${total}`);
  const m = opts.minPerQuery ?? 0;
  if (m !== 0 && m !== 1) throw new Error(`uniformAllocate: minPerQuery must be 0 or 1, got ${m}`);
  if (total < m * n) throw new Error(`uniformAllocate: total ${total} is below minPerQuery * n = ${m * n}`);
  const cap = opts.bmax ?? Infinity;
  if (cap !== Infinity && (!Number.isInteger(cap) || cap < 1)) throw new Error(`uniformAllocate: bmax must be an integer >= 1, got ${cap}`);
  const b = new Int32Array(n);
  if (n === 0) return b;
  const base = Math.floor(total / n);
  if (base >= cap) return b.fill(cap);
  b.fill(base);
  const r = total - base * n;
  if (r > 0) {
    if (opts.seed === undefined) {
      for (let i = 0; i < r; i++) b[i]++;
    } else {
      const perm = permutation(n, makeRng(opts.seed));
      for (let t = 0; t < r; t++) b[perm[t]]++;
    }
  }
  return b;
}
