/**
 * The learned part of a best-of-k experiment, for one fold: featurize (fit on the fold's `fit`
 * queries only), fit the predictor (hyper-parameters by CV inside `fit`), predict the fold's
 * test and held-out queries, and derive what every allocator needs.
 *
 * What is predicted, by reward kind:
 * - binary (math, code; perfect verifier): p(x) = chance one sample is correct, L2 logistic
 *   regression on soft labels c/n weighted by n, C chosen by 3-fold CV log-loss. Gains for the
 *   online allocator: the paper's plug-in p (1-p)^(j-1). Prior: the prediction recalibrated
 *   (logit-linear) with a Beta concentration kappa, both fitted by beta-binomial maximum
 *   likelihood on the held-out training queries (fitCalibratedBeta); gains E[p (1-p)^(j-1)],
 *   blended with the shared prior's row by a weight validated on the held-out queries
 *   (`blendEvidence`, cross-fitted; pooled over folds, `chooseBlendWeight`; weight 0 = uniform).
 * - continuous (chat-like, reranker = reward): the marginal-reward vector Delta_1..Delta_bmax
 *   (GainVectorRegressor, non-negative and non-increasing by construction), l2 chosen by 3-fold
 *   CV squared error. Prior: the average of `ensemble` bootstrap refits (the predicted curve
 *   averaged over the predictor's uncertainty), shrunk towards the training mean curve by a
 *   weight fitted on the held-out queries (`shrinkageWeight`; 0 = no usable signal, which
 *   makes the allocation uniform), then blended with the mean row by a weight chosen on the
 *   held-out queries by allocation value (`blendEvidence`, `chooseBlendWeight`).
 * - reranked (a reward model picks among b drawn candidates; correctness scores): the whole
 *   curve q(x, b), b = 1..bmax (CurveLogistic: one soft-label logistic regression per b), C
 *   chosen by CV on q(x, bmax) = P(the reward model's top pick among all candidates is
 *   correct). q(x, 1) is not a useful target here: with one correct candidate of ten it is 1/10
 *   for every problem. Prior: the average curve of `ensemble` bootstrap refits, shrunk towards
 *   the training mean curve and validated as for continuous rewards. Gains may be
 *   negative (more candidates can hurt) and are allocated exactly (DP), never past the point
 *   where the predicted curve falls.
 *
 * The scalar the offline policy bins on ("predicted first-sample reward" in METHOD.md): p for
 * binary rewards, predicted Delta_1 = q_hat(1) for continuous rewards, q_hat(bmax) for reranked
 * data (q_hat(1) is constant there). The diagnostics compare the same scalar with its truth
 * (c/n; q(1); q(bmax)) beside the constant predictor (the fit queries' mean).
 *
 * @example
 * const out = predictFold(ds, q, fold, { seed: 0, ensemble: 8 });
 * out.gains; // test rows x bmax, for the online allocator
 */
import type { BestOfKDataset, Query } from '../data/types';
import {
  Concat,
  HashedTfidf,
  MetaFeatures,
  PythonCodeFeatures,
  TextStats,
  selectRows,
  type FeatureMatrix,
  type Featurizer,
} from '../features';
import {
  ConstantSuccess,
  GainVectorRegressor,
  LogisticRegression,
  RoutingGainRegressor,
  crossValidateSuccess,
  kfold as cvFolds,
  successGainTable,
} from '../predictors';
import { gainsFromQ } from '../rewards';
import type { QTable } from '../rewards/types';
import {
  betaExpectedGains,
  betaPrior,
  calibratedMean,
  expectedGainsUnderEnsemble,
  fitCalibratedBeta,
  fitFlatBetaPrior,
  type CalibratedBetaFit,
} from '../allocate/prior';
import { makeRng } from '../util/rng';
import { allocatePath } from '../allocate/allocate';
import { CurveLogistic } from './bestofk_curve_model';
import type { FoldPlan } from './bestofk_split';

