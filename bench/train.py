"""Baseline for the train case: scikit-learn LogisticRegression(solver="lbfgs") on the project's
own TF-IDF CSR matrix (exported by the benchmark), same C, max_iter and tol.

Log-loss: mean of -(y log p + (1 - y) log(1 - p)), p clipped to [1e-15, 1 - 1e-15] (the same
formula the TypeScript side uses).
"""
import sys

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from benchio import emit, load_inputs, time_it


def log_loss(y, p):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main(d):
    a, params = load_inputs(d)
    cols = int(params["cols"])
    Xtr = sp.csr_matrix((a["train_values"], a["train_indices"], a["train_indptr"]), shape=(a["train_indptr"].size - 1, cols))
    Xte = sp.csr_matrix((a["test_values"], a["test_indices"], a["test_indptr"]), shape=(a["test_indptr"].size - 1, cols))
    ytr, yte = a["train_y"], a["test_y"]

    def fit():
        clf = LogisticRegression(solver="lbfgs", C=float(params["C"]), max_iter=int(params["maxIter"]), tol=float(params["tol"]))
        return clf.fit(Xtr, ytr)

    ms, times, clf = time_it(fit, params["runs"], params["warmup"], f"sklearn fit {Xtr.shape}")
    p = clf.predict_proba(Xte)[:, 1]
    emit({
        "ms": ms,
        "times": times,
        "testLogLoss": log_loss(yte, p),
        "trainLogLoss": log_loss(ytr, clf.predict_proba(Xtr)[:, 1]),
        "nIter": int(np.max(clf.n_iter_)),
    })


if __name__ == "__main__":
    main(sys.argv[1])
