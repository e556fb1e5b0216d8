import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  twoStageBinary,
  twoStageContinuous,
  continuousGainModel,
  fitContinuousPrior,
  type SampleSource,
} from '../../lib/allocate/two_stage';
import { betaPrior, fitCalibratedBeta, calibratedMean, fitFlatBetaPrior, priorAllocate } from '../../lib/allocate/prior';
import { uniformAllocate } from '../../lib/allocate/uniform';
import { evaluateSequentialPolicy, oneShotPolicy, samplesFromCounts, sequentialDifference } from '../../lib/evaluate/sequential';
import { makeRng } from '../../lib/util/rng';
import { logit, sigmoid, synth } from './synth';

/**
 * Instrumented source: samples handed out in the stored order; logs every paid draw per query;
 * refuses draws beyond the stored samples or beyond a global spending limit.
 */
function instrumented(samples: Float64Array[], limit = Infinity) {
  const drawn = new Int32Array(samples.length);
  const log: number[][] = samples.map(() => []);
  let total = 0;
  const source: SampleSource = {
    size: samples.length,
    draw(i) {
      if (drawn[i] >= samples[i].length) throw new Error(`read of unpaid/nonexistent sample ${drawn[i]} of query ${i}`);
      if (total >= limit) throw new Error(`draw beyond the total budget ${limit}`);
      const v = samples[i][drawn[i]];
      drawn[i]++;
      total++;
      log[i].push(v);
      return v;
    },
    spent: (i) => drawn[i],
    remaining: (i) => samples[i].length - drawn[i],
  };
  return { source, drawn, log, total: () => total };
}


test('twoStageBinary: never draws beyond what it pays for, and decisions depend only on paid samples', () => {
  const rng = makeRng(1);
  const d = synth(300, 10, rng);
  // stored order: shuffle each query's 0/1 samples
  const samples = samplesFromCounts(d.n, d.c).map((x) => {
    for (let t = x.length - 1; t > 0; t--) {
      const j = rng.int(t + 1);
      [x[t], x[j]] = [x[j], x[t]];
    }
    return x;
  });
  const prior = betaPrior(new Float64Array(300).fill(0.5), 1);
  const total = 3 * 300;
  const a = instrumented(samples, total);
  const r = twoStageBinary({ prior, total, bmax: 10, source: a.source });
  assert.ok(a.total() <= total);
  for (let i = 0; i < 300; i++) {
    assert.equal(r.budgets[i], a.drawn[i]);
    assert.equal(r.value[i], a.log[i].some((v) => v === 1) ? 1 : 0);
  }
  // Same paid prefixes, every unpaid sample flipped: the policy must behave identically.
  const flipped = samples.map((x, i) => Float64Array.from(x, (v, t) => (t < a.drawn[i] ? v : 1 - v)));
  const b = instrumented(flipped, total);
  const r2 = twoStageBinary({ prior, total, bmax: 10, source: b.source });
  assert.deepEqual(Array.from(r2.budgets), Array.from(r.budgets));
  assert.deepEqual(Array.from(r2.value), Array.from(r.value));
});

test('twoStageBinary with a perfect verifier stops after the first success on a query', () => {
  // query 0 always solved, query 1 never, query 2 solved only at its 3rd sample
  const samples = [new Float64Array(10).fill(1), new Float64Array(10), Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0, 0, 0)];
  const src = instrumented(samples);
  const r = twoStageBinary({ prior: betaPrior(Float64Array.of(0.5, 0.5, 0.5), 2), total: 9, bmax: 10, source: src.source });
  assert.equal(r.budgets[0], 1, 'solved at the first sample: nothing more');
  assert.equal(r.solved[0], 1);
  assert.equal(r.budgets[0] + r.budgets[1] + r.budgets[2], 9);
  assert.equal(r.value[0], 1);
  // the 8 remaining units are split between the two unsolved queries (same posterior): 4 + 4
  assert.deepEqual(Array.from(r.budgets), [1, 4, 4]);
  assert.deepEqual(Array.from(r.value), [1, 0, 1]);
  // over many random first rounds: every query whose first draw succeeded has budget exactly 1
  const rng = makeRng(9);
  const d = synth(200, 10, rng);
  const ev = evaluateSequentialPolicy({
    samples: samplesFromCounts(d.n, d.c),
    orders: 200,
    seed: 4,
    run: (source) => {
      const res = twoStageBinary({ prior: betaPrior(new Float64Array(200).fill(0.5), 1), total: 600, bmax: 10, source });
      for (let i = 0; i < 200; i++) if (res.solved[i]) assert.equal(res.budgets[i], 1);
      return res;
    },
  });
  assert.ok(ev.spent <= 3 + 1e-12);
});

