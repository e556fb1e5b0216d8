/**
 * Tree-of-Thoughts logs (princeton-nlp/tree-of-thought-llm), GPT-4 naive sampling.
 * - Game of 24: records `{idx, ys, accs}` (standard: 100 booleans) or `{idx, ys, infos: [{r}]}`
 *   (cot: r in {0, 1}); `idx` is the 0-based data row of `24.csv` (Rank, Puzzles, AMT (s),
 *   Solved rate, 1-sigma Mean (s), 1-sigma STD (s)), which goes to meta.
 * - Creative writing: records `{idx, ys: [10 passages], infos: [{rs: [5 judge scores], r}]}`;
 *   reward = r (mean GPT-4 judge score, 1-10); text = line idx of data_100_random_text.txt.
 *
 * Example: `loadGame24('game24-cot', logFile, csvFile).queries[0].meta.numbers` -> `[4, 5, 6, 10]`.
 */
import { DataError, RecordReader, finiteNumber, show, toBool } from '../errors';
import { makeBestOfK } from '../build';
import { columnIndex, parseCsv } from '../csv';
import { asArray, readJson, readText } from '../read';
import type { BestOfKDataset, Query } from '../types';
import { FETCH_HINT, arrayRecords } from './common';

function idxOf(r: RecordReader, max: number, what: string): number {
  const v = r.raw('idx');
  const idx = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0) r.fail('idx', `expected a non-negative integer, got ${show(v)}`);
  if (idx >= max) r.fail('idx', `${idx} is past the last ${what} (${max})`);
  return idx;
}

/** Per-sample labels of a ToT log record: `accs` booleans, or `infos[].r`. */
function labels(r: RecordReader, binary: boolean): Float64Array {
  if (r.has('accs')) {
    const a = r.array('accs');
    return Float64Array.from(a, (x, j) => (toBool(x, (d) => r.fail(`accs[${j}]`, d)) ? 1 : 0));
  }
  const infos = r.array('infos');
  return Float64Array.from(infos, (info, j) => {
    if (info === null || typeof info !== 'object') r.fail(`infos[${j}]`, `expected an object, got ${show(info)}`);
    const x = finiteNumber((info as Record<string, unknown>).r, (d) => r.fail(`infos[${j}].r`, d));
    if (binary && x !== 0 && x !== 1) r.fail(`infos[${j}].r`, `expected 0 or 1, got ${x}`);
    return x;
  });
}

/** Game of 24: binary best-of-100, puzzle row of 24.csv in meta. */
export function loadGame24(name: string, logFile: string, csvFile: string): BestOfKDataset {
  const table = parseCsv(readText(csvFile, FETCH_HINT), csvFile);
  const jp = columnIndex(table, csvFile, 'Puzzles');
  const cols = {
    rank: columnIndex(table, csvFile, 'Rank'),
    amt: columnIndex(table, csvFile, 'AMT (s)'),
    solved: columnIndex(table, csvFile, 'Solved rate'),
    mean: columnIndex(table, csvFile, '1-sigma Mean (s)'),
    std: columnIndex(table, csvFile, '1-sigma STD (s)'),
  };
  const arr = asArray(logFile, readJson(logFile, FETCH_HINT));
  const queries: Query[] = [];
  const samples: Float64Array[] = [];
  const records: string[] = [];
  for (const { r: reader, rec, index: i } of arrayRecords(logFile, arr)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const idx = idxOf(r, table.rows.length, `row of ${csvFile}`);
    const row = table.rows[idx];
    const crec = `row ${idx + 1} (line ${table.lines[idx]})`;
    const puzzle = row[jp];
    const numbers = puzzle.trim().split(/\s+/).map(Number);
    if (numbers.length !== 4 || numbers.some((x) => !Number.isFinite(x))) {
      throw new DataError(csvFile, crec, 'Puzzles', `expected 4 numbers, got ${show(puzzle)}`);
    }
    const num = (s: string, field: string): number => {
      const x = Number(s.replace('%', ''));
      if (s.trim() === '' || !Number.isFinite(x)) throw new DataError(csvFile, crec, field, `expected a number, got ${show(s)}`);
      return x;
    };
    queries.push({
      id: `game24-${idx}`,
      text: puzzle,
      meta: {
        idx,
        numbers,
        rank: num(row[cols.rank], 'Rank'),
        amtSeconds: num(row[cols.amt], 'AMT (s)'),
        humanSolveRate: num(row[cols.solved], 'Solved rate') / 100,
        meanSeconds1Sigma: num(row[cols.mean], '1-sigma Mean (s)'),
        stdSeconds1Sigma: num(row[cols.std], '1-sigma STD (s)'),
      },
    });
    samples.push(labels(r, true));
    records.push(rec);
  }
  return makeBestOfK({
    name, reward: 'binary', queries, samples, model: 'gpt-4',
    source: `Tree of Thoughts Game of 24 log ${logFile}; puzzles ${csvFile}`,
    file: logFile, records, fields: { id: 'idx', text: 'idx', samples: 'accs / infos[].r' },
  });
}

/** Creative writing: continuous best-of-10, reward = mean judge score. */
export function loadTotText(name: string, logFile: string, promptsFile: string): BestOfKDataset {
  const lines = readText(promptsFile, FETCH_HINT).split('\n').map((s) => s.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const arr = asArray(logFile, readJson(logFile, FETCH_HINT));
  const queries: Query[] = [];
  const samples: Float64Array[] = [];
  const records: string[] = [];
  for (const { r: reader, rec, index: i } of arrayRecords(logFile, arr)) {
    const r: RecordReader = reader; // annotated: r.fail() narrows types
    const idx = idxOf(r, lines.length, `line of ${promptsFile}`);
    const text = lines[idx];
    if (text.trim() === '') throw new DataError(promptsFile, `line ${idx + 1}`, '(text)', 'empty text');
    queries.push({ id: `text-${idx}`, text, meta: { idx } });
    samples.push(labels(r, false));
    records.push(rec);
  }
  return makeBestOfK({
    name, reward: 'continuous', queries, samples, model: 'gpt-4',
    source: `Tree of Thoughts creative writing log ${logFile}; prompts ${promptsFile}; reward = mean GPT-4 judge score (1-10)`,
    file: logFile, records, fields: { id: 'idx', text: 'idx', samples: 'infos[].r' },
  });
}
