/**
 * Constant baselines, always reported beside a learned model:
 *   ConstantSuccess:    p = sum_i w_i r_i / sum_i w_i (training weighted mean success rate)
 *   ConstantGainVector: Delta_j = mean_i G_ij (a mean of non-increasing vectors is non-increasing)
 *   ConstantScalar:     y = weighted training mean
 *
 * @example
 * new ConstantSuccess().fit(X, { rate: Float64Array.of(0, 1), weight: Float64Array.of(1, 3) }).predict(X); // [0.75, 0.75]
 */
import type { FeatureMatrix } from '../features/types';
import type { GainVectorPredictor, ScalarPredictor, SuccessPredictor, SuccessTargets } from './types';
import { toSoftTargets } from './logistic';

function weightedMean(y: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0, W = 0;
  for (let i = 0; i < y.length; i++) { const wi = w ? w[i] : 1; s += wi * y[i]; W += wi; }
  if (!(W > 0)) throw new Error('constant predictor: total weight is 0');
  return s / W;
}

export class ConstantSuccess implements SuccessPredictor, ScalarPredictor {
  readonly name: string = 'constant';
  value: number | null = null;
  fit(X: FeatureMatrix, y: SuccessTargets | Float64Array, weight?: Float64Array): this {
    const t = toSoftTargets(X.rows, y, weight, 'ConstantSuccess.fit');
    this.value = weightedMean(t.rate, t.weight);
    return this;
  }
  predict(X: FeatureMatrix): Float64Array {
    if (this.value === null) throw new Error(`${this.name}: call fit before predict`);
    return new Float64Array(X.rows).fill(this.value);
  }
}

export class ConstantScalar implements ScalarPredictor {
  readonly name: string = 'constant-scalar';
  value: number | null = null;
  fit(X: FeatureMatrix, y: Float64Array, weight?: Float64Array): this {
    if (y.length !== X.rows) throw new Error(`ConstantScalar.fit: ${X.rows} rows but ${y.length} targets`);
    this.value = weightedMean(y, weight);
    return this;
  }
  predict(X: FeatureMatrix): Float64Array {
    if (this.value === null) throw new Error(`${this.name}: call fit before predict`);
    return new Float64Array(X.rows).fill(this.value);
  }
}

export class ConstantGainVector implements GainVectorPredictor {
  readonly name: string = 'constant-gains';
  mean: Float64Array | null = null;
  fit(X: FeatureMatrix, gains: Float64Array, bmax: number): this {
    if (gains.length !== X.rows * bmax) throw new Error(`ConstantGainVector.fit: gains has ${gains.length} values, expected ${X.rows} x ${bmax}`);
    if (X.rows === 0) throw new Error('ConstantGainVector.fit: no rows');
    const m = new Float64Array(bmax);
    for (let i = 0; i < X.rows; i++) for (let j = 0; j < bmax; j++) m[j] += gains[i * bmax + j];
    for (let j = 0; j < bmax; j++) m[j] = Math.max(0, m[j] / X.rows);
    for (let j = bmax - 2; j >= 0; j--) m[j] = Math.max(m[j], m[j + 1]); // guard against rounding
    this.mean = m;
    return this;
  }
  predict(X: FeatureMatrix): Float64Array {
    const m = this.mean;
    if (!m) throw new Error(`${this.name}: call fit before predict`);
    const out = new Float64Array(X.rows * m.length);
    for (let i = 0; i < X.rows; i++) out.set(m, i * m.length);
    return out;
  }
}
