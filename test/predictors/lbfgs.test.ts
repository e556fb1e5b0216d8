import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimizeLbfgs } from '../../lib/predictors/lbfgs';

test('L-BFGS minimises an ill-conditioned quadratic to its known minimiser', () => {
  // f(x) = sum_i a_i (x_i - i)^2 / 2 with a_i from 1 to 1000
  const n = 20;
  const a = Float64Array.from({ length: n }, (_, i) => Math.pow(1000, i / (n - 1)));
  const r = minimizeLbfgs((x, g) => {
    let f = 0;
    for (let i = 0; i < n; i++) { const d = x[i] - i; f += 0.5 * a[i] * d * d; g[i] = a[i] * d; }
    return f;
  }, new Float64Array(n), { tol: 1e-9, maxIter: 500 });
  assert.ok(r.converged, r.message);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(r.x[i] - i) < 1e-6, `x[${i}] = ${r.x[i]}`);
});

test('L-BFGS finds the Rosenbrock minimum (1, 1) from (-1.2, 1)', () => {
  const r = minimizeLbfgs((x, g) => {
    const [u, v] = [x[0], x[1]];
    g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
    g[1] = 200 * (v - u * u);
    return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
  }, Float64Array.of(-1.2, 1), { tol: 1e-8, maxIter: 1000 });
  assert.ok(Math.abs(r.x[0] - 1) < 1e-5 && Math.abs(r.x[1] - 1) < 1e-5, `x = ${r.x[0]}, ${r.x[1]} (${r.message})`);
  assert.ok(r.f < 1e-10);
});

test('L-BFGS returns immediately at a stationary start and rejects a non-finite start', () => {
  const r = minimizeLbfgs((x, g) => { g[0] = 2 * x[0]; return x[0] * x[0]; }, Float64Array.of(0));
  assert.equal(r.iterations, 0);
  assert.ok(r.converged);
  assert.throws(() => minimizeLbfgs((_x, _g) => NaN, Float64Array.of(0)), /objective is NaN/);
});
