import type { GainTable } from '../rewards/types';
import { successGain } from '../rewards/success_gains';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/**
 * Greedy allocation with a 4-ary max-heap over queries: repeatedly give one unit to the query
 * whose next marginal gain Delta_{i, b_i + 1} is largest. Exact for the integer program
 *   max sum_ij c_ij Delta_ij  s.t.  sum c_ij <= B, c_ij >= c_i(j+1)
 * when every query's gains are non-increasing in j (concave q); O(n + B log n) time, typed
 * arrays only (no per-unit objects). Non-concave gains: use `allocate`, which detects them.
 *
 * Order (the TIE RULE, reproduced bit-for-bit by `thresholdAllocateBinary`): units go out in the
 * order (gain descending, query index ascending, unit index ascending). First every query gets
 * `minPerQuery` units; then min(B - m n, n Bmax - m n) more units are handed out, including
 * units with gain <= 0 (so the sum is min(B, n Bmax)) unless `stopAtZeroGain` is set, in which
 * case it stops at the first unit with gain <= 0. NaN gains throw.
 *
 * Speed: after taking the top query, it keeps giving that query units while its next gain still
 * ranks above the best of the root's children (the order above is unchanged by this), so a query
 * that takes several units in a row costs one sift-down, not several.
 *
 * @example
 * greedyAllocate({ n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.1, 0.3, 0.2) }, 2);
 * // Int32Array [1, 1]  (0.5 then 0.3)
 */
export function greedyAllocate(gains: GainTable, total: number, opts: AllocateOptions = {}): Int32Array {
  checkTable('greedyAllocate', gains);
  const r = resolveAllocateOptions('greedyAllocate', gains.n, gains.bmax, total, opts);
  const g = gains.gains;
  const bmax = gains.bmax;
  return heapGreedy('greedyAllocate', gains.n, r.cap, r.m, r.stopAtZeroGain, (i, j) => g[i * bmax + j], Int32Array.of(r.units))[0];
}

/**
 * The same heap greedy for binary rewards with closed-form gains Delta_ij = p_i (1 - p_i)^(j-1)
 * (`successGain`, the expression `successGains` tabulates), computed on demand: no n x Bmax table
 * (1 GB at n = 1e6, Bmax = 128). Returns exactly greedyAllocate(successGains(p, bmax), total, opts)
 * and thresholdAllocateBinary(p, total, opts).
 *
 * @example
 * greedyAllocateBinary(Float64Array.of(0.5, 0.2), 3, { bmax: 4 }); // Int32Array [2, 1]
 */
export function greedyAllocateBinary(p: Float64Array, total: number, opts: AllocateOptions & { bmax: number }): Int32Array {
  if (!opts || opts.bmax === undefined) throw new Error('greedyAllocateBinary: opts.bmax is required');
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw new Error(`greedyAllocateBinary: p[${i}] = ${p[i]} is not a probability in [0, 1]`);
  }
  const r = resolveAllocateOptions('greedyAllocateBinary', p.length, opts.bmax, total, opts);
  return heapGreedy('greedyAllocateBinary', p.length, r.cap, r.m, r.stopAtZeroGain, (i, j) => successGain(p[i], j + 1), Int32Array.of(r.units))[0];
}

/**
 * Greedy allocations at several total budgets in ONE pass: the greedy is incremental (its
 * allocation at B is the first B units of its allocation at B' > B), so this records the budgets
 * each time the number of units handed out reaches one of `totals`. Element k of the result equals
 * greedyAllocate(gains, totals[k], opts) exactly. A curve over 128 budgets costs one greedy run to
 * the largest budget instead of 128.
 *
 * @example
 * greedyAllocatePath({ n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.1, 0.3, 0.2) }, [1, 2, 3]);
 * // [Int32Array [1, 0], Int32Array [1, 1], Int32Array [1, 2]]
 */
export function greedyAllocatePath(gains: GainTable, totals: ArrayLike<number>, opts: AllocateOptions = {}): Int32Array[] {
  checkTable('greedyAllocatePath', gains);
  const g = gains.gains;
  const bmax = gains.bmax;
  const k = totals.length;
  const out: Int32Array[] = new Array<Int32Array>(k);
  if (k === 0) return out;
  let cap = 0;
  let m = 0;
  let stop = false;
  const units = new Int32Array(k);
  for (let t = 0; t < k; t++) {
    const r = resolveAllocateOptions('greedyAllocatePath', gains.n, bmax, totals[t], opts);
    units[t] = r.units;
    cap = r.cap;
    m = r.m;
    stop = r.stopAtZeroGain;
  }
  const order = Array.from({ length: k }, (_, t) => t).sort((a, b) => units[a] - units[b]);
  const sorted = Int32Array.from(order, (t) => units[t]);
  const snaps = heapGreedy('greedyAllocatePath', gains.n, cap, m, stop, (i, j) => g[i * bmax + j], sorted);
  for (let s = 0; s < k; s++) out[order[s]] = snaps[s];
  return out;
}

