import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticBinaryBatch, simulatedPredictions } from '../../lib/data/synthetic';

test('syntheticBinaryBatch: same seed gives the same batch; shares and counts are consistent', () => {
  const a = syntheticBinaryBatch({ n: 2000, samples: 8, seed: 3 });
  const b = syntheticBinaryBatch({ n: 2000, samples: 8, seed: 3 });
  assert.deepEqual(Array.from(a.dataset.counts!.c), Array.from(b.dataset.counts!.c));
  const c = a.dataset.counts!.c;
  let zeros = 0;
  for (let i = 0; i < 2000; i++) {
    assert.ok(c[i] >= 0 && c[i] <= 8);
    if (a.p[i] === 0) {
      zeros++;
      assert.equal(c[i], 0, 'a query with p = 0 is never solved');
    }
  }
  assert.ok(Math.abs(zeros / 2000 - 0.3) < 0.04, `never-solved share ${zeros / 2000}`);
  assert.equal(a.dataset.bmax, 8);
  assert.notDeepEqual(Array.from(syntheticBinaryBatch({ n: 2000, samples: 8, seed: 4 }).dataset.counts!.c), Array.from(c));
});

test('simulatedPredictions: signal 0 is uninformative, strong signal ranks like the truth', () => {
  const { p } = syntheticBinaryBatch({ n: 3000, samples: 4, seed: 1, neverShare: 0, easyShare: 0 });
  const noise = simulatedPredictions(p, { signal: 0, noiseSd: 0.5, seed: 2 });
  const good = simulatedPredictions(p, { signal: 1, noiseSd: 0.1, seed: 2 });
  const corr = (x: Float64Array) => {
    let mx = 0, my = 0;
    for (let i = 0; i < p.length; i++) { mx += x[i]; my += p[i]; }
    mx /= p.length; my /= p.length;
    let sxy = 0, sxx = 0, syy = 0;
    for (let i = 0; i < p.length; i++) { sxy += (x[i] - mx) * (p[i] - my); sxx += (x[i] - mx) ** 2; syy += (p[i] - my) ** 2; }
    return sxy / Math.sqrt(sxx * syy);
  };
  assert.ok(Math.abs(corr(noise)) < 0.06, `noise correlation ${corr(noise)}`);
  assert.ok(corr(good) > 0.9, `good correlation ${corr(good)}`);
});
