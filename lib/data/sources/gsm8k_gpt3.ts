/**
 * GPT-3 solutions to the GSM8K test set (openai/grade-school-math, example_model_solutions.jsonl;
 * Cobbe et al. 2021): per question `{question, ground_truth, 6b_finetuning, 6b_verification,
 * 175b_finetuning, 175b_verification}`, each `{is_correct, solution}`. "finetuning" is one
 * sample of the fine-tuned generator; "verification" is the verifier's pick among 100 samples.
 *
 * Example: `loadGsm8kGpt3('gsm8k-gpt3-size', file, ['6b_finetuning', '175b_finetuning'], [1, 1])`.
 */
import { RecordReader } from '../errors';
import { makeRouting } from '../build';
import type { Query, RoutingDataset } from '../types';
import { FETCH_HINT, jsonlRecords } from './common';

export type Gpt3Procedure = '6b_finetuning' | '6b_verification' | '175b_finetuning' | '175b_verification';

/** Load the GPT-3 GSM8K solutions as routing data over the given procedures (cheapest first). */
export function loadGsm8kGpt3(name: string, file: string, procedures: Gpt3Procedure[], costs: ArrayLike<number>): RoutingDataset {
  const queries: Query[] = [];
  const rewards: number[][] = procedures.map(() => []);
  const records: string[] = [];
  for (const { r: reader, rec, line } of jsonlRecords(file)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const question = r.string('question');
    procedures.forEach((p, k) => {
      const o: RecordReader = new RecordReader(file, rec, r.object(p));
      const ok = o.has('is_correct') ? o.bool('is_correct') : r.fail(`${p}.is_correct`, 'missing');
      rewards[k].push(ok ? 1 : 0);
    });
    queries.push({ id: `gsm8k-test-${queries.length}`, text: question, meta: { index: queries.length } });
    records.push(rec);
  }
  return makeRouting({
    name, queries, procedures: [...procedures], rewards: rewards.map((x) => Float64Array.from(x)), costs, binary: true,
    source: `GSM8K GPT-3 solutions ${file}`, file, records, fields: { text: 'question' },
  });
}
