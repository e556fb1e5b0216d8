import type { GainTable, QTable } from '../rewards/types';

/**
 * Objective of an allocation: sum_i q(i, b_i), read from a q table.
 *
 * @example
 * qObjective({ n: 1, bmax: 2, q: Float64Array.of(0, 0.5, 0.75) }, Int32Array.of(2)); // 0.75
 */
export function qObjective(q: QTable, budgets: Int32Array): number {
  checkBudgets('qObjective', q.n, q.bmax, budgets);
  const w = q.bmax + 1;
  let s = 0;
  for (let i = 0; i < q.n; i++) s += q.q[i * w + budgets[i]];
  return s;
}

/**
 * Objective of an allocation from marginal gains: sum_i sum_{j <= b_i} Delta_ij.
 *
 * @example
 * gainObjective({ n: 1, bmax: 2, gains: Float64Array.of(0.5, 0.25) }, Int32Array.of(2)); // 0.75
 */
export function gainObjective(gains: GainTable, budgets: Int32Array): number {
  checkBudgets('gainObjective', gains.n, gains.bmax, budgets);
  let s = 0;
  for (let i = 0; i < gains.n; i++) {
    const o = i * gains.bmax;
    for (let j = 0; j < budgets[i]; j++) s += gains.gains[o + j];
  }
  return s;
}

function checkBudgets(who: string, n: number, bmax: number, budgets: Int32Array): void {
  if (budgets.length !== n) throw new Error(`${who}: ${budgets.length} budgets for ${n} queries`);
  for (let i = 0; i < n; i++) {
    if (budgets[i] < 0 || budgets[i] > bmax) throw new Error(`${who}: budget ${budgets[i]} of query ${i} outside [0, ${bmax}]`);
  }
}
