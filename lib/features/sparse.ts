/**
 * Matrix helpers over the two feature layouts (dense row-major, CSR), used by featurizers and
 * predictors. All loops run on typed arrays; nothing materialises a dense copy of a CSR matrix.
 *
 * - `csrFromRows`: build CSR from per-row (sorted or unsorted) index/value lists.
 * - `matvec`: y = X w (+ b).            O(nnz)
 * - `tmatvec`: g = X^T v.              O(nnz)
 * - `selectRows`: X[idx, :] for an index set (CV folds, splits).
 * - `hstack`: [A | B | ...] with stable column offsets; CSR if any part is CSR.
 *
 * @example
 * const X = csrFromRows([{ indices: [0, 2], values: [1, 2] }, { indices: [1], values: [3] }], 3);
 * matvec(X, Float64Array.of(1, 1, 1)); // Float64Array [3, 3]
 */
import type { CsrMatrix, DenseMatrix, FeatureMatrix } from './types';

/** One sparse row: parallel arrays of column indices and values. */
export interface SparseRow {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Build a CSR matrix from rows. Indices within a row are sorted; duplicates are summed. */
export function csrFromRows(rows: readonly SparseRow[], cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  let nnz = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.indices.length !== r.values.length) {
      throw new Error(`csrFromRows: row ${i} has ${r.indices.length} indices but ${r.values.length} values`);
    }
    nnz += r.indices.length;
  }
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const m = r.indices.length;
    const order = new Int32Array(m);
    for (let k = 0; k < m; k++) order[k] = k;
    let sorted = true;
    for (let k = 1; k < m; k++) if (r.indices[k] <= r.indices[k - 1]) { sorted = false; break; }
    if (!sorted) order.sort((a, b) => r.indices[a] - r.indices[b]);
    for (let k = 0; k < m; k++) {
      const c = r.indices[order[k]];
      if (!(c >= 0 && c < cols) || !Number.isInteger(c)) {
        throw new Error(`csrFromRows: row ${i} has column index ${c} outside [0, ${cols})`);
      }
      if (p > indptr[i] && indices[p - 1] === c) values[p - 1] += r.values[order[k]];
      else {
        indices[p] = c;
        values[p] = r.values[order[k]];
        p++;
      }
    }
    indptr[i + 1] = p;
  }
  return { kind: 'csr', rows: rows.length, cols, indptr, indices: indices.slice(0, p), values: values.slice(0, p) };
}

/** Dense matrix from nested rows (convenience for tests and small inputs). */
export function denseFromRows(rows: readonly ArrayLike<number>[], cols?: number): DenseMatrix {
  const c = cols ?? (rows.length ? rows[0].length : 0);
  const data = new Float64Array(rows.length * c);
  rows.forEach((r, i) => {
    if (r.length !== c) throw new Error(`denseFromRows: row ${i} has length ${r.length}, expected ${c}`);
    for (let j = 0; j < c; j++) data[i * c + j] = r[j];
  });
  return { kind: 'dense', rows: rows.length, cols: c, data };
}

/** Dense copy of any feature matrix (tests and small matrices only). */
export function toDense(X: FeatureMatrix): DenseMatrix {
  if (X.kind === 'dense') return X;
  const data = new Float64Array(X.rows * X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) data[i * X.cols + X.indices[p]] += X.values[p];
  }
  return { kind: 'dense', rows: X.rows, cols: X.cols, data };
}

/** y = X w + bias (bias defaults to 0). `out` may be passed to avoid allocation. */
export function matvec(X: FeatureMatrix, w: ArrayLike<number>, bias = 0, out?: Float64Array): Float64Array {
  if (w.length < X.cols) throw new Error(`matvec: weight length ${w.length} < ${X.cols} columns`);
  const y = out ?? new Float64Array(X.rows);
  if (X.kind === 'csr') {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      let s = bias;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) s += values[p] * w[indices[p]];
      y[i] = s;
    }
  } else {
    const { data, cols } = X;
    for (let i = 0; i < X.rows; i++) {
      let s = bias;
      const o = i * cols;
      for (let j = 0; j < cols; j++) s += data[o + j] * w[j];
      y[i] = s;
    }
  }
  return y;
}

