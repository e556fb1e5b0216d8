/**
 * Concatenation of featurizers: fit each on the same training queries, transform each and
 * stack columns [part0 | part1 | ...]. The result is CSR if any part is sparse, else dense.
 * Column offsets are fixed at fit time (`offsets[k]` = first column of part k) and checked on
 * every transform, so a model's weights keep their meaning.
 *
 * @example
 * const f = new Concat([new HashedTfidf({ norm: 'none' }), new TextStats()]).fit(train);
 * f.transform(test); // CsrMatrix, 2^18 + 19 columns; f.offsets = [0, 262144, 262163]
 */
import type { Query } from '../data/types';
import type { FeatureMatrix, Featurizer } from './types';
import { hstack } from './sparse';

export class Concat implements Featurizer {
  readonly name: string;
  readonly parts: readonly Featurizer[];
  /** Column offsets after fit: length parts.length + 1, last = total columns. */
  offsets: Int32Array | null = null;

  constructor(parts: readonly Featurizer[]) {
    if (parts.length === 0) throw new Error('Concat: no featurizers');
    this.parts = parts;
    this.name = `concat(${parts.map((p) => p.name).join(', ')})`;
  }

  fit(queries: readonly Query[]): this {
    for (const p of this.parts) p.fit(queries);
    // Column counts: transform zero rows (cheap, and leaks nothing).
    const mats = this.parts.map((p) => p.transform([]));
    const offs = new Int32Array(mats.length + 1);
    mats.forEach((m, k) => (offs[k + 1] = offs[k] + m.cols));
    this.offsets = offs;
    return this;
  }

  transform(queries: readonly Query[]): FeatureMatrix {
    const offs = this.offsets;
    if (!offs) throw new Error('Concat: call fit(trainQueries) before transform');
    const mats = this.parts.map((p) => p.transform(queries));
    mats.forEach((m, k) => {
      if (m.cols !== offs[k + 1] - offs[k]) {
        throw new Error(`Concat: part ${k} (${this.parts[k].name}) gave ${m.cols} columns, ${offs[k + 1] - offs[k]} at fit`);
      }
    });
    return hstack(mats);
  }
}
