/**
 * Finding Jupyter: shared by run-notebooks, lab and the tests, so every entry point gives the
 * same message when something is missing.
 */
import { spawnSync } from 'node:child_process';

/** How to install what is missing; `withNotebook` adds the notebook server (for `npm run lab`). */
export function installHint(withNotebook = false) {
  const debian = ['jupyter-nbconvert', 'jupyter-client', ...(withNotebook ? ['jupyter-notebook'] : [])];
  const pip = ['nbconvert', 'jupyter_client', ...(withNotebook ? ['notebook'] : [])];
  return [
    'Install Jupyter, then run this again:',
    `  Debian/Ubuntu: sudo apt-get install ${debian.join(' ')}`,
    `  pip:           pip install ${pip.join(' ')}${withNotebook ? ' (classic Notebook 6 or 7)' : ''}`,
  ].join('\n');
}

/**
 * Version string of `jupyter <sub>` (e.g. 'nbconvert', 'notebook'), or null if it does not run.
 * @param {string} sub
 * @param {NodeJS.ProcessEnv} [env]
 */
export function jupyterVersion(sub, env = process.env) {
  const r = spawnSync('jupyter', [sub, '--version'], { env, encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return null;
  const out = (r.stdout || '').trim().split('\n').pop();
  return out || null;
}

/**
 * Exit with the install hint when `jupyter <sub>` is missing.
 * @param {string} sub
 * @param {string} what what the user was trying to do, for the message
 */
export function requireJupyter(sub, what) {
  const v = jupyterVersion(sub);
  if (v) return v;
  const withNotebook = sub === 'notebook';
  process.stderr.write(
    `${what}: \`jupyter ${sub}\` was not found (Jupyter ${withNotebook ? 'Notebook' : 'nbconvert'} is not installed or not on PATH).\n` +
      installHint(withNotebook) +
      '\n',
  );
  process.exit(1);
}
