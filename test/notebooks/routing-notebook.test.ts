import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { routingDatasets } from '../../lib/experiment/routing';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Executes notebooks/04-routing.ipynb on the reduced configuration (ADAPTIVE_QUICK=1: two small
 * datasets, routellm-mtbench and gsm8k-gpt3-verifier, 100 bootstrap resamples) into a temporary
 * copy and figures folder, and checks the results.json files, figures, the summary and the
 * generated closing note. Needs `npm run build` (npm test runs it) and Jupyter's nbconvert with
 * the project's tslab kernel.
 */
test('notebook 04-routing runs in quick mode and writes results.json, figures, summary and the closing note', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'routing-nb-'));
  const figs = path.join(tmp, 'figures');
  const out = path.join(tmp, 'notebooks');
  const env = { ...process.env, ADAPTIVE_QUICK: '1', FIGURES_DIR: figs, ADAPTIVE_PROGRESS: 'off' };
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-notebooks.mjs'), '04-routing', '--out', out], { cwd: ROOT, env, encoding: 'utf8' });
  assert.equal(res.status, 0, `run-notebooks failed:\n${res.stdout}\n${res.stderr}`);
  const prev = process.env.ADAPTIVE_QUICK;
  process.env.ADAPTIVE_QUICK = '1';
  const names = routingDatasets();
  process.env.ADAPTIVE_QUICK = prev;
  assert.deepEqual(names, ['routellm-mtbench', 'gsm8k-gpt3-verifier']);
  for (const name of names) {
    const file = path.join(figs, name, 'results.json');
    assert.ok(fs.existsSync(file), `${file} missing`);
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(r.kind, 'routing');
    assert.equal(r.x.length, 21);
    for (const c of ['random', 'oracle', 'online', 'offline']) assert.equal(r.curves[c].length, 21, `${name}: ${c}`);
    assert.equal(r.offlineSpent.length, 21);
    for (const m of ['apgr', 'cpt50', 'cpt80']) assert.ok(Math.abs(r.metrics[m].random - (m === 'cpt80' ? 0.8 : 0.5)) < 1e-6, `${name}: ${m} of random`);
    assert.equal(r.bootstrap.B, 100);
    for (const f of ['curves', 'gain', 'groups']) assert.ok(fs.existsSync(path.join(figs, name, `${f}.html`)), `${name}: ${f}.html missing`);
  }
  assert.ok(fs.existsSync(path.join(figs, 'gsm8k-gpt3-verifier', 'cost.html')), 'the cost figure of the 1 : 100 dataset is missing');
  const summary = fs.readFileSync(path.join(figs, 'summary.md'), 'utf8');
  for (const name of names) assert.ok(summary.includes(name), `summary.md lacks ${name}`);
  const cells = JSON.parse(fs.readFileSync(path.join(out, '04-routing.ipynb'), 'utf8')).cells as { cell_type: string; outputs?: { data?: Record<string, unknown> }[] }[];
  const last = cells.filter((c) => c.cell_type === 'code').pop();
  const note = JSON.stringify(last?.outputs ?? []);
  assert.match(note, /APGR learned online/, 'the closing note table is missing');
  for (const name of names) assert.ok(note.includes(name), `the closing note lacks ${name}`);
  fs.rmSync(tmp, { recursive: true, force: true });
});
