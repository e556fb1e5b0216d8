import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expectedMaxOfK, orderStatisticWeights } from '../../lib/rewards';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('orderStatisticWeights: hand-checked, sums to 1', () => {
  const w = orderStatisticWeights(4, 2);
  [0, 1 / 6, 2 / 6, 3 / 6].forEach((v, r) => close(w[r], v));
  const big = orderStatisticWeights(1000, 37);
  let s = 0;
  for (const x of big) {
    assert.ok(Number.isFinite(x) && x >= 0);
    s += x;
  }
  close(s, 1, 1e-10);
  assert.throws(() => orderStatisticWeights(3, 4), /k must be an integer/);
});

test('expectedMaxOfK: hand-checked values', () => {
  close(expectedMaxOfK(Float64Array.of(4, 1, 3, 2), 2), 20 / 6); // pairs' maxima: 2,3,4,3,4,4
  close(expectedMaxOfK(Float64Array.of(4, 1, 3, 2), 1), 2.5);
  close(expectedMaxOfK(Float64Array.of(4, 1, 3, 2), 4), 4);
  assert.equal(expectedMaxOfK(Float64Array.of(4, 1), 0), 0);
  close(expectedMaxOfK(Float64Array.of(-1, -5, 2), 2), (-1 + 2 + 2) / 3);
  assert.throws(() => expectedMaxOfK(Float64Array.of(1, 2), 3), /k must be an integer/);
  assert.throws(() => expectedMaxOfK(Float64Array.of(1, NaN), 1), /rewards\[1\] is not finite/);
});

test('expectedMaxOfK: n = 1000 stays finite and monotone in k', () => {
  const x = new Float64Array(1000);
  for (let i = 0; i < 1000; i++) x[i] = Math.sin(i * 12.9898) * 0.5 + 0.5;
  let prev = -Infinity;
  for (const k of [1, 2, 10, 100, 500, 999, 1000]) {
    const v = expectedMaxOfK(x, k);
    assert.ok(Number.isFinite(v) && v >= prev - 1e-12, `k=${k}: ${v}`);
    prev = v;
  }
  close(expectedMaxOfK(x, 1000), Math.max(...x), 1e-12);
  close(expectedMaxOfK(x, 1), x.reduce((a, b) => a + b, 0) / 1000, 1e-12);
});

test('expectedMaxOfK: property, equals enumeration over k-subsets', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 8 }), fc.nat(), (xs, kRaw) => {
      const n = xs.length;
      const k = kRaw % (n + 1);
      let sum = 0;
      let cnt = 0;
      for (let mask = 1; mask < 1 << n; mask++) {
        let pc = 0;
        let mx = -Infinity;
        for (let i = 0; i < n; i++) if (mask & (1 << i)) { pc++; mx = Math.max(mx, xs[i]); }
        if (pc !== k) continue;
        sum += mx;
        cnt++;
      }
      const ref = k === 0 ? 0 : sum / cnt;
      return Math.abs(expectedMaxOfK(Float64Array.from(xs), k) - ref) < 1e-10;
    }),
    { numRuns: 200 },
  );
});
