import { orderStatisticWeights } from './order_statistic_weights';

/**
 * Expected best-of-k reward when the reranker is the reward itself: the expected maximum of k
 * rewards drawn without replacement from the n observed ones. With x_(1) <= ... <= x_(n) sorted
 * ascending (order statistics),
 *
 *   E[max of k] = sum_{r=k..n} C(r-1, k-1) / C(n, k) * x_(r)
 *
 * with the weights from `orderStatisticWeights` (stable ratio recurrence, fine for n = 1000).
 * k = 0 gives 0 (no sample). Ties need no care: equal values contribute the same either way.
 *
 * @example
 * expectedMaxOfK(Float64Array.of(1, 2, 3, 4), 2); // (0*1 + 1*2 + 2*3 + 3*4)/6 = 20/6 = 3.333...
 */
export function expectedMaxOfK(rewards: Float64Array, k: number): number {
  const n = rewards.length;
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`expectedMaxOfK: k must be an integer in [0, n=${n}], got ${k}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(rewards[i])) throw new Error(`expectedMaxOfK: rewards[${i}] is not finite (${rewards[i]})`);
  }
  if (k === 0) return 0;
  const sorted = Float64Array.from(rewards).sort();
  const w = orderStatisticWeights(n, k);
  let s = 0;
  for (let r = k - 1; r < n; r++) s += w[r] * sorted[r];
  return s;
}
