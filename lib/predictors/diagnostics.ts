/**
 * Honest diagnostics for success and routing predictors. Every metric returns a finite number
 * or null (never NaN), so nothing undefined leaks into tables and figures.
 *
 *   brier(p, r, w)   = sum_i w_i (p_i - r_i)^2 / sum_i w_i   (against the observed rate r_i;
 *                      the per-sample Brier score adds the predictor-independent sum w r(1-r)/W)
 *   logLoss(p, r, w) = -sum_i w_i [r_i ln p_i + (1-r_i) ln(1-p_i)] / sum_i w_i, p clipped to [1e-15, 1-1e-15]
 *   ece              = sum_bins (W_b / W) |mean p_b - mean r_b|, equal-width bins on [0, 1]
 *                      (Naeini et al. 2015; bins hold weight w_i)
 *   spearman(a, b)   = Pearson correlation of average ranks (ties share the mean rank); null if
 *                      either side is constant
 *   auc(s, y)        = P(s_pos > s_neg) + 0.5 P(tie) (Mann-Whitney with mid-ranks); null if one
 *                      class is absent
 *
 * @example
 * spearman([1, 2, 3], [1, 2, 2]); // 0.866...
 * spearman([1, 1, 1], [1, 2, 3]); // null
 * auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]); // 0.75
 */

function weights(n: number, w?: ArrayLike<number>): ArrayLike<number> {
  if (w && w.length !== n) throw new Error(`diagnostics: ${n} predictions but ${w.length} weights`);
  return w ?? new Float64Array(n).fill(1);
}

function checkLen(a: ArrayLike<number>, b: ArrayLike<number>, who: string): void {
  if (a.length !== b.length) throw new Error(`${who}: lengths differ (${a.length} vs ${b.length})`);
}

export function brier(pred: ArrayLike<number>, rate: ArrayLike<number>, weight?: ArrayLike<number>): number {
  checkLen(pred, rate, 'brier');
  const w = weights(pred.length, weight);
  let s = 0, W = 0;
  for (let i = 0; i < pred.length; i++) { const d = pred[i] - rate[i]; s += w[i] * d * d; W += w[i]; }
  if (!(W > 0)) throw new Error('brier: total weight is 0');
  return s / W;
}

export function logLoss(pred: ArrayLike<number>, rate: ArrayLike<number>, weight?: ArrayLike<number>): number {
  checkLen(pred, rate, 'logLoss');
  const w = weights(pred.length, weight);
  const eps = 1e-15;
  let s = 0, W = 0;
  for (let i = 0; i < pred.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, pred[i]));
    const r = rate[i];
    if (r > 0) s -= w[i] * r * Math.log(p);
    if (r < 1) s -= w[i] * (1 - r) * Math.log(1 - p);
    W += w[i];
  }
  if (!(W > 0)) throw new Error('logLoss: total weight is 0');
  return s / W;
}

/** Weighted mean squared error. */
export function mse(pred: ArrayLike<number>, y: ArrayLike<number>, weight?: ArrayLike<number>): number {
  return brier(pred, y, weight);
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  meanPredicted: number;
  meanObserved: number;
  weight: number;
}

/** Expected calibration error and the reliability-diagram data (non-empty bins only). */
export function ece(pred: ArrayLike<number>, rate: ArrayLike<number>, weight?: ArrayLike<number>, nBins = 10): { ece: number; bins: ReliabilityBin[] } {
  checkLen(pred, rate, 'ece');
  if (!Number.isInteger(nBins) || nBins < 1) throw new Error(`ece: bins must be a positive integer, got ${nBins}`);
  const w = weights(pred.length, weight);
  const sw = new Float64Array(nBins), sp = new Float64Array(nBins), sr = new Float64Array(nBins);
  let W = 0;
  for (let i = 0; i < pred.length; i++) {
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(pred[i] * nBins)));
    sw[b] += w[i]; sp[b] += w[i] * pred[i]; sr[b] += w[i] * rate[i]; W += w[i];
  }
  if (!(W > 0)) throw new Error('ece: total weight is 0');
  let e = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    if (sw[b] <= 0) continue;
    const mp = sp[b] / sw[b], mr = sr[b] / sw[b];
    e += (sw[b] / W) * Math.abs(mp - mr);
    bins.push({ lo: b / nBins, hi: (b + 1) / nBins, meanPredicted: mp, meanObserved: mr, weight: sw[b] });
  }
  return { ece: e, bins };
}

