/**
 * Tables and the closing note of the routing notebook, computed from runs (no typed-in numbers):
 *
 * - routingDataRow: the dataset (n, procedures, mean rewards, how often strong beats weak).
 * - routingDiagnosticsRows: the router beside the constant predictor (training mean gain):
 *   AUC for "strong beats weak" and Spearman against the true gain (null for a constant), the
 *   spread of the predictions, and the router the inner CV chose in each fold.
 * - routeLLMRows: RouteLLM's metrics per curve (APGR, CPT(50%), CPT(80%)) with 95% bootstrap
 *   intervals; paperRows: the paper's metrics per learned router (quality gain over random at
 *   fixed shares with paired intervals, the saving in strong calls at matched quality, and in
 *   average cost when the costs differ).
 * - routingGroupRows: the paper's Figure 5 as a table.
 * - routingVerdict: 'beats' when the APGR interval lies above random's 0.5, 'loses' when below,
 *   'tie' otherwise (random's APGR is exactly 0.5 on every resample, so this is a paired test).
 * - routingClosingMarkdown: APGR and CPT(50%) of the learned router beside random and oracle per
 *   dataset, and where it beats random with bands that exclude it and where not.
 *
 * @example
 * routeLLMRows(run); // [{ router: 'random', APGR: 0.5, ... }, { router: 'oracle', ... }, ...]
 * routingClosingMarkdown(runs); // markdown string
 */
import { savedAtMatchedQuality } from '../evaluate/metrics';
import type { RoutingRun } from './routing';
import type { ScalarBand } from './routing_curves';

type Cell = string | number | null;
export type RoutingRow = Record<string, Cell>;