/** Options of the learned part. */
export interface PredictOptions {
  seed: number;
  /** Bootstrap refits averaged by the continuous / reranked prior (default 8). */
  ensemble?: number;
  /** Featurizer factory (a fresh, unfitted featurizer per fold); default `defaultFeaturizer`. */
  featurizer?: (ds: BestOfKDataset) => Featurizer;
  /** Grid of C for logistic models (default [0.01, 0.1, 1, 10]). */
  cGrid?: readonly number[];
  /** Grid of l2 for the gain-vector regressor (default [1e-3, 1e-2, 1e-1, 1]). */
  l2Grid?: readonly number[];
}

/** Everything one fold contributes; arrays are aligned with fold.test (or fold.heldout). */
export interface FoldOutput {
  fold: FoldPlan;
  /** Point-prediction gains of the test queries (row-major test x bmax): online allocator. */
  gains: Float64Array;
  /** Uncertainty-aware gains of the test queries, before the validated blend (prior allocator). */
  priorGains: Float64Array;
  /** The fold's shared reference row of the blend flat + w (priorGains - flat). */
  priorFlat: Float64Array;
  /** Held-out evidence per blend weight (`blendEvidence`); pooled over folds by the experiment. */
  priorEvidence: Float64Array[];
  /** Binning scalar of the test / held-out queries (offline policy). */
  score: Float64Array;
  scoreHeldout: Float64Array;
  /** Predicted diagnostic scalar of the test queries, and the constant predictor's value. */
  diag: Float64Array;
  constant: number;
  /** Binary: Beta priors of the test queries for two-stage (learned; flat = shared by all). */
  beta?: { a: Float64Array; b: Float64Array; flatA: number; flatB: number; calibration: CalibratedBetaFit };
  /** Continuous / reranked: two-stage prior means of the test queries and the fit material. */
  cont?: {
    mean: Float64Array;
    flatMean: number;
    /** What the policy observes per held-out query, and its predicted mean (learned sd, residuals). */
    heldoutObserved: Float64Array[];
    heldoutMean: Float64Array;
    /** What the policy observes per training query (flat prior's sd, residuals). */
    trainObserved: Float64Array[];
  };
  /** Chosen hyper-parameters and fitted prior parameters (for the notebook). */
  info: Record<string, number>;
  /** Featurizer and predictor names. */
  featurizerName: string;
  predictorName: string;
}

/**
 * Default features by dataset: hashed word 1-2-gram TF-IDF (2^18 buckets) plus text
 * statistics (length matters and normalised TF-IDF drops it); CRUXEval adds Python code
 * features of the function; RewardMATH uses unigrams only (2^16 buckets: ten curve models per
 * fit); the 100-prompt creative-writing sets use the text statistics alone (56 training prompts
 * per fold cannot fit a 10-output model on a vocabulary); Game of 24 uses the puzzle's row of
 * 24.csv (human solve rate, times, rank) and its four numbers instead of text.
 */
export function defaultFeaturizer(ds: BestOfKDataset): Featurizer {
  const name = ds.name;
  if (name.startsWith('game24')) {
    const nums = (q: Query): number[] => {
      const v = q.meta.numbers;
      const a = Array.isArray(v) ? v.map(Number).sort((x, y) => x - y) : [];
      return [a[0], a[1], a[2], a[3]];
    };
    return new Concat([
      new MetaFeatures({ keys: ['humanSolveRate', 'amtSeconds', 'meanSeconds1Sigma', 'stdSeconds1Sigma', 'rank'], missing: 'mean' }),
      new MetaFeatures({ names: ['n0', 'n1', 'n2', 'n3'], accessor: nums, missing: 'mean' }),
    ]);
  }
  if (name.startsWith('cruxeval')) {
    return new Concat([
      new HashedTfidf({ dim: 2 ** 18, wordNgrams: [1, 2] }),
      new PythonCodeFeatures({ source: (q) => String(q.meta.code ?? q.text) }),
      new TextStats(),
    ]);
  }
  if (name.startsWith('tot-text')) return new TextStats();
  if (name.startsWith('rewardmath')) return new Concat([new HashedTfidf({ dim: 2 ** 16, wordNgrams: [1, 1] }), new TextStats()]);
  return new Concat([new HashedTfidf({ dim: 2 ** 18, wordNgrams: [1, 2] }), new TextStats()]);
}

