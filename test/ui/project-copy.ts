import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Top-level entries not copied: big or machine-local; node_modules is symlinked instead. */
const SKIP = new Set(['node_modules', '.git', '.run', '.jupyter', 'test']);
const SKIP_NESTED = [path.join('data', 'external')];

/**
 * Copy the project (sources, scripts, dist, notebooks, figures) to a fresh temp folder and link
 * its node_modules to the original's, as a second working copy a researcher might have.
 * @returns the copy's root folder
 */
export function copyProject(root: string, prefix = 'adaptive-ui-'): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of fs.readdirSync(root)) {
    if (SKIP.has(entry)) continue;
    fs.cpSync(path.join(root, entry), path.join(dest, entry), {
      recursive: true,
      filter: (src) => !SKIP_NESTED.some((n) => path.relative(root, src) === n),
    });
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  return dest;
}
