import type { FeatureMatrix } from '../features/types';

/**
 * Targets for a binary-reward success predictor: the empirical success rate of each training
 * query and a weight (its number of samples).
 */
export interface SuccessTargets {
  rate: Float64Array;
  weight: Float64Array;
}

/** Predicts p(x) = chance one sample is correct. */
export interface SuccessPredictor {
  readonly name: string;
  fit(X: FeatureMatrix, y: SuccessTargets): this;
  predict(X: FeatureMatrix): Float64Array;
}

/**
 * Predicts the marginal rewards Delta_1..Delta_bmax per query (continuous rewards), as a
 * row-major n x bmax array, non-negative and non-increasing in j by construction.
 * Targets: the gains table of the training queries (same layout).
 */
export interface GainVectorPredictor {
  readonly name: string;
  fit(X: FeatureMatrix, gains: Float64Array, bmax: number): this;
  predict(X: FeatureMatrix): Float64Array;
}

/** Predicts a per-query scalar (e.g. routing gain E[r_strong] - E[r_weak], or P(strong better)). */
export interface ScalarPredictor {
  readonly name: string;
  fit(X: FeatureMatrix, y: Float64Array, weight?: Float64Array): this;
  predict(X: FeatureMatrix): Float64Array;
}