function pick<T>(a: readonly T[], idx: Int32Array): T[] {
  return Array.from(idx, (i) => a[i]);
}

/** Rows `idx` of a q table. */
export function qRows(q: QTable, idx: ArrayLike<number>): QTable {
  const w = q.bmax + 1;
  const out = new Float64Array(idx.length * w);
  for (let k = 0; k < idx.length; k++) out.set(q.q.subarray(idx[k] * w, (idx[k] + 1) * w), k * w);
  return { n: idx.length, bmax: q.bmax, q: out };
}

/** Binary counts (n_i, c_i) of a binary dataset (from counts, or 0/1 samples). */
export function binaryCounts(ds: BestOfKDataset): { n: Int32Array; c: Int32Array } {
  if (ds.counts) return ds.counts;
  if (!ds.samples) throw new Error(`${ds.name}: no counts and no samples`);
  const n = new Int32Array(ds.samples.length);
  const c = new Int32Array(ds.samples.length);
  ds.samples.forEach((s, i) => {
    n[i] = s.length;
    let k = 0;
    for (let t = 0; t < s.length; t++) {
      if (s[t] !== 0 && s[t] !== 1) throw new Error(`${ds.name}: query ${i} sample ${t} has reward ${s[t]}, expected 0 or 1`);
      k += s[t];
    }
    c[i] = k;
  });
  return { n, c };
}

function qColumn(q: QTable, b: number): Float64Array {
  const w = q.bmax + 1;
  return Float64Array.from({ length: q.n }, (_, i) => q.q[i * w + b]);
}

function diffs(q: QTable): Float64Array {
  return gainsFromQ(q).gains;
}

function argminFirst(losses: number[]): number {
  let b = 0;
  for (let k = 1; k < losses.length; k++) if (losses[k] < losses[b]) b = k;
  return b;
}

function bootstrapIdx(n: number, seed: number): Int32Array {
  const rng = makeRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(n));
}

/** Mean row of a row-major (rows x width) table. */
function columnMeans(G: Float64Array, width: number): Float64Array {
  const rows = G.length / width;
  const m = new Float64Array(width);
  for (let t = 0; t < G.length; t++) m[t % width] += G[t] / rows;
  return m;
}

/** Blend weights tried by `blendEvidence` (0 = the shared row for every query = uniform). */
export const BLEND_WEIGHTS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/**
 * Held-out evidence for the blend weight of the uncertainty-aware (`prior`) allocator: gains
 * flat + w (P - flat), with `flat` one row shared by the queries. For each w of `weights`,
 * allocate the held-out queries at every average budget x = 1..bmax (the notebooks' allocation
 * options) and value the allocations with their true tables; returns, per weight, each held-out
 * query's value averaged over the budgets.
 */
export function blendEvidence(
  P: Float64Array,
  flat: Float64Array,
  qHeld: QTable,
  opts: { minPerQuery: 0 | 1; weights?: readonly number[] },
): Float64Array[] {
  const { n, bmax } = qHeld;
  const w = bmax + 1;
  const totals = Array.from({ length: bmax }, (_, k) => (k + 1) * n);
  return (opts.weights ?? BLEND_WEIGHTS).map((wt) => {
    const path = allocatePath({ n, bmax, gains: blend(P, flat, wt, bmax) }, totals, { minPerQuery: opts.minPerQuery, stopAtZeroGain: true });
    const v = new Float64Array(n);
    for (const b of path) for (let i = 0; i < n; i++) v[i] += qHeld.q[i * w + b[i]] / totals.length;
    return v;
  });
}

