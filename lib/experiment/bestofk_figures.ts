/**
 * Figures of a best-of-k run (plotly objects from lib/plot), and saving them under
 * figures/<dataset>[-<model>]/ as .html and .png:
 *
 * - `curves`: mean reward against average budget per query, every allocator with its 95%
 *   query-bootstrap band; offline and two-stage curves drawn at the budget they actually spent.
 * - `difficulty`: allocated budget against true difficulty (the evaluated queries' one-sample
 *   reward q_i(1), in bins) for the one-shot allocators at the budget `xDifficulty`: by default
 *   the x where the oracle's lead over uniform is largest (where allocation matters most).
 * - `reliability`: reliability diagram of the learned and the constant predictor (binary: p
 *   against the success rate; reranked: q_hat(bmax) against q(bmax); continuous: the predicted
 *   against the true mean reward, both divided by the reward's maximum, 10 for judge scores).
 *
 * @example
 * const figs = bestOfKFigures(run);            // { curves, difficulty, reliability }
 * await saveBestOfKFigures(run);               // writes figures/<name>/{curves,difficulty,reliability}.{html,png}
 */
import * as path from 'path';
import { ece } from '../predictors';
import { budgetByDifficultyFigure, rewardBudgetFigure, reliabilityFigure, type PlotlyFigure } from '../plot/figures';
import { saveFigure, type SavedFigure } from '../plot/export';
import { figuresDir } from '../util/fs';
import type { BestOfKRun } from './bestofk';

/** Display names of the curves. */
export const CURVE_LABELS: Record<string, string> = {
  uniform: 'uniform',
  oracle: 'oracle (true gains)',
  online: 'learned, online (plug-in)',
  offline: 'learned, offline (binned policy)',
  prior: 'learned, uncertainty-aware prior',
  twoStage: 'two-stage, learned prior',
  twoStageFlat: 'two-stage, shared prior',
};

/** The x (index) where oracle - uniform is largest (first on ties). */
export function widestGapIndex(run: BestOfKRun): number {
  const u = run.results.curves.uniform;
  const o = run.results.curves.oracle;
  let best = 0;
  for (let k = 1; k < u.length; k++) if (o[k] - u[k] > o[best] - u[best] + 1e-12) best = k;
  return best;
}

function title(run: BestOfKRun): string {
  const r = run.results;
  const model = r.model ? `, ${r.model.split('/').pop()}` : '';
  const variant = r.variant ? ` (${r.variant} subset)` : '';
  return `${r.dataset}${model}${variant}: n=${r.n}`;
}

export interface BestOfKFigures {
  curves: PlotlyFigure;
  difficulty: PlotlyFigure;
  reliability: PlotlyFigure;
  /** The x of the difficulty figure. */
  xDifficulty: number;
}

/** Build the three figures of a run (see the module comment). */
export function bestOfKFigures(run: BestOfKRun, opts: { xDifficulty?: number } = {}): BestOfKFigures {
  const r = run.results;
  const yLabel =
    r.reward === 'binary'
      ? 'mean reward: P(some sample correct)'
      : r.reward === 'reranked'
        ? "mean reward: P(the reward model's pick is correct)"
        : 'mean reward: expected best of b (judge score 1-10)';
  const spent: Record<string, ArrayLike<number>> = { offline: r.offlineSpent };
  if (r.twoStageSpent) spent.twoStage = r.twoStageSpent;
  if (r.twoStageFlatSpent) spent.twoStageFlat = r.twoStageFlatSpent;
  const curves = rewardBudgetFigure({
    title: `${title(run)}: reward against budget`,
    x: r.x,
    curves: r.curves,
    bands: r.bands,
    spent,
    labels: CURVE_LABELS,
    xLabel: 'average budget per query (samples; offline and two-stage: as spent)',
    yLabel,
  });
  const k = opts.xDifficulty !== undefined ? opts.xDifficulty - 1 : widestGapIndex(run);
  const xd = r.x[k];
  const w = run.q.bmax + 1;
  const difficulty = Float64Array.from({ length: run.q.n }, (_, i) => run.q.q[i * w + 1]);
  const budgets: Record<string, Int32Array> = {};
  for (const nm of ['uniform', 'oracle', 'online', 'offline', 'prior']) budgets[nm] = run.curves.budgets[nm][k];
  const diffFig = budgetByDifficultyFigure({
    title: `${title(run)}: budget against true difficulty at x = ${xd}`,
    difficulty,
    budgets,
    bins: 10,
    labels: CURVE_LABELS,
    xLabel: r.reward === 'continuous' ? 'true difficulty: mean judge score of one sample (bin)' : 'true difficulty: reward of one sample, q(1) (bin)',
  });
  const d = run.diagnostics;
  let series: Record<string, ReturnType<typeof ece>['bins']>;
  let xLabel: string;
  let yLabelRel: string;
  if (r.reward === 'continuous') {
    const scale = 10;
    const p = Float64Array.from(d.pred, (v) => Math.min(1, Math.max(0, v / scale)));
    const t = Float64Array.from(d.truth, (v) => Math.min(1, Math.max(0, v / scale)));
    const c = Float64Array.from(d.constant, (v) => Math.min(1, Math.max(0, v / scale)));
    series = { learned: ece(p, t, undefined, 10).bins, constant: ece(c, t, undefined, 10).bins };
    xLabel = 'mean predicted reward of one sample / 10 (per bin)';
    yLabelRel = 'observed mean reward of one sample / 10 (per bin)';
  } else {
    series = { learned: ece(d.pred, d.truth, d.weight, 10).bins, constant: ece(d.constant, d.truth, d.weight, 10).bins };
    xLabel = r.reward === 'binary' ? 'mean predicted success probability (per bin)' : 'mean predicted q(bmax) (per bin)';
    yLabelRel = r.reward === 'binary' ? 'observed success rate c/n (per bin)' : 'observed q(bmax) (per bin)';
  }
  const reliability = reliabilityFigure(series, {
    title: `${title(run)}: reliability of ${r.predictor.name.split(' on ')[0]}`,
    xLabel,
    yLabel: yLabelRel,
    labels: { learned: 'learned predictor', constant: 'constant predictor (training mean)' },
  });
  return { curves, difficulty: diffFig, reliability, xDifficulty: xd };
}

/**
 * Save the run's figures as `<dir>/<name>/{curves,difficulty,reliability}.{html,png}` (dir
 * defaults to figuresDir(); PNG needs Chromium, else only HTML is written).
 */
export async function saveBestOfKFigures(
  run: BestOfKRun,
  opts: { dir?: string; figures?: BestOfKFigures } = {},
): Promise<Record<string, SavedFigure>> {
  const figs = opts.figures ?? bestOfKFigures(run);
  const dir = opts.dir ?? path.dirname(run.dir);
  const out: Record<string, SavedFigure> = {};
  const name = path.basename(run.dir);
  for (const key of ['curves', 'difficulty', 'reliability'] as const) {
    out[key] = await saveFigure(figs[key], `${name}/${key}`, { dir, formats: ['html', 'png'] });
  }
  return out;
}

/** Default base folder of figures (re-exported for notebooks). */
export function bestOfKFiguresRoot(): string {
  return figuresDir();
}
