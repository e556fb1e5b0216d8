/**
 * L2-regularised logistic regression on soft labels, solved by L-BFGS on CSR or dense features.
 *
 * Objective (scikit-learn's, with C the inverse regularisation strength):
 *   L(beta, b) = sum_i w_i [ log(1 + e^{z_i}) - r_i z_i ] + 1/(2C) ||beta||^2,  z_i = x_i . beta + b,
 * where r_i in [0, 1] is a soft label (empirical success rate) and w_i its weight (the number
 * of samples). The intercept b is not penalised. Internally the objective is divided by
 * sum_i w_i (same minimiser, and `tol` then means what it means in scikit-learn's lbfgs).
 * Gradient: X^T (w * (sigma(z) - r)) / W + beta / (C W). Each evaluation is two sparse
 * mat-vecs; columns never seen in training are dropped before solving (their weight is 0).
 *
 * Implements SuccessPredictor (fit(X, {rate, weight})) and ScalarPredictor
 * (fit(X, y in [0, 1], weight?)).
 *
 * @example
 * const lr = new LogisticRegression({ C: 1 }).fit(X, { rate, weight });
 * lr.predict(Xtest); // Float64Array of probabilities
 */
import type { FeatureMatrix } from '../features/types';
import { matvec, tmatvec } from '../features/sparse';
import type { ScalarPredictor, SuccessPredictor, SuccessTargets } from './types';
import { minimizeLbfgs, type LbfgsResult } from './lbfgs';
import { compressColumns, expandColumns } from './active_columns';

export interface LogisticRegressionOptions {
  /** Inverse L2 strength (scikit-learn's C). Default 1. */
  C?: number;
  /** Alias of C kept for callers that name it l2 (same meaning: larger = weaker penalty). */
  l2?: number;
  /** Fit an unpenalised intercept. Default true. */
  fitIntercept?: boolean;
  /** L-BFGS iterations. Default 500. */
  maxIter?: number;
  /** Gradient max-norm tolerance on the weight-normalised objective. Default 1e-4 (scikit-learn's). */
  tol?: number;
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Normalise the two fit signatures into rate + weight arrays, validating them. */
export function toSoftTargets(n: number, y: SuccessTargets | ArrayLike<number>, weight?: ArrayLike<number>, who = 'fit'): SuccessTargets {
  const isTargets = (v: SuccessTargets | ArrayLike<number>): v is SuccessTargets => (v as SuccessTargets).rate !== undefined;
  const rate = isTargets(y) ? y.rate : Float64Array.from(y);
  const w = isTargets(y) ? y.weight : weight ? Float64Array.from(weight) : new Float64Array(n).fill(1);
  if (rate.length !== n || w.length !== n) throw new Error(`${who}: ${n} rows but ${rate.length} labels and ${w.length} weights`);
  for (let i = 0; i < n; i++) {
    if (!(rate[i] >= 0 && rate[i] <= 1)) throw new Error(`${who}: label ${i} is ${rate[i]}, must be in [0, 1]`);
    if (!(w[i] >= 0 && Number.isFinite(w[i]))) throw new Error(`${who}: weight ${i} is ${w[i]}, must be finite and >= 0`);
  }
  return { rate, weight: w };
}

export class LogisticRegression implements SuccessPredictor, ScalarPredictor {
  readonly name: string = 'logistic';
  readonly C: number;
  readonly fitIntercept: boolean;
  readonly maxIter: number;
  readonly tol: number;
  coef: Float64Array | null = null;
  intercept = 0;
  /** Solver report of the last fit. */
  solver: LbfgsResult | null = null;

  constructor(opts: LogisticRegressionOptions = {}) {
    this.C = opts.C ?? opts.l2 ?? 1;
    if (!(this.C > 0)) throw new Error(`LogisticRegression: C must be > 0, got ${this.C}`);
    this.fitIntercept = opts.fitIntercept ?? true;
    this.maxIter = opts.maxIter ?? 500;
    this.tol = opts.tol ?? 1e-4;
  }

  fit(X: FeatureMatrix, y: SuccessTargets | Float64Array, weight?: Float64Array): this {
    const { rate, weight: w } = toSoftTargets(X.rows, y, weight, 'LogisticRegression.fit');
    const { X: Xc, columns } = compressColumns(X);
    const d = Xc.cols;
    let W = 0, rw = 0;
    for (let i = 0; i < X.rows; i++) { W += w[i]; rw += w[i] * rate[i]; }
    if (!(W > 0)) throw new Error('LogisticRegression.fit: total weight is 0');
    const lam = 1 / (this.C * W);
    const z = new Float64Array(X.rows);
    const resid = new Float64Array(X.rows);
    const gb = new Float64Array(d);
    const fi = this.fitIntercept;
    const fg = (theta: Float64Array, grad: Float64Array): number => {
      const b = fi ? theta[d] : 0;
      matvec(Xc, theta, b, z);
      let loss = 0, gI = 0;
      for (let i = 0; i < z.length; i++) {
        const wi = w[i] / W;
        if (wi === 0) { resid[i] = 0; continue; }
        loss += wi * (softplus(z[i]) - rate[i] * z[i]);
        const r = wi * (sigmoid(z[i]) - rate[i]);
        resid[i] = r;
        gI += r;
      }
      tmatvec(Xc, resid, gb);
      let pen = 0;
      for (let j = 0; j < d; j++) { pen += theta[j] * theta[j]; grad[j] = gb[j] + lam * theta[j]; }
      if (fi) grad[d] = gI;
      return loss + 0.5 * lam * pen;
    };
    const theta0 = new Float64Array(d + (fi ? 1 : 0));
    if (fi) {
      const m = Math.min(1 - 1e-6, Math.max(1e-6, rw / W));
      theta0[d] = Math.log(m / (1 - m));
    }
    const res = minimizeLbfgs(fg, theta0, { maxIter: this.maxIter, tol: this.tol });
    this.solver = res;
    this.coef = expandColumns(res.x.slice(0, d), columns, X.cols);
    this.intercept = fi ? res.x[d] : 0;
    return this;
  }

  /** Linear score z = x . beta + b. */
  decisionFunction(X: FeatureMatrix): Float64Array {
    if (!this.coef) throw new Error(`${this.name}: call fit before predict`);
    if (X.cols !== this.coef.length) throw new Error(`${this.name}: fitted on ${this.coef.length} columns, got ${X.cols}`);
    return matvec(X, this.coef, this.intercept);
  }

  predict(X: FeatureMatrix): Float64Array {
    const z = this.decisionFunction(X);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
    return z;
  }
}
