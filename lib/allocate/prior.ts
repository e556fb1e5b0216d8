/**
 * Uncertainty-aware one-shot allocation: the predictor gives a distribution over each query's
 * success probability p, not a point, and the allocator uses the expected marginal gain under it.
 *
 * Binary rewards, perfect verifier. With p known, the j-th sample's marginal gain is
 * p (1 - p)^(j-1) (the plug-in rule of the paper). With p ~ Beta(a, b) the expected gain is
 *
 *   E_j = E[p (1 - p)^(j-1)] = B(a + 1, b + j - 1) / B(a, b),
 *
 * computed stably by E_1 = a / (a + b) and E_j = E_{j-1} * (b + j - 2) / (a + b + j - 1).
 * The ratio is < 1, so E_j is non-increasing in j and the exact greedy applies. The expected
 * pass@b is sum_{j<=b} E_j = 1 - E[(1 - p)^b].
 *
 * The Beta is centred on the prediction: a = m * kappa, b = (1 - m) * kappa, with a concentration
 * kappa shared by all queries and fitted on held-out data by maximum likelihood of the observed
 * success counts under the beta-binomial (fitBetaConcentration). kappa -> infinity recovers the
 * plug-in rule; a small kappa says "the prediction is weak", and the gains flatten out so the
 * allocation moves towards uniform. fitCalibratedBeta additionally recalibrates the predictions
 * (logit-linear, Platt) jointly with kappa, so a predictor that carries no signal collapses to
 * one shared prior (slope 0) and the allocation becomes exactly uniform.
 *
 * @example
 * const g = betaExpectedGains(Float64Array.of(0.5), 2, 3); // a = b = 1 (uniform p)
 * // g.gains = [1/2, 1/6, 1/12]   (E[p] = 1/2, E[p(1-p)] = 1/6, E[p(1-p)^2] = 1/12)
 */
import type { GainTable } from '../rewards/types';
import { greedyAllocate } from './greedy';
import type { AllocateOptions } from './options';

/** Options of priorAllocate: those of greedyAllocate, with bmax (the gain table's width) required. */
export type PriorAllocateOptions = AllocateOptions & { bmax: number };

export interface BetaParams {
  a: number;
  b: number;
}

/** Per-query Beta distributions over the success probability. */
export interface BetaPrior {
  a: Float64Array;
  b: Float64Array;
}

/** Means are clamped to [MEAN_EPS, 1 - MEAN_EPS] so that both Beta parameters stay positive. */
export const MEAN_EPS = 1e-6;

function clampMean(m: number): number {
  return m < MEAN_EPS ? MEAN_EPS : m > 1 - MEAN_EPS ? 1 - MEAN_EPS : m;
}

/**
 * Beta(a, b) with mean m and concentration kappa = a + b: a = m kappa, b = (1 - m) kappa.
 * The mean is clamped to [1e-6, 1 - 1e-6].
 * @example betaParams(0.25, 8) // {a: 2, b: 6}
 */
export function betaParams(mean: number, concentration: number): BetaParams {
  if (!(mean >= 0 && mean <= 1)) throw new Error(`betaParams: mean must be in [0, 1], got ${mean}`);
  if (!(concentration > 0)) throw new Error(`betaParams: concentration must be > 0, got ${concentration}`);
  const m = clampMean(mean);
  return { a: m * concentration, b: (1 - m) * concentration };
}

