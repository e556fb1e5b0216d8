/**
 * What the routing experiment adds to lib/evaluate/routing.ts (which holds the curve
 * definitions, APGR, CPT and the paper's metrics): nested routings as first-strong indices,
 * outcome groups for binary and score rewards, and a query bootstrap that also gives bands of
 * the metrics.
 *
 * Every routing of the experiment is nested in x (a larger share routes a superset: top-share
 * routing by a fixed ranking, and thresholds that fall as the share grows), so the routings
 * over the grid are stored as `first[i]` = the first grid index at which query i goes to strong
 * (K = x.length when never). A curve is then a prefix sum over grid points, and one bootstrap
 * resample costs O(n + K) per allocator instead of O(n K); this makes it cheap to recompute
 * APGR, CPT(50%), CPT(80%) and oracleGainCaptured (lib/evaluate's functions) on every resample.
 * Resamples draw n indices with `rng.int(n)` in order, exactly as lib/evaluate's
 * bootstrapIndices, so with the same seed the resamples (and curve bands) equal routingBands'.
 *
 * @example
 * const x = routingGrid(); // [0, 0.05, ..., 1]
 * const first = firstStrongIndex(x.map((s) => routeTopShare(gain, s)));
 * routingCurveFromFirst(weak, gain, first, x.length); // the oracle curve when gain is the true gain
 */
import { apgr, cpt, OUTCOME_GROUP_LABELS, type OutcomeGroup } from '../evaluate/routing';
import { oracleGainCaptured } from '../evaluate/metrics';
import { makeRng } from '../util/rng';

/** The share grid 0, 0.05, ..., 1 (k / steps, exact decimals). */
export function routingGrid(steps = 20): number[] {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`routingGrid: steps must be a positive integer, got ${steps}`);
  return Array.from({ length: steps + 1 }, (_, k) => k / steps);
}

/**
 * First grid index at which each query is routed to strong, from one routing per grid point.
 * Throws if the routings are not nested (a query routed at x_k but not at some later x).
 */
export function firstStrongIndex(routings: readonly Uint8Array[]): Int32Array {
  const K = routings.length;
  if (K === 0) throw new Error('firstStrongIndex: no routings');
  const n = routings[0].length;
  const first = new Int32Array(n).fill(K);
  for (let k = 0; k < K; k++) {
    const r = routings[k];
    if (r.length !== n) throw new Error(`firstStrongIndex: routing ${k} has ${r.length} queries, expected ${n}`);
    for (let i = 0; i < n; i++) {
      if (r[i]) {
        if (first[i] === K) first[i] = k;
      } else if (first[i] < k) {
        throw new Error(`firstStrongIndex: routings are not nested (query ${i} strong at grid point ${first[i]} but weak at ${k})`);
      }
    }
  }
  return first;
}

/** Mean value per grid point of the routing `first` (valued with the true rewards). */
export function routingCurveFromFirst(weak: Float64Array, gain: Float64Array, first: Int32Array, K: number): number[] {
  const n = weak.length;
  const bucket = new Float64Array(K + 1);
  let W = 0;
  for (let i = 0; i < n; i++) {
    W += weak[i];
    bucket[first[i]] += gain[i];
  }
  const out: number[] = [];
  let acc = 0;
  for (let k = 0; k < K; k++) {
    acc += bucket[k];
    out.push((W + acc) / n);
  }
  return out;
}

/** Share of queries routed to strong at each grid point. */
export function routingShareFromFirst(first: Int32Array, K: number): number[] {
  const cnt = new Float64Array(K + 1);
  for (let i = 0; i < first.length; i++) cnt[first[i]]++;
  const out: number[] = [];
  let acc = 0;
  for (let k = 0; k < K; k++) {
    acc += cnt[k];
    out.push(acc / first.length);
  }
  return out;
}

/** Outcome groups of the paper's Figure 5. */
export interface OutcomeGroups {
  /** Keys (binary: lib/evaluate's strongOnly / bothRight / bothWrong / weakOnly; scores: strongBetter / tie / weakBetter). */
  keys: string[];
  /** Labels for tables and figures. */
  names: string[];
  /** Group of each query (index into names). */
  group: Int32Array;
  counts: number[];
}

/**
 * Binary rewards: strong right & weak wrong / both right / both wrong / weak right & strong
 * wrong. Continuous rewards: strong better / tie / weak better.
 */
