import type { GainTable, QTable } from '../rewards/types';
import { successGain } from '../rewards/success_gains';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/**
 * Greedy allocation: repeatedly give one unit to the query
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
 * Speed: a bucket queue over the gains' float bits, with a heap only where order matters (see
 * `heapGreedy` below); 8e6 units over 1e6 queries take about a second (`npm run bench`).
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
  return heapGreedy('greedyAllocate', gains.n, r.cap, r.m, r.stopAtZeroGain, (i) => g[i * bmax + r.m], (i) => i * bmax, (row, j) => g[row + j], Int32Array.of(r.units))[0];
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
  return heapGreedy('greedyAllocateBinary', p.length, r.cap, r.m, r.stopAtZeroGain, (i) => successGain(p[i], r.m + 1), (i) => 1 - p[i], (qi, _j, prev) => prev * qi, Int32Array.of(r.units))[0];
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
  return pathOf('greedyAllocatePath', gains.n, bmax, totals, opts, (m) => (i) => g[i * bmax + m], (i) => i * bmax, (row, j) => g[row + j]);
}

/**
 * greedyAllocatePath(gainsFromQ(q), totals, opts) without building the gain table: the gains
 * q[i, j + 1] - q[i, j] (the very expression `gainsFromQ` stores) are read from q as the greedy
 * needs them. Same result, bit for bit, without filling a 15 MB table at 15,000 x 128 (a pass over
 * q into fresh memory, on every call).
 *
 * @example
 * greedyAllocatePathFromQ({ n: 2, bmax: 2, q: Float64Array.of(0, 0.5, 0.6, 0, 0.3, 0.5) }, [1, 3]);
 * // [Int32Array [1, 0], Int32Array [1, 2]]
 */
export function greedyAllocatePathFromQ(q: QTable, totals: ArrayLike<number>, opts: AllocateOptions = {}): Int32Array[] {
  const w = q.bmax + 1;
  if (q.q.length !== q.n * w) throw new Error(`greedyAllocatePathFromQ: q has length ${q.q.length}, expected n*(bmax+1) = ${q.n * w}`);
  const qq = q.q;
  return pathOf('greedyAllocatePathFromQ', q.n, q.bmax, totals, opts, (m) => (i) => qq[i * w + m + 1] - qq[i * w + m], (i) => i * w, (row, j) => qq[row + j + 1] - qq[row + j]);
}

/** Resolve the totals, run one greedy to the largest, and return the allocations in the caller's order. */
function pathOf(
  who: string,
  n: number,
  tableBmax: number,
  totals: ArrayLike<number>,
  opts: AllocateOptions,
  firstGainAt: (m: number) => (i: number) => number,
  rowAux: (i: number) => number,
  nextGain: (aux: number, j: number, prev: number) => number,
): Int32Array[] {
  const k = totals.length;
  const out: Int32Array[] = new Array<Int32Array>(k);
  if (k === 0) return out;
  let cap = 0;
  let m = 0;
  let stop = false;
  const units = new Int32Array(k);
  for (let t = 0; t < k; t++) {
    const r = resolveAllocateOptions(who, n, tableBmax, totals[t], opts);
    units[t] = r.units;
    cap = r.cap;
    m = r.m;
    stop = r.stopAtZeroGain;
  }
  const order = Array.from({ length: k }, (_, t) => t).sort((a, b) => units[a] - units[b]);
  const sorted = Int32Array.from(order, (t) => units[t]);
  const snaps = heapGreedy(who, n, cap, m, stop, firstGainAt(m), rowAux, nextGain, sorted);
  for (let s = 0; s < k; s++) out[order[s]] = snaps[s];
  return out;
}

function checkTable(who: string, gains: GainTable): void {
  if (gains.gains.length !== gains.n * gains.bmax) {
    throw new Error(`${who}: gains has length ${gains.gains.length}, expected n*bmax = ${gains.n * gains.bmax}`);
  }
}

