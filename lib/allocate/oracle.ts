import type { QTable } from '../rewards/types';
import { gainsFromQ } from '../rewards/tables';
import { allocate, allocatePath, type AllocateDetailedOptions } from './allocate';

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
 * Oracle allocations at several total budgets (a whole curve) from ONE gain table: element k
 * equals oracleAllocate(q, totals[k], opts). Concave tables take a single greedy pass.
 */
export function oracleAllocatePath(q: QTable, totals: ArrayLike<number>, opts: AllocateDetailedOptions = {}): Int32Array[] {
  return allocatePath(gainsFromQ(q), totals, opts);
}
