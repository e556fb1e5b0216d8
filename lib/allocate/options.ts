/**
 * Options shared by the allocators. An allocation is an Int32Array of per-query budgets b_i.
 *
 * - minPerQuery: every query gets at least this many units (0 or 1); a total below n *
 *   minPerQuery is infeasible and throws.
 * - bmax: cap per query (default: the gain table's bmax; never above it).
 * - stopAtZeroGain: by default the allocators hand out exactly min(B, n * Bmax) units, even units
 *   whose marginal gain is <= 0 (the budget is spent, as a fixed compute plan would). With
 *   `stopAtZeroGain: true` they hand out a unit only when it (or, for non-concave gains, the
 *   block it completes) strictly raises the objective, so the sum may be below B.
 */
export interface AllocateOptions {
  minPerQuery?: 0 | 1;
  bmax?: number;
  stopAtZeroGain?: boolean;
}

/** Validated options: cap per query, minimum per query, and K = units handed out above the minimum. */
export interface ResolvedOptions {
  cap: number;
  m: number;
  stopAtZeroGain: boolean;
  /** min(total - m n, n (cap - m)): the units to place above the minimum (before zero-gain stops). */
  units: number;
}

export function resolveAllocateOptions(
  who: string,
  n: number,
  tableBmax: number,
  total: number,
  opts: AllocateOptions = {},
): ResolvedOptions {
  if (!Number.isInteger(total) || total < 0) throw new Error(`${who}: total budget must be a non-negative integer, got ${total}`);
  const m = opts.minPerQuery ?? 0;
  if (m !== 0 && m !== 1) throw new Error(`${who}: minPerQuery must be 0 or 1, got ${m}`);
  const cap = opts.bmax ?? tableBmax;
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`${who}: bmax must be an integer >= 1, got ${cap}`);
  if (cap > tableBmax) throw new Error(`${who}: bmax ${cap} exceeds the table's bmax ${tableBmax}`);
  if (total < m * n) throw new Error(`${who}: total ${total} is below minPerQuery * n = ${m * n}`);
  return { cap, m, stopAtZeroGain: opts.stopAtZeroGain ?? false, units: Math.min(total - m * n, n * (cap - m)) };
}
