/**
 * User embeddings as features: looks each query up by id in a table the user exported from
 * their own model (e.g. produced by the data stage's embedding loader). Rows are joined by
 * query id, never by position. An unknown id throws, naming it. Optional standardisation
 * (training mean/std per dimension) and L2 row normalisation.
 *
 * @example
 * const emb = new EmbeddingFeatures({ ids: ['q1', 'q2'], dim: 2, data: Float32Array.of(1, 0, 0, 1) });
 * emb.fit(train).transform([{ id: 'q2', text: '', meta: {} }]); // dense 1 x 2: [0, 1]
 */
import type { Query } from '../data/types';
import type { DenseMatrix, Featurizer } from './types';
import { applyStandardizer, fitStandardizer, type Standardizer } from './standardize';

/** Row-aligned table: row k of `data` (length dim) is the embedding of ids[k]. */
export interface EmbeddingTable {
  ids: readonly string[];
  dim: number;
  data: Float32Array | Float64Array;
}

export interface EmbeddingFeaturesOptions {
  /** Standardise each dimension with training mean/std. Default false. */
  standardize?: boolean;
  /** Divide each row by its L2 norm (before standardising). Default false. */
  l2normalize?: boolean;
}

export class EmbeddingFeatures implements Featurizer {
  readonly name = 'embeddings';
  readonly dim: number;
  readonly standardize: boolean;
  readonly l2normalize: boolean;
  private readonly lookup: Map<string, ArrayLike<number>>;
  scaler: Standardizer | null = null;

  constructor(source: ReadonlyMap<string, Float32Array | Float64Array> | EmbeddingTable, opts: EmbeddingFeaturesOptions = {}) {
    this.lookup = new Map();
    if (source instanceof Map) {
      let dim = -1;
      for (const [id, v] of source as ReadonlyMap<string, Float32Array | Float64Array>) {
        if (dim < 0) dim = v.length;
        if (v.length !== dim) throw new Error(`EmbeddingFeatures: embedding of '${id}' has length ${v.length}, others ${dim}`);
        this.lookup.set(id, v);
      }
      if (dim < 0) throw new Error('EmbeddingFeatures: empty embedding map');
      this.dim = dim;
    } else {
      const t = source as EmbeddingTable;
      if (t.data.length !== t.ids.length * t.dim) {
        throw new Error(`EmbeddingFeatures: data has ${t.data.length} values, expected ids.length x dim = ${t.ids.length} x ${t.dim}`);
      }
      this.dim = t.dim;
      t.ids.forEach((id, k) => {
        if (this.lookup.has(id)) throw new Error(`EmbeddingFeatures: duplicate id '${id}' in embedding table`);
        this.lookup.set(id, t.data.subarray(k * t.dim, (k + 1) * t.dim));
      });
    }
    this.standardize = opts.standardize ?? false;
    this.l2normalize = opts.l2normalize ?? false;
  }

  private rawMatrix(queries: readonly Query[]): Float64Array {
    const d = this.dim;
    const data = new Float64Array(queries.length * d);
    const missing: string[] = [];
    queries.forEach((q, i) => {
      const v = this.lookup.get(q.id);
      if (!v) { missing.push(q.id); return; }
      let ss = 0;
      for (let j = 0; j < d; j++) { data[i * d + j] = v[j]; ss += v[j] * v[j]; }
      if (this.l2normalize && ss > 0) {
        const inv = 1 / Math.sqrt(ss);
        for (let j = 0; j < d; j++) data[i * d + j] *= inv;
      }
    });
    if (missing.length) {
      throw new Error(`EmbeddingFeatures: no embedding for ${missing.length} query id(s), e.g. '${missing.slice(0, 3).join("', '")}' (table has ${this.lookup.size} ids)`);
    }
    return data;
  }

  fit(queries: readonly Query[]): this {
    const raw = this.rawMatrix(queries);
    if (this.standardize) this.scaler = fitStandardizer(raw, queries.length, this.dim);
    return this;
  }

  transform(queries: readonly Query[]): DenseMatrix {
    const raw = this.rawMatrix(queries);
    if (!this.standardize) return { kind: 'dense', rows: queries.length, cols: this.dim, data: raw };
    if (!this.scaler) throw new Error('EmbeddingFeatures: call fit(trainQueries) before transform');
    return { kind: 'dense', rows: queries.length, cols: this.dim, data: applyStandardizer(this.scaler, raw, this.dim) };
  }
}
