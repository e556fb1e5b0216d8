import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expectedMaxOfK,
  gainsFromQ,
  passAtK,
  qAt,
  qTableForDataset,
  qTableFromCounts,
  qTableFromSamples,
  qTableReranked,
  rerankedBestOfK,
  successGain,
  successGains,
} from '../../lib/rewards';
import type { BestOfKDataset } from '../../lib/data/types';
import { makeRng } from '../../lib/util/rng';

test('qTableFromCounts: rows are pass@b, bit-identical to passAtK', () => {
  const n = Int32Array.of(4, 6, 5);
  const c = Int32Array.of(1, 0, 5);
  const t = qTableFromCounts(n, c, 4);
  assert.equal(t.n, 3);
  assert.equal(t.bmax, 4);
  assert.equal(qAt(t, 0, 2), 0.5);
  for (let i = 0; i < 3; i++) {
    assert.equal(qAt(t, i, 0), 0);
    for (let b = 1; b <= 4; b++) assert.equal(qAt(t, i, b), passAtK(n[i], c[i], b));
  }
  assert.throws(() => qTableFromCounts(Int32Array.of(3), Int32Array.of(1), 4), /query 0 has n=3 samples < bmax=4/);
  assert.throws(() => qTableFromCounts(Int32Array.of(3), Int32Array.of(4), 2), /query 0 has n=3, c=4/);
  assert.throws(() => qAt(t, 3, 0), /query index 3/);
});

test('qTableFromSamples / qTableReranked: rows match the scalar estimators', () => {
  const rng = makeRng(3);
  const samples: Float64Array[] = [];
  const scores: Float64Array[] = [];
  for (let i = 0; i < 20; i++) {
    const len = 6 + (i % 3);
    samples.push(Float64Array.from({ length: len }, () => Math.round(rng.next() * 4) / 4));
    scores.push(Float64Array.from({ length: len }, () => Math.round(rng.next() * 3)));
  }
  const qs = qTableFromSamples(samples, 6);
  const qr = qTableReranked(samples, scores, 6);
  for (let i = 0; i < 20; i++) {
    for (let b = 0; b <= 6; b++) {
      assert.ok(Math.abs(qAt(qs, i, b) - expectedMaxOfK(samples[i], b)) < 1e-12);
      assert.ok(Math.abs(qAt(qr, i, b) - rerankedBestOfK(samples[i], scores[i], b)) < 1e-12);
    }
  }
  assert.throws(() => qTableFromSamples([Float64Array.of(1, 2)], 3), /query 0 has 2 samples < bmax=3/);
  assert.throws(() => qTableReranked([Float64Array.of(1, 2)], [Float64Array.of(1)], 2), /2 rewards but 1 scores/);
});

test('qTableForDataset dispatches on reward kind; binary samples agree with counts', () => {
  const base = { kind: 'best-of-k' as const, queries: [], source: 'test', bmax: 3 };
  const bin: BestOfKDataset = { ...base, name: 'b', reward: 'binary', counts: { n: Int32Array.of(4), c: Int32Array.of(2) } };
  const binS: BestOfKDataset = { ...base, name: 's', reward: 'binary', samples: [Float64Array.of(1, 0, 1, 0)] };
  const rr: BestOfKDataset = {
    ...base,
    name: 'r',
    reward: 'reranked',
    samples: [Float64Array.of(1, 0, 1, 0)],
    scores: [Float64Array.of(0, 3, 1, 2)],
  };
  const a = qTableForDataset(bin);
  const b = qTableForDataset(binS);
  for (let k = 0; k <= 3; k++) assert.ok(Math.abs(a.q[k] - b.q[k]) < 1e-12);
  const r = qTableForDataset(rr);
  assert.ok(Math.abs(r.q[3] - rerankedBestOfK(rr.samples![0], rr.scores![0], 3)) < 1e-12);
  assert.throws(() => qTableForDataset({ ...base, name: 'x', reward: 'reranked', samples: [Float64Array.of(1, 1, 1)] }), /needs samples and scores/);
  assert.throws(() => qTableForDataset({ ...base, name: 'y', reward: 'continuous' }), /neither counts nor samples/);
});

test('gainsFromQ: differences of q, sum back to q(bmax)', () => {
  const t = qTableFromCounts(Int32Array.of(4, 5), Int32Array.of(1, 2), 3);
  const g = gainsFromQ(t);
  assert.deepEqual([g.n, g.bmax], [2, 3]);
  assert.ok(Math.abs(g.gains[0] - 0.25) < 1e-15);
  assert.ok(Math.abs(g.gains[1] - 0.25) < 1e-15); // pass@2 - pass@1 = 0.5 - 0.25
  for (let i = 0; i < 2; i++) {
    const s = g.gains[i * 3] + g.gains[i * 3 + 1] + g.gains[i * 3 + 2];
    assert.ok(Math.abs(s - qAt(t, i, 3)) < 1e-15);
  }
});

test('successGains: p(1-p)^(j-1), non-increasing, validated', () => {
  const g = successGains(Float64Array.of(0.5, 0, 1), 3);
  assert.deepEqual(Array.from(g.gains), [0.5, 0.25, 0.125, 0, 0, 0, 1, 0, 0]);
  assert.equal(successGain(0.5, 3), 0.125);
  assert.throws(() => successGains(Float64Array.of(1.5), 2), /p\[0\] = 1.5/);
  // float monotonicity of the shared expression, including tiny and near-1 p
  const rng = makeRng(11);
  for (let t = 0; t < 20000; t++) {
    const u = rng.next();
    const p = t % 3 === 0 ? Math.pow(10, -1 - 17 * u) : t % 3 === 1 ? 1 - Math.pow(10, -1 - 15 * u) : u;
    let prev = successGain(p, 1);
    for (let j = 2; j <= 128; j++) {
      const v = successGain(p, j);
      assert.ok(v <= prev, `p=${p} j=${j}`);
      prev = v;
    }
  }
});

test('qTableFromCounts on a 15,000 x 128 batch fills every row', () => {
  const m = 15000;
  const n = new Int32Array(m).fill(128);
  const c = new Int32Array(m);
  for (let i = 0; i < m; i++) c[i] = i % 129;
  const t = qTableFromCounts(n, c, 128);
  assert.equal(t.q.length, m * 129);
  assert.equal(qAt(t, 128, 128), 1);
  assert.equal(qAt(t, 0, 128), 0);
  const s = qTableFromSamples([Float64Array.from({ length: 128 }, (_, i) => (i % 2))], 128);
  assert.ok(Math.abs(qAt(s, 0, 2) - passAtK(128, 64, 2)) < 1e-12);
});
