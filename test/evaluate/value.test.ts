import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanValue, perQueryValues, meanBudget } from '../../lib/evaluate/value';

const q = { n: 2, bmax: 2, q: Float64Array.from([0, 0.5, 0.75, 0, 0.1, 0.19]) };

test('meanValue: mean of q_i(b_i), hand-checked', () => {
  assert.ok(Math.abs(meanValue(q, Int32Array.from([2, 1])) - 0.425) < 1e-15);
  assert.equal(meanValue(q, Int32Array.from([0, 0])), 0);
  assert.deepEqual(Array.from(perQueryValues(q, Int32Array.from([1, 2]))), [0.5, 0.19]);
  assert.equal(meanBudget(Int32Array.from([2, 1])), 1.5);
});

test('meanValue: rejects budgets outside 0..bmax or of the wrong length', () => {
  assert.throws(() => meanValue(q, Int32Array.from([3, 0])), /query 0 is 3/);
  assert.throws(() => meanValue(q, Int32Array.from([1])), /1 budgets for n = 2/);
});
