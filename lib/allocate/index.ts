/**
 * allocate: turn per-query marginal gains (true or predicted) into per-query budgets under a
 * total budget: exact heap greedy, threshold allocator for binary closed-form gains, exact
 * fallbacks for non-concave gains, uniform and oracle baselines, the offline binned policy and
 * routing between a weak and a strong procedure.
 */
export * from './options';
export * from './objective';
export * from './greedy';
export * from './concave';
export * from './exact';
export * from './allocate';
export * from './uniform';
export * from './oracle';
export * from './offline';
export * from './routing';
export * from './threshold';
export * from './prior';
export * from './two_stage';
export * from './ilp';
export * from './sorted_path';
