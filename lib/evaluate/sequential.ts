/**
 * Evaluation of policies that look at samples (two-stage allocation and the like).
 *
 * A one-shot allocation's value is a closed form (pass@b, expected max of b). A policy that
 * decides after seeing rewards has a value that depends on which samples come first, so it is
 * estimated by replay: for each of `orders` (>= 200) seeded random orders, every query's n_i
 * stored samples are shuffled (drawn without replacement), the policy runs against a
 * SampleSource that hands them out in that order one paid draw at a time, and the batch mean
 * of the values is recorded. Report: the mean over orders, a 95% percentile interval of the
 * per-order batch means, and the mean budget per query actually spent.
 *
 * Value of query i in one order: the true reward of the drawn sample with the highest observed
 * score (ties: the mean of the tied samples' rewards); with observed = samples (the default)
 * this is the max of the drawn rewards, i.e. 1 if any drawn sample was correct for 0/1
 * rewards. 0 if nothing was drawn (q(x, 0) = 0). The evaluator computes it from what was drawn;
 * a value or budgets the policy reports are checked against it.
 *
 * The interval reflects the randomness of sample order only, for this fixed batch of queries
 * (not the sampling of queries). Order o uses the same shuffles for every policy with the same
 * seed (common random numbers): compare policies with sequentialDifference.
 *
 * @example
 * const ev = evaluateSequentialPolicy({samples: samplesFromCounts(n, c), orders: 200, seed: 1,
 *   run: (source) => twoStageBinary({prior, total: 3 * n.length, bmax: 10, source})});
 * ev.mean; ev.lo; ev.hi; ev.spent;
 */
import type { SampleSource } from '../allocate/two_stage';
import { makeRng } from '../util/rng';
import { fmix32 } from '../features/hash';

export interface SequentialPolicyOutput {
  /** Samples paid per query, as the policy counts them (checked against the source). */
  budgets?: Int32Array;
  /** Value per query, as the policy computes it (checked when observed = samples). */
  value?: Float64Array;
}

/** A policy: draws from the source; `order` is the replay index (for logging only). */
export type SequentialPolicy = (source: SampleSource, order: number) => SequentialPolicyOutput | void;

export interface SequentialEvaluation {
  mean: number;
  /** 2.5% and 97.5% percentiles of the per-order batch means. */
  lo: number;
  hi: number;
  /** Mean over orders of the average number of samples paid per query. */
  spent: number;
  spentLo: number;
  spentHi: number;
  perOrderMeans: Float64Array;
  perOrderSpent: Float64Array;
}

export interface EvaluateSequentialOptions {
  /** True rewards, per query its n_i samples (binary as 0/1). */
  samples: ReadonlyArray<Float64Array>;
  /** What the policy observes per sample (default: samples), e.g. reranker scores. */
  observed?: ReadonlyArray<Float64Array>;
  /** Number of random orders, at least 200. */
  orders: number;
  seed: number;
  /** Optional cap on draws per query: query i can be paid at most min(bmax, n_i) times; more is refused. */
  bmax?: number;
  run: SequentialPolicy;
}

/** 32-bit integer hash (murmur3 finaliser) to derive one generator seed per order. */
function mix(seed: number, o: number): number {
  return fmix32((Math.imul(Math.floor(seed) >>> 0, 0x9e3779b1) ^ Math.imul(o + 1, 0x85ebca6b)) >>> 0);
}

