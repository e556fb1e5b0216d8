import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oracleAllocate, qObjective, uniformAllocate } from '../../lib/allocate';
import { qTableFromCounts, qTableReranked } from '../../lib/rewards';
import { makeRng } from '../../lib/util/rng';

test('oracleAllocate: hand-checked, skips never- and always-solved queries', () => {
  assert.deepEqual(Array.from(oracleAllocate({ n: 2, bmax: 2, q: Float64Array.of(0, 0.9, 0.99, 0, 0.2, 0.36) }, 2)), [1, 1]);
  // counts: 0/8 (never), 8/8 (always), 2/8 (hard): with 4 units and stopAtZeroGain
  const q = qTableFromCounts(Int32Array.of(8, 8, 8), Int32Array.of(0, 8, 2), 4);
  assert.deepEqual(Array.from(oracleAllocate(q, 5, { stopAtZeroGain: true })), [0, 1, 4]);
});

test('oracleAllocate beats or equals uniform on random pass@b tables, and handles reranked (non-concave) tables', () => {
  const rng = makeRng(17);
  const m = 200;
  const n = new Int32Array(m).fill(16);
  const c = new Int32Array(m);
  for (let i = 0; i < m; i++) c[i] = Math.round(rng.beta(0.5, 0.5) * 16);
  const q = qTableFromCounts(n, c, 16);
  for (const x of [1, 2, 4, 8]) {
    assert.ok(qObjective(q, oracleAllocate(q, x * m)) >= qObjective(q, uniformAllocate(m, x * m, { bmax: 16 })) - 1e-9);
  }
  const samples: Float64Array[] = [];
  const scores: Float64Array[] = [];
  for (let i = 0; i < 30; i++) {
    samples.push(Float64Array.from({ length: 6 }, () => (rng.next() < 0.4 ? 1 : 0)));
    scores.push(Float64Array.from({ length: 6 }, () => rng.next()));
  }
  const qr = qTableReranked(samples, scores, 6);
  const b = oracleAllocate(qr, 60, { stopAtZeroGain: true });
  assert.ok(qObjective(qr, b) >= qObjective(qr, uniformAllocate(30, 60, { bmax: 6 })) - 1e-9);
});
