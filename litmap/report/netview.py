"""Networks for the report: full graphs for the exports, pruned laid-out views for the page.

Map coordinates are computed in Python (:mod:`litmap.analyse.networks.layout`,
stored as node attributes x, y of the full graphs), so the browser draws
preset positions and runs no physics: a 2,000-paper corpus still opens
quickly.  Clusters come from Louvain on the full graph (or its densest part
when very large) and are labelled from the citing sentences.  When the
previous report's snapshot holds a view's clusters, the new ones are
renumbered after them (:func:`litmap.analyse.networks.clusters.align_clusters`), so an
unchanged camp keeps its number, colour and label from report to report.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from typing import Any, Hashable, Mapping, Optional

import networkx as nx

from litmap.report.records import ReportWork
from litmap.report.settings import ReportSettings

__all__ = ["network_views", "NETWORKS"]

log = logging.getLogger(__name__)

NETWORKS = {
    "cocitation": ("Co-citation of cited works",
                   "Cited works linked by the number of corpus papers citing both; node size = citing papers."),
    "coupling": ("Bibliographic coupling of corpus papers",
                 "Corpus papers linked by the number of references they share; node size = references shared in all."),
    "citation": ("Direct citation among corpus papers",
                 "An arrow from a paper to a corpus paper it cites; node size = citations from the corpus."),
    "concepts": ("Concept co-occurrence",
                 "Lexicon concepts linked by the number of paragraphs mentioning both; node size = paragraphs."),
}
_KNN = 15  # neighbours kept per node when clustering a dense graph
_CLUSTER_CAP = 1000  # Louvain on at most this many nodes (the most connected); the rest stay unclustered


def network_views(
    data: Any, settings: ReportSettings, concept_units: Mapping[tuple[int, int], list[str]],
    concept_labels: Mapping[str, str], works: Mapping[str, ReportWork],
    paper_labels: Optional[Mapping[int, str]] = None,
    previous: Optional[Mapping[str, tuple[Mapping[str, int], Optional[int]]]] = None,
) -> tuple[dict[str, dict[str, Any]], dict[str, nx.Graph], list[dict[str, Any]]]:
    """``(views, full graphs, most central papers)``.

    ``previous`` maps a view name to the previous report's clusters of that
    view, ``({str(node): cluster id}, first unused id)`` (see
    :func:`litmap.report.changes.previous_clusters`).
    """
    import litmap.analyse.networks.build as nets

    # Which cited works enter the co-citation map (litmap.analyse.networks.selection): a minimum of
    # citing papers chosen by corpus size (2 for a 50-paper corpus), optionally CiteSpace's per-slice top N
    # or g-index. Works cited by one paper only would otherwise make most nodes and fake clusters.
    from litmap.analyse.networks.selection import Selection, select_cited

    selection = Selection(settings.selection, settings.min_cocitations, settings.top_per_slice, settings.g_k,
                          settings.slice_years, settings.max_items)
    chosen = select_cited(data.references, {pid: p.year for pid, p in data.papers.items()}, selection,
                          n_papers=len(data.papers))
    min_cites = chosen.minimum
    keep = chosen.kept if chosen.restricts else None
    by_work: dict[str, list[int]] = {}
    for pid, wids in data.references.items():
        for w in dict.fromkeys(wids):
            by_work.setdefault(w, []).append(pid)
    budget = settings.edges_per_node
    cocit_w = _min_weight(data.references, budget, min_count=min_cites)
    coupl_w = _min_weight(by_work, budget)
    graphs: dict[str, nx.Graph] = {}
    views: dict[str, dict[str, Any]] = {}
    builders = {
        "cocitation": lambda: nets.cocitation_network(data, "paper", min_citations=min_cites, min_weight=cocit_w,
                                                      keep=keep),
        "coupling": lambda: nets.coupling_network(data, min_weight=coupl_w),
        "citation": lambda: nets.citation_network(data),
        "concepts": lambda: nets.concept_network(concept_units, labels=dict(concept_labels)),
    }
    for name, build in builders.items():
        title, caption = NETWORKS[name]
        G = build()
        for n, d in G.nodes(data=True):
            if d.get("type") == "paper" and paper_labels and n in paper_labels:
                d["label"] = paper_labels[n]
        graphs[name] = G
        if G.number_of_edges():
            _coordinates(G, settings.seed)
        if name == "cocitation":
            _time_attrs(G, data, by_work)
        if G.number_of_edges() == 0:
            views[name] = {"title": title, "caption": caption, "missing": _why_empty(name, G)}
            continue
        if name == "cocitation":
            caption += " " + chosen.describe()
        threshold = {"cocitation": cocit_w, "coupling": coupl_w}.get(name, 1)
        if threshold > 1:
            unit = "references" if name == "coupling" else "citing papers"
            caption += (f" Pairs sharing fewer than {threshold} {unit} are left out, here and in data/: in a "
                        "focused literature nearly every pair shares a classic.")
        views[name] = _view(name, G, data, settings, title, caption, (previous or {}).get(name))
        if name == "cocitation":
            views[name]["kept"] = chosen.describe()
            views[name]["min_count"] = min_cites
    central = _central(graphs.get("coupling"), graphs.get("citation"), data, settings)
    return views, graphs, central


def _min_weight(groups: Mapping[Any, Any], per_node: int, *, min_count: int = 1) -> int:
    """Smallest link weight that keeps a co-occurrence graph within ``per_node`` links per node.

    In a focused field nearly every pair of papers shares a classic, so the
    full coupling graph of 2,000 papers is almost complete (2 M links): too
    slow to cluster or export and no more informative than its strong links.
    """
    import numpy as np
    from scipy import sparse

    index: dict[Any, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, members in enumerate(groups.values()):
        for m in dict.fromkeys(members):
            rows.append(r)
            cols.append(index.setdefault(m, len(index)))
    if not index:
        return 1
    B = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(groups), len(index)))
    counts = np.asarray(B.sum(axis=0)).ravel()
    B = B[:, np.flatnonzero(counts >= min_count)]
    weights = sparse.triu(B.T @ B, k=1).tocoo().data
    limit = per_node * B.shape[1]
    if weights.size <= limit:
        return 1
    # the weight w such that the number of links with weight >= w is at most the limit
    hist = np.bincount(weights)
    at_least = np.cumsum(hist[::-1])[::-1]
    ok = np.flatnonzero(at_least <= limit)
    return int(ok[0]) if ok.size else int(weights.max())


def _why_empty(name: str, G: nx.Graph) -> str:
    if name == "concepts":
        return "no two lexicon concepts share a paragraph yet; add concepts with --concepts FILE or ingest more papers"
    if name == "citation":
        return (f"none of the {G.number_of_nodes()} corpus papers cites another corpus paper "
                "(references are resolved to corpus papers by `litmap ingest`)")
    return f"no links yet ({G.number_of_nodes()} nodes, no shared citations): ingest more papers"


def _strength(G: nx.Graph) -> dict[Hashable, float]:
    return {n: float(s) for n, s in G.degree(weight="weight")}


def _clusters(G: nx.Graph, settings: ReportSettings) -> tuple[dict[Hashable, int], Optional[float]]:
    """Louvain clusters (seeded; 1 = largest, 0 = none), numbered as :mod:`litmap.analyse.networks.clusters` does.

    Called directly rather than through ``detect_communities`` because that
    also computes a silhouette (sklearn import + O(n²)) the report does not show.
    Above ``_CLUSTER_CAP`` nodes only the most connected are clustered; a
    dense graph is clustered on its k-nearest-neighbour backbone.
    """
    H = G.to_undirected(as_view=True) if G.is_directed() else G
    strength = _strength(H)
    keep = [n for n in sorted(H, key=lambda n: (-strength[n], str(n))) if H.degree(n) > 0][:_CLUSTER_CAP]
    kept = set(keep)
    links = sum(1 for n in keep for m in H[n] if m in kept) // 2
    K = _knn(H, keep, _KNN) if links > _KNN * 2 * len(keep) else _induced(H, keep)
    if K.number_of_edges() == 0:
        return {}, None
    comms = nx.community.louvain_communities(K, weight="weight", seed=settings.seed)
    ordered = sorted((sorted(c, key=str) for c in comms), key=lambda c: (-len(c), str(c[0])))
    modularity = nx.community.modularity(K, ordered, weight="weight")  # type: ignore[arg-type]  # lists work; stubs ask for sets
    return {n: i for i, c in enumerate(ordered, start=1) for n in c}, float(modularity)


def _induced(G: nx.Graph, nodes: list[Hashable]) -> nx.Graph:
    """The subgraph on ``nodes``, its nodes and links in the order given.

    ``G.subgraph`` iterates a Python set when the subset is under half the
    graph, so node order, and with it Louvain clusters, backbone links and
    spring layouts, changed from run to run with the string hash seed: two
    builds of one store gave different co-citation views.
    """
    keep = set(nodes)
    H = G.__class__()
    H.add_nodes_from((n, G.nodes[n]) for n in nodes)
    H.add_edges_from((u, v, d) for u in nodes for v, d in G.adj[u].items() if v in keep)
    return H


def _knn(G: nx.Graph, nodes: list[Hashable], k: int) -> nx.Graph:
    """Among ``nodes``, each node's ``k`` strongest links (an edge stays if either end keeps it)."""
    kept = set(nodes)
    K: nx.Graph = nx.Graph()
    K.add_nodes_from(nodes)
    for n in nodes:
        nbrs = [(m, d.get("weight", 1)) for m, d in G[n].items() if m in kept and m != n]
        nbrs.sort(key=lambda x: (-x[1], str(x[0])))
        K.add_edges_from((n, m, {"weight": w}) for m, w in nbrs[:k])
    return K


