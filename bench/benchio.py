"""Shared helpers for the Python baselines of `npm run bench`.

Inputs: <dir>/header.json {"arrays": {name: {file, dtype, length}}, "params": {...}} plus one raw
little-endian .bin file per array, written by bench/harness.ts (writeInputs). Timing: median
wall time (time.perf_counter) of `runs` calls after `warmup` untimed calls, like the TypeScript side.
"""
import json
import os
import statistics
import sys
import time

import numpy as np


def load_inputs(d):
    with open(os.path.join(d, "header.json")) as f:
        header = json.load(f)
    arrays = {}
    for name, meta in header["arrays"].items():
        a = np.fromfile(os.path.join(d, meta["file"]), dtype=np.dtype(meta["dtype"]))
        if a.size != meta["length"]:
            raise ValueError(f"{meta['file']}: expected {meta['length']} values, read {a.size}")
        arrays[name] = a
    return arrays, header["params"]


def time_it(fn, runs, warmup=1, label=""):
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for k in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000.0)
        if label:
            print(f"  [python] {label} run {k + 1}/{runs}: {times[-1]:.1f} ms", file=sys.stderr, flush=True)
    return statistics.median(times), times, result


def emit(obj):
    """The last stdout line is the result JSON read by harness.runPython."""
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()
