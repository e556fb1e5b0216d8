/**
 * Valid inputs: CSV (RFC 4180), K-fold splits, .npy and JSONL embeddings, user JSONL/CSV files.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseCsv } from '../../lib/data/csv';
import { foldSplit, kfold } from '../../lib/data/splits';
import { parseNpyF32 } from '../../lib/data/npy';
import { joinEmbeddings, loadEmbeddings } from '../../lib/data/embeddings';
import { loadBestOfKFile, loadRoutingFile } from '../../lib/data/user_files';
import { fixture, tmpDir } from './helpers';

test('CSV: quotes, doubled quotes, embedded commas and newlines, CRLF', () => {
  const t = parseCsv('a,b\r\n1,"x, ""y""\r\nz"\r\n2,\r\n', 'f.csv');
  assert.deepEqual(t.header, ['a', 'b']);
  assert.deepEqual(t.rows, [['1', 'x, "y"\r\nz'], ['2', '']]);
  assert.deepEqual(t.lines, [2, 4]);
});

test('CSV round trip (property): any cells survive RFC 4180 quoting', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') , maxLength: 8 });
  fc.assert(
    fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), (rows) => {
      const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const text = ['x,y', ...rows.map(([a, b]) => `${q(a)},${q(b)}`)].join('\n') + '\n';
      assert.deepEqual(parseCsv(text, 'p.csv').rows, rows.map(([a, b]) => [a, b]));
    }),
  );
});

test('kfold: balanced, seeded, deterministic', () => {
  const f = kfold(10, 3, 7);
  const sizes = [0, 1, 2].map((k) => f.filter((x) => x === k).length).sort();
  assert.deepEqual(sizes, [3, 3, 4]);
  assert.deepEqual(kfold(10, 3, 7), f);
  assert.notDeepEqual(Array.from(kfold(100, 5, 1)), Array.from(kfold(100, 5, 2)));
  const { train, test: te } = foldSplit(f, 0);
  assert.equal(train.length + te.length, 10);
  fc.assert(fc.property(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 2, max: 10 }), fc.integer(), (n, k, seed) => {
    fc.pre(k <= n);
    const g = kfold(n, k, seed);
    const counts = new Array(k).fill(0);
    g.forEach((x) => counts[x]++);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
  }));
  assert.throws(() => kfold(3, 5, 0), /exceeds/);
});

function npyBytes(rows: number, cols: number, values: number[], version = 1): Uint8Array {
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const pre = version === 1 ? 10 : 12;
  const pad = (64 - ((pre + header.length + 1) % 64)) % 64;
  const h = header + ' '.repeat(pad) + '\n';
  const out = new Uint8Array(pre + h.length + values.length * 4);
  const dv = new DataView(out.buffer);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0], 0);
  if (version === 1) dv.setUint16(8, h.length, true);
  else dv.setUint32(8, h.length, true);
  out.set(Buffer.from(h, 'latin1'), pre);
  values.forEach((v, i) => dv.setFloat32(pre + h.length + 4 * i, v, true));
  return out;
}

test('.npy versions 1, 2 and 3, float32 C order', () => {
  for (const v of [1, 2, 3]) {
    const m = parseNpyF32(npyBytes(2, 3, [1, 2, 3, 4, 5, 6.5], v), 'x.npy');
    assert.equal(m.rows, 2);
    assert.equal(m.cols, 3);
    assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6.5]);
  }
});

test('embeddings: .npy with ids file and JSONL, joined row-aligned by id', () => {
  const dir = tmpDir();
  const f = path.join(dir, 'emb.npy');
  fs.writeFileSync(f, npyBytes(2, 2, [1, 2, 3, 4]));
  fs.writeFileSync(path.join(dir, 'emb.ids.txt'), 'a\nb\n');
  const qs = [{ id: 'b', text: 'x', meta: {} }, { id: 'a', text: 'y', meta: {} }];
  assert.deepEqual(Array.from(joinEmbeddings(loadEmbeddings(f), qs).data), [3, 4, 1, 2]);
  const j = joinEmbeddings(loadEmbeddings(fixture('emb_valid.jsonl')), qs);
  assert.equal(j.dim, 2);
  assert.deepEqual(Array.from(j.data), [3, 4, 1, 2]);
  fs.writeFileSync(path.join(dir, 'emb.ids.txt'), 'a\n');
  assert.throws(() => loadEmbeddings(f), /1 ids for 2 rows/);
});

test('user files: JSONL samples + reranker scores, counts, CSV routing with multi-line prompts', async () => {
  const f = fixture('bok_valid.jsonl');
  const r = await loadBestOfKFile(f, { id: 'qid', text: 'prompt', samples: 'rewards', scores: 'rm', meta: ['n'] });
  assert.equal(r.reward, 'reranked');
  assert.deepEqual(Array.from(r.scores![1]), [0.3, 0.9, 0]);
  assert.equal(r.queries[0].meta.n, 3);
  const c = await loadBestOfKFile(f, { id: 'qid', text: 'prompt', n: 'n', c: 'c' });
  assert.deepEqual(Array.from(c.counts!.c), [2, 0]);
  assert.equal(c.bmax, 3);
  const g = fixture('routing_valid.csv');
  const rt = await loadRoutingFile(g, { id: 'id', text: 'prompt', procedures: ['small', 'large'], costs: [1, 5] });
  assert.equal(rt.queries[0].text, 'a, multi\nline "quoted" prompt');
  assert.deepEqual(Array.from(rt.rewards[1]), [0, 1]);
  assert.deepEqual(Array.from(rt.costs), [1, 5]);
  assert.equal(rt.binary, true);
});
