import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromRows, denseFromRows, hstack, matvec, selectRows, tmatvec, toDense } from '../../lib/features/sparse';

const X = csrFromRows([{ indices: [2, 0], values: [2, 1] }, { indices: [1, 1], values: [3, 1] }, { indices: [], values: [] }], 3);

test('csrFromRows sorts indices and sums duplicates', () => {
  assert.deepEqual(Array.from(X.indptr), [0, 2, 3, 3]);
  assert.deepEqual(Array.from(X.indices), [0, 2, 1]);
  assert.deepEqual(Array.from(X.values), [1, 2, 4]);
  assert.throws(() => csrFromRows([{ indices: [3], values: [1] }], 3), /outside \[0, 3\)/);
});

test('matvec and tmatvec agree with hand-computed dense products', () => {
  assert.deepEqual(Array.from(matvec(X, Float64Array.of(1, 10, 100), 0.5)), [201.5, 40.5, 0.5]);
  assert.deepEqual(Array.from(tmatvec(X, Float64Array.of(1, 2, 3))), [1, 8, 2]);
  const D = toDense(X);
  assert.deepEqual(Array.from(matvec(D, Float64Array.of(1, 10, 100))), [201, 40, 0]);
  assert.deepEqual(Array.from(tmatvec(D, Float64Array.of(1, 2, 3))), [1, 8, 2]);
});

test('selectRows picks (and repeats) rows for both layouts', () => {
  const S = selectRows(X, [1, 0, 1]);
  assert.deepEqual(Array.from(toDense(S).data), [0, 4, 0, 1, 0, 2, 0, 4, 0]);
  const T = selectRows(toDense(X), [2, 0]);
  assert.deepEqual(Array.from(T.data), [0, 0, 0, 1, 0, 2]);
});

test('hstack keeps column offsets; CSR if any part is sparse, dense otherwise', () => {
  const D = denseFromRows([[7], [0], [9]]);
  const H = hstack([X, D]);
  assert.equal(H.kind, 'csr');
  assert.equal(H.cols, 4);
  assert.deepEqual(Array.from(toDense(H).data), [1, 0, 2, 7, 0, 4, 0, 0, 0, 0, 0, 9]);
  const HD = hstack([D, D]);
  assert.equal(HD.kind, 'dense');
  assert.deepEqual(Array.from(HD.data), [7, 7, 0, 0, 9, 9]);
});
