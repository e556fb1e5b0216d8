/**
 * Hyper-parameter choice by k-fold cross-validation inside the training split only.
 *
 * For each grid point, fit on k-1 folds and score the held-out fold; the score of a grid point
 * is the pooled held-out loss (weighted log-loss for success predictors; weighted MSE or
 * log-loss for scalar predictors). The best point (lowest loss, first on ties) is refit on all
 * the training rows. Folds come from a seeded permutation (lib/util/rng), so results repeat.
 *
 * @example
 * const cv = crossValidateSuccess((p) => new LogisticRegression(p), [{ C: 0.1 }, { C: 1 }, { C: 10 }], X, targets, { k: 5, seed: 0 });
 * cv.best; // e.g. { C: 1 }; cv.predictor is refit on all of X
 */
import type { FeatureMatrix } from '../features/types';
import { selectRows } from '../features/sparse';
import { makeRng, permutation } from '../util/rng';
import type { ScalarPredictor, SuccessPredictor, SuccessTargets } from './types';
import { logLoss, mse } from './diagnostics';

/** k folds of 0..n-1 after a seeded shuffle: fold f holds the test indices (sorted). */
export function kfold(n: number, k: number, seed = 0): Int32Array[] {
  if (!Number.isInteger(k) || k < 2 || k > n) throw new Error(`kfold: need 2 <= k <= n, got k = ${k}, n = ${n}`);
  const perm = permutation(n, makeRng(seed));
  const folds: Int32Array[] = [];
  for (let f = 0; f < k; f++) {
    const lo = Math.floor((f * n) / k), hi = Math.floor(((f + 1) * n) / k);
    folds.push(perm.slice(lo, hi).sort());
  }
  return folds;
}

/** Indices 0..n-1 not in `test` (sorted). */
function complement(n: number, test: Int32Array): Int32Array {
  const mark = new Uint8Array(n);
  for (const i of test) mark[i] = 1;
  const out = new Int32Array(n - test.length);
  let k = 0;
  for (let i = 0; i < n; i++) if (!mark[i]) out[k++] = i;
  return out;
}

function pick(a: Float64Array, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]];
  return out;
}

export interface CvOptions {
  k?: number;
  seed?: number;
  /** Called after each grid point (progress). */
  onPoint?: (i: number, total: number, loss: number) => void;
}

export interface CvPoint<P> {
  params: P;
  /** Pooled held-out loss over all folds. */
  loss: number;
  foldLosses: number[];
}

export interface CvResult<P, M> {
  best: P;
  bestLoss: number;
  scores: CvPoint<P>[];
  /** A fresh predictor with the best parameters, fit on all rows. */
  predictor: M;
}

function runCv<P, M>(
  grid: readonly P[],
  n: number,
  opts: CvOptions,
  foldLoss: (p: P, train: Int32Array, test: Int32Array) => { loss: number; weight: number },
  refit: (p: P) => M,
): CvResult<P, M> {
  if (grid.length === 0) throw new Error('crossValidate: empty grid');
  const folds = kfold(n, opts.k ?? 5, opts.seed ?? 0);
  const scores: CvPoint<P>[] = grid.map((p, gi) => {
    let tot = 0, W = 0;
    const foldLosses = folds.map((test) => {
      const r = foldLoss(p, complement(n, test), test);
      tot += r.loss * r.weight; W += r.weight;
      return r.loss;
    });
    const loss = tot / W;
    opts.onPoint?.(gi, grid.length, loss);
    return { params: p, loss, foldLosses };
  });
  let b = 0;
  for (let g = 1; g < scores.length; g++) if (scores[g].loss < scores[b].loss) b = g;
  return { best: grid[b], bestLoss: scores[b].loss, scores, predictor: refit(grid[b]) };
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** CV for success predictors, scored by weighted log-loss against the soft labels. */
export function crossValidateSuccess<P, M extends SuccessPredictor>(
  factory: (params: P) => M,
  grid: readonly P[],
  X: FeatureMatrix,
  y: SuccessTargets,
  opts: CvOptions = {},
): CvResult<P, M> {
  if (y.rate.length !== X.rows || y.weight.length !== X.rows) throw new Error(`crossValidateSuccess: ${X.rows} rows but ${y.rate.length} rates / ${y.weight.length} weights`);
  return runCv(grid, X.rows, opts, (p, tr, te) => {
    const m = factory(p).fit(selectRows(X, tr), { rate: pick(y.rate, tr), weight: pick(y.weight, tr) });
    const w = pick(y.weight, te);
    return { loss: logLoss(m.predict(selectRows(X, te)), pick(y.rate, te), w), weight: sum(w) };
  }, (p) => factory(p).fit(X, y));
}

/** CV for scalar predictors, scored by weighted MSE (default) or log-loss (y in [0, 1]). */
export function crossValidateScalar<P, M extends ScalarPredictor>(
  factory: (params: P) => M,
  grid: readonly P[],
  X: FeatureMatrix,
  y: Float64Array,
  weight?: Float64Array,
  opts: CvOptions & { loss?: 'mse' | 'logloss' } = {},
): CvResult<P, M> {
  if (y.length !== X.rows) throw new Error(`crossValidateScalar: ${X.rows} rows but ${y.length} targets`);
  const wAll = weight ?? new Float64Array(X.rows).fill(1);
  const lossFn = opts.loss === 'logloss' ? logLoss : mse;
  return runCv(grid, X.rows, opts, (p, tr, te) => {
    const m = factory(p).fit(selectRows(X, tr), pick(y, tr), pick(wAll, tr));
    const w = pick(wAll, te);
    return { loss: lossFn(m.predict(selectRows(X, te)), pick(y, te), w), weight: sum(w) };
  }, (p) => factory(p).fit(X, y, weight));
}
