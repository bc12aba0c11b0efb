"""Size-aware merging of fine clusters into topics (describe.merge_order / groups_after)."""

import numpy as np
import pytest

from litmap.analyse.topics.describe import groups_after, merge_order


def _families(odd_size: int = 5):
    """Two themes of five 100-passage leaves each, with their own words and directions, plus two tiny
    leaves unlike anything (one paper's interviews): average linkage keeps the odd ones apart and joins
    the two themes; a map should do the opposite."""
    rng = np.random.default_rng(0)
    vocab = 40
    counts, sums, sizes = [], [], []
    for theme in (0, 1):
        for _ in range(5):
            c = np.zeros(vocab)
            c[theme * 10: theme * 10 + 10] = rng.integers(20, 40, 10)
            c[30:35] = 15  # words both themes use
            counts.append(c)
            e = np.zeros(8)
            e[theme] = 1.0
            e[2] = 0.8
            sums.append(100 * (e + 0.05 * rng.standard_normal(8)))
            sizes.append(100)
    for j in (0, 1):
        c = np.zeros(vocab)
        c[20 + 5 * j: 25 + 5 * j] = 10
        counts.append(c)
        e = np.zeros(8)
        e[4 + j] = 1.0
        sums.append(odd_size * e)
        sizes.append(odd_size)
    return np.array(counts), np.array(sums), np.array(sizes, dtype=float)


def test_themes_stay_apart_and_odd_leaves_join():
    counts, sums, sizes = _families()
    merges = merge_order(counts, sums, sizes, 1.0)
    assert len(merges) == len(sizes) - 1
    g = groups_after(merges, len(sizes), 2)
    assert len(set(g[:5])) == 1 and len(set(g[5:10])) == 1
    assert g[0] != g[5]  # the two themes are two topics
    # the tiny leaves joined a theme instead of standing as topics of their own
    assert {g[10], g[11]} <= {g[0], g[5]}


def test_without_size_the_odd_leaves_stay_apart():
    # The failure the size term fixes: with power 0 (plain similarity) a cut into 3 keeps both odd
    # leaves as topics and merges the two themes.
    counts, sums, sizes = _families()
    g = groups_after(merge_order(counts, sums, sizes, 0.0), len(sizes), 3)
    assert g[0] == g[5]
    assert len({g[10], g[11], g[0]}) == 3


@pytest.mark.parametrize("k", [1, 4, 12])
def test_groups_after_counts(k):
    counts, sums, sizes = _families()
    merges = merge_order(counts, sums, sizes, 1.0)
    g = groups_after(merges, len(sizes), k)
    assert sorted(set(g.tolist())) == list(range(1, k + 1))
    if k == 12:
        assert g.tolist() == list(range(1, 13))
