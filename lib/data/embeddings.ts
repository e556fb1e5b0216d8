/**
 * Query embeddings exported from a researcher's own LM, joined to a dataset's queries by id.
 * Formats:
 * - `.npy` float32 matrix (n, d) plus a companion ids file with one id per line (default
 *   `<file without .npy>.ids.txt`; or pass `ids`), row r of the matrix = id on line r + 1;
 * - `.jsonl` lines `{"id": "...", "embedding": [...]}`, all of the same length.
 * `joinEmbeddings(emb, queries)` returns a row-aligned matrix (row i = queries[i]); a query
 * without an embedding is an error listing a few such ids.
 *
 * Example: `joinEmbeddings(loadEmbeddings('emb.npy'), ds.queries)` -> `{ dim: 768, data: Float32Array(m * 768) }`.
 */
import * as fs from 'fs';
import { DataError, finiteNumber, show } from './errors';
import { readJsonl, readText } from './read';
import { readNpyF32 } from './npy';
import type { Query } from './types';

export interface Embeddings {
  file: string;
  ids: string[];
  dim: number;
  /** Row-major ids.length x dim. */
  data: Float32Array;
}

export interface LoadEmbeddingsOptions {
  /** Companion ids file for `.npy` (default `<base>.ids.txt`). */
  ids?: string;
  /** Expected dimension; a different one is an error. */
  dim?: number;
}

function checkUnique(file: string, ids: string[], label: (i: number) => string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === '') throw new DataError(file, label(i), 'id', 'empty id');
    const p = seen.get(id);
    if (p !== undefined) throw new DataError(file, label(i), 'id', `duplicate id ${show(id)} (first at ${label(p)})`);
    seen.set(id, i);
  });
}

/** Load embeddings from `.npy` (+ ids file) or `.jsonl`. */
export function loadEmbeddings(file: string, opts: LoadEmbeddingsOptions = {}): Embeddings {
  let out: Embeddings;
  if (file.endsWith('.npy')) {
    const m = readNpyF32(file);
    const idsFile = opts.ids ?? `${file.slice(0, -4)}.ids.txt`;
    if (!fs.existsSync(idsFile)) throw new DataError(idsFile, 'file', 'id', `ids file for ${file} missing (one id per line, row order)`);
    const lines = readText(idsFile).split('\n').map((s) => s.replace(/\r$/, ''));
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length !== m.rows) throw new DataError(idsFile, 'file', 'id', `${lines.length} ids for ${m.rows} rows of ${file}`);
    checkUnique(idsFile, lines, (i) => `line ${i + 1}`);
    out = { file, ids: lines, dim: m.cols, data: m.data };
    for (let i = 0; i < m.data.length; i++) {
      if (!Number.isFinite(m.data[i])) throw new DataError(file, `row ${Math.floor(i / m.cols)}`, 'embedding', `element ${i % m.cols} is ${m.data[i]}`);
    }
  } else if (file.endsWith('.jsonl')) {
    const lines = readJsonl(file);
    const ids: string[] = [];
    let dim = -1;
    const rows: number[][] = [];
    for (const { line, value } of lines) {
      const rec = `line ${line}`;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new DataError(file, rec, '(json)', 'expected {"id", "embedding"}');
      const o = value as Record<string, unknown>;
      const id = typeof o.id === 'number' ? String(o.id) : o.id;
      if (typeof id !== 'string') throw new DataError(file, rec, 'id', `expected a string, got ${show(o.id)}`);
      const e = o.embedding;
      if (!Array.isArray(e)) throw new DataError(file, rec, 'embedding', `expected an array, got ${show(e)}`);
      if (dim < 0) dim = e.length;
      if (e.length !== dim) throw new DataError(file, rec, 'embedding', `wrong dimension: ${e.length}, expected ${dim} as on line ${lines[0].line}`);
      rows.push(e.map((x, j) => finiteNumber(x, (d) => {
        throw new DataError(file, rec, 'embedding', `element ${j}: ${d}`);
      })));
      ids.push(id);
    }
    checkUnique(file, ids, (i) => `line ${lines[i].line}`);
    const data = new Float32Array(ids.length * dim);
    rows.forEach((r, i) => data.set(r, i * dim));
    out = { file, ids, dim, data };
  } else {
    throw new DataError(file, 'file', '(file)', 'unknown embeddings format: expected .npy (with an ids file) or .jsonl');
  }
  if (out.dim < 1) throw new DataError(file, 'file', 'embedding', 'dimension 0');
  if (opts.dim !== undefined && out.dim !== opts.dim) throw new DataError(file, 'file', 'embedding', `wrong dimension: ${out.dim}, expected ${opts.dim}`);
  return out;
}

/** Row-align embeddings with queries by id (row i = queries[i]); unknown ids are an error. */
export function joinEmbeddings(emb: Embeddings, queries: Query[]): { dim: number; data: Float32Array } {
  const row = new Map(emb.ids.map((id, r) => [id, r]));
  const missing = queries.filter((q) => !row.has(q.id)).map((q) => q.id);
  if (missing.length > 0) {
    const known = new Set(queries.map((q) => q.id));
    const extra = emb.ids.filter((id) => !known.has(id));
    throw new DataError(
      emb.file, 'query ids', 'id',
      `${missing.length} of ${queries.length} queries have no embedding, e.g. ${missing.slice(0, 5).map((s) => JSON.stringify(s)).join(', ')}` +
        (extra.length > 0 ? `; the file has ${extra.length} ids matching no query, e.g. ${extra.slice(0, 5).map((s) => JSON.stringify(s)).join(', ')}` : ''),
    );
  }
  const data = new Float32Array(queries.length * emb.dim);
  queries.forEach((q, i) => {
    const r = row.get(q.id) as number;
    data.set(emb.data.subarray(r * emb.dim, (r + 1) * emb.dim), i * emb.dim);
  });
  return { dim: emb.dim, data };
}
