/**
 * The project calls each benchmark case times, kept apart from the timing code so that a reader
 * sees exactly which library functions are measured.
 */
import { greedyAllocate } from '../lib/allocate/greedy';
import { thresholdAllocateBinary } from '../lib/allocate/threshold';
import { successGains } from '../lib/rewards/success_gains';

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
