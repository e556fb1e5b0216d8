import type { QTable } from '../rewards/types';

/** A fitted offline policy: bin edges on the predicted first-sample reward, and a budget per bin. */
export interface BinnedPolicy {
  /** Interior bin edges, ascending (bins - 1 of them): bin k holds predictions with edges[k-1] <= x < edges[k]. */
  edges: Float64Array;
  /** Budget per bin (bins entries). */
  budgets: Int32Array;
  bmax: number;
  /** Held-out queries per bin when fitted (0 = empty bin, budget taken from a neighbour). */
  counts: Int32Array;
}

export interface BinnedPolicyOptions {
  /** Number of quantile bins (default 10). */
  bins?: number;
  minPerQuery?: 0 | 1;
  /** Cap per query (default q.bmax). */
  bmax?: number;
}

/**
 * The offline binned policy of METHOD.md. On held-out data: cut the predicted first-sample
 * rewards into `bins` quantile bins (edge k = the prediction of rank floor(k n / bins)), then
 * solve exactly
 *
 *   max sum_k Q_k(b_k)  s.t.  sum_k n_k b_k <= round(x n),  m <= b_k <= Bmax,
 *
 * where Q_k(b) = sum_{i in bin k} q(i, b) and n_k the bin's size (every query in a bin gets the
 * same budget), by dynamic programming over bins on the total weight (weights divided by the gcd
 * of the bin sizes; O(bins W / gcd Bmax)). Among equal values the smaller total and smaller
 * budgets win. Empty bins (ties in predictions) take the budget of the previous non-empty bin
 * (else the next). At deployment `applyBinnedPolicy` looks each prediction's bin up; its budgets
 * sum to about x n only if the deployment predictions fall into bins as the held-out ones did.
 *
 * @example
 * // two held-out queries, one hopeless (pred 0.1, q = 0), one that gains from a second sample
 * fitBinnedPolicy(Float64Array.of(0.1, 0.6), { n: 2, bmax: 2, q: Float64Array.of(0, 0, 0, 0, 0.6, 0.84) }, 1, { bins: 2 });
 * // { edges: [0.6], budgets: [0, 2], ... }
 */
export function fitBinnedPolicy(
  predFirst: Float64Array,
  q: QTable,
  budgetPerQuery: number,
  opts: BinnedPolicyOptions = {},
): BinnedPolicy {
  const n = predFirst.length;
  if (q.n !== n) throw new Error(`fitBinnedPolicy: ${n} predictions but the q table has ${q.n} queries`);
  if (n === 0) throw new Error('fitBinnedPolicy: no held-out queries');
  const bins = opts.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`fitBinnedPolicy: bins must be an integer >= 1, got ${bins}`);
  const m = opts.minPerQuery ?? 0;
  const cap = opts.bmax ?? q.bmax;
  if (!Number.isInteger(cap) || cap < 1 || cap > q.bmax) throw new Error(`fitBinnedPolicy: bmax must be an integer in [1, ${q.bmax}], got ${cap}`);
  if (!(budgetPerQuery >= 0) || !Number.isFinite(budgetPerQuery)) throw new Error(`fitBinnedPolicy: budgetPerQuery must be >= 0, got ${budgetPerQuery}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(predFirst[i])) throw new Error(`fitBinnedPolicy: predFirst[${i}] is not finite (${predFirst[i]})`);
  }
  const total = Math.round(budgetPerQuery * n);
  if (total < m * n) throw new Error(`fitBinnedPolicy: total ${total} is below minPerQuery * n = ${m * n}`);

  const sorted = Float64Array.from(predFirst).sort();
  const edges = new Float64Array(bins - 1);
  for (let k = 1; k < bins; k++) edges[k - 1] = sorted[Math.floor((k * n) / bins)];
  const w = q.bmax + 1;
  const counts = new Int32Array(bins);
  const Q = new Float64Array(bins * (cap + 1));
  for (let i = 0; i < n; i++) {
    const k = binOf(edges, predFirst[i]);
    counts[k]++;
    for (let b = 0; b <= cap; b++) Q[k * (cap + 1) + b] += q.q[i * w + b];
  }

  let g = 0;
  for (let k = 0; k < bins; k++) g = gcd(g, counts[k]);
  const Wr = Math.floor(total / g);
  const W1 = Wr + 1;
  let f = new Float64Array(W1).fill(-Infinity);
  let nf = new Float64Array(W1);
  f[0] = 0;
  const choice = new Int32Array(bins * W1);
  for (let k = 0; k < bins; k++) {
    const c = counts[k] / g;
    const base = k * (cap + 1);
    for (let x = 0; x < W1; x++) {
      let best = -Infinity;
      let bb = m;
      if (c === 0) {
        best = f[x];
      } else {
        for (let b = m; b <= cap; b++) {
          const y = x - c * b;
          if (y < 0) break;
          const val = f[y] + Q[base + b];
          if (val > best) {
            best = val;
            bb = b;
          }
        }
      }
      nf[x] = best;
      choice[k * W1 + x] = bb;
    }
    const t = f;
    f = nf;
    nf = t;
  }
  let x = 0;
  for (let y = 1; y < W1; y++) if (f[y] > f[x]) x = y;
  if (f[x] === -Infinity) throw new Error('fitBinnedPolicy: no feasible allocation');
  const budgets = new Int32Array(bins);
  for (let k = bins - 1; k >= 0; k--) {
    const b = choice[k * W1 + x];
    budgets[k] = b;
    x -= (counts[k] / g) * b;
  }
  for (let k = 0; k < bins; k++) {
    if (counts[k] > 0) continue;
    let src = -1;
    for (let t = k - 1; t >= 0 && src < 0; t--) if (counts[t] > 0) src = t;
    for (let t = k + 1; t < bins && src < 0; t++) if (counts[t] > 0) src = t;
    budgets[k] = src >= 0 ? budgets[src] : m;
  }
  return { edges, budgets, bmax: cap, counts };
}

/** Budget of each query under a fitted policy: the budget of the bin its prediction falls into. */
export function applyBinnedPolicy(policy: BinnedPolicy, pred: Float64Array): Int32Array {
  const out = new Int32Array(pred.length);
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isFinite(pred[i])) throw new Error(`applyBinnedPolicy: pred[${i}] is not finite (${pred[i]})`);
    out[i] = policy.budgets[binOf(policy.edges, pred[i])];
  }
  return out;
}

/** Number of edges <= x (binary search): the bin index of x. */
export function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function gcd(a: number, b: number): number {
  while (b) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}