/**
 * The heap greedy core. firstGain(i) is the gain of query i's unit m + 1, and nextGain(rowAux(i),
 * j, gain of unit j) the gain of its unit j + 1 (j >= m + 1; rowAux(i) is computed once). Hands out
 * units above the minimum m until checkpoints[last] units are out (or no unit is left, or, with
 * stopAtZeroGain, the best remaining gain is <= 0), and returns a copy of the budgets each time
 * the count reaches checkpoints[s] (ascending). Budgets after an early stop are the final ones.
 *
 * Priority queue: a bucket queue with a heap for the buckets where order matters. Every queued
 * query has one entry (its next gain) in a bucket chosen by the top bits of the gain's
 * order-preserving bit pattern (`orderBits`: a larger gain never gets a later bucket; equal gains
 * share a bucket). Buckets are lists of fixed-size chunks in one pool, so filling and emptying
 * them is sequential memory access. Buckets are taken in gain order:
 * - a bucket whose units all go out before the next checkpoint is taken in any order: each query
 *   in it takes its unit and every following unit whose gain stays in this bucket (or rises to
 *   an earlier one), then moves to the bucket of its next gain. Which units go out does not depend
 *   on the order inside the bucket, only on the bucket being taken whole;
 * - the bucket where a checkpoint falls (or one holding a NaN, or a gain <= 0 under
 *   stopAtZeroGain) is popped from a 4-ary heap in the exact order (gain descending, query index
 *   ascending); a query's next gain that ranks above everything still queued (a run of top gains,
 *   or a rise in a non-concave row) is handed out at once, as a single heap would pop it next.
 * So every checkpoint sees exactly the allocation of one max-heap over all queries, for ANY gains
 * (tests compare with the textbook scanning greedy on non-concave rows, negatives, -0, infinities).
 *
 * Why: with one heap at n = 1e6 every sift-down misses the cache (6.5 s for 8e6 units); here a
 * unit costs a multiply and a bit test, and an entry moving bucket one sequential write and read.
 * An entry carries the query's budget and row handle (1 - p_i for closed-form gains), so taking
 * a bucket reads no per-query array.
 */
