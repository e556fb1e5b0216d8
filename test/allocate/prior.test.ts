import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  betaParams,
  betaPrior,
  betaGains,
  betaExpectedGains,
  betaBinomialLogLik,
  fitBetaConcentration,
  fitFlatBetaPrior,
  fitCalibratedBeta,
  calibratedMean,
  priorAllocate,
  expectedGainsUnderEnsemble,
  isotonicNonIncreasing,
  logGamma,
} from '../../lib/allocate/prior';
import { uniformAllocate } from '../../lib/allocate/uniform';
import { evaluateSequentialPolicy, oneShotPolicy, samplesFromCounts, sequentialDifference } from '../../lib/evaluate/sequential';
import { makeRng } from '../../lib/util/rng';
import { logit, sigmoid, synth } from './synth';


test('betaParams and logGamma: hand-checked values', () => {
  assert.deepEqual(betaParams(0.25, 8), { a: 2, b: 6 });
  assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-12);
  assert.ok(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI)) < 1e-12);
  assert.ok(Math.abs(logGamma(101) - 363.73937555556347) < 1e-9);
  assert.throws(() => betaParams(1.2, 1), /mean/);
});

test('betaExpectedGains: hand-checked for p ~ Uniform(0, 1) and the plug-in limit', () => {
  const g = betaExpectedGains(Float64Array.of(0.5), 2, 3).gains;
  [1 / 2, 1 / 6, 1 / 12].forEach((v, j) => assert.ok(Math.abs(g[j] - v) < 1e-15, `j=${j + 1}`));
  const plug = betaExpectedGains(Float64Array.of(0.3), Infinity, 3).gains;
  [0.3, 0.21, 0.147].forEach((v, j) => assert.ok(Math.abs(plug[j] - v) < 1e-12));
  const near = betaExpectedGains(Float64Array.of(0.3), 1e9, 3).gains;
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(near[j] - plug[j]) < 1e-8);
});

test('betaGains match Monte Carlo E[p(1-p)^(j-1)]', () => {
  const rng = makeRng(7);
  for (const [a, b] of [
    [2.3, 0.7],
    [0.4, 0.9],
  ]) {
    const draws = 200000;
    const bmax = 6;
    const sum = new Float64Array(bmax);
    const sum2 = new Float64Array(bmax);
    for (let k = 0; k < draws; k++) {
      const p = rng.beta(a, b);
      let v = p;
      for (let j = 0; j < bmax; j++) {
        sum[j] += v;
        sum2[j] += v * v;
        v *= 1 - p;
      }
    }
    const g = betaGains({ a: Float64Array.of(a), b: Float64Array.of(b) }, bmax).gains;
    for (let j = 0; j < bmax; j++) {
      const m = sum[j] / draws;
      const se = Math.sqrt((sum2[j] / draws - m * m) / draws);
      assert.ok(Math.abs(g[j] - m) < 5 * se, `a=${a} b=${b} j=${j + 1}: closed form ${g[j]} vs MC ${m} (se ${se})`);
    }
  }
});

test('betaGains: positive, non-increasing, and sum to 1 - B(a, b + bmax) / B(a, b) (property)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 50, noNaN: true }),
      fc.double({ min: 0.01, max: 50, noNaN: true }),
      fc.integer({ min: 1, max: 40 }),
      (a, b, bmax) => {
        const g = betaGains({ a: Float64Array.of(a), b: Float64Array.of(b) }, bmax).gains;
        let s = 0;
        for (let j = 0; j < bmax; j++) {
          if (!(g[j] > 0)) return false;
          if (j > 0 && g[j] > g[j - 1]) return false;
          s += g[j];
        }
        const expected = 1 - Math.exp(logGamma(b + bmax) + logGamma(a + b) - logGamma(b) - logGamma(a + b + bmax));
        return Math.abs(s - expected) < 1e-9;
      },
    ),
  );
});

