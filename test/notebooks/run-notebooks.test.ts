/**
 * scripts/run-notebooks.mjs end to end with Jupyter's nbconvert and the tslab kernel.
 * Fixture notebooks are copied to a temp `<tmp>/notebooks/` beside a `<tmp>/dist` link to the
 * built library, so their `import ... from '../dist'` resolves as in the real notebooks folder.
 * Needs `npm run build` first (npm test does it) and Jupyter: without it these tests fail with
 * the install hint.
 */
import { test, before, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { PROJECT_ROOT } from '../../lib/util/fs';
import { jupyterVersion, installHint } from '../../scripts/jupyter.mjs';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts', 'run-notebooks.mjs');
const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'notebooks');

function runNotebooks(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 600_000,
  });
  return { code: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

/** `<tmp>/notebooks/<fixtures>` and `<tmp>/dist -> <project>/dist`. */
function fixtureWorkspace(t: TestContext, ...names: string[]): { root: string; dir: string } {
  const root = tempDir(t, 'adaptive-nb-');
  const dir = path.join(root, 'notebooks');
  fs.mkdirSync(dir);
  for (const n of names) fs.copyFileSync(path.join(FIXTURES, n), path.join(dir, n));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'dist'), path.join(root, 'dist'), 'dir');
  return { root, dir };
}

/** A temp folder removed when the test ends, passed or failed. */
function tempDir(t: TestContext, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

before(() => {
  assert.ok(jupyterVersion('nbconvert'), `jupyter nbconvert is missing: these tests need it.\n${installHint()}`);
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js')), 'dist/ is missing: run `npm run build`');
});

test('a cell that throws: exit non-zero, its source and error printed, later cells not run, file untouched', (t) => {
  const ws = fixtureWorkspace(t, 'fail.ipynb', 'pass.ipynb');
  const file = path.join(ws.dir, 'fail.ipynb');
  const original = fs.readFileSync(file, 'utf8');
  const r = runNotebooks(['--dir', ws.dir]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /FAILED\s+fail\.ipynb/);
  assert.match(r.stderr, /throw new Error\(why\)/, 'the failing cell source is shown');
  assert.match(r.stderr, /Error: fixture-cell-failure-7f3a/, 'the error message is shown');
  assert.doesNotMatch(r.stderr, /Traceback \(most recent call last\)/, 'no Python traceback noise');
  assert.doesNotMatch(r.stderr, /pass\.ipynb/, 'stops at the first failing notebook (fail < pass by name)');
  assert.equal(fs.readFileSync(file, 'utf8'), original);
});

test('a passing notebook: --out copy, env passes through, one progress display, progress in the terminal', (t) => {
  const ws = fixtureWorkspace(t, 'pass.ipynb');
  const out = path.join(ws.root, 'out');
  const r = runNotebooks(['--dir', ws.dir, '--out', out, 'pass'], { ADAPTIVE_QUICK: '1' });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /ok\s+pass\.ipynb\s+\d+\.\d s/);
  assert.match(r.stderr, /^ {4}fixture-progress: 30\/30 done$/m, 'progress line reaches the terminal');
  assert.doesNotMatch(r.stderr, /@@adaptive-progress@@/);
  const nb = JSON.parse(fs.readFileSync(path.join(out, 'pass.ipynb'), 'utf8'));
  const outputs = nb.cells.flatMap((c: { outputs?: unknown[] }) => c.outputs ?? []) as Array<Record<string, unknown>>;
  const text = JSON.stringify(outputs);
  assert.match(text, /QUICK=true/, 'ADAPTIVE_QUICK reached the kernel');
  const progressCell = nb.cells[2];
  assert.equal(progressCell.outputs.length, 1, 'progress is one display entry');
  assert.deepEqual(progressCell.outputs[0].data['text/plain'], ['fixture-progress: 30/30 done']);
  assert.doesNotMatch(JSON.stringify(nb), /"execution"|iopub\.execute_input|shell\.execute_reply/, 'no timing metadata');
  assert.equal(fs.readFileSync(path.join(ws.dir, 'pass.ipynb'), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'pass.ipynb'), 'utf8'), 'input left as it was');
});

test('in place twice: the second run leaves the file byte-identical', (t) => {
  const ws = fixtureWorkspace(t, 'pass.ipynb');
  const file = path.join(ws.dir, 'pass.ipynb');
  assert.equal(runNotebooks(['--dir', ws.dir]).code, 0);
  const first = fs.readFileSync(file, 'utf8');
  assert.equal(runNotebooks(['--dir', ws.dir]).code, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), first);
});

test('without Jupyter on PATH: exit 1 with the install hint', (t) => {
  const bin = tempDir(t, 'adaptive-nojupyter-');
  const r = runNotebooks(['--dir', FIXTURES], { PATH: bin });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /jupyter nbconvert` was not found/);
  assert.match(r.stderr, /apt-get install jupyter-nbconvert jupyter-client/);
  assert.match(r.stderr, /pip install nbconvert jupyter_client/);
});

test('no notebook matches the filter: exit 1 and say so', () => {
  const r = runNotebooks(['--dir', FIXTURES, 'no-such-notebook']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no notebooks matching no-such-notebook/);
});

test('00-method-tour.ipynb runs headless (quick mode) and writes its figures (.html and .png)', (t) => {
  const tmp = tempDir(t, 'adaptive-tour-');
  const figures = path.join(tmp, 'figures');
  const tour = path.join(PROJECT_ROOT, 'notebooks', '00-method-tour.ipynb');
  assert.ok(fs.existsSync(tour), `${tour} does not exist`);
  const r = runNotebooks(['00-method-tour', '--out', path.join(tmp, 'out')], { ADAPTIVE_QUICK: '1', FIGURES_DIR: figures });
  assert.equal(r.code, 0, r.stderr);
  const dir = path.join(figures, 'method-tour');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  assert.ok(files.some((f) => f.endsWith('.html')), `no .html in ${dir}: ${files.join(', ')}`);
  assert.ok(files.some((f) => f.endsWith('.png')), `no .png in ${dir}: ${files.join(', ')}`);
});
