import { bootstrapFamily, type ColumnFiller, type FamilyBands } from './bootstrap';
import { firstCrossing, gainAtFixedBudget, oracleGainCaptured, savedAtMatchedQuality } from './metrics';

/**
 * Routing between a cheap (weak) and an expensive (strong) procedure, evaluated as in issue 6.
 * x is the share of queries sent to strong; with n queries, m = round(x * n) go to strong.
 *
 *   random(x)  = (1 - x) * mean(weak) + x * mean(strong)            (expected value of a random subset)
 *   oracle(x)  = mean(weak) + (1/n) * sum of the m largest true gains  strong_i - weak_i
 *   online(x)  = the same with the m queries of largest *predicted* gain (valued with true rewards)
 *   policy(x)  = any per-query route (e.g. the offline threshold), its actual share recorded in `spent`
 *
 * Ties in a ranking are broken by query index (lower first), so results are deterministic.
 *
 * @example
 * const rc = routingCurves({ weak, strong, predGain, shares: [0, 0.5, 1] });
 * rc.curves.random[1]; // (mean(weak) + mean(strong)) / 2
 */

/** A route per query: 1 = strong, 0 = weak. */
export type RoutePolicy = (share: number) => ArrayLike<number>;

export interface RoutingCurvesInput {
  /** Reward of the weak procedure on each query. */
  weak: Float64Array;
  /** Reward of the strong procedure on each query. */
  strong: Float64Array;
  /** Shares of strong calls, e.g. 0, 0.05, ..., 1. */
  shares: ArrayLike<number>;
  /** Predicted gain per query (strong - weak); gives the `online` curve. */
  predGain?: Float64Array;
  /** More rankings by predicted gain, one curve each (top round(x n) go to strong). */
  rankers?: Record<string, Float64Array>;
  /** Route policies, e.g. { offline: (share) => applyRoutingThreshold(...) }; actual share recorded. */
  policies?: Record<string, RoutePolicy>;
  /** Cost of one call of each procedure; adds the average cost per query for each curve. */
  costs?: { weak: number; strong: number };
}

/** How a curve routes at each share: by a ranking (top counts[k]), explicit masks, or random (expected). */
export type RouteSet =
  | { kind: 'random' }
  | { kind: 'ranked'; order: Int32Array; counts: Int32Array }
  | { kind: 'masks'; masks: Uint8Array[] };

export interface RoutingCurves {
  n: number;
  x: Float64Array;
  weakMean: number;
  strongMean: number;
  /** Mean reward per curve and share. */
  curves: Record<string, Float64Array>;
  /** Share of queries actually sent to strong (random: x itself). */
  spent: Record<string, Float64Array>;
  /** Average cost per query, (1 - spent) * cost.weak + spent * cost.strong, when costs were given. */
  cost?: Record<string, Float64Array>;
  /** The routes behind each curve (for bands and the outcome groups). */
  routes: Record<string, RouteSet>;
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Query indices sorted by score descending, ties by index ascending. Throws on NaN. */
export function rankDescending(score: Float64Array, where = 'rankDescending'): Int32Array {
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(score[i])) throw new Error(`${where}: score of query ${i} is NaN`);
  }
  const order = Int32Array.from({ length: score.length }, (_, i) => i);
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order;
}

/** Average cost per query at each share: (1 - s) * weak + s * strong. */
export function routingCostAxis(spent: ArrayLike<number>, costs: { weak: number; strong: number }): Float64Array {
  const out = new Float64Array(spent.length);
  for (let k = 0; k < out.length; k++) out[k] = (1 - spent[k]) * costs.weak + spent[k] * costs.strong;
  return out;
}

