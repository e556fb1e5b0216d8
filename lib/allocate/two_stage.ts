/**
 * Two-stage allocation: the allocator looks at the results of a first round before spending the
 * rest of the budget.
 *
 *  1. Round 1: k0 samples per query (default 1), paid for and observed.
 *  2. Update each query's distribution with what was observed.
 *  3. Round 2: the rest of the budget by the exact greedy on the updated expected gains, drawn
 *     as one parallel batch.
 *
 * Samples are only reachable through a SampleSource whose draw(i) pays for the next sample of
 * query i and returns its observed outcome in the same call: a policy cannot look at a sample
 * it has not paid for. (The evaluation, lib/evaluate/sequential.ts, supplies a source that
 * replays a query's stored samples in a seeded random order.)
 *
 * Binary rewards (twoStageBinary), perfect verifier: the prior is Beta(a_i, b_i) on the chance
 * p_i that one sample is correct (learned: betaPrior(prediction, kappa) from ./prior; or one
 * shared Beta fitted on training counts, the predictor-free version). After s successes and
 * f failures the posterior is Beta(a + s, b + f). A solved query gets nothing more (its value
 * is already 1). An unsolved query's value with m extra samples is
 * P(some success) = 1 - E[(1 - p)^m], so its j-th extra sample adds
 *   E[(1-p)^(j-1)] - E[(1-p)^j] = E[p (1-p)^(j-1)]   under the posterior Beta(a, b + f),
 * non-increasing in j: the greedy on these gains is the exact optimum of round 2.
 *
 * Continuous rewards (twoStageContinuous), value = max of the drawn rewards; see
 * continuousGainModel for the model.
 *
 * Reranked data (imperfect verifier: the policy sees reranker scores, not rewards): the binary
 * model does not apply (a query cannot be known to be solved) and twoStageBinary throws when an
 * observed outcome is not 0 or 1. The documented fallback is twoStageContinuous on the reranker
 * scores: its gains are then "expected increase of the best reranker score", a proxy for the
 * true reward of the picked sample; evaluateSequentialPolicy({observed: scores, samples:
 * rewards}) scores the policy on the true reward of the sample the reranker picks.
 *
 * @example
 * const r = twoStageBinary({prior: betaPrior(pred, kappa), total: 4 * n, bmax: 10, source});
 * r.budgets; // samples paid per query; r.value[i] = 1 if query i was solved
 */
import type { GainTable } from '../rewards/types';
import { greedyAllocate } from './greedy';
import type { BetaPrior } from './prior';
import { betaGains } from './prior';

/** Access to a batch's samples, one paid draw at a time. */
export interface SampleSource {
  /** Number of queries. */
  readonly size: number;
  /**
   * Pays for the next (not yet drawn) sample of query i and returns its observed outcome
   * (binary verifier: 0 or 1; continuous: the reward or a reranker score). Throws when
   * remaining(i) is 0.
   */
  draw(i: number): number;
  /** Samples of query i paid for so far. */
  spent(i: number): number;
  /** Samples of query i that can still be paid for. */
  remaining(i: number): number;
}

export interface TwoStageResult {
  /** Samples paid for per query (round 1 + round 2). */
  budgets: Int32Array;
  /** Samples paid for in round 1. */
  firstRound: Int32Array;
  /** Value per query: binary, 1 if a drawn sample succeeded; continuous, max drawn outcome (0 if none). */
  value: Float64Array;
}

export interface TwoStageBinaryResult extends TwoStageResult {
  solved: Uint8Array;
  /** Posterior Beta after round 1 (round-2 draws not included). */
  posterior: BetaPrior;
}

function checkCommon(fn: string, n: number, source: SampleSource, total: number, bmax: number, k0: number): void {
  if (source.size !== n) throw new Error(`${fn}: source has ${source.size} queries, prior has ${n}`);
  if (!(Number.isInteger(total) && total >= 0)) throw new Error(`${fn}: total must be a non-negative integer, got ${total}`);
  if (!(Number.isInteger(bmax) && bmax >= 1)) throw new Error(`${fn}: bmax must be a positive integer, got ${bmax}`);
  if (!(Number.isInteger(k0) && k0 >= 1)) throw new Error(`${fn}: k0 must be a positive integer, got ${k0}`);
}

