import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMeanCI, bootstrapFamily, bestOfKBands, quantileSorted } from '../../lib/evaluate/bootstrap';
import { bestOfKCurves } from '../../lib/evaluate/curves';
import { makeRng } from '../../lib/util/rng';

test('quantileSorted: type-7 interpolation, hand-checked', () => {
  const s = Float64Array.from([1, 2, 3, 4]);
  assert.equal(quantileSorted(s, 0), 1);
  assert.equal(quantileSorted(s, 1), 4);
  assert.equal(quantileSorted(s, 0.5), 2.5);
  assert.equal(quantileSorted(s, 0.25), 1.75);
});

test('bootstrapMeanCI: same seed same interval, other seed different; interval holds the mean', () => {
  const rng = makeRng(3);
  const v = Float64Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 1 : 0));
  const a = bootstrapMeanCI(v, 500, 11);
  const b = bootstrapMeanCI(v, 500, 11);
  const c = bootstrapMeanCI(v, 500, 12);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.lo < a.mean && a.mean < a.hi);
  // normal approximation: half-width about 1.96 * sqrt(p(1-p)/n)
  const se = Math.sqrt(a.mean * (1 - a.mean) / 300);
  assert.ok(Math.abs((a.hi - a.lo) / 2 - 1.96 * se) < 0.3 * 1.96 * se);
});

test('bootstrapMeanCI: a constant sample gives a zero-width interval', () => {
  const ci = bootstrapMeanCI(new Float64Array(50).fill(0.7), 100, 1);
  assert.ok(Math.abs(ci.lo - 0.7) < 1e-12 && Math.abs(ci.hi - 0.7) < 1e-12);
});

test('bootstrapMeanCI: coverage sanity on Bernoulli(0.3) samples (about 95%)', () => {
  const rng = makeRng(99);
  let covered = 0;
  const trials = 200;
  for (let t = 0; t < trials; t++) {
    const v = Float64Array.from({ length: 150 }, () => (rng.next() < 0.3 ? 1 : 0));
    const ci = bootstrapMeanCI(v, 300, t);
    if (ci.lo <= 0.3 && 0.3 <= ci.hi) covered++;
  }
  assert.ok(covered / trials > 0.88 && covered / trials <= 0.99, `coverage ${covered / trials}`);
});

test('bootstrapFamily: matches bootstrapMeanCI on the same seed (B not a multiple of the block)', () => {
  const rng = makeRng(5);
  const v = Float64Array.from({ length: 97 }, () => rng.next());
  const ci = bootstrapMeanCI(v, 77, 4);
  const fam = bootstrapFamily({ n: 97, nx: 1, columns: { a: (_k, out) => out.set(v) }, B: 77, seed: 4 });
  assert.ok(Math.abs(fam.bands.a.lo[0] - ci.lo) < 1e-12);
  assert.ok(Math.abs(fam.bands.a.hi[0] - ci.hi) < 1e-12);
});

test('bootstrapFamily: paired differences on shared resamples (a constant shift has a zero-width paired band)', () => {
  const rng = makeRng(8);
  const n = 200;
  const base = Float64Array.from({ length: n }, () => rng.next());
  const fam = bootstrapFamily({
    n,
    nx: 2,
    columns: {
      uniform: (_k, out) => out.set(base),
      shifted: (k, out) => {
        for (let i = 0; i < n; i++) out[i] = base[i] + 0.1 * (k + 1);
      },
      noisy: (_k, out) => {
        for (let i = 0; i < n; i++) out[i] = base[i] + (i % 2 ? 0.05 : -0.05);
      },
    },
    baseline: 'uniform',
    B: 200,
    seed: 1,
  });
  assert.ok(Math.abs(fam.paired.shifted.lo[0] - 0.1) < 1e-12 && Math.abs(fam.paired.shifted.hi[1] - 0.2) < 1e-12);
  // the unpaired band of `shifted` is much wider than its paired band
  assert.ok(fam.bands.shifted.hi[0] - fam.bands.shifted.lo[0] > 0.05);
  assert.ok(fam.paired.noisy.lo[0] < 0 && fam.paired.noisy.hi[0] > 0);
  assert.equal(fam.paired.uniform, undefined);
});

test('bestOfKBands: bands bracket the curve, uses the kept allocations', () => {
  const n = 60;
  const bmax = 4;
  const rng = makeRng(2);
  const q = new Float64Array(n * (bmax + 1));
  for (let i = 0; i < n; i++) {
    const p = rng.next();
    for (let b = 0; b <= bmax; b++) q[i * (bmax + 1) + b] = 1 - (1 - p) ** b;
  }
  const table = { n, bmax, q };
  const uni = (total: number) => new Int32Array(n).fill(Math.floor(total / n));
  const fam = bestOfKCurves({ q: table, xs: [1, 2, 3], allocators: { uniform: uni, other: (t) => uni(t).map((b, i) => (i % 2 ? Math.min(bmax, b + 1) : b - 1)) } });
  const bands = bestOfKBands(table, fam, { B: 200, seed: 3 });
  for (let k = 0; k < 3; k++) {
    assert.ok(bands.bands.uniform.lo[k] <= fam.curves.uniform[k] && fam.curves.uniform[k] <= bands.bands.uniform.hi[k]);
  }
  assert.equal(bands.baseline, 'uniform');
  assert.deepEqual(bestOfKBands(table, fam, { B: 200, seed: 3 }), bands);
});
