/**
 * Learned routing between a cheap (weak) and an expensive (strong) procedure on one dataset,
 * end to end (Damani et al., ICLR 2025, routing; our METHOD.md "Routing"; issue 6), with
 * RouteLLM's evaluation conventions (Ong et al. 2024) beside the paper's.
 *
 *   split -> featurize (train only) -> router chosen by CV inside train (routing_predict.ts)
 *   -> pooled out-of-fold predicted gains -> curves random / oracle / online / offline on
 *   x = 0, 0.05, ..., 1 (lib/evaluate/routing.ts) -> APGR, CPT(50%), CPT(80%), oracle gain
 *   captured, gain at a fixed share, saving in strong calls at matched quality -> query-bootstrap
 *   bands of curves, paired differences and metrics (routing_curves.ts) -> the paper's Figure 5
 *   outcome groups -> figures/<dataset>/results.json (+ figures: routing_figures.ts).
 *
 * Splits: none of the six routing datasets ships a train/test split, so every query is
 * evaluated once under seeded K-fold cross-validation (default 5) with pooled out-of-fold
 * predictions; a dataset with an official split (ds.split) would use it as a single fold. In
 * each fold a seeded `heldoutFraction` (default 0.3) of the training queries is held out from
 * the router: the offline threshold for each share x is fitted on the router's predictions for
 * them (`fitRoutingThreshold`) and applied query by query to the fold's test queries; the share
 * it actually routes is recorded (`offlineSpent`). Online routing sends the round(x n) pooled
 * test queries with the largest predicted gain to strong.
 *
 * Costs: with per-call costs c_weak != c_strong (gsm8k-gpt3-verifier defaults to [1, 100]), the
 * average cost per query of a curve at share s is (1 - s) c_weak + s c_strong (`cost`), and
 * `costSavedAtMatchedQuality[k]` = 1 - (cost the router needs to match random at x_k) / (cost of
 * random at x_k). With two procedures and one extra cost per strong call, the largest gain per
 * unit of extra cost is the largest gain, so the routings themselves do not change.
 *
 * Determinism: every random choice is seeded from `seed`, the solvers are deterministic and
 * results.json (written by lib/evaluate's writeResults, 12 significant digits) holds no
 * timestamps, so two runs write identical bytes. Quick mode (quickMode(), ADAPTIVE_QUICK=1):
 * 100 bootstrap resamples instead of 1000, and `routingDatasets()` lists two small datasets.
 *
 * @example
 * const run = runRouting({ dataset: 'routellm-gsm8k' });
 * run.results.metrics.apgr.online;  // e.g. 0.6 (random 0.5)
 * run.results.metrics.cpt50.online; // share of strong calls for half the weak-to-strong gap
 */
import * as path from 'path';
import { applyRoutingThreshold, fitRoutingThreshold } from '../allocate/routing';
import { DATASET_NAMES, datasetInfo } from '../data/catalog';
import { loadRouting } from '../data/registry';
import { kfold } from '../data/splits';
import { splitHeldout } from './bestofk_split';
import type { RoutingDataset } from '../data/types';
import { routeMask, routingCurves, routingMetrics, type RoutingCurves, type RoutingMetrics } from '../evaluate/routing';
import { oracleGainCaptured } from '../evaluate/metrics';
import { writeResults, type BandJson, type GroupShareJson, type RoutingResults } from '../evaluate/results';
import type { Featurizer } from '../features/types';
import { diagnoseRouting } from '../predictors/diagnostics';
import { figuresDir, quickMode } from '../util/fs';
import { firstStrongIndex, outcomeGroups, routingBootstrap, routingGrid, shareByGroup, type BootstrapOutput, type OutcomeGroups, type ScalarBand } from './routing_curves';
import {
  DEFAULT_ROUTER_CANDIDATES,
  TfidfCountCache,
  candidateName,
  predictRoutingFold,
  type RouterCandidate,
  type RoutingFold,
  type RoutingFoldOutput,
} from './routing_predict';

