import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../util/fs';

/**
 * Reload the built library without restarting the kernel.
 *
 * Node caches every `require`d module, so after `npm run build -- --watch` recompiles `lib/`,
 * a notebook that re-runs `import ... from '../dist'` still gets the old code. `loadLibrary()`
 * deletes every `require.cache` entry under the project's `dist/` and requires
 * `dist/index.js` again, so re-running the notebook's first cell runs the new code:
 *
 * ```ts
 * import { loadLibrary } from '../dist/notebook';
 * const ac = loadLibrary();   // re-run this cell after editing lib/
 * const { rewards, allocate, plot } = ac;
 * ```
 *
 * What a reload cannot change (re-run the cells that create them, or restart the kernel):
 * - objects, closures and class instances created before the reload keep the old code
 *   (an old allocator object still runs old methods; `instanceof` against a reloaded class fails);
 * - state kept at module level (caches, the plot exporter's headless browser) starts fresh
 *   in the new copy; the old copy's browser stays open until the kernel exits;
 * - `loadLibrary` itself and anything imported directly from `../dist/...` by a cell that is not
 *   re-run; modules outside `dist/` (node_modules packages such as highs or plotly, tslab's own
 *   modules and its TypeScript type information for cells) are not reloaded.
 * New or changed type declarations are picked up by tslab when the cell is compiled again.
 */
export function loadLibrary(): typeof import('../index') {
  return reloadModule<typeof import('../index')>(path.join(PROJECT_ROOT, 'dist'), 'index.js');
}

/**
 * Drop every cached module whose file lies under `dir`, then `require(dir/entry)` afresh.
 * `loadLibrary()` is `reloadModule(<project>/dist, 'index.js')`; other folders of CommonJS
 * files (a second build, a test fixture) work the same way.
 * @returns the freshly loaded module's exports
 */
export function reloadModule<T>(dir: string, entry: string): T {
  const real = fs.realpathSync(path.resolve(dir));
  const prefix = real.endsWith(path.sep) ? real : real + path.sep;
  forgetModulesUnder(prefix);
  const file = path.join(real, entry);
  if (!fs.existsSync(file)) {
    throw new Error(`reloadModule: ${file} does not exist (run \`npm run build\` first)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

/** Remove cache entries (and their parent links) for files under `prefix`; returns how many. */
function forgetModulesUnder(prefix: string): number {
  let dropped = 0;
  for (const key of Object.keys(require.cache)) {
    if (!key.startsWith(prefix)) continue;
    const mod = require.cache[key];
    // Unlink from the parent's children list so old copies can be garbage collected.
    const parent = mod?.parent;
    if (parent && Array.isArray(parent.children)) {
      const i = parent.children.indexOf(mod);
      if (i >= 0) parent.children.splice(i, 1);
    }
    delete require.cache[key];
    dropped++;
  }
  return dropped;
}
