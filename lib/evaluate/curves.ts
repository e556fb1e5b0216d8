import type { QTable } from '../rewards/types';
import { checkBudgets } from './value';

/**
 * An allocator for the curves: given the total budget (round(x * n) samples) and the average
 * budget x it was derived from, return one budget per query. Uniform, oracle, online and
 * offline are all just allocators (build them with lib/allocate); an offline policy may ignore
 * `total` and spend a little more or less, which the curves record as `spent`.
 */
export type Allocator = (total: number, x: number) => Int32Array;

/**
 * An allocator that computes a whole curve at once: given every total budget of the grid (and
 * the xs), it returns one allocation per grid point. Incremental allocators (the greedy on any
 * fixed gain table: oracle, online, prior) take one pass for the whole curve this way
 * (`allocate.allocatePath`, `allocate.oracleAllocatePath`).
 */
export interface PathAllocator {
  path(totals: number[], xs: Float64Array): Int32Array[];
}

export interface BestOfKCurvesInput {
  /** True reward tables: allocations are valued with them. */
  q: QTable;
  /** Average budgets per query (best-of-k: every integer 1..Bmax). */
  xs: ArrayLike<number>;
  /** Named allocators, e.g. { uniform, oracle, online, offline }. Insertion order is kept. */
  allocators: Record<string, Allocator | PathAllocator>;
  /** Keep every allocation (needed by {@link bestOfKBands} and the budget histograms). Default true. */
  keepAllocations?: boolean;
  /** Called after each x with (k, xs.length). */
  onProgress?: (done: number, total: number) => void;
}

export interface CurveFamily {
  /** The x grid (average budget per query asked for). */
  x: Float64Array;
  /** curves[name][k] = mean_i q_i(b_i) for the allocation of `name` at x[k]. */
  curves: Record<string, Float64Array>;
  /** spent[name][k] = mean_i b_i, the average budget the allocation actually used. */
  spent: Record<string, Float64Array>;
  /** allocations[name][k] = the budgets at x[k] (when kept). */
  allocations?: Record<string, Int32Array[]>;
}

/**
 * Mean reward against average budget per query, for any set of allocators (issue 5's curves):
 *
 *   curves[a][k] = (1/n) sum_i q_i(b^a_i(x_k)),   b^a(x) = allocators[a](round(x * n), x)
 *
 * Each allocation is computed once per x; keep them (default) to bootstrap bands on exactly the
 * same allocations with {@link bestOfKBands}.
 *
 * @example
 * const fam = bestOfKCurves({ q, xs: [1, 2], allocators: { uniform: (t) => uniformAllocate(q.n, t, q.bmax) } });
 * fam.curves.uniform; // Float64Array [mean pass@1, mean pass@2]
 */
export function bestOfKCurves(input: BestOfKCurvesInput): CurveFamily {
  const { q, allocators } = input;
  const xs = Float64Array.from(input.xs);
  const keep = input.keepAllocations ?? true;
  const names = Object.keys(allocators);
  const curves: Record<string, Float64Array> = {};
  const spent: Record<string, Float64Array> = {};
  const allocations: Record<string, Int32Array[]> = {};
  for (const name of names) {
    curves[name] = new Float64Array(xs.length);
    spent[name] = new Float64Array(xs.length);
    allocations[name] = [];
  }
  const stride = q.bmax + 1;
  const totals = Array.from(xs, (x, k) => {
    if (!Number.isFinite(x) || x < 0) throw new Error(`bestOfKCurves: x[${k}] = ${x} is not a budget`);
    return Math.round(x * q.n);
  });
  const paths: Record<string, Int32Array[]> = {};
  for (const name of names) {
    const a = allocators[name];
    if (typeof a !== 'function') {
      paths[name] = a.path(totals, xs);
      if (paths[name].length !== xs.length) throw new Error(`bestOfKCurves: path allocator '${name}' returned ${paths[name].length} allocations for ${xs.length} budgets`);
    }
  }
  // Allocations are made x by x (allocators called in the order x, then name), then valued in
  // groups of x's: query blocks of VB rows keep the q rows in cache while every allocation of the
  // group reads them (valuing one allocation at a time streams the whole table per allocation).
  // Each sum still adds queries in index order, so the values are bit-identical either way.
  const n = q.n;
  const qq = q.q;
  const VB = 512;
  const group = Math.max(1, Math.floor((64 << 20) / (4 * Math.max(1, n) * Math.max(1, names.length))));
  for (let k0 = 0; k0 < xs.length; k0 += group) {
    const k1 = Math.min(xs.length, k0 + group);
    const batch: Int32Array[] = [];
    const vacc: Float64Array = new Float64Array((k1 - k0) * names.length);
    const sacc: Float64Array = new Float64Array((k1 - k0) * names.length);
    for (let k = k0; k < k1; k++) {
      const x = xs[k];
      const total = totals[k];
      for (const name of names) {
        const a = allocators[name];
        const b = typeof a === 'function' ? a(total, x) : paths[name][k];
        if (!(b instanceof Int32Array)) throw new Error(`bestOfKCurves: allocator '${name}' must return an Int32Array`);
        checkBudgets(q, b, `bestOfKCurves: allocator '${name}' at x = ${x}`);
        batch.push(b);
        if (keep) allocations[name].push(b);
      }
      input.onProgress?.(k + 1, xs.length);
    }
    for (let i0 = 0; i0 < n; i0 += VB) {
      const i1 = Math.min(n, i0 + VB);
      for (let t = 0; t < batch.length; t++) {
        const b = batch[t];
        let v = vacc[t];
        let s = sacc[t];
        for (let i = i0; i < i1; i++) {
          const bi = b[i];
          v += qq[i * stride + bi];
          s += bi;
        }
        vacc[t] = v;
        sacc[t] = s;
      }
    }
    for (let k = k0, t = 0; k < k1; k++) {
      for (const name of names) {
        curves[name][k] = vacc[t] / n;
        spent[name][k] = sacc[t] / n;
        t++;
      }
    }
  }
  return keep ? { x: xs, curves, spent, allocations } : { x: xs, curves, spent };
}