test('betaBinomialLogLik: hand-checked (a = b = 1 gives 1 / (n + 1) for every count)', () => {
  const ll = betaBinomialLogLik(Float64Array.of(0.5, 0.5), 2, Int32Array.of(4, 4), Int32Array.of(0, 3));
  assert.ok(Math.abs(ll - 2 * Math.log(1 / 5)) < 1e-12);
  const bin = betaBinomialLogLik(Float64Array.of(0.5), Infinity, Int32Array.of(2), Int32Array.of(1));
  assert.ok(Math.abs(bin - Math.log(0.5)) < 1e-12);
  assert.throws(() => betaBinomialLogLik(Float64Array.of(0.5), 1, Int32Array.of(2), Int32Array.of(3)), /query 0/);
});

test('fitBetaConcentration recovers a known concentration on simulated beta-binomial data', () => {
  const rng = makeRng(11);
  for (const kappa of [0.8, 3, 20]) {
    const nq = 3000;
    const mean = new Float64Array(nq);
    const n = new Int32Array(nq).fill(10);
    const c = new Int32Array(nq);
    for (let i = 0; i < nq; i++) {
      mean[i] = 0.1 + 0.8 * rng.next();
      const p = rng.beta(mean[i] * kappa, (1 - mean[i]) * kappa);
      for (let t = 0; t < 10; t++) if (rng.next() < p) c[i]++;
    }
    const fit = fitBetaConcentration(mean, n, c);
    assert.ok(Math.abs(Math.log(fit / kappa)) < 0.2, `kappa ${kappa}: fitted ${fit}`);
  }
});

test('fitBetaConcentration hits the boundary for all-or-nothing counts; fitFlatBetaPrior uses the pooled rate', () => {
  const k = fitBetaConcentration(Float64Array.of(0.5, 0.5), Int32Array.of(10, 10), Int32Array.of(0, 10));
  assert.ok(Math.abs(k - 1e-2) < 1e-6, `${k}`);
  const flat = fitFlatBetaPrior(Int32Array.of(10, 10, 10), Int32Array.of(0, 10, 4));
  assert.ok(Math.abs(flat.mean - 14 / 30) < 1e-12);
  assert.ok(flat.kappa > 0.01 && flat.kappa < 10);
});

test('fitCalibratedBeta: slope about 0 for a pure-noise predictor, clearly positive for an informative one', () => {
  const rng = makeRng(5);
  const d = synth(1500, 10, rng);
  const noise = new Float64Array(d.p.length);
  const info = new Float64Array(d.p.length);
  for (let i = 0; i < noise.length; i++) {
    noise[i] = sigmoid(rng.normal());
    info[i] = sigmoid(0.5 * logit(Math.min(0.99, Math.max(0.01, d.p[i]))) + 0.8 * rng.normal());
  }
  const fn = fitCalibratedBeta(noise, d.n, d.c);
  const fi = fitCalibratedBeta(info, d.n, d.c);
  assert.ok(fn.slope < 0.15, `noise slope ${fn.slope}`);
  assert.ok(fi.slope > 0.8, `informative slope ${fi.slope}`);
  assert.ok(fi.logLik > fn.logLik);
  const m = calibratedMean(Float64Array.of(0.5), { intercept: 0, slope: 1, kappa: 1, logLik: 0 });
  assert.ok(Math.abs(m[0] - 0.5) < 1e-12);
});

test('priorAllocate: the greedy on Beta gains, summing to the budget', () => {
  const b = priorAllocate(Float64Array.of(0.9, 0.1, 0.5), 5, 6, { bmax: 4 });
  assert.equal(b.reduce((s, x) => s + x, 0), 6);
  // larger total uses all units up to n * bmax
  const full = priorAllocate(Float64Array.of(0.9, 0.1), 5, 100, { bmax: 4 });
  assert.deepEqual(Array.from(full), [4, 4]);
});

/**
 * Held-out protocol: fit kappa (and calibration) on a training batch, allocate on a test batch
 * from the predictor's test predictions, score by replay over 200 orders.
 */