/**
 * Choose the blend weight from (pooled) held-out evidence: the weight with the largest mean
 * value, kept only if its per-query gain over weight 0 is significant (the lower `level` bound of
 * a seeded bootstrap over the queries is above zero); otherwise index 0. So noise alone never
 * moves the allocation away from the weight-0 (uniform) allocation.
 */
export function chooseBlendWeight(evidence: Float64Array[], opts: { level?: number; resamples?: number; seed?: number } = {}): number {
  const n = evidence[0]?.length ?? 0;
  if (n === 0) return 0;
  const mean = (v: Float64Array): number => v.reduce((s, x) => s + x, 0) / n;
  let best = 0;
  for (let k = 1; k < evidence.length; k++) if (mean(evidence[k]) > mean(evidence[best]) + 1e-15) best = k;
  if (best === 0) return 0;
  const d = Float64Array.from(evidence[best], (v, i) => v - evidence[0][i]);
  const R = opts.resamples ?? 400;
  const rng = makeRng(opts.seed ?? 1);
  const means = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += d[rng.int(n)];
    means[r] = s / n;
  }
  means.sort();
  return means[Math.floor((1 - (opts.level ?? 0.95)) * R)] > 0 ? best : 0;
}

/**
 * A row shared by every query that makes the exact greedy allocate uniformly: strictly
 * decreasing and positive, so units go round-robin (ties by query index, as uniformAllocate
 * gives the remainder to the first queries). Used when the prior's blend weight is 0.
 */
export function uniformRow(bmax: number): Float64Array {
  return Float64Array.from({ length: bmax }, (_, j) => (bmax - j) / bmax);
}

/** flat + w (P - flat), row by row. */
function blend(P: Float64Array, flat: Float64Array, wt: number, width: number): Float64Array {
  return Float64Array.from(P, (v, t) => flat[t % width] + wt * (v - flat[t % width]));
}

/**
 * Empirical-Bayes shrinkage weight of predicted gain rows P towards the constant row c, fitted
 * on held-out rows with true gains T by least squares:
 *   lambda = clip( sum_i (P_i - c).(T_i - c) / sum_i |P_i - c|^2, 0, 1 ).
 * Columns before `fromColumn` are ignored (continuous rewards: every query gets its first sample,
 * so only Delta_2.. steer the allocation).
 * lambda = 0: the predictions carry no usable signal, every query gets the same row and the
 * exact greedy allocates uniformly; lambda = 1: trust the predictions as they are.
 */
export function shrinkageWeight(P: Float64Array, T: Float64Array, c: Float64Array, width: number, fromColumn = 0): number {
  if (P.length !== T.length) throw new Error(`shrinkageWeight: ${P.length} predicted vs ${T.length} true gains`);
  let num = 0;
  let den = 0;
  for (let t = 0; t < P.length; t++) {
    if (t % width < fromColumn) continue;
    const d = P[t] - c[t % width];
    num += d * (T[t] - c[t % width]);
    den += d * d;
  }
  if (!(den > 0)) return 0;
  return Math.min(1, Math.max(0, num / den));
}

/** c + lambda (P - c), row by row. */
function shrink(P: Float64Array, c: Float64Array, lambda: number, width: number): Float64Array {
  return Float64Array.from(P, (v, t) => c[t % width] + lambda * (v - c[t % width]));
}

/** Choose l2 of the gain-vector regressor by k-fold CV squared error on the fit rows. */
function cvGainVector(X: FeatureMatrix, G: Float64Array, bmax: number, grid: readonly number[], seed: number): number {
  const n = X.rows;
  const k = Math.min(3, n);
  const folds = cvFolds(n, k, seed);
  const losses = grid.map((l2) => {
    let tot = 0;
    let cnt = 0;
    for (const te of folds) {
      const mark = new Uint8Array(n);
      te.forEach((i) => (mark[i] = 1));
      const tr = Int32Array.from({ length: n }, (_, i) => i).filter((i) => !mark[i]);
      const Gtr = new Float64Array(tr.length * bmax);
      tr.forEach((i, r) => Gtr.set(G.subarray(i * bmax, (i + 1) * bmax), r * bmax));
      const m = new GainVectorRegressor({ l2 }).fit(selectRows(X, tr), Gtr, bmax);
      const P = m.predict(selectRows(X, te));
      te.forEach((i, r) => {
        for (let j = 0; j < bmax; j++) {
          const d = P[r * bmax + j] - G[i * bmax + j];
          tot += d * d;
          cnt++;
        }
      });
    }
    return tot / cnt;
  });
  return grid[argminFirst(losses)];
}

