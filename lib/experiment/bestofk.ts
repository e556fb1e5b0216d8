/**
 * Adaptive best-of-k on one real dataset (and model), end to end: the main experiment of the
 * workspace (Damani et al., ICLR 2025, best-of-k; our METHOD.md).
 *
 *   split -> featurize (train only) -> predictor (CV inside train) -> diagnostics beside the
 *   constant predictor -> allocators (uniform, oracle, online, offline, prior, twoStage,
 *   twoStageFlat) on the x grid 1..bmax -> 95% query-bootstrap bands and paired bands against
 *   uniform -> metrics -> figures/<dataset>[-<model>]/results.json (+ figures, see
 *   bestofk_figures.ts).
 *
 * Splits (bestofk_split.ts): the official train -> test split where the dataset has one
 * (gsm8k-7models), else seeded 5-fold CV with pooled out-of-fold predictions. In each fold a
 * seeded 30% of the training queries is held out from the predictor to fit the offline
 * policy's bins and the prior's calibration / concentration.
 *
 * Determinism: every random choice is seeded from `seed`, nothing depends on time or on the
 * machine, and results.json holds no timestamps, so two runs write identical bytes.
 * Quick mode (quickMode(), env ADAPTIVE_QUICK=1): 100 bootstrap resamples and 4 bootstrap
 * refits in the ensemble priors instead of 1000 and 8. The replay of two-stage policies keeps
 * 200 orders in every mode (lib/evaluate/sequential refuses fewer).
 *
 * @example
 * const run = runBestOfK({ dataset: 'gsm8k-7models', model: 'mistralai/Mistral-7B-v0.1' });
 * run.results.curves.online;       // mean reward per x
 * run.results.metrics.oracleGainCaptured.online;
 */
import * as path from 'path';
import { applyBinnedPolicy, fitBinnedPolicy } from '../allocate';
import type { BetaPrior, ContinuousPrior } from '../allocate';
import { GSM8K_MODELS, datasetInfo, loadBestOfK } from '../data/registry';
import type { BestOfKDataset, RewardKind } from '../data/types';
import type { Featurizer } from '../features/types';
import { brier, ece, spearman, type ReliabilityBin } from '../predictors';
import { qTableForDataset } from '../rewards';
import type { QTable } from '../rewards/types';
import { figuresDir, quickMode } from '../util/fs';
import {
  bootstrapFamily,
  gainAtFixedBudget,
  oracleGainCaptured,
  savedAtMatchedQuality,
  writeResults,
  type BestOfKResults as ResultsJson,
} from '../evaluate';
import { BLEND_WEIGHTS, binaryCounts, chooseBlendWeight, predictFold, qRows, uniformRow, type FoldOutput } from './bestofk_predict';
import { planFolds, type FoldPlan } from './bestofk_split';
import { computeCurves, continuousPrior, type CurveSet } from './bestofk_curves';

/** A progress line factory (the notebook passes lib/notebook `progress`). */
export type ProgressFactory = (label: string, total: number) => { tick(n?: number): void; done(): void };

export interface BestOfKConfig {
  /** A registered best-of-k dataset name. */
  dataset: string;
  /** Generating model (gsm8k-7models / mbpp-7models); also names the output folder. */
  model?: string;
  /** Seed of every random choice (default 0). */
  seed?: number;
  /** CV folds when the dataset has no official split (default 5). */
  folds?: number;
  /** Share of each fold's training queries held out for bins and prior (default 0.3). */
  heldoutFraction?: number;
  /** Bins of the offline policy (default 10). */
  bins?: number;
  /** Bootstrap resamples for the bands (default 1000; 100 in quick mode). */
  bootstrap?: number;
  /** Replay orders of the two-stage policies (default 200, the minimum). */
  orders?: number;
  /** Bootstrap refits averaged by the continuous / reranked prior (default 8; 4 in quick mode). */
  ensemble?: number;
  /** Featurizer factory (default: defaultFeaturizer of bestofk_predict). */
  featurizer?: (ds: BestOfKDataset) => Featurizer;
  /** Include the two-stage curves (default true). */
  twoStage?: boolean;
  /**
   * Evaluate on a subset of the evaluated queries. 'tranches' (our reading of the paper's chat
   * "tranches" variant): `fraction` (default 0.2) of the queries, half the easiest and half the
   * hardest by true mean reward, so the subset mixes very easy and very hard queries. The
   * predictors, bins and priors are the same as for the full run; only the batch changes.
   */
  subset?: { kind: 'tranches'; fraction?: number };
  /** Output folder (default figuresDir()/<outputName>). */
  outDir?: string;
  /** Write results.json (default true). */
  write?: boolean;
  /** Data folder (default dataDir()). */
  dataDir?: string;
  /** Progress lines for the long loops. */
  progress?: ProgressFactory;
}

