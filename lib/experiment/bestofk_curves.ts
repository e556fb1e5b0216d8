/**
 * The curves of a best-of-k experiment on the evaluated queries (issue 5's definitions), from
 * pooled per-query inputs. For each average budget x = 1..bmax the total is x n:
 *
 * - uniform: every query gets x (uniformAllocate); value mean_i q_i(x).
 * - oracle: exact allocation on the true tables (stops at zero gain, so on reranked data it
 *   never spends a unit that lowers a query's reward; its value is the optimum of
 *   sum_i q_i(b_i) s.t. sum b_i <= x n).
 * - online: exact allocation on the predicted gains, valued on the true tables.
 * - prior: the same on the uncertainty-aware gains.
 * - offline: the per-query budgets of the binned policies (fitted on held-out training data),
 *   valued on the true tables; `offlineSpent` records the average budget it actually spent.
 * - twoStage / twoStageFlat: sample-looking policies (round 1 = one sample per query, then the
 *   rest by the exact greedy on posterior expected gains), valued by replay over `orders`
 *   seeded random orders of each query's samples (lib/evaluate/sequential); `twoStageSpent`
 *   is the average budget actually spent. Their per-query value is the mean over orders (for
 *   reranked data with tied scores of different correctness, the expected value given the
 *   observed score; the curve itself is always the replay's mean).
 * Binary and reranked rewards allow a budget of 0 (no answer scores 0); continuous rewards give
 * every query at least one sample.
 *
 * Every curve keeps its per-query values, so bands and paired differences come from one query
 * bootstrap (bestofk_metrics).
 */
import {
  allocatePath,
  twoStageBinary,
  twoStageContinuous,
  continuousGainModel,
  fitContinuousPrior,
  uniformAllocate,
  type BetaPrior,
  type ContinuousPrior,
  type SampleSource,
} from '../allocate';
import { evaluateSequentialPolicy } from '../evaluate/sequential';
import type { QTable } from '../rewards/types';

/** Pooled per-query inputs of the allocators (all arrays over the evaluated queries). */
export interface CurveInputs {
  /** True tables of the evaluated queries. */
  q: QTable;
  /** 0 (binary, reranked) or 1 (continuous). */
  minPerQuery: 0 | 1;
  /** Predicted gains (n x bmax) for online, uncertainty-aware gains for prior. */
  gains: Float64Array;
  priorGains: Float64Array;
  /** Offline budgets per x (index k for x = k + 1). */
  offline: Int32Array[];
  /** Two-stage material: true sample rewards, what the policy observes, and the priors. */
  twoStage?: {
    samples: Float64Array[];
    observed?: Float64Array[];
    binary?: { learned: BetaPrior; flat: BetaPrior };
    continuous?: { learned: ContinuousPrior; flat: ContinuousPrior };
  };
  /** Replay orders (>= 200) and seed. */
  orders: number;
  seed: number;
  /** Called once per finished (curve, x) step of the two-stage replay. */
  tick?: () => void;
}

export interface CurveSet {
  x: number[];
  /** Mean value per x of each curve. */
  curves: Record<string, number[]>;
  /** Average budget actually spent per x (every curve). */
  spent: Record<string, number[]>;
  /** Per-query values per x (for the bootstrap). */
  values: Record<string, Float64Array[]>;
  /** Per-query budgets per x of the one-shot curves. */
  budgets: Record<string, Int32Array[]>;
}

/** Per-query values q_i(b_i). */
export function valuesOf(q: QTable, budgets: Int32Array): Float64Array {
  const w = q.bmax + 1;
  return Float64Array.from(budgets, (b, i) => {
    if (!(b >= 0 && b <= q.bmax)) throw new Error(`valuesOf: query ${i} has budget ${b} outside [0, ${q.bmax}]`);
    return q.q[i * w + b];
  });
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : 0;
}

/**
 * A SampleSource wrapper that records, per query, the best observed outcome and the true reward
 * of the sample carrying it (ties: mean of the tied drawn samples' rewards), i.e. the value the
 * replay evaluator assigns. `truthOf(i, observed)` maps an observation back to the sample's
 * true reward (identity unless the policy observes reranker scores).
 */
function recordingSource(src: SampleSource, truthOf: (i: number, y: number) => number): {
  source: SampleSource;
  values: () => Float64Array;
} {
  const n = src.size;
  const best = new Float64Array(n).fill(-Infinity);
  const sum = new Float64Array(n);
  const ties = new Int32Array(n);
  const source: SampleSource = {
    size: n,
    draw(i: number): number {
      const y = src.draw(i);
      const r = truthOf(i, y);
      if (y > best[i]) {
        best[i] = y;
        sum[i] = r;
        ties[i] = 1;
      } else if (y === best[i]) {
        sum[i] += r;
        ties[i]++;
      }
      return y;
    },
    spent: (i: number) => src.spent(i),
    remaining: (i: number) => src.remaining(i),
  };
  return { source, values: () => Float64Array.from(sum, (s, i) => (ties[i] > 0 ? s / ties[i] : 0)) };
}

/**
 * Maps (query, observed score) back to the true reward of a sample with that score. When several
 * samples of a query share a score but differ in reward, the mean reward of that score group is
 * returned: every member is equally likely to be the one drawn under a random order, so this is
 * the expected value given the observation (the per-query values stay unbiased, but then match
 * the replay's realised mean only on average; `exact` is false).
 */
