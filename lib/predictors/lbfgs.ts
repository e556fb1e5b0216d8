/**
 * Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4 two-loop
 * recursion) with a line search satisfying the strong Wolfe conditions (Alg. 3.5 / 3.6, cubic
 * interpolation in the zoom phase, c1 = 1e-4, c2 = 0.9).
 *
 * Stops when max_i |g_i| <= tol (converged), when the relative decrease
 * (f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) <= ftol (converged, as scipy's L-BFGS-B "factr"),
 * when the line search fails, or after maxIter iterations (not converged).
 *
 * @example
 * // minimise (x-3)^2
 * const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, Float64Array.of(0));
 * r.x[0]; // 3 (to ~1e-8)
 */

/** Objective: returns f(x) and writes the gradient into `grad` (length x.length). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Maximum iterations. Default 200. */
  maxIter?: number;
  /** Stop when the gradient's max-norm is at most tol. Default 1e-5. */
  tol?: number;
  /** Stop when the relative decrease of f is at most ftol. Default 64 * machine epsilon. */
  ftol?: number;
  /** History size. Default 10. */
  m?: number;
  /** Function evaluations per line search. Default 40. */
  maxLineSearch?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** max_i |grad_i| at x. */
  gradNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || v !== v) m = v;
  }
  return m;
}

/** Minimiser of the cubic through (a, fa, da), (b, fb, db); NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
}

export function minimizeLbfgs(fg: Objective, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const maxIter = opts.maxIter ?? 200;
  const tol = opts.tol ?? 1e-5;
  const ftol = opts.ftol ?? 64 * Number.EPSILON;
  const m = opts.m ?? 10;
  const maxLs = opts.maxLineSearch ?? 40;
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x0.length;

  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) throw new Error(`minimizeLbfgs: objective is ${f} at the starting point`);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  const d = new Float64Array(n);
  let xt = new Float64Array(n);
  let gt = new Float64Array(n);

  let gnorm = maxAbs(g);
  if (gnorm <= tol) return { x, f, gradNorm: gnorm, iterations: 0, evaluations, converged: true, message: 'gradient below tol at start' };

  let iter = 0;
  let message = 'maximum iterations reached';
  let converged = false;
  while (iter < maxIter) {
    // Two-loop recursion: d = -H g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j] * dot(S[j], d);
      alphaBuf[j] = a;
      const y = Y[j];
      for (let i = 0; i < n; i++) d[i] -= a * y[i];
    }
    if (k > 0) {
      const gamma = dot(S[k - 1], Y[k - 1]) / dot(Y[k - 1], Y[k - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = rho[j] * dot(Y[j], d);
      const s = S[j];
      const c = alphaBuf[j] - b;
      for (let i = 0; i < n; i++) d[i] += c * s[i];
    }
    let d0 = dot(g, d);
    if (!(d0 < 0)) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      d0 = dot(g, d);
    }
    let step = k === 0 ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;

    // Strong-Wolfe line search along d.
    const f0 = f;
    let lastF = NaN;
    const phi = (a: number): [number, number] => {
      for (let i = 0; i < n; i++) xt[i] = x[i] + a * d[i];
      const fa = fg(xt, gt);
      lastF = fa;
      evaluations++;
      return [fa, dot(gt, d)];
    };
    let accepted = -1;
    let aPrev = 0, fPrev = f0, dPrev = d0;
    let evals = 0;
    const zoom = (lo: number, hi: number, flo: number, fhi: number, dlo: number, dhi: number): number => {
      while (evals < maxLs) {
        const lo_ = Math.min(lo, hi), hi_ = Math.max(lo, hi), w = hi_ - lo_;
        let a = cubicMin(lo, flo, dlo, hi, fhi, dhi);
        if (!(a >= lo_ + 0.1 * w && a <= hi_ - 0.1 * w)) a = 0.5 * (lo + hi);
        const [fa, da] = phi(a);
        evals++;
        if (!Number.isFinite(fa) || fa > f0 + c1 * a * d0 || fa >= flo) {
          hi = a; fhi = Number.isFinite(fa) ? fa : Infinity; dhi = Number.isFinite(da) ? da : 0;
        } else {
          if (Math.abs(da) <= -c2 * d0) return a;
          if (da * (hi - lo) >= 0) { hi = lo; fhi = flo; dhi = dlo; }
          lo = a; flo = fa; dlo = da;
        }
        if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
      }
      // Give up on curvature: accept lo if it decreased f (Armijo holds there).
      if (lo > 0) { phi(lo); return lo; }
      return -1;
    };
    while (evals < maxLs) {
      const [fa, da] = phi(step);
      evals++;
      if (!Number.isFinite(fa)) { accepted = zoom(aPrev, step, fPrev, Infinity, dPrev, 0); break; }
      if (fa > f0 + c1 * step * d0 || (evals > 1 && fa >= fPrev)) { accepted = zoom(aPrev, step, fPrev, fa, dPrev, da); break; }
      if (Math.abs(da) <= -c2 * d0) { accepted = step; break; }
      if (da >= 0) { accepted = zoom(step, aPrev, fa, fPrev, da, dPrev); break; }
      aPrev = step; fPrev = fa; dPrev = da;
      step *= 2;
    }
    if (accepted <= 0) { message = 'line search failed'; break; }

    // xt, gt hold the accepted point (the last evaluation was at `accepted`).
    iter++;
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) { sNew[i] = xt[i] - x[i]; yNew[i] = gt[i] - g[i]; }
    const sy = dot(sNew, yNew);
    const fAcc = lastF;
    [x, xt] = [xt, x];
    [g, gt] = [gt, g];
    const fOld = f;
    f = fAcc;
    if (sy > 1e-10 * dot(yNew, yNew)) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(sNew); Y.push(yNew); rho.push(1 / sy);
    }
    gnorm = maxAbs(g);
    if (gnorm <= tol) { converged = true; message = 'gradient below tol'; break; }
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) { converged = true; message = 'relative decrease below ftol'; break; }
  }
  return { x, f, gradNorm: gnorm, iterations: iter, evaluations, converged, message };
}