function heapGreedy(
  who: string,
  n: number,
  cap: number,
  m: number,
  stopAtZeroGain: boolean,
  firstGain: (i: number) => number,
  rowAux: (i: number) => number,
  nextGain: (aux: number, j: number, prev: number) => number,
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

  // An entry is 4 float64: [gain of the query's next unit, query index, the query's row handle
  // rowAux(i) (what nextGain needs: 1 - p_i, or the row's offset in a table), the query's
  // budget before the next unit].
  // Buckets: lists of chunks of CH entries in `pool`; head[k] = 1 + the chunk being filled for
  // bucket k (0: empty); chunkNext[c] = 1 + the chunk after c; chunkLen[c] = entries in c;
  // emptied chunks go on a stack for reuse.
  // Bucket width: orderBits >>> 10 keeps the sign, the exponent and 10 mantissa bits (1/1024 of
  // an octave); nb buckets from the largest first gain down, the last one catching the rest.
  // shift and CH were tuned on the n = 1e6 benchmark (shift 8..14, CH 8..32).
  const shift = 10;
  const nb = Math.min(1 << 20, Math.max(4096, 4 * n));
  const head = new Int32Array(nb + 1);
  const CH = 32;
  let nChunks = Math.max(64, (n / CH) | 0);
  let pool = new Float64Array(4 * CH * nChunks);
  let chunkNext = new Int32Array(nChunks);
  let chunkLen = new Int32Array(nChunks);
  let freeStack = new Int32Array(nChunks);
  let nFree = 0;
  let used = 0; // chunks ever handed out
  let pending = 0; // entries in buckets
  let cur = -1; // bucket of the entries in the heap
  const grow = (): void => {
    const m2 = nChunks * 2;
    const p2 = new Float64Array(4 * CH * m2);
    p2.set(pool);
    pool = p2;
    const n2 = new Int32Array(m2);
    n2.set(chunkNext);
    chunkNext = n2;
    const l2 = new Int32Array(m2);
    l2.set(chunkLen);
    chunkLen = l2;
    const f2 = new Int32Array(m2);
    f2.set(freeStack);
    freeStack = f2;
    nChunks = m2;
  };
  const push = (k: number, key: number, q: number, aux: number, bq: number): void => {
    let c = head[k] - 1;
    if (c < 0 || chunkLen[c] === CH) {
      const prev = head[k];
      if (nFree > 0) c = freeStack[--nFree];
      else {
        if (used === nChunks) grow();
        c = used++;
      }
      chunkNext[c] = prev;
      chunkLen[c] = 0;
      head[k] = c + 1;
    }
    const off = 4 * (c * CH + chunkLen[c]++);
    pool[off] = key;
    pool[off + 1] = q;
    pool[off + 2] = aux;
    pool[off + 3] = bq;
    pending++;
  };

  // 4-ary max-heap of the current bucket's entries; heap position pos lives at float offset
  // 4 * (pos + 3) (the padding puts each group of four children on 128-byte boundaries).
  // "a above b" iff key_a > key_b, or equal keys and index_a < index_b.
  const h = new Float64Array(4 * (n + 3));
  let size = 0;
  // Scratch for a bucket taken whole: each entry's next gain and budget after the bucket.
  let tk = new Float64Array(1024);
  let tb = new Int32Array(1024);

  // Bucket k holds gains whose order bits (`orderBits`) >>> shift equal base + k, clamped to
  // [0, nb - 1]; base is that of the largest first gain. Clamping keeps the map monotone.
  const first = new Float64Array(n);
  const auxs = new Float64Array(n);
  let base = 0xffffffff;
  for (let i = 0; i < n; i++) {
    const aux = rowAux(i);
    const key = firstGain(i);
    if (key !== key) throw new Error(`${who}: gain of query ${i}, unit ${m + 1} is NaN`);
    first[i] = key;
    auxs[i] = aux;
    const o = orderBits(key) >>> shift;
    if (o < base) base = o;
  }
  const last = nb - 1;
  for (let i = 0; i < n; i++) {
    const key = first[i];
    let k = (orderBits(key) >>> shift) - base;
    if (k > last) k = last;
    push(k, key, i, auxs[i], m);
  }

  let target = checkpoints[s];
  outer: for (;;) {
    if (size === 0) {
      if (pending === 0) break;
      // Heapify the next non-empty bucket (buckets up to `cur` are empty: see below).
      let k = cur + 1;
      while (head[k] === 0) k++;
      cur = k;
      let c = head[k] - 1;
      head[k] = 0;
      while (c >= 0) {
        const len = chunkLen[c];
        for (let src = 4 * c * CH, dst = 4 * (size + 3), end = src + 4 * len; src < end; src++, dst++) h[dst] = pool[src];
        size += len;
        pending -= len;
        freeStack[nFree++] = c;
        c = chunkNext[c] - 1;
      }
      // A bucket whose units all go out before the next checkpoint is taken in any order: every
      // query in it takes its units in this bucket (its chain of next gains that stay in it), and
      // the set of units is the same in any order. Only a bucket where a checkpoint falls, or
      // holding a gain <= 0 under stopAtZeroGain, or a NaN, is ordered by the heap below.
      if (given + size < target) {
        if (tk.length < size) {
          tk = new Float64Array(Math.max(size, 2 * tk.length));
          tb = new Int32Array(tk.length);
        }
        let total = 0;
        let exact = false;
        for (let e = 0; e < size; e++) {
          const o = 4 * (e + 3);
          let key = h[o];
          const aux = h[o + 2];
          let bi = h[o + 3] | 0;
          for (;;) {
            if (stopAtZeroGain && !(key > 0)) {
              exact = true;
              break;
            }
            bi++;
            total++;
            if (bi >= cap) break;
            const prev = key;
            key = nextGain(aux, bi, key);
            if (key === prev) continue; // same gain: same bucket, still handed out here
            if (key !== key) {
              exact = true;
              break;
            }
            const kk = (orderBits(key) >>> shift) - base;
            if ((kk > last ? last : kk) > cur) break;
          }
          if (exact || given + total >= target) {
            exact = true;
            break;
          }
          tk[e] = key;
          tb[e] = bi;
        }
        if (!exact) {
          for (let e = 0; e < size; e++) {
            const o = 4 * (e + 3);
            const q = h[o + 1] | 0;
            const bq = tb[e];
            b[q] = bq;
            if (bq < cap) {
              const key = tk[e];
              let k = (orderBits(key) >>> shift) - base;
              if (k > last) k = last;
              push(k, key, q, h[o + 2], bq);
            }
          }
          given += total;
          size = 0;
          continue;
        }
      }
      for (let pos = (size - 2) >> 2; pos >= 0; pos--) siftDown4(h, size, pos);
    }
    if (stopAtZeroGain && !(h[12] > 0)) break;
    const i = h[13] | 0;
    const aux = h[14];
    let bi = h[15] | 0;
    let key = h[12];
    // Best child of the root: the entry the root must still rank above.
    let kc = -Infinity;
    let ic = Infinity;
    const cEnd = size < 5 ? size : 5;
    for (let x = 1; x < cEnd; x++) {
      const kx = h[4 * (x + 3)];
      const ix = h[4 * (x + 3) + 1];
      if (kx > kc || (kx === kc && ix < ic)) {
        kc = kx;
        ic = ix;
      }
    }
    for (;;) {
      // Hand out unit bi + 1 of query i.
      b[i] = ++bi;
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
        removeRoot();
        break;
      }
      const prev = key;
      key = nextGain(aux, bi, key);
      // The same gain as the unit just handed out (same query) still ranks above everything queued.
      if (key === prev) {
        if (stopAtZeroGain && !(key > 0)) break outer;
        continue;
      }
      if (key !== key) throw new Error(`${who}: gain of query ${i}, unit ${bi + 1} is NaN`);
      let k = (orderBits(key) >>> shift) - base;
      if (k < 0) k = 0;
      else if (k > last) k = last;
      // Above everything still queued (an earlier bucket, or above the root's best child in this
      // one; later buckets hold only lower gains)? A single heap would pop it next: hand it out.
      if (k < cur || (k === cur && (key > kc || (key === kc && i < ic)))) {
        if (stopAtZeroGain && !(key > 0)) break outer; // the best remaining gain is <= 0
        continue;
      }
      if (k === cur) {
        h[12] = key;
        h[15] = bi;
        siftDown4(h, size, 0);
      } else {
        // A later bucket (k > cur: buckets up to `cur` stay empty).
        removeRoot();
        push(k, key, i, aux, bi);
      }
      break;
    }
  }
  // Stopped early (no units left, or zero gains): the remaining checkpoints see the final budgets.
  while (s < checkpoints.length) {
    snaps.push(b.slice());
    s++;
  }
  return snaps;

  function removeRoot(): void {
    size--;
    const o = 4 * (size + 3);
    h[12] = h[o];
    h[13] = h[o + 1];
    h[14] = h[o + 2];
    h[15] = h[o + 3];
    if (size > 1) siftDown4(h, size, 0);
  }
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
/** Index of the high 32-bit word of a float64 in U32 (1 on little-endian machines). */
const HI = U32[1] === 0x3ff00000 ? 1 : 0;

