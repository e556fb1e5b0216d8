/**
 * Per-query reward tables, stored as one row-major typed array for the whole dataset.
 *
 * QTable: q[i * (bmax + 1) + b] = expected reward of query i with budget b, b = 0..bmax
 *   (q at b = 0 is 0: no sample, no answer).
 * GainTable: gains[i * bmax + (j - 1)] = Delta_ij = q(i, j) - q(i, j - 1), j = 1..bmax.
 */
export interface QTable {
  n: number;
  bmax: number;
  q: Float64Array;
}

export interface GainTable {
  n: number;
  bmax: number;
  gains: Float64Array;
}