function compareWithUniform(informative: boolean, seed: number, perQuery: number) {
  const rng = makeRng(seed);
  const train = synth(1200, 10, rng);
  const testSet = synth(1200, 10, rng);
  const predict = (p: Float64Array): Float64Array =>
    Float64Array.from(p, (pi) =>
      informative ? sigmoid(1.2 * logit(Math.min(0.98, Math.max(0.02, pi))) + 0.7 * rng.normal()) : sigmoid(0.8 * rng.normal()),
    );
  const predTrain = predict(train.p);
  const predTest = predict(testSet.p);
  const bmax = 10;
  const total = perQuery * testSet.p.length;
  const kappa = fitBetaConcentration(predTrain, train.n, train.c);
  const cal = fitCalibratedBeta(predTrain, train.n, train.c);
  const samples = samplesFromCounts(testSet.n, testSet.c);
  const ev = (b: Int32Array) => evaluateSequentialPolicy({ samples, orders: 200, seed: 3, run: oneShotPolicy(b) });
  const uni = ev(uniformAllocate(testSet.p.length, total, { bmax }));
  const pri = ev(priorAllocate(predTest, kappa, total, { bmax }));
  const cpri = ev(priorAllocate(calibratedMean(predTest, cal), cal.kappa, total, { bmax }));
  return { uni, pri, cpri, kappa, cal };
}

test('pure-noise predictor: the prior allocation is within noise of uniform (never below by more than its interval)', () => {
  for (const perQuery of [2, 4]) {
    const r = compareWithUniform(false, 21, perQuery);
    for (const [name, e] of [
      ['prior (kappa by ML)', r.pri],
      ['prior (calibrated)', r.cpri],
    ] as const) {
      const half = (e.hi - e.lo) / 2;
      assert.ok(e.mean >= r.uni.mean - half, `${name} at ${perQuery}/query: ${e.mean} vs uniform ${r.uni.mean} (half-width ${half})`);
    }
  }
});

test('informative predictor: the prior allocation beats uniform (paired interval over orders above 0)', () => {
  for (const perQuery of [2, 4]) {
    const r = compareWithUniform(true, 22, perQuery);
    for (const e of [r.pri, r.cpri]) {
      const d = sequentialDifference(e, r.uni);
      assert.ok(d.lo > 0, `at ${perQuery}/query: prior - uniform = ${d.mean} [${d.lo}, ${d.hi}]`);
    }
  }
});

test('expectedGainsUnderEnsemble: average, re-monotonised by PAV (row sum kept), clipped at 0', () => {
  const g = expectedGainsUnderEnsemble([Float64Array.of(0.4, 0.1, 0.3, 0.2), Float64Array.of(0.1, 0.4, 0.3, 0)], 2, 2);
  assert.deepEqual(Array.from(g.gains), [0.25, 0.25, 0.3, 0.1]);
  const neg = expectedGainsUnderEnsemble([Float64Array.of(0.1, -0.3, 0.2)], 1, 3);
  // PAV of [0.1, -0.3, 0.2] = [0.1, -0.05, -0.05], then clipped at 0
  assert.deepEqual(Array.from(neg.gains), [0.1, 0, 0]);
  assert.throws(() => expectedGainsUnderEnsemble([new Float64Array(3)], 2, 2), /length 3/);
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (xs) => {
      const x = Float64Array.from(xs);
      isotonicNonIncreasing(x);
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < x.length; j++) {
        s0 += xs[j];
        s1 += x[j];
        if (j > 0 && x[j] > x[j - 1] + 1e-12) return false;
      }
      return Math.abs(s0 - s1) < 1e-9;
    }),
  );
});

test('betaPrior: vectorised betaParams', () => {
  const p = betaPrior(Float64Array.of(0.25, 0.5), 4);
  assert.deepEqual(Array.from(p.a), [1, 2]);
  assert.deepEqual(Array.from(p.b), [3, 2]);
});
