import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runRouting, planRoutingFolds, type RouterCandidate } from '../../lib/experiment/routing';
import { firstStrongIndex, outcomeGroups, routingBootstrap, routingCurveFromFirst, routingGrid, shareByGroup } from '../../lib/experiment/routing_curves';
import { predictRoutingFold, winLabel } from '../../lib/experiment/routing_predict';
import { loadRouting } from '../../lib/data/registry';
import { routingBands, routingCurves, routeMask } from '../../lib/evaluate/routing';
import { makeRng } from '../../lib/util/rng';

// One candidate keeps the real-data runs to a few seconds (no inner CV); the choice by inner CV
// is exercised on routellm-mtbench (160 queries).
const ONE: RouterCandidate[] = [{ kind: 'classifier', C: 1 }];

function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `routing-${tag}-`));
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Independent oracle: sort the true gains (descending, ties by index), sum the top m. */
function oracleDirect(weak: Float64Array, strong: Float64Array, share: number): number {
  const n = weak.length;
  const items = Array.from({ length: n }, (_, i) => ({ i, g: strong[i] - weak[i] }));
  items.sort((a, b) => b.g - a.g || a.i - b.i);
  const m = Math.round(share * n);
  const routed = new Set(items.slice(0, m).map((t) => t.i));
  let v = 0;
  for (let i = 0; i < n; i++) v += routed.has(i) ? strong[i] : weak[i];
  return v / n;
}

test('random and oracle curves agree with a direct computation to 1e-9; random APGR is 0.5 (gsm8k-gpt3-verifier, costs [1, 100])', () => {
  const dir = tmpDir('verifier');
  const run = runRouting({ dataset: 'gsm8k-gpt3-verifier', candidates: ONE, bootstrap: 50, outDir: dir });
  const ds = loadRouting('gsm8k-gpt3-verifier');
  const w = ds.rewards[0];
  const s = ds.rewards[1];
  const n = w.length;
  const r = readJson(path.join(dir, 'results.json')) as {
    x: number[]; curves: Record<string, number[]>; offlineSpent: number[]; cost: Record<string, number[]>;
    metrics: { apgr: Record<string, number> }; kind: string; n: number;
  };
  assert.equal(r.kind, 'routing');
  assert.equal(r.n, 1319);
  assert.deepEqual(r.x, Array.from({ length: 21 }, (_, k) => k / 20));
  let mw = 0;
  let ms = 0;
  for (let i = 0; i < n; i++) {
    mw += w[i];
    ms += s[i];
  }
  mw /= n;
  ms /= n;
  r.x.forEach((x, k) => {
    const rand = (1 - x) * mw + x * ms;
    assert.ok(Math.abs(r.curves.random[k] - rand) < 1e-9, `random at ${x}: ${r.curves.random[k]} vs ${rand}`);
    const orc = oracleDirect(w, s, x);
    assert.ok(Math.abs(r.curves.oracle[k] - orc) < 1e-9, `oracle at ${x}: ${r.curves.oracle[k]} vs ${orc}`);
    assert.ok(r.curves.oracle[k] >= r.curves.online[k] - 1e-12, 'oracle is the optimum');
    // Online: the top round(x n) pooled out-of-fold predictions, recomputed here.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => run.pred[b] - run.pred[a] || a - b);
    const top = new Set(order.slice(0, Math.round(x * n)));
    let on = 0;
    for (let i = 0; i < n; i++) on += top.has(i) ? s[i] : w[i];
    assert.ok(Math.abs(r.curves.online[k] - on / n) < 1e-9, `online at ${x}`);
    // Cost axis: average cost per query = (1 - spent) * 1 + spent * 100.
    assert.ok(Math.abs(r.cost.offline[k] - (1 + 99 * r.offlineSpent[k])) < 1e-9);
    assert.ok(Math.abs(r.cost.random[k] - (1 + 99 * x)) < 1e-9);
  });
  assert.ok(Math.abs(r.metrics.apgr.random - 0.5) < 1e-6, `random APGR ${r.metrics.apgr.random}`);
  assert.equal(r.offlineSpent[0], 0);
  assert.equal(r.offlineSpent[20], 1);
  assert.ok(Math.abs(r.curves.offline[20] - ms) < 1e-9);
  // Every query is evaluated exactly once, by a fold that did not train on it.
  for (const o of run.folds) {
    const train = new Set([...o.fold.fit, ...o.fold.heldout]);
    for (const i of o.fold.test) assert.ok(!train.has(i));
  }
  assert.equal(run.folds.reduce((a, o) => a + o.fold.test.length, 0), n);
});

test('two runs write byte-identical results.json; inner CV chooses among all candidates (routellm-mtbench)', () => {
  const a = tmpDir('a');
  const b = tmpDir('b');
  const ra = runRouting({ dataset: 'routellm-mtbench', bootstrap: 100, outDir: a });
  runRouting({ dataset: 'routellm-mtbench', bootstrap: 100, outDir: b });
  const fa = fs.readFileSync(path.join(a, 'results.json'));
  const fb = fs.readFileSync(path.join(b, 'results.json'));
  assert.ok(fa.equals(fb), 'results.json differs between two runs');
  const r = readJson(path.join(a, 'results.json')) as { reward: string; metrics: { apgr: Record<string, number> }; groups: Record<string, Record<string, { count: number }>> };
  assert.equal(r.reward, 'continuous');
  assert.ok(Math.abs(r.metrics.apgr.random - 0.5) < 1e-6);
  assert.deepEqual(Object.keys(r.groups.online), ['strongBetter', 'tie', 'weakBetter']);
  for (const o of ra.folds) assert.equal(o.cvScores.length, 4);
});

