import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { routingCurves, apgr, cpt, routingMetrics, routeShareByGroup, routeMask, routingBands, routingCostAxis } from '../../lib/evaluate/routing';
import { makeRng } from '../../lib/util/rng';

const shares = Array.from({ length: 21 }, (_, k) => k / 20);

function binaryData(n: number, seed: number) {
  const rng = makeRng(seed);
  const weak = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
  const strong = Float64Array.from({ length: n }, (_, i) => (weak[i] || rng.next() < 0.5 ? 1 : 0));
  return { weak, strong };
}

test('apgr and cpt: hand-checked on a three-point curve', () => {
  const a = apgr([0, 0.5, 1], [0.2, 0.5, 0.6], 0.2, 0.6);
  assert.ok(a !== null && Math.abs(a - 0.625) < 1e-12);
  const c = cpt([0, 0.5, 1], [0.2, 0.5, 0.6], 0.2, 0.6, 0.5);
  assert.ok(c !== null && Math.abs(c - 0.2 / 0.3 * 0.5) < 1e-12);
  // 80% of the gap = 0.52: between (0.5, 0.5) and (1, 0.6) -> 0.5 + 0.2 * 0.5 = 0.6
  const c8 = cpt([0, 0.5, 1], [0.2, 0.5, 0.6], 0.2, 0.6, 0.8);
  assert.ok(c8 !== null && Math.abs(c8 - 0.6) < 1e-12);
  assert.equal(apgr([0, 1], [0.5, 0.5], 0.5, 0.5), null);
});

test('random router: APGR 0.5 within 1e-6 on random data; oracle APGR > 0.5', () => {
  fc.assert(
    fc.property(fc.integer({ min: 5, max: 300 }), fc.integer(), (n, seed) => {
      const { weak, strong } = binaryData(n, seed);
      const rc = routingCurves({ weak, strong, shares });
      if (rc.strongMean === rc.weakMean) return;
      const a = apgr(rc.spent.random, rc.curves.random, rc.weakMean, rc.strongMean);
      assert.ok(a !== null && Math.abs(a - 0.5) < 1e-6);
      const o = apgr(rc.spent.oracle, rc.curves.oracle, rc.weakMean, rc.strongMean);
      assert.ok(o !== null && o > 0.5);
    }),
    { numRuns: 100 },
  );
});

test('routingCurves: random and oracle agree with an independent computation', () => {
  const rng = makeRng(4);
  const n = 137;
  const weak = Float64Array.from({ length: n }, () => rng.next() * 10);
  const strong = Float64Array.from({ length: n }, () => rng.next() * 10);
  const rc = routingCurves({ weak, strong, shares });
  const mw = weak.reduce((s, v) => s + v, 0) / n;
  const ms = strong.reduce((s, v) => s + v, 0) / n;
  const gains = Array.from(strong, (s, i) => s - weak[i]).sort((a, b) => b - a);
  shares.forEach((x, k) => {
    assert.ok(Math.abs(rc.curves.random[k] - ((1 - x) * mw + x * ms)) < 1e-9);
    const m = Math.round(x * n);
    const oracle = (weak.reduce((s, v) => s + v, 0) + gains.slice(0, m).reduce((s, v) => s + v, 0)) / n;
    assert.ok(Math.abs(rc.curves.oracle[k] - oracle) < 1e-9);
    assert.equal(rc.spent.oracle[k], m / n);
  });
});

test('routingCurves: online ranks by predicted gain (ties by index); policies record their actual share; costs', () => {
  const weak = Float64Array.from([0, 1, 0, 1]);
  const strong = Float64Array.from([1, 1, 0, 0]);
  const predGain = Float64Array.from([0.2, 0.9, 0.2, 0.1]);
  const rc = routingCurves({
    weak,
    strong,
    predGain,
    shares: [0, 0.25, 0.5],
    policies: { offline: (s) => (s === 0 ? [0, 0, 0, 0] : [1, 1, 1, 0]) },
    costs: { weak: 1, strong: 10 },
  });
  // 0.25 -> query 1 (gain 0): 0.5 ; 0.5 -> queries 1, 0: 0.75
  assert.deepEqual(Array.from(rc.curves.online), [0.5, 0.5, 0.75]);
  assert.deepEqual(Array.from(routeMask(rc, 'online', 2) ?? []), [1, 1, 0, 0]);
  assert.deepEqual(Array.from(rc.spent.offline), [0, 0.75, 0.75]);
  assert.deepEqual(Array.from(rc.curves.offline), [0.5, 0.75, 0.75]);
  assert.deepEqual(Array.from(rc.cost?.offline ?? []), [1, 7.75, 7.75]);
  assert.deepEqual(Array.from(routingCostAxis([0, 1], { weak: 1, strong: 10 })), [1, 10]);
  assert.equal(routeMask(rc, 'random', 1), null);
  assert.throws(() => routingCurves({ weak, strong, shares: [0], policies: { bad: () => [2, 0, 0, 0] } }), /policy 'bad' routed query 0 to 2/);
});

test('routingMetrics: random 0.5, oracle captures everything, online between; cpt of random is the level', () => {
  const { weak, strong } = binaryData(400, 21);
  const rng = makeRng(5);
  const predGain = Float64Array.from(strong, (s, i) => s - weak[i] + rng.normal());
  const rc = routingCurves({ weak, strong, predGain, shares });
  const m = routingMetrics(rc);
  assert.ok(Math.abs((m.apgr.random ?? 0) - 0.5) < 1e-6);
  assert.ok((m.apgr.online ?? 0) > 0.5 && (m.apgr.online ?? 0) < (m.apgr.oracle ?? 0));
  assert.ok(Math.abs((m.cpt50.random ?? 0) - 0.5) < 1e-9);
  assert.ok(Math.abs((m.cpt80.random ?? 0) - 0.8) < 1e-9);
  assert.ok((m.oracleGainCaptured.online ?? 0) > 0 && (m.oracleGainCaptured.online ?? 2) < 1);
  assert.equal(m.savedAtMatchedQuality.online[0], null); // x = 0
});

test('routeShareByGroup: hand-checked groups; random gives its share everywhere', () => {
  const weak = Float64Array.from([0, 0, 1, 1, 0]);
  const strong = Float64Array.from([1, 1, 1, 0, 0]);
  const g = routeShareByGroup(weak, strong, Uint8Array.from([1, 0, 0, 1, 1]));
  assert.deepEqual(g.strongOnly, { count: 2, share: 0.5 });
  assert.deepEqual(g.bothRight, { count: 1, share: 0 });
  assert.deepEqual(g.weakOnly, { count: 1, share: 1 });
  assert.deepEqual(g.bothWrong, { count: 1, share: 1 });
  const r = routeShareByGroup(weak, strong, 0.3);
  assert.ok(Object.values(r).every((v) => Math.abs(v.share - 0.3) < 1e-12));
});

test('routingBands: deterministic, paired against random, oracle band above random where it is better', () => {
  const { weak, strong } = binaryData(300, 7);
  const rc = routingCurves({ weak, strong, shares: [0, 0.5, 1] });
  const b1 = routingBands(rc, weak, strong, { B: 200, seed: 9 });
  const b2 = routingBands(rc, weak, strong, { B: 200, seed: 9 });
  assert.deepEqual(b1, b2);
  assert.ok(b1.paired.oracle.lo[1] > 0);
  assert.ok(Math.abs(b1.paired.oracle.lo[0]) < 1e-12 && Math.abs(b1.paired.oracle.hi[2]) < 1e-12);
});