/** The curves of issue 6 for random, oracle, online (with `predGain`), extra rankers and policies. */
export function routingCurves(input: RoutingCurvesInput): RoutingCurves {
  const { weak, strong } = input;
  const n = weak.length;
  if (n === 0) throw new Error('routingCurves: no queries');
  if (strong.length !== n) throw new Error(`routingCurves: ${n} weak rewards but ${strong.length} strong rewards`);
  const x = Float64Array.from(input.shares);
  for (let k = 0; k < x.length; k++) {
    if (!(x[k] >= 0 && x[k] <= 1)) throw new Error(`routingCurves: share x[${k}] = ${x[k]} outside [0, 1]`);
  }
  const weakMean = mean(weak);
  const strongMean = mean(strong);
  const gain = new Float64Array(n);
  for (let i = 0; i < n; i++) gain[i] = strong[i] - weak[i];

  const curves: Record<string, Float64Array> = {};
  const spent: Record<string, Float64Array> = {};
  const routes: Record<string, RouteSet> = {};

  curves.random = Float64Array.from(x, (s) => (1 - s) * weakMean + s * strongMean);
  spent.random = Float64Array.from(x);
  routes.random = { kind: 'random' };

  const counts = Int32Array.from(x, (s) => Math.round(s * n));
  const ranked = (name: string, score: Float64Array): void => {
    if (score.length !== n) throw new Error(`routingCurves: ranking '${name}' has ${score.length} scores for ${n} queries`);
    const order = rankDescending(score, `routingCurves: ranking '${name}'`);
    // prefix[m] = sum of true gains of the first m queries in this order
    const prefix = new Float64Array(n + 1);
    for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t] + gain[order[t]];
    curves[name] = Float64Array.from(counts, (m) => weakMean + prefix[m] / n);
    spent[name] = Float64Array.from(counts, (m) => m / n);
    routes[name] = { kind: 'ranked', order, counts };
  };
  ranked('oracle', gain);
  if (input.predGain) ranked('online', input.predGain);
  for (const [name, score] of Object.entries(input.rankers ?? {})) ranked(name, score);

  for (const [name, policy] of Object.entries(input.policies ?? {})) {
    const masks: Uint8Array[] = [];
    const c = new Float64Array(x.length);
    const sp = new Float64Array(x.length);
    for (let k = 0; k < x.length; k++) {
      const route = policy(x[k]);
      if (route.length !== n) throw new Error(`routingCurves: policy '${name}' returned ${route.length} routes for ${n} queries at share ${x[k]}`);
      const mask = new Uint8Array(n);
      let v = 0;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const r = route[i];
        if (r !== 0 && r !== 1) throw new Error(`routingCurves: policy '${name}' routed query ${i} to ${r} (expected 0 or 1)`);
        mask[i] = r;
        v += r ? strong[i] : weak[i];
        m += r;
      }
      masks.push(mask);
      c[k] = v / n;
      sp[k] = m / n;
    }
    curves[name] = c;
    spent[name] = sp;
    routes[name] = { kind: 'masks', masks };
  }

  const out: RoutingCurves = { n, x, weakMean, strongMean, curves, spent, routes };
  if (input.costs) {
    const cost: Record<string, Float64Array> = {};
    for (const name of Object.keys(spent)) cost[name] = routingCostAxis(spent[name], input.costs);
    out.cost = cost;
  }
  return out;
}

/** The route (1 = strong) of curve `name` at grid point k; null for `random` (an expectation). */
export function routeMask(rc: RoutingCurves, name: string, k: number): Uint8Array | null {
  const set = rc.routes[name];
  if (!set) throw new Error(`routeMask: no curve '${name}'`);
  if (set.kind === 'random') return null;
  if (set.kind === 'masks') return set.masks[k];
  const mask = new Uint8Array(rc.n);
  for (let t = 0; t < set.counts[k]; t++) mask[set.order[t]] = 1;
  return mask;
}

