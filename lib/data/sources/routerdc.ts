/**
 * RouterDC's per-model success fractions (shuhao02/RouterDC, datasets/split2_model7): records
 * `{question, scores: {<model>: fraction of 10 samples correct}}`. The fraction times 10 is the
 * count c of n = 10 samples; it must be a multiple of 0.1 (within 1e-6).
 *
 * Example: `loadRouterDC('gsm8k-7models', [[trainFile, 'train'], [testFile, 'test']], 'Mistral-7B-v0.1')`
 * gives 2319 queries with counts n = 10 and ds.split = {train: 0..999, test: 1000..2318}.
 */
import { DataError, RecordReader, show } from '../errors';
import { makeBestOfK } from '../build';
import { asArray, readJson } from '../read';
import type { BestOfKDataset, Query } from '../types';
import { FETCH_HINT, arrayRecords } from './common';

/** The 7 models of the RouterDC files, exactly as their keys in `scores`. */
export const GSM8K_MODELS: readonly string[] = [
  'mistralai/Mistral-7B-v0.1',
  'meta-math/MetaMath-Mistral-7B',
  'itpossible/Chinese-Mistral-7B-v0.1',
  'HuggingFaceH4/zephyr-7b-beta',
  'cognitivecomputations/dolphin-2.6-mistral-7b',
  'meta-llama/Meta-Llama-3-8B',
  'cognitivecomputations/dolphin-2.9-llama3-8b',
];

/** Default model of gsm8k-7models / mbpp-7models. */
export const DEFAULT_MODEL = 'mistralai/Mistral-7B-v0.1';

/** Samples per query behind each fraction. */
export const ROUTERDC_SAMPLES = 10;

/**
 * Resolve a model name against the keys of a record's `scores`: the exact key, or the part
 * after the '/' when unique (`'Mistral-7B-v0.1'` -> `'mistralai/Mistral-7B-v0.1'`).
 */
export function resolveModel(name: string, keys: readonly string[]): string | undefined {
  if (keys.includes(name)) return name;
  const hits = keys.filter((k) => k.split('/').pop() === name);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Load one or more RouterDC files as a binary best-of-k dataset for one model. */
export function loadRouterDC(
  name: string,
  files: Array<[file: string, part: string]>,
  model: string,
  opts: { officialSplit?: boolean } = {},
): BestOfKDataset {
  const queries: Query[] = [];
  const nArr: number[] = [];
  const cArr: number[] = [];
  const records: string[] = [];
  const recordFiles: string[] = [];
  const partIdx: Record<string, number[]> = {};
  let key: string | undefined;
  for (const [file, part] of files) {
    const arr = asArray(file, readJson(file, FETCH_HINT));
    for (const { r: reader, rec, index: i } of arrayRecords(file, arr)) {
      const r: RecordReader = reader; // annotated: r.fail() narrows types
      const text = r.string('question');
      const scores = r.object('scores');
      if (key === undefined) {
        key = resolveModel(model, Object.keys(scores));
        if (key === undefined) {
          r.fail('scores', `unknown model ${show(model)}; models in the file: ${Object.keys(scores).join(', ')}`);
        }
      }
      const frac = scores[key];
      if (frac === undefined) r.fail(`scores.${key}`, 'missing for this record');
      if (typeof frac !== 'number' || !Number.isFinite(frac)) r.fail(`scores.${key}`, `expected a number, got ${show(frac)}`);
      if (frac < 0 || frac > 1) r.fail(`scores.${key}`, `fraction ${frac} outside [0, 1]`);
      const c = Math.round(frac * ROUTERDC_SAMPLES);
      if (Math.abs(frac * ROUTERDC_SAMPLES - c) > 1e-6) {
        r.fail(`scores.${key}`, `fraction ${frac} is not a multiple of 1/${ROUTERDC_SAMPLES}`);
      }
      (partIdx[part] ??= []).push(queries.length);
      queries.push({ id: `${part}-${i}`, text, meta: { part, index: i } });
      nArr.push(ROUTERDC_SAMPLES);
      cArr.push(c);
      records.push(rec);
      recordFiles.push(file);
    }
  }
  if (key === undefined) throw new DataError(files[0][0], 'file', 'scores', 'no records');
  return makeBestOfK({
    name,
    reward: 'binary',
    queries,
    counts: { n: Int32Array.from(nArr), c: Int32Array.from(cArr) },
    model: key,
    split: opts.officialSplit ? { train: Int32Array.from(partIdx.train ?? []), test: Int32Array.from(partIdx.test ?? []) } : undefined,
    source: `RouterDC ${files.map(([f]) => f).join(' + ')}, model ${key}, n = ${ROUTERDC_SAMPLES}`,
    file: files[0][0],
    records,
    recordFiles,
    fields: { id: 'question', text: 'question', n: `scores.${key}`, c: `scores.${key}` },
  });
}
