import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auc, averageRanks, brier, diagnoseRouting, diagnoseSuccess, ece, logLoss, spearman } from '../../lib/predictors/diagnostics';
import { ConstantSuccess } from '../../lib/predictors/constant';

test('brier and logLoss by hand, weighted, soft labels', () => {
  assert.equal(brier([0.5, 1], [1, 1], [1, 3]), 0.25 / 4);
  const ll = logLoss([0.5, 0.8], [0.5, 1], [2, 2]);
  assert.ok(Math.abs(ll - (Math.log(2) - Math.log(0.8)) / 2) < 1e-12);
  assert.ok(Number.isFinite(logLoss([0, 1], [1, 0])));
});

test('ece and reliability bins by hand', () => {
  const r = ece([0.05, 0.15, 0.95], [0, 0.5, 1], [1, 1, 2], 10);
  // bins: [0,0.1): |0.05-0| w1, [0.1,0.2): |0.15-0.5| w1, [0.9,1]: |0.95-1| w2
  assert.ok(Math.abs(r.ece - (0.05 + 0.35 + 2 * 0.05) / 4) < 1e-12);
  assert.equal(r.bins.length, 3);
  assert.deepEqual(r.bins.map((b) => b.weight), [1, 1, 2]);
  assert.ok(r.bins.every((b) => Number.isFinite(b.meanPredicted) && Number.isFinite(b.meanObserved)));
});

test('spearman: average ranks for ties, null (not NaN) when a side is constant', () => {
  assert.deepEqual(Array.from(averageRanks([10, 20, 20, 5])), [2, 3.5, 3.5, 1]);
  assert.ok(Math.abs((spearman([1, 2, 3], [1, 2, 2]) as number) - Math.sqrt(3) / 2) < 1e-12);
  assert.equal(spearman([1, 2, 3], [3, 2, 1]), -1);
  assert.equal(spearman([0.3, 0.3, 0.3], [0, 0.5, 1]), null);
  assert.equal(spearman([1], [2]), null);
});

test('auc with ties, null when a class is absent', () => {
  assert.equal(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  assert.equal(auc([0.5, 0.5], [1, 0]), 0.5);
  assert.equal(auc([0.1, 0.2], [1, 1]), null);
});

test('constant predictor beside a learned one: Spearman null, every other number finite', () => {
  const rate = Float64Array.of(0, 0.2, 0.9, 1);
  const weight = Float64Array.of(10, 10, 10, 10);
  const X = { kind: 'dense' as const, rows: 4, cols: 0, data: new Float64Array(0) };
  const c = new ConstantSuccess().fit(X, { rate, weight });
  assert.equal(c.value, 0.525);
  const d = diagnoseSuccess([0.1, 0.3, 0.7, 0.9], rate, weight, c.predict(X));
  assert.equal(d.constant.spearman, null);
  assert.equal(d.learned.spearman, 1);
  assert.equal(d.constant.aucSolved, 0.5);
  for (const m of [d.learned, d.constant]) for (const v of [m.brier, m.logLoss, m.ece]) assert.ok(Number.isFinite(v));
  assert.ok(d.learned.brier < d.constant.brier);
  const r = diagnoseRouting([0.9, 0.1, 0.5], [1, 0, 1], [0, 0, 1], 0.3);
  assert.equal(r.learned.aucStrongBeats, 1);
  assert.equal(r.constant.spearmanGain, null);
});