/** Band of a curve per x (95% percentile interval). */
export interface Band {
  lo: number[];
  hi: number[];
}

/** results.json of one best-of-k dataset (issue 5's schema, plus issue 7's curves). */
export interface BestOfKResults {
  dataset: string;
  model?: string;
  /** Set for a subset run ('tranches'). */
  variant?: string;
  kind: 'best-of-k';
  reward: RewardKind;
  n: number;
  bmax: number;
  x: number[];
  curves: Record<string, number[]>;
  offlineSpent: number[];
  twoStageSpent?: number[];
  twoStageFlatSpent?: number[];
  bands: Record<string, Band>;
  /** 95% bootstrap interval of (curve - uniform), on the same resamples. */
  pairedBands: Record<string, Band>;
  bootstrap: { B: number; seed: number; level: number };
  metrics: {
    oracleGainCaptured: Record<string, number | null>;
    savedAtMatchedQuality: Record<string, (number | null)[]>;
    gainAtFixedBudget: Record<string, number[]>;
  };
  predictor: { name: string; spearman: number | null; brier: number; constantBrier: number };
}

/** Everything a notebook shows beyond results.json. */
export interface BestOfKRun {
  results: BestOfKResults;
  /** Output folder and name. */
  dir: string;
  name: string;
  /** The loaded dataset (all queries) and the indices evaluated (test split or all, CV). */
  ds: BestOfKDataset;
  evaluated: Int32Array;
  /** True tables of the evaluated queries. */
  q: QTable;
  curves: CurveSet;
  /** Predicted gains (online) and uncertainty-aware gains (prior) of the evaluated queries, n x bmax. */
  predicted: { gains: Float64Array; priorGains: Float64Array };
  /** Diagnostic scalar per evaluated query: prediction, truth, constant predictor. */
  diagnostics: {
    target: string;
    pred: Float64Array;
    truth: Float64Array;
    constant: Float64Array;
    weight?: Float64Array;
    reliability: ReliabilityBin[] | null;
    ece: number | null;
    spread: { min: number; p10: number; median: number; p90: number; max: number };
  };
  folds: FoldPlan[];
  /** Hyper-parameters and fitted prior parameters per fold. */
  foldInfo: Record<string, number>[];
  featurizer: string;
}

/** Folder name of a dataset (and model): `gsm8k-7models-Mistral-7B-v0.1`. */
export function outputName(dataset: string, model?: string, variant?: string): string {
  const m = model ? `-${model.split('/').pop()}` : '';
  return `${dataset}${m}${variant ? `-${variant}` : ''}`;
}

function quantile(sorted: Float64Array, p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/** Indices (into 0..n-1) of the tranches subset: the easiest and hardest fraction/2 each. */
export function tranchesSubset(difficulty: Float64Array, fraction: number): Int32Array {
  const n = difficulty.length;
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`tranchesSubset: fraction must be in (0, 1], got ${fraction}`);
  const half = Math.max(1, Math.floor((fraction * n) / 2));
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => difficulty[a] - difficulty[b] || a - b);
  const out = [...order.subarray(0, half), ...order.subarray(n - half)];
  return Int32Array.from(new Set(out)).sort();
}

function noProgress(): { tick(n?: number): void; done(): void } {
  return { tick: () => undefined, done: () => undefined };
}

