/**
 * Splits of a best-of-k experiment: which queries are evaluated, which train the predictor, and
 * which part of the training data is held out to fit what sits on top of the predictor (the
 * offline policy's bins, the Beta concentration of the uncertainty-aware prior).
 *
 * - Official split (gsm8k-7models): one fold, test = the official test split, train = the
 *   official train split.
 * - Otherwise: seeded K-fold cross-validation (`kfold` of lib/data/splits); every query is
 *   evaluated exactly once, with predictions from the fold that did not train on it (pooled
 *   out-of-fold predictions).
 * In every fold the training queries are split again, by a seeded permutation, into `fit`
 * (the predictor and the featurizer see only these) and `heldout` (a fraction, default 0.3, used
 * only to fit the offline bins and the prior's calibration). No statistic of a fold's test
 * queries enters its fit.
 *
 * @example
 * planFolds({ n: 10, split: undefined }, { folds: 5, seed: 0, heldoutFraction: 0.3 });
 * // 5 folds, each {test: 2 queries, fit: 6, heldout: 2}; the tests partition 0..9
 */
import { kfold } from '../data/splits';
import { makeRng, permutation } from '../util/rng';

export interface FoldPlan {
  /** Evaluated queries of this fold (indices into the dataset), ascending. */
  test: Int32Array;
  /** Training queries the featurizer and predictor are fitted on, ascending. */
  fit: Int32Array;
  /** Held-out training queries (offline bins, prior calibration), ascending. */
  heldout: Int32Array;
}

export interface SplitOptions {
  /** Number of CV folds when the dataset has no official split (default 5). */
  folds: number;
  seed: number;
  /** Share of each fold's training queries held out (default 0.3). */
  heldoutFraction: number;
}

function sorted(a: number[]): Int32Array {
  return Int32Array.from(a).sort();
}

/**
 * Split one training set into fit / held-out parts by a seeded permutation (both ascending);
 * at least `minFit` queries stay in the fit part (the best-of-k runs need 2, routing 4).
 */
export function splitHeldout(train: Int32Array, fraction: number, seed: number, minFit = 2): { fit: Int32Array; heldout: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`splitHeldout: heldoutFraction must be in (0, 1), got ${fraction}`);
  const m = train.length;
  const h = Math.max(1, Math.round(fraction * m));
  if (m - h < minFit) throw new Error(`splitHeldout: ${m} training queries are too few to hold out ${h}`);
  const perm = permutation(m, makeRng(seed));
  const held: number[] = [];
  const fit: number[] = [];
  for (let r = 0; r < m; r++) (r < h ? held : fit).push(train[perm[r]]);
  return { fit: sorted(fit), heldout: sorted(held) };
}

/** The folds of an experiment (see the module comment). */
export function planFolds(
  ds: { n: number; split?: { train: Int32Array; test: Int32Array } },
  opts: SplitOptions,
): FoldPlan[] {
  if (ds.split) {
    const { fit, heldout } = splitHeldout(Int32Array.from(ds.split.train).sort(), opts.heldoutFraction, opts.seed + 1);
    return [{ test: Int32Array.from(ds.split.test).sort(), fit, heldout }];
  }
  const folds = kfold(ds.n, opts.folds, opts.seed);
  const plans: FoldPlan[] = [];
  for (let f = 0; f < opts.folds; f++) {
    const test: number[] = [];
    const train: number[] = [];
    folds.forEach((g, i) => (g === f ? test : train).push(i));
    const { fit, heldout } = splitHeldout(Int32Array.from(train), opts.heldoutFraction, opts.seed + 1 + f);
    plans.push({ test: sorted(test), fit, heldout });
  }
  return plans;
}
