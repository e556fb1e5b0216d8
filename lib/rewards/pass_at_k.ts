/**
 * Unbiased pass@k from n samples of which c are correct (Chen et al. 2021, "Evaluating Large
 * Language Models Trained on Code", eq. 1):
 *
 *   pass@k = 1 - C(n - c, k) / C(n, k)
 *
 * computed stably as a product of k ratios, C(n-c, k)/C(n, k) = prod_{i=0}^{k-1} (n-c-i)/(n-i),
 * so no binomial coefficient is ever formed (no overflow for n in the thousands).
 * pass@0 = 0 (no sample, no answer); when n - c < k every draw of k holds a correct sample: 1.
 *
 * @example
 * passAtK(4, 1, 2); // 0.5 = 1 - C(3,2)/C(4,2) = 1 - 3/6
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCount('n', n);
  checkCount('c', c);
  checkCount('k', k);
  if (c > n) throw new Error(`passAtK: c (${c}) must be <= n (${n})`);
  if (k > n) throw new Error(`passAtK: k (${k}) must be <= n (${n}); budgets above n cannot be evaluated`);
  if (k === 0) return 0;
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = 0; i < k; i++) prod *= (n - c - i) / (n - i);
  return 1 - prod;
}

function checkCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) {
    throw new Error(`passAtK: ${name} must be a non-negative integer, got ${v}`);
  }
}
