import { successGain } from '../rewards/success_gains';
import { resolveAllocateOptions, type AllocateOptions } from './options';

export interface ThresholdOptions extends AllocateOptions {
  /** Cap per query (required: there is no gain table to take it from). */
  bmax: number;
}

/**
 * Exact allocator for binary rewards with closed-form gains Delta_ij = p_i (1 - p_i)^(j-1)
 * (`successGain`), without a gain table and without a heap.
 *
 * The greedy hands out units in the order (gain descending, query index ascending, unit index
 * ascending) (see `greedyAllocate`), so its first K units are exactly: every unit with gain above
 * a threshold lambda, plus the first units at the threshold in that tie order. Per query the number of units with
 * gain > t is O(1): p (1-p)^(j-1) > t  <=>  j - 1 < (log p - log t) / -log(1-p). So:
 * 1. narrow a bracket on L = log lambda with these float-log counts until (lo, hi] holds at most
 *    16,384 units (for n > 50,000 a subsample of at most 1e5 queries locates it first;
 *    interpolation steps, with bisection as the fallback, close it: about six O(n) passes at
 *    n = 1e6);
 * 2. count exactly at both ends: the log count is trusted only when it is far (in a rigorous
 *    float-error margin) from an integer, otherwise it is corrected by evaluating `successGain`,
 *    the very expression the gain table holds; p = 0, p = 1, 1 - p == 1 and underflowing gains
 *    (t < 1e-300) are handled exactly;
 * 3. sort the units in (lo, hi] by the greedy's tie order and hand out the remainder.
 * Hence it returns the identical Int32Array as greedyAllocate(successGains(p, bmax), total, opts),
 * including minPerQuery, the cap, zero-gain units (given out in index order unless
 * stopAtZeroGain) and ties. O(n) per bisection step; n = 1e6 takes a fraction of a second.
 *
 * @example
 * thresholdAllocateBinary(Float64Array.of(0.5, 0.2), 3, { bmax: 4 });
 * // Int32Array [2, 1]  (gains 0.5, 0.25 and 0.2 beat 0.16 and 0.125)
 */