function f3(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3);
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(1)}%`;
}

function ci(b: ScalarBand | undefined, fmt: (v: number | null) => string = f3): string {
  return b && b.lo !== null && b.hi !== null ? `[${fmt(b.lo)}, ${fmt(b.hi)}]` : '–';
}

function short(p: string): string {
  return p.split('/').pop() ?? p;
}

/** One row describing the dataset of a run. */
export function routingDataRow(run: RoutingRun): RoutingRow {
  const r = run.results;
  const n = r.n;
  let sb = 0;
  let wb = 0;
  for (let i = 0; i < n; i++) {
    if (run.strong[i] > run.weak[i]) sb++;
    else if (run.strong[i] < run.weak[i]) wb++;
  }
  const [w, s] = r.procedures ?? ['weak', 'strong'];
  return {
    dataset: r.dataset,
    n,
    weak: short(w),
    strong: short(s),
    reward: r.reward === 'binary' ? 'correct (0/1)' : 'judge score (1-10)',
    'weak mean': r.weakMean,
    'strong mean': r.strongMean,
    'strong better': pct(sb / n),
    'weak better': pct(wb / n),
    costs: r.costs ? `${r.costs.weak} : ${r.costs.strong}` : '–',
    evaluation: r.evaluation.split,
  };
}

/** The router beside the constant predictor, plus the per-fold choice of the inner CV. */
export function routingDiagnosticsRows(run: RoutingRun): RoutingRow[] {
  const d = run.diagnostics;
  const s = d.spread;
  const choices = run.results.predictor?.choices;
  return [
    {
      predictor: 'learned router (pooled out-of-fold)',
      'AUC strong beats weak': d.learned.aucStrongBeats,
      'Spearman vs true gain': d.learned.spearmanGain === null ? '– (constant)' : d.learned.spearmanGain,
      'prediction p10 / median / p90': `${f3(s.p10)} / ${f3(s.median)} / ${f3(s.p90)}`,
      'chosen by inner CV': typeof choices === 'string' ? choices : '–',
    },
    {
      predictor: 'constant (training mean gain)',
      'AUC strong beats weak': d.constant.aucStrongBeats,
      'Spearman vs true gain': d.constant.spearmanGain === null ? '– (constant)' : d.constant.spearmanGain,
      'prediction p10 / median / p90': '–',
      'chosen by inner CV': '–',
    },
  ];
}

const ROUTER_NAMES: Record<string, string> = {
  random: 'random',
  oracle: 'oracle (true gains)',
  online: 'learned online',
  offline: 'learned offline',
};

/** RouteLLM's metrics per curve with 95% bootstrap intervals. */
export function routeLLMRows(run: RoutingRun): RoutingRow[] {
  const m = run.results.metrics;
  const b = run.results.metricBands;
  return ['random', 'oracle', 'online', 'offline'].map((k) => ({
    router: ROUTER_NAMES[k],
    APGR: m.apgr[k],
    'APGR 95% CI': ci(b.apgr[k]),
    'CPT(50%)': m.cpt50[k],
    'CPT(50%) 95% CI': ci(b.cpt50[k]),
    'CPT(80%)': m.cpt80[k],
    'CPT(80%) 95% CI': ci(b.cpt80[k]),
  }));
}

function indexOfShare(run: RoutingRun, share: number): number {
  const k = Array.from(run.results.x).findIndex((v) => Math.abs(v - share) < 1e-9);
  if (k < 0) throw new Error(`share ${share} is not on the grid`);
  return k;
}

/**
 * The paper's metrics per learned router (and the oracle): quality gain over random at the
 * given shares (paired 95% interval), the largest saving in strong calls at matched quality and
 * the saving at `savingAt`, the share of the oracle's gain captured.
 */
export function paperRows(run: RoutingRun, shares: readonly number[] = [0.2, 0.5], savingAt = 0.5): RoutingRow[] {
  const r = run.results;
  const m = r.metrics;
  const ks = indexOfShare(run, savingAt);
  return ['online', 'offline', 'oracle'].map((k) => {
    const row: RoutingRow = { router: ROUTER_NAMES[k] };
    const gain = k === 'oracle' ? Array.from(run.rc.curves.oracle, (v, i) => v - run.rc.curves.random[i]) : Array.from(m.gainAtFixedBudget?.[k] ?? []);
    for (const s of shares) {
      const i = indexOfShare(run, s);
      row[`gain at ${pct(s)} strong`] = gain[i];
      row[`95% CI (${pct(s)})`] = r.pairedBands?.[k] ? `[${f3(Number(r.pairedBands[k].lo[i]))}, ${f3(Number(r.pairedBands[k].hi[i]))}]` : '–';
    }
    const saved = k === 'oracle' ? savedOracle(run) : ((m.savedAtMatchedQuality?.[k] ?? []) as (number | null)[]);
    let best: { v: number; x: number } | null = null;
    saved.forEach((v, i) => {
      if (v !== null && Number.isFinite(v) && (best === null || v > best.v)) best = { v, x: Number(r.x[i]) };
    });
    const b = best as { v: number; x: number } | null;
    row[`strong calls saved at matched quality (x = ${pct(savingAt)})`] = pct(saved[ks]);
    row['largest saving (at x)'] = b ? `${pct(b.v)} (x = ${pct(b.x)})` : '–';
    if (r.costSavedAtMatchedQuality) {
      const cs = k === 'oracle' ? null : r.costSavedAtMatchedQuality[k]?.[ks];
      row[`cost saved at matched quality (x = ${pct(savingAt)})`] = k === 'oracle' ? '–' : pct(cs);
    }
    row['oracle gain captured'] = m.oracleGainCaptured[k];
    return row;
  });
}

function savedOracle(run: RoutingRun): (number | null)[] {
  // lib/evaluate's routingMetrics skips the oracle; the same computation.
  return savedAtMatchedQuality(run.rc.x, run.rc.curves.random, run.rc.curves.oracle, { spent: run.rc.spent.oracle });
}

/** The paper's Figure 5 as a table: share routed to strong per outcome group at groupsShare. */
export function routingGroupRows(run: RoutingRun): RoutingRow[] {
  const r = run.results;
  const g = r.groups ?? {};
  return run.groups.keys.map((key, j) => ({
    group: run.groups.names[j],
    queries: run.groups.counts[j],
    'learned online': g.online?.[key]?.share ?? null,
    'online 95% CI': ci(r.groupBands.online?.[key]),
    'learned offline': g.offline?.[key]?.share ?? null,
    'offline 95% CI': ci(r.groupBands.offline?.[key]),
    random: g.random?.[key]?.share ?? null,
    oracle: g.oracle?.[key]?.share ?? null,
  }));
}

export type RoutingVerdict = 'beats' | 'loses' | 'tie';

/** Does a router's APGR interval exclude random's 0.5, and on which side? */
export function routingVerdict(run: RoutingRun, router = 'online'): RoutingVerdict {
  const b = run.results.metricBands.apgr[router];
  if (!b || b.lo === null || b.hi === null) return 'tie';
  if (b.lo > 0.5) return 'beats';
  if (b.hi < 0.5) return 'loses';
  return 'tie';
}

/** Shares (of 19 interior ones) where the paired band of (router - random) lies above / below 0. */
export function pairedShareCounts(run: RoutingRun, router = 'online'): { above: number; below: number; of: number } {
  const pb = run.results.pairedBands?.[router];
  let above = 0;
  let below = 0;
  let of = 0;
  const x = Array.from(run.results.x);
  x.forEach((v, k) => {
    if (!(v > 0 && v < 1) || !pb) return;
    of++;
    if (Number(pb.lo[k]) > 0) above++;
    if (Number(pb.hi[k]) < 0) below++;
  });
  return { above, below, of };
}

/** The closing note: per dataset APGR and CPT(50%) of the learned router beside random and oracle, and the verdicts. */
export function routingClosingMarkdown(runs: readonly RoutingRun[]): string {
  const lines: string[] = [];
  lines.push('| dataset | n | APGR learned online [95% CI] | APGR learned offline | APGR random | APGR oracle | CPT(50%) learned online [95% CI] | CPT(50%) random | CPT(50%) oracle | shares where online is above / below random (paired band) | verdict (online) |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const run of runs) {
    const r = run.results;
    const m = r.metrics;
    const b = r.metricBands;
    const c = pairedShareCounts(run, 'online');
    const v = routingVerdict(run, 'online');
    lines.push(
      `| ${r.dataset} | ${r.n} | ${f3(m.apgr.online)} ${ci(b.apgr.online)} | ${f3(m.apgr.offline)} ${ci(b.apgr.offline)} | ${f3(m.apgr.random)} | ${f3(m.apgr.oracle)} | ` +
        `${f3(m.cpt50.online)} ${ci(b.cpt50.online)} | ${f3(m.cpt50.random)} | ${f3(m.cpt50.oracle)} | ${c.above} / ${c.below} of ${c.of} | ${v} |`,
    );
  }
  const by = (v: RoutingVerdict): string[] => runs.filter((run) => routingVerdict(run, 'online') === v).map((run) => `\`${run.results.dataset}\``);
  const beats = by('beats');
  const ties = by('tie');
  const loses = by('loses');
  const list = (a: string[]): string => (a.length ? a.join(', ') : 'none');
  lines.push('');
  lines.push(
    `**Where the learned router beats random with a band that excludes it** (95% bootstrap interval of its APGR above random's 0.5): ${list(beats)}. ` +
      `**Where it does not:** ${list(ties)}${ties.length ? ' (interval contains 0.5: indistinguishable from random)' : ''}` +
      `${loses.length ? `; below random: ${list(loses)}` : ''}.`,
  );
  const gaps = runs.map((run) => ({ d: run.results.dataset, f: fractionOfOracle(run) })).filter((g) => g.f !== null);
  if (gaps.length) {
    lines.push('');
    lines.push(
      'Share of the oracle\'s APGR headroom above random that the online router recovers, (APGR - 0.5) / (oracle APGR - 0.5): ' +
        gaps.map((g) => `${g.d} ${pct(g.f)}`).join(', ') + '.',
    );
  }
  return lines.join('\n');
}

function fractionOfOracle(run: RoutingRun): number | null {
  const m = run.results.metrics.apgr;
  const o = m.oracle;
  const l = m.online;
  if (o === null || l === null || o === undefined || l === undefined || !(o > 0.5)) return null;
  return (l - 0.5) / (o - 0.5);
}
