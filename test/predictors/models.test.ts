import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GainVectorRegressor } from '../../lib/predictors/vector_gain';
import { ConstantGainVector, ConstantSuccess } from '../../lib/predictors/constant';
import { MlpSuccess } from '../../lib/predictors/mlp';
import { LogisticRegression } from '../../lib/predictors/logistic';
import { crossValidateSuccess } from '../../lib/predictors/cv';
import { logLoss, mse } from '../../lib/predictors/diagnostics';
import type { DenseMatrix } from '../../lib/features/types';
import { makeRng } from '../../lib/util/rng';

/** Gains of best-of-b with per-query success p = sigmoid(2 x0): p(1-p)^(j-1). */
function gainData(n: number, bmax: number, seed: number): { X: DenseMatrix; G: Float64Array } {
  const rng = makeRng(seed);
  const data = new Float64Array(n * 2);
  const G = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) {
    data[2 * i] = rng.normal(); data[2 * i + 1] = rng.normal();
    const p = 1 / (1 + Math.exp(-2 * data[2 * i]));
    let pow = 1;
    for (let j = 0; j < bmax; j++) { G[i * bmax + j] = p * pow + 0.01 * rng.normal(); pow *= 1 - p; }
  }
  return { X: { kind: 'dense', rows: n, cols: 2, data }, G };
}

test('GainVectorRegressor beats the constant gain vector on held-out queries', () => {
  const bmax = 6;
  const tr = gainData(400, bmax, 1), te = gainData(400, bmax, 2);
  const m = new GainVectorRegressor({ l2: 1e-4 }).fit(tr.X, tr.G, bmax);
  const c = new ConstantGainVector().fit(tr.X, tr.G, bmax);
  const em = mse(m.predict(te.X), te.G), ec = mse(c.predict(te.X), te.G);
  assert.ok(em < 0.6 * ec, `model MSE ${em} vs constant ${ec}`);
});

test('GainVectorRegressor outputs are non-negative and non-increasing for every query (property)', () => {
  const bmax = 5;
  const tr = gainData(60, bmax, 3);
  const m = new GainVectorRegressor({ l2: 1e-3, maxIter: 50 }).fit(tr.X, tr.G, bmax);
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 2 }), (x) => {
      const out = m.predict({ kind: 'dense', rows: 1, cols: 2, data: Float64Array.from(x) });
      for (let j = 0; j < bmax; j++) {
        assert.ok(out[j] >= 0, `Delta_${j + 1} = ${out[j]}`);
        if (j > 0) assert.ok(out[j] <= out[j - 1], `Delta_${j + 1} = ${out[j]} > Delta_${j} = ${out[j - 1]}`);
      }
    }),
    { numRuns: 200 },
  );
});

function successData(n: number, d: number, seed: number): { X: DenseMatrix; rate: Float64Array; weight: Float64Array } {
  const rng = makeRng(seed);
  const data = new Float64Array(n * d);
  const rate = new Float64Array(n);
  const weight = new Float64Array(n).fill(10);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = rng.normal();
    const p = 1 / (1 + Math.exp(-(1.5 * data[i * d] * data[i * d] - 1 + data[i * d + 1])));
    let c = 0;
    for (let k = 0; k < 10; k++) if (rng.next() < p) c++;
    rate[i] = c / 10;
  }
  return { X: { kind: 'dense', rows: n, cols: d, data }, rate, weight };
}

test('MlpSuccess is deterministic for a seed and learns a non-linear signal', () => {
  const tr = successData(600, 3, 1), te = successData(600, 3, 2);
  const opts = { hidden: [16], epochs: 40, lr: 5e-3, l2: 1e-4, seed: 42 };
  const a = new MlpSuccess(opts).fit(tr.X, tr);
  const b = new MlpSuccess(opts).fit(tr.X, tr);
  assert.deepEqual(Array.from(a.predict(te.X)), Array.from(b.predict(te.X)));
  const c = new MlpSuccess({ ...opts, seed: 43 }).fit(tr.X, tr);
  assert.notDeepEqual(Array.from(a.predict(te.X)), Array.from(c.predict(te.X)));
  const lm = logLoss(a.predict(te.X), te.rate, te.weight);
  const lc = logLoss(new ConstantSuccess().fit(tr.X, tr).predict(te.X), te.rate, te.weight);
  const ll = logLoss(new LogisticRegression().fit(tr.X, tr).predict(te.X), te.rate, te.weight);
  assert.ok(lm < ll && ll < lc, `mlp ${lm}, logistic ${ll}, constant ${lc}`);
});

test('cross-validation picks a moderate C when many features are noise', () => {
  // 150 rows, 100 features, 2 informative: tiny C underfits, huge C overfits.
  const rng = makeRng(9);
  const n = 150, d = 100;
  const data = new Float64Array(n * d);
  const rate = new Float64Array(n), weight = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) data[i * d + j] = rng.normal();
    rate[i] = rng.next() < 1 / (1 + Math.exp(-(1.5 * data[i * d] - 1.5 * data[i * d + 1]))) ? 1 : 0;
  }
  const X: DenseMatrix = { kind: 'dense', rows: n, cols: d, data };
  const grid = [1e-4, 1e-2, 1e-1, 1, 1e2, 1e4].map((C) => ({ C }));
  const cv = crossValidateSuccess((p) => new LogisticRegression(p), grid, X, { rate, weight }, { k: 5, seed: 1 });
  assert.ok(cv.best.C >= 1e-2 && cv.best.C <= 1, `chose C = ${cv.best.C}; losses ${cv.scores.map((s) => s.loss.toFixed(3))}`);
  assert.ok(cv.scores[0].loss > cv.bestLoss && cv.scores[5].loss > cv.bestLoss);
  assert.equal(cv.predictor.C, cv.best.C);
  assert.equal(cv.scores.length, 6);
});
