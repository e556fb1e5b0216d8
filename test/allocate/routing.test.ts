import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyRoutingThreshold, fitRoutingThreshold, routeByCost, routeTopShare } from '../../lib/allocate';

test('routeTopShare: largest gains, ties to smaller index', () => {
  assert.deepEqual(Array.from(routeTopShare(Float64Array.of(0.1, 0.5, 0.3, 0.5), 0.5)), [0, 1, 0, 1]);
  assert.deepEqual(Array.from(routeTopShare(Float64Array.of(0.2, 0.2, 0.2), 1 / 3)), [1, 0, 0]);
  assert.deepEqual(Array.from(routeTopShare(Float64Array.of(0.2, 0.2), 0)), [0, 0]);
  assert.throws(() => routeTopShare(Float64Array.of(1), 1.5), /share must be in/);
});

test('routeByCost: average cost budget -> number of strong calls', () => {
  // weak 1, strong 3: average 2 per query -> half of the queries go strong
  assert.deepEqual(Array.from(routeByCost(Float64Array.of(0.1, 0.9, 0.5, 0.7), { weak: 1, strong: 3 }, 2)), [0, 1, 0, 1]);
  assert.equal(routeByCost(Float64Array.of(0.1, 0.9), { weak: 1, strong: 3 }, 0.5).reduce((a, b) => a + b, 0), 0);
  assert.equal(routeByCost(Float64Array.of(0.1, 0.9), { weak: 1, strong: 3 }, 10).reduce((a, b) => a + b, 0), 2);
  assert.throws(() => routeByCost(Float64Array.of(0.1), { weak: 2, strong: 1 }, 2), /weak < strong/);
});

test('fitRoutingThreshold / applyRoutingThreshold hit the target share on held-out data', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, share) => {
      const pred = Float64Array.from(xs);
      const t = fitRoutingThreshold(pred, share);
      const routed = applyRoutingThreshold(t, pred).reduce((a, b) => a + b, 0);
      const k = Math.round(share * pred.length);
      const distinct = new Set(xs).size === xs.length;
      if (distinct) assert.equal(routed, k);
      else assert.ok(routed <= k);
      // the online rule routes the same count
      assert.equal(routeTopShare(pred, share).reduce((a, b) => a + b, 0), k);
    }),
    { numRuns: 300 },
  );
  assert.equal(fitRoutingThreshold(Float64Array.of(0.1, 0.3, 0.2), 1 / 3), 0.25);
});
