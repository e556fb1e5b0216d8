/**
 * The interactive loop in a real Jupyter page in a real browser (issue 9):
 * 1. `npm run lab`'s server opens notebooks/00-method-tour.ipynb, Cell > Run All runs it through
 *    the page, a plotly figure renders (svg.main-svg), no cell shows an error; screenshot saved
 *    to test/artifacts/.
 * 2. In the same working copy: a library function's output is changed in lib/, `tsc --watch` rebuilds,
 *    the import cell (loadLibrary()) is re-run in the page without restarting the kernel, and
 *    the new value shows.
 * Both run in a temporary copy of the project (node_modules linked), so the repository's
 * notebooks and figures are never touched. Every process started here carries this run's tag;
 * after() ends them and checks none is left; a killed run's leftovers are ended at the next
 * start (scripts/run-registry.mjs).
 * Development aid: ADAPTIVE_UI_TOUR_DEV=<file.ipynb> runs case 1 on that notebook instead of the tour.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../lib/util/fs';
import { copyProject } from './project-copy';
import { writeNotebook } from '../notebooks/nb';
import { registerRun, cleanStale, taggedEnv, taggedPids, endProcesses } from '../../scripts/run-registry.mjs';
import { jupyterVersion, installHint } from '../../scripts/jupyter.mjs';

const TOUR_DEV = process.env.ADAPTIVE_UI_TOUR_DEV;
const TOUR = TOUR_DEV ? path.join('notebooks', path.basename(TOUR_DEV)) : path.join('notebooks', '00-method-tour.ipynb');
const ARTIFACTS = path.join(PROJECT_ROOT, 'test', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

let run: { tag: string; addTempDir(dir: string): void; release(): void };
let copy = '';
let lab: ChildProcess | null = null;
let base = '';
let token = '';
let browser: Browser | null = null;
let watcher: ChildProcess | null = null;

/** The library function case 2 changes: lib/notebook/ui_probe.ts in the copy. */
function writeProbe(value: string): void {
  const file = path.join(copy, 'lib', 'notebook', 'ui_probe.ts');
  fs.writeFileSync(file, `/** Probe for the UI test. */\nexport function uiProbe(): string {\n  return '${value}';\n}\n`);
}

/** Wait until the watcher has written `value` into dist/notebook/ui_probe.js. */
async function builtProbe(value: string, timeoutMs = 60_000): Promise<void> {
  const file = path.join(copy, 'dist', 'notebook', 'ui_probe.js');
  const deadline = Date.now() + timeoutMs;
  while (!(fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(value))) {
    assert.ok(Date.now() < deadline, `tsc --watch did not compile ${value} into ${file} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const labLog: string[] = [];

before(async () => {
  await cleanStale(PROJECT_ROOT);
  assert.ok(jupyterVersion('notebook'), `jupyter notebook is missing.\n${installHint(true)}`);
  assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (Debian: apt-get install chromium, or set CHROMIUM_PATH)`);
  run = registerRun('uitest');
  copy = copyProject(PROJECT_ROOT);
  run.addTempDir(copy);
  if (TOUR_DEV) {
    fs.mkdirSync(path.join(copy, 'notebooks'), { recursive: true });
    fs.copyFileSync(path.resolve(TOUR_DEV), path.join(copy, TOUR));
  }
  // Case 2's library function, then `tsc --watch` as a researcher runs `npm run build -- --watch`.
  writeProbe('probe-before');
  fs.appendFileSync(path.join(copy, 'lib', 'notebook', 'index.ts'), "export * from './ui_probe';\n");
  const tsc = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  watcher = spawn(process.execPath, [tsc, '-p', path.join(copy, 'tsconfig.json'), '--watch', '--preserveWatchOutput'], {
    cwd: copy,
    env: taggedEnv(process.env, run.tag),
    stdio: 'ignore',
  });
  const env = taggedEnv({ ...process.env, ADAPTIVE_QUICK: '1' }, run.tag);
  delete env.FIGURES_DIR; // figures go to the copy's figures/, served at /files/figures/
  lab = spawn(process.execPath, [path.join(copy, 'scripts', 'lab.mjs'), '--port', '0'], {
    cwd: copy,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    lab!.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/tree\/notebooks\?token=([0-9a-f]+)/.exec(out);
      if (m) resolve(m[0]);
    });
    lab!.stderr!.on('data', (c: Buffer) => labLog.push(c.toString()));
    lab!.on('exit', (code) => reject(new Error(`lab exited (${code}) before printing its URL:\n${labLog.join('')}`)));
  });
  const m = /(http:\/\/127\.0\.0\.1:\d+)\/tree\/notebooks\?token=([0-9a-f]+)/.exec(url)!;
  base = m[1]!;
  token = m[2]!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: taggedEnv(process.env, run.tag) as Record<string, string>,
  });
  browser.on('disconnected', () => process.stderr.write('browser disconnected\n'));
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (watcher && watcher.exitCode === null && watcher.signalCode === null) {
    const exited = new Promise((r) => watcher!.once('exit', r));
    watcher.kill('SIGTERM');
    await exited;
  }
  if (lab && lab.exitCode === null) {
    const exited = new Promise((r) => lab!.once('exit', r));
    lab.kill('SIGTERM'); // lab.mjs shuts the server and its kernels down
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  // Anything still carrying our tag is a leak: end it, then fail.
  const left = run ? taggedPids(run.tag) : [];
  if (left.length) await endProcesses(left);
  run?.release();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
  assert.deepEqual(left, [], `processes left behind: ${left.join(', ')}`);
});