export { DEFAULT_ROUTER_CANDIDATES, TfidfCountCache, CachedHashedTfidf, candidateName, defaultRoutingFeaturizer, predictRoutingFold, routingApgrOf, winLabel } from './routing_predict';
export type { RouterCandidate, RoutingFold, RoutingFoldOutput, RoutingPredictOptions } from './routing_predict';
export { firstStrongIndex, outcomeGroups, routingBootstrap, routingCurveFromFirst, routingGrid, routingShareFromFirst, shareByGroup } from './routing_curves';
export type { BootstrapInput as RoutingBootstrapInput, BootstrapOutput as RoutingBootstrapOutput, OutcomeGroups, RoutingBand, ScalarBand } from './routing_curves';

/** The six routing datasets of issue 6. */
export const ROUTING_DATASETS: readonly string[] = DATASET_NAMES.filter((name) => datasetInfo(name).kind === 'routing');

/** Datasets a notebook runs: all six, or in quick mode two small ones (scores; unequal costs). */
export function routingDatasets(): string[] {
  return quickMode() ? ['routellm-mtbench', 'gsm8k-gpt3-verifier'] : [...ROUTING_DATASETS];
}

/** A progress line factory (the notebook passes lib/notebook `progress`). */
export type RoutingProgressFactory = (label: string, total: number) => { tick(n?: number): void; done(): void };

export interface RoutingConfig {
  /** A registered routing dataset name. */
  dataset: string;
  /** Per-call costs [weak, strong] (default: the dataset's, see loadRouting). */
  costs?: number[];
  /** Seed of every random choice (default 0). */
  seed?: number;
  /** CV folds (default 5). */
  folds?: number;
  /** Share of each fold's training queries held out for the offline threshold (default 0.3). */
  heldoutFraction?: number;
  /** Bootstrap resamples (default 1000; 100 in quick mode). */
  bootstrap?: number;
  /** Share at which results.groups (Figure 5) is reported (default 0.5). */
  groupsShare?: number;
  /** Router candidates compared by inner CV (default DEFAULT_ROUTER_CANDIDATES). */
  candidates?: readonly RouterCandidate[];
  /** Inner CV folds (default 3). */
  innerFolds?: number;
  /** Featurizer factory (default defaultRoutingFeaturizer: TF-IDF + text statistics). */
  featurizer?: (cache: TfidfCountCache) => Featurizer;
  /** Output folder (default figuresDir()/<dataset>). */
  outDir?: string;
  /** Write results.json (default true). */
  write?: boolean;
  /** Data folder (default dataDir()). */
  dataDir?: string;
  progress?: RoutingProgressFactory;
}

/** results.json of a routing dataset: lib/evaluate's RoutingResults plus the bands of the metrics. */
export interface RoutingRunResults extends RoutingResults {
  evaluation: { split: string; folds: number; seed: number; heldoutFraction: number; innerFolds: number };
  /** 95% bootstrap intervals of APGR / CPT50 / CPT80 / oracleGainCaptured per curve. */
  metricBands: Record<string, Record<string, ScalarBand>>;
  /** 1 - cost needed to match random at x_k / random's cost at x_k (only when costs differ). */
  costSavedAtMatchedQuality?: Record<string, (number | null)[]>;
  /** 95% intervals of the group shares at groupsShare: [router][group]. */
  groupBands: Record<string, Record<string, ScalarBand>>;
  /** Share routed to strong within each group at every x: [router][group][k]. */
  groupCurves: Record<string, Record<string, (number | null)[]>>;
}

