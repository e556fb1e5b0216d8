/**
 * The two dataset shapes every later stage consumes. Loaders (this folder) produce them;
 * nothing downstream reads raw files.
 */

/** One query (prompt, problem, puzzle). `meta` holds domain fields (e.g. Game-of-24 numbers). */
export interface Query {
  id: string;
  text: string;
  meta: Record<string, unknown>;
}

/** How a best-of-k dataset scores its samples. */
export type RewardKind = 'binary' | 'continuous' | 'reranked';

/**
 * Best-of-k data: per query, either binary counts (n_i samples, c_i correct) or the rewards of
 * each sample (and, for `reranked`, a reranker score per sample: the reranker picks the
 * top-scored sample among those drawn, its true reward counts).
 * Exactly one of `counts` / `samples` is set.
 */
export interface BestOfKDataset {
  name: string;
  kind: 'best-of-k';
  reward: RewardKind;
  queries: Query[];
  /** Binary rewards as counts: n[i] samples, c[i] of them correct. */
  counts?: { n: Int32Array; c: Int32Array };
  /** Per query, the reward of each sample (length n_i). */
  samples?: Float64Array[];
  /** Per query, the reranker's score of each sample (same length as samples[i]); `reranked` only. */
  scores?: Float64Array[];
  /** Largest evaluable budget: the smallest n_i. */
  bmax: number;
  /** The generating model, where the file holds several. */
  model?: string;
  /** Official split as query indices, where the source has one. */
  split?: { train: Int32Array; test: Int32Array };
  /** Free-form provenance: files, notes. */
  source: string;
}

/**
 * Routing data: per query, the reward of each procedure (index 0 the cheapest), and each
 * procedure's cost per call.
 */
export interface RoutingDataset {
  name: string;
  kind: 'routing';
  queries: Query[];
  /** Procedure names, cheapest first (e.g. ['mistralai/Mixtral-8x7B-Instruct-v0.1', 'gpt-4-1106-preview']). */
  procedures: string[];
  /** rewards[k][i]: reward of procedure k on query i. */
  rewards: Float64Array[];
  /** cost[k]: cost of one call of procedure k (default 1 each; the caller may set them). */
  costs: Float64Array;
  /** True when rewards are 0/1 (correctness), false for scores (e.g. judge 1-10). */
  binary: boolean;
  split?: { train: Int32Array; test: Int32Array };
  source: string;
}

export type Dataset = BestOfKDataset | RoutingDataset;