/** Vectorised betaParams: one Beta per query, shared concentration. */
export function betaPrior(mean: Float64Array, kappa: number): BetaPrior {
  const a = new Float64Array(mean.length);
  const b = new Float64Array(mean.length);
  for (let i = 0; i < mean.length; i++) {
    const p = betaParams(mean[i], kappa);
    a[i] = p.a;
    b[i] = p.b;
  }
  return { a, b };
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * log Gamma(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error about 1e-15).
 * @example logGamma(5) // log(24) = 3.178...
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`logGamma: x must be > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let k = 1; k < 9; k++) s += LANCZOS[k] / (z + k);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** log Gamma(x + k) - log Gamma(x) for integer k >= 0 (exact product for small k). */
function logRising(x: number, k: number): number {
  if (k <= 64) {
    let s = 0;
    for (let t = 0; t < k; t++) s += Math.log(x + t);
    return s;
  }
  return logGamma(x + k) - logGamma(x);
}

function logChoose(n: number, c: number): number {
  return logGamma(n + 1) - logGamma(c + 1) - logGamma(n - c + 1);
}

function checkCounts(fn: string, mean: Float64Array, n: Int32Array, c: Int32Array): void {
  if (mean.length !== n.length || n.length !== c.length) {
    throw new Error(`${fn}: predMean, n and c must have the same length, got ${mean.length}, ${n.length}, ${c.length}`);
  }
  for (let i = 0; i < n.length; i++) {
    if (!(n[i] >= 0) || !(c[i] >= 0) || c[i] > n[i]) {
      throw new Error(`${fn}: query ${i} has c = ${c[i]} successes of n = ${n[i]} samples (need 0 <= c <= n)`);
    }
    if (!(mean[i] >= 0 && mean[i] <= 1)) throw new Error(`${fn}: predMean[${i}] = ${mean[i]} is not in [0, 1]`);
  }
}

/**
 * Log-likelihood of success counts c_i of n_i under the beta-binomial with mean m_i and
 * concentration kappa:
 *   sum_i log C(n_i, c_i) + log B(c_i + a_i, n_i - c_i + b_i) - log B(a_i, b_i),
 * a_i = m_i kappa, b_i = (1 - m_i) kappa. kappa = Infinity gives the binomial likelihood.
 */
export function betaBinomialLogLik(mean: Float64Array, kappa: number, n: Int32Array, c: Int32Array): number {
  checkCounts('betaBinomialLogLik', mean, n, c);
  return bbLogLik(mean, kappa, n, c);
}

function bbLogLik(mean: Float64Array, kappa: number, n: Int32Array, c: Int32Array): number {
  let s = 0;
  for (let i = 0; i < n.length; i++) {
    const m = clampMean(mean[i]);
    const ni = n[i];
    const ci = c[i];
    if (ni === 0) continue;
    s += logChoose(ni, ci);
    if (!Number.isFinite(kappa)) {
      s += ci * Math.log(m) + (ni - ci) * Math.log(1 - m);
    } else {
      const a = m * kappa;
      const b = (1 - m) * kappa;
      s += logRising(a, ci) + logRising(b, ni - ci) - logRising(a + b, ni);
    }
  }
  return s;
}

export interface FitConcentrationOptions {
  /** Search interval for kappa (default [1e-2, 1e4]). */
  lo?: number;
  hi?: number;
  /** Points of the coarse log-spaced grid before the golden-section refinement (default 41). */
  gridPoints?: number;
}

/** Maximise f over [lo, hi] (1-D): coarse grid, then golden section around the best point. */
function maximise1d(f: (x: number) => number, lo: number, hi: number, gridPoints: number): number {
  let best = lo;
  let bestF = -Infinity;
  let bestK = 0;
  const step = (hi - lo) / (gridPoints - 1);
  for (let k = 0; k < gridPoints; k++) {
    const x = lo + k * step;
    const v = f(x);
    if (v > bestF) {
      bestF = v;
      best = x;
      bestK = k;
    }
  }
  let l = Math.max(lo, lo + (bestK - 1) * step);
  let h = Math.min(hi, lo + (bestK + 1) * step);
  const gr = (Math.sqrt(5) - 1) / 2;
  let x1 = h - gr * (h - l);
  let x2 = l + gr * (h - l);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < 60 && h - l > 1e-7; it++) {
    if (f1 >= f2) {
      h = x2;
      x2 = x1;
      f2 = f1;
      x1 = h - gr * (h - l);
      f1 = f(x1);
    } else {
      l = x1;
      x1 = x2;
      f1 = f2;
      x2 = l + gr * (h - l);
      f2 = f(x2);
    }
  }
  const mid = (l + h) / 2;
  const fm = f(mid);
  return fm >= bestF ? mid : best;
}

/**
 * Maximum-likelihood concentration kappa of the beta-binomial whose per-query mean is the
 * prediction: argmax_kappa betaBinomialLogLik(predMean, kappa, n, c), searched in log kappa
 * (log-spaced grid over [lo, hi], then golden section). Returns a boundary value when the
 * likelihood is monotone (hi: the predictions explain all the spread; lo: they explain none).
 *
 * Fit it on held-out queries (not the predictor's training queries, whose predictions are
 * over-confident).
 * @example fitBetaConcentration(Float64Array.of(0.5, 0.5), Int32Array.of(10, 10), Int32Array.of(0, 10)) // 1e-2 (all-or-nothing)
 */
export function fitBetaConcentration(
  predMean: Float64Array,
  n: Int32Array,
  c: Int32Array,
  opts: FitConcentrationOptions = {},
): number {
  checkCounts('fitBetaConcentration', predMean, n, c);
  const lo = opts.lo ?? 1e-2;
  const hi = opts.hi ?? 1e4;
  if (!(lo > 0 && hi > lo)) throw new Error(`fitBetaConcentration: need 0 < lo < hi, got [${lo}, ${hi}]`);
  const gp = Math.max(3, opts.gridPoints ?? 41);
  const lk = maximise1d((t) => bbLogLik(predMean, Math.exp(t), n, c), Math.log(lo), Math.log(hi), gp);
  return Math.exp(lk);
}

/**
 * A Beta prior shared by all queries, fitted on training counts (the predictor-free prior):
 * mean = pooled success rate sum c / sum n, kappa by maximum likelihood.
 * @example fitFlatBetaPrior(n, c) // {mean: 0.55, kappa: 0.8} on a dataset with many all-or-nothing queries
 */
export function fitFlatBetaPrior(n: Int32Array, c: Int32Array, opts: FitConcentrationOptions = {}): { mean: number; kappa: number } {
  let sn = 0;
  let sc = 0;
  for (let i = 0; i < n.length; i++) {
    sn += n[i];
    sc += c[i];
  }
  if (sn === 0) throw new Error('fitFlatBetaPrior: no samples');
  const mean = sc / sn;
  const kappa = fitBetaConcentration(new Float64Array(n.length).fill(mean), n, c, opts);
  return { mean, kappa };
}

/** Logit-linear recalibration of predictions and a shared concentration, fitted jointly. */
export interface CalibratedBetaFit {
  /** calibrated mean = sigmoid(intercept + slope * logit(prediction)) */
  intercept: number;
  slope: number;
  kappa: number;
  logLik: number;
}

function logit(p: number): number {
  const q = clampMean(p);
  return Math.log(q / (1 - q));
}

/** Apply a CalibratedBetaFit to predictions: sigmoid(intercept + slope * logit(p)). */
export function calibratedMean(predMean: Float64Array, fit: CalibratedBetaFit): Float64Array {
  const out = new Float64Array(predMean.length);
  for (let i = 0; i < out.length; i++) out[i] = clampMean(1 / (1 + Math.exp(-(fit.intercept + fit.slope * logit(predMean[i])))));
  return out;
}

/**
 * Joint maximum likelihood of (intercept, slope in [0, maxSlope], kappa) for
 * c_i ~ BetaBinomial(n_i, mean_i kappa, (1 - mean_i) kappa), mean_i = sigmoid(intercept + slope
 * logit(pred_i)), by coordinate ascent (golden section per coordinate, `cycles` rounds).
 * Slope 0 means the predictor carries no usable signal: all queries share one prior and
 * priorAllocate reduces to uniform. Use calibratedMean(pred, fit) and fit.kappa with
 * priorAllocate / betaPrior.
 */
export function fitCalibratedBeta(
  predMean: Float64Array,
  n: Int32Array,
  c: Int32Array,
  opts: FitConcentrationOptions & { maxSlope?: number; cycles?: number } = {},
): CalibratedBetaFit {
  checkCounts('fitCalibratedBeta', predMean, n, c);
  const lo = Math.log(opts.lo ?? 1e-2);
  const hi = Math.log(opts.hi ?? 1e4);
  const maxSlope = opts.maxSlope ?? 4;
  const cycles = opts.cycles ?? 6;
  const z = new Float64Array(predMean.length);
  for (let i = 0; i < z.length; i++) z[i] = logit(predMean[i]);
  const m = new Float64Array(z.length);
  const ll = (alpha: number, beta: number, lk: number): number => {
    for (let i = 0; i < z.length; i++) m[i] = clampMean(1 / (1 + Math.exp(-(alpha + beta * z[i]))));
    return bbLogLik(m, Math.exp(lk), n, c);
  };
  let sn = 0;
  let sc = 0;
  for (let i = 0; i < n.length; i++) {
    sn += n[i];
    sc += c[i];
  }
  let alpha = logit(sn > 0 ? sc / sn : 0.5);
  let beta = 0;
  let lk = maximise1d((t) => ll(alpha, beta, t), lo, hi, 21);
  for (let cyc = 0; cyc < cycles; cyc++) {
    beta = maximise1d((s) => ll(alpha, s, lk), 0, maxSlope, 21);
    alpha = maximise1d((s) => ll(s, beta, lk), alpha - 4, alpha + 4, 21);
    lk = maximise1d((t) => ll(alpha, beta, t), lo, hi, 21);
  }
  return { intercept: alpha, slope: beta, kappa: Math.exp(lk), logLik: ll(alpha, beta, lk) };
}

/**
 * Expected marginal gains under per-query Betas: gains[i, j-1] = E[p (1-p)^(j-1)], p ~ Beta(a_i, b_i),
 * by the recurrence E_1 = a/(a+b), E_j = E_{j-1} (b + j - 2)/(a + b + j - 1). Non-increasing in j.
 */
export function betaGains(prior: BetaPrior, bmax: number): GainTable {
  const n = prior.a.length;
  if (prior.b.length !== n) throw new Error(`betaGains: a and b lengths differ (${n} vs ${prior.b.length})`);
  if (!(Number.isInteger(bmax) && bmax >= 1)) throw new Error(`betaGains: bmax must be a positive integer, got ${bmax}`);
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    const a = prior.a[i];
    const b = prior.b[i];
    if (!(a > 0 && b > 0)) throw new Error(`betaGains: query ${i} has a = ${a}, b = ${b} (need both > 0)`);
    let e = a / (a + b);
    const o = i * bmax;
    gains[o] = e;
    for (let j = 2; j <= bmax; j++) {
      e *= (b + j - 2) / (a + b + j - 1);
      gains[o + j - 1] = e;
    }
  }
  return { n, bmax, gains };
}

/**
 * Expected marginal gains with Beta(mean_i kappa, (1 - mean_i) kappa) uncertainty around each
 * prediction. kappa = Infinity gives the plug-in gains p (1-p)^(j-1).
 * @example betaExpectedGains(Float64Array.of(0.5), 2, 3).gains // [0.5, 1/6, 1/12]
 */
export function betaExpectedGains(mean: Float64Array, kappa: number, bmax: number): GainTable {
  if (!(kappa > 0)) throw new Error(`betaExpectedGains: kappa must be > 0, got ${kappa}`);
  if (Number.isFinite(kappa)) return betaGains(betaPrior(mean, kappa), bmax);
  const n = mean.length;
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    if (!(mean[i] >= 0 && mean[i] <= 1)) throw new Error(`betaExpectedGains: mean[${i}] = ${mean[i]} is not in [0, 1]`);
    let e = mean[i];
    for (let j = 1; j <= bmax; j++) {
      gains[i * bmax + j - 1] = e;
      e *= 1 - mean[i];
    }
  }
  return { n, bmax, gains };
}

/**
 * One-shot uncertainty-aware allocation: the exact greedy on betaExpectedGains(mean, kappa, bmax).
 * `opts.bmax` is required (the width of the gain table); other options go to greedyAllocate.
 * @example priorAllocate(Float64Array.of(0.9, 0.1), 5, 4, {bmax: 4}) // Int32Array of 2 budgets summing to 4
 */
export function priorAllocate(
  mean: Float64Array,
  kappa: number,
  total: number,
  opts: PriorAllocateOptions,
): Int32Array {
  return greedyAllocate(betaExpectedGains(mean, kappa, opts.bmax), total, opts);
}

/**
 * Pool-adjacent-violators: the closest non-increasing sequence in squared error (in place on
 * x[off .. off + len)). It keeps the row sum, i.e. the predicted q(bmax).
 */
export function isotonicNonIncreasing(x: Float64Array, off = 0, len = x.length - off): void {
  const val = new Float64Array(len);
  const wt = new Int32Array(len);
  let k = 0;
  for (let j = 0; j < len; j++) {
    val[k] = x[off + j];
    wt[k] = 1;
    while (k > 0 && val[k - 1] < val[k]) {
      const w = wt[k - 1] + wt[k];
      val[k - 1] = (val[k - 1] * wt[k - 1] + val[k] * wt[k]) / w;
      wt[k - 1] = w;
      k--;
    }
    k++;
  }
  let p = off;
  for (let b = 0; b < k; b++) for (let t = 0; t < wt[b]; t++) x[p++] = val[b];
}

/**
 * Continuous rewards: expected gains under an ensemble of predicted gain tables (e.g. from
 * bootstrapped gain-vector predictors). Each table is row-major n x bmax (GainTable layout);
 * the result is their average, the Monte-Carlo estimate of E[Delta_ij] over the predictor's
 * uncertainty. Each row is then re-monotonised (pool-adjacent-violators, which keeps the row
 * sum = predicted q(bmax)) and clipped at 0, so the gains are non-increasing and the exact
 * greedy applies. (The average of non-increasing rows is already non-increasing; the projection
 * only matters when ensemble members are not monotone themselves.)
 * @example expectedGainsUnderEnsemble([Float64Array.of(0.4, 0.1), Float64Array.of(0.1, 0.4)], 1, 2).gains // [0.25, 0.25]
 */
export function expectedGainsUnderEnsemble(tables: ReadonlyArray<Float64Array>, n: number, bmax: number): GainTable {
  if (tables.length === 0) throw new Error('expectedGainsUnderEnsemble: no tables');
  const size = n * bmax;
  const gains = new Float64Array(size);
  tables.forEach((t, k) => {
    if (t.length !== size) throw new Error(`expectedGainsUnderEnsemble: table ${k} has length ${t.length}, expected n * bmax = ${size}`);
    for (let x = 0; x < size; x++) {
      if (!Number.isFinite(t[x])) throw new Error(`expectedGainsUnderEnsemble: table ${k} entry ${x} is ${t[x]}`);
      gains[x] += t[x];
    }
  });
  for (let x = 0; x < size; x++) gains[x] /= tables.length;
  for (let i = 0; i < n; i++) isotonicNonIncreasing(gains, i * bmax, bmax);
  for (let x = 0; x < size; x++) if (gains[x] < 0) gains[x] = 0;
  return { n, bmax, gains };
}
