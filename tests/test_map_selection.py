"""Science-mapping thresholds, per-slice selection, map coordinates and bursts on known series."""

from __future__ import annotations

import networkx as nx
import pytest

from litmap.analyse.networks.bursts import kleinberg_bursts, why_no_bursts, work_bursts
from litmap.analyse.networks.job import NetworkSettings, analysed_network
from litmap.analyse.networks.layout import map_coordinates
from litmap.analyse.networks.selection import Selection, default_min_count, select_cited
from litmap.errors import InputError
from litmap.store.corpusdata import CorpusData, Paper, WorkInfo


@pytest.mark.parametrize("papers, minimum", [(5, 1), (9, 1), (10, 2), (48, 2), (50, 2), (316, 2), (317, 3),
                                             (2000, 3), (5000, 4)])
def test_default_minimum_by_corpus_size(papers, minimum):
    assert default_min_count(papers) == minimum


def _corpus(n_years=6, per_year=5):
    """Papers over n_years; 'core' cited by everyone, 'pair' by two papers, each paper its own 'own<i>'."""
    papers, refs = {}, {}
    pid = 0
    for y in range(2000, 2000 + n_years):
        for k in range(per_year):
            pid += 1
            papers[pid] = Paper(pid, None, y)
            cited = ["core", f"own{pid}", f"y{y}a"]
            if pid in (1, 2):
                cited.append("pair")
            if k < 2:
                cited.append(f"y{y}b")
            refs[pid] = tuple(cited)
    works = {w: WorkInfo(w, w) for r in refs.values() for w in r}
    return CorpusData(papers, works, refs)


def test_threshold_drops_works_cited_once():
    data = _corpus()
    got = select_cited(data.references, {p: x.year for p, x in data.papers.items()}, Selection())
    assert got.minimum == 2 and got.default_minimum
    assert "core" in got.kept and "pair" in got.kept
    assert not any(w.startswith("own") for w in got.kept)
    assert got.once == 30
    assert "cited by a single paper are left out" in got.describe()


def test_top_per_slice_keeps_each_slice_leaders():
    data = _corpus()
    years = {p: x.year for p, x in data.papers.items()}
    got = select_cited(data.references, years, Selection(method="top", top=2))
    # each year's top 2: core (5 papers) and that year's 'a' work (5 papers); 'b' works (2) and 'pair' miss out
    assert got.kept == frozenset({"core"} | {f"y{y}a" for y in range(2000, 2006)})
    assert got.slices == 6
    g = select_cited(data.references, years, Selection(method="g-index", k=1.0))
    assert "core" in g.kept and len(g.kept) < len(select_cited(data.references, years, Selection()).kept)


def test_selection_validates():
    with pytest.raises(InputError):
        Selection(method="top-n")
    with pytest.raises(InputError):
        Selection(min_count=0)


def test_analysed_network_keeps_no_single_citation_work_and_has_coordinates():
    data = _corpus()
    result = analysed_network(data, NetworkSettings(kind="cocitation"))
    G = result.graph
    assert G.number_of_nodes() > 0
    assert min(d["count"] for _, d in G.nodes(data=True)) >= 2
    assert all(isinstance(d["x"], float) and isinstance(d["y"], float) for _, d in G.nodes(data=True))
    assert result.kept and result.kept.startswith("Kept")
    every = analysed_network(data, NetworkSettings(kind="cocitation", min_count=1)).graph
    assert any(d["count"] == 1 for _, d in every.nodes(data=True))


def test_coordinates_are_stable_and_separate_components():
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 3), ("b", "c", 2), ("a", "c", 1), ("x", "y", 5)])
    one, two = map_coordinates(G, seed=7), map_coordinates(G.copy(), seed=7)
    assert one == two
    assert set(one) == set(G)
    assert len({one[n] for n in G}) == 5  # no two nodes on one spot
    H = nx.Graph()  # same graph, nodes inserted in another order
    H.add_weighted_edges_from([("x", "y", 5), ("c", "a", 1), ("c", "b", 2), ("b", "a", 3)])
    assert map_coordinates(H, seed=7) == one


def test_known_bursts_found_in_shares_of_papers():
    # 4 papers a year; the work is cited by all of them in years 3-5 and by one in a few others.
    counts = [1, 0, 1, 4, 4, 4, 0, 1, 0, 0]
    found = kleinberg_bursts(counts, [4] * 10)
    assert [(b.start, b.end) for b in found] == [(3, 5)]
    assert found[0].strength > 3
    assert kleinberg_bursts([2] * 10, [4] * 10) == []


def test_work_bursts_fire_on_a_sparse_real_like_corpus():
    # Few papers a year (as in a 50-paper corpus): 'hot' is cited by every paper of 2010-2012 only.
    papers, refs = {}, {}
    pid = 0
    for y in range(1990, 2020):
        for _ in range(2 if y % 3 else 1):
            pid += 1
            papers[pid] = Paper(pid, None, y)
            refs[pid] = ("classic", f"own{pid}") + (("hot",) if 2010 <= y <= 2012 else ())
    data = CorpusData(papers, {w: WorkInfo(w, w) for r in refs.values() for w in r}, refs)
    got = work_bursts(data)
    assert list(got) == ["hot"]
    assert (got["hot"][0].start, got["hot"][0].end) == (2010, 2012)
    assert "classic" not in got  # cited by every paper: no burst


def test_why_no_bursts_names_the_reason():
    data = _corpus(n_years=2)
    assert "2 publication year" in why_no_bursts(data)
    papers = {i: Paper(i, None, 2000 + i) for i in range(8)}
    refs = {i: ("core", f"own{i}", "even" if i % 2 else "odd") for i in range(8)}
    flat = CorpusData(papers, {w: WorkInfo(w, w) for r in refs.values() for w in r}, refs)
    assert work_bursts(flat) == {}
    assert "spread over 8 years" in why_no_bursts(flat)
    # disjoint reference lists (as in EXCITE: no work cited by more than 2 of 34 papers): said so
    refs = {i: (f"own{i}", f"pair{i // 2}") for i in range(8)}
    apart = CorpusData(papers, {w: WorkInfo(w, w) for r in refs.values() for w in r}, refs)
    assert work_bursts(apart) == {}
    assert "no cited work is cited by more than 2 of the 8 citing papers" in why_no_bursts(apart)


def test_author_clusters_are_labelled_by_their_most_cited_authors():
    # two schools that never cite each other: each cluster's label starts with its most-cited author
    papers, refs, works = {}, {}, {}
    for pid in range(1, 13):
        papers[pid] = Paper(pid, None, 2000 + pid % 4)
        school = ["Brenner", "Jessop", "Peck"] if pid <= 6 else ["Goodchild", "Tobler", "Langford"]
        cited = [f"{a}-{pid % 3}" for a in school[: 2 + pid % 2]] + [f"{school[0]}-main"]
        refs[pid] = tuple(cited)
        for w in cited:
            works[w] = WorkInfo(w, w, first_author=w.split("-")[0], year=2000)
    result = analysed_network(CorpusData(papers, works, refs), NetworkSettings(kind="author-cocitation", min_count=1))
    firsts = {terms[0] for terms in result.cluster_labels.values()}
    assert firsts == {"Brenner", "Goodchild"}
    assert set(result.cluster_labels) == set(result.cluster_sizes)
    assert all(d.get("cluster_label") for _, d in result.graph.nodes(data=True))
