/**
 * rewards: estimators of q(x, b), the expected reward of a query with budget b, from generated
 * samples (pass@k, expected best-of-k, reranked best-of-k), and the per-query tables and
 * marginal gains every allocator consumes.
 */
export * from './types';
export * from './pass_at_k';
export * from './order_statistic_weights';
export * from './expected_max_of_k';
export { rerankedBestOfK } from './reranked_best_of_k';
export * from './success_gains';
export * from './tables';
