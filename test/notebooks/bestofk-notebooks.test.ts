import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Executes the three best-of-k notebooks on the reduced configuration (ADAPTIVE_QUICK=1: one
 * dataset or two per notebook, 100 bootstrap resamples) into temporary folders, and checks that
 * each writes its results.json files, figures and the summary. Needs `npm run build` (npm test
 * runs it) and Jupyter's nbconvert with the project's tslab kernel.
 */
test('notebooks 01-03 run in quick mode and write results.json, figures and the summary', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bestofk-nb-'));
  const figs = path.join(tmp, 'figures');
  const out = path.join(tmp, 'notebooks');
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-notebooks.mjs'), '01-math', '02-code', '03-chat', '--out', out], {
    cwd: ROOT,
    env: { ...process.env, ADAPTIVE_QUICK: '1', FIGURES_DIR: figs, ADAPTIVE_PROGRESS: 'off' },
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, `run-notebooks failed:\n${res.stdout}\n${res.stderr}`);
  const expected = [
    'gsm8k-7models-Mistral-7B-v0.1',
    'rewardmath-internlm2',
    'cruxeval-output',
    'tot-text-standard',
    'tot-text-standard-tranches',
  ];
  for (const name of expected) {
    const file = path.join(figs, name, 'results.json');
    assert.ok(fs.existsSync(file), `${file} missing`);
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(r.kind, 'best-of-k');
    for (const c of ['uniform', 'oracle', 'online', 'offline', 'prior', 'twoStage', 'twoStageFlat']) assert.equal(r.curves[c].length, r.x.length, `${name}: ${c}`);
    assert.ok(fs.existsSync(path.join(figs, name, 'curves.html')), `${name}: curves.html missing`);
  }
  const tranches = JSON.parse(fs.readFileSync(path.join(figs, 'tot-text-standard-tranches', 'results.json'), 'utf8'));
  assert.equal(tranches.variant, 'tranches');
  assert.equal(tranches.n, 20);
  const summary = fs.readFileSync(path.join(figs, 'summary.md'), 'utf8');
  for (const name of ['gsm8k-7models', 'rewardmath-internlm2', 'cruxeval-output', 'tot-text-standard']) assert.ok(summary.includes(name), `summary.md lacks ${name}`);
  for (const nb of ['01-math.ipynb', '02-code.ipynb', '03-chat.ipynb']) {
    const cells = JSON.parse(fs.readFileSync(path.join(out, nb), 'utf8')).cells as { cell_type: string; outputs?: unknown[] }[];
    const last = cells.filter((c) => c.cell_type === 'code').pop();
    assert.ok(last && last.outputs && last.outputs.length > 0, `${nb}: the closing cell has no output`);
  }
});
