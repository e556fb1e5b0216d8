/**
 * The project calls each benchmark case times, kept apart from the timing code so that a reader
 * sees exactly which library functions are measured.
 */
import { greedyAllocate } from '../lib/allocate/greedy';
import { thresholdAllocateBinary } from '../lib/allocate/threshold';
import { successGains } from '../lib/rewards/success_gains';
import { gainsFromQ, qTableFromCounts } from '../lib/rewards/tables';
import { oracleAllocate } from '../lib/allocate/oracle';
import { uniformAllocate } from '../lib/allocate/uniform';
import { isNonIncreasing } from '../lib/allocate/concave';
import { bestOfKCurves } from '../lib/evaluate/curves';

/** Heap greedy from success probabilities: build the gain table p(1-p)^(j-1), then allocate. */
export function projectHeap(p: Float64Array, total: number, bmax: number): { alloc: Int32Array; tableMs: number } {
  const t0 = performance.now();
  const gains = successGains(p, bmax);
  const tableMs = performance.now() - t0;
  return { alloc: greedyAllocate(gains, total, { bmax }), tableMs };
}

/** Threshold allocator straight from p (closed-form gains, no table). */
export function projectThreshold(p: Float64Array, total: number, bmax: number): Int32Array {
  return thresholdAllocateBinary(p, total, { bmax });
}

/** Objective of an allocation under binary rewards: sum_i 1 - (1 - p_i)^(a_i) (= sum of allocated gains). */
export function successObjective(p: Float64Array, alloc: Int32Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += 1 - Math.pow(1 - p[i], alloc[i]);
  return s;
}

export interface EvaluateResult {
  /** The pass@b table, row-major N x (bmax + 1). */
  q: Float64Array;
  /** Mean value per query of the uniform allocation of x units per query, x = 1..bmax. */
  uniform: Float64Array;
  /** Mean value per query of the oracle allocation of x N units, x = 1..bmax. */
  oracle: Float64Array;
  /** Which project functions computed the curves. */
  method: string;
}

/**
 * The library path a researcher calls: pass@b table (`qTableFromCounts`), then `bestOfKCurves`
 * with the `uniformAllocate` and `oracleAllocate` allocators at x = 1..bmax. The oracle
 * allocator rebuilds the gain table, checks concavity and runs the heap greedy at every x.
 */
export function projectEvaluateCurvesApi(n: Int32Array, c: Int32Array, bmax: number): EvaluateResult {
  const q = qTableFromCounts(n, c, bmax);
  const N = n.length;
  const xs = Float64Array.from({ length: bmax }, (_, k) => k + 1);
  const fam = bestOfKCurves({
    q,
    xs,
    allocators: { uniform: (t) => uniformAllocate(N, t, { bmax }), oracle: (t) => oracleAllocate(q, t) },
    keepAllocations: false,
  });
  return { q: q.q, uniform: fam.curves.uniform, oracle: fam.curves.oracle, method: 'qTableFromCounts + bestOfKCurves({uniformAllocate, oracleAllocate})' };
}

/**
 * The same numbers the fast way (what numpy does too): pass@b table, uniform curve by
 * `bestOfKCurves` with `uniformAllocate`, and the oracle curve from ONE descending sort of all
 * gains (`gainsFromQ`) and a prefix sum: with non-increasing gains per query (checked with
 * `isNonIncreasing`, else it throws), the oracle value at budget B = x N is the sum of the B
 * largest gains. The sort + prefix sum is benchmark code on the library's arrays; the library
 * has no oracle-curve function yet.
 */
export function projectEvaluateSortedGains(n: Int32Array, c: Int32Array, bmax: number): EvaluateResult {
  const q = qTableFromCounts(n, c, bmax);
  const N = n.length;
  const xs = Float64Array.from({ length: bmax }, (_, k) => k + 1);
  const fam = bestOfKCurves({ q, xs, allocators: { uniform: (t) => uniformAllocate(N, t, { bmax }) }, keepAllocations: false });
  const gains = gainsFromQ(q);
  if (!isNonIncreasing(gains)) throw new Error('projectEvaluateSortedGains: gains are not non-increasing; the sort shortcut does not apply');
  const sorted = gains.gains.sort(); // ascending, in place (the table is ours)
  const oracle = new Float64Array(bmax);
  let acc = 0;
  let taken = 0;
  for (let x = 1; x <= bmax; x++) {
    const B = x * N;
    for (; taken < B; taken++) acc += sorted[sorted.length - 1 - taken];
    oracle[x - 1] = acc / N;
  }
  return { q: q.q, uniform: fam.curves.uniform, oracle, method: 'qTableFromCounts + bestOfKCurves({uniformAllocate}) + gainsFromQ, isNonIncreasing, one sort + prefix sum (bench code) for the oracle' };
}
