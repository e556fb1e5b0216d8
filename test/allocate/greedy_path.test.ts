import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { greedyAllocate, greedyAllocatePath } from '../../lib/allocate/greedy';
import type { GainTable } from '../../lib/rewards/types';

test('greedyAllocatePath: hand-checked path', () => {
  const g = { n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.1, 0.3, 0.2) };
  assert.deepEqual(greedyAllocatePath(g, [1, 2, 3, 4, 9]).map((b) => Array.from(b)), [[1, 0], [1, 1], [1, 2], [2, 2], [2, 2]]);
  // totals in any order, repeated
  assert.deepEqual(greedyAllocatePath(g, [3, 1, 3]).map((b) => Array.from(b)), [[1, 2], [1, 0], [1, 2]]);
});

/** Concave random tables with many ties (values on a coarse grid). */
const concaveTable = fc
  .record({ n: fc.integer({ min: 1, max: 12 }), bmax: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, bmax }) =>
    fc.array(fc.array(fc.integer({ min: -2, max: 8 }), { minLength: bmax, maxLength: bmax }), { minLength: n, maxLength: n }).map((rows): GainTable => {
      const gains = new Float64Array(n * bmax);
      rows.forEach((r, i) => r.slice().sort((a, b) => b - a).forEach((v, j) => (gains[i * bmax + j] = v / 8)));
      return { n, bmax, gains };
    }),
  );

test('greedyAllocatePath equals greedyAllocate at every total (ties, caps, minimum, zero-gain stop)', () => {
  fc.assert(
    fc.property(concaveTable, fc.constantFrom<0 | 1>(0, 1), fc.boolean(), fc.integer({ min: 1, max: 6 }), (g, minPerQuery, stopAtZeroGain, capRaw) => {
      const bmax = Math.min(capRaw, g.bmax);
      const lo = minPerQuery * g.n;
      const totals = Array.from({ length: g.n * g.bmax + 3 - lo }, (_, k) => lo + k);
      const opts = { minPerQuery, stopAtZeroGain, bmax };
      const path = greedyAllocatePath(g, totals, opts);
      totals.forEach((t, k) => assert.deepEqual(path[k], greedyAllocate(g, t, opts), `total ${t}`));
    }),
    { numRuns: 300, seed: 11 },
  );
});

/** Reference: the textbook greedy, scanning every query for the best next unit (tie: smaller index). */
function naiveGreedy(g: GainTable, total: number, cap: number, m: number, stop: boolean): Int32Array {
  const b = new Int32Array(g.n).fill(m);
  let units = Math.min(total - m * g.n, g.n * (cap - m));
  while (units-- > 0) {
    let best = -1;
    for (let i = 0; i < g.n; i++) {
      if (b[i] >= cap) continue;
      if (best < 0 || g.gains[i * g.bmax + b[i]] > g.gains[best * g.bmax + b[best]]) best = i;
    }
    if (best < 0 || (stop && !(g.gains[best * g.bmax + b[best]] > 0))) break;
    b[best]++;
  }
  return b;
}

/** Property: greedyAllocate equals naiveGreedy on tables from `tables`, any minimum, zero-gain stop and total up to maxExtra above the minimum. */
function matchesScanningGreedy(tables: fc.Arbitrary<GainTable>, maxExtra: number, numRuns: number, seed: number): void {
  fc.assert(
    fc.property(tables, fc.constantFrom<0 | 1>(0, 1), fc.boolean(), fc.integer({ min: 0, max: maxExtra }), (g, m, stop, extra) => {
      const total = m * g.n + extra;
      assert.deepEqual(greedyAllocate(g, total, { minPerQuery: m, stopAtZeroGain: stop }), naiveGreedy(g, total, g.bmax, m, stop));
    }),
    { numRuns, seed },
  );
}

test('greedyAllocate (heap, several units per visit) equals the textbook scanning greedy', () => {
  matchesScanningGreedy(concaveTable, 80, 500, 5);
});

test('allocatePath / oracleAllocatePath equal allocate / oracleAllocate per total, concave or not', async () => {
  const { allocatePath, allocate } = await import('../../lib/allocate/allocate');
  const { oracleAllocate, oracleAllocatePath } = await import('../../lib/allocate/oracle');
  // non-concave: query 0 pays only with two units
  const nc = { n: 3, bmax: 2, gains: Float64Array.of(0.05, 0.8, 0.3, 0.0, 0.25, 0.0) };
  const totals = [0, 1, 2, 3, 4, 5, 6];
  allocatePath(nc, totals).forEach((b, k) => assert.deepEqual(b, allocate(nc, totals[k])));
  const q = { n: 3, bmax: 3, q: Float64Array.of(0, 0.5, 0.75, 0.875, 0, 0.2, 0.36, 0.488, 0, 0, 0, 0) };
  oracleAllocatePath(q, totals, { stopAtZeroGain: true }).forEach((b, k) => assert.deepEqual(b, oracleAllocate(q, totals[k], { stopAtZeroGain: true })));
});

