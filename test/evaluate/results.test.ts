import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeResults, writeSummary, roundStable, type BestOfKResults, type RoutingResults } from '../../lib/evaluate/results';

function bok(dataset: string, model?: string): BestOfKResults {
  return {
    // deliberately out of order: the writer puts keys in the order
    metrics: {
      gainAtFixedBudget: { online: Float64Array.from([0.01, 0.03]) },
      oracleGainCaptured: { online: 0.25, offline: null },
      savedAtMatchedQuality: { online: [0.1, null] },
    },
    curves: { online: Float64Array.from([0.51, 0.63]), uniform: Float64Array.from([0.5, 0.6]), oracle: [0.6, 0.7], offline: [0.5, 0.61] },
    x: Int32Array.from([1, 2]),
    kind: 'best-of-k',
    dataset,
    ...(model ? { model } : {}),
    reward: 'binary',
    n: 100,
    bmax: 2,
    offlineSpent: [1.01, 2],
    pairedBands: { online: { lo: [-0.01, 0.002], hi: [0.03, 0.05] } },
  };
}

function routing(dataset: string): RoutingResults {
  return {
    dataset,
    kind: 'routing',
    reward: 'binary',
    n: 50,
    weakMean: 0.4,
    strongMean: 0.8,
    x: [0, 0.5, 1],
    curves: { random: [0.4, 0.6, 0.8], oracle: [0.4, 0.8, 0.8], online: [0.4, 0.7, 0.8] },
    metrics: {
      apgr: { random: 0.5, oracle: 0.75, online: 0.625 },
      cpt50: { random: 0.5, oracle: 0.25, online: 1 / 3 },
      cpt80: { random: 0.8, oracle: 0.4, online: 0.8 },
      oracleGainCaptured: { online: 0.5 },
    },
  };
}

test('roundStable: 12 significant digits, -0 and non-finite handled', () => {
  assert.equal(roundStable(0.1 + 0.2), 0.3);
  assert.equal(roundStable(1 / 3), 0.333333333333);
  assert.equal(roundStable(-0), 0);
  assert.equal(roundStable(NaN), null);
  assert.equal(roundStable(1319), 1319);
});

test('writeResults: keys in the issue order, typed arrays as arrays, numbers rounded', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'results-'));
  const file = writeResults(path.join(dir, 'ds'), bok('ds', 'm'));
  const text = fs.readFileSync(file, 'utf8');
  const obj = JSON.parse(text);
  assert.deepEqual(Object.keys(obj), ['dataset', 'model', 'kind', 'reward', 'n', 'bmax', 'x', 'curves', 'offlineSpent', 'pairedBands', 'metrics']);
  assert.deepEqual(Object.keys(obj.curves), ['uniform', 'oracle', 'online', 'offline']);
  assert.deepEqual(Object.keys(obj.metrics), ['oracleGainCaptured', 'savedAtMatchedQuality', 'gainAtFixedBudget']);
  assert.deepEqual(obj.x, [1, 2]);
  assert.deepEqual(obj.metrics.gainAtFixedBudget.online, [0.01, 0.03]);
  assert.ok(text.endsWith('\n'));
  assert.throws(() => writeResults(dir, { ...bok('bad'), x: [1] }), /curve 'online' has 2 points, x has 1/);
});

test('writeSummary: one row per results file, sorted, byte-identical on re-run', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-'));
  writeResults(path.join(root, 'zeta'), bok('zeta'));
  writeResults(path.join(root, 'alpha-m2'), bok('alpha', 'm2'));
  writeResults(path.join(root, 'alpha-m1'), bok('alpha', 'm1'));
  writeResults(path.join(root, 'route'), routing('route'));
  fs.mkdirSync(path.join(root, 'other'));
  fs.writeFileSync(path.join(root, 'other', 'results.json'), JSON.stringify({ kind: 'tour', n: 1 }));
  const s = writeSummary(root);
  assert.deepEqual(s.rows.map((r) => `${r.dataset}/${r.model}`), ['alpha/m1', 'alpha/m2', 'zeta/null', 'route/null']);
  const row = s.rows[0];
  assert.equal(row.pass1, 0.5);
  assert.deepEqual(row.maxSaved.online, { value: 0.1, x: 1 });
  assert.deepEqual(row.maxGain.online, { value: 0.03, x: 2 });
  assert.deepEqual(row.xsAboveBaseline.online, { count: 1, of: 2 });
  assert.equal(s.rows[3].apgr.online, 0.625);
  const md1 = fs.readFileSync(path.join(root, 'summary.md'));
  const js1 = fs.readFileSync(path.join(root, 'summary.json'));
  writeSummary(root);
  assert.ok(md1.equals(fs.readFileSync(path.join(root, 'summary.md'))));
  assert.ok(js1.equals(fs.readFileSync(path.join(root, 'summary.json'))));
  const md = md1.toString();
  assert.match(md, /\| alpha \| m1 \| 100 \| 2 \| 0\.500 \| 0\.250 \| 10\.0% \(x=1\) \| 0\.030 \(x=2\) \| 1\/2 \|/);
  assert.match(md, /## Routing/);
  assert.match(md, /\| route \| – \| 50 \| 0\.400 \| 0\.800 \| 0\.500 \| 0\.750 \| 0\.625 \|/);
});

test('writeSummary: a broken results.json is reported with its path', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'summary-bad-'));
  fs.mkdirSync(path.join(root, 'x'));
  fs.writeFileSync(path.join(root, 'x', 'results.json'), '{');
  assert.throws(() => writeSummary(root), /x\/results\.json: not valid JSON/);
});
