/**
 * The learned part of a routing experiment, for one fold: featurize (fit on the fold's `fit`
 * queries only), choose the router by cross-validation inside `fit`, and predict the fold's
 * held-out and test queries.
 *
 * Features: hashed word unigram TF-IDF (2^18 buckets, sublinear tf, L2 rows) concatenated
 * with standardised text statistics (length, numbers, operators, ...), because L2-normalised
 * TF-IDF alone throws the length away (METHOD.md). Hashed n-gram counts depend on the text
 * only, so they are computed once per run and shared between folds (`TfidfCountCache`); the idf
 * and the text-statistics scaler are fitted per fold on `fit` only.
 *
 * Candidates (both kinds of router the issue asks for; all rank queries, which is all routing
 * uses):
 *   - classifier: L2 logistic regression of P(strong right & weak wrong) (binary rewards) or
 *     P(strong better) with ties as 0.5 (scores), C in `cGrid`;
 *   - regressor: ridge regression of the gain r_strong - r_weak (target divided by its training
 *     standard deviation so alpha means the same on every scale; predictions scaled back),
 *     alpha in `alphaGrid`.
 * Choice: `innerFolds`-fold CV inside `fit` (on a seeded subsample of at most `innerMaxRows`
 * = 2000 fit queries, to stay cheap on the large datasets); each candidate's score is the APGR of
 * routing the pooled inner out-of-fold predictions (the metric we report), first candidate on
 * ties. The chosen candidate is refitted on all fit queries. L-BFGS runs at most 200 iterations
 * (tolerance 1e-4 on the normalised gradient, scikit-learn's default for logistic regression).
 *
 * @example
 * const cache = new TfidfCountCache();
 * const out = predictRoutingFold(ds, fold, { seed: 0, cache });
 * out.test;   // predicted gain score of fold.test (higher = route to strong first)
 */
import type { Query, RoutingDataset } from '../data/types';
import { Concat, HashedTfidf, TextStats, selectRows, type FeatureMatrix, type Featurizer, type HashedTfidfOptions } from '../features';
import { LogisticRegression, RoutingGainRegressor, kfold as cvFolds } from '../predictors';
import { routeTopShare } from '../allocate/routing';
import { apgr } from '../evaluate/routing';
import { routingGrid } from './routing_curves';
import { makeRng, permutation } from '../util/rng';

/** Shared memo of hashed n-gram counts per text (they do not depend on any fit). */
export class TfidfCountCache {
  readonly map = new Map<string, Map<number, number>>();
}

/** HashedTfidf whose raw counts come from a shared cache (identical output, less hashing). */
export class CachedHashedTfidf extends HashedTfidf {
  readonly cache: TfidfCountCache;
  constructor(cache: TfidfCountCache, opts: HashedTfidfOptions = {}) {
    super(opts);
    this.cache = cache;
  }
  override counts(text: string): Map<number, number> {
    const hit = this.cache.map.get(text);
    if (hit) return hit;
    const m = super.counts(text);
    this.cache.map.set(text, m);
    return m;
  }
}

/** One router candidate. */
export type RouterCandidate = { kind: 'classifier'; C: number } | { kind: 'regressor'; alpha: number };

export function candidateName(c: RouterCandidate): string {
  return c.kind === 'classifier' ? `classifier C=${c.C}` : `gain ridge alpha=${c.alpha}`;
}

export interface RoutingFold {
  /** Evaluated queries of the fold, ascending. */
  test: Int32Array;
  /** Queries the featurizer and router are fitted on, ascending. */
  fit: Int32Array;
  /** Held-out training queries: the offline threshold is fitted on their predictions. */
  heldout: Int32Array;
}

