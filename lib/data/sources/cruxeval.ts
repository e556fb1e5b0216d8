/**
 * CRUXEval (facebookresearch/cruxeval): 800 short Python functions; CodeLlama-7B predicted the
 * output (given the input) or the input (given the output), 10 samples at T=0.2, each scored
 * True/False. The query text is the function plus the assertion to complete, as in the
 * benchmark's prompts: output prediction `assert f(<input>) == ??`, input prediction
 * `assert f(??) == <output>`.
 *
 * Example: `loadCruxeval('cruxeval-output', problemsFile, scoredFile, 'output').queries[0].text`
 * -> `'def f(nums):\n ...\nassert f([1, 1, 3, 1, 3, 1]) == ??'`.
 */
import { DataError, RecordReader, numberArray } from '../errors';
import { makeBestOfK } from '../build';
import { asObject, readJson } from '../read';
import type { BestOfKDataset, Query } from '../types';
import { FETCH_HINT, jsonlRecords } from './common';

export type CruxevalTask = 'output' | 'input';

/** Load CRUXEval problems joined with one scored-samples file. */
export function loadCruxeval(name: string, problemsFile: string, scoredFile: string, task: CruxevalTask): BestOfKDataset {
  const scoredDoc = asObject(scoredFile, 'file', readJson(scoredFile, FETCH_HINT));
  const scored = new RecordReader(scoredFile, 'file', scoredDoc).object('raw_scored_generations');
  const queries: Query[] = [];
  const samples: Float64Array[] = [];
  const records: string[] = [];
  const seen = new Set<string>();
  for (const { r: reader, rec, line } of jsonlRecords(problemsFile)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const id = r.string('id');
    const code = r.string('code');
    const input = r.string('input', { allowEmpty: true });
    const output = r.string('output', { allowEmpty: true });
    if (!(id in scored)) {
      throw new DataError(scoredFile, `key ${JSON.stringify(id)}`, 'raw_scored_generations', `no scored samples for problem ${id} (${problemsFile} ${rec})`);
    }
    const s = numberArray(scored[id], (d) => {
      throw new DataError(scoredFile, `key ${JSON.stringify(id)}`, 'raw_scored_generations', d);
    }, { allowBool: true });
    const text = task === 'output' ? `${code}\nassert f(${input}) == ??` : `${code}\nassert f(??) == ${output}`;
    queries.push({ id, text, meta: { code, input, output, task } });
    samples.push(s);
    records.push(rec);
    seen.add(id);
  }
  for (const k of Object.keys(scored)) {
    if (!seen.has(k)) throw new DataError(scoredFile, `key ${JSON.stringify(k)}`, 'raw_scored_generations', `problem ${k} is not in ${problemsFile}`);
  }
  return makeBestOfK({
    name,
    reward: 'binary',
    queries,
    samples,
    model: 'codellama-7b',
    source: `CRUXEval ${task} prediction, CodeLlama-7B T=0.2: ${problemsFile} + ${scoredFile}`,
    file: problemsFile,
    records,
    fields: { samples: 'raw_scored_generations' },
  });
}
