/** Shared helpers of the source loaders: where a manifest file lives locally. */
import * as path from 'path';
import { dataDir } from '../../util/fs';

/** Absolute path of a manifest `local` path below `dir` (default dataDir()). */
export function dataFile(local: string, dir?: string): string {
  return path.join(dir ?? dataDir(), local);
}

/** Hint appended to "missing file" errors. */
export const FETCH_HINT = 'run `npm run data` (with DATA_MIRROR=../shared/data when offline)';
