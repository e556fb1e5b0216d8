/**
 * A researcher's own sample files as datasets: JSON Lines (`.jsonl`, `.ndjson`), CSV (`.csv`,
 * RFC 4180: quoted fields may hold commas and line breaks) and Parquet (`.parquet`, read with
 * hyparquet; INT64 values become numbers). Columns are named in a spec; nothing is guessed.
 *
 * Best-of-k: `id`, `text`, and either `samples` (an array column of per-sample rewards; in CSV
 * a JSON array in the cell, e.g. "[1,0,1]") or `n` + `c` (binary counts); optional `scores`
 * (reranker score per sample, same length as samples). Routing: `id`, `text`, `procedures`
 * (reward columns, cheapest first), optional `costs`. `meta` lists columns copied into
 * query.meta. Errors name the file, the record (`line 7`, `row 3 (line 9)`, `row 3`) and the
 * column.
 *
 * Async because hyparquet is an ES module (loaded with a dynamic import).
 *
 * Example:
 *   await loadBestOfKFile('my_samples.jsonl', { id: 'qid', text: 'prompt', samples: 'rewards' })
 *   await loadRoutingFile('routes.csv', { id: 'id', text: 'prompt', procedures: ['small', 'large'], costs: [1, 8] })
 */
import * as path from 'path';
import { DataError, show } from './errors';
import { makeBestOfK, makeRouting } from './build';
import { parseCsv } from './csv';
import { readBytes, readJsonl, readText } from './read';
import type { BestOfKDataset, Query, RewardKind, RoutingDataset } from './types';

export interface BestOfKFileSpec {
  /** Dataset name (default: the file's base name). */
  name?: string;
  id: string;
  text: string;
  /** Array column of per-sample rewards. */
  samples?: string;
  /** Column of sample counts n (with `c`). */
  n?: string;
  /** Column of correct counts c (with `n`). */
  c?: string;
  /** Array column of reranker scores per sample (makes the reward 'reranked'). */
  scores?: string;
  /** Reward kind (default: 'reranked' with scores, 'binary' for counts or all-0/1 samples, else 'continuous'). */
  reward?: RewardKind;
  /** Require the same number of samples per query (default true). */
  equalSamples?: boolean;
  /** Columns copied into query.meta. */
  meta?: string[];
}

export interface RoutingFileSpec {
  name?: string;
  id: string;
  text: string;
  /** Reward column of each procedure, cheapest first. */
  procedures: string[];
  /** Cost per call of each procedure (default 1 each). */
  costs?: number[];
  /** Rewards are 0/1 (default: true when every reward is 0 or 1). */
  binary?: boolean;
  meta?: string[];
}

/** Rows of a user file with a label per row for error messages. */
export interface UserRows {
  file: string;
  format: 'jsonl' | 'csv' | 'parquet';
  columns: string[];
  rows: Record<string, unknown>[];
  labels: string[];
}

// tsc (CommonJS output) would turn `import()` into `require()`, which cannot load an ES module
// on every Node 20; a Function keeps the real dynamic import.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

interface Hyparquet {
  parquetReadObjects(opts: { file: ArrayBuffer }): Promise<Record<string, unknown>[]>;
  parquetMetadata(buf: ArrayBuffer): { schema: Array<{ name: string }> };
}

function normalize(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(normalize);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number | bigint>, normalize);
  return v;
}

