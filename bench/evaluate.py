"""Baseline for the evaluate case: pass@b tables and the uniform / oracle curves in numpy.

Two modes (params["mode"]): "values" computes the curves only; "allocations" also builds the
uniform and oracle allocation of every x (what a user needs for bootstrap bands or budget
histograms), as the project's curves-api variant does: one stable argsort of all gains (order:
gain descending, then query, then unit: the greedy's tie rule) and a running bincount of the
query ids of the top B units, and values the curves from those allocations.

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


def pass_at_b(n, c, bmax):
    """The (N x bmax+1) table q[i, b] = pass@b, one cumulative product of factors."""
    t = np.arange(bmax, dtype=np.float64)
    nf = n.astype(np.float64)[:, None]
    factors = np.clip(nf - c.astype(np.float64)[:, None] - t, 0.0, None) / (nf - t)
    q = np.zeros((n.size, bmax + 1))
    q[:, 1:] = 1.0 - np.cumprod(factors, axis=1)
    return q


def evaluate(n, c, bmax):
    N = n.size
    q = pass_at_b(n, c, bmax)
    uniform = q[:, 1:].mean(axis=0)
    gains = np.diff(q, axis=1).ravel()
    cs = np.cumsum(np.sort(gains)[::-1])
    oracle = cs[np.arange(1, bmax + 1) * N - 1] / N
    return q, uniform, oracle


def evaluate_with_allocations(n, c, bmax):
    N = n.size
    q = pass_at_b(n, c, bmax)
    rows = np.arange(N)
    gains = np.diff(q, axis=1).ravel()
    qid = np.argsort(-gains, kind="stable") // bmax
    a = np.zeros(N, dtype=np.int64)
    oracle_alloc = np.empty((bmax, N), dtype=np.int32)
    uniform_alloc = []
    uniform = np.empty(bmax)
    oracle = np.empty(bmax)
    prev = 0
    for x in range(1, bmax + 1):
        B = x * N
        a += np.bincount(qid[prev:B], minlength=N)
        prev = B
        oracle_alloc[x - 1] = a
        oracle[x - 1] = q[rows, a].mean()
        u = np.full(N, x, dtype=np.int32)
        uniform_alloc.append(u)
        uniform[x - 1] = q[rows, u].mean()
    return q, uniform, oracle, oracle_alloc


def main(d):
    arrays, params = load_inputs(d)
    n, c, bmax = arrays["n"], arrays["c"], int(params["bmax"])
    if params.get("mode") == "allocations":
        ms, times, (q, uniform, oracle, alloc) = time_it(lambda: evaluate_with_allocations(n, c, bmax), params["runs"], params["warmup"], f"numpy evaluate+allocations N={n.size}")
        alloc.ravel().tofile(os.path.join(d, "oracle_alloc_python.bin"))
    else:
        ms, times, (q, uniform, oracle) = time_it(lambda: evaluate(n, c, bmax), params["runs"], params["warmup"], f"numpy evaluate N={n.size}")
    q.ravel().tofile(os.path.join(d, "q_python.bin"))
    emit({"ms": ms, "times": times, "uniform": uniform.tolist(), "oracle": oracle.tolist()})


if __name__ == "__main__":
    main(sys.argv[1])
