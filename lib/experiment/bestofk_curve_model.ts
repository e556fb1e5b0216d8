/**
 * CurveLogistic: predicts a query's whole reward curve q(x, b), b = 1..bmax, for rewards in
 * [0, 1] whose curve need not be concave or even increasing, e.g. best-of-b under an imperfect
 * reranker, where q(b) = P(the reranker's pick among b drawn candidates is correct) can fall as
 * b grows.
 *
 * One L2-regularised logistic regression per budget b, each trained with soft labels
 * y_ib = q_i(b) (the exact expected correctness of query i at budget b):
 *
 *   q_hat(x, b) = sigmoid(x . beta_b + c_b),   b = 1..bmax,
 *
 * i.e. a logit-linear estimate of E[q(x, b) | features]. A budget whose training targets are all
 * equal (RewardMATH: q(1) = 1/10 for every problem, one correct candidate of ten) gets that
 * constant. Nothing forces monotonicity: the allocator (lib/allocate `allocate`, exact DP for
 * non-concave gains, with stopAtZeroGain) reads the predicted marginal gains
 * q_hat(b) - q_hat(b-1), negative ones included, and so never hands a query a budget its
 * predicted curve says hurts it.
 *
 * @example
 * const m = new CurveLogistic({ C: 1 }).fit(X, qTrain);   // qTrain: QTable of the training queries
 * m.predictQ(Xtest);                                       // QTable of predicted curves (q[., 0] = 0)
 */
import type { FeatureMatrix } from '../features/types';
import { LogisticRegression } from '../predictors';
import type { QTable } from '../rewards/types';

export interface CurveLogisticOptions {
  /** Inverse L2 strength of every per-budget logistic regression (default 1). */
  C?: number;
}

export class CurveLogistic {
  readonly name: string = 'curve-logistic';
  readonly C: number;
  bmax = 0;
  /** Per budget b (index b - 1): a fitted model, or null when the targets were constant. */
  models: (LogisticRegression | null)[] = [];
  /** Per budget b (index b - 1): the constant used when models[b - 1] is null. */
  constants: Float64Array = new Float64Array(0);

  constructor(opts: CurveLogisticOptions = {}) {
    this.C = opts.C ?? 1;
    if (!(this.C > 0)) throw new Error(`CurveLogistic: C must be > 0, got ${this.C}`);
  }

  fit(X: FeatureMatrix, q: QTable): this {
    if (q.n !== X.rows) throw new Error(`CurveLogistic.fit: ${X.rows} rows but a q table of ${q.n} queries`);
    const w = q.bmax + 1;
    this.bmax = q.bmax;
    this.models = [];
    this.constants = new Float64Array(q.bmax);
    for (let b = 1; b <= q.bmax; b++) {
      const y = new Float64Array(q.n);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < q.n; i++) {
        const v = q.q[i * w + b];
        if (!(v >= 0 && v <= 1)) throw new Error(`CurveLogistic.fit: q[${i}, ${b}] = ${v} is outside [0, 1]`);
        y[i] = v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo < 1e-12) {
        this.models.push(null);
        this.constants[b - 1] = lo;
      } else {
        this.models.push(new LogisticRegression({ C: this.C }).fit(X, { rate: y, weight: new Float64Array(q.n).fill(1) }));
      }
    }
    return this;
  }

  /** Predicted curves as a QTable (q[., 0] = 0). */
  predictQ(X: FeatureMatrix): QTable {
    if (this.models.length === 0) throw new Error('CurveLogistic: call fit before predictQ');
    const w = this.bmax + 1;
    const q = new Float64Array(X.rows * w);
    this.models.forEach((m, k) => {
      const b = k + 1;
      if (m === null) {
        for (let i = 0; i < X.rows; i++) q[i * w + b] = this.constants[k];
      } else {
        const p = m.predict(X);
        for (let i = 0; i < X.rows; i++) q[i * w + b] = p[i];
      }
    });
    return { n: X.rows, bmax: this.bmax, q };
  }
}