/** Everything a notebook shows beyond results.json. */
export interface RoutingRun {
  results: RoutingRunResults;
  dir: string;
  ds: RoutingDataset;
  weak: Float64Array;
  strong: Float64Array;
  /** Pooled out-of-fold predicted gain score per query. */
  pred: Float64Array;
  /** Fold of each query. */
  foldOf: Int32Array;
  rc: RoutingCurves;
  metrics: RoutingMetrics;
  boot: BootstrapOutput;
  groups: OutcomeGroups;
  folds: RoutingFoldOutput[];
  diagnostics: ReturnType<typeof diagnoseRouting> & {
    spread: { min: number; p10: number; median: number; p90: number; max: number };
  };
}

function noProgress(): { tick(n?: number): void; done(): void } {
  return { tick: () => undefined, done: () => undefined };
}

/** The folds of a routing run (see the module comment). */
export function planRoutingFolds(ds: { n: number; split?: { train: Int32Array; test: Int32Array } }, folds: number, seed: number, heldoutFraction: number): RoutingFold[] {
  if (ds.split) {
    const { fit, heldout } = splitHeldout(Int32Array.from(ds.split.train).sort(), heldoutFraction, seed + 1, 4);
    return [{ test: Int32Array.from(ds.split.test).sort(), fit, heldout }];
  }
  const id = kfold(ds.n, folds, seed);
  const out: RoutingFold[] = [];
  for (let f = 0; f < folds; f++) {
    const test: number[] = [];
    const train: number[] = [];
    id.forEach((g, i) => (g === f ? test : train).push(i));
    const { fit, heldout } = splitHeldout(Int32Array.from(train), heldoutFraction, seed + 1 + f, 4);
    out.push({ test: Int32Array.from(test), fit, heldout });
  }
  return out;
}

