/**
 * Drop the columns of a CSR matrix that hold no non-zero value in the training rows.
 * With an L2 penalty, those columns' optimal weights are exactly 0 (their loss gradient is 0),
 * so solving in the compressed space and scattering back gives the same solution, while the
 * solver's vectors shrink from 2^18 to the vocabulary actually seen.
 *
 * @example
 * const { X: Xc, columns } = compressColumns(X); // Xc.cols = columns.length
 * expandColumns(wc, columns, X.cols);              // full-length weight vector
 */
import type { FeatureMatrix } from '../features/types';

export interface CompressedColumns {
  X: FeatureMatrix;
  /** Original index of each kept column, or null when nothing was dropped (dense input). */
  columns: Int32Array | null;
}

export function compressColumns(X: FeatureMatrix): CompressedColumns {
  if (X.kind === 'dense') return { X, columns: null };
  const map = new Int32Array(X.cols).fill(-1);
  const nz = X.indptr[X.rows];
  for (let p = 0; p < nz; p++) if (X.values[p] !== 0) map[X.indices[p]] = 1;
  let k = 0;
  for (let j = 0; j < X.cols; j++) if (map[j] === 1) map[j] = k++;
  const columns = new Int32Array(k);
  for (let j = 0; j < X.cols; j++) if (map[j] >= 0) columns[map[j]] = j;
  const indptr = new Int32Array(X.rows + 1);
  const indices = new Int32Array(nz);
  const values = new Float64Array(nz);
  let q = 0;
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      if (X.values[p] === 0) continue;
      indices[q] = map[X.indices[p]];
      values[q++] = X.values[p];
    }
    indptr[i + 1] = q;
  }
  return { X: { kind: 'csr', rows: X.rows, cols: k, indptr, indices: indices.slice(0, q), values: values.slice(0, q) }, columns };
}

/** Scatter compressed rows of a (k x width) row-major block into a (cols x width) block. */
export function expandColumns(w: Float64Array, columns: Int32Array | null, cols: number, width = 1): Float64Array {
  if (!columns) return w;
  const out = new Float64Array(cols * width);
  for (let k = 0; k < columns.length; k++) {
    for (let t = 0; t < width; t++) out[columns[k] * width + t] = w[k * width + t];
  }
  return out;
}
