/**
 * Tables and sentences a notebook shows for best-of-k runs, computed from the runs (so no
 * number in a notebook is typed in by hand):
 *
 * - diagnosticsRows(run): the learned and the constant predictor side by side (Spearman, Brier
 *   or MSE, ECE, spread of the predictions).
 * - metricsRows(run): per allocator, the oracle gain captured, the largest compute saving at
 *   matched quality and the largest quality gain at a fixed budget (with their x), and at how
 *   many budgets the paired 95% band of (allocator - uniform) lies above / below zero.
 * - verdict(run, curve): 'beats' (band above zero somewhere and nowhere below), 'loses', 'mixed'
 *   or 'tie'. closingMarkdown(runs): the per-dataset verdicts as markdown.
 *
 * @example
 * metricsRows(run); // [{ allocator: 'online', oracleGainCaptured: 0.01, ... }, ...]
 */
import type { BestOfKRun } from './bestofk';

export const ALLOCATORS: readonly string[] = ['online', 'offline', 'prior', 'twoStage', 'twoStageFlat'];

function r3(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000;
}

export interface DiagnosticsRow {
  predictor: string;
  target: string;
  spearman: number | null;
  brier: number | null;
  ece: number | null;
  predMin: number | null;
  predMedian: number | null;
  predMax: number | null;
}

/** Learned vs constant predictor on the evaluated queries. */
export function diagnosticsRows(run: BestOfKRun): DiagnosticsRow[] {
  const d = run.diagnostics;
  const p = run.results.predictor;
  const cs = Float64Array.from(d.constant).sort();
  return [
    {
      predictor: 'learned',
      target: d.target,
      spearman: r3(p.spearman),
      brier: r3(p.brier),
      ece: r3(d.ece),
      predMin: r3(d.spread.min),
      predMedian: r3(d.spread.median),
      predMax: r3(d.spread.max),
    },
    {
      predictor: 'constant (training mean)',
      target: d.target,
      spearman: null,
      brier: r3(p.constantBrier),
      ece: null,
      predMin: r3(cs[0]),
      predMedian: r3(cs[cs.length >> 1]),
      predMax: r3(cs[cs.length - 1]),
    },
  ];
}

export interface MetricsRow {
  allocator: string;
  oracleGainCaptured: number | null;
  maxSaved: number | null;
  maxSavedAtX: number | null;
  maxGain: number | null;
  maxGainAtX: number | null;
  /** Budgets where the paired band (allocator - uniform) lies above / below zero, of x.length. */
  xsAbove: number;
  xsBelow: number;
  xs: number;
}

function argmaxFinite(a: readonly (number | null)[]): number {
  let b = -1;
  for (let k = 0; k < a.length; k++) {
    const v = a[k];
    if (v === null || !Number.isFinite(v)) continue;
    if (b < 0 || v > (a[b] as number)) b = k;
  }
  return b;
}

/** Significance counts of a curve against uniform from the paired band. */
export function pairedCounts(run: BestOfKRun, curve: string): { above: number; below: number; of: number } {
  const pb = run.results.pairedBands[curve];
  if (!pb) return { above: 0, below: 0, of: 0 };
  let above = 0;
  let below = 0;
  for (let k = 0; k < pb.lo.length; k++) {
    if (pb.lo[k] > 1e-12) above++;
    if (pb.hi[k] < -1e-12) below++;
  }
  return { above, below, of: pb.lo.length };
}

/** Per-allocator metrics of a run (see the module comment). */
export function metricsRows(run: BestOfKRun): MetricsRow[] {
  const r = run.results;
  return ALLOCATORS.filter((a) => a in r.curves).map((a) => {
    const s = r.metrics.savedAtMatchedQuality[a];
    const g = r.metrics.gainAtFixedBudget[a];
    const ks = argmaxFinite(s);
    const kg = argmaxFinite(g);
    const c = pairedCounts(run, a);
    return {
      allocator: a,
      oracleGainCaptured: r3(r.metrics.oracleGainCaptured[a]),
      maxSaved: ks >= 0 ? r3(s[ks]) : null,
      maxSavedAtX: ks >= 0 ? r.x[ks] : null,
      maxGain: kg >= 0 ? r3(g[kg]) : null,
      maxGainAtX: kg >= 0 ? r.x[kg] : null,
      xsAbove: c.above,
      xsBelow: c.below,
      xs: c.of,
    };
  });
}

export type Verdict = 'beats' | 'loses' | 'mixed' | 'tie';

/** 'beats' uniform: the paired band excludes zero from above at some x and never from below. */
export function verdict(run: BestOfKRun, curve: string): Verdict {
  const c = pairedCounts(run, curve);
  if (c.above > 0 && c.below === 0) return 'beats';
  if (c.below > 0 && c.above === 0) return 'loses';
  if (c.above > 0 && c.below > 0) return 'mixed';
  return 'tie';
}

/** Display name of a run: dataset, model and variant. */
export function runLabel(run: BestOfKRun): string {
  const r = run.results;
  return `${r.dataset}${r.model ? ` (${r.model.split('/').pop()})` : ''}${r.variant ? ` [${r.variant}]` : ''}`;
}

