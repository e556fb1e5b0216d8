import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HashedTfidf } from '../../lib/features/tfidf';
import { fnv1a } from '../../lib/features/hash';
import { toDense, selectRows } from '../../lib/features/sparse';
import type { Query } from '../../lib/data/types';

const q = (id: string, text: string): Query => ({ id, text, meta: {} });

test('fnv1a matches the published FNV-1a 32-bit values', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

test('tf and idf by hand: sublinear tf, smoothed idf, no norm', () => {
  const f = new HashedTfidf({ dim: 2 ** 20, wordNgrams: [1, 1], norm: 'none' }).fit([q('1', 'a a b'), q('2', 'b')]);
  const X = f.transform([q('t', 'a a b')]);
  const vals = Array.from(X.values).sort((x, y) => x - y);
  // b: tf 1, df 2 -> idf ln(3/3)+1 = 1;  a: tf 1 + ln 2, df 1 -> idf ln(3/2)+1
  assert.equal(vals.length, 2);
  assert.ok(Math.abs(vals[0] - 1) < 1e-12);
  assert.ok(Math.abs(vals[1] - (1 + Math.log(2)) * (Math.log(1.5) + 1)) < 1e-12);
});

test('l2 rows have unit norm; word bigrams and char n-grams add features', () => {
  const f = new HashedTfidf({ wordNgrams: [1, 2], charNgrams: [3, 4] }).fit([q('1', 'What is 2 + 3?'), q('2', 'Compute 7 * 8.')]);
  const X = f.transform([q('1', 'What is 2 + 3?')]);
  let ss = 0;
  for (const v of X.values) ss += v * v;
  assert.ok(Math.abs(ss - 1) < 1e-12);
  const words = new HashedTfidf({ wordNgrams: [1, 1] }).fit([q('1', 'What is 2 + 3?')]).transform([q('1', 'What is 2 + 3?')]);
  assert.equal(words.indptr[1], 6); // what, is, 2, +, 3, ?
  assert.ok(X.indptr[1] > 6 + 5);
});

test('no leakage: fitted on training rows, a row transforms the same with or without test rows', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 8 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), (train, test) => {
      const trainQ = train.map((t, i) => q(`tr${i}`, t));
      const testQ = test.map((t, i) => q(`te${i}`, t));
      const f = new HashedTfidf({ dim: 1024, charNgrams: [2, 3] }).fit(trainQ);
      const alone = toDense(f.transform(trainQ)).data;
      const mixed = f.transform([...testQ, ...trainQ]);
      const part = toDense(selectRows(mixed, Array.from(trainQ, (_, i) => testQ.length + i))).data;
      assert.deepEqual(Array.from(part), Array.from(alone));
    }),
    { numRuns: 50 },
  );
});

test('transform before fit and bad n-gram ranges throw', () => {
  assert.throws(() => new HashedTfidf().transform([q('1', 'x')]), /call fit/);
  assert.throws(() => new HashedTfidf({ wordNgrams: [2, 1] }), /n-gram range/);
});