/**
 * The high 32 bits of a gain's float64 pattern, mapped so that a larger number gives a smaller
 * (or equal) value: positive floats order like their bit patterns, negative ones in reverse; -0 is
 * folded into +0 (equal gains, tied by query index).
 */
function orderBits(key: number): number {
  F64[0] = key + 0;
  const hi = U32[HI];
  return (hi & 0x80000000 ? hi : hi ^ 0x7fffffff) >>> 0;
}

/** Move the entry at heap position `pos` down to its place in the 4-ary heap `h` (see above). */
function siftDown4(h: Float64Array, size: number, pos: number): void {
  const o = 4 * (pos + 3);
  const key = h[o];
  const idx = h[o + 1];
  const aux = h[o + 2];
  const bq = h[o + 3];
  for (;;) {
    const c0 = 4 * pos + 1;
    if (c0 >= size) break;
    const cEnd = c0 + 4 < size ? c0 + 4 : size;
    let c = c0;
    let kc = h[4 * (c0 + 3)];
    let ic = h[4 * (c0 + 3) + 1];
    for (let x = c0 + 1; x < cEnd; x++) {
      const kx = h[4 * (x + 3)];
      if (kx > kc || (kx === kc && h[4 * (x + 3) + 1] < ic)) {
        c = x;
        kc = kx;
        ic = h[4 * (x + 3) + 1];
      }
    }
    if (kc > key || (kc === key && ic < idx)) {
      const d = 4 * (pos + 3);
      const e = 4 * (c + 3);
      h[d] = kc;
      h[d + 1] = ic;
      h[d + 2] = h[e + 2];
      h[d + 3] = h[e + 3];
      pos = c;
    } else break;
  }
  const d = 4 * (pos + 3);
  h[d] = key;
  h[d + 1] = idx;
  h[d + 2] = aux;
  h[d + 3] = bq;
}