function quantileSorted(a: Float64Array, p: number): number {
  const pos = p * (a.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(a.length - 1, lo + 1);
  return a[lo] + (pos - lo) * (a[hi] - a[lo]);
}

function bandJson(b: { lo: number[]; hi: number[] }): BandJson {
  return { lo: b.lo, hi: b.hi };
}

/** Run the routing experiment on one dataset (see the module comment). */
export function runRouting(config: RoutingConfig): RoutingRun {
  const seed = config.seed ?? 0;
  const nFolds = config.folds ?? 5;
  const heldoutFraction = config.heldoutFraction ?? 0.3;
  const B = config.bootstrap ?? (quickMode() ? 100 : 1000);
  const groupsShare = config.groupsShare ?? 0.5;
  const innerFolds = config.innerFolds ?? 3;
  const prog = config.progress ?? noProgress;
  const info = datasetInfo(config.dataset);
  if (info.kind !== 'routing') throw new Error(`runRouting: ${config.dataset} is a best-of-k dataset; use runBestOfK`);
  const ds = loadRouting(config.dataset, { costs: config.costs, dir: config.dataDir });
  if (ds.procedures.length !== 2) throw new Error(`runRouting: ${ds.name} has ${ds.procedures.length} procedures; routing needs exactly 2 (weak, strong)`);
  const n = ds.queries.length;
  const weak = ds.rewards[0];
  const strong = ds.rewards[1];
  const x = routingGrid(20);
  const K = x.length;
  const gk = x.findIndex((s) => Math.abs(s - groupsShare) < 1e-12);
  if (gk < 0) throw new Error(`runRouting: groupsShare ${groupsShare} is not on the grid 0, 0.05, ..., 1`);

  // 1. Learned part, per fold.
  const plan = planRoutingFolds({ n, split: ds.split }, nFolds, seed, heldoutFraction);
  const cache = new TfidfCountCache();
  const pf = prog(`${ds.name}: router per fold (featurize, choose by inner CV, fit)`, plan.length);
  const outs = plan.map((fold, f) => {
    const o = predictRoutingFold(ds, fold, { seed: seed + 100 + f, cache, candidates: config.candidates, innerFolds, featurizer: config.featurizer });
    pf.tick();
    return o;
  });
  pf.done();

  // 2. Pooled out-of-fold predictions; every query is evaluated exactly once.
  const pred = new Float64Array(n).fill(NaN);
  const foldOf = new Int32Array(n).fill(-1);
  outs.forEach((o, f) => o.fold.test.forEach((i, r) => {
    if (foldOf[i] >= 0) throw new Error(`runRouting: query ${i} is in the test part of two folds`);
    pred[i] = o.test[r];
    foldOf[i] = f;
  }));
  const evaluated = Int32Array.from({ length: n }, (_, i) => i).filter((i) => foldOf[i] >= 0);
  if (evaluated.length !== n) throw new Error(`runRouting: ${n - evaluated.length} queries were never evaluated (official split?)`);

  // 3. Offline: per fold and share, a threshold fitted on the fold's held-out predictions.
  const thresholds = outs.map((o) => x.map((s) => fitRoutingThreshold(o.heldout, s)));
  const offlineMasks = x.map((_, k) => {
    const mask = new Uint8Array(n);
    outs.forEach((o, f) => {
      const r = applyRoutingThreshold(thresholds[f][k], o.test);
      o.fold.test.forEach((i, t) => (mask[i] = r[t]));
    });
    return mask;
  });
  const offlineAt = new Map<number, Uint8Array>(x.map((s, k) => [s, offlineMasks[k]]));

  // 4. Curves and metrics (lib/evaluate).
  const costsDiffer = ds.costs[0] !== ds.costs[1];
  const costs = { weak: ds.costs[0], strong: ds.costs[1] };
  const rc = routingCurves({
    weak,
    strong,
    shares: x,
    predGain: pred,
    policies: { offline: (s) => offlineAt.get(s) as Uint8Array },
    costs: costsDiffer ? costs : undefined,
  });
  const metrics = routingMetrics(rc);

  // 5. Bootstrap: curve bands, paired bands vs random, metric and group bands.
  const routedNames = ['oracle', 'online', 'offline'];
  const firsts: Record<string, Int32Array> = {};
  for (const nm of routedNames) firsts[nm] = firstStrongIndex(x.map((_, k) => routeMask(rc, nm, k) as Uint8Array));
  const groups = outcomeGroups(weak, strong, ds.binary);
  const pb = prog(`${ds.name}: bootstrap (${B} resamples)`, 1);
  const boot = routingBootstrap({
    weak,
    strong,
    x,
    routed: Object.fromEntries(routedNames.map((nm) => [nm, { first: firsts[nm], share: Array.from(rc.spent[nm]) }])),
    groups,
    resamples: B,
    seed: seed + 11,
  });
  pb.tick();
  pb.done();

  // 6. Figure 5 groups.
  const groupCurves: Record<string, Record<string, (number | null)[]>> = {};
  const groupsAt: Record<string, Record<string, GroupShareJson>> = {};
  groupsAt.random = Object.fromEntries(groups.keys.map((key, g) => [key, { count: groups.counts[g], share: groups.counts[g] > 0 ? groupsShare : null }]));
  for (const nm of routedNames) {
    const sg = shareByGroup(groups, firsts[nm], K);
    groupCurves[nm] = Object.fromEntries(groups.keys.map((key, g) => [key, sg[g]]));
    groupsAt[nm] = Object.fromEntries(groups.keys.map((key, g) => [key, { count: groups.counts[g], share: sg[g][gk] }]));
  }
  const groupBands: Record<string, Record<string, ScalarBand>> = {};
  for (const nm of routedNames) {
    groupBands[nm] = Object.fromEntries(groups.keys.map((key, g) => {
      const b = boot.groupBands[nm][g];
      return [key, b ? { lo: b.lo[gk], hi: b.hi[gk] } : { lo: null, hi: null }];
    }));
  }

  // 7. Predictor diagnostics beside the constant predictor (the training mean gain).
  let constant = 0;
  outs.forEach((o) => {
    let s = 0;
    o.fold.fit.forEach((i) => (s += strong[i] - weak[i]));
    constant += s / o.fold.fit.length / outs.length;
  });
  const diag = diagnoseRouting(pred, strong, weak, constant);
  const sorted = Float64Array.from(pred).sort();
  const spread = {
    min: sorted[0],
    p10: quantileSorted(sorted, 0.1),
    median: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    max: sorted[n - 1],
  };
  const choiceCount = new Map<string, number>();
  outs.forEach((o) => choiceCount.set(candidateName(o.chosen), (choiceCount.get(candidateName(o.chosen)) ?? 0) + 1));
  const choices = [...choiceCount.entries()].map(([k, v]) => `${k} (${v} of ${outs.length} folds)`).join('; ');

  // 8. Cost variant.
  let costSaved: Record<string, (number | null)[]> | undefined;
  if (costsDiffer) {
    costSaved = {};
    for (const [nm, saved] of Object.entries(metrics.savedAtMatchedQuality)) {
      costSaved[nm] = saved.map((sv, k) => {
        if (sv === null) return null;
        const need = x[k] * (1 - sv);
        const cNeed = (1 - need) * costs.weak + need * costs.strong;
        const cRand = (1 - x[k]) * costs.weak + x[k] * costs.strong;
        return 1 - cNeed / cRand;
      });
    }
  }

  const dir = config.outDir ?? path.join(figuresDir(), ds.name);
  const results: RoutingRunResults = {
    dataset: ds.name,
    kind: 'routing',
    reward: ds.binary ? 'binary' : 'continuous',
    n,
    procedures: [ds.procedures[0], ds.procedures[1]],
    weakMean: rc.weakMean,
    strongMean: rc.strongMean,
    costs,
    x: rc.x,
    curves: rc.curves,
    offlineSpent: rc.spent.offline,
    ...(rc.cost ? { cost: rc.cost } : {}),
    bands: Object.fromEntries(Object.entries(boot.bands).map(([k, b]) => [k, bandJson(b)])),
    pairedBands: Object.fromEntries(Object.entries(boot.pairedBands).map(([k, b]) => [k, bandJson(b)])),
    bootstrap: { B, seed: seed + 11, level: 0.95 },
    metrics: {
      apgr: metrics.apgr,
      cpt50: metrics.cpt50,
      cpt80: metrics.cpt80,
      oracleGainCaptured: { ...metrics.oracleGainCaptured, oracle: oracleGainCaptured(rc.curves.random, rc.curves.oracle, rc.curves.oracle) },
      gainAtFixedBudget: metrics.gainAtFixedBudget,
      savedAtMatchedQuality: metrics.savedAtMatchedQuality,
    },
    groups: groupsAt,
    groupsShare,
    predictor: {
      name: `${outs[0].featurizer} -> router chosen by ${innerFolds}-fold inner CV (APGR)`,
      choices,
      auc: diag.learned.aucStrongBeats,
      spearman: diag.learned.spearmanGain,
      constantAuc: diag.constant.aucStrongBeats,
      constantSpearman: diag.constant.spearmanGain,
    },
    evaluation: {
      split: ds.split ? 'official' : `${plan.length}-fold CV, pooled out-of-fold predictions`,
      folds: plan.length,
      seed,
      heldoutFraction,
      innerFolds,
    },
    metricBands: boot.metricBands,
    ...(costSaved ? { costSavedAtMatchedQuality: costSaved } : {}),
    groupBands,
    groupCurves,
  };
  if (config.write ?? true) writeResults(dir, results);
  return { results, dir, ds, weak, strong, pred, foldOf, rc, metrics, boot, groups, folds: outs, diagnostics: { ...diag, spread } };
}

export { ROUTING_CURVE_LABELS, routingFigures, saveRoutingFigures, type RoutingFigures } from './routing_figures';
export { paperRows, pairedShareCounts, routeLLMRows, routingClosingMarkdown, routingDataRow, routingDiagnosticsRows, routingGroupRows, routingVerdict, type RoutingRow, type RoutingVerdict } from './routing_report';
