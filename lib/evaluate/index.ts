/**
 * evaluate: value allocations on the true reward tables, curves for any set of allocators,
 * seeded bootstrap bands (with paired differences against the baseline), the issue 5/6
 * metrics, routing curves and RouteLLM's APGR/CPT, and the results.json / summary writers.
 */
export * from './value';
export * from './curves';
export * from './bootstrap';
export * from './metrics';
export * from './routing';
export * from './results';
export * from './sequential';
export * from './fast_curves';
