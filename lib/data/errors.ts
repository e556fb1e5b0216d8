/**
 * Load-time validation errors. Every error names the file, the record (a line, row or index)
 * and the field, so a researcher can open the file and find the bad value.
 *
 * Example: `throw new DataError('data/x.jsonl', 'line 12', 'rewards', 'expected a number, got "abc"')`
 * has the message `data/x.jsonl: line 12: field "rewards": expected a number, got "abc"`.
 */
export class DataError extends Error {
  readonly file: string;
  readonly record: string;
  readonly field: string;
  constructor(file: string, record: string, field: string, detail: string) {
    super(`${file}: ${record}: field "${field}": ${detail}`);
    this.name = 'DataError';
    this.file = file;
    this.record = record;
    this.field = field;
  }
}

/** A short, printable rendering of a bad value for error messages (at most 60 characters). */
export function show(value: unknown): string {
  let s: string;
  if (value === undefined) s = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) s = String(value);
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Context for one record while validating it: file + record label, and typed field getters. */
export class RecordReader {
  constructor(
    readonly file: string,
    readonly record: string,
    readonly obj: Record<string, unknown>,
  ) {}

  fail(field: string, detail: string): never {
    throw new DataError(this.file, this.record, field, detail);
  }

  has(field: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.obj, field) && this.obj[field] !== undefined;
  }

  raw(field: string): unknown {
    if (!this.has(field)) this.fail(field, 'missing');
    return this.obj[field];
  }

  /** A non-empty string (after trimming) unless `allowEmpty`. Numbers are accepted for ids. */
  string(field: string, opts: { allowEmpty?: boolean; allowNumber?: boolean } = {}): string {
    const v = this.raw(field);
    if (typeof v === 'number' && opts.allowNumber && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') this.fail(field, `expected a string, got ${show(v)}`);
    if (!opts.allowEmpty && v.trim() === '') this.fail(field, 'empty text');
    return v;
  }

  /** A finite number (never NaN, never a numeric string). */
  number(field: string): number {
    return finiteNumber(this.raw(field), (d) => this.fail(field, d));
  }

  /** A boolean, or 0/1. */
  bool(field: string): boolean {
    return toBool(this.raw(field), (d) => this.fail(field, d));
  }

  array(field: string): unknown[] {
    const v = this.raw(field);
    if (!Array.isArray(v)) this.fail(field, `expected an array, got ${show(v)}`);
    return v;
  }

  object(field: string): Record<string, unknown> {
    const v = this.raw(field);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(field, `expected an object, got ${show(v)}`);
    return v as Record<string, unknown>;
  }
}

/** Check a finite number; `fail` receives the reason. */
export function finiteNumber(v: unknown, fail: (detail: string) => never): number {
  if (typeof v !== 'number') return fail(`expected a number, got ${show(v)}`);
  if (!Number.isFinite(v)) return fail(`expected a finite number, got ${show(v)}`);
  return v;
}

/** Check a boolean or 0/1 number; `fail` receives the reason. */
export function toBool(v: unknown, fail: (detail: string) => never): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  return fail(`expected a boolean (or 0/1), got ${show(v)}`);
}

/** An array of finite numbers (booleans map to 0/1 when `allowBool`) as a Float64Array. */
export function numberArray(
  v: unknown,
  fail: (detail: string) => never,
  opts: { allowBool?: boolean; length?: number } = {},
): Float64Array {
  if (!Array.isArray(v)) return fail(`expected an array, got ${show(v)}`);
  if (opts.length !== undefined && v.length !== opts.length) {
    return fail(`expected ${opts.length} values, got ${v.length}`);
  }
  const out = new Float64Array(v.length);
  for (let j = 0; j < v.length; j++) {
    const x = v[j];
    if (opts.allowBool && typeof x === 'boolean') out[j] = x ? 1 : 0;
    else if (typeof x !== 'number' || !Number.isFinite(x)) {
      return fail(`element ${j}: expected a ${opts.allowBool ? 'boolean or ' : ''}finite number, got ${show(x)}`);
    } else out[j] = x;
  }
  return out;
}
