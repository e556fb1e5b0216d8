import { test } from 'node:test';
import assert from 'node:assert/strict';
import { successGainTable, gainVectorTable } from '../../lib/predictors/adapter';
import { ConstantGainVector, ConstantScalar } from '../../lib/predictors/constant';
import { RoutingGainRegressor, RoutingWinClassifier } from '../../lib/predictors/routing_gain';
import { kfold } from '../../lib/predictors/cv';
import type { DenseMatrix } from '../../lib/features/types';
import { makeRng } from '../../lib/util/rng';

test('successGainTable: p (1-p)^(j-1), sums to 1-(1-p)^bmax', () => {
  const g = successGainTable(Float64Array.of(0.5, 0, 1), 3);
  assert.deepEqual(Array.from(g.gains), [0.5, 0.25, 0.125, 0, 0, 0, 1, 0, 0]);
  const h = successGainTable(Float64Array.of(0.3), 10).gains;
  assert.ok(Math.abs(h.reduce((s, v) => s + v, 0) - (1 - 0.7 ** 10)) < 1e-12);
  assert.throws(() => successGainTable(Float64Array.of(1.2), 2), /p\[0\] = 1.2/);
  assert.throws(() => gainVectorTable(Float64Array.of(-1), 1, 1), /negative/);
});

test('ConstantGainVector and ConstantScalar are training means', () => {
  const X: DenseMatrix = { kind: 'dense', rows: 2, cols: 0, data: new Float64Array(0) };
  const c = new ConstantGainVector().fit(X, Float64Array.of(0.4, 0.2, 0.2, 0.0), 2);
  assert.deepEqual(Array.from(c.predict(X)).map((v) => +v.toFixed(12)), [0.3, 0.1, 0.3, 0.1]);
  assert.equal(new ConstantScalar().fit(X, Float64Array.of(1, 4), Float64Array.of(2, 1)).value, 2);
});

test('RoutingGainRegressor matches the closed-form ridge solution; classifier ranks', () => {
  const rng = makeRng(5);
  const n = 300;
  const data = new Float64Array(n * 2);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) { data[2 * i] = rng.normal(); data[2 * i + 1] = rng.normal(); y[i] = 0.5 * data[2 * i] - 0.2 + 0.1 * rng.normal(); }
  const X: DenseMatrix = { kind: 'dense', rows: n, cols: 2, data };
  const alpha = 5;
  const r = new RoutingGainRegressor({ alpha, tol: 1e-10 }).fit(X, y);
  // Closed form: centre, then (Xc^T Xc + alpha I) beta = Xc^T yc.
  const mx = [0, 0]; let my = 0;
  for (let i = 0; i < n; i++) { mx[0] += data[2 * i] / n; mx[1] += data[2 * i + 1] / n; my += y[i] / n; }
  let a = alpha, b = 0, d = alpha, u = 0, v = 0;
  for (let i = 0; i < n; i++) {
    const x0 = data[2 * i] - mx[0], x1 = data[2 * i + 1] - mx[1], yc = y[i] - my;
    a += x0 * x0; b += x0 * x1; d += x1 * x1; u += x0 * yc; v += x1 * yc;
  }
  const det = a * d - b * b;
  const beta = [(d * u - b * v) / det, (a * v - b * u) / det];
  const coef = r.coef as Float64Array;
  assert.ok(Math.abs(coef[0] - beta[0]) < 1e-6 && Math.abs(coef[1] - beta[1]) < 1e-6, `${coef} vs ${beta}`);
  assert.ok(Math.abs(r.intercept - (my - beta[0] * mx[0] - beta[1] * mx[1])) < 1e-6);
  const cls = new RoutingWinClassifier({ C: 1 }).fit(X, Float64Array.from(y, (g) => (g > 0 ? 1 : 0)));
  assert.ok((cls.coef as Float64Array)[0] > 1);
});

test('kfold partitions 0..n-1 deterministically for a seed', () => {
  const f = kfold(10, 3, 7);
  assert.deepEqual(f.map((x) => x.length), [3, 3, 4]);
  assert.deepEqual(Array.from(f.flatMap((x) => Array.from(x))).sort((p, q) => p - q), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(kfold(10, 3, 7), f);
  assert.throws(() => kfold(3, 5), /2 <= k <= n/);
});