test('twoStageBinary: total below n k0 gives the first samples to the queries the prior rates highest, no round 2', () => {
  const samples = [new Float64Array(5), new Float64Array(5), new Float64Array(5)];
  const src = instrumented(samples);
  const r = twoStageBinary({ prior: betaPrior(Float64Array.of(0.2, 0.9, 0.5), 4), total: 2, bmax: 5, source: src.source });
  assert.deepEqual(Array.from(r.budgets), [0, 1, 1]);
  assert.deepEqual(Array.from(r.firstRound), [0, 1, 1]);
});

test('twoStageBinary: k0 = 2 posterior update Beta(a + s, b + f); non-binary outcomes throw', () => {
  const samples = [Float64Array.of(1, 0, 0), Float64Array.of(0, 0, 0)];
  const r = twoStageBinary({ prior: betaPrior(Float64Array.of(0.5, 0.5), 2), k0: 2, total: 4, bmax: 3, source: instrumented(samples).source });
  assert.deepEqual(Array.from(r.posterior.a), [2, 1]);
  assert.deepEqual(Array.from(r.posterior.b), [2, 3]);
  assert.deepEqual(Array.from(r.budgets), [2, 2]);
  assert.throws(
    () => twoStageBinary({ prior: betaPrior(Float64Array.of(0.5), 2), total: 2, bmax: 2, source: instrumented([Float64Array.of(0.3, 1)]).source }),
    /perfect verifier/,
  );
  assert.throws(() => twoStageBinary({ prior: betaPrior(Float64Array.of(0.5), 2), total: 2, bmax: 2, source: instrumented([]).source }), /queries/);
});

test('twoStageBinary beats uniform on GSM8K-like synthetic data; the learned prior is at least as good as the flat one', () => {
  const rng = makeRng(31);
  const nq = 800;
  const train = synth(nq, 10, rng);
  const testSet = synth(nq, 10, rng);
  const predict = (p: Float64Array) => Float64Array.from(p, (pi) => sigmoid(1.2 * logit(Math.min(0.98, Math.max(0.02, pi))) + 0.7 * rng.normal()));
  const predTrain = predict(train.p);
  const predTest = predict(testSet.p);
  const cal = fitCalibratedBeta(predTrain, train.n, train.c);
  const learned = betaPrior(calibratedMean(predTest, cal), cal.kappa);
  const flatFit = fitFlatBetaPrior(train.n, train.c);
  const flat = betaPrior(new Float64Array(nq).fill(flatFit.mean), flatFit.kappa);
  const samples = samplesFromCounts(testSet.n, testSet.c);
  const total = 3 * nq;
  const ev = (run: Parameters<typeof evaluateSequentialPolicy>[0]['run']) => evaluateSequentialPolicy({ samples, orders: 200, seed: 8, run });
  const uni = ev(oneShotPolicy(uniformAllocate(nq, total, { bmax: 10 })));
  const two = ev((source) => twoStageBinary({ prior: learned, total, bmax: 10, source }));
  const twoFlat = ev((source) => twoStageBinary({ prior: flat, total, bmax: 10, source }));
  assert.ok(sequentialDifference(twoFlat, uni).lo > 0, 'flat two-stage beats uniform');
  assert.ok(sequentialDifference(two, uni).lo > 0, 'learned two-stage beats uniform');
  assert.ok(sequentialDifference(two, twoFlat).mean > 0, 'learned prior adds to the flat one');
  assert.ok(two.spent <= 3 && two.spent > 2.5);
});

test('continuousGainModel: rows non-increasing and matching Monte Carlo of E[max(m, Y_1..Y_j)] increments', () => {
  const residuals = Float64Array.from([-1.5, -0.7, -0.2, 0, 0.3, 0.6, 1.5]);
  const model = continuousGainModel({ sd: 0.5, residuals }, 1, 5, 801);
  for (let g = 0; g < model.gridSize; g++) {
    for (let j = 1; j < 5; j++) assert.ok(model.table[g * 5 + j] <= model.table[g * 5 + j - 1] + 1e-12);
  }
  // Monte Carlo at d = 0.4: mu ~ N(0, postSd^2) around mu_post = 0, floor m = 0.4
  const rng = makeRng(2);
  const d = 0.4;
  const draws = 200000;
  const acc = new Float64Array(6);
  for (let k = 0; k < draws; k++) {
    const mu = model.postSd * rng.normal();
    let best = d;
    for (let j = 1; j <= 5; j++) {
      const y = mu + residuals[rng.int(residuals.length)];
      if (y > best) best = y;
      acc[j] += best;
    }
  }
  const gi = (d - model.dLo) / model.dStep;
  const g0 = Math.floor(gi);
  const f = gi - g0;
  let prev = d;
  for (let j = 1; j <= 5; j++) {
    const mc = acc[j] / draws - prev;
    prev = acc[j] / draws;
    const tab = (1 - f) * model.table[g0 * 5 + j - 1] + f * model.table[(g0 + 1) * 5 + j - 1];
    assert.ok(Math.abs(mc - tab) < 0.01, `j=${j}: table ${tab} vs MC ${mc}`);
  }
});

