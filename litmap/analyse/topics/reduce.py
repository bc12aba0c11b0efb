"""UMAP reduction of passage embeddings, with UMAP's own result but less of its fixed cost.

A first ``litmap run`` on 50 papers (about 2,400 passages) spent about 8 CPU s
compiling UMAP's numba functions and about 3.7 CPU s in UMAP's exact distance
matrix, which scikit-learn fills with one Python call of the numba cosine per
pair of passages.  Here:

- UMAP's numba functions that UMAP itself compiles without an on-disk cache are
  given one (:func:`enable_jit_cache`), so every later process loads them
  instead of compiling them again; so are those of NN-descent (pynndescent), which
  UMAP runs from :data:`EXACT_BELOW` points up (a 7,424-passage reduction: 60 s
  → 34 s from the second process on, same bytes);
- below UMAP's small-data size (:data:`EXACT_BELOW` points) the same exact
  neighbours are found in one compiled loop (:mod:`litmap.analyse.topics.cosine_knn`)
  over the same ``umap.distances.cosine``
  (strict IEEE arithmetic, no fastmath, so bit-identical distances) and handed to
  UMAP as ``precomputed_knn``, exactly as UMAP's own small-data path would find
  them (disconnection at cosine distance 2, stable merge sort per row).

The embedding is byte-identical to ``UMAP(...).fit_transform`` with the same
settings (``tests/test_topic_reduce.py``).
"""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["EXACT_BELOW", "enable_jit_cache", "umap_reduce"]

log = logging.getLogger(__name__)

#: UMAP computes exact neighbours from the full distance matrix below this many points (umap_.py).
EXACT_BELOW = 4096
#: UMAP's and pynndescent's numba functions that run in a fit and are compiled without cache=True
#: (umap-learn 0.5, pynndescent 0.7).
_UNCACHED = (
    ("umap.umap_", "smooth_knn_dist"),
    ("umap.umap_", "compute_membership_strengths"),
    ("umap.utils", "fast_knn_indices"),
    ("umap.layouts", "clip"),
    # the serial epoch (UMAP runs it when seeded, as litmap always does); not the parallel twin,
    # which wraps the same Python function and so would share its cache file
    ("umap.layouts", "_nb_optimize_layout_euclidean_single_epoch"),
    ("umap.distances", "cosine"),
    # NN-descent, which UMAP runs from EXACT_BELOW points up: compiling these took 24 of the 60 s of a
    # 7,424-passage reduction, in every process.  nn_descent and nn_descent_internal take the distance
    # as a function and cannot be cached (numba: "dynamic globals"); they still compile each time.
    ("pynndescent.distances", "alternative_dot"),
    ("pynndescent.kernels", "generate_graph_update_array_batched"),
    ("pynndescent.pynndescent_", "generate_leaf_updates"),
    ("pynndescent.pynndescent_", "init_random"),
    ("pynndescent.pynndescent_", "init_rp_tree"),
    ("pynndescent.pynndescent_", "process_candidates"),
    ("pynndescent.utils", "apply_sorted_graph_update_array"),
    ("pynndescent.utils", "build_candidates_owner"),
    ("pynndescent.utils", "deheap_sort"),
    ("pynndescent.utils", "generate_graph_update_array"),
    ("pynndescent.utils", "sort_updates_by_block"),
)

_cache_enabled = False


def enable_jit_cache() -> int:
    """Give UMAP's uncached numba functions numba's on-disk cache (beside their module, or numba's
    user cache folder when that is read-only); returns how many got one.  Only functions not yet
    compiled in this process are touched; anything unexpected is left as it is."""
    global _cache_enabled
    if _cache_enabled:
        return 0
    _cache_enabled = True
    import importlib

    enabled = 0
    for module_name, name in _UNCACHED:
        try:
            module = importlib.import_module(module_name)
            fn = getattr(module, name)
            twin = getattr(module, name + "_parallel", None)
            if twin is not None and type(getattr(twin, "_cache", None)).__name__ != "NullCache":
                continue  # a umap that caches the parallel twin: one cache file for both, leave it
            if hasattr(fn, "enable_caching") and not fn.signatures:
                fn.enable_caching()
                enabled += 1
        except Exception as exc:  # an other umap version: compile as before
            log.debug("numba cache not enabled for %s.%s: %s", module_name, name, exc)
    return enabled


def umap_reduce(embeddings: "np.ndarray", *, n_neighbors: int, n_components: int, seed: int,
                precompute: bool = True) -> "np.ndarray":
    """``UMAP(n_neighbors, n_components, min_dist=0, metric="cosine", random_state=seed,
    low_memory=True).fit_transform(embeddings)``, byte for byte, at less cost (module docstring).
    ``precompute`` False: UMAP finds the neighbours itself (for comparison)."""
    import numpy as np
    from umap import UMAP

    enable_jit_cache()
    x = np.asarray(embeddings)
    knn: Any = (None, None, None)
    if precompute and x.ndim == 2 and 1 < n_neighbors < len(x) < EXACT_BELOW \
            and x.dtype in (np.float32, np.float64) and x.flags.c_contiguous:
        try:
            from litmap.analyse.topics.cosine_knn import exact_cosine_knn
        except Exception as exc:  # e.g. numba finds no writable cache folder: UMAP finds them itself
            log.info("exact neighbours left to UMAP: %s", exc)
        else:
            knn = exact_cosine_knn(x, n_neighbors)
    with warnings.catch_warnings():
        # a seed means one thread, which UMAP says each time; precomputed neighbours have no
        # search index, so UMAP says transform() is unavailable (litmap never calls it)
        warnings.filterwarnings("ignore", message="n_jobs value", category=UserWarning)
        warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]", category=UserWarning)
        model = UMAP(n_neighbors=n_neighbors, n_components=n_components, min_dist=0.0, metric="cosine",
                     random_state=seed, low_memory=True, precomputed_knn=knn)
        reduced: np.ndarray = model.fit_transform(x)
    return reduced
