import type { GainTable } from '../rewards/types';
import { concaveMajorantGains, nonIncreasingRows } from './concave';
import { exactAllocate } from './exact';
import { greedyAllocate, greedyAllocatePath } from './greedy';
import { sortedGreedyPath } from './sorted_path';
import { gainObjective } from './objective';
import { resolveAllocateOptions, type AllocateOptions } from './options';

export type AllocateMethod = 'greedy' | 'dp' | 'hull';

export interface AllocateDetailedOptions extends AllocateOptions {
  /** 'auto' (default): greedy if gains are non-increasing, else dp if small enough, else hull. */
  method?: 'auto' | AllocateMethod;
  /** Increases up to tol count as non-increasing (float noise from differencing); default 1e-12. */
  tol?: number;
  /** Largest dp size n (K+1) (cap-m) that 'auto' accepts (default 3e8, about a second). */
  maxDpOps?: number;
}

export interface AllocationResult {
  budgets: Int32Array;
  /** Which solver produced the budgets. */
  method: AllocateMethod;
  /** sum_i q(i, b_i) - q(i, 0), from the given gains. */
  objective: number;
  /** An upper bound on the optimum: equal to objective for greedy on concave gains and for dp;
   * for hull, the majorant's optimum (so upperBound - objective bounds the loss). */
  upperBound: number;
  /** Number of queries whose gains (units 1..cap) are not non-increasing within tol. */
  nonConcaveQueries: number;
}

/**
 * The public allocation entry: solves max sum_i q(i, b_i) s.t. sum b_i <= B, m <= b_i <= Bmax,
 * never silently mis-allocating.
 * - Gains non-increasing per query (within tol): the heap greedy (exact).
 * - Otherwise, when the dp fits in maxDpOps: the exact multiple-choice knapsack (`exactAllocate`).
 * - Otherwise: greedy on the concave majorant's gains; queries that land between hull vertices
 *   are reported through upperBound - objective (the gap to the majorant's optimum, an upper
 *   bound on the loss). With stopAtZeroGain such queries are moved back to their best budget
 *   at or below the greedy's, so no query keeps units that lower its reward.
 * Default budget semantics (exactly min(B, n Bmax) units, or stop at zero gain) as in
 * `AllocateOptions`.
 *
 * @example
 * const r = allocateDetailed({ n: 2, bmax: 2, gains: Float64Array.of(0.1, 0.8, 0.5, 0.1) }, 2);
 * // r.method === 'dp', r.budgets = Int32Array [2, 0], r.objective = 0.9
 */
export function allocateDetailed(gains: GainTable, total: number, opts: AllocateDetailedOptions = {}): AllocationResult {
  const { n, bmax } = gains;
  const { cap, m, units, stopAtZeroGain } = resolveAllocateOptions('allocate', n, bmax, total, opts);
  const tol = opts.tol ?? 1e-12;
  const rows = nonIncreasingRows(gains, tol, cap);
  let bad = 0;
  for (let i = 0; i < n; i++) if (rows[i] === 0) bad++;
  let method: AllocateMethod;
  const want = opts.method ?? 'auto';
  if (want !== 'auto') method = want;
  else if (bad === 0) method = 'greedy';
  else method = n * (units + 1) * (cap - m) <= (opts.maxDpOps ?? 3e8) ? 'dp' : 'hull';

  if (method === 'greedy') {
    const budgets = greedyAllocate(gains, total, opts);
    const objective = gainObjective(gains, budgets);
    return { budgets, method, objective, upperBound: bad === 0 ? objective : NaN, nonConcaveQueries: bad };
  }
  if (method === 'dp') {
    const budgets = exactAllocate(gains, total, { ...opts, maxOps: Infinity });
    const objective = gainObjective(gains, budgets);
    return { budgets, method, objective, upperBound: objective, nonConcaveQueries: bad };
  }
  const maj = concaveMajorantGains(gains, opts);
  const budgets = greedyAllocate(maj.gains, total, opts);
  const upperBound = gainObjective(maj.gains, budgets);
  if (stopAtZeroGain) {
    const g = gains.gains;
    for (let i = 0; i < n; i++) {
      if (maj.vertex[i * (bmax + 1) + budgets[i]]) continue;
      // best budget in [m, b_i] by the true gains (smallest on ties)
      let acc = 0;
      let best = 0;
      let bestB = m;
      for (let j = m + 1; j <= budgets[i]; j++) {
        acc += g[i * bmax + j - 1];
        if (acc > best) {
          best = acc;
          bestB = j;
        }
      }
      budgets[i] = bestB;
    }
  }
  return { budgets, method, objective: gainObjective(gains, budgets), upperBound, nonConcaveQueries: bad };
}

/** `allocateDetailed(...).budgets`: the per-query budgets. */
export function allocate(gains: GainTable, total: number, opts: AllocateDetailedOptions = {}): Int32Array {
  return allocateDetailed(gains, total, opts).budgets;
}

/**
 * `allocate` at several total budgets (a curve): element k equals allocate(gains, totals[k], opts).
 * When every row is non-increasing (and no method is forced) it runs the greedy once to the
 * largest budget and records the budgets at each total: by one radix sort of all units
 * (`sortedGreedyPath`) for tables up to 2^25 units, else by the heap (`greedyAllocatePath`);
 * both return exactly the greedy's allocations. Otherwise it calls `allocate` per total (exact
 * DP or hull, as `allocate` chooses).
 */
export function allocatePath(gains: GainTable, totals: ArrayLike<number>, opts: AllocateDetailedOptions = {}): Int32Array[] {
  const want = opts.method ?? 'auto';
  const concave = want === 'greedy' || (want === 'auto' && isNonIncreasingWithin(gains, opts));
  if (!concave) return Array.from(totals, (t) => allocate(gains, t, opts));
  // The sort reproduces the greedy's order only when rows are exactly non-increasing; rows that
  // rise by float noise (within tol) make the heap take units in row order, so they use the heap.
  const exact = isNonIncreasingWithin(gains, { ...opts, tol: 0 });
  return exact && gains.n * gains.bmax <= 1 << 25 ? sortedGreedyPath(gains, totals, opts) : greedyAllocatePath(gains, totals, opts);
}

function isNonIncreasingWithin(gains: GainTable, opts: AllocateDetailedOptions): boolean {
  const cap = opts.bmax ?? gains.bmax;
  const rows = nonIncreasingRows(gains, opts.tol ?? 1e-12, cap);
  for (let i = 0; i < rows.length; i++) if (rows[i] === 0) return false;
  return true;
}
