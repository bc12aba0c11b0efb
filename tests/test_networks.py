"""Networks, weights, clusters, labels and centrality on hand-built corpora."""

from __future__ import annotations

import random

import pytest

from litmap.analyse.networks.centrality import centralities, sigma
from litmap.analyse.networks.clusters import ClusterSettings, align_clusters, detect_communities
from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo
from litmap.analyse.networks.labels import cluster_passages, ctfidf_labels, llr_labels, terms, unit_key_terms, unit_texts
from litmap.analyse.networks.build import (
    author_cocitation_network,
    citation_network,
    citation_units,
    coauthor_network,
    cocitation_network,
    concept_network,
    concept_work_network,
    coupling_network,
)
from litmap.analyse.networks.weights import (
    filter_edges,
    g_index,
    normalise,
    select_g_index_per_slice,
    select_nodes,
    select_top_per_slice,
    slice_citation_counts,
)
from litmap.errors import InputError


def hand_corpus() -> CorpusData:
    papers = {
        1: Paper(1, "Scale", 2000, "Antipode", ("Smith, J.", "Lee, K."), work_id="P1"),
        2: Paper(2, "Regions", 2001, "Regional Studies", ("Lee, K.",)),
        3: Paper(3, "Cities", 2002, "Urban Studies", ("Smith, J.", "Lee, K.")),
        4: Paper(4, "States", 2003, "Antipode", ("Wu, F.",)),
    }
    works = {
        "A": WorkInfo("A", "Brenner 1999", "Brenner", 1999),
        "B": WorkInfo("B", "Jessop 2002", "Jessop", 2002),
        "C": WorkInfo("C", "Brenner 2004", "Brenner", 2004),
        "D": WorkInfo("D", "Harvey 1989", "Harvey", 1989),
        "P1": WorkInfo("P1", "Smith 2000", "Smith", 2000, document_id=1),
    }
    refs = {1: ("A", "B", "C"), 2: ("A", "B", "D"), 3: ("A", "C", "P1"), 4: ("B", "C", "D", "P1")}
    contexts = (
        CitationContext(1, ("A", "B"), "Rescaling of statehood (Brenner, 1999; Jessop, 2002).", 0),
        CitationContext(1, ("C",), "New state spaces (Brenner, 2004).", 0),
        CitationContext(2, ("A",), "Scale is produced (Brenner, 1999).", 0),
        CitationContext(2, ("B", "D"), "Entrepreneurial city and state (Jessop, 2002; Harvey, 1989).", 1),
    )
    return CorpusData(papers, works, refs, contexts)


def w(G, a, b):
    return G[a][b]["weight"]


def test_cocitation_counts_by_hand():
    G = cocitation_network(hand_corpus())
    assert (w(G, "A", "B"), w(G, "A", "C"), w(G, "B", "C"), w(G, "B", "D"), w(G, "C", "P1")) == (2, 2, 2, 2, 2)
    assert (w(G, "A", "D"), w(G, "C", "D"), w(G, "A", "P1"), w(G, "B", "P1"), w(G, "D", "P1")) == (1, 1, 1, 1, 1)
    assert G.number_of_edges() == 10
    assert {n: G.nodes[n]["count"] for n in G} == {"A": 3, "B": 3, "C": 3, "D": 2, "P1": 2}
    assert G.nodes["A"]["label"] == "Brenner 1999" and G.nodes["A"]["type"] == "work"
    assert G.nodes["A"]["mentions"] == 2 and G.nodes["C"]["year"] == 2004


def test_cocitation_thresholds():
    G = cocitation_network(hand_corpus(), min_citations=3, min_weight=2)
    assert set(G) == {"A", "B", "C"} and G.number_of_edges() == 3


def test_cocitation_top_n():
    G = cocitation_network(hand_corpus(), top_n=2)
    assert set(G) == {"A", "B"} and G["A"]["B"]["weight"] == 2  # ties on count broken by id