test('the router never sees the rewards of its test queries (predictions unchanged when they change)', () => {
  const ds = loadRouting('routellm-mtbench');
  const [fold] = planRoutingFolds({ n: ds.queries.length }, 5, 3, 0.3);
  const base = predictRoutingFold(ds, fold, { seed: 1 });
  const flipped = { ...ds, rewards: ds.rewards.map((r) => Float64Array.from(r)) };
  for (const i of fold.test) {
    flipped.rewards[0][i] = 10 - flipped.rewards[0][i];
    flipped.rewards[1][i] = 1;
  }
  const again = predictRoutingFold(flipped, fold, { seed: 1 });
  assert.deepEqual(Array.from(again.test), Array.from(base.test));
  assert.deepEqual(Array.from(again.heldout), Array.from(base.heldout));
});

test('bootstrap curve bands equal lib/evaluate routingBands on the same seed; metric bands hold the full-sample value', () => {
  const rng = makeRng(5);
  const n = 400;
  const weak = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  const strong = Float64Array.from({ length: n }, (_, i) => (rng.next() < 0.3 + 0.5 * weak[i] ? 1 : 0));
  const pred = Float64Array.from({ length: n }, (_, i) => strong[i] - weak[i] + rng.normal());
  const x = routingGrid();
  const rc = routingCurves({ weak, strong, shares: x, predGain: pred });
  const first = (nm: string): Int32Array => firstStrongIndex(x.map((_, k) => routeMask(rc, nm, k) as Uint8Array));
  const groups = outcomeGroups(weak, strong, true);
  const routed = { oracle: { first: first('oracle'), share: Array.from(rc.spent.oracle) }, online: { first: first('online'), share: Array.from(rc.spent.online) } };
  const mine = routingBootstrap({ weak, strong, x, routed, groups, resamples: 200, seed: 9 });
  const theirs = routingBands(rc, weak, strong, { B: 200, seed: 9 });
  for (const nm of ['random', 'oracle', 'online']) {
    for (let k = 0; k < x.length; k++) {
      assert.ok(Math.abs(mine.bands[nm].lo[k] - theirs.bands[nm].lo[k]) < 1e-9, `${nm} lo at ${k}`);
      assert.ok(Math.abs(mine.bands[nm].hi[k] - theirs.bands[nm].hi[k]) < 1e-9, `${nm} hi at ${k}`);
      if (nm !== 'random') {
        assert.ok(Math.abs(mine.pairedBands[nm].lo[k] - theirs.paired[nm].lo[k]) < 1e-9, `${nm} paired lo at ${k}`);
        assert.ok(Math.abs(mine.pairedBands[nm].hi[k] - theirs.paired[nm].hi[k]) < 1e-9, `${nm} paired hi at ${k}`);
      }
    }
  }
  // The curve from `first` equals lib/evaluate's curve.
  const gain = Float64Array.from(strong, (s, i) => s - weak[i]);
  const oc = routingCurveFromFirst(weak, gain, routed.oracle.first, x.length);
  oc.forEach((v, k) => assert.ok(Math.abs(v - rc.curves.oracle[k]) < 1e-12));
  const apgrBand = mine.metricBands.apgr.online;
  assert.ok(apgrBand.lo !== null && apgrBand.hi !== null && apgrBand.lo < apgrBand.hi);
  assert.ok(Math.abs((mine.metricBands.apgr.random.lo as number) - 0.5) < 1e-9);
});

test('firstStrongIndex rejects routings that are not nested', () => {
  const a = Uint8Array.of(0, 1, 0);
  const b = Uint8Array.of(1, 1, 0);
  assert.deepEqual(Array.from(firstStrongIndex([a, b])), [1, 0, 2]);
  assert.throws(() => firstStrongIndex([b, a]), /not nested/);
});

test('outcome groups and share routed by group, hand-checked', () => {
  const weak = Float64Array.of(0, 1, 0, 1, 0);
  const strong = Float64Array.of(1, 1, 0, 0, 1);
  const g = outcomeGroups(weak, strong, true);
  assert.deepEqual(g.keys, ['strongOnly', 'bothRight', 'bothWrong', 'weakOnly']);
  assert.deepEqual(Array.from(g.group), [0, 1, 2, 3, 0]);
  assert.deepEqual(g.counts, [2, 1, 1, 1]);
  // query 0 strong from grid point 0, query 4 from point 1, the rest never (K = 2)
  const sg = shareByGroup(g, Int32Array.of(0, 2, 2, 2, 1), 2);
  assert.deepEqual(sg[0], [0.5, 1]);
  assert.deepEqual(sg[1], [0, 0]);
  const c = outcomeGroups(Float64Array.of(5, 7, 9), Float64Array.of(8, 7, 3), false);
  assert.deepEqual(Array.from(c.group), [0, 1, 2]);
  assert.equal(winLabel(0, 1, true), 1);
  assert.equal(winLabel(1, 1, true), 0);
  assert.equal(winLabel(7, 7, false), 0.5);
});
