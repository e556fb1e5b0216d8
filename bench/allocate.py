"""Baseline for the allocate case: the greedy a Python user would write with heapq.

Binary rewards: query i's j-th unit gains p_i (1 - p_i)^(j - 1). Hand out `total` units one at a
time to the largest current gain (max-heap via negated gains), at most `bmax` per query. The
initial heap comes from numpy arrays; the loop uses plain Python lists (faster than indexing
numpy scalars) and heapreplace (one sift instead of pop + push).
Objective: sum_i (1 - (1 - p_i)^(a_i)) = sum of the allocated gains.
"""
import heapq
import os
import sys

import numpy as np

from benchio import emit, load_inputs, time_it


def heapq_greedy(p, total, bmax):
    n = p.size
    heap = list(zip((-p).tolist(), range(n)))
    heapq.heapify(heap)
    q = (1.0 - p).tolist()
    alloc = [0] * n
    for _ in range(total):
        if not heap:
            break
        g, i = heap[0]
        a = alloc[i] + 1
        alloc[i] = a
        if a < bmax:
            heapq.heapreplace(heap, (g * q[i], i))
        else:
            heapq.heappop(heap)
    return np.asarray(alloc, dtype=np.int32)


def main(d):
    arrays, params = load_inputs(d)
    p = arrays["p"]
    total, bmax = int(params["total"]), int(params["bmax"])
    ms, times, alloc = time_it(lambda: heapq_greedy(p, total, bmax), params["runs"], params["warmup"], f"heapq greedy n={p.size}")
    objective = float(np.sum(1.0 - np.power(1.0 - p, alloc)))
    alloc.tofile(os.path.join(d, "alloc_python.bin"))
    emit({"ms": ms, "times": times, "objective": objective, "units": int(alloc.sum())})


if __name__ == "__main__":
    main(sys.argv[1])
