import type { BestOfKDataset } from '../data/types';
import { groupMeansByScore } from './reranked_best_of_k';
import { orderStatisticWeights } from './order_statistic_weights';
import type { GainTable, QTable } from './types';

/**
 * Per-query reward tables q[i, b], b = 0..bmax, for a whole dataset in one row-major
 * Float64Array (see `QTable`), and their marginal gains (see `GainTable`).
 *
 * - counts (binary reward): q[i, b] = pass@b = 1 - prod_{t<b} (n_i - c_i - t)/(n_i - t)
 *   (Chen et al. 2021), by the running product: O(bmax) per query, bit-identical to `passAtK`.
 * - samples (continuous reward, reranker = reward): q[i, b] = sum_r w_r(b) x_(r), the expected
 *   maximum of b draws without replacement (`expectedMaxOfK`).
 * - reranked: same weights on the per-position mean true reward of the score groups
 *   (`rerankedBestOfK`, ties split).
 * Order-statistic weights are computed once per distinct sample count n_i and reused, and all
 * scratch buffers are allocated once per call: 15,000 queries x 128 samples x bmax 128 takes a
 * fraction of a second.
 *
 * @example
 * qTableFromCounts(Int32Array.of(4), Int32Array.of(1), 2).q; // Float64Array [0, 0.25, 0.5]
 */
export function qTableFromCounts(n: Int32Array, c: Int32Array, bmax: number): QTable {
  checkBmax(bmax, 'qTableFromCounts');
  if (n.length !== c.length) throw new Error(`qTableFromCounts: n (${n.length}) and c (${c.length}) differ in length`);
  const m = n.length;
  const w = bmax + 1;
  const q = new Float64Array(m * w);
  for (let i = 0; i < m; i++) {
    const ni = n[i];
    const ci = c[i];
    if (ni < 0 || ci < 0 || ci > ni) throw new Error(`qTableFromCounts: query ${i} has n=${ni}, c=${ci} (need 0 <= c <= n)`);
    if (ni < bmax) throw new Error(`qTableFromCounts: query ${i} has n=${ni} samples < bmax=${bmax}; budgets above n cannot be evaluated`);
    const off = i * w;
    let prod = 1;
    for (let b = 1; b <= bmax; b++) {
      prod *= (ni - ci - (b - 1)) / (ni - (b - 1));
      q[off + b] = 1 - prod;
    }
  }
  return { n: m, bmax, q };
}

/** q table of expected best-of-b (reranker = the reward itself) from each query's sample rewards. */
export function qTableFromSamples(samples: Float64Array[], bmax: number): QTable {
  checkBmax(bmax, 'qTableFromSamples');
  const maxLen = checkSamples(samples, bmax, 'qTableFromSamples');
  const sorted = new Float64Array(maxLen);
  return buildFromValues(samples.length, bmax, maxLen, (i) => {
    const s = samples[i];
    for (let t = 0; t < s.length; t++) {
      if (!Number.isFinite(s[t])) throw new Error(`qTableFromSamples: samples[${i}][${t}] is not finite (${s[t]})`);
    }
    const v = sorted.subarray(0, s.length);
    v.set(s);
    v.sort();
    return v;
  });
}

/** q table of the expected true reward of the reranker's pick among b draws (ties split). */
export function qTableReranked(samples: Float64Array[], scores: Float64Array[], bmax: number): QTable {
  checkBmax(bmax, 'qTableReranked');
  if (scores.length !== samples.length) {
    throw new Error(`qTableReranked: ${samples.length} sample rows but ${scores.length} score rows`);
  }
  const maxLen = checkSamples(samples, bmax, 'qTableReranked');
  const order = new Int32Array(maxLen);
  const vals = new Float64Array(maxLen);
  return buildFromValues(samples.length, bmax, maxLen, (i) => {
    const s = samples[i];
    if (scores[i].length !== s.length) {
      throw new Error(`qTableReranked: query ${i} has ${s.length} rewards but ${scores[i].length} scores`);
    }
    return groupMeansByScore(s, scores[i], order, vals.subarray(0, s.length), `qTableReranked (query ${i})`);
  });
}

