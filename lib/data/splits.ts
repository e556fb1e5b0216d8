/**
 * Seeded, balanced K-fold assignment for datasets without an official split: shuffle the
 * indices with `permutation(n, makeRng(seed))`, then deal them round-robin, so fold sizes differ
 * by at most one and the same (n, k, seed) always gives the same folds.
 *
 * Example: `kfold(5, 2, 0)` -> an Int32Array of length 5 holding three 0s and two 1s (or the
 * reverse), in a seed-determined order; `foldSplit(folds, 1)` -> {train: indices not in fold 1,
 * test: indices in fold 1}.
 */
import { makeRng, permutation } from '../util/rng';

/** Fold id (0..k-1) of each of n items. */
export function kfold(n: number, k: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new Error(`kfold: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 2) throw new Error(`kfold: k must be an integer >= 2, got ${k}`);
  if (k > n) throw new Error(`kfold: k = ${k} exceeds n = ${n}`);
  const perm = permutation(n, makeRng(seed));
  const folds = new Int32Array(n);
  for (let r = 0; r < n; r++) folds[perm[r]] = r % k;
  return folds;
}

/** Train / test indices for one fold. */
export function foldSplit(folds: Int32Array, fold: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  folds.forEach((f, i) => (f === fold ? test : train).push(i));
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
