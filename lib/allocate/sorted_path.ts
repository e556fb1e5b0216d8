import type { GainTable } from '../rewards/types';
import { resolveAllocateOptions, type AllocateOptions } from './options';

/**
 * Greedy allocations at several totals by ONE stable sort of all units instead of a heap.
 *
 * When every query's gains are non-increasing, the greedy hands out units in the order
 * (gain descending, query index ascending, unit index ascending) (see `greedyAllocate`). A stable
 * sort of the row-major table by gain descending produces exactly that order: rows are visited
 * query by query, unit by unit, and stability keeps that order among equal gains. Walking the
 * sorted units and recording the budgets each time a total is reached gives, for every total,
 * the identical Int32Array greedyAllocate returns.
 *
 * The sort is an LSD radix sort on the 64-bit pattern of each gain (mapped so that unsigned
 * order is descending float order; -0 is treated as +0), four passes of 16 bits, carrying the
 * query index: O(n Bmax) time, no comparisons. It needs about 24 bytes per unit, so it suits
 * evaluation tables (15,000 x 128 in tens of milliseconds); for n Bmax above `maxUnits`
 * use the heap (`greedyAllocatePath`).
 *
 * Precondition (checked by the caller, `allocatePath`): each row is non-increasing on units
 * minPerQuery+1..cap. Units beyond the cap are not sorted.
 *
 * @example
 * sortedGreedyPath({ n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.1, 0.3, 0.2) }, [1, 2, 3]);
 * // [Int32Array [1, 0], Int32Array [1, 1], Int32Array [1, 2]]
 */
export function sortedGreedyPath(gains: GainTable, totals: ArrayLike<number>, opts: AllocateOptions = {}): Int32Array[] {
  const { n, bmax } = gains;
  const g = gains.gains;
  const k = totals.length;
  const out = new Array<Int32Array>(k);
  if (k === 0) return out;
  let cap = bmax;
  let m = 0;
  let stop = false;
  const units = new Int32Array(k);
  for (let t = 0; t < k; t++) {
    const r = resolveAllocateOptions('sortedGreedyPath', n, bmax, totals[t], opts);
    units[t] = r.units;
    cap = r.cap;
    m = r.m;
    stop = r.stopAtZeroGain;
  }
  // Units with gain exactly 0 (or -0) are not sorted: they all tie, so the greedy takes them in
  // row-major order, after every positive unit and before every negative one.
  const words = new Uint32Array(g.buffer, g.byteOffset, 2 * g.length);
  let nonzero = 0;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const off = i * bmax;
    for (let j = m; j < cap; j++) {
      const v = g[off + j];
      if (v !== v) throw new Error(`sortedGreedyPath: gain of query ${i}, unit ${j + 1} is NaN`);
      if (v > 0) positive++;
      if (v !== 0) nonzero++;
    }
  }
  // Keys as (hi, lo) 32-bit halves, mapped so that ascending unsigned order = descending gain.
  const hi = new Uint32Array(nonzero);
  const lo = new Uint32Array(nonzero);
  const who = new Int32Array(nonzero);
  const count = n * (cap - m);
  const seq = new Int32Array(count); // query of each unit, in the greedy's order
  let e = 0;
  let z = positive;
  for (let i = 0; i < n; i++) {
    const off = i * bmax;
    for (let j = m; j < cap; j++) {
      if (g[off + j] === 0) {
        seq[z++] = i;
        continue;
      }
      const w = 2 * (off + j);
      const l = words[w]; // little-endian: low word first
      const h = words[w + 1];
      if (h >>> 31) {
        // negative: descending float order = ascending raw bits
        hi[e] = h;
        lo[e] = l;
      } else {
        // positive: flip all but the sign bit
        hi[e] = h ^ 0x7fffffff;
        lo[e] = ~l >>> 0;
      }
      who[e] = i;
      e++;
    }
  }
  const sorted = radixSortPayload(hi, lo, who);
  seq.set(sorted.subarray(0, positive), 0);
  seq.set(sorted.subarray(positive), z);

  const byUnits = Array.from({ length: k }, (_, t) => t).sort((a, b) => units[a] - units[b]);
  const b = new Int32Array(n).fill(m);
  let s = 0;
  let given = 0;
  const snap = (): void => {
    while (s < k && units[byUnits[s]] <= given) out[byUnits[s++]] = b.slice();
  };
  snap();
  const end = stop ? positive : count;
  for (let r = 0; r < end && s < k; r++) {
    b[seq[r]]++;
    given++;
    if (given === units[byUnits[s]]) snap();
  }
  while (s < k) out[byUnits[s++]] = b.slice();
  return out;
}

/**
 * Stable LSD radix sort by the unsigned 64-bit key (hi, lo), 16-bit digits, carrying the keys
 * and the payload along (sequential reads each pass); passes where every key has the same digit
 * are skipped. Returns the payload in key order; the input arrays are used as scratch.
 */
function radixSortPayload(hiIn: Uint32Array, loIn: Uint32Array, whoIn: Int32Array): Int32Array {
  const count = whoIn.length;
  let hi = hiIn;
  let lo = loIn;
  let who = whoIn;
  let hi2 = new Uint32Array(count);
  let lo2 = new Uint32Array(count);
  let who2 = new Int32Array(count);
  const hist = new Int32Array(4 * 65536);
  for (let i = 0; i < count; i++) {
    const l = lo[i];
    const h = hi[i];
    hist[l & 0xffff]++;
    hist[65536 + (l >>> 16)]++;
    hist[131072 + (h & 0xffff)]++;
    hist[196608 + (h >>> 16)]++;
  }
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    let nonEmpty = 0;
    for (let d = 0; d < 65536 && nonEmpty < 2; d++) if (hist[base + d] !== 0) nonEmpty++;
    if (nonEmpty < 2) continue;
    let acc = 0;
    for (let d = 0; d < 65536; d++) {
      const c = hist[base + d];
      hist[base + d] = acc;
      acc += c;
    }
    const word = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    for (let r = 0; r < count; r++) {
      const dst = hist[base + ((word[r] >>> shift) & 0xffff)]++;
      hi2[dst] = hi[r];
      lo2[dst] = lo[r];
      who2[dst] = who[r];
    }
    const th = hi; hi = hi2; hi2 = th;
    const tl = lo; lo = lo2; lo2 = tl;
    const tw = who; who = who2; who2 = tw;
  }
  return who;
}