/** Linear-interpolation percentile of a sorted array (type 7). */
function quantileSorted(x: Float64Array, p: number): number {
  const pos = p * (x.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(x.length - 1, lo + 1);
  return x[lo] + (pos - lo) * (x[hi] - x[lo]);
}

function summary(values: Float64Array): { mean: number; lo: number; hi: number } {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += values[k];
  const sorted = Float64Array.from(values).sort();
  return { mean: s / values.length, lo: quantileSorted(sorted, 0.025), hi: quantileSorted(sorted, 0.975) };
}

/**
 * Replay a sample-looking policy over seeded random orders (see the module comment).
 * Throws if orders < 200, if a policy draws beyond a query's cap, or if what the policy reports
 * disagrees with what it paid for. Buffers are reused across orders.
 */
export function evaluateSequentialPolicy(opts: EvaluateSequentialOptions): SequentialEvaluation {
  const { samples, seed, run } = opts;
  const observed = opts.observed ?? samples;
  const sameObs = opts.observed === undefined;
  const orders = opts.orders;
  if (!(Number.isInteger(orders) && orders >= 200)) {
    throw new Error(`evaluateSequentialPolicy: orders must be an integer >= 200, got ${orders}`);
  }
  const nq = samples.length;
  if (nq === 0) throw new Error('evaluateSequentialPolicy: no queries');
  if (observed.length !== nq) throw new Error(`evaluateSequentialPolicy: observed has ${observed.length} queries, samples has ${nq}`);
  const bmax = opts.bmax ?? Infinity;
  if (!(bmax >= 1)) throw new Error(`evaluateSequentialPolicy: bmax must be >= 1, got ${bmax}`);
  const offset = new Int32Array(nq + 1);
  for (let i = 0; i < nq; i++) {
    const len = samples[i].length;
    if (observed[i].length !== len) {
      throw new Error(`evaluateSequentialPolicy: query ${i} has ${len} samples but ${observed[i].length} observed scores`);
    }
    for (let t = 0; t < len; t++) {
      if (!Number.isFinite(samples[i][t]) || !Number.isFinite(observed[i][t])) {
        throw new Error(`evaluateSequentialPolicy: query ${i} sample ${t} is not finite`);
      }
    }
    offset[i + 1] = offset[i] + len;
  }
  const reward = new Float64Array(offset[nq]);
  const obs = new Float64Array(offset[nq]);
  for (let i = 0; i < nq; i++) {
    reward.set(samples[i], offset[i]);
    obs.set(observed[i], offset[i]);
  }
  const limit = new Int32Array(nq);
  for (let i = 0; i < nq; i++) limit[i] = Math.min(offset[i + 1] - offset[i], bmax);
  const perm = new Int32Array(offset[nq]);
  const drawn = new Int32Array(nq);
  const source: SampleSource = {
    size: nq,
    draw(i: number): number {
      if (!(i >= 0 && i < nq) || !Number.isInteger(i)) throw new Error(`SampleSource.draw: no query ${i}`);
      if (drawn[i] >= limit[i]) {
        throw new Error(`SampleSource.draw: query ${i} has no sample left (cap ${limit[i]}: min(n_i, bmax))`);
      }
      const k = perm[offset[i] + drawn[i]];
      drawn[i]++;
      return obs[offset[i] + k];
    },
    spent: (i: number) => drawn[i],
    remaining: (i: number) => limit[i] - drawn[i],
  };
  const perOrderMeans = new Float64Array(orders);
  const perOrderSpent = new Float64Array(orders);
  for (let o = 0; o < orders; o++) {
    const rng = makeRng(mix(seed, o));
    for (let i = 0; i < nq; i++) {
      const base = offset[i];
      const len = offset[i + 1] - base;
      for (let t = 0; t < len; t++) perm[base + t] = t;
      for (let t = len - 1; t > 0; t--) {
        const j = rng.int(t + 1);
        const tmp = perm[base + t];
        perm[base + t] = perm[base + j];
        perm[base + j] = tmp;
      }
    }
    drawn.fill(0);
    const out = run(source, o) ?? {};
    let total = 0;
    let spent = 0;
    for (let i = 0; i < nq; i++) {
      const d = drawn[i];
      spent += d;
      let v = 0;
      if (d > 0) {
        let bestObs = -Infinity;
        let sumR = 0;
        let ties = 0;
        for (let t = 0; t < d; t++) {
          const k = offset[i] + perm[offset[i] + t];
          const s = obs[k];
          if (s > bestObs) {
            bestObs = s;
            sumR = reward[k];
            ties = 1;
          } else if (s === bestObs) {
            sumR += reward[k];
            ties++;
          }
        }
        v = sumR / ties;
      }
      if (out.budgets && out.budgets[i] !== d) {
        throw new Error(`evaluateSequentialPolicy: policy reports budget ${out.budgets[i]} for query ${i} but paid for ${d} samples (order ${o})`);
      }
      if (sameObs && out.value && Math.abs(out.value[i] - v) > 1e-9) {
        throw new Error(`evaluateSequentialPolicy: policy reports value ${out.value[i]} for query ${i} but its drawn samples give ${v} (order ${o})`);
      }
      total += v;
    }
    perOrderMeans[o] = total / nq;
    perOrderSpent[o] = spent / nq;
  }
  const m = summary(perOrderMeans);
  const s = summary(perOrderSpent);
  return { mean: m.mean, lo: m.lo, hi: m.hi, spent: s.mean, spentLo: s.lo, spentHi: s.hi, perOrderMeans, perOrderSpent };
}

/**
 * Paired comparison of two evaluations run with the same seed and number of orders (so order o
 * used the same shuffles): mean of a - b with a 95% percentile interval over orders.
 */
export function sequentialDifference(a: SequentialEvaluation, b: SequentialEvaluation): { mean: number; lo: number; hi: number } {
  if (a.perOrderMeans.length !== b.perOrderMeans.length) {
    throw new Error(`sequentialDifference: ${a.perOrderMeans.length} vs ${b.perOrderMeans.length} orders`);
  }
  const d = new Float64Array(a.perOrderMeans.length);
  for (let o = 0; o < d.length; o++) d[o] = a.perOrderMeans[o] - b.perOrderMeans[o];
  return summary(d);
}

/** A one-shot allocation as a SequentialPolicy: query i draws budgets[i] samples. */
export function oneShotPolicy(budgets: Int32Array): SequentialPolicy {
  return (source) => {
    if (budgets.length !== source.size) throw new Error(`oneShotPolicy: ${budgets.length} budgets for ${source.size} queries`);
    for (let i = 0; i < budgets.length; i++) for (let t = 0; t < budgets[i]; t++) source.draw(i);
    return { budgets };
  };
}

/**
 * Binary samples from counts: query i gets c_i ones then n_i - c_i zeros (the order does not
 * matter: the evaluation shuffles).
 * @example samplesFromCounts(Int32Array.of(3), Int32Array.of(1)) // [Float64Array [1, 0, 0]]
 */
export function samplesFromCounts(n: Int32Array, c: Int32Array): Float64Array[] {
  if (n.length !== c.length) throw new Error(`samplesFromCounts: n has ${n.length} entries, c has ${c.length}`);
  const out: Float64Array[] = [];
  for (let i = 0; i < n.length; i++) {
    if (!(n[i] >= 0 && c[i] >= 0 && c[i] <= n[i])) throw new Error(`samplesFromCounts: query ${i} has c = ${c[i]} of n = ${n[i]}`);
    const x = new Float64Array(n[i]);
    x.fill(1, 0, c[i]);
    out.push(x);
  }
  return out;
}
