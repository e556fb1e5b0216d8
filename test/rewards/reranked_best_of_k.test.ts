import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expectedMaxOfK, rerankedBestOfK } from '../../lib/rewards';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

/** Enumerate k-subsets; the pick is the top-scored drawn sample, ties split evenly. */
function enumerate(r: number[], s: number[], k: number): number {
  const n = r.length;
  if (k === 0) return 0;
  let sum = 0;
  let cnt = 0;
  for (let mask = 1; mask < 1 << n; mask++) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) idx.push(i);
    if (idx.length !== k) continue;
    const top = Math.max(...idx.map((i) => s[i]));
    const tied = idx.filter((i) => s[i] === top);
    sum += tied.reduce((a, i) => a + r[i], 0) / tied.length;
    cnt++;
  }
  return sum / cnt;
}

test('rerankedBestOfK: hand-checked values', () => {
  // pairs {0,1}->0, {0,2}->0, {1,2}->1 (score 0.5 beats 0.1)
  close(rerankedBestOfK(Float64Array.of(0, 1, 1), Float64Array.of(0.9, 0.5, 0.1), 2), 1 / 3);
  close(rerankedBestOfK(Float64Array.of(0, 1, 1), Float64Array.of(0.9, 0.5, 0.1), 1), 2 / 3);
  close(rerankedBestOfK(Float64Array.of(0, 1, 1), Float64Array.of(0.9, 0.5, 0.1), 3), 0);
  // all scores tied: every pick is a uniform draw, the mean for every k
  close(rerankedBestOfK(Float64Array.of(0, 1, 0, 1), Float64Array.of(2, 2, 2, 2), 3), 0.5);
  // scores 1,1,0: {0,1} tie -> (1+0)/2 = 0.5; {0,2}: 0 wins -> 1; {1,2}: 1 wins -> 0; mean 1.5/3
  close(rerankedBestOfK(Float64Array.of(1, 0, 7), Float64Array.of(1, 1, 0), 2), 0.5);
  assert.throws(() => rerankedBestOfK(Float64Array.of(1), Float64Array.of(1, 2), 1), /differ in length/);
  assert.throws(() => rerankedBestOfK(Float64Array.of(1), Float64Array.of(NaN), 1), /scores\[0\] is not finite/);
});

test('rerankedBestOfK: perfect reranker equals expectedMaxOfK', () => {
  const r = Float64Array.of(0.3, 0.9, 0.1, 0.5, 0.7);
  for (let k = 0; k <= 5; k++) close(rerankedBestOfK(r, r, k), expectedMaxOfK(r, k));
});

test('rerankedBestOfK: property, equals enumeration including score ties', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 8 }),
      fc.nat(),
      (pairs, kRaw) => {
        const r = pairs.map((p) => p[0]);
        const s = pairs.map((p) => p[1]);
        const k = kRaw % (r.length + 1);
        return Math.abs(rerankedBestOfK(Float64Array.from(r), Float64Array.from(s), k) - enumerate(r, s, k)) < 1e-10;
      },
    ),
    { numRuns: 300 },
  );
});
