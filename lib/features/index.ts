/** Featurizers (fit on training queries only) and the matrix helpers predictors use. */
export * from './types';
export * from './hash';
export * from './sparse';
export * from './standardize';
export * from './tfidf';
export * from './text_stats';
export * from './code_features';
export * from './metadata';
export * from './embeddings';
export * from './concat';
