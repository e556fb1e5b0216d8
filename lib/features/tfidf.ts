/**
 * Hashed word and character n-gram TF-IDF (the hashing trick: Weinberger et al. 2009), sparse.
 *
 * For document d and hashed bucket t:
 *   tf(t, d)  = raw count, or 1 + ln(count) when `sublinearTf`
 *   idf(t)    = ln((1 + N) / (1 + df(t))) + 1   (smoothIdf, scikit-learn's default)
 *             = ln(N / df(t)) + 1               (no smoothing)
 *   x(t, d)   = tf * idf, then divided by the row's L2 norm when norm = 'l2'.
 * N and df come from the training queries only (`fit`); `transform` treats each row on its own,
 * so a row's features never depend on which other rows are transformed (no leakage).
 * Buckets never seen in training have df = 0 and get the largest idf (as with smoothing);
 * with smoothIdf = false they are dropped.
 *
 * Note: L2 normalisation discards document length; `norm: 'none'` keeps it (pair it with
 * TextStats when length matters).
 *
 * @example
 * const f = new HashedTfidf({ dim: 2 ** 18, wordNgrams: [1, 2] }).fit(train);
 * const X = f.transform(test); // CsrMatrix, test.length x 2^18
 */
import type { Query } from '../data/types';
import type { CsrMatrix, Featurizer } from './types';
import { combineHash, fnv1a } from './hash';

export interface HashedTfidfOptions {
  /** Number of hashed buckets (columns). Default 2^18. */
  dim?: number;
  /** Word n-gram range [min, max], inclusive; [0, 0] turns words off. Default [1, 2]. */
  wordNgrams?: readonly [number, number];
  /** Character n-gram range [min, max] over the whitespace-normalised text; 0 or [0, 0] = off (default). */
  charNgrams?: 0 | readonly [number, number];
  /** tf = 1 + ln(count). Default true. */
  sublinearTf?: boolean;
  /** idf = ln((1+N)/(1+df)) + 1. Default true. */
  smoothIdf?: boolean;
  /** Multiply by idf at all. Default true. */
  useIdf?: boolean;
  /** Row normalisation. Default 'l2'. */
  norm?: 'l2' | 'none';
  /** Lower-case the text first. Default true. */
  lowercase?: boolean;
  /** Hash seed. Default 0. */
  seed?: number;
}

