/**
 * Routing curves, RouteLLM's and the paper's metrics, outcome groups and query-bootstrap bands,
 * for a cheap (weak) and an expensive (strong) procedure (issue 6's definitions).
 *
 * x is the share of queries sent to strong, x_k = k / 20 (0, 0.05, ..., 1); with n queries
 * round(x n) go to strong. Per query i: w_i = r_weak, s_i = r_strong, g_i = s_i - w_i.
 *   random(x)  = (1 - x) mean(w) + x mean(s)                     (expected value of a random subset)
 *   oracle(x)  = mean(w) + (1/n) sum of the round(x n) largest true g_i   (ties: smaller index)
 *   online(x)  = the same with the round(x n) largest *predicted* gains, valued with the true g
 *   offline(x) = threshold fitted on held-out predictions per fold, applied query by query; its
 *                share actually used is recorded (`spent`)
 * Every routing here is nested in x (a larger share routes a superset), so a routing over the
 * whole grid is stored as `first[i]` = the first grid index at which query i goes to strong
 * (K = x.length when never); the curve is then a prefix sum, and a bootstrap resample costs O(n).
 *
 * Metrics (RouteLLM, Ong et al. 2024): PGR(x) = (c(x) - mean(w)) / (mean(s) - mean(w));
 *   APGR = trapezoid area under PGR against the share actually used (random: exactly 0.5; the
 *          oracle may exceed 1); CPT(p) = the smallest share at which PGR reaches p, linearly
 *          interpolated along the curve (random: p).
 * The paper's (Damani et al. 2025): gainAtFixedShare[k] = c(x_k) - random(x_k);
 *   savedAtMatchedQuality[k] = 1 - (share c needs to reach random(x_k)) / x_k (null at x = 0 or
 *   when never reached); oracleGainCaptured = mean over x with oracle > random of
 *   (c - random) / (oracle - random) (issue 5's definition with random as the baseline).
 *
 * @example
 * const x = routingGrid(); // [0, 0.05, ..., 1]
 * const first = firstStrongIndex(x.map((s) => routeTopShare(gain, s)));
 * routingCurveFromFirst(w, g, first, x.length); // oracle curve when gain is the true gain
 * apgr([0, 0.5, 1], [0.2, 0.3, 0.4], 0.2, 0.4); // 0.5
 */
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

/** random(x) = (1 - x) mean(weak) + x mean(strong). */
export function randomRoutingCurve(weak: Float64Array, strong: Float64Array, x: readonly number[]): number[] {
  const mw = mean(weak);
  const ms = mean(strong);
  return x.map((s) => (1 - s) * mw + s * ms);
}

/** PGR of each curve value: (c - weakMean) / (strongMean - weakMean); null when the gap is <= 0. */
export function pgr(curve: readonly number[], weakMean: number, strongMean: number): number[] | null {
  const gap = strongMean - weakMean;
  if (!(gap > 0)) return null;
  return curve.map((c) => (c - weakMean) / gap);
}

/**
 * RouteLLM's APGR: trapezoid area under PGR(share), shares ascending from 0 to 1 (the share
 * actually used at each grid point). Null when strong is not better than weak on average.
 */
export function apgr(share: readonly number[], curve: readonly number[], weakMean: number, strongMean: number): number | null {
  const p = pgr(curve, weakMean, strongMean);
  if (!p) return null;
  let a = 0;
  for (let k = 1; k < share.length; k++) a += ((share[k] - share[k - 1]) * (p[k] + p[k - 1])) / 2;
  return a;
}

/**
 * Smallest share at which the polyline (share[k], value[k]) (shares ascending) reaches `target`,
 * linearly interpolated; Infinity when it never does.
 */
export function shareToReach(share: readonly number[], value: readonly number[], target: number): number {
  for (let k = 0; k < share.length; k++) {
    if (value[k] >= target) {
      if (k > 0 && value[k - 1] < target && value[k] > value[k - 1]) {
        return share[k - 1] + ((target - value[k - 1]) / (value[k] - value[k - 1])) * (share[k] - share[k - 1]);
      }
      return share[k];
    }
  }
  return Infinity;
}

/** RouteLLM's CPT(level): share of strong calls needed to reach PGR >= level (null if never / no gap). */
export function cpt(share: readonly number[], curve: readonly number[], weakMean: number, strongMean: number, level: number): number | null {
  const p = pgr(curve, weakMean, strongMean);
  if (!p) return null;
  const s = shareToReach(share, p, level - 1e-12);
  return Number.isFinite(s) ? s : null;
}

/** Mean over x with oracle > random of (c - random) / (oracle - random); null if none. */
export function routingOracleGainCaptured(random: readonly number[], oracle: readonly number[], curve: readonly number[], eps = 1e-12): number | null {
  let s = 0;
  let m = 0;
  for (let k = 0; k < random.length; k++) {
    const gap = oracle[k] - random[k];
    if (gap > eps) {
      s += (curve[k] - random[k]) / gap;
      m++;
    }
  }
  return m > 0 ? s / m : null;
}

/** 1 - (share the curve needs to match random(x_k)) / x_k; null at x_k = 0 and where never matched. */
export function savedStrongCalls(x: readonly number[], random: readonly number[], share: readonly number[], curve: readonly number[]): (number | null)[] {
  return x.map((xk, k) => {
    if (!(xk > 0)) return null;
    const need = shareToReach(share, curve, random[k] - 1e-12);
    return Number.isFinite(need) ? 1 - need / xk : null;
  });
}

/** Outcome groups of the paper's Figure 5. */
export interface OutcomeGroups {
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
  const names = binary
    ? ['strong right, weak wrong', 'both right', 'both wrong', 'weak right, strong wrong']
    : ['strong better', 'tie', 'weak better'];
  const group = new Int32Array(n);
  const counts = names.map(() => 0);
  for (let i = 0; i < n; i++) {
    let gi: number;
    if (binary) {
      const s = strong[i] > 0.5;
      const w = weak[i] > 0.5;
      gi = s && !w ? 0 : s && w ? 1 : !s && !w ? 2 : 3;
    } else {
      gi = strong[i] > weak[i] ? 0 : strong[i] === weak[i] ? 1 : 2;
    }
    group[i] = gi;
    counts[gi]++;
  }
  return { names, group, counts };
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
      metricR.oracleGainCaptured[nm][r] = curvesThis.oracle ? routingOracleGainCaptured(rand, curvesThis.oracle, cur) ?? NaN : NaN;
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
