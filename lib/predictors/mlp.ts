/**
 * MlpSuccess: a small multi-layer perceptron for success probability on dense features, in
 * plain typed arrays, trained with Adam (Kingma & Ba 2015) on the weighted soft-label
 * cross-entropy
 *   L = sum_i w_i [softplus(z_i) - r_i z_i] / sum_i w_i + (l2 / 2) sum ||W_layer||^2,
 * z = output of hidden ReLU layers -> linear head, p = sigmoid(z). He-normal initial weights,
 * mini-batches shuffled per epoch, all from one seeded generator: the same seed gives the
 * same model. CSR input is densified (refused above 5e7 cells: reduce features first).
 * Implements SuccessPredictor and ScalarPredictor (y in [0, 1]).
 *
 * @example
 * new MlpSuccess({ hidden: [32], epochs: 100, lr: 1e-3, l2: 1e-4, seed: 0 }).fit(X, { rate, weight }).predict(Xtest);
 */
import type { DenseMatrix, FeatureMatrix } from '../features/types';
import { toDense } from '../features/sparse';
import { makeRng, permutation } from '../util/rng';
import type { ScalarPredictor, SuccessPredictor, SuccessTargets } from './types';
import { sigmoid, softplus, toSoftTargets } from './logistic';

export interface MlpOptions {
  /** Hidden layer widths. Default [32]. */
  hidden?: readonly number[];
  epochs?: number;
  lr?: number;
  l2?: number;
  batchSize?: number;
  seed?: number;
}

function dense(X: FeatureMatrix, who: string): DenseMatrix {
  if (X.kind === 'dense') return X;
  if (X.rows * X.cols > 5e7) throw new Error(`${who}: CSR input ${X.rows} x ${X.cols} is too large to densify; use dense features (text stats, embeddings)`);
  return toDense(X);
}

export class MlpSuccess implements SuccessPredictor, ScalarPredictor {
  readonly name: string = 'mlp';
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly lr: number;
  readonly l2: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Layer weights (in x out, row-major) and biases, input to output. */
  weights: Float64Array[] = [];
  biases: Float64Array[] = [];
  sizes: number[] = [];

  constructor(opts: MlpOptions = {}) {
    this.hidden = opts.hidden ?? [32];
    this.epochs = opts.epochs ?? 100;
    this.lr = opts.lr ?? 1e-3;
    this.l2 = opts.l2 ?? 1e-4;
    this.batchSize = opts.batchSize ?? 32;
    this.seed = opts.seed ?? 0;
    for (const h of this.hidden) if (!Number.isInteger(h) || h < 1) throw new Error(`MlpSuccess: hidden sizes must be positive integers, got ${this.hidden}`);
  }

  /** Forward pass of one row; fills acts[l] (post-activation, acts[0] = input). Returns z. */
  private forward(x: Float64Array, acts: Float64Array[]): number {
    acts[0] = x;
    const L = this.weights.length;
    for (let l = 0; l < L; l++) {
      const W = this.weights[l], b = this.biases[l], nin = this.sizes[l], nout = this.sizes[l + 1];
      const a = acts[l], out = acts[l + 1];
      out.set(b);
      for (let j = 0; j < nin; j++) {
        const v = a[j];
        if (v === 0) continue;
        const o = j * nout;
        for (let k = 0; k < nout; k++) out[k] += v * W[o + k];
      }
      if (l < L - 1) for (let k = 0; k < nout; k++) if (out[k] < 0) out[k] = 0;
    }
    return acts[L][0];
  }