/** Bootstrap bands of the routing curves (paired against `random` on the same resamples). */
export function routingBands(
  rc: RoutingCurves,
  weak: Float64Array,
  strong: Float64Array,
  opts: { B?: number; seed?: number; level?: number; baseline?: string; names?: string[] } = {},
): FamilyBands {
  const n = rc.n;
  if (weak.length !== n || strong.length !== n) throw new Error(`routingBands: rewards must have n = ${n} entries`);
  const names = opts.names ?? Object.keys(rc.routes);
  const columns: Record<string, ColumnFiller> = {};
  for (const name of names) {
    const set = rc.routes[name];
    if (!set) throw new Error(`routingBands: no curve '${name}'`);
    if (set.kind === 'random') {
      columns[name] = (k, out) => {
        const s = rc.x[k];
        for (let i = 0; i < n; i++) out[i] = (1 - s) * weak[i] + s * strong[i];
      };
    } else if (set.kind === 'masks') {
      columns[name] = (k, out) => {
        const m = set.masks[k];
        for (let i = 0; i < n; i++) out[i] = m[i] ? strong[i] : weak[i];
      };
    } else {
      columns[name] = (k, out) => {
        out.set(weak);
        for (let t = 0; t < set.counts[k]; t++) out[set.order[t]] = strong[set.order[t]];
      };
    }
  }
  const baseline = opts.baseline ?? (names.includes('random') ? 'random' : undefined);
  return bootstrapFamily({ n, nx: rc.x.length, columns, baseline, B: opts.B, seed: opts.seed, level: opts.level });
}

/**
 * RouteLLM's APGR (Ong et al. 2024, routellm/evals/evaluate.py): with the curve's points
 * sorted by share, AUC = trapezoid integral of the curve over its share range [s0, s1];
 * APGR = (AUC - weak * (s1 - s0)) / ((strong - weak) * (s1 - s0)).
 * A random router (a straight line from weak to strong over [0, 1]) scores exactly 0.5.
 * Null when strong == weak or fewer than two distinct shares.
 *
 * @example
 * apgr([0, 0.5, 1], [0.2, 0.5, 0.6], 0.2, 0.6); // (0.175 + 0.275 - 0.2) / 0.4 = 0.625
 */
export function apgr(shares: ArrayLike<number>, values: ArrayLike<number>, weakMean: number, strongMean: number): number | null {
  if (shares.length !== values.length) throw new Error(`apgr: ${shares.length} shares but ${values.length} values`);
  const order = Array.from({ length: shares.length }, (_, j) => j).sort((a, b) => shares[a] - shares[b] || a - b);
  if (order.length < 2) return null;
  const s0 = shares[order[0]];
  const s1 = shares[order[order.length - 1]];
  const width = s1 - s0;
  const gap = strongMean - weakMean;
  if (!(width > 0) || gap === 0) return null;
  let auc = 0;
  for (let t = 1; t < order.length; t++) {
    const a = order[t - 1];
    const b = order[t];
    auc += 0.5 * (shares[b] - shares[a]) * (values[a] + values[b]);
  }
  return (auc - weakMean * width) / (gap * width);
}

/**
 * CPT(level): the smallest share of strong calls at which the curve recovers `level` of the
 * weak-to-strong gap, i.e. reaches weak + level * (strong - weak), linearly interpolated
 * between grid points (RouteLLM interpolates the same way with np.interp on monotone curves).
 * Null when never reached or strong == weak.
 *
 * @example
 * cpt([0, 0.5, 1], [0.2, 0.5, 0.6], 0.2, 0.6, 0.5); // target 0.4: 0 + (0.2 / 0.3) * 0.5 = 0.3333
 */
export function cpt(shares: ArrayLike<number>, values: ArrayLike<number>, weakMean: number, strongMean: number, level: number): number | null {
  const gap = strongMean - weakMean;
  if (gap === 0) return null;
  return firstCrossing(shares, values, weakMean + level * gap, Math.sign(gap));
}

export interface RoutingMetrics {
  apgr: Record<string, number | null>;
  cpt50: Record<string, number | null>;
  cpt80: Record<string, number | null>;
  /** vs random, over shares where oracle > random. */
  oracleGainCaptured: Record<string, number | null>;
  /** curve - random at each share. */
  gainAtFixedBudget: Record<string, Float64Array>;
  /** 1 - (share of strong calls needed to match random at x[k]) / x[k]; null at x = 0 or never. */
  savedAtMatchedQuality: Record<string, (number | null)[]>;
}

