import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { oracleCurve, uniformCurve } from '../../lib/evaluate/fast_curves';
import { bestOfKCurves } from '../../lib/evaluate/curves';
import { oracleAllocate } from '../../lib/allocate/oracle';
import { uniformAllocate } from '../../lib/allocate/uniform';
import type { QTable } from '../../lib/rewards/types';

test('uniformCurve / oracleCurve: hand-checked', () => {
  const q = { n: 2, bmax: 2, q: Float64Array.of(0, 0.5, 0.75, 0, 0.1, 0.2) };
  assert.deepEqual(Array.from(uniformCurve(q, [1, 1.5, 2, 3])).map((v) => +v.toFixed(12)), [0.3, 0.425, 0.475, 0.475]);
  assert.deepEqual(Array.from(oracleCurve(q, [0.5, 1, 2])).map((v) => +v.toFixed(12)), [0.25, 0.375, 0.475]);
  const nonConcave = { n: 1, bmax: 2, q: Float64Array.of(0, 0.1, 0.9) };
  assert.throws(() => oracleCurve(nonConcave, [1]), /not non-increasing/);
});

/** Concave q tables built from non-increasing gains with ties, zeros and negatives. */
const concaveQ = fc
  .record({ n: fc.integer({ min: 1, max: 30 }), bmax: fc.integer({ min: 1, max: 8 }) })
  .chain(({ n, bmax }) =>
    fc
      .array(fc.array(fc.oneof(fc.integer({ min: -2, max: 9 }).map((v) => v / 10), fc.double({ min: 1e-30, max: 1, noNaN: true })), { minLength: bmax, maxLength: bmax }), { minLength: n, maxLength: n })
      .map((rows): QTable => {
        const q = new Float64Array(n * (bmax + 1));
        rows.forEach((r, i) => {
          const g = r.slice().sort((a, b) => b - a);
          for (let j = 1; j <= bmax; j++) q[i * (bmax + 1) + j] = q[i * (bmax + 1) + j - 1] + g[j - 1];
        });
        return { n, bmax, q };
      }),
  );

test('uniformCurve and oracleCurve agree with bestOfKCurves on the allocators (1e-9), any x, with or without stopping at zero gain', () => {
  fc.assert(
    fc.property(concaveQ, fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }), fc.boolean(), (q, xs, stop) => {
      const fam = bestOfKCurves({
        q, xs,
        allocators: {
          uniform: (t) => uniformAllocate(q.n, t, { bmax: q.bmax }),
          oracle: (t) => oracleAllocate(q, Math.min(t, q.n * q.bmax), { stopAtZeroGain: stop }),
        },
      });
      const u = uniformCurve(q, xs);
      const o = oracleCurve(q, xs, { stopAtZeroGain: stop });
      xs.forEach((x, k) => {
        assert.ok(Math.abs(u[k] - fam.curves.uniform[k]) < 1e-9, `uniform at x=${x}: ${u[k]} vs ${fam.curves.uniform[k]}`);
        assert.ok(Math.abs(o[k] - fam.curves.oracle[k]) < 1e-9, `oracle at x=${x}: ${o[k]} vs ${fam.curves.oracle[k]}`);
      });
    }),
    { numRuns: 300, seed: 3 },
  );
});