/** cap_i = how many samples query i can have in total: min(bmax, already spent + remaining). */
function caps(source: SampleSource, bmax: number): Int32Array {
  const c = new Int32Array(source.size);
  for (let i = 0; i < c.length; i++) c[i] = Math.min(bmax, source.spent(i) + source.remaining(i));
  return c;
}

/**
 * Round-2 allocation on a gain table whose rows already hold zeros beyond each query's cap;
 * greedy with stopAtZeroGain, then clipped to the caps (defensive).
 */
function secondRound(table: GainTable, budget: number, room: Int32Array): Int32Array {
  if (budget <= 0) return new Int32Array(table.n);
  const extra = greedyAllocate(table, budget, { stopAtZeroGain: true, minPerQuery: 0 });
  for (let i = 0; i < extra.length; i++) if (extra[i] > room[i]) extra[i] = room[i];
  return extra;
}

export interface TwoStageBinaryOptions {
  /** Per-query Beta prior on the one-sample success probability. */
  prior: BetaPrior;
  /** First-round samples per query (default 1). */
  k0?: number;
  /** Total samples for the batch (both rounds). */
  total: number;
  /** Maximum samples per query. */
  bmax: number;
  source: SampleSource;
}

/**
 * Two-stage allocation for binary rewards with a perfect verifier (see the module comment).
 * If total < n k0, round 1 cannot give every query k0 samples: it then hands out the total by
 * the exact greedy on the prior expected gains capped at k0 per query (so the queries the prior
 * rates most promising get the first samples) and there is no second round. Round-1 samples are
 * one parallel batch: a query draws all its k0 even if the first already succeeded.
 */
export function twoStageBinary(opts: TwoStageBinaryOptions): TwoStageBinaryResult {
  const { prior, total, bmax, source } = opts;
  const k0 = opts.k0 ?? 1;
  const n = prior.a.length;
  if (prior.b.length !== n) throw new Error(`twoStageBinary: prior.a and prior.b lengths differ`);
  checkCommon('twoStageBinary', n, source, total, bmax, k0);
  const cap = caps(source, bmax);
  const first = new Int32Array(n);
  if (total >= n * k0) {
    for (let i = 0; i < n; i++) first[i] = Math.min(k0, cap[i]);
  } else {
    const g = betaGains(prior, k0);
    const alloc = greedyAllocate(g, total, { minPerQuery: 0 });
    for (let i = 0; i < n; i++) first[i] = Math.min(alloc[i], cap[i]);
  }
  const budgets = new Int32Array(n);
  const solved = new Uint8Array(n);
  const value = new Float64Array(n);
  const pa = new Float64Array(n);
  const pb = new Float64Array(n);
  let spent = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < first[i]; t++) {
      const y = source.draw(i);
      if (y !== 0 && y !== 1) {
        throw new Error(
          `twoStageBinary: query ${i} drew outcome ${y}; binary two-stage needs a perfect verifier's 0/1 verdicts ` +
            `(for reranker scores use twoStageContinuous)`,
        );
      }
      s += y;
    }
    budgets[i] = first[i];
    spent += first[i];
    pa[i] = prior.a[i] + s;
    pb[i] = prior.b[i] + first[i] - s;
    if (s > 0) {
      solved[i] = 1;
      value[i] = 1;
    }
  }
  // Round 2: for an unsolved query the j-th extra sample adds E[p(1-p)^(j-1)] under Beta(a, b + f).
  const room = new Int32Array(n);
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    if (solved[i]) continue;
    room[i] = Math.max(0, cap[i] - budgets[i]);
    const a = pa[i];
    const b = pb[i];
    let e = a / (a + b);
    for (let j = 1; j <= room[i]; j++) {
      gains[i * bmax + j - 1] = e;
      e *= (b + j - 1) / (a + b + j);
    }
  }
  const extra = secondRound({ n, bmax, gains }, total - spent, room);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < extra[i]; t++) if (source.draw(i) === 1) value[i] = 1;
    budgets[i] += extra[i];
  }
  return { budgets, firstRound: first, value, solved, posterior: { a: pa, b: pb } };
}