  fit(X: FeatureMatrix, y: SuccessTargets | Float64Array, weight?: Float64Array): this {
    const Xd = dense(X, 'MlpSuccess.fit');
    const { rate, weight: w } = toSoftTargets(X.rows, y, weight, 'MlpSuccess.fit');
    const n = Xd.rows;
    let W = 0, rw = 0;
    for (let i = 0; i < n; i++) { W += w[i]; rw += w[i] * rate[i]; }
    if (!(W > 0)) throw new Error('MlpSuccess.fit: total weight is 0');
    const rng = makeRng(this.seed);
    this.sizes = [Xd.cols, ...this.hidden, 1];
    const L = this.sizes.length - 1;
    this.weights = [];
    this.biases = [];
    for (let l = 0; l < L; l++) {
      const nin = this.sizes[l], nout = this.sizes[l + 1];
      const Wl = new Float64Array(nin * nout);
      const sd = Math.sqrt(2 / Math.max(1, nin));
      for (let t = 0; t < Wl.length; t++) Wl[t] = rng.normal() * sd * (l === L - 1 ? 0.1 : 1);
      this.weights.push(Wl);
      this.biases.push(new Float64Array(nout));
    }
    const m0 = Math.min(1 - 1e-6, Math.max(1e-6, rw / W));
    this.biases[L - 1][0] = Math.log(m0 / (1 - m0));
    const gW = this.weights.map((a) => new Float64Array(a.length));
    const gB = this.biases.map((a) => new Float64Array(a.length));
    const mW = this.weights.map((a) => new Float64Array(a.length)), vW = this.weights.map((a) => new Float64Array(a.length));
    const mB = this.biases.map((a) => new Float64Array(a.length)), vB = this.biases.map((a) => new Float64Array(a.length));
    const acts: Float64Array[] = this.sizes.map((s) => new Float64Array(s));
    const deltas: Float64Array[] = this.sizes.map((s) => new Float64Array(s));
    const meanW = W / n;
    const b1 = 0.9, b2 = 0.999, eps = 1e-8;
    let step = 0;
    for (let ep = 0; ep < this.epochs; ep++) {
      const perm = permutation(n, rng);
      for (let start = 0; start < n; start += this.batchSize) {
        const end = Math.min(n, start + this.batchSize);
        for (const g of gW) g.fill(0);
        for (const g of gB) g.fill(0);
        const bs = end - start;
        for (let t = start; t < end; t++) {
          const i = perm[t];
          const z = this.forward(Xd.data.subarray(i * Xd.cols, (i + 1) * Xd.cols), acts);
          deltas[L][0] = (w[i] / meanW / bs) * (sigmoid(z) - rate[i]);
          for (let l = L - 1; l >= 0; l--) {
            const nin = this.sizes[l], nout = this.sizes[l + 1];
            const a = acts[l], dOut = deltas[l + 1], Wl = this.weights[l], g = gW[l];
            for (let k = 0; k < nout; k++) gB[l][k] += dOut[k];
            for (let j = 0; j < nin; j++) {
              const v = a[j];
              if (v === 0) continue;
              const o = j * nout;
              for (let k = 0; k < nout; k++) g[o + k] += v * dOut[k];
            }
            if (l > 0) {
              const dIn = deltas[l];
              for (let j = 0; j < nin; j++) {
                if (a[j] <= 0) { dIn[j] = 0; continue; } // ReLU derivative
                let s = 0;
                const o = j * nout;
                for (let k = 0; k < nout; k++) s += Wl[o + k] * dOut[k];
                dIn[j] = s;
              }
            }
          }
        }
        step++;
        const c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
        const update = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, decay: number): void => {
          for (let t = 0; t < p.length; t++) {
            const gt = g[t] + decay * p[t];
            m[t] = b1 * m[t] + (1 - b1) * gt;
            v[t] = b2 * v[t] + (1 - b2) * gt * gt;
            p[t] -= (this.lr * (m[t] / c1)) / (Math.sqrt(v[t] / c2) + eps);
          }
        };
        for (let l = 0; l < L; l++) {
          update(this.weights[l], gW[l], mW[l], vW[l], this.l2);
          update(this.biases[l], gB[l], mB[l], vB[l], 0);
        }
      }
    }
    return this;
  }

  /** Training-objective value (without the penalty) on given rows: weighted soft-label log-loss. */
  loss(X: FeatureMatrix, y: SuccessTargets): number {
    const z = this.decisionFunction(X);
    let s = 0, W = 0;
    for (let i = 0; i < z.length; i++) { s += y.weight[i] * (softplus(z[i]) - y.rate[i] * z[i]); W += y.weight[i]; }
    return s / W;
  }

  decisionFunction(X: FeatureMatrix): Float64Array {
    if (this.weights.length === 0) throw new Error(`${this.name}: call fit before predict`);
    const Xd = dense(X, 'MlpSuccess.predict');
    if (Xd.cols !== this.sizes[0]) throw new Error(`${this.name}: fitted on ${this.sizes[0]} columns, got ${Xd.cols}`);
    const acts = this.sizes.map((s) => new Float64Array(s));
    const out = new Float64Array(Xd.rows);
    for (let i = 0; i < Xd.rows; i++) out[i] = this.forward(Xd.data.subarray(i * Xd.cols, (i + 1) * Xd.cols), acts);
    return out;
  }

  predict(X: FeatureMatrix): Float64Array {
    const z = this.decisionFunction(X);
    for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
    return z;
  }
}
