/**
 * Test helper (not a test file): the allocation integer program of METHOD.md in CPLEX LP format,
 * solved by HiGHS, to check allocators against an independent exact optimum.
 *   max sum_ij c_ij Delta_ij  s.t.  sum_ij c_ij <= B (or = K), c_ij >= c_i(j+1), c_ij binary,
 *   c_ij = 1 for j <= minPerQuery.
 */
import highsLoader from 'highs';
import type { GainTable } from '../../lib/rewards/types';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Promise<Highs> | undefined;
export function getHighs(): Promise<Highs> {
  solver ??= highsLoader();
  return solver;
}

export async function ilpOptimum(
  gains: GainTable,
  total: number,
  opts: { cap?: number; minPerQuery?: 0 | 1; exactSum?: boolean } = {},
): Promise<number> {
  const highs = await getHighs();
  const { n, bmax } = gains;
  const cap = opts.cap ?? bmax;
  const m = opts.minPerQuery ?? 0;
  const v = (i: number, j: number) => `x_${i}_${j}`;
  const objTerms: string[] = [];
  const vars: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 1; j <= cap; j++) {
      const c = gains.gains[i * bmax + j - 1];
      objTerms.push(`${c >= 0 ? '+' : '-'} ${Math.abs(c).toPrecision(17)} ${v(i, j)}`);
      vars.push(v(i, j));
    }
  }
  if (vars.length === 0) return 0;
  const lines = ['Maximize', ` obj: ${objTerms.join(' ')}`, 'Subject To'];
  const K = Math.min(total, n * cap);
  lines.push(` budget: ${vars.join(' + ')} ${opts.exactSum ? '=' : '<='} ${opts.exactSum ? K : total}`);
  for (let i = 0; i < n; i++) {
    for (let j = 1; j < cap; j++) lines.push(` o_${i}_${j}: ${v(i, j + 1)} - ${v(i, j)} <= 0`);
    if (m === 1) lines.push(` m_${i}: ${v(i, 1)} >= 1`);
  }
  lines.push('Binary', ...vars.map((x) => ` ${x}`), 'End');
  const sol = highs.solve(lines.join('\n'), { mip_rel_gap: 0, mip_abs_gap: 0 } as never);
  if (sol.Status !== 'Optimal') throw new Error(`HiGHS status ${sol.Status}`);
  return sol.ObjectiveValue;
}
