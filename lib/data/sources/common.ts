/** Shared helpers of the source loaders: where a manifest file lives locally, record iteration. */
import * as path from 'path';
import { dataDir } from '../../util/fs';
import { RecordReader } from '../errors';
import { asObject, readJsonl } from '../read';

/** Absolute path of a manifest `local` path below `dir` (default dataDir()). */
export function dataFile(local: string, dir?: string): string {
  return path.join(dir ?? dataDir(), local);
}

/** Hint appended to "missing file" errors. */
export const FETCH_HINT = 'run `npm run data` (with DATA_MIRROR=../shared/data when offline)';

/**
 * The records of a JSON array, each wrapped in a RecordReader labelled `index i`, so that every
 * loader reports errors the same way (file, record, field).
 */
export function* arrayRecords(label: string, arr: unknown[]): Generator<{ r: RecordReader; rec: string; index: number }> {
  for (let index = 0; index < arr.length; index++) {
    const rec = `index ${index}`;
    yield { r: new RecordReader(label, rec, asObject(label, rec, arr[index])), rec, index };
  }
}

/** The records of a JSONL file, each wrapped in a RecordReader labelled `line n`. */
export function* jsonlRecords(file: string): Generator<{ r: RecordReader; rec: string; line: number }> {
  for (const { line, value } of readJsonl(file, FETCH_HINT)) {
    const rec = `line ${line}`;
    yield { r: new RecordReader(file, rec, asObject(file, rec, value)), rec, line };
  }
}