/** g = X^T v (length cols). `out` (if given) is overwritten. */
export function tmatvec(X: FeatureMatrix, v: ArrayLike<number>, out?: Float64Array): Float64Array {
  if (v.length !== X.rows) throw new Error(`tmatvec: vector length ${v.length} != ${X.rows} rows`);
  const g = out ?? new Float64Array(X.cols);
  g.fill(0, 0, X.cols);
  if (X.kind === 'csr') {
    const { indptr, indices, values } = X;
    for (let i = 0; i < X.rows; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      for (let p = indptr[i]; p < indptr[i + 1]; p++) g[indices[p]] += values[p] * vi;
    }
  } else {
    const { data, cols } = X;
    for (let i = 0; i < X.rows; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      const o = i * cols;
      for (let j = 0; j < cols; j++) g[j] += data[o + j] * vi;
    }
  }
  return g;
}

/** Rows `idx` of X, in that order (indices may repeat: bootstrap). */
export function selectRows<M extends FeatureMatrix>(X: M, idx: ArrayLike<number>): M;
export function selectRows(X: FeatureMatrix, idx: ArrayLike<number>): FeatureMatrix {
  for (let k = 0; k < idx.length; k++) {
    if (!(idx[k] >= 0 && idx[k] < X.rows)) throw new Error(`selectRows: row index ${idx[k]} outside [0, ${X.rows})`);
  }
  if (X.kind === 'dense') {
    const data = new Float64Array(idx.length * X.cols);
    for (let k = 0; k < idx.length; k++) data.set(X.data.subarray(idx[k] * X.cols, (idx[k] + 1) * X.cols), k * X.cols);
    return { kind: 'dense', rows: idx.length, cols: X.cols, data };
  }
  const indptr = new Int32Array(idx.length + 1);
  for (let k = 0; k < idx.length; k++) indptr[k + 1] = indptr[k] + X.indptr[idx[k] + 1] - X.indptr[idx[k]];
  const nnz = indptr[idx.length];
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let k = 0; k < idx.length; k++) {
    const a = X.indptr[idx[k]];
    const b = X.indptr[idx[k] + 1];
    indices.set(X.indices.subarray(a, b), indptr[k]);
    values.set(X.values.subarray(a, b), indptr[k]);
  }
  return { kind: 'csr', rows: idx.length, cols: X.cols, indptr, indices, values };
}

/** Horizontal concatenation. Part k occupies columns offsets[k]..offsets[k+1]. */
export function hstack(parts: readonly FeatureMatrix[]): FeatureMatrix {
  if (parts.length === 0) throw new Error('hstack: no parts');
  const rows = parts[0].rows;
  parts.forEach((P, k) => {
    if (P.rows !== rows) throw new Error(`hstack: part ${k} has ${P.rows} rows, part 0 has ${rows}`);
  });
  const cols = parts.reduce((s, P) => s + P.cols, 0);
  if (parts.every((P) => P.kind === 'dense')) {
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      let off = 0;
      for (const P of parts as DenseMatrix[]) {
        data.set(P.data.subarray(i * P.cols, (i + 1) * P.cols), i * cols + off);
        off += P.cols;
      }
    }
    return { kind: 'dense', rows, cols, data };
  }
  let nnz = 0;
  for (const P of parts) {
    if (P.kind === 'csr') nnz += P.indptr[rows];
    else for (let t = 0; t < P.data.length; t++) if (P.data[t] !== 0) nnz++;
  }
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    let off = 0;
    for (const P of parts) {
      if (P.kind === 'csr') {
        for (let q = P.indptr[i]; q < P.indptr[i + 1]; q++) {
          indices[p] = P.indices[q] + off;
          values[p++] = P.values[q];
        }
      } else {
        const o = i * P.cols;
        for (let j = 0; j < P.cols; j++) {
          const v = P.data[o + j];
          if (v !== 0) {
            indices[p] = j + off;
            values[p++] = v;
          }
        }
      }
      off += P.cols;
    }
    indptr[i + 1] = p;
  }
  return { kind: 'csr', rows, cols, indptr, indices, values };
}

/** Number of stored (CSR) or non-zero (dense) entries. */
export function nnz(X: FeatureMatrix): number {
  if (X.kind === 'csr') return X.indptr[X.rows];
  let c = 0;
  for (let t = 0; t < X.data.length; t++) if (X.data[t] !== 0) c++;
  return c;
}
