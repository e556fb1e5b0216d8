/**
 * Figures of a routing run (plotly objects from lib/plot), saved under figures/<dataset>/ as
 * .html and .png:
 *
 * - `curves`: mean reward against the share of queries sent to strong, random / oracle /
 *   learned online / learned offline (at the share it actually used), 95% query-bootstrap
 *   bands, and the weak-only and strong-only levels as reference lines.
 * - `gain`: the learned routers' lead over random (curve - random) with the paired 95% band
 *   (same resamples): where the band lies above 0, the router beats random at that share.
 * - `cost` (only when the two procedures cost differently): the same curves against the
 *   average cost per query, (1 - share) c_weak + share c_strong.
 * - `groups`: the paper's Figure 5: the share of each true-outcome group routed to strong at
 *   results.groupsShare, learned routers beside random, whiskers = 95% bootstrap intervals.
 *
 * @example
 * const figs = routingFigures(run);   // { curves, gain, groups, cost? }
 * await saveRoutingFigures(run);      // figures/<dataset>/{curves,gain,groups[,cost]}.{html,png}
 */
import * as path from 'path';
import { routingFigure, shareByGroupFigure, type PlotlyFigure } from '../plot/figures';
import { saveFigure, type SavedFigure } from '../plot/export';
import type { RoutingRun } from './routing';

/** Display names of the routing curves. */
export const ROUTING_CURVE_LABELS: Record<string, string> = {
  random: 'random',
  oracle: 'oracle (true gains)',
  online: 'learned, online (top predicted gains)',
  offline: 'learned, offline (held-out threshold)',
};

function short(p: string): string {
  return p.split('/').pop() ?? p;
}

function title(run: RoutingRun): string {
  const r = run.results;
  const [w, s] = r.procedures ?? ['weak', 'strong'];
  return `${r.dataset}: ${short(w)} -> ${short(s)}, n=${r.n}`;
}

function yLabel(run: RoutingRun): string {
  return run.results.reward === 'binary' ? 'accuracy (share of queries answered correctly)' : 'mean judge score (1-10)';
}

export interface RoutingFigures {
  curves: PlotlyFigure;
  gain: PlotlyFigure;
  groups: PlotlyFigure;
  cost?: PlotlyFigure;
}

/** Build the figures of a run (see the module comment). */
export function routingFigures(run: RoutingRun): RoutingFigures {
  const r = run.results;
  const rc = run.rc;
  const [w, s] = r.procedures ?? ['weak', 'strong'];
  const order = ['random', 'oracle', 'online', 'offline'];
  const curves = Object.fromEntries(order.map((k) => [k, rc.curves[k]]));
  const spent = Object.fromEntries(order.map((k) => [k, rc.spent[k]]));
  const bands = Object.fromEntries(order.map((k) => [k, run.boot.bands[k]]));
  const curvesFig = routingFigure({
    title: `${title(run)}: reward against share of strong calls`,
    x: rc.x,
    curves,
    bands,
    spent,
    labels: ROUTING_CURVE_LABELS,
    weakMean: rc.weakMean,
    strongMean: rc.strongMean,
    weakLabel: `weak only (${short(w)})`,
    strongLabel: `strong only (${short(s)})`,
    xLabel: 'share of queries sent to the strong procedure (offline: share actually used)',
    yLabel: yLabel(run),
  });
  const learned = ['online', 'offline'];
  const gainFig = routingFigure({
    title: `${title(run)}: lead over random routing`,
    x: rc.x,
    curves: Object.fromEntries(learned.map((k) => [k, Array.from(rc.curves[k], (v, i) => v - rc.curves.random[i])])),
    bands: Object.fromEntries(learned.map((k) => [k, run.boot.pairedBands[k]])),
    labels: { online: 'learned online - random', offline: 'learned offline - random' },
    weakMean: 0,
    weakLabel: 'no gain over random',
    xLabel: 'share of queries sent to the strong procedure (nominal)',
    yLabel: `${yLabel(run).split(' (')[0]} minus random's (paired)`,
  });
  const groupsIn: Record<string, Record<string, { count: number; share: number | null }>> = {};
  for (const k of ['online', 'offline', 'random']) if (r.groups?.[k]) groupsIn[k] = r.groups[k];
  const groupsFig = shareByGroupFigure({
    title: `${r.dataset}: share routed to strong by true outcome (paper's Fig. 5)`,
    groups: groupsIn,
    groupLabels: Object.fromEntries(run.groups.keys.map((key, g) => [key, run.groups.names[g]])),
    labels: { ...ROUTING_CURVE_LABELS, random: 'random (expected share)' },
    share: r.groupsShare,
  });
  // Whiskers: 95% bootstrap intervals of the learned routers' group shares.
  groupsFig.data.forEach((trace, t) => {
    const name = Object.keys(groupsIn)[t];
    const gb = r.groupBands[name];
    if (!gb) return;
    const keys = Object.keys(groupsIn[name]);
    const y = keys.map((key) => groupsIn[name][key].share);
    trace.error_y = {
      type: 'data',
      symmetric: false,
      array: keys.map((key, j) => (gb[key].hi === null || y[j] === null ? null : (gb[key].hi as number) - (y[j] as number))),
      arrayminus: keys.map((key, j) => (gb[key].lo === null || y[j] === null ? null : (y[j] as number) - (gb[key].lo as number))),
      visible: true,
      thickness: 1,
    };
  });
  const out: RoutingFigures = { curves: curvesFig, gain: gainFig, groups: groupsFig };
  if (rc.cost && r.costs) {
    const c = r.costs;
    out.cost = routingFigure({
      title: `${title(run)}: reward against average cost per query (costs ${c.weak} : ${c.strong})`,
      x: rc.cost.random,
      curves,
      bands,
      spent: Object.fromEntries(order.map((k) => [k, (rc.cost as Record<string, Float64Array>)[k]])),
      labels: ROUTING_CURVE_LABELS,
      weakMean: rc.weakMean,
      strongMean: rc.strongMean,
      weakLabel: `weak only (${short(w)})`,
      strongLabel: `strong only (${short(s)})`,
      xLabel: `average cost per query (one ${short(w)} call = ${c.weak}, one ${short(s)} call = ${c.strong})`,
      yLabel: yLabel(run),
    });
  }
  return out;
}

/** Save the run's figures as `<dir>/<dataset>/<figure>.{html,png}` (dir defaults to the run's parent folder). */
export async function saveRoutingFigures(run: RoutingRun, opts: { dir?: string; figures?: RoutingFigures } = {}): Promise<Record<string, SavedFigure>> {
  const figs = opts.figures ?? routingFigures(run);
  const dir = opts.dir ?? path.dirname(run.dir);
  const name = path.basename(run.dir);
  const out: Record<string, SavedFigure> = {};
  for (const key of ['curves', 'gain', 'cost', 'groups'] as const) {
    const fig = figs[key];
    if (fig) out[key] = await saveFigure(fig, `${name}/${key}`, { dir, formats: ['html', 'png'] });
  }
  return out;
}
