/**
 * Summary metrics of an allocator's curve against uniform and oracle (issue 5).
 *
 * savedAtMatchedQuality[k] = 1 - s_k / x_k, where s_k is the smallest average budget at which
 *   the allocator's curve (points (spent_j, value_j), linearly interpolated) reaches uniform's
 *   value at x_k; null where it never does. If the allocator's first point already reaches it,
 *   s_k is that point's budget (nothing is claimed below the evaluated grid unless `origin`
 *   is given, e.g. [0, 0] for binary rewards where budget 0 scores 0).
 * gainAtFixedBudget[k] = alloc_k - uniform_k.
 * oracleGainCaptured = mean over {k : oracle_k > uniform_k} of (alloc_k - uniform_k) / (oracle_k - uniform_k);
 *   null when the oracle never beats uniform.
 *
 * @example
 * // uniform reaches 0.5 at x = 2; the allocator reaches 0.5 at budget 1.5 (halfway between 1 and 2)
 * savedAtMatchedQuality([1, 2], [0.4, 0.5], [0.45, 0.55]); // [0, 0.25]  (k = 0: needs x = 1 -> 0)
 */

/** Relative tolerance for "reaches": curves equal up to rounding count as matched. */
const REACH_TOL = 1e-12;

function reaches(y: number, target: number, sign: number): boolean {
  return sign * (y - target) >= -REACH_TOL * Math.max(1, Math.abs(target));
}

/**
 * Smallest x at which the piecewise-linear curve through (xs[j], ys[j]) (sorted by x) reaches
 * `target`; `sign` = +1 for "at least", -1 for "at most". Null when never.
 */
export function firstCrossing(xs: ArrayLike<number>, ys: ArrayLike<number>, target: number, sign = 1): number | null {
  if (xs.length !== ys.length) throw new Error(`firstCrossing: ${xs.length} x values but ${ys.length} y values`);
  const order = Array.from({ length: xs.length }, (_, j) => j)
    .filter((j) => Number.isFinite(xs[j]) && Number.isFinite(ys[j]))
    .sort((a, b) => xs[a] - xs[b] || a - b);
  for (let t = 0; t < order.length; t++) {
    const j = order[t];
    if (!reaches(ys[j], target, sign)) continue;
    if (t === 0) return xs[j];
    const p = order[t - 1];
    const dy = ys[j] - ys[p];
    if (dy === 0) return xs[j];
    const f = Math.min(1, Math.max(0, (target - ys[p]) / dy));
    return xs[p] + f * (xs[j] - xs[p]);
  }
  return null;
}

export interface SavedOptions {
  /** Average budget actually spent at each point of the allocator's curve (default x). */
  spent?: ArrayLike<number>;
  /** An extra known point of the allocator's curve below the grid, e.g. [0, 0]. */
  origin?: [number, number];
}

/** Compute saved at matched quality, per x (see the module comment). */
export function savedAtMatchedQuality(
  x: ArrayLike<number>,
  uniform: ArrayLike<number>,
  alloc: ArrayLike<number>,
  opts: SavedOptions = {},
): (number | null)[] {
  if (uniform.length !== x.length || alloc.length !== x.length) {
    throw new Error(`savedAtMatchedQuality: x, uniform and alloc must have equal lengths (${x.length}, ${uniform.length}, ${alloc.length})`);
  }
  const spent = opts.spent ?? x;
  if (spent.length !== x.length) throw new Error(`savedAtMatchedQuality: spent has ${spent.length} entries for ${x.length} x`);
  const px = Array.from(spent);
  const py = Array.from(alloc);
  if (opts.origin) {
    px.unshift(opts.origin[0]);
    py.unshift(opts.origin[1]);
  }
  const out: (number | null)[] = [];
  for (let k = 0; k < x.length; k++) {
    const s = firstCrossing(px, py, uniform[k], 1);
    out.push(s === null || !(x[k] > 0) ? null : 1 - s / x[k]);
  }
  return out;
}

/** alloc[k] - uniform[k]. */
export function gainAtFixedBudget(uniform: ArrayLike<number>, alloc: ArrayLike<number>): Float64Array {
  if (uniform.length !== alloc.length) throw new Error(`gainAtFixedBudget: lengths differ (${uniform.length}, ${alloc.length})`);
  const out = new Float64Array(uniform.length);
  for (let k = 0; k < out.length; k++) out[k] = alloc[k] - uniform[k];
  return out;
}

/** Mean over x where oracle > uniform of (alloc - uniform) / (oracle - uniform); null if none. */
export function oracleGainCaptured(uniform: ArrayLike<number>, oracle: ArrayLike<number>, alloc: ArrayLike<number>): number | null {
  if (uniform.length !== oracle.length || uniform.length !== alloc.length) {
    throw new Error(`oracleGainCaptured: lengths differ (${uniform.length}, ${oracle.length}, ${alloc.length})`);
  }
  let s = 0;
  let m = 0;
  for (let k = 0; k < uniform.length; k++) {
    const gap = oracle[k] - uniform[k];
    if (!(gap > REACH_TOL * Math.max(1, Math.abs(uniform[k])))) continue;
    s += (alloc[k] - uniform[k]) / gap;
    m++;
  }
  return m > 0 ? s / m : null;
}

/** Largest finite entry and its index (null when there is none). */
export function maxWithIndex(values: ArrayLike<number | null>): { value: number; index: number } | null {
  let best: { value: number; index: number } | null = null;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v === null || !Number.isFinite(v)) continue;
    if (best === null || v > best.value) best = { value: v, index: k };
  }
  return best;
}
