"""UMAP's exact small-data cosine neighbours, found in one compiled loop (numba, cached on disk).

Imported only by :mod:`litmap.analyse.topics.reduce`, inside a function, so numba and numpy load
at module level here without slowing ``litmap --help``.  The kernel is a module-level function so
numba's on-disk cache finds it again in the next process (a closure is compiled anew every time).
"""

from __future__ import annotations

from typing import Any

import numba
import numpy as np
from umap.distances import cosine

__all__ = ["COSINE_DISCONNECTION", "cosine_matrix", "exact_cosine_knn"]

#: UMAP's disconnection distance for the cosine metric (umap_.DISCONNECTION_DISTANCES["cosine"]).
COSINE_DISCONNECTION = 2.0


@numba.njit(cache=True)
def cosine_matrix(x: Any) -> Any:  # pragma: no cover - compiled
    """``sklearn.metrics.pairwise_distances(x, metric=umap.distances.cosine)``: the upper triangle,
    mirrored, then the diagonal, in x's float type, as scikit-learn's callable path fills it.
    ``cosine`` is compiled without fastmath (strict IEEE, one sum in order), so the distances are
    bit-identical to the ones UMAP gets through scikit-learn."""
    n = x.shape[0]
    out = np.zeros((n, n), dtype=x.dtype)
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = cosine(x[i], x[j])
    out = out + out.T
    for i in range(n):
        out[i, i] = cosine(x[i], x[i])
    return out


def exact_cosine_knn(embeddings: np.ndarray, n_neighbors: int) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest neighbours (indices, distances) UMAP's small-data path finds for the cosine
    metric (umap_.UMAP.fit, then fuzzy_simplicial_set with a precomputed matrix): distances from 2
    up are disconnected (index -1, distance inf); each row sorted by a stable merge sort."""
    from umap.utils import fast_knn_indices

    dmat = cosine_matrix(embeddings)
    dmat[dmat >= COSINE_DISCONNECTION] = np.inf
    knn_indices = fast_knn_indices(dmat, n_neighbors)
    knn_dists = dmat[np.arange(dmat.shape[0])[:, None], knn_indices].copy()
    knn_indices[knn_dists == np.inf] = -1
    return knn_indices, knn_dists
