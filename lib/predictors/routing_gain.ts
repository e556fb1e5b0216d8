/**
 * Routing predictors (ScalarPredictor):
 *
 * RoutingGainRegressor: ridge regression of the gain Delta(x) = E[r_strong] - E[r_weak],
 *   minimising sum_i w_i (y_i - x_i.beta - b)^2 + alpha ||beta||^2 (scikit-learn Ridge's
 *   objective; intercept unpenalised), by L-BFGS on sparse or dense features.
 * RoutingWinClassifier: logistic regression of P(strong better), labels in [0, 1] (use 0.5 for
 *   ties if you like), same C as LogisticRegression.
 *
 * @example
 * const gain = Float64Array.from(rStrong, (s, i) => s - rWeak[i]);
 * new RoutingGainRegressor({ alpha: 1 }).fit(X, gain).predict(Xtest);
 * new RoutingWinClassifier({ C: 1 }).fit(X, Float64Array.from(gain, (g) => (g > 0 ? 1 : 0))).predict(Xtest);
 */
import type { FeatureMatrix } from '../features/types';
import { matvec, tmatvec } from '../features/sparse';
import type { ScalarPredictor } from './types';
import { minimizeLbfgs, type LbfgsResult } from './lbfgs';
import { compressColumns, expandColumns } from './active_columns';
import { LogisticRegression, type LogisticRegressionOptions } from './logistic';

export interface RidgeOptions {
  /** L2 strength alpha. Default 1. */
  alpha?: number;
  maxIter?: number;
  /** Gradient max-norm tolerance on the weight-normalised objective. Default 1e-6. */
  tol?: number;
}

export class RoutingGainRegressor implements ScalarPredictor {
  readonly name: string = 'routing-gain-ridge';
  readonly alpha: number;
  readonly maxIter: number;
  readonly tol: number;
  coef: Float64Array | null = null;
  intercept = 0;
  solver: LbfgsResult | null = null;

  constructor(opts: RidgeOptions = {}) {
    this.alpha = opts.alpha ?? 1;
    if (!(this.alpha >= 0)) throw new Error(`RoutingGainRegressor: alpha must be >= 0, got ${this.alpha}`);
    this.maxIter = opts.maxIter ?? 1000;
    this.tol = opts.tol ?? 1e-6;
  }

  fit(X: FeatureMatrix, y: Float64Array, weight?: Float64Array): this {
    if (y.length !== X.rows) throw new Error(`RoutingGainRegressor.fit: ${X.rows} rows but ${y.length} targets`);
    const w = weight ?? new Float64Array(X.rows).fill(1);
    let W = 0, my = 0;
    for (let i = 0; i < X.rows; i++) {
      if (!Number.isFinite(y[i])) throw new Error(`RoutingGainRegressor.fit: target ${i} is ${y[i]}`);
      W += w[i]; my += w[i] * y[i];
    }
    if (!(W > 0)) throw new Error('RoutingGainRegressor.fit: total weight is 0');
    const { X: Xc, columns } = compressColumns(X);
    const d = Xc.cols;
    const z = new Float64Array(X.rows);
    const r = new Float64Array(X.rows);
    const g = new Float64Array(d);
    const lam = this.alpha / W;
    const fg = (th: Float64Array, grad: Float64Array): number => {
      matvec(Xc, th, th[d], z);
      let loss = 0, gI = 0;
      for (let i = 0; i < z.length; i++) {
        const e = z[i] - y[i];
        loss += (w[i] / W) * e * e;
        r[i] = (2 * w[i] / W) * e;
        gI += r[i];
      }
      tmatvec(Xc, r, g);
      let pen = 0;
      for (let j = 0; j < d; j++) { pen += th[j] * th[j]; grad[j] = g[j] + 2 * lam * th[j]; }
      grad[d] = gI;
      return loss + lam * pen;
    };
    const th0 = new Float64Array(d + 1);
    th0[d] = my / W;
    const res = minimizeLbfgs(fg, th0, { maxIter: this.maxIter, tol: this.tol });
    this.solver = res;
    this.coef = expandColumns(res.x.slice(0, d), columns, X.cols);
    this.intercept = res.x[d];
    return this;
  }

  predict(X: FeatureMatrix): Float64Array {
    if (!this.coef) throw new Error(`${this.name}: call fit before predict`);
    if (X.cols !== this.coef.length) throw new Error(`${this.name}: fitted on ${this.coef.length} columns, got ${X.cols}`);
    return matvec(X, this.coef, this.intercept);
  }
}

export class RoutingWinClassifier extends LogisticRegression implements ScalarPredictor {
  override readonly name: string = 'routing-win-logistic';
  constructor(opts: LogisticRegressionOptions = {}) {
    super(opts);
  }
}
