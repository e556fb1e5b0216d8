/**
 * Weights of the order statistics in the expected maximum of k draws without replacement from
 * n values: the r-th smallest value (r = 1..n) is the maximum of a uniformly random k-subset with
 * probability
 *
 *   w_r = C(r - 1, k - 1) / C(n, k)      (0 for r < k)
 *
 * computed by the ratio recurrence from the top, w_n = k / n and w_{r-1} = w_r (r - k) / (r - 1),
 * which never forms a binomial coefficient: stable for n in the thousands (small weights
 * underflow gracefully to 0). The weights sum to 1.
 *
 * `out` (length >= n) is filled and returned, so table builders reuse one buffer.
 *
 * @example
 * orderStatisticWeights(4, 2); // Float64Array [0, 1/6, 2/6, 3/6]
 */
export function orderStatisticWeights(n: number, k: number, out?: Float64Array): Float64Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`orderStatisticWeights: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new Error(`orderStatisticWeights: k must be an integer in [0, n=${n}], got ${k}`);
  }
  const w = out ?? new Float64Array(n);
  if (w.length < n) throw new Error(`orderStatisticWeights: out has length ${w.length} < n = ${n}`);
  w.fill(0, 0, n);
  if (k === 0 || n === 0) return w;
  let cur = k / n;
  w[n - 1] = cur;
  for (let r = n; r > k; r--) {
    cur = (cur * (r - k)) / (r - 1);
    w[r - 2] = cur;
  }
  return w;
}
