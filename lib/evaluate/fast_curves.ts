import type { QTable } from '../rewards/types';

/**
 * Values-only curves for the two reference allocators, without building any allocation: what a
 * researcher re-running curves dozens of times needs when no bands are drawn. `bestOfKCurves`
 * with `uniformAllocate` / `oracleAllocatePath` gives the same numbers (to float rounding) and
 * also keeps the allocations for bootstrap bands.
 */

/**
 * Uniform curve: at each x, every query gets floor(x n / n) samples and the remainder goes one
 * each to the first queries (as `uniformAllocate` without a seed), capped at q.bmax; the value is
 * mean_i q_i(b_i). Total budget per x: round(x * n), as in `bestOfKCurves`.
 *
 * @example
 * uniformCurve({ n: 2, bmax: 2, q: Float64Array.of(0, 0.5, 0.75, 0, 0.1, 0.2) }, [1, 1.5]);
 * // Float64Array [0.3, 0.425]   ((0.5 + 0.1) / 2, (0.75 + 0.1) / 2)
 */
export function uniformCurve(q: QTable, xs: ArrayLike<number>): Float64Array {
  const { n, bmax } = q;
  const w = bmax + 1;
  const K = xs.length;
  const out = new Float64Array(K);
  if (n === 0) return out;
  const base = new Int32Array(K);
  const r = new Int32Array(K);
  for (let k = 0; k < K; k++) {
    const total = Math.round(xs[k] * n);
    const b = Math.floor(total / n);
    base[k] = Math.min(b, bmax);
    r[k] = b >= bmax ? 0 : total - b * n;
  }
  // Row by row (sequential reads of the table), every x at once.
  for (let i = 0; i < n; i++) {
    const o = i * w;
    for (let k = 0; k < K; k++) out[k] += q.q[o + base[k] + (i < r[k] ? 1 : 0)];
  }
  for (let k = 0; k < K; k++) out[k] /= n;
  return out;
}

/**
 * Oracle curve for concave tables (every row's gains non-increasing, e.g. pass@b and expected
 * best-of-b): the optimum at total budget B = round(x n) is the sum of the B largest gains of the
 * whole table (the greedy takes exactly those), divided by n. With `stopAtZeroGain` only
 * positive gains count (the allocator stops when no unit helps), as `oracleAllocate` with that
 * option.
 *
 * Computed by selection, not a full sort: one pass buckets the positive gains by the top 16 bits
 * of their float64 pattern (order-preserving for positive floats), a sweep of the bucket counts
 * finds, for each B, the bucket holding the B-th largest gain, and only those buckets are sorted.
 * O(n Bmax) plus small sorts. Throws on non-concave tables (use `bestOfKCurves` with
 * `oracleAllocatePath`, which solves them exactly).
 *
 * @example
 * oracleCurve({ n: 2, bmax: 2, q: Float64Array.of(0, 0.5, 0.75, 0, 0.1, 0.2) }, [0.5, 1, 2]);
 * // Float64Array [0.25, 0.375, 0.475]   (0.5; 0.5 + 0.25; all four gains)
 */
