/**
 * Assemble and validate the two dataset shapes (types.ts). Source loaders and user-file loaders
 * build per-record arrays, then call these to check what holds across records: unique ids,
 * non-empty text, 0 <= c <= n, n >= 1, equal sample counts where required, finite rewards,
 * reranker scores of the same length as the samples, every procedure present for every query.
 *
 * Example: `makeBestOfK({name: 'x', reward: 'binary', queries, counts: {n, c}, source: 'x.jsonl',
 * file: 'x.jsonl', records: ['line 1', 'line 2']})`.
 */
import { DataError, show } from './errors';
import type { BestOfKDataset, Query, RewardKind, RoutingDataset } from './types';

/** What a loader knows about the records it parsed, for error messages. */
export interface RecordLabels {
  /** File the records came from (for error messages). */
  file: string;
  /** Label of record i (e.g. 'line 12', 'index 3'); default `index i`. */
  records?: string[];
  /** File of record i when records come from several files (default `file`). */
  recordFiles?: string[];
}

function fileOf(l: RecordLabels, i: number): string {
  return l.recordFiles?.[i] ?? l.file;
}

function label(l: RecordLabels, i: number): string {
  return l.records?.[i] ?? `index ${i}`;
}

/** Check ids unique and texts non-empty. */
export function checkQueries(queries: Query[], l: RecordLabels, fields = { id: 'id', text: 'text' }): void {
  if (queries.length === 0) throw new DataError(l.file, 'file', '(file)', 'no records');
  const seen = new Map<string, number>();
  queries.forEach((q, i) => {
    if (typeof q.id !== 'string' || q.id === '') throw new DataError(fileOf(l, i), label(l, i), fields.id, `empty id`);
    const prev = seen.get(q.id);
    if (prev !== undefined) {
      throw new DataError(fileOf(l, i), label(l, i), fields.id, `duplicate id ${show(q.id)} (first at ${label(l, prev)})`);
    }
    seen.set(q.id, i);
    if (typeof q.text !== 'string' || q.text.trim() === '') throw new DataError(fileOf(l, i), label(l, i), fields.text, 'empty text');
  });
}

export interface BestOfKParts extends RecordLabels {
  name: string;
  reward: RewardKind;
  queries: Query[];
  counts?: { n: Int32Array; c: Int32Array };
  samples?: Float64Array[];
  scores?: Float64Array[];
  model?: string;
  split?: { train: Int32Array; test: Int32Array };
  source: string;
  /** Require every query to have the same number of samples (default true). */
  equalSamples?: boolean;
  /** Field names used in errors (defaults: id, text, n, c, samples, scores). */
  fields?: Partial<Record<'id' | 'text' | 'n' | 'c' | 'samples' | 'scores', string>>;
}

/** Validate and assemble a BestOfKDataset; bmax = the smallest n_i. */
export function makeBestOfK(p: BestOfKParts): BestOfKDataset {
  const f = { id: 'id', text: 'text', n: 'n', c: 'c', samples: 'samples', scores: 'scores', ...p.fields };
  checkQueries(p.queries, p, f);
  const m = p.queries.length;
  if ((p.counts === undefined) === (p.samples === undefined)) {
    throw new DataError(p.file, 'file', f.samples, 'exactly one of counts / samples must be given');
  }
  let bmax = Infinity;
  const equal = p.equalSamples ?? true;
  if (p.counts) {
    const { n, c } = p.counts;
    if (n.length !== m || c.length !== m) throw new DataError(p.file, 'file', f.n, `counts for ${n.length} queries, expected ${m}`);
    if (p.reward !== 'binary') throw new DataError(p.file, 'file', f.c, 'counts need reward "binary"');
    for (let i = 0; i < m; i++) {
      if (n[i] < 1) throw new DataError(fileOf(p, i), label(p, i), f.n, `n must be >= 1, got ${n[i]}`);
      if (c[i] < 0) throw new DataError(fileOf(p, i), label(p, i), f.c, `negative count c = ${c[i]}`);
      if (c[i] > n[i]) throw new DataError(fileOf(p, i), label(p, i), f.c, `c = ${c[i]} exceeds n = ${n[i]}`);
      if (equal && n[i] !== n[0]) {
        throw new DataError(fileOf(p, i), label(p, i), f.n, `ragged samples: n = ${n[i]} but ${label(p, 0)} has ${n[0]} (equal counts required)`);
      }
      bmax = Math.min(bmax, n[i]);
    }
  } else {
    const s = p.samples as Float64Array[];
    if (s.length !== m) throw new DataError(p.file, 'file', f.samples, `samples for ${s.length} queries, expected ${m}`);
    for (let i = 0; i < m; i++) {
      if (s[i].length < 1) throw new DataError(fileOf(p, i), label(p, i), f.samples, 'no samples');
      if (equal && s[i].length !== s[0].length) {
        throw new DataError(fileOf(p, i), label(p, i), f.samples, `ragged samples: ${s[i].length} samples but ${label(p, 0)} has ${s[0].length} (equal counts required)`);
      }
      for (let j = 0; j < s[i].length; j++) {
        const x = s[i][j];
        if (!Number.isFinite(x)) throw new DataError(fileOf(p, i), label(p, i), f.samples, `sample ${j}: reward ${x} is not a finite number`);
        if ((p.reward === 'binary' || p.reward === 'reranked') && x !== 0 && x !== 1) {
          throw new DataError(fileOf(p, i), label(p, i), f.samples, `sample ${j}: reward ${x} must be 0 or 1 for reward "${p.reward}"`);
        }
      }
      bmax = Math.min(bmax, s[i].length);
    }
  }
  if (p.scores) {
    if (!p.samples) throw new DataError(p.file, 'file', f.scores, 'reranker scores need per-sample rewards');
    if (p.scores.length !== m) throw new DataError(p.file, 'file', f.scores, `scores for ${p.scores.length} queries, expected ${m}`);
    for (let i = 0; i < m; i++) {
      if (p.scores[i].length !== p.samples[i].length) {
        throw new DataError(fileOf(p, i), label(p, i), f.scores, `${p.scores[i].length} scores for ${p.samples[i].length} samples`);
      }
      for (let j = 0; j < p.scores[i].length; j++) {
        if (!Number.isFinite(p.scores[i][j])) throw new DataError(fileOf(p, i), label(p, i), f.scores, `sample ${j}: score ${p.scores[i][j]} is not finite`);
      }
    }
  } else if (p.reward === 'reranked') {
    throw new DataError(p.file, 'file', f.scores, 'reward "reranked" needs reranker scores');
  }
  const ds: BestOfKDataset = { name: p.name, kind: 'best-of-k', reward: p.reward, queries: p.queries, bmax, source: p.source };
  if (p.counts) ds.counts = p.counts;
  if (p.samples) ds.samples = p.samples;
  if (p.scores) ds.scores = p.scores;
  if (p.model !== undefined) ds.model = p.model;
  if (p.split) ds.split = p.split;
  return ds;
}

