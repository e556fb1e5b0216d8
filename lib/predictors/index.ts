/** Predictors (one interface per kind: constructor config, fit, predict), gain adapters, CV, diagnostics. */
export * from './types';
export * from './lbfgs';
export * from './active_columns';
export * from './logistic';
export * from './mlp';
export * from './vector_gain';
export * from './routing_gain';
export * from './constant';
export * from './adapter';
export * from './cv';
export * from './diagnostics';
