import * as fs from 'fs';
import * as path from 'path';

/** Project root: the folder holding package.json (dist/util/fs.js and lib/util/fs.ts are two levels down). */
export const PROJECT_ROOT: string = path.resolve(__dirname, '..', '..');

/** Where figures and results go: `FIGURES_DIR` if set, else `<project>/figures`. */
export function figuresDir(): string {
  return process.env.FIGURES_DIR ? path.resolve(process.env.FIGURES_DIR) : path.join(PROJECT_ROOT, 'figures');
}

/** Where fetched data files live: `DATA_DIR` if set, else `<project>/data/external`. */
export function dataDir(): string {
  return process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(PROJECT_ROOT, 'data', 'external');
}

/** True when `ADAPTIVE_QUICK=1`: notebooks run a reduced configuration (tests, CI). */
export function quickMode(): boolean {
  return process.env.ADAPTIVE_QUICK === '1';
}

/**
 * Write a file atomically: write `<file>.<pid>.tmp` in the same folder, then rename. A reader
 * never sees a half-written file, and a crash leaves the old file intact.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Stable JSON: fixed key order as inserted, 2-space indent, trailing newline, no timestamps. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}