export function oracleCurve(q: QTable, xs: ArrayLike<number>, opts: { stopAtZeroGain?: boolean } = {}): Float64Array {
  const { n, bmax } = q;
  const w = bmax + 1;
  const N = n * bmax;
  const out = new Float64Array(xs.length);
  if (n === 0) return out;
  const qq = q.q;
  // A gain's float64 bit pattern, through a one-element view.
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  f64[0] = 1;
  const HI = u32[1] === 0x3ff00000 ? 1 : 0;
  // Pass 1: check concavity, bucket the positive gains by the top 16 bits of their pattern (sign
  // 0, exponent, 4 mantissa bits: order-preserving for positive floats), keep the negatives.
  const count = new Int32Array(65536);
  const sum = new Float64Array(65536);
  let q0 = 0; // sum_i q_i(0) (0 for the tables of lib/rewards)
  let positives = 0;
  let allPositive = 0;
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = i * w;
    q0 += qq[o];
    let prev = Infinity;
    for (let j = 0; j < bmax; j++) {
      const v = qq[o + j + 1] - qq[o + j];
      if (!(v <= prev + 1e-12)) {
        throw new Error(`oracleCurve: gains of query ${i} are not non-increasing; use bestOfKCurves with oracleAllocatePath`);
      }
      prev = v;
      if (v > 0) {
        f64[0] = v;
        const bucket = u32[HI] >>> 16;
        count[bucket]++;
        sum[bucket] += v;
        positives++;
        allPositive += v;
      } else if (v < 0) negatives.push(v);
    }
  }
  // Sweep the buckets from the largest down: for each budget, the bucket it ends in.
  const K = xs.length;
  const order = Array.from({ length: K }, (_x, k) => k).sort((a, b) => xs[a] - xs[b]);
  const full = new Float64Array(K); // sum of the buckets wholly inside the budget
  const rest = new Int32Array(K); // units still to take from the crossing bucket
  const crossing = new Int32Array(K).fill(-1);
  const beyond = new Int32Array(K).fill(-1); // units past the positives (budget covers them all)
  const slot = new Int32Array(65536).fill(-1); // crossing bucket -> its index among the crossing ones
  const crossingBuckets: number[] = [];
  let bucket = 65535;
  let taken = 0;
  let acc = 0;
  for (const k of order) {
    const B = Math.min(Math.round(xs[k] * n), N);
    if (B >= positives) {
      beyond[k] = B - positives;
      continue;
    }
    while (bucket >= 0 && taken + count[bucket] <= B) {
      taken += count[bucket];
      acc += sum[bucket];
      bucket--;
    }
    full[k] = acc;
    rest[k] = B - taken;
    if (rest[k] > 0) {
      crossing[k] = bucket;
      if (slot[bucket] < 0) {
        slot[bucket] = crossingBuckets.length;
        crossingBuckets.push(bucket);
      }
    }
  }
  // Pass 2 (only if a budget ends inside a bucket): gather those buckets' gains into one array,
  // each bucket in its own segment (sizes known from pass 1), and sort each segment ascending.
  const nc = crossingBuckets.length;
  const segStart = new Int32Array(nc + 1);
  for (let t = 0; t < nc; t++) segStart[t + 1] = segStart[t] + count[crossingBuckets[t]];
  const gathered = new Float64Array(segStart[nc]);
  if (nc > 0) {
    const fill = segStart.slice(0, nc);
    for (let i = 0; i < n; i++) {
      const o = i * w;
      for (let j = 0; j < bmax; j++) {
        const v = qq[o + j + 1] - qq[o + j];
        if (v > 0) {
          f64[0] = v;
          const sl = slot[u32[HI] >>> 16];
          if (sl >= 0) gathered[fill[sl]++] = v;
        }
      }
    }
    for (let t = 0; t < nc; t++) gathered.subarray(segStart[t], segStart[t + 1]).sort();
  }
  const negSorted = Float64Array.from(negatives).sort().reverse();
  const zeros = N - positives - negatives.length;
  for (let k = 0; k < K; k++) {
    let s: number;
    if (beyond[k] < 0) {
      s = full[k];
      if (crossing[k] >= 0) {
        const end = segStart[slot[crossing[k]] + 1];
        for (let r = 1; r <= rest[k]; r++) s += gathered[end - r];
      }
    } else {
      // Every positive gain, then zeros, then the largest negatives (unless stopping at zero gain).
      s = allPositive;
      if (!opts.stopAtZeroGain) {
        const extra = Math.min(beyond[k] - zeros, negatives.length);
        for (let r = 0; r < extra; r++) s += negSorted[r];
      }
    }
    out[k] = (q0 + s) / n;
  }
  return out;
}
