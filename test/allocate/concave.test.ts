import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  allocate,
  allocateDetailed,
  concaveMajorantGains,
  exactAllocate,
  gainObjective,
  greedyAllocate,
  isNonIncreasing,
  nonIncreasingRows,
  upperConcaveHull,
} from '../../lib/allocate';
import type { GainTable } from '../../lib/rewards/types';
import { ilpOptimum } from './ilp';

const table = (rows: number[][]): GainTable => ({ n: rows.length, bmax: rows[0].length, gains: Float64Array.from(rows.flat()) });

test('isNonIncreasing / nonIncreasingRows', () => {
  const t = table([[0.5, 0.2, 0.2], [0.1, 0.5, 0.2]]);
  assert.deepEqual(Array.from(nonIncreasingRows(t)), [1, 0]);
  assert.equal(isNonIncreasing(t), false);
  assert.equal(isNonIncreasing(table([[0.5, 0.2, 0.2]])), true);
  assert.equal(isNonIncreasing(table([[0.5, 0.5 + 1e-15]])), true); // float noise within tol
  assert.equal(isNonIncreasing(table([[0.1, 0.5, 0.2]]), 1e-12, 1), true); // only unit 1 considered
});

test('upperConcaveHull: hand-checked vertices', () => {
  assert.deepEqual(Array.from(upperConcaveHull(Float64Array.of(0, 0.1, 0.6, 0.8))), [0, 2, 3]);
  assert.deepEqual(Array.from(upperConcaveHull(Float64Array.of(0, 1, 2, 3))), [0, 3]); // collinear dropped
  assert.deepEqual(Array.from(upperConcaveHull(Float64Array.of(0, 0.5, 0.7, 0.6))), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(upperConcaveHull(Float64Array.of(5, 0, 0.1, 0.6), 1)), [1, 3]);
});

test('concaveMajorantGains: non-increasing, above q, equal at vertices', () => {
  const t = table([[0.1, 0.5, 0.2, -0.3]]);
  const { gains: g, vertex } = concaveMajorantGains(t);
  assert.ok(isNonIncreasing(g));
  // q = [0, .1, .6, .8, .5]; hull vertices 0, 2, 3, 4 -> slopes .3, .3, .2, -.3
  [0.3, 0.3, 0.2, -0.3].forEach((v, j) => assert.ok(Math.abs(g.gains[j] - v) < 1e-12));
  assert.deepEqual(Array.from(vertex), [1, 0, 1, 1, 1]);
});

test('exactAllocate: the non-concave example where greedy loses', () => {
  const t = table([[0.1, 0.8], [0.5, 0.1]]);
  assert.deepEqual(Array.from(greedyAllocate(t, 2)), [1, 1]); // 0.6
  assert.deepEqual(Array.from(exactAllocate(t, 2)), [2, 0]); // 0.9
  const r = allocateDetailed(t, 2);
  assert.equal(r.method, 'dp');
  assert.deepEqual(Array.from(r.budgets), [2, 0]);
  assert.ok(Math.abs(r.objective - 0.9) < 1e-12);
  assert.equal(r.nonConcaveQueries, 1);
  assert.equal(allocateDetailed(table([[0.5, 0.1], [0.3, 0.2]]), 2).method, 'greedy');
});

test('allocate never gives a query a block of units with negative sum under stopAtZeroGain', () => {
  // reranked-like curve: q falls with b for query 0
  const t = table([[0.6, -0.1, -0.1, 0.05], [0.3, 0.1, 0, 0]]);
  const stop = allocate(t, 8, { stopAtZeroGain: true });
  assert.deepEqual(Array.from(stop), [1, 2]);
  const spend = allocate(t, 8); // default: exactly min(B, n Bmax) units
  assert.deepEqual(Array.from(spend), [4, 4]);
  const hull = allocateDetailed(t, 3, { stopAtZeroGain: true, method: 'hull' });
  assert.deepEqual(Array.from(hull.budgets), [1, 2]);
});

/** Random non-concave instances (gains of either sign, unsorted). */
const nonConcave = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    bmax: fc.integer({ min: 1, max: 5 }),
    vals: fc.array(fc.integer({ min: -4, max: 10 }), { minLength: 25, maxLength: 25 }),
    frac: fc.double({ min: 0, max: 1.2, noNaN: true }),
    minPerQuery: fc.constantFrom<0 | 1>(0, 1),
    stopAtZeroGain: fc.boolean(),
  })
  .map(({ n, bmax, vals, frac, minPerQuery, stopAtZeroGain }) => {
    const gains = new Float64Array(n * bmax);
    for (let i = 0; i < n; i++) for (let j = 0; j < bmax; j++) gains[i * bmax + j] = vals[i * 5 + j] / 8;
    const total = Math.max(minPerQuery * n, Math.round(frac * n * bmax));
    return { g: { n, bmax, gains } as GainTable, total, minPerQuery, stopAtZeroGain };
  });

test('exactAllocate / allocate equal the HiGHS optimum on 200 random non-concave instances', async () => {
  await fc.assert(
    fc.asyncProperty(nonConcave, async ({ g, total, minPerQuery, stopAtZeroGain }) => {
      const opt = await ilpOptimum(g, total, { minPerQuery, exactSum: !stopAtZeroGain });
      const b = exactAllocate(g, total, { minPerQuery, stopAtZeroGain });
      const a = allocateDetailed(g, total, { minPerQuery, stopAtZeroGain });
      assert.ok(Math.abs(gainObjective(g, b) - opt) <= 1e-6, `dp ${gainObjective(g, b)} vs ILP ${opt}`);
      assert.ok(Math.abs(a.objective - opt) <= 1e-6, `${a.method} ${a.objective} vs ILP ${opt}`);
      const s = b.reduce((x, y) => x + y, 0);
      if (stopAtZeroGain) assert.ok(s <= total);
      else assert.equal(s, Math.min(total, g.n * g.bmax));
      for (const x of b) assert.ok(x >= minPerQuery && x <= g.bmax);
      // hull path: a feasible allocation whose objective is within its reported bound of the optimum
      const h = allocateDetailed(g, total, { minPerQuery, stopAtZeroGain, method: 'hull' });
      assert.ok(h.objective <= opt + 1e-9 && h.upperBound >= opt - 1e-9, `hull ${h.objective} <= ${opt} <= ${h.upperBound}`);
    }),
    { numRuns: 200, seed: 99 },
  );
});