/**
 * Prior for continuous two-stage allocation.
 *  - mean[i]: prior mean of one sample's reward on query i (learned: the predicted first-sample
 *    reward q(x_i, 1), i.e. a gain-vector prediction's first entry; flat: the training grand mean).
 *  - sd: prior standard deviation of a query's mean reward around mean[i] (between-query spread
 *    the prior does not explain).
 *  - residuals: pooled within-query deviations (sample reward minus its query's mean) from
 *    training data, sorted ascending; the shape of every query's reward distribution.
 */
export interface ContinuousPrior {
  mean: Float64Array;
  sd: number;
  residuals: Float64Array;
}

/**
 * Fit the shared parts of a ContinuousPrior on training queries' samples.
 * residuals: x_ij - mean_i scaled by sqrt(n_i / (n_i - 1)) (so their variance is unbiased),
 * compressed to `quantiles` equally weighted quantiles (default 64), sorted.
 * sd^2 = mean_i (mean_i - pred_i)^2 - mean_i (sigma^2 / n_i), floored at 1e-6 sigma^2, where pred_i
 * is predMean (learned prior, predictions on these held-out queries) or the grand mean (flat).
 */
export function fitContinuousPrior(
  samples: ReadonlyArray<Float64Array>,
  predMean?: Float64Array,
  opts: { quantiles?: number } = {},
): { sd: number; residuals: Float64Array; grandMean: number } {
  if (predMean && predMean.length !== samples.length) {
    throw new Error(`fitContinuousPrior: predMean has ${predMean.length} entries for ${samples.length} queries`);
  }
  const res: number[] = [];
  const means = new Float64Array(samples.length);
  let tot = 0;
  let cnt = 0;
  samples.forEach((x, i) => {
    if (x.length === 0) throw new Error(`fitContinuousPrior: query ${i} has no samples`);
    let s = 0;
    for (let t = 0; t < x.length; t++) {
      if (!Number.isFinite(x[t])) throw new Error(`fitContinuousPrior: query ${i} sample ${t} is ${x[t]}`);
      s += x[t];
    }
    means[i] = s / x.length;
    tot += s;
    cnt += x.length;
    if (x.length >= 2) {
      const f = Math.sqrt(x.length / (x.length - 1));
      for (let t = 0; t < x.length; t++) res.push((x[t] - means[i]) * f);
    }
  });
  if (res.length === 0) throw new Error('fitContinuousPrior: need queries with at least 2 samples');
  const grandMean = tot / cnt;
  res.sort((u, v) => u - v);
  let sig2 = 0;
  for (const r of res) sig2 += r * r;
  sig2 /= res.length;
  let d2 = 0;
  let noise = 0;
  samples.forEach((x, i) => {
    const p = predMean ? predMean[i] : grandMean;
    d2 += (means[i] - p) * (means[i] - p);
    noise += sig2 / x.length;
  });
  const s2 = Math.max(1e-6 * sig2, (d2 - noise) / samples.length);
  const q = Math.max(2, opts.quantiles ?? 64);
  let residuals: Float64Array;
  if (res.length <= q) residuals = Float64Array.from(res);
  else {
    residuals = new Float64Array(q);
    for (let k = 0; k < q; k++) {
      // midpoint quantiles of the empirical distribution
      const pos = ((k + 0.5) / q) * res.length - 0.5;
      const lo = Math.floor(pos);
      const w = pos - lo;
      residuals[k] = res[Math.max(0, lo)] * (1 - w) + res[Math.min(res.length - 1, lo + 1)] * w;
    }
  }
  return { sd: Math.sqrt(s2), residuals, grandMean };
}

