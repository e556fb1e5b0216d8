import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextStats, TEXT_STAT_NAMES } from '../../lib/features/text_stats';
import { PythonCodeFeatures, CODE_FEATURE_NAMES } from '../../lib/features/code_features';
import { MetaFeatures } from '../../lib/features/metadata';
import { EmbeddingFeatures } from '../../lib/features/embeddings';
import { Concat } from '../../lib/features/concat';
import { HashedTfidf } from '../../lib/features/tfidf';
import { toDense } from '../../lib/features/sparse';
import type { Query } from '../../lib/data/types';

const q = (id: string, text: string, meta: Record<string, unknown> = {}): Query => ({ id, text, meta });
const stat = (text: string, name: string): number => TextStats.raw(text)[TEXT_STAT_NAMES.indexOf(name)];

test('TextStats raw values by hand', () => {
  const t = 'Tom has 12 apples.\nHe eats 3.5 of them, 2 + 1 = 3?';
  assert.equal(stat(t, 'chars'), t.length);
  assert.equal(stat(t, 'words'), 14);
  assert.equal(stat(t, 'lines'), 2);
  assert.equal(stat(t, 'numbers'), 5); // 12, 3.5, 2, 1, 3
  assert.equal(stat(t, 'operators'), 2); // + =
  assert.equal(stat(t, 'question_marks'), 1);
  assert.equal(stat(t, 'log_max_number'), Math.log1p(12));
});

test('TextStats standardises with training mean/std only', () => {
  const train = [q('a', 'one two'), q('b', 'one two three four')];
  const f = new TextStats().fit(train);
  const X = f.transform(train);
  const w = TEXT_STAT_NAMES.indexOf('words');
  assert.deepEqual([X.data[w], X.data[X.cols + w]], [-1, 1]); // words 2 and 4: mean 3, std 1
  const Y = f.transform([q('c', 'one two three four five')]);
  assert.equal(Y.data[w], 2);
  assert.equal(f.transform([]).rows, 0);
});

test('PythonCodeFeatures counts depth, loops, calls and statements', () => {
  const code = 'def f(xs):\n    """Sum."""\n    s = 0\n    for x in xs:\n        if x > 0:\n            s += g(x)\n    return s\n';
  const r = PythonCodeFeatures.raw(code);
  const v = (n: string): number => r[CODE_FEATURE_NAMES.indexOf(n)];
  assert.equal(v('max_depth'), 3);
  assert.equal(v('loops'), 1);
  assert.equal(v('branches'), 1);
  assert.equal(v('functions'), 1);
  assert.equal(v('returns'), 1);
  assert.equal(v('calls'), 2); // f( and g(
  assert.equal(v('docstring_lines'), 1);
  assert.equal(v('statements'), 6); // def, s = 0, for, if, s +=, return
});

test('MetaFeatures: keys, accessor, booleans, and errors naming the query and field', () => {
  const train = [q('a', '', { rate: 0.2, ok: true, nums: [1, 2] }), q('b', '', { rate: 0.6, ok: false, nums: [3, 4] })];
  const f = new MetaFeatures({ keys: ['rate', 'ok'], standardize: false }).fit(train);
  assert.deepEqual(Array.from(f.transform(train).data), [0.2, 1, 0.6, 0]);
  const g = new MetaFeatures({ names: ['n0', 'n1'], accessor: (x) => x.meta.nums as number[] }).fit(train);
  assert.deepEqual(Array.from(g.transform(train).data), [-1, -1, 1, 1]);
  assert.throws(() => f.transform([q('zz', '', { rate: 'abc', ok: 1 })]), /query zz, field 'rate'/);
  const h = new MetaFeatures({ keys: ['rate'], missing: 'mean' }).fit(train);
  assert.deepEqual(Array.from(h.transform([q('c', '', {})]).data), [0]);
});

test('EmbeddingFeatures joins by id (not position) and names unknown ids', () => {
  const e = new EmbeddingFeatures({ ids: ['x', 'y'], dim: 2, data: Float32Array.of(1, 2, 3, 4) });
  const X = e.fit([q('x', '')]).transform([q('y', ''), q('x', '')]);
  assert.deepEqual(Array.from(X.data), [3, 4, 1, 2]);
  assert.throws(() => e.transform([q('nope', '')]), /no embedding for 1 query id\(s\), e.g. 'nope'/);
  const m = new EmbeddingFeatures(new Map([['x', Float32Array.of(3, 4)]]), { l2normalize: true }).fit([q('x', '')]);
  const u = m.transform([q('x', '')]).data;
  assert.ok(Math.abs(u[0] - 0.6) < 1e-12 && Math.abs(u[1] - 0.8) < 1e-12);
});

test('Concat: stable offsets, CSR when a part is sparse, dense otherwise', () => {
  const train = [q('a', 'alpha beta'), q('b', 'gamma 12')];
  const c = new Concat([new HashedTfidf({ dim: 64 }), new TextStats()]).fit(train);
  assert.deepEqual(Array.from(c.offsets ?? []), [0, 64, 64 + TEXT_STAT_NAMES.length]);
  const X = c.transform(train);
  assert.equal(X.kind, 'csr');
  assert.equal(X.cols, 64 + TEXT_STAT_NAMES.length);
  const dense = toDense(X);
  const ts = new TextStats().fit(train).transform(train);
  for (let j = 0; j < ts.cols; j++) assert.equal(dense.data[64 + j], ts.data[j]);
  const d = new Concat([new TextStats(), new MetaFeatures({ keys: ['k'], missing: 'mean' })]).fit(train);
  assert.equal(d.transform(train).kind, 'dense');
});