test('fitContinuousPrior: residual spread and between-query sd recovered on Gaussian data', () => {
  const rng = makeRng(12);
  const samples: Float64Array[] = [];
  for (let i = 0; i < 2000; i++) {
    const mu = 2 * rng.normal();
    samples.push(Float64Array.from({ length: 8 }, () => mu + 0.5 * rng.normal()));
  }
  const fit = fitContinuousPrior(samples, undefined, { quantiles: 200 });
  assert.ok(Math.abs(fit.sd - 2) < 0.15, `sd ${fit.sd}`);
  let v = 0;
  for (const r of fit.residuals) v += r * r;
  assert.ok(Math.abs(Math.sqrt(v / fit.residuals.length) - 0.5) < 0.03);
  assert.equal(fit.residuals.length, 200);
});

test('twoStageContinuous: value is the max of paid draws, budget respected, and it beats uniform when first draws are informative', () => {
  const rng = makeRng(40);
  const make = (nq: number) => {
    const s: Float64Array[] = [];
    for (let i = 0; i < nq; i++) {
      // half the queries have a flat reward distribution (extra samples are worthless), half a wide one
      const mu = rng.normal();
      const spread = i % 2 === 0 ? 0.02 : 1.5;
      s.push(Float64Array.from({ length: 8 }, () => mu + spread * rng.normal()));
    }
    return s;
  };
  const train = make(600);
  const test = make(600);
  const fit = fitContinuousPrior(train);
  const prior = { mean: new Float64Array(600).fill(fit.grandMean), sd: fit.sd, residuals: fit.residuals };
  const total = 3 * 600;
  const model = continuousGainModel(prior, 1, 8);
  const src = instrumented(test, total);
  const r = twoStageContinuous({ prior, total, bmax: 8, source: src.source, model });
  for (let i = 0; i < 600; i++) {
    assert.equal(r.budgets[i], src.drawn[i]);
    assert.equal(r.value[i], Math.max(...src.log[i]));
  }
  assert.ok(src.total() <= total);
  const ev = (run: Parameters<typeof evaluateSequentialPolicy>[0]['run']) => evaluateSequentialPolicy({ samples: test, orders: 200, seed: 5, run });
  const uni = ev(oneShotPolicy(uniformAllocate(600, total, { bmax: 8 })));
  const two = ev((source) => twoStageContinuous({ prior, total, bmax: 8, source, model }));
  assert.ok(sequentialDifference(two, uni).lo > 0, `two-stage ${two.mean} vs uniform ${uni.mean}`);
});

test('determinism: the same seed gives identical replays, another seed differs', () => {
  const rng = makeRng(3);
  const d = synth(150, 10, rng);
  const samples = samplesFromCounts(d.n, d.c);
  const prior = betaPrior(new Float64Array(150).fill(0.5), 1);
  const run = (source: SampleSource) => twoStageBinary({ prior, total: 300, bmax: 10, source });
  const a = evaluateSequentialPolicy({ samples, orders: 200, seed: 77, run });
  const b = evaluateSequentialPolicy({ samples, orders: 200, seed: 77, run });
  const c = evaluateSequentialPolicy({ samples, orders: 200, seed: 78, run });
  assert.deepEqual(Array.from(a.perOrderMeans), Array.from(b.perOrderMeans));
  assert.notDeepEqual(Array.from(a.perOrderMeans), Array.from(c.perOrderMeans));
});

test('twoStageBinary: spends at most total and at most bmax per query (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      (rows, total, bmax, k0) => {
        const samples = rows.map((r) => Float64Array.from(r));
        const src = instrumented(samples, total);
        const r = twoStageBinary({ prior: betaPrior(new Float64Array(rows.length).fill(0.4), 2), k0, total, bmax, source: src.source });
        let s = 0;
        for (let i = 0; i < rows.length; i++) {
          if (r.budgets[i] > bmax || r.budgets[i] !== src.drawn[i]) return false;
          s += r.budgets[i];
        }
        return s <= total && s === src.total();
      },
    ),
  );
});

// keep the one-shot prior allocator importable next to the two-stage one (used by notebooks side by side)
test('priorAllocate and twoStageBinary agree when total <= n (no second round, both follow the prior gains)', () => {
  const mean = Float64Array.of(0.1, 0.7, 0.4, 0.9);
  const kappa = 3;
  const one = priorAllocate(mean, kappa, 2, { bmax: 1 });
  const samples = [0, 1, 2, 3].map(() => new Float64Array(4));
  const two = twoStageBinary({ prior: betaPrior(mean, kappa), total: 2, bmax: 4, source: instrumented(samples).source });
  assert.deepEqual(Array.from(two.budgets), Array.from(one));
});
