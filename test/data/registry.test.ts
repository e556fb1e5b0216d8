/**
 * Loaders on the real mirrored files, fetched (copied from the mirror) into a temp data folder.
 * Hand-checked facts: sizes from the sources' READMEs, CRUXEval's own pass_at_1 (34.2125 in the
 * scored file), the Game-of-24 row of puzzle 900 ("4 5 6 10", 90.30% human solve rate).
 */
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ensureData } from '../../lib/data/fetch';
import { DATASET_NAMES, GSM8K_MODELS, datasetInfo, loadBestOfK, loadDataset, loadRouting } from '../../lib/data/registry';
import { summarizeAll, summarizeDataset, subsetBestOfK } from '../../lib/data/summary';
import { DataError } from '../../lib/data/errors';
import { testMirror, tmpDir } from './helpers';

let dir = '';
before(async () => {
  dir = tmpDir('data-dir-');
  await ensureData(undefined, { dir, mirror: testMirror(), download: false });
});

test('gsm8k-7models: official split, 1000 train + 1319 test, 10 samples, default Mistral-7B-v0.1', () => {
  const ds = loadBestOfK('gsm8k-7models', { dir });
  assert.equal(ds.model, 'mistralai/Mistral-7B-v0.1');
  assert.equal(ds.split?.train.length, 1000);
  assert.equal(ds.split?.test.length, 1319);
  assert.equal(ds.bmax, 10);
  const test = subsetBestOfK(ds, ds.split!.test);
  assert.equal(test.queries.length, 1319);
  assert.ok(Array.from(test.counts!.n).every((n) => n === 10));
  // first test question: Janet's ducks, Mistral 0.8 -> c = 8
  assert.match(test.queries[0].text, /^Janet/);
  assert.equal(test.counts!.c[0], 8);
  // the same model by its full key; another model gives other counts
  const full = loadBestOfK('gsm8k-7models', { dir, model: GSM8K_MODELS[0] });
  assert.deepEqual(full.counts!.c, ds.counts!.c);
  const meta = loadBestOfK('gsm8k-7models', { dir, model: 'MetaMath-Mistral-7B' });
  assert.equal(meta.counts!.c[1000], 10);
  assert.throws(() => loadBestOfK('gsm8k-7models', { dir, model: 'gpt-5' }), (e: unknown) => e instanceof DataError && /gsm8k-train.json/.test(e.file) && e.field === 'scores');
});

test('mbpp-7models: 500 problems, kfold split', () => {
  const ds = loadBestOfK('mbpp-7models', { dir });
  assert.equal(ds.queries.length, 500);
  assert.equal(ds.split, undefined);
  assert.equal(datasetInfo('mbpp-7models').split, 'kfold');
});

