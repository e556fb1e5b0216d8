/**
 * MMLU-Pro model outputs (TIGER-AI-Lab/MMLU-Pro, eval_results): one zip per model holding one
 * JSON array of `{question_id, question, options, answer, category, src, pred, ...}`; a
 * response is correct when `pred === answer` (`pred` null = no answer extracted = wrong).
 * The two models are joined by question_id; a question present for one model only is an error.
 *
 * Example: `loadMmluPro('mmlu-pro-llama31', [['8B', zip8], ['70B', zip70]], [1, 1]).queries.length` = 12032.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { DataError, RecordReader, show } from '../errors';
import { makeRouting } from '../build';
import { asArray, readBytes } from '../read';
import type { Query, RoutingDataset } from '../types';
import { FETCH_HINT, arrayRecords } from './common';

interface Answer {
  correct: number;
  question: string;
  options: string[];
  answer: string;
  category: string;
  src: string;
  record: string;
}

/** Read the single JSON file inside a model-output zip. */
export function readZipJson(zipFile: string): { value: unknown; label: string } {
  const bytes = readBytes(zipFile, FETCH_HINT);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.endsWith('.json') });
  } catch (err) {
    throw new DataError(zipFile, 'file', '(zip)', `not a readable zip: ${err instanceof Error ? err.message : String(err)}`);
  }
  const names = Object.keys(files);
  if (names.length !== 1) throw new DataError(zipFile, 'file', '(zip)', `expected exactly one .json inside, found ${names.length}`);
  const label = `${zipFile}!${names[0]}`;
  try {
    return { value: JSON.parse(strFromU8(files[names[0]])), label };
  } catch (err) {
    throw new DataError(label, 'file', '(json)', `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readModel(zipFile: string): { label: string; byId: Map<string, Answer>; order: string[] } {
  const { value, label } = readZipJson(zipFile);
  const arr = asArray(label, value);
  const byId = new Map<string, Answer>();
  const order: string[] = [];
  for (const { r: reader, rec, index: i } of arrayRecords(label, arr)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const id = r.string('question_id', { allowNumber: true });
    if (byId.has(id)) r.fail('question_id', `duplicate id ${show(id)} (first at ${byId.get(id)?.record})`);
    const answer = r.string('answer');
    const pred = r.has('pred') ? r.raw('pred') : null;
    if (pred !== null && typeof pred !== 'string') r.fail('pred', `expected a string or null, got ${show(pred)}`);
    const options = r.array('options').map(String);
    byId.set(id, {
      correct: pred === answer ? 1 : 0,
      question: r.string('question'),
      options,
      answer,
      category: r.has('category') ? r.string('category') : '',
      src: r.has('src') ? String(r.raw('src')) : '',
      record: rec,
    });
    order.push(id);
  }
  return { label, byId, order };
}

/** Join two or more model-output zips by question_id (procedures cheapest first). */
export function loadMmluPro(name: string, models: Array<[procedure: string, zipFile: string]>, costs: ArrayLike<number>): RoutingDataset {
  const parsed = models.map(([, f]) => readModel(f));
  const base = parsed[0];
  for (let k = 1; k < parsed.length; k++) {
    for (const id of parsed[k].order) {
      if (!base.byId.has(id)) {
        throw new DataError(parsed[k].label, parsed[k].byId.get(id)?.record ?? '?', 'question_id', `question ${id} is missing for model ${models[0][0]} (${base.label})`);
      }
    }
  }
  const queries: Query[] = [];
  const rewards: number[][] = models.map(() => []);
  const records: string[] = [];
  const letters = 'ABCDEFGHIJKLMNOP';
  for (const id of base.order) {
    const a = base.byId.get(id) as Answer;
    parsed.forEach((p, k) => {
      const b = p.byId.get(id);
      if (!b) throw new DataError(p.label, 'file', 'question_id', `question ${id} (${base.label} ${a.record}) is missing for model ${models[k][0]}`);
      rewards[k].push(b.correct);
    });
    const opts = a.options.map((o, j) => `${letters[j] ?? j}. ${o}`).join('\n');
    queries.push({ id: `mmlu-pro-${id}`, text: `${a.question}\n${opts}`, meta: { questionId: id, category: a.category, src: a.src, answer: a.answer } });
    records.push(a.record);
  }
  return makeRouting({
    name, queries, procedures: models.map(([p]) => p), rewards: rewards.map((r) => Float64Array.from(r)), costs, binary: true,
    source: `MMLU-Pro outputs ${models.map(([, f]) => f).join(' + ')}; correct = pred === answer (null pred wrong)`,
    file: base.label, records, fields: { text: 'question' },
  });
}
