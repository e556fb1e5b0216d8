/**
 * The registry of named datasets (names and files in catalog.ts): load any of the 18 by name
 * from the fetched files under `dir` (default dataDir(); run `npm run data` first).
 *
 * Defaults worth knowing:
 * - gsm8k-7models / mbpp-7models: `model` defaults to Mistral-7B-v0.1 (any key of GSM8K_MODELS,
 *   or its part after '/'); gsm8k-7models = train (1000) + test (1319) with ds.split official.
 * - rewardmath-shepherd: `stepReduce` defaults to 'min' (weakest step).
 * - Routing costs default to 1 per procedure, except gsm8k-gpt3-verifier: [1, 100], because
 *   the verification procedure draws 100 samples from the 175B generator (Cobbe et al. 2021)
 *   against one for the fine-tuned single sample; the 100 verifier scoring passes are not
 *   counted (pass e.g. [1, 200] to count them as one sample each).
 * Procedures are ordered cheapest first (weak, strong).
 *
 * Example: `loadBestOfK('gsm8k-7models').counts.n[0]` = 10;
 * `loadRouting('routellm-mmlu').queries.length` = 14042.
 */
import { datasetInfo, isDatasetName, DATASET_NAMES, MMLU_SUBJECTS, type DatasetName } from './catalog';
import { dataFile } from './sources/common';
import { loadCruxeval } from './sources/cruxeval';
import { loadGsm8kGpt3 } from './sources/gsm8k_gpt3';
import { loadMmluPro } from './sources/mmlu_pro';
import { loadRewardMath, type StepReduce } from './sources/rewardmath';
import { DEFAULT_MODEL, loadRouterDC } from './sources/routerdc';
import { loadMtBench, loadRouteLLMCsv } from './sources/routellm';
import { loadGame24, loadTotText } from './sources/tot';
import { resolveCosts } from './build';
import type { BestOfKDataset, Dataset, RoutingDataset } from './types';

export { DATASET_NAMES, datasetInfo, type DatasetName, type DatasetInfo } from './catalog';
export { GSM8K_MODELS, DEFAULT_MODEL } from './sources/routerdc';

export interface BestOfKOptions {
  /** Generating model for gsm8k-7models / mbpp-7models (default Mistral-7B-v0.1). */
  model?: string;
  /** Data folder (default dataDir()). */
  dir?: string;
  /** rewardmath-shepherd: reduce per-step scores by min (default), mean, last or prod. */
  stepReduce?: StepReduce;
}

export interface RoutingOptions {
  /** Cost per call of each procedure, cheapest first (default 1 each; gsm8k-gpt3-verifier [1, 100]). */
  costs?: number[];
  /** Data folder (default dataDir()). */
  dir?: string;
}

export type LoadOptions = BestOfKOptions & RoutingOptions;

/** Default per-call costs of a routing dataset. */
export function defaultCosts(name: DatasetName): number[] {
  return name === 'gsm8k-gpt3-verifier' ? [1, 100] : [1, 1];
}

function files(name: DatasetName, dir?: string): string[] {
  return datasetInfo(name).files.map((f) => dataFile(f, dir));
}

/** Load a best-of-k dataset by name. */
export function loadBestOfK(name: string, opts: BestOfKOptions = {}): BestOfKDataset {
  const info = datasetInfo(name);
  if (info.kind !== 'best-of-k') throw new Error(`${name} is a routing dataset; use loadRouting`);
  const n = info.name;
  const f = files(n, opts.dir);
  if ((n !== 'gsm8k-7models' && n !== 'mbpp-7models') && opts.model !== undefined) {
    throw new Error(`${name}: option "model" applies to gsm8k-7models / mbpp-7models only`);
  }
  switch (n) {
    case 'gsm8k-7models':
      return loadRouterDC(n, [[f[0], 'train'], [f[1], 'test']], opts.model ?? DEFAULT_MODEL, { officialSplit: true });
    case 'mbpp-7models':
      return loadRouterDC(n, [[f[0], 'mbpp']], opts.model ?? DEFAULT_MODEL);
    case 'cruxeval-output':
      return loadCruxeval(n, f[0], f[1], 'output');
    case 'cruxeval-input':
      return loadCruxeval(n, f[0], f[1], 'input');
    case 'game24-standard':
    case 'game24-cot':
      return loadGame24(n, f[0], f[1]);
    case 'tot-text-standard':
    case 'tot-text-cot':
      return loadTotText(n, f[0], f[1]);
    case 'rewardmath-internlm2':
    case 'rewardmath-armorm':
    case 'rewardmath-skywork':
      return loadRewardMath(n, f[0]);
    case 'rewardmath-shepherd':
      return loadRewardMath(n, f[0], { steps: true, stepReduce: opts.stepReduce });
    default:
      throw new Error(`no best-of-k loader for ${name}`);
  }
}

/** Load a routing dataset by name; `costs` overrides the default per-call costs. */
export function loadRouting(name: string, opts: RoutingOptions = {}): RoutingDataset {
  const info = datasetInfo(name);
  if (info.kind !== 'routing') throw new Error(`${name} is a best-of-k dataset; use loadBestOfK`);
  const n = info.name;
  const f = files(n, opts.dir);
  const costs = opts.costs ?? defaultCosts(n);
  let ds: RoutingDataset;
  switch (n) {
    case 'routellm-gsm8k':
      ds = loadRouteLLMCsv(n, [[f[0], {}]], costs, () => 'gsm8k');
      break;
    case 'routellm-mmlu':
      ds = loadRouteLLMCsv(n, f.map((file, j) => [file, { subject: MMLU_SUBJECTS[j] }]), costs, (file) => {
        const j = f.indexOf(file);
        return `mmlu-${MMLU_SUBJECTS[j]}`;
      });
      break;
    case 'routellm-mtbench':
      ds = loadMtBench(n, f[0], f[1], costs);
      break;
    case 'gsm8k-gpt3-size':
      ds = loadGsm8kGpt3(n, f[0], ['6b_finetuning', '175b_finetuning'], costs);
      break;
    case 'gsm8k-gpt3-verifier':
      ds = loadGsm8kGpt3(n, f[0], ['175b_finetuning', '175b_verification'], costs);
      break;
    case 'mmlu-pro-llama31':
      ds = loadMmluPro(n, [['Meta-Llama-3.1-8B-Instruct', f[0]], ['Meta-Llama-3.1-70B-Instruct', f[1]]], costs);
      break;
    default:
      throw new Error(`no routing loader for ${name}`);
  }
  ds.costs = resolveCosts(ds.procedures, costs);
  return ds;
}

/** Load any registered dataset by name. */
export function loadDataset(name: string, opts: LoadOptions = {}): Dataset {
  if (!isDatasetName(name)) datasetInfo(name); // throws the "unknown dataset" error
  const { costs, dir, model, stepReduce } = opts;
  return datasetInfo(name).kind === 'routing' ? loadRouting(name, { costs, dir }) : loadBestOfK(name, { model, dir, stepReduce });
}