def test_proximity_cocitation():
    data = hand_corpus()
    S = cocitation_network(data, proximity="sentence")
    assert {tuple(sorted(e)) for e in S.edges} == {("A", "B"), ("B", "D")}
    assert w(S, "A", "B") == 1
    P = cocitation_network(data, proximity="paragraph")
    assert {tuple(sorted(e)) for e in P.edges} == {("A", "B"), ("A", "C"), ("B", "C"), ("B", "D")}
    assert P.nodes["A"]["count"] == 3  # still citing papers
    assert set(citation_units(data, "paragraph")[(1, 0)]) == {"A", "B", "C"}
    with pytest.raises(InputError):
        cocitation_network(data, proximity="page")


def test_coupling_and_citation():
    data = hand_corpus()
    G = coupling_network(data)
    assert (w(G, 1, 2), w(G, 1, 3), w(G, 1, 4), w(G, 2, 3), w(G, 2, 4), w(G, 3, 4)) == (2, 2, 2, 1, 2, 2)
    assert G.nodes[4]["count"] == 4 and G.nodes[1]["label"] == "Smith 2000"
    D = citation_network(data)
    assert set(D.edges) == {(3, 1), (4, 1)} and D.nodes[1]["count"] == 2 and D.number_of_nodes() == 4


def test_author_networks():
    data = hand_corpus()
    A = author_cocitation_network(data)
    assert w(A, "Brenner", "Jessop") == 3 and w(A, "Harvey", "Jessop") == 2 and A.nodes["Brenner"]["count"] == 4
    C = coauthor_network(data)
    assert w(C, "Smith, J.", "Lee, K.") == 2 and "Wu, F." in C and C.degree("Wu, F.") == 0


def test_normalisations_by_hand():
    G = cocitation_network(hand_corpus())
    # Total link strengths: A 6, B 7, C 7, D 5, P1 5; total link weight m = 15.
    assert normalise(G, "association")["A"]["B"]["weight"] == pytest.approx(2 * 15 * 2 / (6 * 7))
    assert normalise(G, "association")["A"]["B"]["raw"] == 2
    assert normalise(G, "cosine")["A"]["B"]["weight"] == pytest.approx(2 / 3)
    assert normalise(G, "jaccard")["A"]["B"]["weight"] == pytest.approx(0.5)
    assert normalise(G, "inclusion")["C"]["P1"]["weight"] == pytest.approx(1.0)
    assert normalise(G, "raw")["A"]["D"]["weight"] == 1.0
    assert G["A"]["B"]["weight"] == 2  # input untouched
    with pytest.raises(InputError):
        normalise(G, "salton2")


def test_selection():
    data = hand_corpus()
    G = cocitation_network(data)
    assert filter_edges(G, 2).number_of_edges() == 5
    assert set(select_nodes(G, top_n=2)) == {"A", "B"}  # ties (A, B, C = 3) broken by id
    assert set(select_nodes(G, min_count=3)) == {"A", "B", "C"}
    slices = slice_citation_counts(data, 2)
    assert list(slices) == [(2000, 2001), (2002, 2003)]
    assert slices[(2000, 2001)] == {"A": 2, "B": 2, "C": 1, "D": 1}
    assert select_top_per_slice(slices, 1) == {"A", "C"}
    assert g_index([10, 5, 1], k=1) == 3 and g_index([10, 5, 1], k=0.5) == 2 and g_index([], k=25) == 0
    assert select_g_index_per_slice(slices, k=0.5) <= set(G)


