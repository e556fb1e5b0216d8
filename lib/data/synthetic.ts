/**
 * Small synthetic best-of-k batches with a KNOWN success probability per query, generated with a
 * fixed seed: the method tour and the tests use them to show what an allocator does when the
 * truth is known. Real data comes from the registry; this is for teaching and checking.
 *
 * Each query's true p is drawn from a mixture shaped like the public GSM8K data (METHOD.md):
 * a share of queries that are never solved (p = 0), a share that are (almost) always solved
 * (p ~ Beta(30, 1)), and the rest p ~ Beta(a, b). Then c ~ Binomial(samples, p).
 *
 * @example
 * const { dataset, p } = syntheticBinaryBatch({ n: 100, samples: 16, seed: 7 });
 * dataset.counts!.c[0]; // successes of query 0 out of 16, the same for seed 7 every time
 */
import { makeRng, type Rng } from '../util/rng';
import type { BestOfKDataset, Query } from './types';

export interface SyntheticBatchOptions {
  /** Number of queries. */
  n: number;
  /** Samples per query (also bmax). */
  samples: number;
  seed: number;
  /** Share of queries with p = 0 (default 0.3). */
  neverShare?: number;
  /** Share of queries with p ~ Beta(30, 1) (default 0.15). */
  easyShare?: number;
  /** Beta parameters of the remaining queries (default 1.2, 1.2). */
  a?: number;
  b?: number;
}

export interface SyntheticBatch {
  dataset: BestOfKDataset;
  /** The true success probability of each query. */
  p: Float64Array;
}

function binomial(n: number, p: number, rng: Rng): number {
  let c = 0;
  for (let k = 0; k < n; k++) if (rng.next() < p) c++;
  return c;
}

export function syntheticBinaryBatch(opts: SyntheticBatchOptions): SyntheticBatch {
  const { n, samples, seed } = opts;
  if (!Number.isInteger(n) || n < 1) throw new Error(`syntheticBinaryBatch: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`syntheticBinaryBatch: samples must be a positive integer, got ${samples}`);
  const never = opts.neverShare ?? 0.3;
  const easy = opts.easyShare ?? 0.15;
  if (!(never >= 0 && easy >= 0 && never + easy <= 1)) throw new Error(`syntheticBinaryBatch: neverShare + easyShare must be in [0, 1]`);
  const a = opts.a ?? 1.2;
  const b = opts.b ?? 1.2;
  const rng = makeRng(seed);
  const p = new Float64Array(n);
  const nArr = new Int32Array(n).fill(samples);
  const c = new Int32Array(n);
  const queries: Query[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    p[i] = u < never ? 0 : u < never + easy ? rng.beta(30, 1) : rng.beta(a, b);
    c[i] = binomial(samples, p[i], rng);
    queries.push({ id: `q${i}`, text: `synthetic query ${i}`, meta: { p: p[i] } });
  }
  const dataset: BestOfKDataset = {
    name: 'synthetic',
    kind: 'best-of-k',
    reward: 'binary',
    queries,
    counts: { n: nArr, c },
    bmax: samples,
    source: `syntheticBinaryBatch(n=${n}, samples=${samples}, seed=${seed})`,
  };
  return { dataset, p };
}

/**
 * A simulated predictor of p with a chosen signal strength: logit(p_hat) = s * logit(p) + noise,
 * noise ~ N(0, sd^2), p clamped to [0.02, 0.98] before the logit. s = 0 is pure noise around 0.5;
 * large s and small sd approach the truth. For teaching what allocation does with a weak predictor.
 */
export function simulatedPredictions(p: Float64Array, opts: { signal: number; noiseSd: number; seed: number }): Float64Array {
  const rng = makeRng(opts.seed);
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const pc = Math.min(0.98, Math.max(0.02, p[i]));
    const z = opts.signal * Math.log(pc / (1 - pc)) + opts.noiseSd * rng.normal();
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}
