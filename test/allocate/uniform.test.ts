import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { uniformAllocate } from '../../lib/allocate';

test('uniformAllocate: hand-checked', () => {
  assert.deepEqual(Array.from(uniformAllocate(3, 7)), [3, 2, 2]);
  assert.deepEqual(Array.from(uniformAllocate(3, 7, { bmax: 2 })), [2, 2, 2]);
  assert.deepEqual(Array.from(uniformAllocate(4, 2)), [1, 1, 0, 0]);
  assert.deepEqual(Array.from(uniformAllocate(0, 5)), []);
  assert.throws(() => uniformAllocate(3, 2, { minPerQuery: 1 }), /below minPerQuery/);
  assert.throws(() => uniformAllocate(3, 2.5), /non-negative integer/);
});

test('uniformAllocate: spreads the remainder one each; same seed, same output', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 20 }), fc.nat(), (n, total, bmax, seed) => {
      for (const opts of [{ bmax }, { bmax, seed }]) {
        const b = uniformAllocate(n, total, opts);
        const base = Math.floor(total / n);
        const s = b.reduce((a, x) => a + x, 0);
        assert.equal(s, Math.min(total, n * bmax));
        for (const x of b) assert.ok(base >= bmax ? x === bmax : x === base || x === base + 1);
      }
      assert.deepEqual(uniformAllocate(n, total, { bmax, seed }), uniformAllocate(n, total, { bmax, seed }));
    }),
    { numRuns: 200 },
  );
  // a seed moves the remainder away from the first queries (for some seed)
  const first = uniformAllocate(100, 150);
  assert.ok([1, 2, 3].some((seed) => uniformAllocate(100, 150, { seed }).some((x, i) => x !== first[i])));
});