/** Read the rows of a JSONL, CSV or Parquet file (by extension). */
export async function readUserRows(file: string): Promise<UserRows> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') {
    const lines = readJsonl(file);
    const rows = lines.map(({ line, value }) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new DataError(file, `line ${line}`, '(json)', 'expected an object per line');
      }
      return value as Record<string, unknown>;
    });
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { file, format: 'jsonl', columns, rows, labels: lines.map((l) => `line ${l.line}`) };
  }
  if (ext === '.csv') {
    const t = parseCsv(readText(file), file);
    if (t.rows.length === 0) throw new DataError(file, 'file', '(file)', 'no rows after the header');
    const rows = t.rows.map((r) => Object.fromEntries(t.header.map((h, j) => [h, r[j]])));
    return { file, format: 'csv', columns: t.header, rows, labels: t.lines.map((l, k) => `row ${k + 1} (line ${l})`) };
  }
  if (ext === '.parquet') {
    const bytes = readBytes(file);
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const hp = (await importEsm('hyparquet')) as Hyparquet;
    let raw: Record<string, unknown>[];
    let columns: string[];
    try {
      columns = hp.parquetMetadata(buf).schema.slice(1).map((s) => s.name);
      raw = await hp.parquetReadObjects({ file: buf });
    } catch (err) {
      throw new DataError(file, 'file', '(parquet)', `not a readable Parquet file: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (raw.length === 0) throw new DataError(file, 'file', '(file)', 'no rows');
    const rows = raw.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, normalize(v)])));
    return { file, format: 'parquet', columns, rows, labels: rows.map((_, k) => `row ${k + 1}`) };
  }
  throw new DataError(file, 'file', '(file)', `unknown file type ${show(ext)}: expected .jsonl, .ndjson, .csv or .parquet`);
}

function needColumn(u: UserRows, col: string): void {
  if (u.format !== 'jsonl' && !u.columns.includes(col)) {
    throw new DataError(u.file, u.format === 'csv' ? 'line 1 (header)' : 'schema', col, `column missing (columns: ${u.columns.join(', ')})`);
  }
}

function cellNumber(u: UserRows, i: number, col: string, opts: { missingAsNaN?: boolean } = {}): number {
  const v = u.rows[i][col];
  const fail = (d: string): never => {
    throw new DataError(u.file, u.labels[i], col, d);
  };
  if (v === undefined || v === null || v === '') {
    if (opts.missingAsNaN) return NaN;
    return fail('missing');
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && u.format === 'csv') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return 1;
    if (t === 'false') return 0;
    const x = Number(t);
    if (!Number.isFinite(x)) return fail(`expected a finite number, got ${show(v)}`);
    return x;
  }
  if (typeof v !== 'number') return fail(`expected a number, got ${show(v)}`);
  if (!Number.isFinite(v)) return fail(`expected a finite number, got ${show(v)}`);
  return v;
}

function cellArray(u: UserRows, i: number, col: string): Float64Array {
  let v = u.rows[i][col];
  const fail = (d: string): never => {
    throw new DataError(u.file, u.labels[i], col, d);
  };
  if (v === undefined || v === null || v === '') return fail('missing');
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return fail(`expected an array (a JSON array such as [1,0,1] in CSV), got ${show(v)}`);
    }
  }
  if (!Array.isArray(v)) return fail(`expected an array, got ${show(v)}`);
  const out = new Float64Array(v.length);
  v.forEach((x: unknown, j: number) => {
    if (typeof x === 'boolean') out[j] = x ? 1 : 0;
    else if (typeof x === 'number' && Number.isFinite(x)) out[j] = x;
    else fail(`element ${j}: expected a finite number, got ${show(x)}`);
  });
  return out;
}

function cellText(u: UserRows, i: number, col: string): string {
  const v = u.rows[i][col];
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v === undefined || v === null) throw new DataError(u.file, u.labels[i], col, 'missing');
  if (typeof v !== 'string') throw new DataError(u.file, u.labels[i], col, `expected text, got ${show(v)}`);
  return v;
}

function queriesOf(u: UserRows, spec: { id: string; text: string; meta?: string[] }): Query[] {
  for (const c of [spec.id, spec.text, ...(spec.meta ?? [])]) needColumn(u, c);
  return u.rows.map((r, i) => ({
    id: cellText(u, i, spec.id),
    text: cellText(u, i, spec.text),
    meta: Object.fromEntries((spec.meta ?? []).map((m) => [m, r[m]])),
  }));
}

/** Load a best-of-k dataset from a user file (see module doc). */
export async function loadBestOfKFile(file: string, spec: BestOfKFileSpec): Promise<BestOfKDataset> {
  const hasSamples = spec.samples !== undefined;
  const hasCounts = spec.n !== undefined || spec.c !== undefined;
  if (hasSamples === hasCounts) throw new Error(`${file}: spec needs either "samples" or both "n" and "c"`);
  if (hasCounts && (spec.n === undefined || spec.c === undefined)) throw new Error(`${file}: spec needs both "n" and "c"`);
  const u = await readUserRows(file);
  const queries = queriesOf(u, spec);
  const name = spec.name ?? path.basename(file, path.extname(file));
  const common = { name, queries, source: `user file ${file}`, file, records: u.labels, equalSamples: spec.equalSamples ?? true };
  if (hasCounts) {
    const nCol = spec.n as string;
    const cCol = spec.c as string;
    needColumn(u, nCol);
    needColumn(u, cCol);
    const n = new Int32Array(u.rows.length);
    const c = new Int32Array(u.rows.length);
    for (let i = 0; i < u.rows.length; i++) {
      const ni = cellNumber(u, i, nCol);
      const ci = cellNumber(u, i, cCol);
      if (!Number.isInteger(ni)) throw new DataError(file, u.labels[i], nCol, `expected an integer count, got ${ni}`);
      if (!Number.isInteger(ci)) throw new DataError(file, u.labels[i], cCol, `expected an integer count, got ${ci}`);
      n[i] = ni;
      c[i] = ci;
    }
    if (spec.reward !== undefined && spec.reward !== 'binary') throw new Error(`${file}: counts n/c need reward "binary"`);
    return makeBestOfK({ ...common, reward: 'binary', counts: { n, c }, fields: { id: spec.id, text: spec.text, n: nCol, c: cCol } });
  }
  const sCol = spec.samples as string;
  needColumn(u, sCol);
  const samples = u.rows.map((_, i) => cellArray(u, i, sCol));
  let scores: Float64Array[] | undefined;
  if (spec.scores !== undefined) {
    const scCol = spec.scores;
    needColumn(u, scCol);
    scores = u.rows.map((_, i) => cellArray(u, i, scCol));
  }
  const allBinary = samples.every((s) => s.every((x) => x === 0 || x === 1));
  const reward: RewardKind = spec.reward ?? (scores ? 'reranked' : allBinary ? 'binary' : 'continuous');
  return makeBestOfK({ ...common, reward, samples, scores, fields: { id: spec.id, text: spec.text, samples: sCol, scores: spec.scores } });
}

/** Load a routing dataset from a user file (see module doc); an empty cell = procedure missing = error. */
export async function loadRoutingFile(file: string, spec: RoutingFileSpec): Promise<RoutingDataset> {
  const u = await readUserRows(file);
  const queries = queriesOf(u, spec);
  for (const p of spec.procedures) needColumn(u, p);
  const rewards = spec.procedures.map((p) => Float64Array.from(u.rows, (_, i) => cellNumber(u, i, p, { missingAsNaN: true })));
  const binary = spec.binary ?? rewards.every((r) => r.every((x) => Number.isNaN(x) || x === 0 || x === 1));
  return makeRouting({
    name: spec.name ?? path.basename(file, path.extname(file)),
    queries,
    procedures: [...spec.procedures],
    rewards,
    costs: spec.costs ?? spec.procedures.map(() => 1),
    binary,
    source: `user file ${file}`,
    file,
    records: u.labels,
    fields: { id: spec.id, text: spec.text },
  });
}
