"""Kleinberg burst detection."""

from __future__ import annotations

import pytest

from litmap.analyse.networks.bursts import Burst, kleinberg_bursts, work_bursts
from litmap.store.corpusdata import CorpusData, Paper, WorkInfo
from litmap.errors import InputError


def test_planted_burst_found():
    counts = [1, 1, 1, 1, 20, 25, 22, 1, 1, 1]
    bursts = kleinberg_bursts(counts, [100] * 10, s=2.0, gamma=1.0)
    assert [(b.start, b.end) for b in bursts] == [(4, 6)]
    assert bursts[0].strength > 10


def test_flat_series_has_no_burst():
    assert kleinberg_bursts([5] * 10, [100] * 10) == []
    assert kleinberg_bursts([0] * 5, [10] * 5) == []


def test_gamma_suppresses_weak_bursts():
    counts = [2, 2, 2, 5, 2, 2, 2, 2]
    assert kleinberg_bursts(counts, [50] * 8, gamma=0.1)
    assert kleinberg_bursts(counts, [50] * 8, gamma=5.0) == []


def test_relative_to_totals():
    # Same counts, but the whole field grew in those years: no burst of attention to this work.
    counts = [1, 1, 10, 10, 1, 1]
    assert kleinberg_bursts(counts, [10, 10, 100, 100, 10, 10]) == []
    assert kleinberg_bursts(counts, [20] * 6)


def test_bad_input():
    with pytest.raises(InputError):
        kleinberg_bursts([1, 2], [5])
    with pytest.raises(InputError):
        kleinberg_bursts([1, 2], [5, 5], s=1.0)
    with pytest.raises(InputError):
        kleinberg_bursts([6, 2], [5, 5])


def test_work_bursts_in_years():
    papers, refs = {}, {}
    pid = 0
    for year in range(2000, 2010):
        for k in range(10):
            pid += 1
            papers[pid] = Paper(pid, None, year)
            cited = [f"bg{k}", f"bg{(k + 1) % 10}"]
            if 2004 <= year <= 2006 and k < 8:
                cited.append("hot")
            refs[pid] = tuple(cited)
    works = {w: WorkInfo(w, w) for r in refs.values() for w in r}
    bursts = work_bursts(CorpusData(papers, works, refs), s=2.0, gamma=1.0)
    assert list(bursts) == ["hot"]
    assert bursts["hot"][0].start == 2004 and bursts["hot"][0].end == 2006
    assert isinstance(bursts["hot"][0], Burst)