/** Open a notebook of the copy and wait until its kernel is connected. */
async function openNotebook(rel: string): Promise<Page> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => process.stderr.write(`page error in ${rel}: ${String(e)}\n`));
  page.on('crash', () => process.stderr.write(`browser page crashed: ${rel}\n`));
  page.on('close', () => process.stderr.write(`browser page closed: ${rel}\n`));
  await page.goto(`${base}/notebooks/${rel.split(path.sep).join('/')}?token=${token}`);
  await page.waitForFunction(
    () => {
      const J = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter;
      return !!J?.notebook?.kernel?.is_connected();
    },
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  // The copy is throwaway, but autosave would race with our edits of the same file.
  await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { set_autosave_interval(n: number): void } } }).Jupyter.notebook.set_autosave_interval(0));
  return page;
}

/** Wait until no code cell is queued or running. */
async function waitIdle(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.cell.code_cell.running').length === 0, undefined, {
    timeout,
    polling: 250,
  });
}

/** Text of every error shown in the page's outputs (error outputs, or stderr that reports an Error). */
async function cellErrors(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    document.querySelectorAll('.output_area .output_error, .output_area .output_stderr').forEach((el) => {
      const text = (el as HTMLElement).innerText;
      if (el.classList.contains('output_error') || /Error|error TS\d+/.test(text)) found.push(text.slice(0, 2000));
    });
    return found;
  });
}

test('lab: the method tour runs through the page, renders its plotly figure, shows no error', { timeout: 150_000 }, async () => {
  assert.ok(fs.existsSync(path.join(copy, TOUR)), `${TOUR} does not exist`);
  const page = await openNotebook(TOUR);
  // Cell > Run All, through the menu as a person would.
  await page.click('#cell_menu >> xpath=.. >> a.dropdown-toggle');
  await page.click('#run_all_cells > a');
  await page.waitForSelector('.cell.code_cell.running', { timeout: 10_000 });
  await waitIdle(page, 120_000);
  const errors = await cellErrors(page);
  assert.deepEqual(errors, [], 'cells show errors');
  await page.waitForSelector('svg.main-svg', { timeout: 30_000 });
  const figures = await page.locator('svg.main-svg').count();
  assert.ok(figures > 0);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const shot = path.join(ARTIFACTS, 'lab-method-tour.png');
  await page.locator('svg.main-svg').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot, fullPage: true });
  assert.ok(fs.statSync(shot).size > 10_000, 'screenshot written');
  await page.close();
});

test('lab: edit lib/, rebuild, re-run the import cell: new value without a kernel restart', { timeout: 120_000 }, async () => {
  await builtProbe('probe-before');

  const rel = path.join('notebooks', 'zz-ui-reload.ipynb');
  writeNotebook(path.join(copy, rel), [
    "import { notebook } from '../dist';\nconst lib = notebook.loadLibrary();",
    "console.log('PROBE=' + lib.notebook.uiProbe() + ' PID=' + process.pid);",
  ]);
  const page = await openNotebook(rel);
  const runFirstTwo = async () => {
    // Clear old outputs so the wait below sees this run's output, not the previous one.
    await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { clear_all_output(): void } } }).Jupyter.notebook.clear_all_output());
    await page.click('.cell.code_cell >> nth=0');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(
      () => {
        const cells = document.querySelectorAll('.cell.code_cell');
        return cells.length >= 2 && !cells[1]!.classList.contains('running') && /PROBE=/.test((cells[1] as HTMLElement).innerText);
      },
      undefined,
      { timeout: 60_000, polling: 250 },
    );
    const text = await page.locator('.cell.code_cell >> nth=1').locator('.output_area').innerText();
    return /PROBE=(\S+) PID=(\d+)/.exec(text) ?? ['', '', ''];
  };
  const [, before1, pid1] = await runFirstTwo();
  assert.equal(before1, 'probe-before');

  writeProbe('probe-after'); // the edit; tsc --watch recompiles
  await builtProbe('probe-after');
  const [, after1, pid2] = await runFirstTwo();
  assert.equal(after1, 'probe-after', 'the re-run import cell sees the rebuilt library');
  assert.equal(pid2, pid1, 'same kernel process (no restart)');
  assert.deepEqual(await cellErrors(page), []);
  await page.close();
});
