/**
 * RouteLLM evaluation files (lm-sys/RouteLLM, routellm/evals): Mixtral-8x7B-Instruct (cheap)
 * vs GPT-4-1106-preview (strong) on the same queries.
 * - GSM8K and MMLU: CSV with `prompt` and one True/False column per model (the GSM8K file also
 *   holds multi-line responses, hence the RFC 4180 parser).
 * - MT-Bench: `judgements.jsonl` holds exactly one GPT-4 judgement per (question_id, model,
 *   turn): judge `['gpt-4', 'single-v1']` (or `'single-math-v1'` for math/reasoning/coding
 *   questions, which use a reference answer) for turn 1 and the `...-multi-turn` variant for
 *   turn 2; its `score` (1-10) is the reward. One query per (question, turn); its text is the
 *   user's turn-1 message, and for turn 2 the turn-1 message, a blank line, then the turn-2
 *   message (question.jsonl `turns`).
 *
 * Example: `loadRouteLLMCsv('routellm-gsm8k', [[file, {}]]).procedures` ->
 * `['mistralai/Mixtral-8x7B-Instruct-v0.1', 'gpt-4-1106-preview']`.
 */
import * as path from 'path';
import { DataError, RecordReader, show } from '../errors';
import { makeRouting } from '../build';
import { columnIndex, csvBool, parseCsv } from '../csv';
import { readText } from '../read';
import type { Query, RoutingDataset } from '../types';
import { FETCH_HINT, jsonlRecords } from './common';

/** RouteLLM's two procedures, cheapest first. */
export const ROUTELLM_PROCEDURES: readonly string[] = ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'gpt-4-1106-preview'];

/** Load one or more RouteLLM response CSVs (prompt + one boolean column per procedure). */
export function loadRouteLLMCsv(
  name: string,
  files: Array<[file: string, meta: Record<string, unknown>]>,
  costs: ArrayLike<number>,
  idPrefix: (file: string) => string,
): RoutingDataset {
  const procs = [...ROUTELLM_PROCEDURES];
  const queries: Query[] = [];
  const rewards: number[][] = procs.map(() => []);
  const records: string[] = [];
  const recordFiles: string[] = [];
  for (const [file, meta] of files) {
    const t = parseCsv(readText(file, FETCH_HINT), file);
    const jp = columnIndex(t, file, 'prompt');
    const jk = procs.map((p) => columnIndex(t, file, p));
    if (t.rows.length === 0) throw new DataError(file, 'file', '(file)', 'no rows');
    const prefix = idPrefix(file);
    t.rows.forEach((row, i) => {
      const rec = `row ${i + 1} (line ${t.lines[i]})`;
      queries.push({ id: `${prefix}-${i}`, text: row[jp].trim(), meta: { ...meta, row: i } });
      jk.forEach((j, k) => rewards[k].push(csvBool(file, rec, procs[k], row[j]) ? 1 : 0));
      records.push(rec);
      recordFiles.push(file);
    });
  }
  return makeRouting({
    name, queries, procedures: procs, rewards: rewards.map((r) => Float64Array.from(r)), costs, binary: true,
    source: `RouteLLM ${files.length === 1 ? files[0][0] : `${files.length} files in ${path.dirname(files[0][0])}`}`,
    file: files[0][0], records, recordFiles, fields: { text: 'prompt' },
  });
}

/** Load MT-Bench judgements as routing data, one query per (question, turn), reward = judge score. */
export function loadMtBench(name: string, judgementsFile: string, questionFile: string, costs: ArrayLike<number>): RoutingDataset {
  const procs = [...ROUTELLM_PROCEDURES];
  const questions = new Map<string, { turns: string[]; category: string; line: number }>();
  for (const { r: reader, rec, line } of jsonlRecords(questionFile)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const id = r.string('question_id', { allowNumber: true });
    if (questions.has(id)) r.fail('question_id', `duplicate id ${show(id)} (first at line ${questions.get(id)?.line})`);
    const turns = r.array('turns').map((x, j) => {
      if (typeof x !== 'string' || x.trim() === '') r.fail(`turns[${j}]`, `expected non-empty text, got ${show(x)}`);
      return x;
    });
    if (turns.length < 1) r.fail('turns', 'no turns');
    questions.set(id, { turns, category: r.has('category') ? r.string('category') : '', line });
  }
  const scores = new Map<string, { score: number; line: number }>();
  for (const { r: reader, rec, line } of jsonlRecords(judgementsFile)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const qid = r.string('question_id', { allowNumber: true });
    const model = r.string('model');
    const k = procs.indexOf(model);
    if (k < 0) r.fail('model', `unknown model ${show(model)}; expected one of ${procs.join(', ')}`);
    const turn = r.number('turn');
    if (turn !== 1 && turn !== 2) r.fail('turn', `expected 1 or 2, got ${turn}`);
    const judge = r.array('judge');
    const multi = String(judge[1] ?? '').endsWith('multi-turn');
    if (multi !== (turn === 2)) r.fail('judge', `judge prompt ${show(judge[1])} does not match turn ${turn}`);
    const score = r.number('score');
    if (score < 1 || score > 10) r.fail('score', `expected a judge score in [1, 10], got ${score}`);
    const q = questions.get(qid);
    if (!q) r.fail('question_id', `question ${qid} is not in ${questionFile}`);
    if (turn > q.turns.length) r.fail('turn', `question ${qid} has ${q.turns.length} turn(s)`);
    const key = `${qid}\u0000${turn}\u0000${k}`;
    const prev = scores.get(key);
    if (prev) r.fail('score', `second judgement for question ${qid}, turn ${turn}, model ${model} (first at line ${prev.line})`);
    scores.set(key, { score, line });
  }
  const queries: Query[] = [];
  const rewards: number[][] = procs.map(() => []);
  const records: string[] = [];
  for (const [qid, q] of questions) {
    for (let turn = 1; turn <= q.turns.length; turn++) {
      const text = turn === 1 ? q.turns[0] : `${q.turns.slice(0, turn - 1).join('\n\n')}\n\n${q.turns[turn - 1]}`;
      queries.push({ id: `mtbench-${qid}-t${turn}`, text, meta: { questionId: qid, turn, category: q.category, turns: q.turns.slice(0, turn) } });
      procs.forEach((_, k) => rewards[k].push(scores.get(`${qid}\u0000${turn}\u0000${k}`)?.score ?? NaN));
      records.push(`question_id ${qid} turn ${turn}`);
    }
  }
  return makeRouting({
    name, queries, procedures: procs, rewards: rewards.map((r) => Float64Array.from(r)), costs, binary: false,
    source: `RouteLLM MT-Bench ${judgementsFile} (GPT-4 single-answer judge score 1-10) + ${questionFile}`,
    file: judgementsFile, records,
  });
}