export interface RoutingPredictOptions {
  seed: number;
  cache?: TfidfCountCache;
  /** Featurizer factory (a fresh, unfitted featurizer per fold); default `defaultRoutingFeaturizer`. */
  featurizer?: (cache: TfidfCountCache) => Featurizer;
  /** Candidates (default: classifier C in [0.3, 3], regressor alpha in [3, 30]). */
  candidates?: readonly RouterCandidate[];
  /** Inner CV folds for the choice (default 3). */
  innerFolds?: number;
  /** L-BFGS iteration cap of every fit (default 200). */
  maxIter?: number;
  /**
   * The inner CV runs on at most this many of the fold's fit queries (a seeded subsample;
   * default 2000), so the choice stays cheap on the 12k-14k-query datasets. The chosen router is
   * then refitted on all fit queries.
   */
  innerMaxRows?: number;
}

export interface RoutingFoldOutput {
  fold: RoutingFold;
  /** Predicted score of the test / held-out queries (aligned with fold.test / fold.heldout). */
  test: Float64Array;
  heldout: Float64Array;
  chosen: RouterCandidate;
  /** Inner-CV APGR of each candidate (same order as the candidates). */
  cvScores: { name: string; apgr: number | null }[];
  featurizer: string;
}

export const DEFAULT_ROUTER_CANDIDATES: readonly RouterCandidate[] = [
  { kind: 'classifier', C: 0.3 },
  { kind: 'classifier', C: 3 },
  { kind: 'regressor', alpha: 3 },
  { kind: 'regressor', alpha: 30 },
];

/**
 * TF-IDF (word unigrams, 2^18 buckets) + text statistics. Unigrams, not 1-2-grams: on the
 * 12k-14k-query datasets bigrams made each fold several times slower (the solver's vectors grow
 * with the buckets seen) without a clear gain in held-out APGR on routellm-mmlu (two folds
 * tried). Pass `featurizer` to RoutingConfig to change it.
 */
export function defaultRoutingFeaturizer(cache: TfidfCountCache): Featurizer {
  return new Concat([new CachedHashedTfidf(cache, { dim: 2 ** 18, wordNgrams: [1, 1] }), new TextStats()]);
}

/** Classifier label: 1 if strong right & weak wrong (binary) / strong better (scores, ties 0.5). */
export function winLabel(weak: number, strong: number, binary: boolean): number {
  if (binary) return strong >= 0.5 && weak < 0.5 ? 1 : 0;
  return strong > weak ? 1 : strong === weak ? 0.5 : 0;
}

function fitPredict(c: RouterCandidate, Xfit: FeatureMatrix, weak: Float64Array, strong: Float64Array, binary: boolean, Xout: FeatureMatrix[], maxIter: number): Float64Array[] {
  const n = weak.length;
  if (c.kind === 'classifier') {
    const y = Float64Array.from({ length: n }, (_, i) => winLabel(weak[i], strong[i], binary));
    const m = new LogisticRegression({ C: c.C, maxIter }).fit(Xfit, y);
    return Xout.map((X) => m.predict(X));
  }
  const g = Float64Array.from({ length: n }, (_, i) => strong[i] - weak[i]);
  let mu = 0;
  for (let i = 0; i < n; i++) mu += g[i];
  mu /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (g[i] - mu) ** 2;
  const sd = Math.sqrt(v / n) || 1;
  const m = new RoutingGainRegressor({ alpha: c.alpha, maxIter, tol: 1e-4 }).fit(Xfit, Float64Array.from(g, (t) => t / sd));
  return Xout.map((X) => {
    const p = m.predict(X);
    for (let i = 0; i < p.length; i++) p[i] *= sd;
    return p;
  });
}

function pick(a: Float64Array, idx: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: idx.length }, (_, k) => a[idx[k]]);
}