/** One row per run: oracle gain captured and verdict of every allocator (for a notebook table). */
export function overviewRows(runs: readonly BestOfKRun[]): Record<string, string | number | null>[] {
  return runs.map((run) => {
    const row: Record<string, string | number | null> = { dataset: runLabel(run), n: run.results.n, bmax: run.results.bmax, pass1: r3(run.results.curves.uniform[0]) };
    row.spearman = r3(run.results.predictor.spearman);
    for (const a of ALLOCATORS) {
      if (!(a in run.results.curves)) continue;
      const c = pairedCounts(run, a);
      row[`OGC ${a}`] = r3(run.results.metrics.oracleGainCaptured[a]);
      row[`${a} +/-`] = `${c.above}/${c.below} of ${c.of}`;
    }
    return row;
  });
}

/**
 * The closing note of a notebook: for every run, which allocators beat uniform with paired 95%
 * bands that exclude zero (at how many budgets), which lose, and which are indistinguishable.
 */
export function closingMarkdown(runs: readonly BestOfKRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    const groups: Record<Verdict, string[]> = { beats: [], loses: [], mixed: [], tie: [] };
    for (const a of ALLOCATORS) {
      if (!(a in run.results.curves)) continue;
      const c = pairedCounts(run, a);
      const ogc = run.results.metrics.oracleGainCaptured[a];
      groups[verdict(run, a)].push(`${a} (OGC ${ogc === null ? 'n/a' : ogc.toFixed(2)}; above at ${c.above}, below at ${c.below} of ${c.of} budgets)`);
    }
    const parts: string[] = [];
    if (groups.beats.length) parts.push(`**beat uniform**: ${groups.beats.join(', ')}`);
    if (groups.mixed.length) parts.push(`**mixed** (above at some budgets, below at others): ${groups.mixed.join(', ')}`);
    if (groups.loses.length) parts.push(`**lose to uniform**: ${groups.loses.join(', ')}`);
    if (groups.tie.length) parts.push(`**indistinguishable from uniform**: ${groups.tie.join(', ')}`);
    lines.push(`- ${runLabel(run)}, predictor Spearman ${run.results.predictor.spearman === null ? 'n/a' : run.results.predictor.spearman.toFixed(2)}: ${parts.join('; ')}.`);
  }
  return lines.join('\n');
}

export interface HarmRow {
  allocator: string;
  /** (query, x) pairs where the allocator's budget lies beyond the query's best budget on its true curve. */
  beyondTrueBest: number;
  /** ... beyond the best budget of the curve the allocator itself saw (predicted; true for the oracle). */
  beyondOwnBest: number;
  /** Queries x budgets examined. */
  pairs: number;
}

/** Smallest b maximising the cumulative sum of gains row i (0 when no prefix is positive). */
function bestBudget(gains: Float64Array, i: number, bmax: number): number {
  let s = 0;
  let best = 0;
  let bestS = 0;
  for (let j = 1; j <= bmax; j++) {
    s += gains[i * bmax + j - 1];
    if (s > bestS + 1e-12) {
      bestS = s;
      best = j;
    }
  }
  return best;
}

/**
 * Where more samples hurt (reranked data): for the oracle, online and prior allocations at every
 * x, how often a query gets more than its best budget, on its true curve and on the curve the
 * allocator saw. The exact allocator with stopAtZeroGain never exceeds the best budget of the
 * curve it saw (beyondOwnBest = 0); exceeding the true best budget is the predictor's error.
 */
export function harmRows(run: BestOfKRun): HarmRow[] {
  const { q } = run;
  const bmax = q.bmax;
  const w = bmax + 1;
  const trueGains = new Float64Array(q.n * bmax);
  for (let i = 0; i < q.n; i++) for (let j = 1; j <= bmax; j++) trueGains[i * bmax + j - 1] = q.q[i * w + j] - q.q[i * w + j - 1];
  const trueBest = Int32Array.from({ length: q.n }, (_, i) => bestBudget(trueGains, i, bmax));
  const seen: Record<string, Float64Array> = { oracle: trueGains, online: run.predicted.gains, prior: run.predicted.priorGains };
  return Object.entries(seen).map(([a, g]) => {
    const own = Int32Array.from({ length: q.n }, (_, i) => bestBudget(g, i, bmax));
    let beyondTrueBest = 0;
    let beyondOwnBest = 0;
    let pairs = 0;
    for (const b of run.curves.budgets[a]) {
      for (let i = 0; i < q.n; i++) {
        pairs++;
        if (b[i] > trueBest[i]) beyondTrueBest++;
        if (b[i] > own[i]) beyondOwnBest++;
      }
    }
    return { allocator: a, beyondTrueBest, beyondOwnBest, pairs };
  });
}

/** Share of queries whose true curve falls somewhere (q(b) < q(b - 1)), and the mean true curve. */
export function fallingCurves(run: BestOfKRun): { share: number; meanCurve: number[]; shareBestBelowBmax: number } {
  const { q } = run;
  const w = q.bmax + 1;
  let falling = 0;
  let below = 0;
  const mean = new Array<number>(q.bmax).fill(0);
  for (let i = 0; i < q.n; i++) {
    let f = false;
    let best = 0;
    for (let b = 1; b <= q.bmax; b++) {
      mean[b - 1] += q.q[i * w + b] / q.n;
      if (q.q[i * w + b] < q.q[i * w + b - 1] - 1e-12) f = true;
      if (q.q[i * w + b] > q.q[i * w + best] + 1e-12) best = b;
    }
    if (f) falling++;
    if (best < q.bmax) below++;
  }
  return { share: falling / q.n, meanCurve: mean, shareBestBelowBmax: below / q.n };
}