def _cluster_labels(name: str, G: nx.Graph, membership: Mapping[Hashable, int], data: Any) -> dict[int, str]:
    from litmap.analyse.networks.labels import (cluster_passages, distinct_terms, llr_labels, paper_passages,
                                                 word_usage)

    # a cluster's two largest items name it (VOSviewer and CiteSpace show the biggest items likewise): the
    # concepts' labels, and the label of a cluster of works or papers whose sentences share no term
    ranked: dict[int, list[tuple[int, str]]] = {}
    for n, cl in membership.items():
        if n in G:
            ranked.setdefault(cl, []).append((-int(G.nodes[n].get("count", 0) or 0), str(G.nodes[n].get("label", n))))
    by_items = {cl: ", ".join(lbl for _, lbl in sorted(v)[:2]) for cl, v in ranked.items()}
    if name == "concepts":
        return by_items
    # co-citation: the sentences citing a cluster's works; else a cluster of papers: their own citing sentences
    docs = cluster_passages(data, membership) if name == "cocitation" else paper_passages(data, membership)
    # Narrative citations ("Allen and Cochrane (2010) argue") leave names in the text: drop
    # terms made of cited authors' surnames so labels say what a cluster is about.
    names = {(w.first_author or "").lower() for w in data.works.values()} - {""}
    labels = llr_labels(docs, top_n=12, distinct=False, usage=word_usage(data))
    out: dict[int, str] = {}
    for cl, scored in labels.items():
        kept = [(t, v) for t, v in scored if not any(tok.lower() in names for tok in t.split())]
        if kept:
            out[cl] = ", ".join(t for t, _ in distinct_terms(kept, 3))  # "scale" under "scale longer"
    return {cl: out.get(cl) or by_items[cl] for cl in by_items}


