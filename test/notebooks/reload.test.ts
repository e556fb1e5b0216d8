import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { reloadModule, loadLibrary } from '../../lib/notebook/reload';
import { PROJECT_ROOT } from '../../lib/util/fs';

/** A tiny "built library": index.js re-exporting a value from a second module. */
function tinyLibrary(value: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adaptive-reload-'));
  fs.writeFileSync(path.join(dir, 'index.js'), "exports.part = require('./part');\nexports.loadedAt = Symbol('load');\n");
  fs.writeFileSync(path.join(dir, 'part.js'), `exports.value = () => '${value}';\n`);
  return dir;
}

type Tiny = { part: { value(): string }; loadedAt: symbol };

test('reloadModule: after a file under the folder changes, the fresh copy runs the new code', () => {
  const dir = tinyLibrary('v1');
  const first = reloadModule<Tiny>(dir, 'index.js');
  assert.equal(first.part.value(), 'v1');
  fs.writeFileSync(path.join(dir, 'part.js'), "exports.value = () => 'v2';\n");
  // A plain require still returns the cached old module ...
  assert.equal((require(path.join(dir, 'index.js')) as Tiny).part.value(), 'v1');
  // ... the reload does not.
  const second = reloadModule<Tiny>(dir, 'index.js');
  assert.equal(second.part.value(), 'v2');
  assert.notEqual(second.loadedAt, first.loadedAt);
  // Objects taken from the old copy keep the old code (documented limitation).
  assert.equal(first.part.value(), 'v1');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('reloadModule: only modules under the folder are dropped from the cache', () => {
  const dir = tinyLibrary('x');
  reloadModule<Tiny>(dir, 'index.js');
  const before = Object.keys(require.cache).filter((k) => !k.startsWith(fs.realpathSync(dir)));
  reloadModule<Tiny>(dir, 'index.js');
  for (const k of before) assert.ok(require.cache[k], `${k} should stay cached`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('reloadModule: a missing entry file is a clear error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adaptive-reload-'));
  assert.throws(() => reloadModule(dir, 'index.js'), /index\.js does not exist \(run `npm run build` first\)/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('loadLibrary: returns a fresh copy of the real dist/ with every stage', () => {
  assert.ok(fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'index.js')), 'run `npm run build` first');
  const a = loadLibrary();
  const b = loadLibrary();
  for (const stage of ['util', 'rewards', 'allocate', 'evaluate', 'plot', 'notebook'] as const) {
    assert.ok(stage in a, `stage ${stage} exported`);
  }
  assert.notEqual(a.notebook, b.notebook, 'second call loads new module objects');
  assert.equal(typeof b.notebook.loadLibrary, 'function');
});
