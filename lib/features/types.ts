import type { Query } from '../data/types';

/** Dense row-major matrix. */
export interface DenseMatrix {
  kind: 'dense';
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Compressed sparse rows: row i holds indices[indptr[i]..indptr[i+1]) with their values. */
export interface CsrMatrix {
  kind: 'csr';
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export type FeatureMatrix = DenseMatrix | CsrMatrix;

/** scikit-learn style: configuration in the constructor, `fit` on training queries only, then `transform`. */
export interface Featurizer {
  readonly name: string;
  fit(queries: readonly Query[]): this;
  transform(queries: readonly Query[]): FeatureMatrix;
}