function rowsOf(G: Float64Array, idx: Int32Array, width: number): Float64Array {
  const out = new Float64Array(idx.length * width);
  idx.forEach((i, r) => out.set(G.subarray(i * width, (i + 1) * width), r * width));
  return out;
}

/** Fit the learned part on one fold (see the module comment). `q` is the whole dataset's table. */
export function predictFold(ds: BestOfKDataset, q: QTable, fold: FoldPlan, opts: PredictOptions): FoldOutput {
  const bmax = q.bmax;
  const seed = opts.seed;
  const ensemble = opts.ensemble ?? 8;
  const cGrid = opts.cGrid ?? [0.01, 0.1, 1, 10];
  const l2Grid = opts.l2Grid ?? [1e-3, 1e-2, 1e-1, 1];
  const feat = (opts.featurizer ?? defaultFeaturizer)(ds);
  const fitQ = pick(ds.queries, fold.fit);
  feat.fit(fitQ);
  const Xfit = feat.transform(fitQ);
  const Xheld = feat.transform(pick(ds.queries, fold.heldout));
  const Xtest = feat.transform(pick(ds.queries, fold.test));
  const qFit = qRows(q, fold.fit);
  const nT = fold.test.length;
  const info: Record<string, number> = {};

  if (ds.reward === 'binary') {
    const { n, c } = binaryCounts(ds);
    const rate = Float64Array.from(fold.fit, (i) => c[i] / n[i]);
    const weight = Float64Array.from(fold.fit, (i) => n[i]);
    const cv = crossValidateSuccess((p: { C: number }) => new LogisticRegression(p), cGrid.map((C) => ({ C })), Xfit, { rate, weight }, { k: 3, seed });
    info.C = cv.best.C;
    const pTest = cv.predictor.predict(Xtest);
    const pHeld = cv.predictor.predict(Xheld);
    const constant = new ConstantSuccess().fit(Xfit, { rate, weight }).value as number;
    const nH = Int32Array.from(fold.heldout, (i) => n[i]);
    const cH = Int32Array.from(fold.heldout, (i) => c[i]);
    const cal = fitCalibratedBeta(pHeld, nH, cH);
    info.kappa = cal.kappa;
    info.calibrationSlope = cal.slope;
    info.calibrationIntercept = cal.intercept;
    const mTest = calibratedMean(pTest, cal);
    const prior = betaPrior(mTest, cal.kappa);
    const train = Int32Array.from([...fold.fit, ...fold.heldout]);
    const flat = fitFlatBetaPrior(Int32Array.from(train, (i) => n[i]), Int32Array.from(train, (i) => c[i]));
    info.flatMean = flat.mean;
    info.flatKappa = flat.kappa;
    // Blend weight towards the shared prior, validated on the held-out queries with cross-fitting
    // (calibrate on one half, value the allocations on the other, and back), so the calibration
    // is never judged on the queries it was fitted to.
    const flatRow = betaExpectedGains(Float64Array.of(flat.mean), flat.kappa, bmax).gains;
    const qHeldAll = qRows(q, fold.heldout);
    const half = Math.floor(fold.heldout.length / 2);
    const parts = [Int32Array.from({ length: half }, (_, r) => r), Int32Array.from({ length: fold.heldout.length - half }, (_, r) => half + r)];
    // Cross-fitted predictions of the held-out queries' prior gains, then one validation.
    const heldGains = new Float64Array(fold.heldout.length * bmax);
    if (half >= 2) {
      for (let s = 0; s < 2; s++) {
        const [fitPart, valPart] = s === 0 ? parts : [parts[1], parts[0]];
        const calS = fitCalibratedBeta(Float64Array.from(fitPart, (r) => pHeld[r]), Int32Array.from(fitPart, (r) => nH[r]), Int32Array.from(fitPart, (r) => cH[r]));
        const g = betaExpectedGains(calibratedMean(Float64Array.from(valPart, (r) => pHeld[r]), calS), calS.kappa, bmax).gains;
        valPart.forEach((r, k) => heldGains.set(g.subarray(k * bmax, (k + 1) * bmax), r * bmax));
      }
    }
    return {
      fold,
      gains: successGainTable(pTest, bmax).gains,
      priorGains: betaExpectedGains(mTest, cal.kappa, bmax).gains,
      priorFlat: flatRow,
      priorEvidence: half >= 2 ? blendEvidence(heldGains, flatRow, qHeldAll, { minPerQuery: 0 }) : [],
      score: pTest,
      scoreHeldout: pHeld,
      diag: pTest,
      constant,
      beta: { a: prior.a, b: prior.b, flatA: flat.mean * flat.kappa, flatB: (1 - flat.mean) * flat.kappa, calibration: cal },
      info,
      featurizerName: feat.name,
      predictorName: `logistic regression (soft labels, C by CV) on ${feat.name}`,
    };
  }

  if (!ds.samples) throw new Error(`${ds.name}: reward '${ds.reward}' needs per-sample rewards`);
  const observed = ds.reward === 'reranked' ? ds.scores : ds.samples;
  if (!observed) throw new Error(`${ds.name}: reranked data needs reranker scores`);
  const trainIdx = Int32Array.from([...fold.fit, ...fold.heldout]).sort();
  const meanOf = (x: Float64Array): number => x.reduce((s, v) => s + v, 0) / x.length;

  if (ds.reward === 'continuous') {
    const G = diffs(qFit);
    const l2 = cvGainVector(Xfit, G, bmax, l2Grid, seed);
    info.l2 = l2;
    const model = new GainVectorRegressor({ l2 }).fit(Xfit, G, bmax);
    const gains = model.predict(Xtest);
    const gHeld = model.predict(Xheld);
    const tables: Float64Array[] = [];
    const tablesHeld: Float64Array[] = [];
    for (let e = 0; e < ensemble; e++) {
      const bi = bootstrapIdx(fold.fit.length, seed * 1000 + 17 + e);
      const m = new GainVectorRegressor({ l2 }).fit(selectRows(Xfit, bi), rowsOf(G, bi, bmax), bmax);
      tables.push(m.predict(Xtest));
      tablesHeld.push(m.predict(Xheld));
    }
    const constG = columnMeans(G, bmax);
    const avgHeld = expectedGainsUnderEnsemble(tablesHeld, fold.heldout.length, bmax).gains;
    const lambda = shrinkageWeight(avgHeld, diffs(qRows(q, fold.heldout)), constG, bmax, 1);
    info.shrinkage = lambda;
    // Validated on the held-out queries by allocation value: keep the learned prior only where it
    // beats the shared row (uniform) there.
    const qHeldC = qRows(q, fold.heldout);
    const priorEvidence = blendEvidence(shrink(avgHeld, constG, lambda, bmax), constG, qHeldC, { minPerQuery: 1 });
    const priorGains = shrink(expectedGainsUnderEnsemble(tables, nT, bmax).gains, constG, lambda, bmax);
    const diag = Float64Array.from({ length: nT }, (_, r) => gains[r * bmax]);
    const scoreHeldout = Float64Array.from({ length: fold.heldout.length }, (_, r) => gHeld[r * bmax]);
    const constant = meanOf(qColumn(qFit, 1));
    return {
      fold,
      gains,
      priorGains,
      priorFlat: constG,
      priorEvidence,
      score: diag,
      scoreHeldout,
      diag,
      constant,
      cont: {
        mean: diag,
        flatMean: meanOf(Float64Array.from(trainIdx, (i) => meanOf(observed[i]))),
        heldoutObserved: pick(observed, fold.heldout),
        heldoutMean: scoreHeldout,
        trainObserved: pick(observed, trainIdx),
      },
      info,
      featurizerName: feat.name,
      predictorName: `gain-vector regressor (softplus decrements, l2 by CV) on ${feat.name}`,
    };
  }

  // reranked
  const top = qColumn(qFit, bmax);
  const cv = crossValidateSuccess(
    (p: { C: number }) => new LogisticRegression(p),
    cGrid.map((C) => ({ C })),
    Xfit,
    { rate: top, weight: new Float64Array(top.length).fill(1) },
    { k: 3, seed },
  );
  const C = cv.best.C;
  info.C = C;
  const model = new CurveLogistic({ C }).fit(Xfit, qFit);
  const qTest = model.predictQ(Xtest);
  const qHeld = model.predictQ(Xheld);
  const avg = new Float64Array(qTest.q.length);
  const avgHeld = new Float64Array(qHeld.q.length);
  for (let e = 0; e < ensemble; e++) {
    const bi = bootstrapIdx(fold.fit.length, seed * 1000 + 17 + e);
    const m = new CurveLogistic({ C }).fit(selectRows(Xfit, bi), qRows(qFit, bi));
    const a = m.predictQ(Xtest).q;
    const h = m.predictQ(Xheld).q;
    for (let t = 0; t < avg.length; t++) avg[t] += a[t] / ensemble;
    for (let t = 0; t < avgHeld.length; t++) avgHeld[t] += h[t] / ensemble;
  }
  const constG = columnMeans(diffs(qFit), bmax);
  const lambda = shrinkageWeight(diffs({ n: fold.heldout.length, bmax, q: avgHeld }), diffs(qRows(q, fold.heldout)), constG, bmax);
  info.shrinkage = lambda;
  // Reference row for the blend: the mean curve can be non-concave here, and identical
  // non-concave rows are not allocated uniformly; a shared strictly decreasing positive row is
  // (the greedy goes round-robin), so weight 0 is exactly the uniform allocation.
  const scale = Math.max(1e-6, Math.abs(constG[0]));
  const flatR = Float64Array.from(uniformRow(bmax), (v) => v * scale);
  const heldPrior = shrink(diffs({ n: fold.heldout.length, bmax, q: avgHeld }), constG, lambda, bmax);
  const priorEvidence = blendEvidence(heldPrior, flatR, qRows(q, fold.heldout), { minPerQuery: 0 });
  const priorGains = shrink(diffs({ n: nT, bmax, q: avg }), constG, lambda, bmax);
  // Two-stage on reranker scores: a learned prior mean of one candidate's score (ridge).
  const meanScore = Float64Array.from(fold.fit, (i) => meanOf(observed[i]));
  const ridge = new RoutingGainRegressor({ alpha: 1 }).fit(Xfit, meanScore);
  const diag = qColumn(qTest, bmax);
  return {
    fold,
    gains: diffs(qTest),
    priorGains,
    priorFlat: flatR,
    priorEvidence,
    score: diag,
    scoreHeldout: qColumn(qHeld, bmax),
    diag,
    constant: meanOf(top),
    cont: {
      mean: ridge.predict(Xtest),
      flatMean: meanOf(Float64Array.from(trainIdx, (i) => meanOf(observed[i]))),
      heldoutObserved: pick(observed, fold.heldout),
      heldoutMean: ridge.predict(Xheld),
      trainObserved: pick(observed, trainIdx),
    },
    info,
    featurizerName: feat.name,
    predictorName: `per-budget logistic curve (soft labels q(b), C by CV on q(bmax)) on ${feat.name}`,
  };
}

