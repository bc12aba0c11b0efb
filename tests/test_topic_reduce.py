"""litmap.analyse.topics.reduce: UMAP's own embedding, byte for byte, from precomputed exact neighbours."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("umap")

from litmap.analyse.topics.reduce import EXACT_BELOW, enable_jit_cache, umap_reduce  # noqa: E402


def _points(n: int, dim: int, seed: int) -> "np.ndarray":
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((4, dim))
    x = centres[rng.integers(0, 4, n)] + 0.4 * rng.standard_normal((n, dim))
    x[5] = x[6]  # a duplicate: distance 0 ties broken by the stable sort
    x[7] = -x[8]  # opposite vectors: cosine distance 2, disconnected
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


@pytest.mark.parametrize("n,k,seed", [(180, 15, 1), (240, 7, 2)])
def test_same_bytes_as_umap_finding_its_own_neighbours(n, k, seed):
    x = _points(n, 24, seed)
    ours = umap_reduce(x, n_neighbors=k, n_components=5, seed=42)
    theirs = umap_reduce(x, n_neighbors=k, n_components=5, seed=42, precompute=False)
    assert ours.dtype == theirs.dtype and ours.tobytes() == theirs.tobytes()


def test_exact_neighbours_match_umaps_small_data_path():
    from sklearn.metrics import pairwise_distances
    from umap.distances import cosine
    from umap.umap_ import nearest_neighbors

    from litmap.analyse.topics.cosine_knn import cosine_matrix, exact_cosine_knn

    x = _points(150, 16, 3)
    dmat = pairwise_distances(x, metric=cosine)
    assert cosine_matrix(x).tobytes() == dmat.tobytes()
    dmat[dmat >= 2.0] = np.inf
    idx, dist, _ = nearest_neighbors(dmat, 10, "precomputed", {}, False, None)
    ours_idx, ours_dist = exact_cosine_knn(x, 10)
    assert (ours_idx == idx).all() and ours_dist.tobytes() == dist.tobytes()
    assert 8 not in ours_idx[7]  # the opposite point is never a neighbour


def test_large_inputs_left_to_umap(monkeypatch):
    """From UMAP's small-data size up UMAP finds approximate neighbours itself: nothing precomputed."""
    import litmap.analyse.topics.cosine_knn as ck
    import litmap.analyse.topics.reduce as reduce

    called = []
    real = ck.exact_cosine_knn
    monkeypatch.setattr(ck, "exact_cosine_knn", lambda *a: called.append(len(a[0])) or real(*a))
    x = _points(60, 8, 4)
    umap_reduce(x, n_neighbors=5, n_components=2, seed=1)
    assert called == [60]
    monkeypatch.setattr(reduce, "EXACT_BELOW", 60)
    umap_reduce(x, n_neighbors=5, n_components=2, seed=1)
    assert called == [60]
    assert EXACT_BELOW == 4096  # umap_.py's own limit


def test_without_the_compiled_kernel_umap_finds_its_own_neighbours(monkeypatch):
    """A numba that cannot cache (no writable folder) fails the kernel's import: same result, slower."""
    import sys

    x = _points(120, 12, 5)
    expected = umap_reduce(x, n_neighbors=8, n_components=3, seed=3)
    monkeypatch.setitem(sys.modules, "litmap.analyse.topics.cosine_knn", None)  # import raises ImportError
    assert umap_reduce(x, n_neighbors=8, n_components=3, seed=3).tobytes() == expected.tobytes()


def test_jit_cache_enabled_once():
    enable_jit_cache()
    assert enable_jit_cache() == 0


def test_every_uncached_function_named_exists_and_gets_a_cache():
    """The names in _UNCACHED are the installed umap's and pynndescent's (a rename upstream would
    silently bring the compile time back), and after enable_jit_cache each caches to disk."""
    import importlib

    from litmap.analyse.topics.reduce import _UNCACHED

    enable_jit_cache()
    assert any(m.startswith("pynndescent") for m, _ in _UNCACHED)
    for module_name, name in _UNCACHED:
        fn = getattr(importlib.import_module(module_name), name)
        assert hasattr(fn, "enable_caching"), (module_name, name)
        assert type(fn._cache).__name__ != "NullCache", (module_name, name)