export function outcomeGroups(weak: Float64Array, strong: Float64Array, binary: boolean): OutcomeGroups {
  const n = weak.length;
  const keys = binary ? ['strongOnly', 'bothRight', 'bothWrong', 'weakOnly'] : ['strongBetter', 'tie', 'weakBetter'];
  const names = binary
    ? keys.map((k) => OUTCOME_GROUP_LABELS[k as OutcomeGroup])
    : ['strong better', 'tie', 'weak better'];
  const group = new Int32Array(n);
  const counts = names.map(() => 0);
  for (let i = 0; i < n; i++) {
    let gi: number;
    if (binary) {
      const s = strong[i] >= 0.5;
      const w = weak[i] >= 0.5;
      gi = s && !w ? 0 : s && w ? 1 : !s && !w ? 2 : 3;
    } else {
      gi = strong[i] > weak[i] ? 0 : strong[i] === weak[i] ? 1 : 2;
    }
    group[i] = gi;
    counts[gi]++;
  }
  return { keys, names, group, counts };
}

/** Share routed to strong within each group, per grid point: out[g][k] (null for an empty group). */
export function shareByGroup(groups: OutcomeGroups, first: Int32Array, K: number): (number | null)[][] {
  const G = groups.names.length;
  const cnt = Array.from({ length: G }, () => new Float64Array(K + 1));
  for (let i = 0; i < first.length; i++) cnt[groups.group[i]][first[i]]++;
  return cnt.map((c, g) => {
    const tot = groups.counts[g];
    const out: (number | null)[] = [];
    let acc = 0;
    for (let k = 0; k < K; k++) {
      acc += c[k];
      out.push(tot > 0 ? acc / tot : null);
    }
    return out;
  });
}

/** A 95% band per grid point. */
export interface RoutingBand {
  lo: number[];
  hi: number[];
}

/** A 95% interval of a scalar (null where the statistic was undefined in too many resamples). */
export interface ScalarBand {
  lo: number | null;
  hi: number | null;
}

/** What the bootstrap needs: rewards, the grid, and each routed allocator as `first` + `share`. */
export interface BootstrapInput {
  weak: Float64Array;
  strong: Float64Array;
  x: readonly number[];
  /** Routed allocators (oracle, online, offline): first strong index and share used per x. */
  routed: Record<string, { first: Int32Array; share: readonly number[] }>;
  groups: OutcomeGroups;
  resamples: number;
  seed: number;
}

export interface BootstrapOutput {
  /** Band of each curve (random included). */
  bands: Record<string, RoutingBand>;
  /** Band of (curve - random), same resamples. */
  pairedBands: Record<string, RoutingBand>;
  /** Bands of APGR / CPT(50%) / CPT(80%) per allocator, and of oracleGainCaptured. */
  metricBands: {
    apgr: Record<string, ScalarBand>;
    cpt50: Record<string, ScalarBand>;
    cpt80: Record<string, ScalarBand>;
    oracleGainCaptured: Record<string, ScalarBand>;
  };
  /** Band of the share routed to strong within each outcome group: [allocator][g] (null band for empty groups). */
  groupBands: Record<string, (RoutingBand | null)[]>;
}

