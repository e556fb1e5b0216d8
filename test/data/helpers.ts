/** Shared test helpers: fixture paths, temp folders, the data mirror, error matching. */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PROJECT_ROOT } from '../../lib/util/fs';
import { DataError } from '../../lib/data/errors';

export const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'data');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

export function tmpDir(prefix = 'data-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The mirror: DATA_MIRROR if set, else `<project>/../shared/data` (as in the CI clone). */
export function testMirror(): string {
  const m = process.env.DATA_MIRROR ? path.resolve(process.env.DATA_MIRROR) : path.resolve(PROJECT_ROOT, '..', 'shared', 'data');
  if (!fs.existsSync(m)) throw new Error(`data mirror not found at ${m}: set DATA_MIRROR`);
  return m;
}

/** Assert `fn` throws a DataError naming this file, a record matching `record`, and this field. */
export function throwsData(fn: () => unknown, file: string, record: RegExp, field: string | RegExp): DataError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkDataError(caught, file, record, field);
}

export async function rejectsData(p: Promise<unknown>, file: string, record: RegExp, field: string | RegExp): Promise<DataError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  return checkDataError(caught, file, record, field);
}

function checkDataError(caught: unknown, file: string, record: RegExp, field: string | RegExp): DataError {
  assert.ok(caught instanceof DataError, `expected a DataError, got ${caught instanceof Error ? caught.message : String(caught)}`);
  assert.equal(caught.file, file);
  assert.match(caught.record, record);
  if (typeof field === 'string') assert.equal(caught.field, field);
  else assert.match(caught.field, field);
  assert.ok(caught.message.includes(file) && caught.message.includes(caught.record) && caught.message.includes(caught.field));
  return caught;
}
