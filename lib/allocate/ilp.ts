/**
 * The allocation integer program of METHOD.md, written in CPLEX LP format and solved exactly by
 * HiGHS (the `highs` package, WebAssembly). Slow compared with the greedy (it is a general MIP
 * solver), so use it to verify allocators on small instances, as the tests and the method tour do.
 *
 *   max  sum_ij c_ij Delta_ij
 *   s.t. sum_ij c_ij <= B   (or = min(B, n cap) with exactSum)
 *        c_ij >= c_i(j+1)   (unit j+1 only after unit j)
 *        c_i1 = 1           when minPerQuery = 1
 *        c_ij in {0, 1},    j = 1..cap
 * Then b_i = sum_j c_ij.
 *
 * @example
 * const r = await solveAllocationIlp({ n: 2, bmax: 2, gains: Float64Array.of(0.5, 0.2, 0.4, 0.3) }, 2);
 * // r.objective = 0.9, r.budgets = Int32Array [1, 1]
 */
import highsLoader from 'highs';
import type { GainTable } from '../rewards/types';

export interface IlpOptions {
  /** Cap per query (default gains.bmax). */
  cap?: number;
  minPerQuery?: 0 | 1;
  /** Require exactly min(B, n cap) units instead of at most B. */
  exactSum?: boolean;
}

export interface IlpSolution {
  objective: number;
  budgets: Int32Array;
  /** The LP text handed to HiGHS (handy for teaching). */
  lp: string;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | undefined;

/** One HiGHS instance per process (loading the WebAssembly module takes ~100 ms). */
export function getHighs(): Promise<Highs> {
  solver ??= highsLoader();
  return solver;
}

const varName = (i: number, j: number): string => `x_${i}_${j}`;

/** The program above in CPLEX LP format. */
export function allocationLp(gains: GainTable, total: number, opts: IlpOptions = {}): string {
  const { n, bmax } = gains;
  const cap = opts.cap ?? bmax;
  const m = opts.minPerQuery ?? 0;
  if (!Number.isInteger(total) || total < 0) throw new Error(`allocationLp: total must be a non-negative integer, got ${total}`);
  if (cap > bmax) throw new Error(`allocationLp: cap ${cap} exceeds the table's bmax ${bmax}`);
  const objTerms: string[] = [];
  const vars: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 1; j <= cap; j++) {
      const c = gains.gains[i * bmax + j - 1];
      if (!Number.isFinite(c)) throw new Error(`allocationLp: gain (query ${i}, unit ${j}) is not finite (${c})`);
      objTerms.push(`${c >= 0 ? '+' : '-'} ${Math.abs(c).toPrecision(17)} ${varName(i, j)}`);
      vars.push(varName(i, j));
    }
  }
  const K = Math.min(total, n * cap);
  const lines = ['Maximize', ` obj: ${objTerms.join(' ')}`, 'Subject To'];
  lines.push(` budget: ${vars.join(' + ')} ${opts.exactSum ? '=' : '<='} ${opts.exactSum ? K : total}`);
  for (let i = 0; i < n; i++) {
    for (let j = 1; j < cap; j++) lines.push(` o_${i}_${j}: ${varName(i, j + 1)} - ${varName(i, j)} <= 0`);
    if (m === 1) lines.push(` m_${i}: ${varName(i, 1)} >= 1`);
  }
  lines.push('Binary', ...vars.map((x) => ` ${x}`), 'End');
  return lines.join('\n');
}

/** Solve the allocation program exactly with HiGHS (zero MIP gap). Throws unless HiGHS reports Optimal. */
export async function solveAllocationIlp(gains: GainTable, total: number, opts: IlpOptions = {}): Promise<IlpSolution> {
  const { n } = gains;
  const cap = opts.cap ?? gains.bmax;
  const budgets = new Int32Array(n);
  if (n === 0 || cap === 0) return { objective: 0, budgets, lp: '' };
  const lp = allocationLp(gains, total, opts);
  const highs = await getHighs();
  const sol = highs.solve(lp, { mip_rel_gap: 0, mip_abs_gap: 0 } as never);
  if (sol.Status !== 'Optimal') throw new Error(`solveAllocationIlp: HiGHS status ${sol.Status}`);
  const columns = sol.Columns as unknown as Record<string, { Primal: number }>;
  for (let i = 0; i < n; i++) {
    let b = 0;
    for (let j = 1; j <= cap; j++) b += Math.round(columns[varName(i, j)]?.Primal ?? 0);
    budgets[i] = b;
  }
  return { objective: sol.ObjectiveValue, budgets, lp };
}
