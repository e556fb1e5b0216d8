#!/usr/bin/env node
/**
 * Project-local Jupyter kernel spec for tslab, without a global install.
 *
 * Writes `<project>/.jupyter/kernels/tslab/kernel.json` (ignored by git) pointing at the
 * project's own tslab by absolute path, started through `scripts/tslab-kernel.cjs` (tslab's
 * entry point with its zeromq sends queued, so large outputs never fail a cell). Jupyter finds it when
 * `JUPYTER_PATH` includes `<project>/.jupyter`; `jupyterEnv()` returns such an environment for
 * child processes (run-notebooks, lab). Idempotent: the file is rewritten only when it differs.
 *
 * Usage: `node scripts/setup-kernel.mjs` (prints the spec path), or
 *   import { ensureKernelSpec, jupyterEnv } from './setup-kernel.mjs'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project folder this script belongs to (scripts/..). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Kernel name used in notebooks' metadata: `"kernelspec": {"name": "tslab", ...}`. */
export const KERNEL_NAME = 'tslab';

/**
 * Write the kernel spec for `root` (default: this project) if missing or stale.
 * @returns {{ jupyterDir: string, specFile: string, changed: boolean }}
 */
export function ensureKernelSpec(root = PROJECT_ROOT) {
  const tslabBin = path.join(root, 'node_modules', '.bin', 'tslab');
  if (!fs.existsSync(tslabBin)) {
    throw new Error(`tslab is not installed at ${tslabBin}: run \`npm ci\` (or \`npm install\`) in ${root} first.`);
  }
  const jupyterDir = path.join(root, '.jupyter');
  const specDir = path.join(jupyterDir, 'kernels', KERNEL_NAME);
  const specFile = path.join(specDir, 'kernel.json');
  // tslab through scripts/tslab-kernel.cjs, which queues the kernel's zeromq sends (see there).
  // A notebook keeps every run of its datasets in memory: give the kernel a larger V8 heap than
  // Node's default, which the math notebook outgrows (the kernel then dies without a message).
  const wrapper = path.join(root, 'scripts', 'tslab-kernel.cjs');
  const spec = {
    argv: [process.execPath, '--max-old-space-size=8192', wrapper, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript',
    language: 'typescript',
  };
  const text = JSON.stringify(spec, null, 2) + '\n';
  let changed = false;
  if (!fs.existsSync(specFile) || fs.readFileSync(specFile, 'utf8') !== text) {
    fs.mkdirSync(specDir, { recursive: true });
    const tmp = `${specFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, specFile);
    changed = true;
  }
  return { jupyterDir, specFile, changed };
}

/**
 * Environment for a Jupyter child process: `JUPYTER_PATH` starts with the project's `.jupyter`
 * (so its tslab spec wins over any user-wide one), `node_modules/.bin` and this Node are on PATH
 * (tslab's `#!/usr/bin/env node` finds a Node), everything else (ADAPTIVE_QUICK, FIGURES_DIR, ...)
 * passes through.
 * @param {NodeJS.ProcessEnv} [extra]
 * @param {string} [root]
 */
export function jupyterEnv(extra = {}, root = PROJECT_ROOT) {
  const { jupyterDir } = ensureKernelSpec(root);
  const env = { ...process.env, ...extra };
  env.JUPYTER_PATH = [jupyterDir, env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  env.PATH = [path.dirname(process.execPath), path.join(root, 'node_modules', '.bin'), env.PATH]
    .filter(Boolean)
    .join(path.delimiter);
  // Python writes to a pipe unbuffered, so errors and progress arrive while they happen.
  env.PYTHONUNBUFFERED = '1';
  return env;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { specFile, changed } = ensureKernelSpec();
  console.log(`${changed ? 'wrote' : 'up to date'}: ${specFile}`);
  console.log(`use it with JUPYTER_PATH=${path.dirname(path.dirname(path.dirname(specFile)))}`);
}
