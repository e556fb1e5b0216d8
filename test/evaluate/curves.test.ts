import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestOfKCurves } from '../../lib/evaluate/curves';
import type { QTable } from '../../lib/rewards/types';

/** pass@b table from success probabilities (with replacement: 1 - (1-p)^b). */
function table(ps: number[], bmax: number): QTable {
  const q = new Float64Array(ps.length * (bmax + 1));
  ps.forEach((p, i) => {
    for (let b = 0; b <= bmax; b++) q[i * (bmax + 1) + b] = 1 - Math.pow(1 - p, b);
  });
  return { n: ps.length, bmax, q };
}

/** Inline uniform: floor(total/n) each, remainder one each to the first queries. */
function uniform(n: number, bmax: number) {
  return (total: number): Int32Array => {
    const b = new Int32Array(n);
    const base = Math.floor(total / n);
    for (let i = 0; i < n; i++) b[i] = Math.min(bmax, base + (i < total - base * n ? 1 : 0));
    return b;
  };
}

test('bestOfKCurves: uniform curve equals the mean of q_i(x), spent equals x', () => {
  const q = table([0, 0.5, 1, 0.2], 4);
  const fam = bestOfKCurves({ q, xs: [1, 2, 3, 4], allocators: { uniform: uniform(4, 4) } });
  for (let k = 0; k < 4; k++) {
    const x = k + 1;
    const expected = (0 + (1 - Math.pow(0.5, x)) + 1 + (1 - Math.pow(0.8, x))) / 4;
    assert.ok(Math.abs(fam.curves.uniform[k] - expected) < 1e-12);
    assert.equal(fam.spent.uniform[k], x);
  }
  assert.equal(fam.allocations?.uniform.length, 4);
});

test('bestOfKCurves: an allocator that ignores the total has its real spend recorded, computed once per x', () => {
  const q = table([0.1, 0.9], 3);
  let calls = 0;
  const fixed = (): Int32Array => {
    calls++;
    return Int32Array.from([3, 0]);
  };
  const fam = bestOfKCurves({ q, xs: [1, 2], allocators: { fixed }, keepAllocations: false });
  assert.equal(calls, 2);
  assert.deepEqual(Array.from(fam.spent.fixed), [1.5, 1.5]);
  assert.ok(Math.abs(fam.curves.fixed[0] - (1 - 0.9 ** 3) / 2) < 1e-12);
  assert.equal(fam.allocations, undefined);
});

test('bestOfKCurves: a bad allocation names the allocator and x', () => {
  const q = table([0.1, 0.9], 3);
  assert.throws(() => bestOfKCurves({ q, xs: [1], allocators: { bad: () => Int32Array.from([4, 0]) } }), /allocator 'bad' at x = 1/);
});

test('bestOfKCurves: a path allocator (one greedy pass) gives the same curve as per-x allocation', async () => {
  const { qTableFromCounts } = await import('../../lib/rewards/tables');
  const { oracleAllocate, oracleAllocatePath } = await import('../../lib/allocate/oracle');
  const n = Int32Array.from({ length: 50 }, () => 8);
  const c = Int32Array.from({ length: 50 }, (_, i) => (i * 7) % 9);
  const q = qTableFromCounts(n, c, 8);
  const xs = [1, 2, 3, 5, 8];
  const a = bestOfKCurves({ q, xs, allocators: { oracle: (t: number) => oracleAllocate(q, t) } });
  let calls = 0;
  const b = bestOfKCurves({ q, xs, allocators: { oracle: { path: (totals: number[]) => { calls++; return oracleAllocatePath(q, totals); } } } });
  assert.equal(calls, 1);
  assert.deepEqual(Array.from(b.curves.oracle), Array.from(a.curves.oracle));
  assert.deepEqual(b.allocations!.oracle, a.allocations!.oracle);
});
