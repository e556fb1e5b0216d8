import type { QTable } from '../rewards/types';
import { gainsFromQ } from '../rewards/tables';
import { allocate, allocatePath, type AllocateDetailedOptions } from './allocate';
import { greedyAllocatePathFromQ } from './greedy';

/**
 * Oracle allocation: `allocate` on the true marginal gains Delta_ij = q(i, j) - q(i, j-1) of the
 * evaluation tables (greedy when they are concave, exact fallback otherwise). The upper
 * reference every learned allocator is measured against.
 *
 * @example
 * oracleAllocate({ n: 2, bmax: 2, q: Float64Array.of(0, 0.9, 0.99, 0, 0.2, 0.36) }, 2);
 * // Int32Array [1, 1]  (gains 0.9 and 0.2 beat 0.16 and 0.09)
 */
export function oracleAllocate(q: QTable, total: number, opts: AllocateDetailedOptions = {}): Int32Array {
  return allocate(gainsFromQ(q), total, opts);
}

/**
 * Oracle allocations at several total budgets (a whole curve) from ONE pass: element k equals
 * oracleAllocate(q, totals[k], opts). Concave tables (gains non-increasing within tol, the usual
 * case) take a single greedy pass that reads the gains straight from q (no gain table); others
 * go through `allocatePath` on the gain table.
 */
export function oracleAllocatePath(q: QTable, totals: ArrayLike<number>, opts: AllocateDetailedOptions = {}): Int32Array[] {
  const want = opts.method ?? 'auto';
  if (want === 'greedy' || (want === 'auto' && qRowsNonIncreasing(q, opts.tol ?? 1e-12, opts.bmax ?? q.bmax))) {
    return greedyAllocatePathFromQ(q, totals, opts);
  }
  return allocatePath(gainsFromQ(q), totals, opts);
}

/** isNonIncreasing(gainsFromQ(q), tol, cap) without the table (same comparisons, same gains). */
function qRowsNonIncreasing(q: QTable, tol: number, cap: number): boolean {
  const w = q.bmax + 1;
  const qq = q.q;
  for (let i = 0; i < q.n; i++) {
    const o = i * w;
    let prev = qq[o + 1] - qq[o];
    for (let j = 1; j < cap; j++) {
      const g = qq[o + j + 1] - qq[o + j];
      if (!(g <= prev + tol)) return false;
      prev = g;
    }
  }
  return true;
}
