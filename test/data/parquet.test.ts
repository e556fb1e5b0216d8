/** Parquet user files through hyparquet (fixtures written by the minimal writer in parquet_writer.ts). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { loadBestOfKFile, loadRoutingFile } from '../../lib/data/user_files';
import { writeParquet } from './parquet_writer';
import { rejectsData, tmpDir } from './helpers';

function file(name: string, cols: Parameters<typeof writeParquet>[0]): string {
  const f = path.join(tmpDir('pq-'), name);
  fs.writeFileSync(f, writeParquet(cols));
  return f;
}

test('Parquet: counts n/c and routing reward columns', async () => {
  const f = file('counts.parquet', [
    { name: 'qid', type: 'utf8', values: ['a', 'b', 'c'] },
    { name: 'prompt', type: 'utf8', values: ['one', 'two', 'three'] },
    { name: 'n', type: 'int64', values: [4, 4, 4] },
    { name: 'c', type: 'int64', values: [0, 2, 4] },
    { name: 'small', type: 'double', values: [0, 1, 0.5] },
    { name: 'large', type: 'double', values: [1, 1, 0.75] },
  ]);
  const ds = await loadBestOfKFile(f, { id: 'qid', text: 'prompt', n: 'n', c: 'c' });
  assert.deepEqual(ds.queries.map((q) => q.id), ['a', 'b', 'c']);
  assert.deepEqual(Array.from(ds.counts!.c), [0, 2, 4]);
  assert.equal(ds.bmax, 4);
  const rt = await loadRoutingFile(f, { id: 'qid', text: 'prompt', procedures: ['small', 'large'] });
  assert.equal(rt.binary, false);
  assert.deepEqual(Array.from(rt.rewards[1]), [1, 1, 0.75]);
});

test('Parquet: c > n names the file, the row and the column; a missing column names it', async () => {
  const f = file('bad.parquet', [
    { name: 'qid', type: 'utf8', values: ['a', 'b'] },
    { name: 'prompt', type: 'utf8', values: ['one', 'two'] },
    { name: 'n', type: 'int64', values: [4, 4] },
    { name: 'c', type: 'int64', values: [1, 5] },
  ]);
  await rejectsData(loadBestOfKFile(f, { id: 'qid', text: 'prompt', n: 'n', c: 'c' }), f, /^row 2$/, 'c');
  await rejectsData(loadBestOfKFile(f, { id: 'qid', text: 'prompt', samples: 'rewards' }), f, /^schema$/, 'rewards');
});