/** 5-point Gauss-Hermite rule for a standard normal. */
const GH_NODES = [-2.8569700138728056, -1.3556261799742659, 0, 1.3556261799742659, 2.8569700138728056];
const GH_WEIGHTS = [0.011257411327720683, 0.2220759220056126, 0.5333333333333333, 0.2220759220056126, 0.011257411327720683];

/**
 * Gains of extra samples for a continuous-reward query after k observed samples, as a function
 * of d = m - mu_post (best observed reward minus the posterior mean of the query's level).
 *
 * Model: a query's samples are Y = mu + e, e iid from the pooled residual distribution R
 * (shared shape), mu ~ N(prior mean, sd^2). After k observations with mean xbar the normal
 * approximation gives mu | data ~ N(mu_post, s_post^2), 1/s_post^2 = 1/sd^2 + k/sigma^2,
 * mu_post = s_post^2 (prior mean / sd^2 + k xbar / sigma^2), sigma^2 = Var(R).
 * With best observed m, the value after j more samples is E[max(m, Y_1..Y_j)], and
 *   gain_j = E_mu[ int_{m - mu}^inf F_R(y)^(j-1) (1 - F_R(y)) dy ]    (j >= 2; j = 1 adds the
 *   part of F_R = 0 too), non-increasing in j for every mu, hence also after averaging over mu
 *   (5-point Gauss-Hermite). Tabulated on a grid of d and linearly interpolated (convex
 *   combinations keep rows non-increasing); below the grid every floor lies below R's support,
 *   where gain_1 grows with slope 1 in -d and the others are constant; above it all gains are 0.
 */
export interface ContinuousGainModel {
  bmax: number;
  k: number;
  /** weight of the observed mean in mu_post */
  dataWeight: number;
  postSd: number;
  dLo: number;
  dStep: number;
  gridSize: number;
  /** table[g * bmax + j - 1] = gain_j at d = dLo + g dStep */
  table: Float64Array;
}

export function continuousGainModel(
  prior: { sd: number; residuals: Float64Array },
  k: number,
  bmax: number,
  gridSize = 257,
): ContinuousGainModel {
  const v = Float64Array.from(prior.residuals).sort();
  const M = v.length;
  if (M < 2) throw new Error('continuousGainModel: need at least 2 residuals');
  if (!(prior.sd > 0)) throw new Error(`continuousGainModel: sd must be > 0, got ${prior.sd}`);
  let sig2 = 0;
  for (let t = 0; t < M; t++) sig2 += v[t] * v[t];
  sig2 /= M;
  sig2 = Math.max(sig2, 1e-12);
  const prec = 1 / (prior.sd * prior.sd) + k / sig2;
  const postSd = Math.sqrt(1 / prec);
  const dataWeight = k / sig2 / prec;
  const zMax = GH_NODES[GH_NODES.length - 1];
  const dLo = v[0] - zMax * postSd;
  const dHi = v[M - 1] + zMax * postSd;
  const dStep = (dHi - dLo) / (gridSize - 1);
  const table = new Float64Array(gridSize * bmax);
  const Fk = new Float64Array(M); // F on segment [v_k, v_{k+1})
  for (let t = 0; t < M; t++) Fk[t] = (t + 1) / M;
  for (let g = 0; g < gridSize; g++) {
    const d = dLo + g * dStep;
    for (let q = 0; q < GH_NODES.length; q++) {
      const tFloor = d - postSd * GH_NODES[q];
      const w = GH_WEIGHTS[q];
      // j = 1 extra: part below the support
      const below = Math.max(0, v[0] - tFloor);
      table[g * bmax] += w * below;
      for (let s = 0; s < M - 1; s++) {
        const len = v[s + 1] - Math.max(tFloor, v[s]);
        if (len <= 0) continue;
        const F = Fk[s];
        let pw = 1; // F^(j-1)
        for (let j = 1; j <= bmax; j++) {
          table[g * bmax + j - 1] += w * len * pw * (1 - F);
          pw *= F;
        }
      }
    }
  }
  return { bmax, k, dataWeight, postSd, dLo, dStep, gridSize, table };
}

