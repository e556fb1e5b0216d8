/**
 * The project calls each benchmark case times, kept apart from the timing code so that a reader
 * sees exactly which library functions are measured.
 */
import { greedyAllocateBinary } from '../lib/allocate/greedy';
import { thresholdAllocateBinary } from '../lib/allocate/threshold';
import { qTableFromCounts } from '../lib/rewards/tables';
import { oracleAllocatePath } from '../lib/allocate/oracle';
import { uniformAllocate } from '../lib/allocate/uniform';
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
  /** The oracle allocation at every x (curves-api only: the values path builds none). */
  oracleAllocations?: Int32Array[];
}

/**
 * The library path a researcher calls when they also want the allocations (bootstrap bands,
 * budget histograms): pass@b table (`qTableFromCounts`), then `bestOfKCurves` with the
 * `uniformAllocate` allocator and the oracle as a path allocator (`oracleAllocatePath`: one gain
 * table, one concavity check and ONE greedy pass that records the allocation at every
 * x = 1..bmax), keeping every allocation. Compared with numpy doing the same (allocations too).
 */
export function projectEvaluateCurvesApi(n: Int32Array, c: Int32Array, bmax: number): EvaluateResult {
  const q = qTableFromCounts(n, c, bmax);
  const N = n.length;
  const xs = Float64Array.from({ length: bmax }, (_, k) => k + 1);
  const fam = bestOfKCurves({
    q,
    xs,
    allocators: { uniform: (t) => uniformAllocate(N, t, { bmax }), oracle: { path: (totals) => oracleAllocatePath(q, totals) } },
    keepAllocations: true,
  });
  return {
    q: q.q,
    uniform: fam.curves.uniform,
    oracle: fam.curves.oracle,
    oracleAllocations: fam.allocations?.oracle,
    method: 'qTableFromCounts + bestOfKCurves({uniformAllocate, oracleAllocatePath}, keepAllocations)',
  };
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
