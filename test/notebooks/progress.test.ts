import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { PROJECT_ROOT } from '../../lib/util/fs';

/** Run a progress loop of `total` ticks in a plain Node child; return its stderr. */
function runLoop(total: number, env: NodeJS.ProcessEnv): string {
  const code = `
    const { progress } = require('./lib/notebook/progress');
    const p = progress('loop', ${total});
    for (let i = 0; i < ${total}; i++) p.tick();
    p.done();
    p.tick(); p.done();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr;
}

test('plain node, stderr a pipe: a line per 10% at most, ending with a deterministic done line', () => {
  const lines = runLoop(1000, { ADAPTIVE_PROGRESS: '' }).trim().split('\n');
  assert.ok(lines.length <= 13, `${lines.length} lines`);
  assert.equal(lines[0], 'loop: 0/1000 (0%)');
  assert.equal(lines.at(-1), 'loop: 1000/1000 done');
  assert.equal(lines.filter((l) => l.endsWith('done')).length, 1, 'ticks and done() after done() are ignored');
});

test('under run-notebooks (ADAPTIVE_PROGRESS=stderr): prefixed lines for the runner to show', () => {
  const lines = runLoop(50, { ADAPTIVE_PROGRESS: 'stderr' }).trim().split('\n');
  assert.ok(lines.every((l) => l.startsWith('@@adaptive-progress@@ loop: ')), lines.join('\n'));
  assert.equal(lines.at(-1), '@@adaptive-progress@@ loop: 50/50 done');
});

test('ADAPTIVE_PROGRESS=off: silent outside a notebook', () => {
  assert.equal(runLoop(100, { ADAPTIVE_PROGRESS: 'off' }), '');
});
