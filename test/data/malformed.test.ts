/**
 * Bad input never passes silently: each malformed input is rejected with an error that names
 * the file, the record (line / row / index) and the field.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { zipSync, strToU8 } from 'fflate';
import { loadRouterDC } from '../../lib/data/sources/routerdc';
import { loadMmluPro } from '../../lib/data/sources/mmlu_pro';
import { loadBestOfKFile, loadRoutingFile } from '../../lib/data/user_files';
import { joinEmbeddings, loadEmbeddings } from '../../lib/data/embeddings';
import { parseNpyF32 } from '../../lib/data/npy';
import { parseCsv } from '../../lib/data/csv';
import { fixture, rejectsData, throwsData, tmpDir } from './helpers';

const BOK = { id: 'qid', text: 'prompt', samples: 'rewards' };
const COUNTS = { id: 'qid', text: 'prompt', n: 'n', c: 'c' };

test('truncated JSON names the file, the line and the JSON syntax', () => {
  const f = fixture('routerdc_truncated.json');
  const e = throwsData(() => loadRouterDC('x', [[f, 'test']], 'Mistral-7B-v0.1'), f, /^line 2/, '(json)');
  assert.match(e.message, /truncated/);
});

test('a string reward inside a samples array', async () => {
  const f = fixture('bok_string_reward.jsonl');
  const e = await rejectsData(loadBestOfKFile(f, BOK), f, /^line 2$/, 'rewards');
  assert.match(e.message, /element 1/);
});

test('a NaN reward in a CSV routing file', async () => {
  const f = fixture('routing_nan.csv');
  // q2 starts on line 4: the first row spans lines 2-3 (a quoted multi-line prompt).
  await rejectsData(loadRoutingFile(f, { id: 'id', text: 'prompt', procedures: ['small', 'large'] }), f, /^row 2 \(line 4\)$/, 'small');
});

test('c > n', async () => {
  const f = fixture('bok_c_gt_n.jsonl');
  const e = await rejectsData(loadBestOfKFile(f, COUNTS), f, /^line 2$/, 'c');
  assert.match(e.message, /exceeds n/);
});

test('negative counts', async () => {
  const f = fixture('bok_negative.jsonl');
  await rejectsData(loadBestOfKFile(f, COUNTS), f, /^line 1$/, 'c');
});

test('ragged samples where equal counts are required', async () => {
  const f = fixture('bok_ragged.jsonl');
  const e = await rejectsData(loadBestOfKFile(f, BOK), f, /^line 2$/, 'rewards');
  assert.match(e.message, /ragged/);
  // allowed when the caller says so; bmax is then the smallest n
  const ds = await loadBestOfKFile(f, { ...BOK, equalSamples: false });
  assert.equal(ds.bmax, 2);
});

test('duplicate ids name the second occurrence and the first', async () => {
  const f = fixture('bok_duplicate.jsonl');
  const e = await rejectsData(loadBestOfKFile(f, COUNTS), f, /^line 3$/, 'qid');
  assert.match(e.message, /first at line 1/);
});

test('empty text', async () => {
  const f = fixture('bok_empty_text.jsonl');
  await rejectsData(loadBestOfKFile(f, COUNTS), f, /^line 2$/, 'prompt');
});

test('unknown model name lists the models in the file', () => {
  const f = fixture('routerdc_valid.json');
  const e = throwsData(() => loadRouterDC('x', [[f, 'test']], 'gpt-5'), f, /^index 0$/, 'scores');
  assert.match(e.message, /mistralai\/Mistral-7B-v0.1/);
});

test('a fraction that is not a multiple of 1/10', () => {
  const f = fixture('routerdc_fraction.json');
  throwsData(() => loadRouterDC('x', [[f, 'test']], 'Mistral-7B-v0.1'), f, /^index 1$/, 'scores.mistralai/Mistral-7B-v0.1');
});

test('a procedure missing for some query', async () => {
  const f = fixture('routing_missing.jsonl');
  const e = await rejectsData(loadRoutingFile(f, { id: 'id', text: 'prompt', procedures: ['small', 'large'] }), f, /^line 2$/, 'large');
  assert.match(e.message, /missing/);
});

test('an empty file', async () => {
  const f = fixture('empty.jsonl');
  await rejectsData(loadBestOfKFile(f, COUNTS), f, /^file$/, '(file)');
});

test('embeddings with the wrong dimension', () => {
  const f = fixture('emb_wrong_dim.jsonl');
  const e = throwsData(() => loadEmbeddings(f), f, /^line 2$/, 'embedding');
  assert.match(e.message, /wrong dimension: 3, expected 2/);
  throwsData(() => loadEmbeddings(fixture('emb_valid.jsonl'), { dim: 4 }), fixture('emb_valid.jsonl'), /^file$/, 'embedding');
});

test('embeddings that do not cover the queries list a few unknown ids', () => {
  const f = fixture('emb_valid.jsonl');
  const emb = loadEmbeddings(f);
  const qs = [{ id: 'a', text: 'x', meta: {} }, { id: 'zz', text: 'y', meta: {} }];
  const e = throwsData(() => joinEmbeddings(emb, qs), f, /query ids/, 'id');
  assert.match(e.message, /"zz"/);
  assert.match(e.message, /"b"/); // the file's id that matches no query
});

test('an unterminated quoted CSV field (a truncated file)', async () => {
  const f = fixture('routing_unterminated.csv');
  await rejectsData(loadRoutingFile(f, { id: 'id', text: 'prompt', procedures: ['small', 'large'] }), f, /^line 2$/, 'column 2');
});

test('a CSV row with too few fields', () => {
  throwsData(() => parseCsv('a,b\n1,2\n3\n', 'x.csv'), 'x.csv', /^row 2 \(line 3\)$/, '(row)');
});

test('a .npy file with the wrong dtype', () => {
  const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }";
  const pad = 64 - ((10 + header.length + 1) % 64);
  const h = header + ' '.repeat(pad) + '\n';
  const bytes = new Uint8Array(10 + h.length + 8);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, h.length, true);
  bytes.set(Buffer.from(h, 'latin1'), 10);
  throwsData(() => parseNpyF32(bytes, 'e.npy'), 'e.npy', /^header$/, 'descr');
});

test('an MMLU-Pro question missing for one model', () => {
  const dir = tmpDir();
  const rec = (id: number, pred: string | null) => ({ question_id: id, question: `q${id}`, options: ['x', 'y'], answer: 'A', category: 'math', pred });
  const write = (name: string, recs: unknown[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, zipSync({ [name.replace('.zip', '.json')]: strToU8(JSON.stringify(recs)) }));
    return f;
  };
  const small = write('small.zip', [rec(1, 'A'), rec(2, null), rec(3, 'B')]);
  const large = write('large.zip', [rec(1, 'A'), rec(3, 'A')]);
  const e = throwsData(() => loadMmluPro('x', [['small', small], ['large', large]], [1, 1]), `${large}!large.json`, /^file$/, 'question_id');
  assert.match(e.message, /question 2/);
  // the valid pair: null pred counts as wrong
  const large2 = write('large2.zip', [rec(3, 'A'), rec(2, 'A'), rec(1, null)]);
  const ds = loadMmluPro('x', [['small', small], ['large', large2]], [1, 1]);
  assert.deepEqual(Array.from(ds.rewards[0]), [1, 0, 0]);
  assert.deepEqual(Array.from(ds.rewards[1]), [0, 1, 1]);
});
