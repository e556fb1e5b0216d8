import type { GainTable } from '../rewards/types';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/**
 * Greedy allocation with a binary max-heap over queries: repeatedly give one unit to the query
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
 * @example
 * greedyAllocate({ n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.1, 0.3, 0.2) }, 2);
 * // Int32Array [1, 1]  (0.5 then 0.3)
 */
export function greedyAllocate(gains: GainTable, total: number, opts: AllocateOptions = {}): Int32Array {
  const { n, bmax } = gains;
  const g = gains.gains;
  if (g.length !== n * bmax) throw new Error(`greedyAllocate: gains has length ${g.length}, expected n*bmax = ${n * bmax}`);
  const { cap, m, stopAtZeroGain, units } = resolveAllocateOptions('greedyAllocate', n, bmax, total, opts);
  const b = new Int32Array(n).fill(m);
  let remaining = units;
  if (remaining <= 0) return b;

  // 4-ary max-heap, each entry (key, query index) interleaved in one Float64Array so the four
  // children of a node share a cache line; slot of heap position pos is pos + 3 (pads the
  // children groups to 64-byte boundaries). "a above b" iff key_a > key_b, or equal keys and
  // index_a < index_b.
  const h = new Float64Array(2 * (n + 3));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const k = g[i * bmax + m];
    if (k !== k) throw new Error(`greedyAllocate: gain of query ${i}, unit ${m + 1} is NaN`);
    h[2 * (size + 3)] = k;
    h[2 * (size + 3) + 1] = i;
    size++;
  }
  for (let pos = (size - 2) >> 2; pos >= 0; pos--) siftDown4(h, size, pos);

  while (remaining > 0 && size > 0) {
    if (stopAtZeroGain && !(h[6] > 0)) break;
    const i = h[7];
    const bi = ++b[i];
    remaining--;
    if (bi < cap) {
      const k = g[i * bmax + bi];
      if (k !== k) throw new Error(`greedyAllocate: gain of query ${i}, unit ${bi + 1} is NaN`);
      h[6] = k;
    } else {
      size--;
      h[6] = h[2 * (size + 3)];
      h[7] = h[2 * (size + 3) + 1];
    }
    if (size > 1) siftDown4(h, size, 0);
  }
  return b;
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