test('cruxeval: mean pass@1 equals the file\'s own pass_at_1; text shows code and the assertion', () => {
  const out = loadBestOfK('cruxeval-output', { dir });
  assert.equal(out.queries.length, 800);
  const s = summarizeDataset(out);
  assert.ok(Math.abs((s.meanReward as number) * 100 - 34.2125) < 1e-9);
  assert.match(out.queries[0].text, /^def f\(nums\):[\s\S]*\nassert f\(\[1, 1, 3, 1, 3, 1\]\) == \?\?$/);
  const inp = loadBestOfK('cruxeval-input', { dir });
  assert.match(inp.queries[0].text, /assert f\(\?\?\) == \[\(4, 1\), \(4, 1\)/);
});

test('game24: puzzle row of 24.csv in meta, 100 samples', () => {
  for (const name of ['game24-standard', 'game24-cot']) {
    const ds = loadBestOfK(name, { dir });
    assert.equal(ds.queries.length, 100);
    assert.equal(ds.bmax, 100);
    assert.deepEqual(ds.queries[0].meta.numbers, [4, 5, 6, 10]);
    assert.equal(ds.queries[0].meta.rank, 901);
    assert.ok(Math.abs((ds.queries[0].meta.humanSolveRate as number) - 0.903) < 1e-12);
  }
});

test('tot-text: continuous rewards = infos[].r, prompt line as text', () => {
  const ds = loadBestOfK('tot-text-standard', { dir });
  assert.equal(ds.reward, 'continuous');
  assert.equal(ds.queries.length, 100);
  assert.equal(ds.samples![0][0], 2.2);
  assert.match(ds.queries[0].text, /^It isn't difficult to do a handstand/);
});

test('rewardmath: correctness [1, 0, ..., 0], reward-model scores, shepherd step reduction', () => {
  const arm = loadBestOfK('rewardmath-armorm', { dir });
  assert.equal(arm.reward, 'reranked');
  assert.equal(arm.queries.length, 483);
  assert.deepEqual(Array.from(arm.samples![0]), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(arm.scores![0][0], 0.1884765625);
  for (const n of ['rewardmath-internlm2', 'rewardmath-skywork']) assert.equal(loadBestOfK(n, { dir }).queries.length, 483);
  const mn = loadBestOfK('rewardmath-shepherd', { dir });
  const mean = loadBestOfK('rewardmath-shepherd', { dir, stepReduce: 'mean' });
  // first candidate's first steps: 0.5538..., 0.5126..., ..., 0.2669... (min)
  assert.equal(mn.scores![0][0], 0.26695704460144043);
  assert.ok(mean.scores![0][0] > mn.scores![0][0]);
});

test('routing sizes and procedures', () => {
  const gsm = loadRouting('routellm-gsm8k', { dir });
  assert.equal(gsm.queries.length, 1319);
  assert.deepEqual(gsm.procedures, ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'gpt-4-1106-preview']);
  const mmlu = loadRouting('routellm-mmlu', { dir });
  assert.equal(mmlu.queries.length, 14042);
  assert.equal(mmlu.queries[0].meta.subject, 'abstract_algebra');
  assert.equal(new Set(mmlu.queries.map((q) => q.meta.subject)).size, 57);
  const mt = loadRouting('routellm-mtbench', { dir });
  assert.equal(mt.queries.length, 160);
  assert.equal(mt.binary, false);
  for (const r of mt.rewards) for (const x of r) assert.ok(x >= 1 && x <= 10);
  const pro = loadRouting('mmlu-pro-llama31', { dir });
  assert.equal(pro.queries.length, 12032);
  const acc = pro.rewards.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
  assert.ok(acc[1] > acc[0]); // 70B beats 8B
  const size = loadRouting('gsm8k-gpt3-size', { dir });
  assert.deepEqual(size.procedures, ['6b_finetuning', '175b_finetuning']);
  assert.deepEqual(Array.from(size.costs), [1, 1]);
  const ver = loadRouting('gsm8k-gpt3-verifier', { dir });
  assert.deepEqual(Array.from(ver.costs), [1, 100]);
  assert.deepEqual(Array.from(loadRouting('gsm8k-gpt3-verifier', { dir, costs: [2, 3] }).costs), [2, 3]);
  assert.throws(() => loadRouting('routellm-gsm8k', { dir, costs: [1] }), /costs: expected 2/);
});

test('every registered dataset loads; summaries match the acceptance sizes', () => {
  assert.equal(DATASET_NAMES.length, 18);
  for (const n of DATASET_NAMES) assert.equal(loadDataset(n, { dir }).name, n);
  const rows = summarizeAll({ dir });
  const by = new Map(rows.map((r) => [r.name, r]));
  assert.equal(by.get('gsm8k-7models')!.queries, 1319);
  assert.equal(by.get('gsm8k-7models')!.samplesPerQuery, 10);
  assert.equal(by.get('routellm-mmlu')!.queries, 14042);
  assert.equal(by.get('mmlu-pro-llama31')!.queries, 12032);
  assert.ok(Math.abs((by.get('rewardmath-armorm')!.meanReward as number) - 0.1) < 1e-12);
});

test('a missing data file is an error naming it and saying how to fetch it', () => {
  const empty = tmpDir('empty-data-');
  assert.throws(() => loadBestOfK('rewardmath-skywork', { dir: empty }), (e: unknown) =>
    e instanceof DataError && e.file === path.join(empty, datasetInfo('rewardmath-skywork').files[0]) && /npm run data/.test(e.message));
  assert.ok(fs.existsSync(dir));
});
