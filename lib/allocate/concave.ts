import type { GainTable } from '../rewards/types';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/**
 * Concavity checks and the upper concave hull (concave majorant) of per-query reward curves.
 *
 * Greedy is exact only when each query's gains are non-increasing: Delta_{i,j+1} <= Delta_ij
 * (+ tol, to forgive float noise from differencing q tables). When they are not, the concave
 * majorant q^ (the smallest concave curve above q, its upper hull) gives non-increasing gains
 * whose greedy optimum is an upper bound on the true optimum (q^ >= q pointwise) and is exact
 * wherever the allocation lands on hull vertices.
 *
 * @example
 * isNonIncreasing({ n: 1, bmax: 3, gains: Float64Array.of(0.1, 0.5, 0.2) }); // false
 * upperConcaveHull(Float64Array.of(0, 0.1, 0.6, 0.8)); // Int32Array [0, 2, 3]
 */

/** Per query: 1 when gains j = 1..cap are non-increasing within tol, else 0. */
export function nonIncreasingRows(gains: GainTable, tol = 1e-12, cap = gains.bmax): Uint8Array {
  const { n, bmax } = gains;
  const g = gains.gains;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * bmax;
    let ok = 1;
    for (let j = 1; j < cap; j++) {
      if (!(g[o + j] <= g[o + j - 1] + tol)) {
        ok = 0;
        break;
      }
    }
    out[i] = ok;
  }
  return out;
}

/** True when every query's gains (units 1..cap) are non-increasing within tol (NaN counts as a violation). */
export function isNonIncreasing(gains: GainTable, tol = 1e-12, cap = gains.bmax): boolean {
  const rows = nonIncreasingRows(gains, tol, cap);
  for (let i = 0; i < rows.length; i++) if (rows[i] === 0) return false;
  return true;
}

/**
 * Vertices (x positions, ascending) of the upper concave hull of the points (x, y[x]) for
 * x = from..y.length-1 (monotone chain; collinear points are dropped, so vertices are kinks).
 */
export function upperConcaveHull(y: Float64Array, from = 0): Int32Array {
  const len = y.length;
  if (from < 0 || from >= len) throw new Error(`upperConcaveHull: from=${from} outside [0, ${len})`);
  const h = new Int32Array(len - from);
  let k = 0;
  for (let x = from; x < len; x++) {
    while (k >= 2) {
      const a = h[k - 2];
      const b = h[k - 1];
      // drop b when it lies on or below the segment a -> x
      if ((y[b] - y[a]) * (x - b) <= (y[x] - y[b]) * (b - a)) k--;
      else break;
    }
    h[k++] = x;
  }
  return h.slice(0, k);
}

/**
 * Gains of the concave majorant: for each query, q(b) = sum_{j<=b} Delta_ij on b = m..cap is
 * replaced by its upper hull, and units m+1..cap get the hull's slopes (non-increasing). Units
 * 1..m (forced by minPerQuery) and above cap keep their gains. Also returns, per query, a 0/1
 * mask over b = 0..bmax marking hull vertices (where q^ = q).
 */
export function concaveMajorantGains(
  gains: GainTable,
  opts: Pick<AllocateOptions, 'minPerQuery' | 'bmax'> = {},
): { gains: GainTable; vertex: Uint8Array } {
  const { n, bmax } = gains;
  const { cap, m } = resolveAllocateOptions('concaveMajorantGains', n, bmax, n * (opts.minPerQuery ?? 0), opts);
  const g = gains.gains;
  const out = Float64Array.from(g);
  const vertex = new Uint8Array(n * (bmax + 1));
  const q = new Float64Array(cap + 1);
  for (let i = 0; i < n; i++) {
    const o = i * bmax;
    q[0] = 0;
    for (let j = 1; j <= cap; j++) q[j] = q[j - 1] + g[o + j - 1];
    const h = upperConcaveHull(q, m);
    for (let t = 0; t < h.length; t++) vertex[i * (bmax + 1) + h[t]] = 1;
    for (let t = 1; t < h.length; t++) {
      const a = h[t - 1];
      const b = h[t];
      const slope = (q[b] - q[a]) / (b - a);
      for (let j = a + 1; j <= b; j++) out[o + j - 1] = slope;
    }
  }
  return { gains: { n, bmax, gains: out }, vertex };
}