test('sortedGreedyPath (radix sort of all units) equals the heap greedy path, with negative gains, -0 and ties', async () => {
  const { sortedGreedyPath } = await import('../../lib/allocate/sorted_path');
  const signed = fc
    .record({ n: fc.integer({ min: 1, max: 12 }), bmax: fc.integer({ min: 1, max: 6 }) })
    .chain(({ n, bmax }) =>
      fc.array(fc.array(fc.oneof(fc.integer({ min: -3, max: 5 }).map((v) => v / 4), fc.constantFrom(-0, 0, 1e-300, -1e-300, 3.5e10)), { minLength: bmax, maxLength: bmax }), { minLength: n, maxLength: n }).map((rows): GainTable => {
        const gains = new Float64Array(n * bmax);
        rows.forEach((r, i) => r.slice().sort((a, b) => b - a).forEach((v, j) => (gains[i * bmax + j] = v)));
        return { n, bmax, gains };
      }),
    );
  fc.assert(
    fc.property(signed, fc.constantFrom<0 | 1>(0, 1), fc.boolean(), fc.integer({ min: 1, max: 6 }), (g, minPerQuery, stopAtZeroGain, capRaw) => {
      const lo = minPerQuery * g.n;
      const totals = Array.from({ length: g.n * g.bmax + 2 - lo }, (_, k) => lo + ((k * 7) % (g.n * g.bmax + 2 - lo)));
      const opts = { minPerQuery, stopAtZeroGain, bmax: Math.min(capRaw, g.bmax) };
      const a = sortedGreedyPath(g, totals, opts);
      const b = greedyAllocatePath(g, totals, opts);
      totals.forEach((t, k) => assert.deepEqual(a[k], b[k], `total ${t}`));
    }),
    { numRuns: 400, seed: 21 },
  );
});

test('allocatePath equals allocate per total when rows rise only by float noise (within the concavity tolerance)', async () => {
  const { allocatePath, allocate } = await import('../../lib/allocate/allocate');
  // Query 0's second gain exceeds its first by 1e-14 (pass@b differencing noise); query 1 sits between.
  const g = { n: 2, bmax: 2, gains: Float64Array.of(0.3, 0.3 + 1e-14, 0.3 + 5e-15, 0.1) };
  const totals = [0, 1, 2, 3, 4];
  allocatePath(g, totals, { stopAtZeroGain: true }).forEach((b, k) => assert.deepEqual(b, allocate(g, totals[k], { stopAtZeroGain: true }), `total ${totals[k]}`));
});

/** Gains of any shape: rising rows, negatives, -0, +-Infinity, and magnitudes from 1e-300 to 1e300. */
const WILD = [0, -0, 1, 0.5, 0.25, 0.25, 1e-300, 1e300, -1e-300, -2, Infinity, -Infinity, 0.1, 0.1000000000000001, 3e-9, 7e5];
const wildTable = fc
  .record({ n: fc.integer({ min: 1, max: 14 }), bmax: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, bmax }) =>
    fc
      .array(fc.oneof(fc.constantFrom(...WILD), fc.double({ min: -10, max: 10, noNaN: true })), { minLength: n * bmax, maxLength: n * bmax })
      .map((v): GainTable => ({ n, bmax, gains: Float64Array.from(v) })),
  );

test('greedyAllocate (bucketed heap) equals the textbook scanning greedy for ANY gains: non-concave rows, negatives, -0, infinities', () => {
  matchesScanningGreedy(wildTable, 90, 1000, 23);
});

test('greedyAllocate equals the scanning greedy on larger tables (thousands of buckets, chunk pool growth, coarse ties)', () => {
  let seed = 7;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (const [n, bmax, grid] of [[3000, 4, 0], [2500, 3, 64], [1200, 5, 0]] as const) {
    const gains = new Float64Array(n * bmax);
    for (let i = 0; i < n; i++) {
      // concave rows of gains spread over 30 octaves (grid > 0: rounded to 1/grid, many ties)
      let v = Math.pow(2, -30 * rand());
      for (let j = 0; j < bmax; j++) {
        gains[i * bmax + j] = grid > 0 ? Math.round(v * grid) / grid : v;
        v *= rand();
      }
    }
    const g = { n, bmax, gains };
    for (const total of [1, n, 2 * n + 7, n * bmax]) assert.deepEqual(greedyAllocate(g, total), naiveGreedy(g, total, bmax, 0, false), `n=${n} total=${total}`);
  }
});

test('greedyAllocatePathFromQ equals greedyAllocatePath(gainsFromQ(q)) bit for bit (noisy rows, caps, minimum, zero-gain stop)', async () => {
  const { greedyAllocatePathFromQ } = await import('../../lib/allocate/greedy');
  const { gainsFromQ } = await import('../../lib/rewards/tables');
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 70, maxLength: 70 }),
      fc.constantFrom<0 | 1>(0, 1),
      fc.boolean(),
      fc.integer({ min: 1, max: 6 }),
      (n, bmax, u, m, stop, capRaw) => {
        // q rows: cumulative sums of shrinking steps, some exactly flat, plus 1e-17-scale noise
        const w = bmax + 1;
        const q = new Float64Array(n * w);
        for (let i = 0; i < n; i++) {
          let step = u[(i * 7) % u.length];
          for (let j = 1; j <= bmax; j++) {
            const noise = u[(i * 5 + j) % u.length] < 0.3 ? 1e-17 : 0;
            q[i * w + j] = q[i * w + j - 1] + (u[(i + j) % u.length] < 0.2 ? 0 : step) + noise;
            step *= u[(i * 3 + j) % u.length];
          }
        }
        const Q = { n, bmax, q };
        const cap = Math.min(capRaw, bmax);
        const totals = Array.from({ length: n * cap + 2 - m * n }, (_, k) => m * n + k).reverse();
        const opts = { minPerQuery: m, stopAtZeroGain: stop, bmax: cap };
        assert.deepEqual(greedyAllocatePathFromQ(Q, totals, opts), greedyAllocatePath(gainsFromQ(Q), totals, opts));
      },
    ),
    { numRuns: 400, seed: 31 },
  );
});