/**
 * The q table of a best-of-k dataset at its own bmax: counts -> pass@b, samples -> expected
 * best-of-b, reward 'reranked' -> reranker's pick (needs `scores`).
 */
export function qTableForDataset(ds: BestOfKDataset): QTable {
  if (ds.reward === 'reranked') {
    if (!ds.samples || !ds.scores) throw new Error(`qTableForDataset(${ds.name}): reward 'reranked' needs samples and scores`);
    return qTableReranked(ds.samples, ds.scores, ds.bmax);
  }
  if (ds.counts) return qTableFromCounts(ds.counts.n, ds.counts.c, ds.bmax);
  if (ds.samples) return qTableFromSamples(ds.samples, ds.bmax);
  throw new Error(`qTableForDataset(${ds.name}): dataset has neither counts nor samples`);
}

/** Marginal gains Delta[i, j] = q[i, j] - q[i, j-1], j = 1..bmax. */
export function gainsFromQ(q: QTable): GainTable {
  const { n, bmax } = q;
  const gains = new Float64Array(n * bmax);
  const w = bmax + 1;
  for (let i = 0; i < n; i++) {
    const o = i * w;
    const g = i * bmax;
    for (let j = 1; j <= bmax; j++) gains[g + j - 1] = q.q[o + j] - q.q[o + j - 1];
  }
  return { n, bmax, gains };
}

/** q[i, b], with bounds checks. */
export function qAt(q: QTable, i: number, b: number): number {
  if (!Number.isInteger(i) || i < 0 || i >= q.n) throw new Error(`qAt: query index ${i} outside [0, ${q.n})`);
  if (!Number.isInteger(b) || b < 0 || b > q.bmax) throw new Error(`qAt: budget ${b} outside [0, ${q.bmax}]`);
  return q.q[i * (q.bmax + 1) + b];
}

function checkBmax(bmax: number, who: string): void {
  if (!Number.isInteger(bmax) || bmax < 1) throw new Error(`${who}: bmax must be an integer >= 1, got ${bmax}`);
}

function checkSamples(samples: Float64Array[], bmax: number, who: string): number {
  let maxLen = 0;
  for (let i = 0; i < samples.length; i++) {
    const len = samples[i].length;
    if (len < bmax) throw new Error(`${who}: query ${i} has ${len} samples < bmax=${bmax}; budgets above n cannot be evaluated`);
    if (len > maxLen) maxLen = len;
  }
  return maxLen;
}

/**
 * Shared loop: q[i, b] = sum_r w_r(b; n_i) v_i[r] where v_i (ascending positions) comes from
 * `values(i)`. Weights for each distinct n_i are built once, as a bmax x n_i block.
 */
function buildFromValues(m: number, bmax: number, maxLen: number, values: (i: number) => Float64Array): QTable {
  const w = bmax + 1;
  const q = new Float64Array(m * w);
  const weightCache = new Map<number, Float64Array>();
  const scratch = new Float64Array(maxLen);
  for (let i = 0; i < m; i++) {
    const v = values(i);
    const len = v.length;
    let W = weightCache.get(len);
    if (!W) {
      W = new Float64Array(bmax * len);
      for (let b = 1; b <= bmax; b++) {
        orderStatisticWeights(len, b, scratch);
        W.set(scratch.subarray(0, len), (b - 1) * len);
      }
      weightCache.set(len, W);
    }
    const off = i * w;
    for (let b = 1; b <= bmax; b++) {
      const wo = (b - 1) * len;
      let s = 0;
      for (let r = b - 1; r < len; r++) s += W[wo + r] * v[r];
      q[off + b] = s;
    }
  }
  return { n: m, bmax, q };
}
