/**
 * One-line summaries of datasets: queries, samples per query or procedures, mean single-sample
 * reward, and for binary rewards the share of queries never / always solved.
 * - best-of-k counts: meanReward = mean over queries of c_i / n_i (mean pass@1).
 * - best-of-k samples: mean over queries of the mean sample reward; for 'reranked' data this is
 *   the mean correctness of one random candidate (RewardMATH: 1/10).
 * - routing: per procedure, the mean reward over queries; never / always = every procedure
 *   wrong / right (binary only).
 *
 * Example: `summarizeDataset(testSplit(loadBestOfK('gsm8k-7models')))` ->
 * `{name: 'gsm8k-7models', kind: 'best-of-k', queries: 1319, samplesPerQuery: 10, ...}`.
 */
import * as fs from 'fs';
import { datasetInfo, DATASET_NAMES } from './catalog';
import { loadDataset, type LoadOptions } from './registry';
import { dataFile } from './sources/common';
import type { BestOfKDataset, Dataset } from './types';
import type { DataFrame } from 'danfojs-node';

export interface DatasetSummary {
  name: string;
  kind: 'best-of-k' | 'routing';
  queries: number;
  /** Samples per query (the smallest n, = bmax) for best-of-k; null for routing. */
  samplesPerQuery: number | null;
  /** Procedure names (cheapest first) for routing; null for best-of-k. */
  procedures: string[] | null;
  /** Mean pass@1 (best-of-k) or per-procedure mean reward (routing). */
  meanReward: number | Record<string, number>;
  /** Share of queries no sample / procedure solves (binary rewards only, else null). */
  neverSolved: number | null;
  /** Share of queries every sample / procedure solves (binary rewards only, else null). */
  alwaysSolved: number | null;
  /** Reward kind (best-of-k) or 'binary' / 'score' (routing). */
  reward: string;
  /** What was summarised when not the whole dataset (e.g. 'test split, Mistral-7B-v0.1'). */
  note: string;
}

/** Restrict a best-of-k dataset to some query indices (e.g. its official test split). */
export function subsetBestOfK(ds: BestOfKDataset, idx: ArrayLike<number>): BestOfKDataset {
  const ix = Array.from(idx);
  const out: BestOfKDataset = { ...ds, queries: ix.map((i) => ds.queries[i]), split: undefined };
  if (ds.counts) out.counts = { n: Int32Array.from(ix, (i) => ds.counts!.n[i]), c: Int32Array.from(ix, (i) => ds.counts!.c[i]) };
  if (ds.samples) out.samples = ix.map((i) => ds.samples![i]);
  if (ds.scores) out.scores = ix.map((i) => ds.scores![i]);
  out.bmax = ix.reduce((m, i) => Math.min(m, ds.counts ? ds.counts.n[i] : ds.samples![i].length), Infinity);
  delete out.split;
  return out;
}

/** Summarise one dataset (see module doc). */
export function summarizeDataset(ds: Dataset, note = ''): DatasetSummary {
  const m = ds.queries.length;
  if (ds.kind === 'routing') {
    const meanReward: Record<string, number> = {};
    ds.procedures.forEach((p, k) => (meanReward[p] = ds.rewards[k].reduce((a, b) => a + b, 0) / m));
    let never = 0;
    let always = 0;
    if (ds.binary) {
      for (let i = 0; i < m; i++) {
        const s = ds.rewards.reduce((a, r) => a + r[i], 0);
        if (s === 0) never++;
        if (s === ds.procedures.length) always++;
      }
    }
    return {
      name: ds.name, kind: 'routing', queries: m, samplesPerQuery: null, procedures: [...ds.procedures], meanReward,
      neverSolved: ds.binary ? never / m : null, alwaysSolved: ds.binary ? always / m : null,
      reward: ds.binary ? 'binary' : 'score', note,
    };
  }
  let sum = 0;
  let never = 0;
  let always = 0;
  for (let i = 0; i < m; i++) {
    let n: number;
    let c: number;
    if (ds.counts) {
      n = ds.counts.n[i];
      c = ds.counts.c[i];
    } else {
      const s = ds.samples![i];
      n = s.length;
      c = s.reduce((a, b) => a + b, 0);
    }
    sum += c / n;
    if (c === 0) never++;
    if (c === n) always++;
  }
  const binary = ds.reward === 'binary';
  return {
    name: ds.name, kind: 'best-of-k', queries: m, samplesPerQuery: ds.bmax, procedures: null, meanReward: sum / m,
    neverSolved: binary ? never / m : null, alwaysSolved: binary ? always / m : null, reward: ds.reward, note,
  };
}

/** Files of the registered datasets that are missing under `dir` (default dataDir()). */
export function missingDataFiles(dir?: string, names: readonly string[] = DATASET_NAMES): string[] {
  const out = new Set<string>();
  for (const n of names) for (const f of datasetInfo(n).files) if (!fs.existsSync(dataFile(f, dir))) out.add(f);
  return [...out];
}

/**
 * Summaries of every registered dataset (gsm8k-7models: the official test split with
 * Mistral-7B-v0.1, 1319 queries). Throws, telling to run `npm run data`, when files are missing.
 */
export function summarizeAll(opts: Pick<LoadOptions, 'dir'> = {}): DatasetSummary[] {
  const missing = missingDataFiles(opts.dir);
  if (missing.length > 0) {
    throw new Error(`${missing.length} data file(s) missing (e.g. ${missing.slice(0, 3).join(', ')}): run \`npm run data\` (with DATA_MIRROR=../shared/data when offline)`);
  }
  return DATASET_NAMES.map((name) => {
    const ds = loadDataset(name, { dir: opts.dir });
    if (name === 'gsm8k-7models' && ds.kind === 'best-of-k' && ds.split) {
      return summarizeDataset(subsetBestOfK(ds, ds.split.test), `test split, ${ds.model}`);
    }
    return summarizeDataset(ds);
  });
}

/** The summaries as a danfojs-node DataFrame (for notebooks); routing mean rewards as "weak / strong". */
export function datasetsFrame(rows: DatasetSummary[] = summarizeAll()): DataFrame {
  // Loaded lazily: danfojs-node pulls in TensorFlow.js.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require('danfojs-node') as typeof import('danfojs-node');
  return new dfd.DataFrame(
    rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      reward: r.reward,
      queries: r.queries,
      samplesPerQuery: r.samplesPerQuery ?? NaN,
      procedures: r.procedures ? r.procedures.join(' / ') : '',
      meanReward: typeof r.meanReward === 'number' ? r.meanReward : Object.values(r.meanReward).map((x) => x.toFixed(3)).join(' / '),
      neverSolved: r.neverSolved ?? NaN,
      alwaysSolved: r.alwaysSolved ?? NaN,
      note: r.note,
    })),
  );
}
