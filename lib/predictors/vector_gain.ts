/**
 * GainVectorRegressor: predicts the marginal rewards Delta_1..Delta_bmax of a query (continuous
 * rewards), non-negative and non-increasing in j by construction:
 *   z_i = x_i W + b                      (W: cols x bmax, b: bmax)
 *   Delta_{i,bmax} = softplus(z_{i,bmax}),  Delta_{i,j} = Delta_{i,j+1} + softplus(z_{i,j})
 * i.e. Delta_{i,j} = sum_{k >= j} softplus(z_{i,k}).
 * Trained by L-BFGS on
 *   L = 1/(2n) sum_i sum_j (Delta_ij - G_ij / s)^2 + (l2 / 2) ||W||^2,
 * where G is the training gains table and s = mean_i G_i1 (targets are rescaled to order 1;
 * predictions are multiplied back by s). Gradient by hand:
 *   dL/dz_ik = sigmoid(z_ik) * sum_{j <= k} (Delta_ij - G_ij/s) / n.
 * The intercepts start at the (monotone) mean gain vector, so with l2 -> infinity the model is
 * the constant predictor. Parameters: cols x bmax, so use it on dense or modest features.
 *
 * @example
 * const m = new GainVectorRegressor({ l2: 1e-2 }).fit(X, gains, 8);
 * m.predict(Xtest); // row-major n x 8, each row non-increasing and >= 0
 */
import type { FeatureMatrix } from '../features/types';
import type { GainVectorPredictor } from './types';
import { minimizeLbfgs, type LbfgsResult } from './lbfgs';
import { compressColumns, expandColumns } from './active_columns';
import { sigmoid, softplus } from './logistic';

export interface GainVectorRegressorOptions {
  /** L2 strength on W (on the rescaled, per-query-mean objective). Default 1e-3. */
  l2?: number;
  maxIter?: number;
  tol?: number;
}

/** Inverse softplus, for positive v. */
function softplusInv(v: number): number {
  return v > 30 ? v : Math.log(Math.expm1(v));
}

/** Z = X W + b for W row-major (cols x m). */
function linearForward(X: FeatureMatrix, W: Float64Array, b: Float64Array, m: number, Z: Float64Array): void {
  for (let i = 0; i < X.rows; i++) {
    const o = i * m;
    for (let k = 0; k < m; k++) Z[o + k] = b[k];
    if (X.kind === 'csr') {
      for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
        const v = X.values[p], wo = X.indices[p] * m;
        for (let k = 0; k < m; k++) Z[o + k] += v * W[wo + k];
      }
    } else {
      for (let j = 0; j < X.cols; j++) {
        const v = X.data[i * X.cols + j];
        if (v === 0) continue;
        const wo = j * m;
        for (let k = 0; k < m; k++) Z[o + k] += v * W[wo + k];
      }
    }
  }
}

export class GainVectorRegressor implements GainVectorPredictor {
  readonly name: string = 'gain-vector';
  readonly l2: number;
  readonly maxIter: number;
  readonly tol: number;
  /** Fitted weights (cols x bmax, row-major), intercepts (bmax), target scale s. */
  W: Float64Array | null = null;
  b: Float64Array | null = null;
  scale = 1;
  bmax = 0;
  solver: LbfgsResult | null = null;

  constructor(opts: GainVectorRegressorOptions = {}) {
    this.l2 = opts.l2 ?? 1e-3;
    if (!(this.l2 >= 0)) throw new Error(`GainVectorRegressor: l2 must be >= 0, got ${this.l2}`);
    this.maxIter = opts.maxIter ?? 300;
    this.tol = opts.tol ?? 1e-6;
  }