export interface RoutingParts extends RecordLabels {
  name: string;
  queries: Query[];
  procedures: string[];
  /** rewards[k][i]; NaN marks "missing" and is an error naming the procedure. */
  rewards: Float64Array[];
  costs: ArrayLike<number>;
  binary: boolean;
  split?: { train: Int32Array; test: Int32Array };
  source: string;
  fields?: Partial<Record<'id' | 'text', string>>;
}

/** Resolve caller costs against defaults: same length, finite, > 0. */
export function resolveCosts(procedures: string[], defaults: number[], costs?: ArrayLike<number>): Float64Array {
  const c = costs ?? defaults;
  if (c.length !== procedures.length) {
    throw new Error(`costs: expected ${procedures.length} values (one per procedure: ${procedures.join(', ')}), got ${c.length}`);
  }
  const out = Float64Array.from(c);
  out.forEach((x, k) => {
    if (!Number.isFinite(x) || x <= 0) throw new Error(`costs: cost of ${procedures[k]} must be a positive number, got ${x}`);
  });
  return out;
}

/** Validate and assemble a RoutingDataset. */
export function makeRouting(p: RoutingParts): RoutingDataset {
  checkQueries(p.queries, p, { id: p.fields?.id ?? 'id', text: p.fields?.text ?? 'text' });
  if (p.procedures.length < 2) throw new DataError(p.file, 'file', '(procedures)', `need at least two procedures, got ${p.procedures.length}`);
  if (p.rewards.length !== p.procedures.length) throw new DataError(p.file, 'file', '(procedures)', 'one reward array per procedure required');
  const m = p.queries.length;
  for (let k = 0; k < p.procedures.length; k++) {
    const r = p.rewards[k];
    if (r.length !== m) throw new DataError(p.file, 'file', p.procedures[k], `rewards for ${r.length} queries, expected ${m}`);
    for (let i = 0; i < m; i++) {
      if (Number.isNaN(r[i])) throw new DataError(fileOf(p, i), label(p, i), p.procedures[k], `procedure ${show(p.procedures[k])} missing for this query`);
      if (!Number.isFinite(r[i])) throw new DataError(fileOf(p, i), label(p, i), p.procedures[k], `reward ${r[i]} is not finite`);
      if (p.binary && r[i] !== 0 && r[i] !== 1) throw new DataError(fileOf(p, i), label(p, i), p.procedures[k], `binary reward must be 0 or 1, got ${r[i]}`);
    }
  }
  const ds: RoutingDataset = {
    name: p.name,
    kind: 'routing',
    queries: p.queries,
    procedures: p.procedures,
    rewards: p.rewards,
    costs: resolveCosts(p.procedures, Array.from(p.costs)),
    binary: p.binary,
    source: p.source,
  };
  if (p.split) ds.split = p.split;
  return ds;
}