/** APGR of online routing by `score` on these rewards (the inner-CV criterion). */
export function routingApgrOf(score: Float64Array, weak: Float64Array, strong: Float64Array): number | null {
  const x = routingGrid();
  const n = weak.length;
  let mw = 0;
  let ms = 0;
  for (let i = 0; i < n; i++) {
    mw += weak[i];
    ms += strong[i];
  }
  mw /= n;
  ms /= n;
  const share: number[] = [];
  const curve: number[] = [];
  for (const s of x) {
    const r = routeTopShare(score, s);
    let v = 0;
    let cnt = 0;
    for (let i = 0; i < n; i++) {
      v += r[i] ? strong[i] : weak[i];
      cnt += r[i];
    }
    curve.push(v / n);
    share.push(cnt / n);
  }
  return apgr(share, curve, mw, ms);
}

/** Featurize, choose and fit the router of one fold (see the module comment). */
export function predictRoutingFold(ds: RoutingDataset, fold: RoutingFold, opts: RoutingPredictOptions): RoutingFoldOutput {
  const cache = opts.cache ?? new TfidfCountCache();
  const makeF = opts.featurizer ?? defaultRoutingFeaturizer;
  const candidates = opts.candidates ?? DEFAULT_ROUTER_CANDIDATES;
  if (candidates.length === 0) throw new Error('predictRoutingFold: no router candidates');
  const maxIter = opts.maxIter ?? 200;
  const [weakAll, strongAll] = [ds.rewards[0], ds.rewards[ds.rewards.length - 1]];
  const qs = (idx: Int32Array): Query[] => Array.from(idx, (i) => ds.queries[i]);
  const wFit = pick(weakAll, fold.fit);
  const sFit = pick(strongAll, fold.fit);

  // Inner CV inside `fit`: featurizer and model fitted on the inner training part only.
  const cvScores: { name: string; apgr: number | null }[] = [];
  let chosen = candidates[0];
  if (candidates.length > 1) {
    const innerK = opts.innerFolds ?? 3;
    const cap = opts.innerMaxRows ?? 2000;
    // rows (positions in fold.fit) the inner CV uses: all, or a seeded subsample of `cap`
    const rows = fold.fit.length <= cap
      ? Int32Array.from({ length: fold.fit.length }, (_, r) => r)
      : permutation(fold.fit.length, makeRng(opts.seed + 7)).slice(0, cap).sort();
    const m = rows.length;
    const wIn = pick(wFit, rows);
    const sIn = pick(sFit, rows);
    const ids = Int32Array.from(rows, (r) => fold.fit[r]);
    const folds = cvFolds(m, innerK, opts.seed);
    const oof = candidates.map(() => new Float64Array(m));
    for (const te of folds) {
      const mark = new Uint8Array(m);
      te.forEach((r) => (mark[r] = 1));
      const tr = Int32Array.from({ length: m }, (_, r) => r).filter((r) => !mark[r]);
      const f = makeF(cache).fit(qs(Int32Array.from(tr, (r) => ids[r])));
      const Xtr = f.transform(qs(Int32Array.from(tr, (r) => ids[r])));
      const Xte = f.transform(qs(Int32Array.from(te, (r) => ids[r])));
      candidates.forEach((c, ci) => {
        const [p] = fitPredict(c, Xtr, pick(wIn, tr), pick(sIn, tr), ds.binary, [Xte], maxIter);
        te.forEach((r, k) => (oof[ci][r] = p[k]));
      });
    }
    let best = -Infinity;
    candidates.forEach((c, ci) => {
      const a = routingApgrOf(oof[ci], wIn, sIn);
      cvScores.push({ name: candidateName(c), apgr: a });
      if (a !== null && a > best + 1e-12) {
        best = a;
        chosen = c;
      }
    });
  }

  const f = makeF(cache).fit(qs(fold.fit));
  const Xfit = f.transform(qs(fold.fit));
  const [test, heldout] = fitPredict(chosen, Xfit, wFit, sFit, ds.binary, [f.transform(qs(fold.test)), f.transform(qs(fold.heldout))], maxIter);
  return { fold, test, heldout, chosen, cvScores, featurizer: f.name };
}