  fit(X: FeatureMatrix, gains: Float64Array, bmax: number): this {
    const n = X.rows, m = bmax;
    if (!Number.isInteger(m) || m < 1) throw new Error(`GainVectorRegressor.fit: bmax must be a positive integer, got ${bmax}`);
    if (gains.length !== n * m) throw new Error(`GainVectorRegressor.fit: gains has ${gains.length} values, expected ${n} x ${m}`);
    if (n === 0) throw new Error('GainVectorRegressor.fit: no rows');
    let s = 0;
    for (let i = 0; i < n; i++) s += gains[i * m];
    s /= n;
    if (!(s > 0)) s = 1;
    const G = new Float64Array(n * m);
    for (let t = 0; t < G.length; t++) {
      if (!Number.isFinite(gains[t])) throw new Error(`GainVectorRegressor.fit: gain of row ${Math.floor(t / m)}, j=${(t % m) + 1} is ${gains[t]}`);
      G[t] = gains[t] / s;
    }
    // Initial intercepts: monotone mean gains, as softplus decrements.
    const mean = new Float64Array(m);
    for (let t = 0; t < G.length; t++) mean[t % m] += G[t] / n;
    const D = new Float64Array(m);
    D[m - 1] = Math.max(mean[m - 1], 1e-4);
    for (let j = m - 2; j >= 0; j--) D[j] = Math.max(mean[j], D[j + 1] + 1e-4);
    const { X: Xc, columns } = compressColumns(X);
    const d = Xc.cols;
    const th0 = new Float64Array(d * m + m);
    for (let j = 0; j < m; j++) th0[d * m + j] = softplusInv(j === m - 1 ? D[j] : D[j] - D[j + 1]);
    const Z = new Float64Array(n * m);
    const dZ = new Float64Array(n * m);
    const l2 = this.l2;
    const fg = (th: Float64Array, grad: Float64Array): number => {
      const W = th.subarray(0, d * m), b = th.subarray(d * m);
      linearForward(Xc, W, b, m, Z);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const o = i * m;
        // Delta_j from the right; residuals; then forward cumulative sum of residuals.
        let acc = 0;
        for (let k = m - 1; k >= 0; k--) { acc += softplus(Z[o + k]); dZ[o + k] = acc - G[o + k]; }
        let cum = 0;
        for (let k = 0; k < m; k++) {
          const r = dZ[o + k];
          loss += r * r;
          cum += r / n;
          dZ[o + k] = sigmoid(Z[o + k]) * cum;
        }
      }
      grad.fill(0);
      const gW = grad.subarray(0, d * m), gb = grad.subarray(d * m);
      for (let i = 0; i < n; i++) {
        const o = i * m;
        for (let k = 0; k < m; k++) gb[k] += dZ[o + k];
        if (Xc.kind === 'csr') {
          for (let p = Xc.indptr[i]; p < Xc.indptr[i + 1]; p++) {
            const v = Xc.values[p], wo = Xc.indices[p] * m;
            for (let k = 0; k < m; k++) gW[wo + k] += v * dZ[o + k];
          }
        } else {
          for (let j = 0; j < d; j++) {
            const v = Xc.data[i * d + j];
            if (v === 0) continue;
            for (let k = 0; k < m; k++) gW[j * m + k] += v * dZ[o + k];
          }
        }
      }
      let pen = 0;
      for (let t = 0; t < d * m; t++) { pen += W[t] * W[t]; gW[t] += l2 * W[t]; }
      return loss / (2 * n) + 0.5 * l2 * pen;
    };
    const res = minimizeLbfgs(fg, th0, { maxIter: this.maxIter, tol: this.tol });
    this.solver = res;
    this.W = expandColumns(res.x.slice(0, d * m), columns, X.cols, m);
    this.b = res.x.slice(d * m);
    this.scale = s;
    this.bmax = m;
    return this;
  }

  predict(X: FeatureMatrix): Float64Array {
    const { W, b } = this;
    if (!W || !b) throw new Error(`${this.name}: call fit before predict`);
    const m = this.bmax;
    if (X.cols * m !== W.length) throw new Error(`${this.name}: fitted on ${W.length / m} columns, got ${X.cols}`);
    const Z = new Float64Array(X.rows * m);
    linearForward(X, W, b, m, Z);
    for (let i = 0; i < X.rows; i++) {
      let acc = 0;
      for (let k = m - 1; k >= 0; k--) { acc += softplus(Z[i * m + k]); Z[i * m + k] = acc * this.scale; }
    }
    return Z;
  }
}