/** APGR, CPT(50%), CPT(80%) for every curve (on its actual shares) plus the paper's metrics vs random. */
export function routingMetrics(rc: RoutingCurves): RoutingMetrics {
  const m: RoutingMetrics = { apgr: {}, cpt50: {}, cpt80: {}, oracleGainCaptured: {}, gainAtFixedBudget: {}, savedAtMatchedQuality: {} };
  const random = rc.curves.random;
  const oracle = rc.curves.oracle;
  for (const name of Object.keys(rc.curves)) {
    const y = rc.curves[name];
    const s = rc.spent[name];
    m.apgr[name] = apgr(s, y, rc.weakMean, rc.strongMean);
    m.cpt50[name] = cpt(s, y, rc.weakMean, rc.strongMean, 0.5);
    m.cpt80[name] = cpt(s, y, rc.weakMean, rc.strongMean, 0.8);
    if (name === 'random' || name === 'oracle') continue;
    m.oracleGainCaptured[name] = oracleGainCaptured(random, oracle, y);
    m.gainAtFixedBudget[name] = gainAtFixedBudget(random, y);
    m.savedAtMatchedQuality[name] = savedAtMatchedQuality(rc.x, random, y, { spent: s });
  }
  return m;
}

/** Outcome groups of the paper's Figure 5 (binary rewards). */
export type OutcomeGroup = 'strongOnly' | 'bothRight' | 'bothWrong' | 'weakOnly';

export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, string> = {
  strongOnly: 'strong right, weak wrong',
  bothRight: 'both right',
  bothWrong: 'both wrong',
  weakOnly: 'weak right, strong wrong',
};

export interface GroupShare {
  /** Queries in the group. */
  count: number;
  /** Share of them routed to strong (NaN for an empty group). */
  share: number;
}

/**
 * Share routed to strong within each outcome group. `route` is a 0/1 route per query, or a
 * number (a random router at that share: the expected share is the same in every group).
 * A query is "right" when its reward >= `threshold` (default 0.5; rewards should be 0/1).
 *
 * @example
 * routeShareByGroup(Float64Array.from([0, 1]), Float64Array.from([1, 1]), Uint8Array.from([1, 0]));
 * // { strongOnly: { count: 1, share: 1 }, bothRight: { count: 1, share: 0 }, bothWrong: {count: 0, share: NaN}, ... }
 */
export function routeShareByGroup(
  weak: Float64Array,
  strong: Float64Array,
  route: ArrayLike<number> | number,
  threshold = 0.5,
): Record<OutcomeGroup, GroupShare> {
  const n = weak.length;
  if (strong.length !== n) throw new Error(`routeShareByGroup: ${n} weak rewards but ${strong.length} strong rewards`);
  if (typeof route !== 'number' && route.length !== n) throw new Error(`routeShareByGroup: ${route.length} routes for ${n} queries`);
  const groups: OutcomeGroup[] = ['strongOnly', 'bothRight', 'bothWrong', 'weakOnly'];
  const count: Record<OutcomeGroup, number> = { strongOnly: 0, bothRight: 0, bothWrong: 0, weakOnly: 0 };
  const routed: Record<OutcomeGroup, number> = { strongOnly: 0, bothRight: 0, bothWrong: 0, weakOnly: 0 };
  for (let i = 0; i < n; i++) {
    const w = weak[i] >= threshold;
    const s = strong[i] >= threshold;
    const g: OutcomeGroup = s && !w ? 'strongOnly' : s && w ? 'bothRight' : !s && !w ? 'bothWrong' : 'weakOnly';
    count[g]++;
    routed[g] += typeof route === 'number' ? route : route[i];
  }
  const out = {} as Record<OutcomeGroup, GroupShare>;
  for (const g of groups) out[g] = { count: count[g], share: count[g] > 0 ? routed[g] / count[g] : NaN };
  return out;
}
