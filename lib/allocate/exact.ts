import type { GainTable } from '../rewards/types';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/** Options of the exact dynamic program. */
export interface ExactAllocateOptions extends AllocateOptions {
  /** Refuse instances with more than this many DP cell updates n (K+1) (cap-m) (default 2e9). */
  maxOps?: number;
}

/**
 * Exact allocation for arbitrary (not necessarily non-increasing) gains: the multiple-choice
 * knapsack dynamic program over queries,
 *
 *   f_i(w) = max_{u = 0..cap-m} f_{i-1}(w - u) + v_i(u),   v_i(u) = sum_{j=m+1..m+u} Delta_ij,
 *
 * O(n K (cap - m)) time and an n x (K+1) choice table for the backtrack (typed arrays), where
 * K = min(B - m n, n (cap - m)). Without `stopAtZeroGain` the sum of units is exactly K (as the
 * greedy's); with it, any sum <= K, choosing the best (and among equal values, the smallest
 * total), so no query keeps a block of units whose gains sum to <= 0. Among equal values for a
 * query the smaller budget wins.
 *
 * @example
 * // q_0 = [0, 0.1, 0.9] (non-concave), q_1 = [0, 0.5, 0.6]; B = 2: greedy takes 0.5 + 0.1,
 * // the optimum gives both units to query 0 (0.9).
 * exactAllocate({ n: 2, bmax: 2, gains: Float64Array.of(0.1, 0.8, 0.5, 0.1) }, 2); // Int32Array [2, 0]
 */
export function exactAllocate(gains: GainTable, total: number, opts: ExactAllocateOptions = {}): Int32Array {
  const { n, bmax } = gains;
  const g = gains.gains;
  if (g.length !== n * bmax) throw new Error(`exactAllocate: gains has length ${g.length}, expected n*bmax = ${n * bmax}`);
  const { cap, m, stopAtZeroGain, units: K } = resolveAllocateOptions('exactAllocate', n, bmax, total, opts);
  const U = cap - m;
  const budgets = new Int32Array(n).fill(m);
  if (K <= 0 || U === 0) return budgets;
  const ops = n * (K + 1) * U;
  const maxOps = opts.maxOps ?? 2e9;
  if (ops > maxOps) {
    throw new Error(`exactAllocate: instance needs ${ops.toExponential(2)} DP updates (> maxOps ${maxOps.toExponential(2)}); use allocate(), which falls back to the concave hull`);
  }
  const W = K + 1;
  const choice = U < 256 ? new Uint8Array(n * W) : U < 65536 ? new Uint16Array(n * W) : new Int32Array(n * W);
  let f = new Float64Array(W).fill(-Infinity);
  let nf = new Float64Array(W);
  f[0] = 0;
  const v = new Float64Array(U + 1);
  let reach = 0;
  for (let i = 0; i < n; i++) {
    const o = i * bmax + m;
    for (let u = 1; u <= U; u++) {
      const d = g[o + u - 1];
      if (d !== d) throw new Error(`exactAllocate: gain of query ${i}, unit ${m + u} is NaN`);
      v[u] = v[u - 1] + d;
    }
    const newReach = Math.min(K, reach + U);
    const row = i * W;
    for (let w = 0; w <= newReach; w++) {
      let best = -Infinity;
      let bu = 0;
      const uLo = w > reach ? w - reach : 0;
      const uHi = w < U ? w : U;
      for (let u = uLo; u <= uHi; u++) {
        const val = f[w - u] + v[u];
        if (val > best) {
          best = val;
          bu = u;
        }
      }
      nf[w] = best;
      choice[row + w] = bu;
    }
    nf.fill(-Infinity, newReach + 1);
    const t = f;
    f = nf;
    nf = t;
    reach = newReach;
  }
  let w = K;
  if (stopAtZeroGain) {
    w = 0;
    for (let x = 1; x <= K; x++) if (f[x] > f[w]) w = x;
  }
  for (let i = n - 1; i >= 0; i--) {
    const u = choice[i * W + w];
    budgets[i] = m + u;
    w -= u;
  }
  return budgets;
}