const WORD_RE = /[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu;

export class HashedTfidf implements Featurizer {
  readonly name = 'hashed-tfidf';
  readonly dim: number;
  readonly wordNgrams: readonly [number, number];
  readonly charNgrams: readonly [number, number];
  readonly sublinearTf: boolean;
  readonly smoothIdf: boolean;
  readonly useIdf: boolean;
  readonly norm: 'l2' | 'none';
  readonly lowercase: boolean;
  readonly seed: number;
  /** Fitted idf per bucket (null before fit). */
  idf: Float64Array | null = null;
  /** Number of training documents seen by fit. */
  nTrain = 0;

  constructor(opts: HashedTfidfOptions = {}) {
    this.dim = opts.dim ?? 2 ** 18;
    if (!Number.isInteger(this.dim) || this.dim < 1) throw new Error(`HashedTfidf: dim must be a positive integer, got ${this.dim}`);
    this.wordNgrams = opts.wordNgrams ?? [1, 2];
    const c = opts.charNgrams ?? 0;
    this.charNgrams = c === 0 ? [0, 0] : c;
    for (const [lo, hi] of [this.wordNgrams, this.charNgrams]) {
      if (!(lo >= 0 && hi >= lo && Number.isInteger(lo) && Number.isInteger(hi)) || (lo === 0 && hi !== 0)) {
        throw new Error(`HashedTfidf: n-gram range must be [min, max] with 1 <= min <= max (or [0, 0]), got [${lo}, ${hi}]`);
      }
    }
    if (this.wordNgrams[1] === 0 && this.charNgrams[1] === 0) throw new Error('HashedTfidf: both word and char n-grams are off');
    this.sublinearTf = opts.sublinearTf ?? true;
    this.smoothIdf = opts.smoothIdf ?? true;
    this.useIdf = opts.useIdf ?? true;
    this.norm = opts.norm ?? 'l2';
    this.lowercase = opts.lowercase ?? true;
    this.seed = opts.seed ?? 0;
  }

  /** Raw hashed counts of one text: bucket -> count. */
  counts(text: string): Map<number, number> {
    const t = this.lowercase ? text.toLowerCase() : text;
    const out = new Map<number, number>();
    const D = this.dim;
    const add = (h: number): void => {
      const b = h % D;
      out.set(b, (out.get(b) ?? 0) + 1);
    };
    const [wlo, whi] = this.wordNgrams;
    if (whi > 0) {
      const toks = t.match(WORD_RE) ?? [];
      const hs = new Uint32Array(toks.length);
      for (let i = 0; i < toks.length; i++) hs[i] = fnv1a(toks[i], this.seed);
      for (let n = wlo; n <= whi; n++) {
        const ns = combineHash(0x57a3d1 + n, this.seed); // namespace: word n-grams of size n
        for (let i = 0; i + n <= toks.length; i++) {
          let h = ns;
          for (let k = 0; k < n; k++) h = combineHash(h, hs[i + k]);
          add(h);
        }
      }
    }
    const [clo, chi] = this.charNgrams;
    if (chi > 0) {
      const s = ' ' + t.replace(/\s+/g, ' ').trim() + ' ';
      for (let n = clo; n <= chi; n++) {
        const cs = combineHash(0xc4a2 + n, this.seed); // namespace: char n-grams of size n
        for (let i = 0; i + n <= s.length; i++) add(combineHash(cs, fnv1a(s, this.seed, i, i + n)));
      }
    }
    return out;
  }

  fit(queries: readonly Query[]): this {
    const df = new Float64Array(this.dim);
    for (const q of queries) for (const b of this.counts(q.text).keys()) df[b] += 1;
    const N = queries.length;
    const idf = new Float64Array(this.dim);
    for (let b = 0; b < this.dim; b++) {
      if (!this.useIdf) idf[b] = 1;
      else if (this.smoothIdf) idf[b] = Math.log((1 + N) / (1 + df[b])) + 1;
      else idf[b] = df[b] > 0 ? Math.log(N / df[b]) + 1 : 0;
    }
    this.idf = idf;
    this.nTrain = N;
    return this;
  }

  transform(queries: readonly Query[]): CsrMatrix {
    const idf = this.idf;
    if (!idf) throw new Error('HashedTfidf: call fit(trainQueries) before transform');
    const indptr = new Int32Array(queries.length + 1);
    let cap = 1024;
    let indices = new Int32Array(cap);
    let values = new Float64Array(cap);
    let p = 0;
    for (let i = 0; i < queries.length; i++) {
      const m = this.counts(queries[i].text);
      const keys = Int32Array.from(m.keys()).sort();
      if (p + keys.length > cap) {
        while (p + keys.length > cap) cap *= 2;
        const ni = new Int32Array(cap);
        ni.set(indices.subarray(0, p));
        indices = ni;
        const nv = new Float64Array(cap);
        nv.set(values.subarray(0, p));
        values = nv;
      }
      const start = p;
      let ss = 0;
      for (const b of keys) {
        const c = m.get(b) as number;
        const v = (this.sublinearTf ? 1 + Math.log(c) : c) * idf[b];
        if (v === 0) continue;
        indices[p] = b;
        values[p++] = v;
        ss += v * v;
      }
      if (this.norm === 'l2' && ss > 0) {
        const inv = 1 / Math.sqrt(ss);
        for (let k = start; k < p; k++) values[k] *= inv;
      }
      indptr[i + 1] = p;
    }
    return { kind: 'csr', rows: queries.length, cols: this.dim, indptr, indices: indices.slice(0, p), values: values.slice(0, p) };
  }
}