def _aligned(membership: dict[Hashable, int],
             previous: Optional[tuple[Mapping[str, int], Optional[int]]]) -> dict[Hashable, int]:
    """``membership`` renumbered after the previous report's clusters (snapshot keys are strings)."""
    if not previous:
        return membership
    from litmap.analyse.networks.clusters import align_clusters

    old, next_id = previous
    node = {str(n): n for n in membership}
    got = align_clusters(old, {str(n): c for n, c in membership.items()}, next_id=next_id)
    return {node[k]: c for k, c in got.items()}


def _view(name: str, G: nx.Graph, data: Any, settings: ReportSettings, title: str, caption: str,
          previous: Optional[tuple[Mapping[str, int], Optional[int]]] = None) -> dict[str, Any]:
    membership, modularity = _clusters(G, settings)
    membership = _aligned(membership, previous)
    for n in G:
        G.nodes[n]["cluster"] = membership.get(n, 0)  # 0: in no cluster
    cl_labels = _cluster_labels(name, G, membership, data)
    strength = _strength(G)
    # Coupling: a paper's weight is how much it shares with the others (its reference count
    # is nearly constant across papers); elsewhere the node's own count (citing papers, paragraphs).
    size_of = strength if name == "coupling" else {n: float(G.nodes[n].get("count", 0) or 0) for n in G}
    ranked = sorted(G, key=lambda n: (-size_of[n], -strength[n], str(n)))
    shown = [n for n in ranked if G.degree(n) > 0][: settings.top_nodes]
    H = _induced(G, shown)
    edges = _backbone(H)
    # The map coordinates of the full graph (x, y node attributes, as in data/ and the exports),
    # so the page, the PNG, GraphML/GEXF and VOSviewer show one map.
    spread = max(1.0, math.sqrt(len(shown)) / 4)  # more nodes, a larger canvas for the same node sizes
    pos = {n: (float(G.nodes[n].get("x", 0.0)) * spread, float(G.nodes[n].get("y", 0.0)) * spread) for n in shown}
    sizes = Counter(membership.values())
    clusters = [
        {"id": cl, "label": cl_labels.get(cl) or f"cluster {cl}", "size": n,
         "shown": sum(1 for x in shown if membership.get(x) == cl)}
        for cl, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))  # largest first, as ids no longer say
    ]
    nodes = []
    for n in shown:
        d = G.nodes[n]
        kind = d.get("type")
        ref = {"paper": int(n)} if kind == "paper" else {"work": str(n)} if kind == "work" else {"concept": str(n)}
        nodes.append({
            "id": str(n), "label": str(d.get("label", n)), "x": round(float(pos[n][0]) * 1000, 1),
            "y": round(float(pos[n][1]) * 1000, 1), "cluster": int(d.get("cluster", 0)),
            "year": d.get("year"), "size": size_of[n], **ref,
            **{str(k): d[k] for k in ("avg_year", "burst_strength", "burst_start", "burst_end", "sigma") if k in d},
        })
    return {
        "title": title, "caption": caption, "directed": G.is_directed(),
        "nodes": nodes, "edges": [[str(u), str(v), int(w)] for u, v, w in edges],
        "clusters": clusters, "modularity": None if modularity is None else round(modularity, 3),
        "total_nodes": G.number_of_nodes(), "total_edges": G.number_of_edges(),
        "graphml": G.number_of_edges() <= settings.graphml_max_edges,
    }


