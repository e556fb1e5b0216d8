import { orderStatisticWeights } from './order_statistic_weights';

/**
 * Expected true reward when an imperfect reranker picks: k of the n samples are drawn without
 * replacement, the reranker picks the one with the highest score, and that sample's true reward
 * counts. Ties in score are split evenly: among tied top-scored drawn samples each is picked with
 * the same probability (an exact expectation, no random tie-break).
 *
 * Sort by score ascending and group equal scores. The top drawn score falls in group g (positions
 * L_g+1..U_g) with probability sum_{r=L_g+1..U_g} w_r, w_r = C(r-1, k-1)/C(n, k); given that, by
 * symmetry every member of the group is equally likely to be picked, so
 *
 *   E = sum_g mean(reward in g) * sum_{r in g} w_r  =  sum_r w_r * v_r
 *
 * where v_r is the mean true reward of the score group at sorted position r. Without ties this is
 * the order-statistics formula of `expectedMaxOfK`, ordering by score instead of reward.
 *
 * @example
 * // scores rank sample 0 first, but it is wrong: with k = 1 the mean, with k = 2 the pick
 * // is sample 0 whenever drawn (2 of 3 pairs), else the better of samples 1, 2.
 * rerankedBestOfK(Float64Array.of(0, 1, 1), Float64Array.of(0.9, 0.5, 0.1), 2); // 1/3
 */
export function rerankedBestOfK(rewards: Float64Array, scores: Float64Array, k: number): number {
  const n = rewards.length;
  if (scores.length !== n) {
    throw new Error(`rerankedBestOfK: rewards (${n}) and scores (${scores.length}) differ in length`);
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`rerankedBestOfK: k must be an integer in [0, n=${n}], got ${k}`);
  }
  if (k === 0) return 0;
  const v = groupMeansByScore(rewards, scores, new Int32Array(n), new Float64Array(n), 'rerankedBestOfK');
  const w = orderStatisticWeights(n, k);
  let s = 0;
  for (let r = k - 1; r < n; r++) s += w[r] * v[r];
  return s;
}

/**
 * For each sorted-by-score position r (ascending), the mean true reward of all samples that share
 * the score at r. Fills and returns `out`; `order` is scratch space of length n. Internal helper
 * shared with the table builders.
 */
export function groupMeansByScore(
  rewards: Float64Array,
  scores: Float64Array,
  order: Int32Array,
  out: Float64Array,
  who: string,
): Float64Array {
  const n = rewards.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(rewards[i])) throw new Error(`${who}: rewards[${i}] is not finite (${rewards[i]})`);
    if (!Number.isFinite(scores[i])) throw new Error(`${who}: scores[${i}] is not finite (${scores[i]})`);
    order[i] = i;
  }
  const ord = order.subarray(0, n);
  ord.sort((a, b) => scores[a] - scores[b]);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const s0 = scores[ord[start]];
    while (end < n && scores[ord[end]] === s0) end++;
    let sum = 0;
    for (let r = start; r < end; r++) sum += rewards[ord[r]];
    const mean = sum / (end - start);
    for (let r = start; r < end; r++) out[r] = mean;
    start = end;
  }
  return out;
}