/** Writes the model's gains at d into out[off .. off + width), width <= model.bmax. */
function modelGains(model: ContinuousGainModel, d: number, out: Float64Array, off: number, width: number): void {
  const { bmax, table, gridSize } = model;
  const x = (d - model.dLo) / model.dStep;
  if (x <= 0) {
    for (let j = 0; j < width; j++) out[off + j] = table[j];
    out[off] += -x * model.dStep;
    return;
  }
  if (x >= gridSize - 1) {
    for (let j = 0; j < width; j++) out[off + j] = 0;
    return;
  }
  const g = Math.floor(x);
  const f = x - g;
  for (let j = 0; j < width; j++) out[off + j] = (1 - f) * table[g * bmax + j] + f * table[(g + 1) * bmax + j];
}

export interface TwoStageContinuousOptions {
  prior: ContinuousPrior;
  k0?: number;
  total: number;
  bmax: number;
  source: SampleSource;
  /** A precomputed continuousGainModel(prior, k0, bmax) to reuse across many runs. */
  model?: ContinuousGainModel;
}

/**
 * Two-stage allocation for continuous rewards (value = max of the drawn outcomes; 0 for a query
 * with no sample, as q(x, 0) = 0). Round 1: k0 samples per query; if total < n k0, the total
 * is spread evenly (floor(total / n) each, one more to the first total mod n queries) and
 * there is no second round. Round 2: greedy on continuousGainModel's gains at each query's
 * d = (best observed) - mu_post.
 */
export function twoStageContinuous(opts: TwoStageContinuousOptions): TwoStageResult {
  const { prior, total, bmax, source } = opts;
  const k0 = opts.k0 ?? 1;
  const n = prior.mean.length;
  checkCommon('twoStageContinuous', n, source, total, bmax, k0);
  const model = opts.model ?? continuousGainModel(prior, k0, bmax);
  if (model.k !== k0 || model.bmax < bmax) {
    throw new Error(`twoStageContinuous: model was built for k = ${model.k}, bmax = ${model.bmax}; need k0 = ${k0}, bmax = ${bmax}`);
  }
  const cap = caps(source, bmax);
  const first = new Int32Array(n);
  if (total >= n * k0) for (let i = 0; i < n; i++) first[i] = Math.min(k0, cap[i]);
  else {
    const base = Math.floor(total / n);
    const rem = total - base * n;
    for (let i = 0; i < n; i++) first[i] = Math.min(cap[i], base + (i < rem ? 1 : 0));
  }
  const budgets = new Int32Array(n);
  const value = new Float64Array(n);
  const best = new Float64Array(n);
  const sum = new Float64Array(n);
  let spent = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let t = 0; t < first[i]; t++) {
      const y = source.draw(i);
      if (!Number.isFinite(y)) throw new Error(`twoStageContinuous: query ${i} drew a non-finite outcome ${y}`);
      sum[i] += y;
      if (y > m) m = y;
    }
    best[i] = m;
    value[i] = first[i] > 0 ? m : 0;
    budgets[i] = first[i];
    spent += first[i];
  }
  const room = new Int32Array(n);
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    // Only queries with exactly k0 observations match the model (others are capped or got no round 1).
    if (first[i] !== k0) continue;
    room[i] = Math.max(0, cap[i] - budgets[i]);
    if (room[i] === 0) continue;
    const xbar = sum[i] / k0;
    const muPost = model.dataWeight * xbar + (1 - model.dataWeight) * prior.mean[i];
    modelGains(model, best[i] - muPost, gains, i * bmax, Math.min(room[i], model.bmax));
  }
  const extra = secondRound({ n, bmax, gains }, total - spent, room);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < extra[i]; t++) {
      const y = source.draw(i);
      if (y > best[i]) best[i] = y;
    }
    if (extra[i] > 0) value[i] = best[i];
    budgets[i] += extra[i];
  }
  return { budgets, firstRound: first, value };
}
