/**
 * Test helper (not a test file): the HiGHS optimum of the allocation integer program, from
 * lib/allocate/ilp.ts (the same program the method tour shows).
 */
import type { GainTable } from '../../lib/rewards/types';
import { getHighs, solveAllocationIlp, type IlpOptions } from '../../lib/allocate/ilp';

export { getHighs };

export async function ilpOptimum(gains: GainTable, total: number, opts: IlpOptions = {}): Promise<number> {
  return (await solveAllocationIlp(gains, total, opts)).objective;
}
