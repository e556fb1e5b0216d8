/**
 * RewardMATH (kimsh0507/RewardMATH_official, results/RewardMATH): 483 MATH problems, each with
 * a fixed pool of 10 candidate solutions; the candidate at index 0 (`human_to_GPT-4`) is the
 * correct one, the other nine incorrect. A reward model scores every candidate: one scalar
 * (internlm2, ArmoRM, skywork) or, for the process reward model Math-Shepherd, one score per
 * step, reduced to one score per candidate by `stepReduce` (default 'min').
 * Samples = correctness [1, 0, ..., 0]; scores = the reward model's scores.
 *
 * Example: `loadRewardMath('rewardmath-shepherd', file, { stepReduce: 'min' }).scores[0][0]`
 * = the smallest step score of the first problem's correct candidate.
 */
import { RecordReader, finiteNumber, numberArray, show } from '../errors';
import { makeBestOfK } from '../build';
import { asArray, readJson } from '../read';
import type { BestOfKDataset, Query } from '../types';
import { FETCH_HINT, arrayRecords } from './common';

/** How per-step PRM scores become one score per candidate. */
export type StepReduce = 'min' | 'mean' | 'last' | 'prod';

/** Candidates per problem in RewardMATH. */
export const REWARDMATH_CANDIDATES = 10;

/** Reduce per-step scores: min (weakest step), mean, last step, or product. */
export function reduceSteps(steps: Float64Array, how: StepReduce): number {
  if (how === 'min') return steps.reduce((a, b) => Math.min(a, b), Infinity);
  if (how === 'mean') return steps.reduce((a, b) => a + b, 0) / steps.length;
  if (how === 'last') return steps[steps.length - 1];
  return steps.reduce((a, b) => a * b, 1);
}

/** Load a RewardMATH reward file; `steps` = the file holds per-step scores (a PRM). */
export function loadRewardMath(name: string, file: string, opts: { steps?: boolean; stepReduce?: StepReduce } = {}): BestOfKDataset {
  const how = opts.stepReduce ?? 'min';
  if (!['min', 'mean', 'last', 'prod'].includes(how)) throw new Error(`stepReduce must be min, mean, last or prod, got ${show(how)}`);
  const arr = asArray(file, readJson(file, FETCH_HINT));
  const queries: Query[] = [];
  const samples: Float64Array[] = [];
  const scores: Float64Array[] = [];
  const records: string[] = [];
  for (const { r: reader, rec, index: i } of arrayRecords(file, arr)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const problem = r.string('problem');
    const refs = r.array('solution_reference');
    if (refs.length !== REWARDMATH_CANDIDATES) r.fail('solution_reference', `expected ${REWARDMATH_CANDIDATES} candidates, got ${refs.length}`);
    const sc = r.array('score');
    if (sc.length !== refs.length) r.fail('score', `${sc.length} scores for ${refs.length} candidates`);
    let s: Float64Array;
    if (opts.steps) {
      s = Float64Array.from(sc, (steps, j) => {
        const a = numberArray(steps, (d) => r.fail(`score[${j}]`, d));
        if (a.length === 0) r.fail(`score[${j}]`, 'no step scores');
        return reduceSteps(a, how);
      });
    } else {
      s = Float64Array.from(sc, (x, j) => finiteNumber(x, (d) => r.fail(`score[${j}]`, d)));
    }
    const correct = new Float64Array(refs.length);
    correct[0] = 1;
    queries.push({ id: `rewardmath-${i}`, text: problem, meta: { index: i, sources: refs.map(String) } });
    samples.push(correct);
    scores.push(s);
    records.push(rec);
  }
  return makeBestOfK({
    name, reward: 'reranked', queries, samples, scores,
    source: `RewardMATH ${file}${opts.steps ? `; per-step scores reduced by ${how}` : ''}; candidate 0 correct, 1-9 incorrect`,
    file, records, fields: { id: 'problem', text: 'problem', samples: 'solution_reference', scores: 'score' },
  });
}
