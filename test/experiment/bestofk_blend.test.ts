import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBlendWeight, uniformRow } from '../../lib/experiment/bestofk_predict';
import { greedyAllocate } from '../../lib/allocate/greedy';
import { uniformAllocate } from '../../lib/allocate/uniform';
import { makeRng } from '../../lib/util/rng';

test('chooseBlendWeight: keeps weight 0 on noise, picks the best weight on a clear gain', () => {
  const rng = makeRng(4);
  const n = 300;
  const base = Float64Array.from({ length: n }, () => rng.next());
  const noise = [base, Float64Array.from(base, (v) => v + 0.02 * rng.normal()), Float64Array.from(base, (v) => v + 0.02 * rng.normal())];
  assert.equal(chooseBlendWeight(noise, { seed: 1 }), 0);
  const clear = [base, Float64Array.from(base, (v) => v + 0.01), Float64Array.from(base, (v) => v + 0.03 + 0.001 * rng.normal())];
  assert.equal(chooseBlendWeight(clear, { seed: 1 }), 2);
});

test('uniformRow: one shared row makes the exact greedy allocate exactly like uniformAllocate', () => {
  const n = 7;
  const bmax = 5;
  const row = uniformRow(bmax);
  const gains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) gains.set(row, i * bmax);
  for (let total = 0; total <= n * bmax; total++) {
    assert.deepEqual(greedyAllocate({ n, bmax, gains }, total, { stopAtZeroGain: true }), uniformAllocate(n, total, { bmax }), `total ${total}`);
  }
});
