import type { QTable } from '../rewards/types';

/**
 * Value of an allocation on the true reward tables.
 *
 *   perQueryValues(q, b)[i] = q_i(b_i),      meanValue(q, b) = (1/n) sum_i q_i(b_i)
 *
 * `q` is the row-major table of lib/rewards/types.ts (q_i(0) = 0), `budgets` one integer
 * budget per query in 0..bmax.
 *
 * @example
 * const q = { n: 2, bmax: 2, q: Float64Array.from([0, 0.5, 0.75,  0, 0.1, 0.19]) };
 * meanValue(q, Int32Array.from([2, 1])); // (0.75 + 0.1) / 2 = 0.425
 */
export function perQueryValues(q: QTable, budgets: Int32Array, out?: Float64Array): Float64Array {
  checkBudgets(q, budgets, 'perQueryValues');
  const res = out ?? new Float64Array(q.n);
  if (res.length !== q.n) throw new Error(`perQueryValues: out has length ${res.length}, expected n = ${q.n}`);
  const stride = q.bmax + 1;
  for (let i = 0; i < q.n; i++) res[i] = q.q[i * stride + budgets[i]];
  return res;
}

/** Mean over queries of q_i(b_i). See {@link perQueryValues}. */
export function meanValue(q: QTable, budgets: Int32Array): number {
  checkBudgets(q, budgets, 'meanValue');
  const stride = q.bmax + 1;
  let s = 0;
  for (let i = 0; i < q.n; i++) s += q.q[i * stride + budgets[i]];
  return q.n > 0 ? s / q.n : NaN;
}

/** Mean of the budgets: the average budget per query an allocation actually spends. */
export function meanBudget(budgets: Int32Array): number {
  let s = 0;
  for (let i = 0; i < budgets.length; i++) s += budgets[i];
  return budgets.length > 0 ? s / budgets.length : NaN;
}

/** Throws unless `budgets` has one integer in 0..bmax per query of `q`. */
export function checkBudgets(q: QTable, budgets: Int32Array, where: string): void {
  if (q.q.length !== q.n * (q.bmax + 1)) {
    throw new Error(`${where}: QTable has ${q.q.length} entries, expected n * (bmax + 1) = ${q.n * (q.bmax + 1)}`);
  }
  if (budgets.length !== q.n) throw new Error(`${where}: ${budgets.length} budgets for n = ${q.n} queries`);
  for (let i = 0; i < budgets.length; i++) {
    const b = budgets[i];
    if (b < 0 || b > q.bmax) throw new Error(`${where}: budget of query ${i} is ${b}, outside 0..bmax = ${q.bmax}`);
  }
}