def planted(seed: int = 7, per_debate: int = 40, own_works: int = 25, noise: float = 0.1) -> tuple[CorpusData, dict, dict]:
    """Papers from 3 debates, each citing its own works (with some cross-citation) and using its own words."""
    rng = random.Random(seed)
    vocab = [
        ["rescaling", "statehood", "territory", "glocalisation", "regulation"],
        ["assemblage", "relational", "topology", "mobilities", "policy"],
        ["gentrification", "displacement", "housing", "tenants", "eviction"],
    ]
    works, papers, refs, contexts = {}, {}, {}, []
    truth_work, truth_paper = {}, {}
    for d in range(3):
        for i in range(own_works):
            wid = f"d{d}w{i:02d}"
            works[wid] = WorkInfo(wid, wid, f"Author{d}{i}", 1990 + i)
            truth_work[wid] = d
    all_works = sorted(works)
    pid = 0
    for d in range(3):
        own = [x for x in all_works if truth_work[x] == d]
        for _ in range(per_debate):
            pid += 1
            cited = rng.sample(own, 12)
            cited += [rng.choice(all_works) for _ in range(12) if rng.random() < noise]
            cited = list(dict.fromkeys(cited))
            papers[pid] = Paper(pid, f"t{pid}", 2000 + rng.randrange(10), "J", (f"A{pid}, B.",))
            refs[pid] = tuple(cited)
            truth_paper[pid] = d
            for k in range(0, len(cited), 3):
                words = rng.sample(vocab[d], 3) + ["the", "paper", "argue"]
                contexts.append(CitationContext(pid, tuple(cited[k : k + 3]), " ".join(words) + " (Author, 2001).", k // 6))
    return CorpusData(papers, works, refs, tuple(contexts)), truth_work, truth_paper


@pytest.mark.parametrize("method", [pytest.param("leiden", marks=pytest.mark.requires("igraph")), "louvain"])
def test_planted_partition_recovered(method):
    import networkx as nx
    from sklearn.metrics import adjusted_rand_score

    data, truth_work, truth_paper = planted(noise=0.25)  # ~20% of references cross debates
    G = normalise(cocitation_network(data), "association")
    cl = detect_communities(G, ClusterSettings(method=method, seed=1))
    parts = [cl.members(c) for c in range(1, len(cl.sizes) + 1)]  # ids from 1
    assert min(cl.membership.values()) == 1 and cl.size(1) == cl.sizes[0] and cl.size(0) == 0
    assert cl.modularity == pytest.approx(nx.community.modularity(G, parts, weight="weight"))
    nodes = sorted(G)
    assert adjusted_rand_score([truth_work[n] for n in nodes], [cl.membership[n] for n in nodes]) >= 0.9
    assert cl.modularity > 0.3 and cl.silhouette is not None and cl.silhouette > 0
    assert sum(cl.sizes) == len(G) and list(cl.sizes) == sorted(cl.sizes, reverse=True)
    assert detect_communities(G, ClusterSettings(method=method, seed=1)).membership == cl.membership  # deterministic
    P = coupling_network(data)
    pc = detect_communities(P, ClusterSettings(method=method, seed=1))
    assert adjusted_rand_score([truth_paper[n] for n in sorted(P)], [pc.membership[n] for n in sorted(P)]) >= 0.9
    # Labels from citing passages name each debate's vocabulary, never boilerplate.
    passages = cluster_passages(data, cl.membership)
    vocab = {0: "rescaling statehood territory glocalisation regulation", 1: "assemblage relational topology mobilities policy",
             2: "gentrification displacement housing tenants eviction"}
    for labeller in (llr_labels, ctfidf_labels):
        labels = labeller(passages, top_n=3)
        for c, top in labels.items():
            debate = truth_work[cl.members(c)[0]]
            assert top and all(set(t.split()) <= set(vocab[debate].split()) for t, _ in top), (labeller, top)


def test_silhouette_matches_sklearn():
    import numpy as np
    from sklearn.metrics import silhouette_score

    from litmap.analyse.networks.clusters import silhouette_score_precomputed

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    D = np.sqrt(((X[:, None] - X[None]) ** 2).sum(-1))
    labels = np.array([0] * 15 + [1] * 20 + [2] * 4 + [3])  # includes a singleton
    assert silhouette_score_precomputed(D, labels) == pytest.approx(silhouette_score(D, labels, metric="precomputed"))


def _parts(*groups: str) -> dict[str, int]:
    """``_parts("abc", "de")`` -> {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2} (clusters are numbered from 1)."""
    return {n: i for i, g in enumerate(groups, start=1) for n in g}


def test_align_identical_clustering_keeps_ids_whatever_the_numbering():
    prev = {"a": 4, "b": 4, "c": 4, "d": 9, "e": 9, "f": 2}
    cur = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}
    assert align_clusters(prev, cur) == prev
    assert align_clusters(prev, {n: 7 - c for n, c in cur.items()}) == prev
    assert align_clusters({}, cur) == cur  # first run: ids as detected


def test_align_split_keeps_id_on_larger_part_and_new_cluster_is_fresh():
    prev = {**_parts("abcdefgh", "ijkl"), "z": 5}  # ids 1, 2 and 5
    cur = _parts("abcdef", "ijklm", "gh", "xyw")  # camp 1 split 6/2, camp 2 grew by one, a new camp, z gone
    got = align_clusters(prev, cur)
    assert {got[n] for n in "abcdef"} == {1} and {got[n] for n in "ijklm"} == {2}
    assert {got[n] for n in "gh"} == {6} and {got[n] for n in "xyw"} == {7}  # above every previous id, in order


def test_align_never_reuses_a_vanished_id():
    prev = _parts("abcd", "efgh", "ijkl")
    cur = _parts("abcd", "mnop")  # camps 2 and 3 vanished, a new one appeared
    got = align_clusters(prev, cur)
    assert {got[n] for n in "abcd"} == {1} and {got[n] for n in "mnop"} == {4}
    # ids handed out in still earlier runs are not reused either
    assert {align_clusters(prev, cur, next_id=10)[n] for n in "mnop"} == {10}
    assert {align_clusters({}, cur, next_id=4)[n] for n in "abcd"} == {4}


def test_align_threshold_and_unclustered():
    prev = _parts("abcdef")
    cur = {**_parts("abc", "def"), "g": 0, "h": -1}  # a 50/50 split: only one half can keep the id; g, h in none
    got = align_clusters(prev, cur)
    assert sorted({got[n] for n in "abc"} | {got[n] for n in "def"}) == [1, 2] and (got["g"], got["h"]) == (0, -1)
    assert set(align_clusters(prev, cur, min_overlap=0.6).values()) == {2, 3, 0, -1}  # neither half passes 0.6
    assert min(align_clusters({}, {"a": 1}, next_id=0).values()) == 1  # a fresh id is never 0 ("none")
    with pytest.raises(InputError, match="min_overlap"):
        align_clusters(prev, cur, min_overlap=0)


def test_cluster_settings_validated():
    with pytest.raises(InputError):
        ClusterSettings(method="kmeans")
    with pytest.raises(InputError):
        ClusterSettings(resolution=0)


def test_terms_and_key_terms():
    assert terms("The paper argues that state rescaling (Brenner, 2004) matters", ngram=2) == [
        "state", "rescaling", "matters", "state rescaling", "rescaling matters"]
    texts = {1: "state rescaling and city regions", 2: "state rescaling again", 3: "city regions grow", 4: "nothing"}
    kt = unit_key_terms(texts, top_n=10, min_units=2)
    assert kt[1] >= {"state rescaling", "city regions"} and 4 not in kt
    G = concept_network(kt)
    assert G["state rescaling"]["city regions"]["weight"] == 1 and G.nodes["state rescaling"]["count"] == 2


def test_concept_work_network():
    data = hand_corpus()
    texts = unit_texts(data, "sentence")
    units = citation_units(data, "sentence")
    concepts = {k: {"state"} if "state" in t.lower() else set() for k, t in texts.items()}
    B = concept_work_network(concepts, units, data)
    assert {v for _, v in B.edges("c:state")} == {"w:A", "w:B", "w:C", "w:D"}
    assert B["c:state"]["w:B"]["weight"] == 2 and B.nodes["w:A"]["label"] == "Brenner 1999"
    assert B.nodes["c:state"]["bipartite"] == 0 and B.nodes["w:A"]["bipartite"] == 1


@pytest.mark.parametrize("engine", [pytest.param("igraph", marks=pytest.mark.requires("igraph")), "networkx"])
def test_centrality_and_sigma(engine):
    import networkx as nx

    G = nx.star_graph(4)
    nx.set_edge_attributes(G, 1, "weight")
    c = centralities(G, engine=engine)
    assert c["betweenness"][0] == pytest.approx(1.0) and c["betweenness"][1] == 0.0
    assert c["strength"][0] == 4 and c["degree"][0] == 1.0 and c["pagerank"][0] > c["pagerank"][1]
    # Distances are 1/weight: a heavy two-step path beats a light direct edge.
    H = nx.Graph()
    H.add_weighted_edges_from([("a", "b", 10), ("b", "c", 10), ("a", "c", 1)])
    assert centralities(H, engine=engine)["betweenness"]["b"] == pytest.approx(1.0)
    R = nx.relabel_nodes(nx.les_miserables_graph(), str)  # engines agree on a real weighted graph
    ours = centralities(R, engine=engine)["betweenness"]
    inv = R.copy()
    nx.set_edge_attributes(inv, {(u, v): 1.0 / d["weight"] for u, v, d in R.edges(data=True)}, "dist")
    ref = nx.betweenness_centrality(inv, weight="dist")
    assert all(ours[n] == pytest.approx(ref[n], abs=1e-9) for n in R)
    assert sigma(0.5, 2.0) == pytest.approx(2.25) and sigma(0.3, 0.0) == 1.0


def test_build_network_and_annotate():
    from litmap.analyse.networks.bursts import Burst
    from litmap.analyse.networks.build import annotate, build_network

    data = hand_corpus()
    assert build_network(data, "cocitation", top_n=2).number_of_nodes() == 2
    assert set(build_network(data, "citation").edges) == {(3, 1), (4, 1)}
    assert build_network(data, "coupling", min_weight=2).number_of_edges() == 5
    assert set(build_network(data, "author-cocitation", min_count=3)) == {"Brenner", "Jessop"}
    assert build_network(data, "coauthor", top_n=1).number_of_nodes() == 1
    C = build_network(data, "concepts", proximity="sentence")
    assert set(C) == {"state"} and C.nodes["state"]["count"] == 2  # the only term in two citing sentences
    W = build_network(data, "concept-works", proximity="sentence")
    assert {v for _, v in W.edges("c:state")} == {"w:B", "w:C", "w:D"}
    with pytest.raises(InputError):
        build_network(data, "bibliometric")
    G = cocitation_network(data)
    H = annotate(G, clusters={"A": 0}, centrality={"betweenness": {"A": 0.5}, "pagerank": {"A": 0.2}},
                 bursts={"A": [Burst(2001, 2003, 1.0), Burst(2005, 2006, 2.0)]})
    a = H.nodes["A"]
    assert (a["cluster"], a["pagerank"], a["burst"], a["burst_start"], a["sigma"]) == (0, 0.2, 2.0, 2005, 2.25)
    assert "cluster" not in H.nodes["B"] and "cluster" not in G.nodes["A"]


def test_concept_units_with_lexicon():
    from litmap.analyse.concepts import load_lexicon
    from litmap.analyse.networks.build import concept_units

    lex = load_lexicon()
    c = lex.concepts[0]
    units = concept_units({1: f"On {c.label} and more.", 2: "nothing here"}, lex)
    assert units == {1: {c.id}}


@pytest.mark.requires("igraph")
def test_network_cli_align_to_a_previous_export(tmp_path):
    import csv

    from click.testing import CliRunner

    from litmap.cli import cli
    from report_fixture import build_fixture_store

    db = build_fixture_store(str(tmp_path / "f.db"), topics=False)

    def run(*extra: str) -> None:
        res = CliRunner().invoke(cli, ["network", "--db", db, "--kind", "coupling", "--normalise", "raw",
                                       "--cluster-method", "louvain", *extra], catch_exceptions=False)
        assert res.exit_code == 0, res.output

    def read(path):
        with open(path, encoding="utf-8", newline="") as f:
            return {r["id"]: int(r["cluster"]) for r in csv.DictReader(f)}

    run("--format", "csv", "-o", str(tmp_path / "a.csv"))
    first = read(tmp_path / "a_nodes.csv")
    assert len(set(first.values())) >= 2
    # An earlier export that numbered the same clusters 20, 21, ...: the new export follows it.
    old = {n: 20 + c for n, c in first.items()}
    with open(tmp_path / "old_nodes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "cluster"])
        w.writerows(old.items())
    run("--format", "csv", "-o", str(tmp_path / "b.csv"), "--align-to", str(tmp_path / "old_nodes.csv"))
    assert read(tmp_path / "b_nodes.csv") == old
    run("--format", "graphml", "-o", str(tmp_path / "c.graphml"), "--align-to", str(tmp_path / "b_nodes.csv"))
    run("--format", "csv", "-o", str(tmp_path / "d.csv"), "--align-to", str(tmp_path / "c.graphml"))
    assert read(tmp_path / "d_nodes.csv") == old
    res = CliRunner().invoke(cli, ["network", "--db", db, "-o", str(tmp_path / "e.csv"), "--format", "csv",
                                   "--align-to", db])
    assert res.exit_code != 0 and ("could not read clusters" in res.output or "holds no node clusters" in res.output)
