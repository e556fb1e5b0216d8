/**
 * Predictor report on gsm8k-7models (Mistral-7B-v0.1 by default), official train (1000) ->
 * test (1319): Spearman (predicted p vs observed success rate), Brier (vs observed rate),
 * log-loss, ECE and fit time for the constant predictor, TF-IDF logistic regression and a few
 * stronger candidates (C chosen by 5-fold CV inside the training split).
 *
 * Run: node --import tsx scripts/predictor-report.ts [model]   (needs `npm run data` first)
 */
import { loadBestOfK } from '../lib/data/registry';
import type { Query } from '../lib/data/types';
import { Concat, HashedTfidf, TextStats, type Featurizer, type FeatureMatrix } from '../lib/features';
import {
  ConstantSuccess, LogisticRegression, MlpSuccess, crossValidateSuccess, successMetrics,
  type SuccessPredictor, type SuccessTargets,
} from '../lib/predictors';

const model = process.argv[2];
const ds = loadBestOfK('gsm8k-7models', model ? { model } : {});
if (!ds.counts || !ds.split) throw new Error('gsm8k-7models: expected binary counts and an official split');
const { n, c } = ds.counts;
const pickQ = (idx: Int32Array): Query[] => Array.from(idx, (i) => ds.queries[i]);
const targets = (idx: Int32Array): SuccessTargets => ({
  rate: Float64Array.from(idx, (i) => c[i] / n[i]),
  weight: Float64Array.from(idx, (i) => n[i]),
});
const trainQ = pickQ(ds.split.train), testQ = pickQ(ds.split.test);
const yTr = targets(ds.split.train), yTe = targets(ds.split.test);
const C_GRID = [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3].map((C) => ({ C }));

interface Candidate {
  label: string;
  featurizer: () => Featurizer;
  /** Fit a predictor on the training features (may run CV). Returns it and a note. */
  fit: (X: FeatureMatrix, y: SuccessTargets) => { model: SuccessPredictor; note: string };
}

const fixedC = (C: number) => (X: FeatureMatrix, y: SuccessTargets) => ({ model: new LogisticRegression({ C }).fit(X, y), note: `C=${C}` });
const cvC = (X: FeatureMatrix, y: SuccessTargets) => {
  const r = crossValidateSuccess((p: { C: number }) => new LogisticRegression(p), C_GRID, X, y, { k: 5, seed: 0 });
  return { model: r.predictor, note: `CV C=${r.best.C}` };
};
const words = (norm: 'l2' | 'none') => new HashedTfidf({ wordNgrams: [1, 2], norm });

const candidates: Candidate[] = [
  { label: 'constant (train mean)', featurizer: () => new TextStats(), fit: (X, y) => ({ model: new ConstantSuccess().fit(X, y), note: '' }) },
  { label: 'tfidf words 1-2, l2, logistic', featurizer: () => words('l2'), fit: fixedC(1) },
  { label: 'tfidf words 1-2, l2, logistic', featurizer: () => words('l2'), fit: cvC },
  { label: 'text stats, logistic', featurizer: () => new TextStats(), fit: cvC },
  { label: 'text stats, MLP [16]', featurizer: () => new TextStats(), fit: (X, y) => ({ model: new MlpSuccess({ hidden: [16], epochs: 60, lr: 3e-3, l2: 1e-3, seed: 0 }).fit(X, y), note: 'seed 0' }) },
  { label: 'tfidf words no-norm + text stats', featurizer: () => new Concat([words('none'), new TextStats()]), fit: cvC },
  { label: 'tfidf l2 + text stats', featurizer: () => new Concat([words('l2'), new TextStats()]), fit: cvC },
  // C = 0.1 is what 5-fold CV chose for this featurizer in a full run (90 s on 2 cores); fixed here to keep the script short.
  { label: 'tfidf words+chars 3-5 l2 + text stats', featurizer: () => new Concat([new HashedTfidf({ wordNgrams: [1, 2], charNgrams: [3, 5] }), new TextStats()]), fit: fixedC(0.1) },
];

const fmt = (v: number | null, d = 3): string => (v === null ? 'null' : v.toFixed(d));
console.log(`gsm8k-7models, model ${ds.model}: train ${trainQ.length} -> test ${testQ.length}, ${n[0]} samples per query`);
console.log(['predictor', 'note', 'spearman', 'brier', 'logloss', 'ece', 'fit ms', 'fit+cv ms'].join(' | '));
for (const cand of candidates) {
  const t0 = performance.now();
  const f = cand.featurizer().fit(trainQ);
  const Xtr = f.transform(trainQ);
  const t1 = performance.now();
  const { model: m, note } = cand.fit(Xtr, yTr);
  const t2 = performance.now();
  // Time of one plain fit with the chosen configuration (without the CV loop).
  const t3 = performance.now();
  if (m instanceof LogisticRegression) new LogisticRegression({ C: m.C }).fit(Xtr, yTr);
  else if (m instanceof ConstantSuccess) new ConstantSuccess().fit(Xtr, yTr);
  else if (m instanceof MlpSuccess) { /* already a plain fit */ }
  const t4 = performance.now();
  const plainFit = m instanceof MlpSuccess ? t2 - t1 : t4 - t3;
  const p = m.predict(f.transform(testQ));
  const s = successMetrics(p, yTe.rate, yTe.weight);
  console.log([cand.label, note, fmt(s.spearman), fmt(s.brier, 4), fmt(s.logLoss, 4), fmt(s.ece, 3),
    (t1 - t0 + plainFit).toFixed(0), (t2 - t0).toFixed(0)].join(' | '));
}
console.log('spearman/brier/logloss/ece vs the observed test success rate (weights = samples); fit ms = featurizer fit + one model fit; fit+cv ms includes the CV grid.');
