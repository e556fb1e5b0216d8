import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { greedyAllocate, greedyAllocateBinary, thresholdAllocateBinary } from '../../lib/allocate';
import { successGains } from '../../lib/rewards';
import { makeRng } from '../../lib/util/rng';

const same = (p: Float64Array, total: number, opts: { bmax: number; minPerQuery?: 0 | 1; stopAtZeroGain?: boolean }) => {
  const a = thresholdAllocateBinary(p, total, opts);
  const b = greedyAllocate(successGains(p, opts.bmax), total, opts);
  assert.deepEqual(a, b, `p=${Array.from(p).slice(0, 8)} total=${total} opts=${JSON.stringify(opts)}`);
  // the heap greedy with on-demand closed-form gains gives the same allocation too
  assert.deepEqual(greedyAllocateBinary(p, total, opts), b, `greedyAllocateBinary: p=${Array.from(p).slice(0, 8)} total=${total}`);
  return a;
};

test('thresholdAllocateBinary: hand-checked', () => {
  assert.deepEqual(Array.from(thresholdAllocateBinary(Float64Array.of(0.5, 0.2), 3, { bmax: 4 })), [2, 1]);
  assert.deepEqual(Array.from(thresholdAllocateBinary(Float64Array.of(0.5, 0.1), 3, { bmax: 4 })), [3, 0]);
  // ties between queries with equal p: smaller index first
  assert.deepEqual(Array.from(thresholdAllocateBinary(Float64Array.of(0.5, 0.5, 0.5), 4, { bmax: 4 })), [2, 1, 1]);
  // p = 1: gains [1, 0, 0]; after it, zero-gain units go out in query-index order (query 0
  // fills to the cap, then query 1's second unit)
  assert.deepEqual(Array.from(thresholdAllocateBinary(Float64Array.of(0, 1, 0), 5, { bmax: 3 })), [3, 2, 0]);
  assert.deepEqual(Array.from(thresholdAllocateBinary(Float64Array.of(0, 1, 0), 5, { bmax: 3, stopAtZeroGain: true })), [0, 1, 0]);
  assert.throws(() => thresholdAllocateBinary(Float64Array.of(1.2), 1, { bmax: 2 }), /p\[0\] = 1.2/);
  assert.throws(() => thresholdAllocateBinary(Float64Array.of(0.5, 0.5), 1, { bmax: 2, minPerQuery: 1 }), /below minPerQuery/);
});

/** p values with many ties and the float edge cases: 0, 1, tiny, near 1. */
const pValue = fc.oneof(
  fc.constantFrom(0, 1, 0.5, 0.25, 1e-17, 1e-300, 1 - 1e-16, 0.999999, 1e-9),
  fc.integer({ min: 0, max: 20 }).map((k) => k / 20),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

test('thresholdAllocateBinary == greedyAllocate(successGains) on random instances with ties, caps, minimums', () => {
  fc.assert(
    fc.property(
      fc.array(pValue, { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.double({ min: 0, max: 1.1, noNaN: true }),
      fc.constantFrom<0 | 1>(0, 1),
      fc.boolean(),
      (ps, bmax, frac, minPerQuery, stopAtZeroGain) => {
        const p = Float64Array.from(ps);
        const total = Math.max(minPerQuery * p.length, Math.round(frac * p.length * bmax));
        same(p, total, { bmax, minPerQuery, stopAtZeroGain });
      },
    ),
    { numRuns: 1000, seed: 7 },
  );
});

test('thresholdAllocateBinary == greedy on larger Beta(0.5, 0.5) batches, with repeated p values', () => {
  const rng = makeRng(5);
  for (const [n, bmax, x] of [[5000, 128, 8], [3000, 16, 3], [2000, 64, 60], [4000, 32, 1]] as const) {
    const p = new Float64Array(n);
    for (let i = 0; i < n; i++) p[i] = i % 3 === 0 ? Math.round(rng.beta(0.5, 0.5) * 50) / 50 : rng.beta(0.5, 0.5);
    const a = same(p, x * n, { bmax });
    assert.equal(a.reduce((s, v) => s + v, 0), Math.min(x * n, n * bmax));
    same(p, x * n, { bmax, minPerQuery: 1, stopAtZeroGain: true });
  }
});

test('thresholdAllocateBinary == greedyAllocateBinary at n = 60,000 (the subsampled bracket and the interpolation steps), with repeated p, caps and minimums', () => {
  const rng = makeRng(99);
  const n = 60000;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    // a third of the queries share a handful of p values (exact ties), some are 0 or 1
    p[i] = u < 0.3 ? [0.25, 0.5, 0.01][i % 3] : u < 0.33 ? (i % 2) : rng.beta(0.5, 0.5);
  }
  for (const [total, bmax, minPerQuery] of [[3 * n, 128, 0], [8 * n + 17, 128, 0], [20000, 64, 0], [n + 12345, 16, 1], [40 * n, 32, 0]] as const) {
    const opts = { bmax, minPerQuery };
    assert.deepEqual(thresholdAllocateBinary(p, total, opts), greedyAllocateBinary(p, total, opts), `total ${total}, bmax ${bmax}, min ${minPerQuery}`);
  }
});