function checkTable(who: string, gains: GainTable): void {
  if (gains.gains.length !== gains.n * gains.bmax) {
    throw new Error(`${who}: gains has length ${gains.gains.length}, expected n*bmax = ${gains.n * gains.bmax}`);
  }
}

/**
 * The heap greedy core. gainAt(i, j) is the gain of query i's unit j + 1 (j 0-based). Hands out
 * units above the minimum m until checkpoints[last] units are out (or no unit is left, or, with
 * stopAtZeroGain, the best remaining gain is <= 0), and returns a copy of the budgets each time
 * the count reaches checkpoints[s] (ascending). Budgets after an early stop are the final ones.
 */
function heapGreedy(
  who: string,
  n: number,
  cap: number,
  m: number,
  stopAtZeroGain: boolean,
  gainAt: (i: number, j: number) => number,
  checkpoints: Int32Array,
): Int32Array[] {
  const b = new Int32Array(n).fill(m);
  const snaps: Int32Array[] = [];
  let s = 0;
  let given = 0;
  // Checkpoints at 0 units (or below): the minimum allocation.
  while (s < checkpoints.length && checkpoints[s] <= given) {
    snaps.push(b.slice());
    s++;
  }
  if (s === checkpoints.length || m >= cap) {
    while (s < checkpoints.length) {
      snaps.push(b.slice());
      s++;
    }
    return snaps;
  }

  // 4-ary max-heap, each entry (key, query index) interleaved in one Float64Array so the four
  // children of a node share a cache line; slot of heap position pos is pos + 3 (pads the
  // children groups to 64-byte boundaries). "a above b" iff key_a > key_b, or equal keys and
  // index_a < index_b.
  const h = new Float64Array(2 * (n + 3));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const key = gainAt(i, m);
    if (key !== key) throw new Error(`${who}: gain of query ${i}, unit ${m + 1} is NaN`);
    h[2 * (size + 3)] = key;
    h[2 * (size + 3) + 1] = i;
    size++;
  }
  for (let pos = (size - 2) >> 2; pos >= 0; pos--) siftDown4(h, size, pos);

  let target = checkpoints[s];
  outer: while (size > 0) {
    if (stopAtZeroGain && !(h[6] > 0)) break;
    const i = h[7];
    // Best child of the root: the entry the root must still rank above.
    let kc = -Infinity;
    let ic = Infinity;
    const cEnd = size < 5 ? size : 5;
    for (let x = 1; x < cEnd; x++) {
      const kx = h[2 * (x + 3)];
      const ix = h[2 * (x + 3) + 1];
      if (kx > kc || (kx === kc && ix < ic)) {
        kc = kx;
        ic = ix;
      }
    }
    let key = h[6];
    for (;;) {
      const bi = ++b[i];
      given++;
      if (given === target) {
        snaps.push(b.slice());
        s++;
        while (s < checkpoints.length && checkpoints[s] === given) {
          snaps.push(b.slice());
          s++;
        }
        if (s === checkpoints.length) break outer;
        target = checkpoints[s];
      }
      if (bi >= cap) {
        size--;
        h[6] = h[2 * (size + 3)];
        h[7] = h[2 * (size + 3) + 1];
        break;
      }
      key = gainAt(i, bi);
      if (key !== key) throw new Error(`${who}: gain of query ${i}, unit ${bi + 1} is NaN`);
      if (stopAtZeroGain && !(key > 0)) {
        h[6] = key;
        break;
      }
      // Still above the best child (in the tie order)? Then it is still the top: give another unit.
      if (!(key > kc || (key === kc && i < ic))) {
        h[6] = key;
        break;
      }
    }
    if (size > 1) siftDown4(h, size, 0);
  }
  // Stopped early (no units left, or zero gains): the remaining checkpoints see the final budgets.
  while (s < checkpoints.length) {
    snaps.push(b.slice());
    s++;
  }
  return snaps;
}

/** Move the entry at heap position `pos` down to its place in the 4-ary heap `h` (see above). */
function siftDown4(h: Float64Array, size: number, pos: number): void {
  const key = h[2 * (pos + 3)];
  const idx = h[2 * (pos + 3) + 1];
  for (;;) {
    const c0 = 4 * pos + 1;
    if (c0 >= size) break;
    const cEnd = c0 + 4 < size ? c0 + 4 : size;
    let c = c0;
    let kc = h[2 * (c0 + 3)];
    let ic = h[2 * (c0 + 3) + 1];
    for (let x = c0 + 1; x < cEnd; x++) {
      const kx = h[2 * (x + 3)];
      if (kx > kc || (kx === kc && h[2 * (x + 3) + 1] < ic)) {
        c = x;
        kc = kx;
        ic = h[2 * (x + 3) + 1];
      }
    }
    if (kc > key || (kc === key && ic < idx)) {
      h[2 * (pos + 3)] = kc;
      h[2 * (pos + 3) + 1] = ic;
      pos = c;
    } else break;
  }
  h[2 * (pos + 3)] = key;
  h[2 * (pos + 3) + 1] = idx;
}