/** Average ranks (1-based), ties share their mean rank. */
export function averageRanks(a: ArrayLike<number>): Float64Array {
  const n = a.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i] - a[j]);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && a[order[j + 1]] === a[order[i]]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = mid;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation; null when either side has zero variance or fewer than 2 points. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  checkLen(a, b, 'pearson');
  const n = a.length;
  if (n < 2) return null;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { const x = a[i] - ma, y = b[i] - mb; sab += x * y; saa += x * x; sbb += y * y; }
  const scale = Math.max(ma * ma, mb * mb, 1) * n * 1e-24;
  if (!(saa > scale) || !(sbb > scale)) return null;
  const r = sab / Math.sqrt(saa * sbb);
  return Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  checkLen(a, b, 'spearman');
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]) || !Number.isFinite(b[i])) throw new Error(`spearman: non-finite value at ${i}`);
  return pearson(averageRanks(a), averageRanks(b));
}

/** ROC AUC of scores for binary labels (truthy = positive); null if a class is absent. */
export function auc(score: ArrayLike<number>, label: ArrayLike<number | boolean>): number | null {
  if (score.length !== label.length) throw new Error(`auc: lengths differ (${score.length} vs ${label.length})`);
  const r = averageRanks(score);
  let nPos = 0, sumPos = 0;
  for (let i = 0; i < score.length; i++) if (label[i]) { nPos++; sumPos += r[i]; }
  const nNeg = score.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export interface SuccessMetrics {
  brier: number;
  logLoss: number;
  ece: number;
  reliability: ReliabilityBin[];
  /** Spearman of predicted p vs observed success rate (null if either is constant). */
  spearman: number | null;
  /** AUC of p for "solved at least once" (rate > 0). */
  aucSolved: number | null;
}

export function successMetrics(pred: ArrayLike<number>, rate: ArrayLike<number>, weight?: ArrayLike<number>, bins = 10): SuccessMetrics {
  const e = ece(pred, rate, weight, bins);
  return {
    brier: brier(pred, rate, weight),
    logLoss: logLoss(pred, rate, weight),
    ece: e.ece,
    reliability: e.bins,
    spearman: spearman(pred, rate),
    aucSolved: auc(pred, Array.from(rate, (r) => r > 0)),
  };
}

/** Learned and constant predictors side by side, on the same test rows. */
export function diagnoseSuccess(pred: ArrayLike<number>, rate: ArrayLike<number>, weight: ArrayLike<number> | undefined, constantPred: number | ArrayLike<number>): { learned: SuccessMetrics; constant: SuccessMetrics } {
  const c = typeof constantPred === 'number' ? new Float64Array(pred.length).fill(constantPred) : constantPred;
  return { learned: successMetrics(pred, rate, weight), constant: successMetrics(c, rate, weight) };
}

export interface RoutingMetrics {
  /** AUC of the prediction for "strong beats weak" (r_strong > r_weak). */
  aucStrongBeats: number | null;
  /** Spearman of the prediction vs the true gain r_strong - r_weak. */
  spearmanGain: number | null;
  /** MSE of the prediction vs the true gain (meaningful for gain regressors only). */
  mseGain: number;
}

export function routingMetrics(pred: ArrayLike<number>, rStrong: ArrayLike<number>, rWeak: ArrayLike<number>): RoutingMetrics {
  checkLen(rStrong, rWeak, 'routingMetrics');
  checkLen(pred, rStrong, 'routingMetrics');
  const gain = Float64Array.from(rStrong, (s, i) => s - rWeak[i]);
  return {
    aucStrongBeats: auc(pred, Array.from(gain, (g) => g > 0)),
    spearmanGain: spearman(pred, gain),
    mseGain: mse(pred, gain),
  };
}

/** Learned and constant routing predictors side by side. */
export function diagnoseRouting(pred: ArrayLike<number>, rStrong: ArrayLike<number>, rWeak: ArrayLike<number>, constantPred: number): { learned: RoutingMetrics; constant: RoutingMetrics } {
  return {
    learned: routingMetrics(pred, rStrong, rWeak),
    constant: routingMetrics(new Float64Array(pred.length).fill(constantPred), rStrong, rWeak),
  };
}
