/**
 * The train case's project side: routellm-mmlu prompts, GPT-4's correctness as the label, a
 * seeded 80/20 split, hashed TF-IDF (2^18 buckets) and L2 logistic regression on CSR arrays.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Query } from '../lib/data/types';
import { ensureData, mirrorDir } from '../lib/data/fetch';
import { loadRouting } from '../lib/data/registry';
import { HashedTfidf } from '../lib/features/tfidf';
import type { CsrMatrix } from '../lib/features/types';
import { LogisticRegression } from '../lib/predictors/logistic';
import { makeRng, permutation, PROJECT_ROOT } from '../lib/util';

export interface TrainSetup {
  name: string;
  labelName: string;
  train: Query[];
  test: Query[];
  yTrain: Float64Array;
  yTest: Float64Array;
}

export const DATASET = 'routellm-mmlu';

/**
 * Make sure the data files are present (from DATA_MIRROR, else ../shared/data when that folder
 * exists, else the upstream URL), load the dataset and split it 80/20 with a seeded permutation.
 * `limit` > 0 keeps only the first `limit` prompts of the permutation (--quick).
 */
export async function loadMmlu(seed: number, limit: number, log: (s: string) => void): Promise<TrainSetup> {
  const shared = path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
  const mirror = mirrorDir() ?? (fs.existsSync(shared) ? shared : undefined);
  log(`train: ensuring ${DATASET} data files${mirror ? ` (mirror ${mirror})` : ''}`);
  await ensureData([DATASET], { mirror });
  const ds = loadRouting(DATASET);
  const k = ds.procedures.findIndex((p: string) => /gpt-4/i.test(p));
  if (k < 0) throw new Error(`${DATASET}: no GPT-4 procedure among ${ds.procedures.join(', ')}`);
  const n = ds.queries.length;
  const perm = permutation(n, makeRng(seed));
  const m = limit > 0 ? Math.min(limit, n) : n;
  const nTrain = Math.round(0.8 * m);
  const pick = (from: number, to: number): { q: Query[]; y: Float64Array } => {
    const q: Query[] = [];
    const y = new Float64Array(to - from);
    for (let t = from; t < to; t++) {
      q.push(ds.queries[perm[t]]);
      y[t - from] = ds.rewards[k][perm[t]];
    }
    return { q, y };
  };
  const tr = pick(0, nTrain);
  const te = pick(nTrain, m);
  return { name: DATASET, labelName: `${ds.procedures[k]} correct`, train: tr.q, test: te.q, yTrain: tr.y, yTest: te.y };
}

export interface Features {
  Xtr: CsrMatrix;
  Xte: CsrMatrix;
}

/** Fit the featurizer on the training prompts; transform both splits. */
export function projectFeaturize(s: TrainSetup): Features {
  const f = new HashedTfidf({ dim: 2 ** 18 }).fit(s.train);
  return { Xtr: f.transform(s.train) as CsrMatrix, Xte: f.transform(s.test) as CsrMatrix };
}

/** Fit L2 logistic regression (scikit-learn's C) on the training CSR matrix, unit weights. */
export function projectFit(f: Features, yTrain: Float64Array, C: number, maxIter: number, tol: number): LogisticRegression {
  return new LogisticRegression({ C, maxIter, tol }).fit(f.Xtr, { rate: yTrain, weight: new Float64Array(yTrain.length).fill(1) });
}

/** Mean binary log-loss, p clipped to [1e-15, 1 - 1e-15] (same formula as bench/train.py). */
export function logLoss(y: Float64Array, p: Float64Array): number {
  if (y.length !== p.length) throw new Error(`logLoss: ${y.length} labels but ${p.length} predictions`);
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
    s -= y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q);
  }
  return s / y.length;
}
