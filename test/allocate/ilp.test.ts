import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocationLp, solveAllocationIlp } from '../../lib/allocate/ilp';
import { greedyAllocate } from '../../lib/allocate/greedy';

test('solveAllocationIlp: hand-checked 2x2 instance returns the optimal budgets', async () => {
  // Query 0 gains 0.5, 0.2; query 1 gains 0.4, 0.3. With B = 2 the best is one unit each (0.9).
  const g = { n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.2, 0.4, 0.3) };
  const r = await solveAllocationIlp(g, 2);
  assert.ok(Math.abs(r.objective - 0.9) < 1e-9);
  assert.deepEqual(Array.from(r.budgets), [1, 1]);
  // B = 3: 0.5 + 0.4 + 0.3 = 1.2 with budgets [1, 2].
  const r3 = await solveAllocationIlp(g, 3);
  assert.ok(Math.abs(r3.objective - 1.2) < 1e-9);
  assert.deepEqual(Array.from(r3.budgets), [1, 2]);
  assert.deepEqual(Array.from(greedyAllocate(g, 3)), [1, 2]);
});

test('solveAllocationIlp: the ordering constraints make a non-concave query take units in order', async () => {
  // Query 0: 0.1 then 0.8 (the second unit only pays after the first); query 1: 0.45, 0.
  const g = { n: 2, bmax: 2, gains: Float64Array.of(0.1, 0.8, 0.45, 0) };
  const r = await solveAllocationIlp(g, 2);
  assert.ok(Math.abs(r.objective - 0.9) < 1e-9, `objective ${r.objective}`);
  assert.deepEqual(Array.from(r.budgets), [2, 0]);
  assert.match(allocationLp(g, 2), /o_0_1: x_0_2 - x_0_1 <= 0/);
});
