/**
 * Reading raw files with errors that name the file and the record: whole-file JSON, JSON Lines,
 * plain text. A missing or empty file is an error, never an empty dataset.
 *
 * Example: `readJsonl('x.jsonl')` returns `[{line: 1, value: {...}}, ...]` and throws
 * `x.jsonl: line 3: field "(json)": invalid JSON: ...` on a truncated line.
 */
import * as fs from 'fs';
import { DataError } from './errors';

/** Field label used when the problem is the file or record syntax rather than one field. */
export const WHOLE = '(json)';

/** Read a file as bytes; a missing file or an empty file is a DataError. */
export function readBytes(file: string, hint = ''): Uint8Array {
  if (!fs.existsSync(file)) {
    throw new DataError(file, 'file', '(file)', `missing${hint ? ` (${hint})` : ''}`);
  }
  const buf = fs.readFileSync(file);
  if (buf.length === 0) throw new DataError(file, 'file', '(file)', 'empty file');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/** Read a UTF-8 text file (BOM stripped); missing or empty (only whitespace) is a DataError. */
export function readText(file: string, hint = ''): string {
  const bytes = readBytes(file, hint);
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new DataError(file, 'file', '(file)', 'empty file');
  return text;
}

/** 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonErrorRecord(text: string, err: unknown, base = 0): { record: string; msg: string } {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(msg);
  if (m) return { record: `line ${base + lineOf(text, Number(m[1]))}`, msg };
  if (/end of JSON|Unterminated|Unexpected end/i.test(msg)) {
    return { record: `line ${base + lineOf(text, text.length)} (end of input)`, msg };
  }
  return { record: 'file', msg };
}

/** Parse a whole-file JSON document; a syntax error names the line. */
export function readJson(file: string, hint = ''): unknown {
  const text = readText(file, hint);
  try {
    return JSON.parse(text);
  } catch (err) {
    const { record, msg } = jsonErrorRecord(text, err);
    throw new DataError(file, record, WHOLE, `invalid JSON (truncated or malformed): ${msg}`);
  }
}

/** One parsed line of a JSON Lines file. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** Parse JSON Lines: one JSON value per non-blank line; a bad line names its line number. */
export function readJsonl(file: string, hint = ''): JsonLine[] {
  const text = readText(file, hint);
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const s = lines[k].trim();
    if (s === '') continue;
    try {
      out.push({ line: k + 1, value: JSON.parse(s) });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new DataError(file, `line ${k + 1}`, WHOLE, `invalid JSON (truncated or malformed): ${msg}`);
    }
  }
  if (out.length === 0) throw new DataError(file, 'file', '(file)', 'empty file (no records)');
  return out;
}

/** Check a parsed value is a plain object; otherwise a DataError naming the record. */
export function asObject(file: string, record: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new DataError(file, record, WHOLE, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
  }
  return v as Record<string, unknown>;
}

/** Check a parsed value is a non-empty array; otherwise a DataError. */
export function asArray(file: string, v: unknown, what = 'records'): unknown[] {
  if (!Array.isArray(v)) throw new DataError(file, 'file', WHOLE, `expected a JSON array of ${what}`);
  if (v.length === 0) throw new DataError(file, 'file', WHOLE, `empty array (no ${what})`);
  return v;
}