/** Run the best-of-k experiment on one dataset (see the module comment). */
export function runBestOfK(config: BestOfKConfig): BestOfKRun {
  const quick = quickMode();
  const seed = config.seed ?? 0;
  const bootstrap = config.bootstrap ?? (quick ? 100 : 1000);
  const orders = config.orders ?? 200;
  const ensemble = config.ensemble ?? (quick ? 4 : 8);
  const bins = config.bins ?? 10;
  const withTwoStage = config.twoStage ?? true;
  const prog = config.progress ?? noProgress;
  const info = datasetInfo(config.dataset);
  if (info.kind !== 'best-of-k') throw new Error(`runBestOfK: ${config.dataset} is a routing dataset`);
  const ds = loadBestOfK(config.dataset, { model: config.model, dir: config.dataDir });
  const qAll = qTableForDataset(ds);
  const bmax = qAll.bmax;
  const folds = planFolds({ n: ds.queries.length, split: ds.split }, { folds: config.folds ?? 5, seed, heldoutFraction: config.heldoutFraction ?? 0.3 });
  const minPerQuery: 0 | 1 = ds.reward === 'continuous' ? 1 : 0;

  // 1. Learned part, per fold.
  const pf = prog(`${ds.name}: predictor per fold`, folds.length);
  const outs: FoldOutput[] = folds.map((fold, f) => {
    const o = predictFold(ds, qAll, fold, { seed: seed + f, ensemble, featurizer: config.featurizer });
    pf.tick();
    return o;
  });
  pf.done();

  // 2. Pool the evaluated queries (test split, or every query once under CV), ascending.
  const evalAll = Int32Array.from(folds.flatMap((f) => Array.from(f.test))).sort();
  const posOf = new Map<number, [number, number]>();
  outs.forEach((o, f) => o.fold.test.forEach((i, r) => posOf.set(i, [f, r])));
  const nE = evalAll.length;
  const gains = new Float64Array(nE * bmax);
  const priorGains = new Float64Array(nE * bmax);
  const pred = new Float64Array(nE);
  const constant = new Float64Array(nE);
  const offline: Int32Array[] = Array.from({ length: bmax }, () => new Int32Array(nE));
  // Offline policies: one per fold and x, fitted on the fold's held-out queries.
  for (let f = 0; f < outs.length; f++) {
    const o = outs[f];
    const qHeld = qRows(qAll, o.fold.heldout);
    for (let xv = 1; xv <= bmax; xv++) {
      const pol = fitBinnedPolicy(o.scoreHeldout, qHeld, xv, { bins, minPerQuery });
      const b = applyBinnedPolicy(pol, o.score);
      b.forEach((v, r) => {
        const k = indexIn(evalAll, o.fold.test[r]);
        offline[xv - 1][k] = v;
      });
    }
  }
  // The prior's blend weight, chosen once from the held-out evidence pooled over folds (so that
  // weight 0 means one shared row for every evaluated query: exactly the uniform allocation).
  const pooled = BLEND_WEIGHTS.map((_, w) => Float64Array.from(outs.flatMap((o) => Array.from(o.priorEvidence[w] ?? []))));
  const priorWeight = BLEND_WEIGHTS[chooseBlendWeight(pooled, { seed })];
  const sharedRow = uniformRow(bmax);
  evalAll.forEach((i, k) => {
    const [f, r] = posOf.get(i) as [number, number];
    const o = outs[f];
    gains.set(o.gains.subarray(r * bmax, (r + 1) * bmax), k * bmax);
    for (let j = 0; j < bmax; j++) {
      const flat = o.priorFlat[j];
      priorGains[k * bmax + j] = priorWeight === 0 ? sharedRow[j] : flat + priorWeight * (o.priorGains[r * bmax + j] - flat);
    }
    pred[k] = o.diag[r];
    constant[k] = o.constant;
  });

  // 3. Two-stage material.
  let twoStage: Parameters<typeof computeCurves>[0]['twoStage'];
  if (withTwoStage) {
    if (ds.reward === 'binary') {
      const { n, c } = binaryCounts(ds);
      const learned: BetaPrior = { a: new Float64Array(nE), b: new Float64Array(nE) };
      const flat: BetaPrior = { a: new Float64Array(nE), b: new Float64Array(nE) };
      evalAll.forEach((i, k) => {
        const [f, r] = posOf.get(i) as [number, number];
        const be = outs[f].beta;
        if (!be) throw new Error('runBestOfK: binary fold without Beta priors');
        learned.a[k] = be.a[r];
        learned.b[k] = be.b[r];
        flat.a[k] = be.flatA;
        flat.b[k] = be.flatB;
      });
      const samples = ds.samples ? Array.from(evalAll, (i) => ds.samples![i]) : Array.from(evalAll, (i) => {
        const s = new Float64Array(n[i]);
        s.fill(1, 0, c[i]);
        return s;
      });
      twoStage = { samples, binary: { learned, flat } };
    } else {
      const samples = Array.from(evalAll, (i) => ds.samples![i]);
      const observed = ds.reward === 'reranked' ? Array.from(evalAll, (i) => ds.scores![i]) : undefined;
      const mLearned = new Float64Array(nE);
      const mFlat = new Float64Array(nE);
      evalAll.forEach((i, k) => {
        const [f, r] = posOf.get(i) as [number, number];
        const ct = outs[f].cont;
        if (!ct) throw new Error('runBestOfK: fold without continuous priors');
        mLearned[k] = ct.mean[r];
        mFlat[k] = ct.flatMean;
      });
      // Shared shape parameters pooled over the folds' training parts (held-out for the learned
      // prior, whose spread is measured around held-out predictions).
      const heldObs = outs.flatMap((o) => o.cont!.heldoutObserved);
      const heldMean = Float64Array.from(outs.flatMap((o) => Array.from(o.cont!.heldoutMean)));
      const trainObs = outs.flatMap((o) => o.cont!.trainObserved);
      const trainMean = Float64Array.from(outs.flatMap((o) => o.cont!.trainObserved.map(() => o.cont!.flatMean)));
      const learned: ContinuousPrior = continuousPrior(mLearned, heldObs, heldMean);
      const flat: ContinuousPrior = continuousPrior(mFlat, trainObs, trainMean);
      twoStage = { samples, observed, continuous: { learned, flat } };
    }
  }

  // 4. Subset (tranches) and curves.
  const qEval = qRows(qAll, evalAll);
  let sel = Int32Array.from({ length: nE }, (_, k) => k);
  if (config.subset?.kind === 'tranches') {
    const w = bmax + 1;
    const diff = Float64Array.from({ length: nE }, (_, k) => qEval.q[k * w + 1]);
    sel = tranchesSubset(diff, config.subset.fraction ?? 0.2);
  }
  const evaluated = Int32Array.from(sel, (k) => evalAll[k]);
  const q = qRows(qEval, sel);
  const rowsSel = (G: Float64Array): Float64Array => {
    const out = new Float64Array(sel.length * bmax);
    sel.forEach((k, r) => out.set(G.subarray(k * bmax, (k + 1) * bmax), r * bmax));
    return out;
  };
  const pickArr = <T>(a: T[]): T[] => Array.from(sel, (k) => a[k]);
  const pickBeta = (p: BetaPrior): BetaPrior => ({ a: Float64Array.from(sel, (k) => p.a[k]), b: Float64Array.from(sel, (k) => p.b[k]) });
  const pickCont = (p: ContinuousPrior): ContinuousPrior => ({ ...p, mean: Float64Array.from(sel, (k) => p.mean[k]) });
  const ts = twoStage
    ? {
        samples: pickArr(twoStage.samples),
        observed: twoStage.observed ? pickArr(twoStage.observed) : undefined,
        binary: twoStage.binary ? { learned: pickBeta(twoStage.binary.learned), flat: pickBeta(twoStage.binary.flat) } : undefined,
        continuous: twoStage.continuous
          ? { learned: pickCont(twoStage.continuous.learned), flat: pickCont(twoStage.continuous.flat) }
          : undefined,
      }
    : undefined;
  const pc = prog(`${ds.name}: two-stage replay (${orders} orders per point)`, ts ? 2 * bmax : 0);
  const predicted = { gains: rowsSel(gains), priorGains: rowsSel(priorGains) };
  const curves = computeCurves({
    q,
    minPerQuery,
    gains: predicted.gains,
    priorGains: predicted.priorGains,
    offline: offline.map((b) => Int32Array.from(sel, (k) => b[k])),
    twoStage: ts,
    orders,
    seed: seed + 7,
    tick: () => pc.tick(),
  });
  pc.done();

  // 5. Bands and metrics.
  const pb = prog(`${ds.name}: bootstrap (${bootstrap} resamples)`, bootstrap);
  let doneB = 0;
  const fam = bootstrapFamily({
    n: q.n,
    nx: curves.x.length,
    columns: Object.fromEntries(Object.keys(curves.values).map((nm) => [nm, (k: number, out: Float64Array) => out.set(curves.values[nm][k])])),
    baseline: 'uniform',
    B: bootstrap,
    seed: seed + 11,
    onProgress: (d) => {
      pb.tick(d - doneB);
      doneB = d;
    },
  });
  pb.done();
  const toBand = (b: { lo: ArrayLike<number>; hi: ArrayLike<number> }): Band => ({ lo: Array.from(b.lo), hi: Array.from(b.hi) });
  const bands = Object.fromEntries(Object.entries(fam.bands).map(([k, b]) => [k, toBand(b)]));
  const paired = Object.fromEntries(Object.entries(fam.paired).map(([k, b]) => [k, toBand(b)]));
  const u = curves.curves.uniform;
  const o = curves.curves.oracle;
  const learnedNames = Object.keys(curves.curves).filter((k) => k !== 'uniform' && k !== 'oracle');
  const origin: [number, number] | undefined = minPerQuery === 0 ? [0, 0] : undefined;
  const ogc: Record<string, number | null> = {};
  const saved: Record<string, (number | null)[]> = {};
  const gained: Record<string, number[]> = {};
  for (const nm of learnedNames) {
    ogc[nm] = oracleGainCaptured(u, o, curves.curves[nm]);
    saved[nm] = savedAtMatchedQuality(curves.x, u, curves.curves[nm], { spent: curves.spent[nm], origin });
    gained[nm] = Array.from(gainAtFixedBudget(u, curves.curves[nm]));
  }
  saved.oracle = savedAtMatchedQuality(curves.x, u, o, { spent: curves.spent.oracle, origin });
  gained.oracle = Array.from(gainAtFixedBudget(u, o));

  // 6. Diagnostics of the predictor beside the constant predictor, on the evaluated queries.
  const w = bmax + 1;
  let target: string;
  let truthAll: Float64Array;
  let weightAll: Float64Array | undefined;
  if (ds.reward === 'binary') {
    const { n, c } = binaryCounts(ds);
    target = 'success rate c/n';
    truthAll = Float64Array.from(evalAll, (i) => c[i] / n[i]);
    weightAll = Float64Array.from(evalAll, (i) => n[i]);
  } else if (ds.reward === 'continuous') {
    target = 'mean reward q(1)';
    truthAll = Float64Array.from({ length: nE }, (_, k) => qEval.q[k * w + 1]);
  } else {
    target = `q(${bmax}): the reward model's top pick among all ${bmax} candidates is correct`;
    truthAll = Float64Array.from({ length: nE }, (_, k) => qEval.q[k * w + bmax]);
  }
  const dPred = Float64Array.from(sel, (k) => pred[k]);
  const dTruth = Float64Array.from(sel, (k) => truthAll[k]);
  const dConst = Float64Array.from(sel, (k) => constant[k]);
  const dW = weightAll ? Float64Array.from(sel, (k) => weightAll![k]) : undefined;
  const inUnit = ds.reward !== 'continuous';
  const rel = inUnit ? ece(dPred, dTruth, dW, 10) : null;
  const sortedPred = Float64Array.from(dPred).sort();
  const foldInfo = outs.map((x) => x.info);
  const predictorName = outs[0].predictorName;

  // The model names the output only for the multi-model files (gsm8k-7models, mbpp-7models);
  // elsewhere ds.model is provenance (one generator per file) and results.json omits it.
  const model = ds.model !== undefined && GSM8K_MODELS.includes(ds.model) ? ds.model : undefined;
  const name = outputName(ds.name, model, config.subset ? config.subset.kind : undefined);
  const dir = config.outDir ?? path.join(figuresDir(), name);
  const results: BestOfKResults = {
    dataset: ds.name,
    ...(model ? { model } : {}),
    ...(config.subset ? { variant: config.subset.kind } : {}),
    kind: 'best-of-k',
    reward: ds.reward,
    n: q.n,
    bmax,
    x: curves.x,
    curves: curves.curves,
    offlineSpent: curves.spent.offline,
    ...(curves.spent.twoStage ? { twoStageSpent: curves.spent.twoStage, twoStageFlatSpent: curves.spent.twoStageFlat } : {}),
    bands,
    pairedBands: paired,
    bootstrap: { B: fam.B, seed: fam.seed, level: fam.level },
    metrics: { oracleGainCaptured: ogc, savedAtMatchedQuality: saved, gainAtFixedBudget: gained },
    predictor: {
      name: predictorName,
      spearman: spearman(dPred, dTruth),
      brier: brier(dPred, dTruth, dW),
      constantBrier: brier(dConst, dTruth, dW),
    },
  };
  if (config.write ?? true) writeResults(dir, results as unknown as ResultsJson);
  return {
    results,
    dir,
    name,
    ds,
    evaluated,
    q,
    curves,
    predicted,
    diagnostics: {
      target,
      pred: dPred,
      truth: dTruth,
      constant: dConst,
      weight: dW,
      reliability: rel ? rel.bins : null,
      ece: rel ? rel.ece : null,
      spread: {
        min: sortedPred[0],
        p10: quantile(sortedPred, 0.1),
        median: quantile(sortedPred, 0.5),
        p90: quantile(sortedPred, 0.9),
        max: sortedPred[sortedPred.length - 1],
      },
    },
    folds,
    foldInfo,
    featurizer: outs[0].featurizerName,
  };
}

/** Position of value v in an ascending Int32Array (binary search); throws when absent. */
function indexIn(sorted: Int32Array, v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === v) return mid;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`indexIn: ${v} not found`);
}
