import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gainObjective, greedyAllocate } from '../../lib/allocate';
import type { GainTable } from '../../lib/rewards/types';
import { ilpOptimum } from './ilp';

const table = (rows: number[][]): GainTable => ({ n: rows.length, bmax: rows[0].length, gains: Float64Array.from(rows.flat()) });

test('greedyAllocate: hand-checked allocation and tie rule', () => {
  assert.deepEqual(Array.from(greedyAllocate(table([[0.5, 0.1], [0.3, 0.2]]), 2)), [1, 1]);
  assert.deepEqual(Array.from(greedyAllocate(table([[0.5, 0.1], [0.3, 0.2]]), 3)), [1, 2]);
  // ties: equal gains go to the smaller index first
  assert.deepEqual(Array.from(greedyAllocate(table([[0.2, 0.2], [0.2, 0.2], [0.2, 0.2]]), 4)), [2, 2, 0]);
  // 0.3 (query 1), then 0.1 vs 0.1: the smaller index (query 0) wins
  assert.deepEqual(Array.from(greedyAllocate(table([[0.1, 0], [0.3, 0.1]]), 2)), [1, 1]);
  // minPerQuery and cap
  assert.deepEqual(Array.from(greedyAllocate(table([[0.9, 0.8, 0.7], [0.01, 0, 0]]), 3, { minPerQuery: 1 })), [2, 1]);
  assert.deepEqual(Array.from(greedyAllocate(table([[0.9, 0.8, 0.7], [0.01, 0, 0]]), 3, { bmax: 2 })), [2, 1]);
});

test('greedyAllocate: zero gains are handed out unless stopAtZeroGain', () => {
  const t = table([[0.5, 0, 0], [0, 0, 0]]);
  assert.deepEqual(Array.from(greedyAllocate(t, 5)), [3, 2]);
  assert.deepEqual(Array.from(greedyAllocate(t, 5, { stopAtZeroGain: true })), [1, 0]);
  assert.deepEqual(Array.from(greedyAllocate(t, 100)), [3, 3]);
});

test('greedyAllocate: validation', () => {
  const t = table([[0.5, 0.1], [0.3, 0.2]]);
  assert.throws(() => greedyAllocate(t, 1, { minPerQuery: 1 }), /below minPerQuery/);
  assert.throws(() => greedyAllocate(t, -1), /non-negative integer/);
  assert.throws(() => greedyAllocate(t, 1.5), /non-negative integer/);
  assert.throws(() => greedyAllocate(t, 2, { bmax: 3 }), /exceeds the table's bmax/);
  assert.throws(() => greedyAllocate(table([[0.5, NaN]]), 2), /unit 2 is NaN/);
});

/** Random concave instance: per query, non-negative gains sorted descending (ties likely). */
export const concaveInstance = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }),
    bmax: fc.integer({ min: 1, max: 6 }),
    seedVals: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 36, maxLength: 36 }),
    totalFrac: fc.double({ min: 0, max: 1.2, noNaN: true }),
    minPerQuery: fc.constantFrom<0 | 1>(0, 1),
    capCut: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ n, bmax, seedVals, totalFrac, minPerQuery, capCut }) => {
    const gains = new Float64Array(n * bmax);
    for (let i = 0; i < n; i++) {
      const row = seedVals.slice(i * 6, i * 6 + bmax).map((x) => x / 8).sort((a, b) => b - a);
      gains.set(row, i * bmax);
    }
    const cap = Math.max(1, bmax - capCut);
    const total = Math.max(minPerQuery * n, Math.round(totalFrac * n * cap));
    return { g: { n, bmax, gains } as GainTable, total, minPerQuery, cap };
  });

test('greedyAllocate: on 200 random concave instances the objective equals the HiGHS ILP optimum', async () => {
  await fc.assert(
    fc.asyncProperty(concaveInstance, async ({ g, total, minPerQuery, cap }) => {
      const b = greedyAllocate(g, total, { minPerQuery, bmax: cap });
      const opt = await ilpOptimum(g, total, { cap, minPerQuery });
      assert.ok(Math.abs(gainObjective(g, b) - opt) <= 1e-6, `greedy ${gainObjective(g, b)} vs ILP ${opt}`);
    }),
    { numRuns: 200, seed: 2024 },
  );
});

test('greedyAllocate: sums to min(B, n*Bmax), respects Bmax and minPerQuery', () => {
  fc.assert(
    fc.property(concaveInstance, ({ g, total, minPerQuery, cap }) => {
      const b = greedyAllocate(g, total, { minPerQuery, bmax: cap });
      const s = b.reduce((a, x) => a + x, 0);
      assert.equal(s, Math.min(total, g.n * cap));
      for (const x of b) assert.ok(x >= minPerQuery && x <= cap);
    }),
    { numRuns: 300 },
  );
});
