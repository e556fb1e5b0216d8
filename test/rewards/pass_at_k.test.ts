import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { passAtK } from '../../lib/rewards';

test('passAtK: hand-checked values', () => {
  assert.equal(passAtK(4, 1, 2), 0.5); // 1 - C(3,2)/C(4,2) = 1 - 3/6
  assert.ok(Math.abs(passAtK(10, 3, 1) - 0.3) < 1e-15);
  assert.ok(Math.abs(passAtK(5, 2, 2) - 0.7) < 1e-15); // 1 - C(3,2)/C(5,2) = 1 - 3/10
  assert.equal(passAtK(5, 0, 3), 0);
  assert.equal(passAtK(5, 3, 3), 1); // n - c = 2 < 3
  assert.equal(passAtK(5, 2, 0), 0);
});

test('passAtK: stable for large n (matches log-binomial formula)', () => {
  const lnC = (a: number, b: number) => lgammaInt(a) - lgammaInt(b) - lgammaInt(a - b);
  const v = passAtK(1000, 7, 300);
  const ref = 1 - Math.exp(lnC(993, 300) - lnC(1000, 300));
  assert.ok(Math.abs(v - ref) < 1e-10, `${v} vs ${ref}`);
});

test('passAtK: validation errors', () => {
  assert.throws(() => passAtK(3, 4, 1), /c \(4\) must be <= n/);
  assert.throws(() => passAtK(3, 1, 4), /k \(4\) must be <= n/);
  assert.throws(() => passAtK(-1, 0, 0), /non-negative integer/);
  assert.throws(() => passAtK(3, 1, 1.5), /non-negative integer/);
});

test('passAtK: property, equals the enumeration over k-subsets (small n)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.nat(), fc.nat(), (n, cRaw, kRaw) => {
      const c = cRaw % (n + 1);
      const k = kRaw % (n + 1);
      // samples 0..c-1 correct; count k-subsets with at least one of them
      let hit = 0;
      let all = 0;
      for (let mask = 0; mask < 1 << n; mask++) {
        if (popcount(mask) !== k) continue;
        all++;
        if ((mask & ((1 << c) - 1)) !== 0) hit++;
      }
      return Math.abs(passAtK(n, c, k) - hit / all) < 1e-12;
    }),
    { numRuns: 200 },
  );
});

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}
function lgammaInt(a: number): number {
  let s = 0;
  for (let i = 2; i <= a; i++) s += Math.log(i);
  return s;
}
