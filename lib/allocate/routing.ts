/**
 * Routing between a cheap (weak) and an expensive (strong) procedure, from a predicted gain
 * Delta(x) = E[r_strong(x)] - E[r_weak(x)] per query. A routing is a Uint8Array (1 = strong).
 *
 * Online: send the queries with the largest predicted gain per unit of extra cost to the strong
 * procedure until the budget is used (with one extra cost for all queries, this is the largest
 * gains first). Ties: smaller query index first. Offline: a threshold on predicted gain,
 * calibrated on held-out predictions to route the target share; at deployment route pred > t.
 *
 * @example
 * routeTopShare(Float64Array.of(0.1, 0.5, 0.3, 0.5), 0.5); // Uint8Array [0, 1, 0, 1]
 */

/** Route round(share n) queries with the largest predicted gain (ties: smaller index) to strong. */
export function routeTopShare(predGain: Float64Array, share: number): Uint8Array {
  if (!(share >= 0 && share <= 1)) throw new Error(`routeTopShare: share must be in [0, 1], got ${share}`);
  return routeTopCount(predGain, Math.round(share * predGain.length), 'routeTopShare');
}

/**
 * Route under an average cost budget per query: every query pays `weak`; each strong call costs
 * `strong - weak` extra, so floor((avgCostBudget - weak) n / (strong - weak)) queries (clamped
 * to [0, n]) go to strong, largest predicted gain per extra cost first.
 */
export function routeByCost(predGain: Float64Array, costs: { weak: number; strong: number }, avgCostBudget: number): Uint8Array {
  const n = predGain.length;
  const extra = costs.strong - costs.weak;
  if (!(costs.weak >= 0) || !(extra > 0)) throw new Error(`routeByCost: need 0 <= weak < strong, got weak=${costs.weak}, strong=${costs.strong}`);
  if (!Number.isFinite(avgCostBudget)) throw new Error(`routeByCost: avgCostBudget must be finite, got ${avgCostBudget}`);
  const k = Math.max(0, Math.min(n, Math.floor(((avgCostBudget - costs.weak) * n) / extra + 1e-9)));
  return routeTopCount(predGain, k, 'routeByCost');
}

/**
 * Threshold t on held-out predicted gains such that `pred > t` routes round(share n) of them:
 * the midpoint between the k-th and (k+1)-th largest (+Infinity for k = 0, -Infinity for k = n).
 * With ties at the cut the realised share is smaller.
 */
export function fitRoutingThreshold(predHeldout: Float64Array, share: number): number {
  if (!(share >= 0 && share <= 1)) throw new Error(`fitRoutingThreshold: share must be in [0, 1], got ${share}`);
  const n = predHeldout.length;
  if (n === 0) throw new Error('fitRoutingThreshold: no held-out predictions');
  checkFinite(predHeldout, 'fitRoutingThreshold');
  const k = Math.round(share * n);
  if (k === 0) return Infinity;
  if (k === n) return -Infinity;
  const desc = Float64Array.from(predHeldout).sort().reverse();
  return (desc[k - 1] + desc[k]) / 2;
}

/** Route pred > threshold to strong. */
export function applyRoutingThreshold(threshold: number, pred: Float64Array): Uint8Array {
  checkFinite(pred, 'applyRoutingThreshold');
  const out = new Uint8Array(pred.length);
  for (let i = 0; i < pred.length; i++) out[i] = pred[i] > threshold ? 1 : 0;
  return out;
}

function routeTopCount(pred: Float64Array, k: number, who: string): Uint8Array {
  checkFinite(pred, who);
  const n = pred.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => pred[b] - pred[a] || a - b);
  const out = new Uint8Array(n);
  for (let t = 0; t < k; t++) out[idx[t]] = 1;
  return out;
}

function checkFinite(pred: Float64Array, who: string): void {
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isFinite(pred[i])) throw new Error(`${who}: prediction ${i} is not finite (${pred[i]})`);
  }
}
