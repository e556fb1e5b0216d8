import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runBestOfK } from '../../lib/experiment/bestofk';
import { loadBestOfK } from '../../lib/data/registry';

/** C(a, b) as a float, by the multiplicative formula (independent of lib/rewards). */
function choose(a: number, b: number): number {
  if (b < 0 || b > a) return 0;
  let r = 1;
  for (let t = 1; t <= b; t++) r = (r * (a - b + t)) / t;
  return r;
}

function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bestofk-${tag}-`));
}

test('uniform and oracle curves agree with a direct pass@k / sorted-gains computation (gsm8k-7models, Mistral test split)', () => {
  const run = runBestOfK({ dataset: 'gsm8k-7models', model: 'mistralai/Mistral-7B-v0.1', twoStage: false, bootstrap: 20, ensemble: 1, write: false });
  const ds = loadBestOfK('gsm8k-7models', { model: 'mistralai/Mistral-7B-v0.1' });
  const test = ds.split!.test;
  assert.equal(run.results.n, test.length);
  assert.equal(run.results.n, 1319);
  const bmax = run.results.bmax;
  // pass@b = 1 - C(n - c, b) / C(n, b), query by query
  const pass = Array.from(test, (i) => {
    const n = ds.counts!.n[i];
    const c = ds.counts!.c[i];
    return Array.from({ length: bmax + 1 }, (_, b) => (b === 0 ? 0 : 1 - choose(n - c, b) / choose(n, b)));
  });
  for (let k = 0; k < bmax; k++) {
    const x = k + 1;
    const u = pass.reduce((s, p) => s + p[x], 0) / pass.length;
    assert.ok(Math.abs(run.results.curves.uniform[k] - u) < 1e-9, `uniform at x=${x}: ${run.results.curves.uniform[k]} vs ${u}`);
    // Oracle: the gains of pass@b are non-increasing in b, so the optimum of sum b_i <= x n is the
    // sum of the x n largest positive marginal gains over all (query, unit) pairs.
    const all: number[] = [];
    for (const p of pass) {
      for (let j = 1; j <= bmax; j++) {
        const g = p[j] - p[j - 1];
        if (j > 1) assert.ok(g <= p[j - 1] - p[j - 2] + 1e-12, 'pass@b gains must be non-increasing');
        if (g > 0) all.push(g);
      }
    }
    all.sort((a, b) => b - a);
    const best = all.slice(0, x * pass.length).reduce((s, g) => s + g, 0) / pass.length;
    assert.ok(Math.abs(run.results.curves.oracle[k] - best) < 1e-9, `oracle at x=${x}: ${run.results.curves.oracle[k]} vs ${best}`);
    assert.ok(run.results.curves.oracle[k] >= run.results.curves.uniform[k] - 1e-12);
  }
  // METHOD.md's measured numbers: uniform 0.570 at 4 samples per query, oracle 0.676.
  assert.equal(run.results.curves.uniform[3].toFixed(3), '0.570');
  assert.equal(run.results.curves.oracle[3].toFixed(3), '0.676');
});

test('two runs write byte-identical results.json', () => {
  const a = tmpDir('a');
  const b = tmpDir('b');
  runBestOfK({ dataset: 'tot-text-standard', outDir: a, bootstrap: 50, ensemble: 2 });
  runBestOfK({ dataset: 'tot-text-standard', outDir: b, bootstrap: 50, ensemble: 2 });
  const fa = fs.readFileSync(path.join(a, 'results.json'));
  const fb = fs.readFileSync(path.join(b, 'results.json'));
  assert.ok(fa.length > 1000);
  assert.ok(fa.equals(fb), 'results.json differs between two runs with the same seed');
});

test('a quick-mode run writes every schema field; model omitted where there is none', () => {
  const prev = process.env.ADAPTIVE_QUICK;
  process.env.ADAPTIVE_QUICK = '1';
  try {
    const dir = tmpDir('quick');
    const run = runBestOfK({ dataset: 'tot-text-cot', outDir: dir });
    const r = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    assert.equal(r.bootstrap.B, 100, 'quick mode uses 100 resamples');
    assert.equal(r.dataset, 'tot-text-cot');
    assert.ok(!('model' in r));
    assert.equal(r.kind, 'best-of-k');
    assert.equal(r.reward, 'continuous');
    assert.equal(r.n, 100);
    assert.equal(r.bmax, 10);
    assert.deepEqual(r.x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const c of ['uniform', 'oracle', 'online', 'offline', 'prior', 'twoStage', 'twoStageFlat']) {
      assert.equal(r.curves[c].length, 10, c);
      assert.equal(r.bands[c].lo.length, 10, c);
      assert.ok(r.bands[c].lo.every((v: number, k: number) => v <= r.curves[c][k] + 1e-9 && r.curves[c][k] <= r.bands[c].hi[k] + 1e-9), `band of ${c} brackets its curve`);
      if (c !== 'uniform') assert.equal(r.pairedBands[c].lo.length, 10, c);
    }
    assert.equal(r.offlineSpent.length, 10);
    assert.equal(r.twoStageSpent.length, 10);
    // Continuous rewards: every query gets at least one sample, so at x = 1 all one-shot curves equal uniform.
    for (const c of ['oracle', 'online', 'offline', 'prior']) assert.ok(Math.abs(r.curves[c][0] - r.curves.uniform[0]) < 1e-9, c);
    for (const m of ['online', 'offline', 'prior', 'twoStage', 'twoStageFlat']) {
      assert.ok(m in r.metrics.oracleGainCaptured, m);
      assert.equal(r.metrics.savedAtMatchedQuality[m].length, 10);
      assert.equal(r.metrics.gainAtFixedBudget[m].length, 10);
    }
    assert.equal(typeof r.predictor.name, 'string');
    for (const k of ['spearman', 'brier', 'constantBrier']) assert.ok(k in r.predictor, k);
    assert.equal(run.results.n, 100);
  } finally {
    if (prev === undefined) delete process.env.ADAPTIVE_QUICK;
    else process.env.ADAPTIVE_QUICK = prev;
  }
});

test('binary rewards: a run with a model names its folder and field; the oracle never spends on hopeless queries', () => {
  const run = runBestOfK({ dataset: 'gsm8k-7models', model: 'Meta-Llama-3-8B', twoStage: false, bootstrap: 20, ensemble: 1, write: false });
  assert.equal(run.results.model, 'meta-llama/Meta-Llama-3-8B');
  assert.equal(run.name, 'gsm8k-7models-Meta-Llama-3-8B');
  const w = run.q.bmax + 1;
  const last = run.curves.budgets.oracle[run.q.bmax - 1];
  for (let i = 0; i < run.q.n; i++) if (run.q.q[i * w + run.q.bmax] === 0) assert.equal(last[i], 0);
});

test('reranked data: the oracle never gives a query more than its best budget', () => {
  const run = runBestOfK({ dataset: 'rewardmath-internlm2', twoStage: false, bootstrap: 20, ensemble: 1, write: false });
  const { q } = run;
  const w = q.bmax + 1;
  let falling = 0;
  for (let i = 0; i < q.n; i++) {
    let best = 0;
    for (let b = 1; b <= q.bmax; b++) if (q.q[i * w + b] > q.q[i * w + best] + 1e-12) best = b;
    if (q.q[i * w + q.bmax] < q.q[i * w + best] - 1e-12) falling++;
    for (const b of run.curves.budgets.oracle) assert.ok(b[i] <= best, `query ${i}: oracle gives ${b[i]} > argmax ${best}`);
  }
  assert.ok(falling > 0, 'some RewardMATH queries have q(b) falling');
  for (let k = 0; k < q.bmax; k++) assert.ok(run.results.curves.oracle[k] >= run.results.curves.uniform[k] - 1e-12);
});
