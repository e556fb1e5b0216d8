/**
 * Numeric fields of `query.meta` passed through as features, standardised with the training
 * mean/std. Booleans become 0/1, numeric strings are parsed. A missing or non-numeric value
 * throws (naming the query id and the field) unless `missing: 'mean'`, which fills the
 * training mean of that field (0 after standardising).
 *
 * @example
 * // Game-of-24 rows: meta = { numbers: [1, 2, 3, 4], solveRate: 0.93, time: 5.2 }
 * new MetaFeatures({ keys: ['solveRate', 'time'] }).fit(train).transform(test);
 * new MetaFeatures({ names: ['n0', 'n1', 'n2', 'n3'], accessor: (q) => q.meta.numbers as number[] });
 */
import type { Query } from '../data/types';
import type { DenseMatrix, Featurizer } from './types';
import { applyStandardizer, fitStandardizer, type Standardizer } from './standardize';

export type MetaFeaturesOptions = (
  | { keys: readonly string[]; accessor?: undefined; names?: undefined }
  | { accessor: (q: Query) => ArrayLike<number | null | undefined>; names: readonly string[]; keys?: undefined }
) & { standardize?: boolean; missing?: 'error' | 'mean' };

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

export class MetaFeatures implements Featurizer {
  readonly name = 'meta';
  readonly featureNames: readonly string[];
  readonly standardize: boolean;
  readonly missing: 'error' | 'mean';
  private readonly get: (q: Query) => ArrayLike<unknown>;
  scaler: Standardizer | null = null;
  /** Training mean per column (raw units), used to fill missing values. */
  fillValues: Float64Array | null = null;

  constructor(opts: MetaFeaturesOptions) {
    if (opts.keys) {
      const keys = opts.keys;
      this.featureNames = keys;
      this.get = (q) => keys.map((k) => q.meta[k]);
    } else {
      this.featureNames = opts.names;
      this.get = opts.accessor;
    }
    if (this.featureNames.length === 0) throw new Error('MetaFeatures: no fields given');
    this.standardize = opts.standardize ?? true;
    this.missing = opts.missing ?? 'error';
  }

  /** Raw values; NaN where missing. */
  private rawMatrix(queries: readonly Query[], fill: Float64Array | null): Float64Array {
    const c = this.featureNames.length;
    const data = new Float64Array(queries.length * c);
    queries.forEach((q, i) => {
      const vals = this.get(q);
      if (vals.length !== c) throw new Error(`MetaFeatures: query ${q.id} gives ${vals.length} values, expected ${c} (${this.featureNames.join(', ')})`);
      for (let j = 0; j < c; j++) {
        let v = toNumber(vals[j]);
        if (!Number.isFinite(v)) {
          if (this.missing === 'error') {
            throw new Error(`MetaFeatures: query ${q.id}, field '${this.featureNames[j]}' is ${JSON.stringify(vals[j])}, not a finite number (use missing: 'mean' to fill)`);
          }
          v = fill ? fill[j] : NaN;
        }
        data[i * c + j] = v;
      }
    });
    return data;
  }

  fit(queries: readonly Query[]): this {
    const c = this.featureNames.length;
    const raw = this.rawMatrix(queries, null);
    const fill = new Float64Array(c);
    const cnt = new Float64Array(c);
    for (let t = 0; t < raw.length; t++) if (Number.isFinite(raw[t])) { fill[t % c] += raw[t]; cnt[t % c]++; }
    for (let j = 0; j < c; j++) fill[j] = cnt[j] > 0 ? fill[j] / cnt[j] : 0;
    for (let t = 0; t < raw.length; t++) if (!Number.isFinite(raw[t])) raw[t] = fill[t % c];
    this.fillValues = fill;
    this.scaler = fitStandardizer(raw, queries.length, c);
    return this;
  }

  transform(queries: readonly Query[]): DenseMatrix {
    const c = this.featureNames.length;
    if (!this.scaler || !this.fillValues) throw new Error('MetaFeatures: call fit(trainQueries) before transform');
    const raw = this.rawMatrix(queries, this.fillValues);
    return { kind: 'dense', rows: queries.length, cols: c, data: this.standardize ? applyStandardizer(this.scaler, raw, c) : raw };
  }
}