function quantileSorted(a: Float64Array, p: number): number {
  const pos = p * (a.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(a.length - 1, lo + 1);
  return a[lo] + (pos - lo) * (a[hi] - a[lo]);
}

/** 2.5% / 97.5% percentiles (type 7) of the finite values; null if fewer than 90% are finite. */
function scalarBand(v: Float64Array): ScalarBand {
  const f = Float64Array.from(v.filter((t) => Number.isFinite(t))).sort();
  if (f.length < 0.9 * v.length || f.length === 0) return { lo: null, hi: null };
  return { lo: quantileSorted(f, 0.025), hi: quantileSorted(f, 0.975) };
}

/**
 * Query bootstrap: resample the n queries with replacement `resamples` times (seeded indices),
 * holding each allocator's routing fixed, and take 95% percentile bands of every curve, of the
 * paired difference to random, of the metrics recomputed on each resample, and of the share
 * routed to strong within each outcome group.
 */
export function routingBootstrap(inp: BootstrapInput): BootstrapOutput {
  const { weak, strong, x, routed, groups, resamples, seed } = inp;
  const n = weak.length;
  const K = x.length;
  if (!(Number.isInteger(resamples) && resamples >= 10)) throw new Error(`routingBootstrap: resamples must be an integer >= 10, got ${resamples}`);
  const names = Object.keys(routed);
  const R = resamples;
  const curveR: Record<string, Float64Array> = { random: new Float64Array(R * K) };
  for (const nm of names) curveR[nm] = new Float64Array(R * K);
  const G = groups.names.length;
  const groupR: Record<string, Float64Array> = {};
  for (const nm of names) groupR[nm] = new Float64Array(R * G * K);
  const metricR = {
    apgr: {} as Record<string, Float64Array>,
    cpt50: {} as Record<string, Float64Array>,
    cpt80: {} as Record<string, Float64Array>,
    oracleGainCaptured: {} as Record<string, Float64Array>,
  };
  for (const nm of ['random', ...names]) {
    metricR.apgr[nm] = new Float64Array(R);
    metricR.cpt50[nm] = new Float64Array(R);
    metricR.cpt80[nm] = new Float64Array(R);
    metricR.oracleGainCaptured[nm] = new Float64Array(R);
  }
  const rng = makeRng(seed);
  const c = new Int32Array(n);
  const bucket = new Float64Array(K + 1);
  const gcount = new Float64Array(G * (K + 1));
  const gtot = new Float64Array(G);
  const xs = Array.from(x);
  for (let r = 0; r < R; r++) {
    c.fill(0);
    for (let t = 0; t < n; t++) c[rng.int(n)]++;
    let W = 0;
    let S = 0;
    gtot.fill(0);
    for (let i = 0; i < n; i++) {
      if (c[i] === 0) continue;
      W += c[i] * weak[i];
      S += c[i] * strong[i];
      gtot[groups.group[i]] += c[i];
    }
    const mw = W / n;
    const ms = S / n;
    const rc = curveR.random;
    const rand: number[] = [];
    for (let k = 0; k < K; k++) {
      rand.push((1 - x[k]) * mw + x[k] * ms);
      rc[r * K + k] = rand[k];
    }
    const curvesThis: Record<string, number[]> = { random: rand };
    for (const nm of names) {
      const first = routed[nm].first;
      bucket.fill(0);
      gcount.fill(0);
      for (let i = 0; i < n; i++) {
        if (c[i] === 0) continue;
        bucket[first[i]] += c[i] * (strong[i] - weak[i]);
        gcount[groups.group[i] * (K + 1) + first[i]] += c[i];
      }
      const cv = curveR[nm];
      const cur: number[] = [];
      let acc = 0;
      for (let k = 0; k < K; k++) {
        acc += bucket[k];
        cur.push(mw + acc / n);
        cv[r * K + k] = cur[k];
      }
      curvesThis[nm] = cur;
      const gr = groupR[nm];
      for (let g = 0; g < G; g++) {
        let ga = 0;
        for (let k = 0; k < K; k++) {
          ga += gcount[g * (K + 1) + k];
          gr[(r * G + g) * K + k] = gtot[g] > 0 ? ga / gtot[g] : NaN;
        }
      }
    }
    for (const nm of ['random', ...names]) {
      const share = nm === 'random' ? xs : routed[nm].share;
      const cur = curvesThis[nm];
      metricR.apgr[nm][r] = apgr(share, cur, mw, ms) ?? NaN;
      metricR.cpt50[nm][r] = cpt(share, cur, mw, ms, 0.5) ?? NaN;
      metricR.cpt80[nm][r] = cpt(share, cur, mw, ms, 0.8) ?? NaN;
      metricR.oracleGainCaptured[nm][r] = curvesThis.oracle ? oracleGainCaptured(rand, curvesThis.oracle, cur) ?? NaN : NaN;
    }
  }
  const col = new Float64Array(R);
  const bandOf = (arr: Float64Array, stride: number, offset: number): RoutingBand => {
    const b: RoutingBand = { lo: [], hi: [] };
    for (let k = 0; k < K; k++) {
      for (let r = 0; r < R; r++) col[r] = arr[r * stride + offset + k];
      col.sort();
      b.lo.push(quantileSorted(col, 0.025));
      b.hi.push(quantileSorted(col, 0.975));
    }
    return b;
  };
  const bands: Record<string, RoutingBand> = {};
  const pairedBands: Record<string, RoutingBand> = {};
  const diff = new Float64Array(R * K);
  for (const nm of ['random', ...names]) {
    bands[nm] = bandOf(curveR[nm], K, 0);
    if (nm === 'random') continue;
    for (let t = 0; t < R * K; t++) diff[t] = curveR[nm][t] - curveR.random[t];
    pairedBands[nm] = bandOf(diff, K, 0);
  }
  const groupBands: Record<string, (RoutingBand | null)[]> = {};
  for (const nm of names) {
    groupBands[nm] = groups.names.map((_, g) => (groups.counts[g] > 0 ? bandOf(groupR[nm], G * K, g * K) : null));
  }
  const mb = (m: Record<string, Float64Array>): Record<string, ScalarBand> => {
    const out: Record<string, ScalarBand> = {};
    for (const nm of Object.keys(m)) out[nm] = scalarBand(m[nm]);
    return out;
  };
  const ogc = mb(metricR.oracleGainCaptured);
  delete ogc.random;
  return {
    bands,
    pairedBands,
    metricBands: { apgr: mb(metricR.apgr), cpt50: mb(metricR.cpt50), cpt80: mb(metricR.cpt80), oracleGainCaptured: ogc },
    groupBands,
  };
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}