function scoreToReward(samples: Float64Array[], observed: Float64Array[]): { truthOf: (i: number, y: number) => number; exact: boolean } {
  let exact = true;
  const maps = samples.map((s, i) => {
    const sum = new Map<number, number>();
    const cnt = new Map<number, number>();
    const first = new Map<number, number>();
    for (let t = 0; t < s.length; t++) {
      const key = observed[i][t];
      if (first.has(key) && first.get(key) !== s[t]) exact = false;
      if (!first.has(key)) first.set(key, s[t]);
      sum.set(key, (sum.get(key) ?? 0) + s[t]);
      cnt.set(key, (cnt.get(key) ?? 0) + 1);
    }
    const m = new Map<number, number>();
    for (const [k, v] of sum) m.set(k, v / (cnt.get(k) as number));
    return m;
  });
  return { truthOf: (i, y) => maps[i].get(y) as number, exact };
}

/** All curves on the x grid 1..bmax (see the module comment). */
export function computeCurves(inp: CurveInputs): CurveSet {
  const { q, minPerQuery } = inp;
  const n = q.n;
  const bmax = q.bmax;
  const x = Array.from({ length: bmax }, (_, k) => k + 1);
  const gT = { n, bmax, gains: inp.gains };
  const pT = { n, bmax, gains: inp.priorGains };
  const trueGains = new Float64Array(n * bmax);
  for (let i = 0; i < n; i++) for (let j = 1; j <= bmax; j++) trueGains[i * bmax + j - 1] = q.q[i * (bmax + 1) + j] - q.q[i * (bmax + 1) + j - 1];
  const tT = { n, bmax, gains: trueGains };
  const names = ['uniform', 'oracle', 'online', 'offline', 'prior'];
  // Exact allocations at every x; allocatePath does one greedy pass per curve when the gains are
  // concave (the same budgets `allocate` gives at each total) and falls back to `allocate` per x.
  const totals = x.map((xv) => xv * n);
  const opts = { minPerQuery, stopAtZeroGain: true };
  const budgets: Record<string, Int32Array[]> = {
    uniform: [],
    oracle: allocatePath(tT, totals, opts),
    online: allocatePath(gT, totals, opts),
    offline: [],
    prior: allocatePath(pT, totals, opts),
  };
  for (const xv of x) {
    budgets.uniform.push(uniformAllocate(n, xv * n, { bmax, minPerQuery }));
    const off = inp.offline[xv - 1];
    if (!off || off.length !== n) throw new Error(`computeCurves: offline budgets for x = ${xv} missing or of the wrong length`);
    budgets.offline.push(off);
  }
  const curves: Record<string, number[]> = {};
  const spent: Record<string, number[]> = {};
  const values: Record<string, Float64Array[]> = {};
  for (const nm of names) {
    values[nm] = budgets[nm].map((b) => valuesOf(q, b));
    curves[nm] = values[nm].map(mean);
    spent[nm] = budgets[nm].map(mean);
  }
  const ts = inp.twoStage;
  if (ts) {
    const map = ts.observed ? scoreToReward(ts.samples, ts.observed) : { truthOf: (_i: number, y: number) => y, exact: true };
    const truthOf = map.truthOf;
    const variants: Array<['twoStage' | 'twoStageFlat', 'learned' | 'flat']> = [['twoStage', 'learned'], ['twoStageFlat', 'flat']];
    for (const [nm, which] of variants) {
      values[nm] = [];
      curves[nm] = [];
      spent[nm] = [];
      const model = ts.continuous ? continuousGainModel(ts.continuous[which], 1, bmax) : undefined;
      for (const xv of x) {
        const total = xv * n;
        const acc = new Float64Array(n);
        const ev = evaluateSequentialPolicy({
          samples: ts.samples,
          observed: ts.observed,
          orders: inp.orders,
          seed: inp.seed,
          bmax,
          run: (src) => {
            const rec = recordingSource(src, truthOf);
            let out;
            if (ts.binary) out = twoStageBinary({ prior: ts.binary[which], total, bmax, source: rec.source });
            else if (ts.continuous && model) out = twoStageContinuous({ prior: ts.continuous[which], total, bmax, source: rec.source, model });
            else throw new Error('computeCurves: two-stage needs a binary or a continuous prior');
            const v = rec.values();
            for (let i = 0; i < n; i++) acc[i] += v[i];
            return { budgets: out.budgets };
          },
        });
        for (let i = 0; i < n; i++) acc[i] /= inp.orders;
        const m = mean(acc);
        if (map.exact && Math.abs(m - ev.mean) > 1e-9) throw new Error(`computeCurves: ${nm} at x = ${xv}: recorded mean ${m} disagrees with the replay's ${ev.mean}`);
        values[nm].push(acc);
        curves[nm].push(ev.mean);
        spent[nm].push(ev.spent);
        inp.tick?.();
      }
    }
  }
  return { x, curves, spent, values, budgets };
}

/** Fit a continuous two-stage prior's shared parts and attach per-query means. */
export function continuousPrior(mean: Float64Array, observed: Float64Array[], predMean?: Float64Array): ContinuousPrior {
  const fit = fitContinuousPrior(observed, predMean);
  return { mean, sd: fit.sd, residuals: fit.residuals };
}
