import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateSequentialPolicy,
  oneShotPolicy,
  samplesFromCounts,
  sequentialDifference,
} from '../../lib/evaluate/sequential';
import { passAtK } from '../../lib/rewards/pass_at_k';
import { makeRng } from '../../lib/util/rng';

test('samplesFromCounts: c ones then zeros; bad counts throw', () => {
  const s = samplesFromCounts(Int32Array.of(3, 2), Int32Array.of(1, 2));
  assert.deepEqual(s.map((x) => Array.from(x)), [
    [1, 0, 0],
    [1, 1],
  ]);
  assert.throws(() => samplesFromCounts(Int32Array.of(2), Int32Array.of(3)), /query 0/);
});

test('a one-shot policy replayed over orders estimates pass@b (within sampling error)', () => {
  const rng = makeRng(4);
  const nq = 300;
  const n = new Int32Array(nq).fill(10);
  const c = Int32Array.from({ length: nq }, () => rng.int(11));
  const budgets = Int32Array.from({ length: nq }, () => 1 + rng.int(5));
  let exact = 0;
  for (let i = 0; i < nq; i++) exact += passAtK(10, c[i], budgets[i]);
  exact /= nq;
  const ev = evaluateSequentialPolicy({ samples: samplesFromCounts(n, c), orders: 400, seed: 1, run: oneShotPolicy(budgets) });
  let v = 0;
  for (const m of ev.perOrderMeans) v += (m - ev.mean) ** 2;
  const se = Math.sqrt(v / (ev.perOrderMeans.length - 1) / ev.perOrderMeans.length);
  assert.ok(Math.abs(ev.mean - exact) < 4 * se, `replay ${ev.mean} vs exact ${exact} (se ${se})`);
  assert.ok(ev.lo < exact && exact < ev.hi);
  let sb = 0;
  for (const b of budgets) sb += b;
  assert.ok(Math.abs(ev.spent - sb / nq) < 1e-12);
});

test('the first sample drawn is uniform over the query\'s samples (each order a fresh shuffle)', () => {
  const samples = [Float64Array.of(0, 1, 2, 3, 4)];
  const counts = new Float64Array(5);
  evaluateSequentialPolicy({
    samples,
    orders: 1000,
    seed: 9,
    run: (source) => {
      counts[source.draw(0)]++;
    },
  });
  for (let k = 0; k < 5; k++) assert.ok(counts[k] > 140 && counts[k] < 260, `sample ${k} drawn first ${counts[k]} times of 1000`);
});

test('the source refuses draws beyond min(n_i, bmax) and reports spent / remaining', () => {
  const samples = [Float64Array.of(1, 0, 0), Float64Array.of(0, 0)];
  assert.throws(
    () => evaluateSequentialPolicy({ samples, orders: 200, seed: 1, run: (s) => { for (let t = 0; t < 3; t++) s.draw(1); } }),
    /query 1 has no sample left/,
  );
  assert.throws(
    () => evaluateSequentialPolicy({ samples, orders: 200, seed: 1, bmax: 2, run: (s) => { for (let t = 0; t < 3; t++) s.draw(0); } }),
    /query 0 has no sample left \(cap 2/,
  );
  const seen: number[] = [];
  evaluateSequentialPolicy({
    samples,
    orders: 200,
    seed: 1,
    run: (s) => {
      s.draw(0);
      seen.push(s.spent(0), s.remaining(0), s.spent(1), s.remaining(1));
    },
  });
  assert.deepEqual(seen.slice(0, 4), [1, 2, 0, 2]);
});

test('reported budgets or values that disagree with what was paid for throw; fewer than 200 orders throws', () => {
  const samples = [Float64Array.of(1, 1)];
  assert.throws(
    () => evaluateSequentialPolicy({ samples, orders: 200, seed: 1, run: (s) => { s.draw(0); return { budgets: Int32Array.of(2) }; } }),
    /reports budget 2 for query 0 but paid for 1/,
  );
  assert.throws(
    () => evaluateSequentialPolicy({ samples: [Float64Array.of(0, 0)], orders: 200, seed: 1, run: (s) => { s.draw(0); return { value: Float64Array.of(1) }; } }),
    /reports value 1/,
  );
  assert.throws(() => evaluateSequentialPolicy({ samples, orders: 50, seed: 1, run: () => undefined }), /orders must be an integer >= 200/);
});

test('reranked data: value = true reward of the drawn sample with the best observed score, ties averaged', () => {
  const samples = [Float64Array.of(0, 1, 0.5), Float64Array.of(0.2, 0.8)];
  const observed = [Float64Array.of(3, 1, 2), Float64Array.of(5, 5)];
  const ev = evaluateSequentialPolicy({
    samples,
    observed,
    orders: 200,
    seed: 2,
    run: (s) => {
      for (let t = 0; t < 3; t++) s.draw(0);
      for (let t = 0; t < 2; t++) s.draw(1);
    },
  });
  // query 0: the reranker picks the score-3 sample (reward 0); query 1: tie, (0.2 + 0.8) / 2
  assert.ok(Math.abs(ev.mean - (0 + 0.5) / 2) < 1e-12);
  assert.equal(ev.lo, ev.hi);
});

test('no draw scores 0; the same seed replays identically and differences are paired', () => {
  const rng = makeRng(6);
  const samples = Array.from({ length: 50 }, () => Float64Array.from({ length: 6 }, () => rng.next()));
  const none = evaluateSequentialPolicy({ samples, orders: 200, seed: 3, run: () => undefined });
  assert.equal(none.mean, 0);
  assert.equal(none.spent, 0);
  const b2 = new Int32Array(50).fill(2);
  const a = evaluateSequentialPolicy({ samples, orders: 200, seed: 3, run: oneShotPolicy(b2) });
  const b = evaluateSequentialPolicy({ samples, orders: 200, seed: 3, run: oneShotPolicy(b2) });
  assert.deepEqual(Array.from(a.perOrderMeans), Array.from(b.perOrderMeans));
  const d = sequentialDifference(a, b);
  assert.equal(d.mean, 0);
  assert.equal(d.hi, 0);
  // more samples per query can only raise the max in every order (same shuffles)
  const c = evaluateSequentialPolicy({ samples, orders: 200, seed: 3, run: oneShotPolicy(new Int32Array(50).fill(3)) });
  for (let o = 0; o < 200; o++) assert.ok(c.perOrderMeans[o] >= a.perOrderMeans[o]);
});
