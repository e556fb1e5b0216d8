/**
 * The project calls each benchmark case times, kept apart from the timing code so that a reader
 * sees exactly which library functions are measured.
 */
import { greedyAllocateBinary } from '../lib/allocate/greedy';
import { thresholdAllocateBinary } from '../lib/allocate/threshold';
import { gainsFromQ, qTableFromCounts } from '../lib/rewards/tables';
import { oracleAllocatePath } from '../lib/allocate/oracle';
import { uniformAllocate } from '../lib/allocate/uniform';
import { isNonIncreasing } from '../lib/allocate/concave';
import { bestOfKCurves } from '../lib/evaluate/curves';
import { oracleCurve, uniformCurve } from '../lib/evaluate/fast_curves';

/**
 * Heap greedy from success probabilities: `greedyAllocateBinary` runs the exact heap greedy with
 * the closed-form gains p(1-p)^(j-1) computed on demand (no n x Bmax table; at n = 1e6 and
 * Bmax = 128 a table would be 1 GB). tableMs is 0: there is no table to build.
 */
export function projectHeap(p: Float64Array, total: number, bmax: number): { alloc: Int32Array; tableMs: number } {
  return { alloc: greedyAllocateBinary(p, total, { bmax }), tableMs: 0 };
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
 * with the `uniformAllocate` allocator and the oracle as a path allocator
 * (`oracleAllocatePath`: one gain table, one concavity check and ONE heap-greedy pass that
 * records the allocation at every x = 1..bmax).
 */
export function projectEvaluateCurvesApi(n: Int32Array, c: Int32Array, bmax: number): EvaluateResult {
  const q = qTableFromCounts(n, c, bmax);
  const N = n.length;
  const xs = Float64Array.from({ length: bmax }, (_, k) => k + 1);
  const fam = bestOfKCurves({
    q,
    xs,
    allocators: { uniform: (t) => uniformAllocate(N, t, { bmax }), oracle: { path: (totals) => oracleAllocatePath(q, totals) } },
    keepAllocations: false,
  });
  return { q: q.q, uniform: fam.curves.uniform, oracle: fam.curves.oracle, method: 'qTableFromCounts + bestOfKCurves({uniformAllocate, oracleAllocatePath})' };
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

/**
 * Values-only curves, the library's fast path when no bands are needed: pass@b table
 * (`qTableFromCounts`), `uniformCurve` and `oracleCurve` (selection of the B largest gains by
 * bucketing the float bits; no allocation arrays, no full sort).
 */
export function projectEvaluateValues(n: Int32Array, c: Int32Array, bmax: number): EvaluateResult {
  const q = qTableFromCounts(n, c, bmax);
  const xs = Float64Array.from({ length: bmax }, (_, k) => k + 1);
  return { q: q.q, uniform: uniformCurve(q, xs), oracle: oracleCurve(q, xs), method: 'qTableFromCounts + uniformCurve + oracleCurve' };
}
