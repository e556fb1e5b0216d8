import { test } from 'node:test';
import assert from 'node:assert/strict';
import { savedAtMatchedQuality, gainAtFixedBudget, oracleGainCaptured, firstCrossing } from '../../lib/evaluate/metrics';

const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) < tol, `${a} != ${b}`);

test('savedAtMatchedQuality: interpolates the budget the allocator needs, hand-checked', () => {
  const x = [1, 2, 3, 4];
  const uniform = [0.4, 0.5, 0.55, 0.58];
  const alloc = [0.45, 0.56, 0.6, 0.6];
  const s = savedAtMatchedQuality(x, uniform, alloc);
  close(s[0], 0); // already reached at x=1 -> needs 1
  // target 0.5 between (1, 0.45) and (2, 0.56): 1 + 0.05/0.11 -> saved 1 - that/2
  close(s[1], 1 - (1 + 0.05 / 0.11) / 2);
  close(s[2], 1 - (1 + 0.1 / 0.11) / 3); // 0.55 between 0.45 and 0.56
  close(s[3], 1 - (2 + 0.02 / 0.04) / 4); // 0.58 between (2,0.56) and (3,0.6): 2.5
});

test('savedAtMatchedQuality: null where never reached; identical curves save 0', () => {
  const x = [1, 2];
  assert.deepEqual(savedAtMatchedQuality(x, [0.5, 0.7], [0.4, 0.45]), [null, null]);
  // reached only at 1.5 > 1: a negative saving (it needs more than uniform)
  close(savedAtMatchedQuality(x, [0.5, 0.7], [0.4, 0.6])[0], -0.5);
  assert.deepEqual(savedAtMatchedQuality(x, [0.5, 0.7], [0.5, 0.7]), [0, 0]);
});

test('savedAtMatchedQuality: uses the spent budget and an optional origin', () => {
  // offline spends 1.2 and 1.8 instead of 1 and 2
  const s = savedAtMatchedQuality([1, 2], [0.4, 0.5], [0.45, 0.55], { spent: [1.2, 1.8] });
  close(s[0], 1 - 1.2); // negative: it needs more than uniform's budget
  close(s[1], 1 - 1.5 / 2);
  const o = savedAtMatchedQuality([1, 2], [0.4, 0.5], [0.8, 0.9], { origin: [0, 0] });
  close(o[0], 1 - 0.5); // (0,0)-(1,0.8): 0.4 at 0.5
});

test('firstCrossing: at-most direction and unsorted points', () => {
  close(firstCrossing([2, 0, 1], [0, 1, 0.5], 0.25, -1), 1.5);
  assert.equal(firstCrossing([0, 1], [0, 0.1], 0.5), null);
});

test('gainAtFixedBudget and oracleGainCaptured, hand-checked', () => {
  assert.deepEqual(Array.from(gainAtFixedBudget([0.5, 0.6], [0.55, 0.6])).map((v) => +v.toFixed(12)), [0.05, 0]);
  // oracle > uniform at k=0 (gap 0.2, alloc gain 0.1) and k=2 (gap 0.1, alloc gain 0.1); k=1 excluded
  close(oracleGainCaptured([0.5, 0.6, 0.7], [0.7, 0.6, 0.8], [0.6, 0.6, 0.8]), (0.5 + 1) / 2);
  assert.equal(oracleGainCaptured([0.5], [0.5], [0.5]), null);
});
