/**
 * Verified fetch with a temp mirror and a temp data folder: copies, caches, replaces a
 * corrupted copy from the mirror, refuses a sha256 mismatch without touching the existing
 * file, and downloads (through an injected fetch) only with the right sha256.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fetchData, fetchEntry, sha256Hex } from '../../lib/data/fetch';
import type { ManifestEntry } from '../../lib/data/manifest';
import { readManifest } from '../../lib/data/manifest';
import { datasetInfo, DATASET_NAMES } from '../../lib/data/catalog';
import { tmpDir } from './helpers';

function entry(local: string, content: string): ManifestEntry {
  const [owner, repo, ...rest] = local.split('/');
  return { repo: `${owner}/${repo}`, commit: 'c'.repeat(40), path: rest.join('/'), sha256: sha256Hex(Buffer.from(content)), bytes: content.length, license: 'MIT', local };
}

function setup(): { mirror: string; dir: string; entries: ManifestEntry[] } {
  const mirror = tmpDir('mirror-');
  const dir = tmpDir('dest-');
  const files: Record<string, string> = { 'o/r/a/one.json': '[1, 2, 3]\n', 'o/r/two.txt': 'hello\n' };
  for (const [local, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(mirror, local)), { recursive: true });
    fs.writeFileSync(path.join(mirror, local), content);
  }
  return { mirror, dir, entries: Object.entries(files).map(([l, c]) => entry(l, c)) };
}

const quiet = (): void => {};
const noNet = async (): Promise<never> => {
  throw new Error('network disabled in tests');
};

test('first run copies every file, second run copies nothing', async () => {
  const { mirror, dir, entries } = setup();
  const lines: string[] = [];
  const r1 = await fetchData({ mirror, dir, entries, log: (s) => lines.push(s), fetchImpl: noNet });
  assert.deepEqual(r1.map((r) => r.status), ['copied', 'copied']);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\[1\/2\] o\/r\/a\/one.json copied$/);
  assert.equal(fs.readFileSync(path.join(dir, 'o/r/two.txt'), 'utf8'), 'hello\n');
  const r2 = await fetchData({ mirror, dir, entries, log: quiet, fetchImpl: noNet });
  assert.deepEqual(r2.map((r) => r.status), ['ok (cached)', 'ok (cached)']);
});

test('a corrupted file in the fetch folder is replaced from the mirror', async () => {
  const { mirror, dir, entries } = setup();
  await fetchData({ mirror, dir, entries, log: quiet, fetchImpl: noNet });
  fs.writeFileSync(path.join(dir, 'o/r/two.txt'), 'hellX\n');
  const r = await fetchData({ mirror, dir, entries, log: quiet, fetchImpl: noNet });
  assert.deepEqual(r.map((x) => x.status), ['ok (cached)', 'copied']);
  assert.equal(fs.readFileSync(path.join(dir, 'o/r/two.txt'), 'utf8'), 'hello\n');
});

test('a sha256 mismatch is an error naming the file and leaves the existing copy untouched', async () => {
  const { mirror, dir, entries } = setup();
  await fetchData({ mirror, dir, entries, log: quiet, fetchImpl: noNet });
  // the manifest now pins other content than the mirror holds
  const pinned = { ...entries[1], sha256: sha256Hex(Buffer.from('new version\n')) };
  await assert.rejects(fetchEntry(pinned, { mirror, dir, fetchImpl: noNet }), (e: Error) => {
    assert.match(e.message, /^o\/r\/two.txt: sha256 mismatch/);
    return true;
  });
  assert.equal(fs.readFileSync(path.join(dir, 'o/r/two.txt'), 'utf8'), 'hello\n');
  assert.deepEqual(fs.readdirSync(path.join(dir, 'o/r')).sort(), ['a', 'two.txt']); // no temp file left
  const res = await fetchData({ mirror, dir, entries: [pinned], log: quiet, fetchImpl: noNet });
  assert.equal(res[0].status, 'failed');
  assert.match(res[0].error ?? '', /o\/r\/two.txt/);
});

test('downloads are verified before they become visible', async () => {
  const { dir, entries } = setup();
  const e = entries[0];
  const urls: string[] = [];
  const bad = async (u: string) => {
    urls.push(u);
    return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array(Buffer.from('[1, 2, 4]\n')).buffer };
  };
  // An empty mirror, so that a DATA_MIRROR in the environment does not bypass the download path.
  const mirror = tmpDir('empty-mirror-');
  await assert.rejects(fetchEntry(e, { dir, mirror, fetchImpl: bad }), /o\/r\/a\/one.json: sha256 mismatch/);
  assert.equal(urls[0], `https://raw.githubusercontent.com/o/r/${'c'.repeat(40)}/a/one.json`);
  assert.equal(fs.existsSync(path.join(dir, e.local)), false);
  const notFound = async () => ({ ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) });
  await assert.rejects(fetchEntry(e, { dir, mirror, fetchImpl: notFound }), /o\/r\/a\/one.json: .*download of .* failed: HTTP 404/);
  const good = async () => ({ ok: true, status: 200, arrayBuffer: async () => new Uint8Array(Buffer.from('[1, 2, 3]\n')).buffer });
  assert.equal(await fetchEntry(e, { dir, mirror, fetchImpl: good }), 'downloaded');
  assert.equal(fs.readFileSync(path.join(dir, e.local), 'utf8'), '[1, 2, 3]\n');
});

test('the project manifest covers every file of every registered dataset', () => {
  const m = readManifest();
  const locals = new Set(m.map((e) => e.local));
  assert.equal(DATASET_NAMES.length, 18);
  for (const n of DATASET_NAMES) for (const f of datasetInfo(n).files) assert.ok(locals.has(f), `${n}: ${f} not in data/datasets.json`);
  for (const e of m) assert.equal(e.local, `${e.repo}/${e.path}`);
});
