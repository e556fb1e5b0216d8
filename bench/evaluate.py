"""Baseline for the evaluate case: pass@b tables and the uniform / oracle curves in numpy.

pass@b (Chen et al. 2021) for n samples with c correct: q(b) = 1 - C(n-c, b) / C(n, b), with
C(n-c, b) / C(n, b) = prod_{t<b} (n-c-t) / (n-t): one cumulative product over a (queries x bmax)
matrix of factors. Uniform curve at x: mean_i q_i(x). Oracle curve at x: pass@b gains are
non-increasing in b, so the best allocation of B = x * N units takes the B largest gains of the
whole table: one sort of all gains and a prefix sum serve every x.
"""
import os
import sys

import numpy as np

from benchio import emit, load_inputs, time_it


def evaluate(n, c, bmax):
    N = n.size
    t = np.arange(bmax, dtype=np.float64)
    nf = n.astype(np.float64)[:, None]
    factors = np.clip(nf - c.astype(np.float64)[:, None] - t, 0.0, None) / (nf - t)
    q = np.zeros((N, bmax + 1))
    q[:, 1:] = 1.0 - np.cumprod(factors, axis=1)
    uniform = q[:, 1:].mean(axis=0)
    gains = np.diff(q, axis=1).ravel()
    cs = np.cumsum(np.sort(gains)[::-1])
    oracle = cs[np.arange(1, bmax + 1) * N - 1] / N
    return q, uniform, oracle


def main(d):
    arrays, params = load_inputs(d)
    n, c, bmax = arrays["n"], arrays["c"], int(params["bmax"])
    ms, times, (q, uniform, oracle) = time_it(lambda: evaluate(n, c, bmax), params["runs"], params["warmup"], f"numpy evaluate N={n.size}")
    q.ravel().tofile(os.path.join(d, "q_python.bin"))
    emit({"ms": ms, "times": times, "uniform": uniform.tolist(), "oracle": oracle.tolist()})


if __name__ == "__main__":
    main(sys.argv[1])