def _coordinates(G: nx.Graph, seed: int) -> None:
    """Map coordinates (:func:`litmap.analyse.networks.layout.map_coordinates`) as node attributes x, y."""
    from litmap.analyse.networks.layout import map_coordinates

    for n, (x, y) in map_coordinates(G, seed=seed).items():
        G.nodes[n]["x"], G.nodes[n]["y"] = x, y


def _time_attrs(G: nx.Graph, data: Any, by_work: Mapping[str, list[int]]) -> None:
    """Co-citation nodes' ``avg_year`` (mean year of their citing papers, for the overlay view) and
    their strongest citation burst (``burst_start``, ``burst_end``, ``burst_strength``) with CiteSpace's
    ``sigma`` = (betweenness + 1) ** burst strength."""
    from litmap.analyse.networks.bursts import work_bursts

    for n, d in G.nodes(data=True):
        years = [data.papers[p].year for p in by_work.get(n, ()) if p in data.papers and data.papers[p].year]
        if years:
            d["avg_year"] = round(sum(years) / len(years), 1)
    bursts = {w: max(bs, key=lambda b: b.strength) for w, bs in work_bursts(data).items() if w in G}
    if not bursts:
        return
    from litmap.analyse.networks.centrality import centralities

    between = centralities(G)["betweenness"] if G.number_of_edges() else {}
    for w, b in bursts.items():
        d = G.nodes[w]
        d.update(burst_start=int(b.start), burst_end=int(b.end), burst_strength=round(float(b.strength), 3))
        d["sigma"] = round((float(between.get(w, 0.0)) + 1.0) ** float(b.strength), 4)


def _backbone(H: nx.Graph, per_node: int = 3, per_node_total: int = 4) -> list[tuple[Any, Any, int]]:
    """Each node's ``per_node`` strongest links, then the strongest others up to ``per_node_total`` × nodes.

    A global top-k would strip weakly tied nodes of every link and leave them floating.
    """
    key = lambda e: (-e[2], str(e[0]), str(e[1]))  # noqa: E731
    edges = sorted(H.edges(data="weight", default=1), key=key)
    canon = (lambda u, v: (u, v)) if H.is_directed() else (lambda u, v: (u, v) if str(u) <= str(v) else (v, u))
    incident = H.to_undirected(as_view=True) if H.is_directed() else H
    keep: dict[tuple[Any, Any], int] = {}
    for n in H:
        for u, v, w in sorted(incident.edges(n, data="weight", default=1), key=key)[:per_node]:
            if not H.has_edge(u, v):
                u, v = v, u
            keep[canon(u, v)] = w
    budget = per_node_total * H.number_of_nodes()
    for u, v, w in edges:
        if len(keep) >= budget:
            break
        keep.setdefault(canon(u, v), w)
    return sorted(((u, v, int(w)) for (u, v), w in keep.items()), key=key)


def _central(coupling: Optional[nx.Graph], citation: Optional[nx.Graph], data: Any,
             settings: ReportSettings) -> list[dict[str, Any]]:
    """Most central corpus papers: PageRank in the coupling network, with in-corpus citations."""
    if coupling is None or coupling.number_of_edges() == 0:
        return []
    pr = nx.pagerank(coupling, weight="weight")
    indeg = dict(citation.in_degree()) if isinstance(citation, nx.DiGraph) else {}
    ranked = sorted(pr, key=lambda n: (-pr[n], n))[: settings.top_table]
    return [
        {"paper": int(n), "pagerank": round(pr[n], 4), "coupling_strength": int(coupling.degree(n, weight="weight")),
         "cited_in_corpus": int(indeg.get(n, 0))}
        for n in ranked
    ]