export function thresholdAllocateBinary(p: Float64Array, total: number, opts: ThresholdOptions): Int32Array {
  const n = p.length;
  if (!opts || opts.bmax === undefined) throw new Error('thresholdAllocateBinary: opts.bmax is required');
  const { cap, m, stopAtZeroGain, units: K } = resolveAllocateOptions('thresholdAllocateBinary', n, opts.bmax, total, opts);
  const budgets = new Int32Array(n).fill(m);
  if (K <= 0) return budgets;

  // Per query: lp = log p, inv = 1 / -log(1 - p), and a kind for the cases the formula misses.
  const lp = new Float64Array(n);
  const inv = new Float64Array(n);
  const kind = new Uint8Array(n); // 0 general, 1 p = 0, 2 p = 1, 3 (1 - p) == 1 (all gains = p)
  let nOnes = 0;
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (!(pi >= 0 && pi <= 1)) throw new Error(`thresholdAllocateBinary: p[${i}] = ${pi} is not a probability in [0, 1]`);
    const qi = 1 - pi;
    if (pi === 0) {
      kind[i] = 1;
      lp[i] = -Infinity;
      inv[i] = 1;
    } else if (qi === 0) {
      kind[i] = 2;
      lp[i] = -Infinity;
      inv[i] = 1;
      nOnes++;
    } else if (qi === 1) {
      kind[i] = 3;
      lp[i] = Math.log(pi);
      inv[i] = 1e300;
    } else {
      lp[i] = Math.log(pi);
      inv[i] = -1 / Math.log(qi);
    }
  }

  // Float-log count of units above m with gain > e^L (approximate; guides the bisection only).
  const approxCount = (L: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let c = Math.ceil((lp[i] - L) * inv[i]);
      if (c > cap) c = cap;
      if (c > m) s += c - m;
    }
    if (L < 0 && m === 0) s += nOnes;
    return s;
  };

  // Exact number of units j = 1..cap with successGain(p_i, j) > t, for t >= 0.
  const exactCountOne = (i: number, t: number, Lt: number, verifyAll: boolean): number => {
    const k = kind[i];
    const pi = p[i];
    if (k === 1) return 0;
    if (k === 2) return 1 > t ? 1 : 0;
    if (k === 3) return pi > t ? cap : 0;
    const d = (lp[i] - Lt) * inv[i];
    const lpi = lp[i];
    // float-log error, plus the product's rounding (successGain(p, j) is j - 1 roundings)
    const tol = (1e-13 * ((lpi < 0 ? -lpi : lpi) + (Lt < 0 ? -Lt : Lt) + 1) + 2.5e-16 * cap) * inv[i] + 1e-12 * (d < 0 ? -d : d) + 1e-9;
    let lo = Math.ceil(d - tol);
    let hi = Math.ceil(d + tol);
    lo = lo < 0 ? 0 : lo > cap ? cap : lo;
    hi = hi < 0 ? 0 : hi > cap ? cap : hi;
    if (lo === hi && !(verifyAll && lo > 0 && lo < cap)) return lo;
    let c = lo;
    for (let g = c < cap ? successGain(pi, c + 1) : 0, qi = 1 - pi; c < cap && g > t; g *= qi) c++;
    while (c > 0 && !(successGain(pi, c) > t)) c--;
    return c;
  };
  const exactCounts = (t: number, out: Int32Array): number => {
    const Lt = t > 0 ? Math.log(t) : -746; // below log(Number.MIN_VALUE): every positive gain counts
    const verifyAll = Lt < -700; // gains near the subnormal range lose relative precision
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = exactCountOne(i, t, Lt, verifyAll);
      out[i] = c;
      if (c > m) s += c - m;
    }
    return s;
  };

  // Units with gain > 0.
  const C0 = new Int32Array(n);
  const nPos = exactCounts(0, C0);
  if (K >= nPos) {
    let left = K - nPos;
    for (let i = 0; i < n; i++) if (C0[i] > m) budgets[i] = C0[i];
    if (stopAtZeroGain) return budgets;
    // zero-gain units: the greedy's order among equal gains is query index, then unit index
    for (let i = 0; i < n && left > 0; i++) {
      const add = Math.min(cap - budgets[i], left);
      budgets[i] += add;
      left -= add;
    }
    return budgets;
  }

  // Bisection on L = log(threshold): approxCount(Lhi) <= K < approxCount(Llo).
  // The counts at the extremes are computed only when needed (NaN: not yet).
  let Llo = -746;
  let Lhi = 0;
  let nLo = NaN;
  let nHi = NaN;
  const atExtremes = (): void => {
    if (nLo !== nLo) nLo = approxCount(Llo);
    if (nHi !== nHi) nHi = approxCount(Lhi);
  };
  const LIMIT = 16384;
  // Narrow the bracket first with a subsample (every stride-th query): its scaled count locates
  // the threshold; the bracket around it is verified with full counts and widened until valid,
  // so the result does not depend on the estimate, only the number of full passes does.
  if (n > 50000 && K > LIMIT) {
    const stride = Math.max(4, Math.floor(n / 100000));
    const sampleCount = (L: number): number => {
      let sc = 0;
      for (let i = 0; i < n; i += stride) {
        let c = Math.ceil((lp[i] - L) * inv[i]);
        if (c > cap) c = cap;
        if (c > m) sc += c - m;
      }
      return sc * stride + (L < 0 && m === 0 ? nOnes : 0);
    };
    let a = Llo;
    let b = Lhi;
    for (let it = 0; it < 60 && b - a > 1e-5; it++) {
      const mid = 0.5 * (a + b);
      if (sampleCount(mid) > K) a = mid;
      else b = mid;
    }
    for (let delta = 0.02; delta < 1000; delta *= 4) {
      const lo = Math.max(Llo, a - delta);
      const hi = Math.min(Lhi, b + delta);
      if (lo === Llo || hi === Lhi) atExtremes();
      const cLo = lo === Llo ? nLo : approxCount(lo);
      const cHi = hi === Lhi ? nHi : approxCount(hi);
      if (cLo > K && cHi <= K) {
        Llo = lo;
        nLo = cLo;
        Lhi = hi;
        nHi = cHi;
        break;
      }
    }
  }
  atExtremes(); // no-op when the sample's bracket was accepted
  // Narrow (Llo, Lhi] by interpolating the count (nearly linear in L over a narrow bracket),
  // aiming alternately a little above and below K so that two good steps close it; a step that
  // does not halve the gap is followed by a bisection step. Only the number of passes depends on
  // these choices: the bracket stays valid, and the result comes from the exact counts below.
  let lastGap = nLo - nHi;
  let bisect = false;
  for (let it = 0; it < 200 && nLo - nHi > LIMIT; it++) {
    let mid: number;
    if (bisect) mid = 0.5 * (Llo + Lhi);
    else {
      const aim = K + ((it & 1) === 0 ? LIMIT / 4 : -LIMIT / 4);
      let f = (nLo - aim) / (nLo - nHi);
      f = f < 0.02 ? 0.02 : f > 0.98 ? 0.98 : f;
      mid = Llo + f * (Lhi - Llo);
    }
    if (!(mid > Llo && mid < Lhi)) break;
    const c = approxCount(mid);
    if (c > K) {
      Llo = mid;
      nLo = c;
    } else {
      Lhi = mid;
      nHi = c;
    }
    const gap = nLo - nHi;
    bisect = gap > lastGap / 2;
    lastGap = gap;
  }

  // Exact counts at both ends; widen to the safe extremes if the float counts misled us.
  let tHi = Lhi >= 0 ? 1 : Math.exp(Lhi);
  let tLo = Llo <= -745 ? 0 : Math.exp(Llo);
  const A = new Int32Array(n);
  let nA = exactCounts(tHi, A);
  if (nA > K) {
    tHi = 1; // no gain exceeds 1
    nA = exactCounts(tHi, A);
  }
  let C = C0;
  let nC = nPos;
  if (tLo > 0) {
    C = new Int32Array(n);
    nC = exactCounts(tLo, C);
    if (nC < K) {
      tLo = 0;
      C = C0;
      nC = nPos;
    }
  }

  // Candidates: units (i, j) with tLo < gain <= tHi, above the minimum.
  const M = nC - nA;
  const ci = new Int32Array(M);
  const cj = new Int32Array(M);
  const cg = new Float64Array(M);
  let t = 0;
  for (let i = 0; i < n; i++) {
    const a = A[i] > m ? A[i] : m;
    budgets[i] = a;
    const qi = 1 - p[i];
    for (let j = a + 1, g = a + 1 <= C[i] ? successGain(p[i], j) : 0; j <= C[i]; j++, g *= qi) {
      ci[t] = i;
      cj[t] = j;
      cg[t] = g; // === successGain(p[i], j)
      t++;
    }
  }
  const order = new Int32Array(M);
  for (let x = 0; x < M; x++) order[x] = x;
  order.sort((x, y) => cg[y] - cg[x] || ci[x] - ci[y] || cj[x] - cj[y]);
  const take = K - nA;
  for (let x = 0; x < take; x++) budgets[ci[order[x]]]++;
  return budgets;
}
