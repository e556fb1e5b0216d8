import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogisticRegression } from '../../lib/predictors/logistic';
import { ece } from '../../lib/predictors/diagnostics';
import { csrFromRows, toDense } from '../../lib/features/sparse';
import type { DenseMatrix } from '../../lib/features/types';
import { makeRng } from '../../lib/util/rng';

const TRUE = [1.5, -2, 0.5, 0, 1];
const B0 = -0.3;

function synth(n: number, seed: number): { X: DenseMatrix; y: Float64Array; p: Float64Array } {
  const rng = makeRng(seed);
  const d = TRUE.length;
  const data = new Float64Array(n * d);
  const y = new Float64Array(n);
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = B0;
    for (let j = 0; j < d; j++) { const v = rng.normal(); data[i * d + j] = v; z += v * TRUE[j]; }
    p[i] = 1 / (1 + Math.exp(-z));
    y[i] = rng.next() < p[i] ? 1 : 0;
  }
  return { X: { kind: 'dense', rows: n, cols: d, data }, y, p };
}

test('recovers known coefficients within 0.1 and is calibrated (ECE < 0.02) with 20k samples', () => {
  const { X, y } = synth(20000, 1);
  const lr = new LogisticRegression({ C: 1e4 }).fit(X, y);
  assert.ok(lr.solver?.converged, lr.solver?.message);
  const coef = lr.coef as Float64Array;
  TRUE.forEach((b, j) => assert.ok(Math.abs(coef[j] - b) < 0.1, `coef[${j}] = ${coef[j]}, true ${b}`));
  assert.ok(Math.abs(lr.intercept - B0) < 0.1, `intercept ${lr.intercept}`);
  const test = synth(20000, 2);
  const e = ece(lr.predict(test.X), test.y).ece;
  assert.ok(e < 0.02, `ECE ${e}`);
});

test('soft labels with weights give the same fit as the expanded 0/1 rows', () => {
  // rows: rate 3/4 with weight 4 == three 1-rows and one 0-row
  const X: DenseMatrix = { kind: 'dense', rows: 2, cols: 1, data: Float64Array.of(1, -1) };
  const soft = new LogisticRegression({ C: 2, tol: 1e-10 }).fit(X, { rate: Float64Array.of(0.75, 0.25), weight: Float64Array.of(4, 4) });
  const Xe: DenseMatrix = { kind: 'dense', rows: 8, cols: 1, data: Float64Array.of(1, 1, 1, 1, -1, -1, -1, -1) };
  const hard = new LogisticRegression({ C: 2, tol: 1e-10 }).fit(Xe, Float64Array.of(1, 1, 1, 0, 1, 0, 0, 0));
  assert.ok(Math.abs((soft.coef as Float64Array)[0] - (hard.coef as Float64Array)[0]) < 1e-6);
  assert.ok(Math.abs(soft.intercept - hard.intercept) < 1e-6);
  // Unregularised limit: p = 0.75 and 0.25 exactly.
  const free = new LogisticRegression({ C: 1e9, tol: 1e-10 }).fit(X, { rate: Float64Array.of(0.75, 0.25), weight: Float64Array.of(4, 4) });
  const p = free.predict(X);
  assert.ok(Math.abs(p[0] - 0.75) < 1e-5 && Math.abs(p[1] - 0.25) < 1e-5, `p = ${p[0]}, ${p[1]}`);
});

test('CSR and dense inputs give the same model; unseen hashed columns get weight 0', () => {
  const { X, y } = synth(500, 3);
  const rows = Array.from({ length: X.rows }, (_, i) => ({ indices: [0, 1, 2, 3, 4].map((j) => j * 1000), values: Array.from(X.data.subarray(i * 5, i * 5 + 5)) }));
  const S = csrFromRows(rows, 5000);
  const a = new LogisticRegression({ C: 0.5, tol: 1e-8 }).fit(X, y);
  const b = new LogisticRegression({ C: 0.5, tol: 1e-8 }).fit(S, y);
  const cb = b.coef as Float64Array;
  assert.equal(cb.length, 5000);
  for (let j = 0; j < 5; j++) assert.ok(Math.abs((a.coef as Float64Array)[j] - cb[j * 1000]) < 1e-5);
  assert.equal(cb[1], 0);
  const pd = b.predict(toDense(S));
  const ps = b.predict(S);
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(pd[i] - ps[i]) < 1e-12);
});

test('invalid labels and unfitted predict throw', () => {
  const X: DenseMatrix = { kind: 'dense', rows: 1, cols: 1, data: Float64Array.of(1) };
  assert.throws(() => new LogisticRegression().fit(X, Float64Array.of(1.5)), /label 0 is 1.5/);
  assert.throws(() => new LogisticRegression().predict(X), /call fit/);
  assert.throws(() => new LogisticRegression({ C: 0 }), /C must be > 0/);
});
