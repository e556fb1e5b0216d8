import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBinnedPolicy, binOf, fitBinnedPolicy, qObjective, uniformAllocate } from '../../lib/allocate';
import { qTableFromCounts } from '../../lib/rewards';
import { makeRng } from '../../lib/util/rng';

test('fitBinnedPolicy: hand-checked two-bin example', () => {
  const q = { n: 2, bmax: 2, q: Float64Array.of(0, 0, 0, 0, 0.6, 0.84) };
  const pol = fitBinnedPolicy(Float64Array.of(0.1, 0.6), q, 1, { bins: 2 });
  assert.deepEqual(Array.from(pol.edges), [0.6]);
  assert.deepEqual(Array.from(pol.budgets), [0, 2]);
  assert.deepEqual(Array.from(applyBinnedPolicy(pol, Float64Array.of(0.9, 0.2, 0.6))), [2, 0, 2]);
  assert.equal(binOf(pol.edges, 0.59), 0);
  assert.throws(() => fitBinnedPolicy(Float64Array.of(0.1), q, 1), /1 predictions but the q table has 2/);
  assert.throws(() => applyBinnedPolicy(pol, Float64Array.of(NaN)), /pred\[0\] is not finite/);
});

test('binned policy beats or equals uniform on the held-out data it was fit on; budgets within total', () => {
  const rng = makeRng(23);
  const m = 600;
  const n = new Int32Array(m).fill(32);
  const c = new Int32Array(m);
  const pred = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const p = rng.beta(0.5, 0.5);
    c[i] = Math.round(p * 32);
    pred[i] = Math.min(1, Math.max(0, p + 0.2 * rng.normal()));
  }
  const q = qTableFromCounts(n, c, 32);
  for (const x of [1, 2, 4, 8]) {
    for (const minPerQuery of [0, 1] as const) {
      const pol = fitBinnedPolicy(pred, q, x, { bins: 10, minPerQuery });
      const b = applyBinnedPolicy(pol, pred);
      assert.ok(b.reduce((s, v) => s + v, 0) <= x * m);
      for (const v of b) assert.ok(v >= minPerQuery && v <= 32);
      const uni = uniformAllocate(m, x * m, { bmax: 32 });
      assert.ok(qObjective(q, b) >= qObjective(q, uni) - 1e-9, `x=${x}: ${qObjective(q, b)} < ${qObjective(q, uni)}`);
      assert.deepEqual(fitBinnedPolicy(pred, q, x, { bins: 10, minPerQuery }), pol);
    }
  }
});

test('fitBinnedPolicy: tied predictions leave empty bins that borrow a neighbour budget', () => {
  const q = qTableFromCounts(Int32Array.of(4, 4, 4, 4), Int32Array.of(1, 1, 2, 2), 4);
  const pol = fitBinnedPolicy(Float64Array.of(0.5, 0.5, 0.5, 0.9), q, 2, { bins: 4 });
  assert.equal(pol.counts.reduce((s, v) => s + v, 0), 4);
  for (let k = 0; k < 4; k++) if (pol.counts[k] === 0) assert.ok(pol.budgets[k] >= 0);
  assert.ok(pol.counts.some((v) => v === 0));
});
