"""Citation, co-citation, coupling, author and concept networks.

Pure functions of :class:`~litmap.store.corpusdata.CorpusData` returning
networkx graphs.  Co-occurrence counts come from a sparse incidence matrix
(``B.T @ B``), so 2,000 papers × 60 references take well under a second.
Every node has ``label``, ``type`` (paper | work | author | concept),
``year`` (when known) and ``count`` (the groups — papers, paragraphs,
sentences — it occurs in); edges have ``weight`` (raw co-occurrence count).
"""

from __future__ import annotations

import logging
from collections import Counter
from itertools import combinations
from typing import Any, Collection, Hashable, Iterable, Mapping, Optional, Sequence, TypeVar

import networkx as nx

from litmap.errors import InputError

from litmap.store.corpusdata import CorpusData

__all__ = [
    "PROXIMITIES",
    "citation_network",
    "cocitation_network",
    "coupling_network",
    "author_cocitation_network",
    "coauthor_network",
    "citation_units",
    "concept_network",
    "concept_work_network",
    "cooccurrence_graph",
    "concept_units",
    "KINDS",
    "build_network",
    "annotate",
]

log = logging.getLogger(__name__)

PROXIMITIES = ("paper", "paragraph", "sentence")

# A group or unit key (paper id, (paper, paragraph[, sentence]) ...): any hashable, kept as given.
U = TypeVar("U", bound=Hashable)
N = TypeVar("N", bound=Hashable)  # a node id


def cooccurrence_graph(
    groups: Mapping[U, Iterable[Hashable]],
    *,
    min_count: int = 1,
    min_weight: int = 1,
    top_n: Optional[int] = None,
    edges: bool = True,
    keep: Optional[Collection[Hashable]] = None,
) -> nx.Graph:
    """Nodes co-occurring in groups; ``weight`` = groups holding both, ``count`` = groups holding the node.

    Nodes in fewer than ``min_count`` groups and edges lighter than
    ``min_weight`` are dropped before the graph is built (bounds memory).
    ``top_n`` keeps only the most frequent nodes (ties by node id), as
    VOSviewer's "number of items to select".  ``edges=False`` returns the
    counted nodes only.  ``keep`` restricts the nodes to a given set (e.g. a
    per-slice selection, :mod:`litmap.analyse.networks.selection`).
    """
    import numpy as np
    from scipy import sparse

    index: dict[Hashable, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, members in enumerate(groups.values()):
        for m in dict.fromkeys(members):  # first-seen order keeps outputs reproducible
            rows.append(r)
            cols.append(index.setdefault(m, len(index)))
    G: nx.Graph = nx.Graph()
    if not index:
        return G
    B = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(groups), len(index)))
    counts = np.asarray(B.sum(axis=0)).ravel()
    nodes = list(index)
    ok = counts >= min_count
    if keep is not None:
        wanted = set(keep)
        ok &= np.fromiter((n in wanted for n in index), dtype=bool, count=len(index))
    cols_kept = np.flatnonzero(ok)
    if top_n is not None and len(cols_kept) > top_n:
        cols_kept = np.array(sorted(sorted(cols_kept, key=lambda i: (-counts[i], str(nodes[i])))[:top_n]), dtype=int)
    G.add_nodes_from((nodes[i], {"count": int(counts[i])}) for i in cols_kept)
    if not edges:
        return G
    B = B[:, cols_kept]
    C = sparse.triu(B.T @ B, k=1).tocoo()
    mask = C.data >= min_weight
    G.add_weighted_edges_from(
        (nodes[cols_kept[i]], nodes[cols_kept[j]], int(w)) for i, j, w in zip(C.row[mask], C.col[mask], C.data[mask])
    )
    return G


def _work_attrs(G: nx.Graph, data: CorpusData) -> nx.Graph:
    mentions: Counter[str] = Counter(w for c in data.contexts for w in c.work_ids)
    for n, d in G.nodes(data=True):
        w = data.works.get(n)
        d.update(type="work", label=w.label if w else str(n), mentions=int(mentions.get(n, 0)))
        if w and w.year:
            d["year"] = w.year
    return G


def citation_units(data: CorpusData, proximity: str = "sentence") -> dict[tuple, tuple[str, ...]]:
    """Works cited together in each sentence or paragraph of each paper."""
    if proximity not in ("paragraph", "sentence"):
        raise InputError(f"unit must be 'paragraph' or 'sentence', not {proximity!r}")
    units: dict[tuple, dict[str, None]] = {}
    for c in data.contexts:
        key = (c.paper_id, c.paragraph) if proximity == "paragraph" else (c.paper_id, c.paragraph, c.sentence)
        units.setdefault(key, {}).update(dict.fromkeys(c.work_ids))
    return {k: tuple(v) for k, v in units.items()}


def cocitation_network(
    data: CorpusData,
    proximity: str = "paper",
    *,
    min_citations: int = 1,
    min_weight: int = 1,
    top_n: Optional[int] = None,
    keep: Optional[Collection[str]] = None,
) -> nx.Graph:
    """Works linked by the number of papers citing both.

    ``proximity="paragraph"`` or ``"sentence"`` counts a pair only in papers
    that cite both within one paragraph/sentence (still one per paper).
    Node ``count`` is always the number of citing papers; ``min_citations``
    and ``top_n`` (and ``keep``, a set of works) select works by it before any edge is built.
    """
    if proximity not in PROXIMITIES:
        raise InputError(f"unknown proximity {proximity!r}: choose one of {', '.join(PROXIMITIES)}")
    G = cooccurrence_graph(
        data.references, min_count=min_citations, min_weight=min_weight, top_n=top_n, edges=proximity == "paper",
        keep=keep,
    )
    if proximity != "paper":
        pairs: dict[int, set[tuple[str, str]]] = {}
        for (pid, *_), works in citation_units(data, proximity).items():
            pairs.setdefault(pid, set()).update(
                (a, b) if str(a) < str(b) else (b, a) for a, b in combinations(works, 2)
            )
        near: Counter[tuple[str, str]] = Counter(p for s in pairs.values() for p in s)
        G.add_weighted_edges_from(
            (a, b, w) for (a, b), w in sorted(near.items()) if w >= min_weight and a in G and b in G
        )
    return _work_attrs(G, data)


def coupling_network(data: CorpusData, *, min_weight: int = 1) -> nx.Graph:
    """Corpus papers linked by the number of references they share."""
    by_work: dict[str, list[int]] = {}
    for pid, works in data.references.items():
        for w in dict.fromkeys(works):
            by_work.setdefault(w, []).append(pid)
    G = cooccurrence_graph(by_work, min_weight=min_weight)
    G.add_nodes_from(data.papers)
    for n, d in G.nodes(data=True):
        p = data.papers.get(n)
        d.update(type="paper", label=p.label if p else str(n), count=len(data.references.get(n, ())))
        if p and p.year:
            d["year"] = p.year
    return G


def citation_network(data: CorpusData) -> nx.DiGraph:
    """Direct citation among corpus papers: an edge u → v when u cites v."""
    G: nx.DiGraph = nx.DiGraph()
    for p in data.papers.values():
        G.add_node(p.id, type="paper", label=p.label, **({"year": p.year} if p.year else {}))
    for pid, works in data.references.items():
        for w in dict.fromkeys(works):
            info = data.works.get(w)
            target = info.document_id if info else None
            if target is not None and target != pid and target in data.papers and pid in data.papers:
                G.add_edge(pid, target, weight=1)
    for n, d in G.nodes(data=True):
        d["count"] = G.in_degree(n)
    return G


def author_cocitation_network(
    data: CorpusData, *, min_citations: int = 1, min_weight: int = 1, top_n: Optional[int] = None
) -> nx.Graph:
    """First authors of cited works linked by the number of papers citing both."""
    groups = {
        pid: {data.works[w].first_author for w in works if w in data.works and data.works[w].first_author}
        for pid, works in data.references.items()
    }
    G = cooccurrence_graph(groups, min_count=min_citations, min_weight=min_weight, top_n=top_n)
    for n, d in G.nodes(data=True):
        d.update(type="author", label=str(n))
    return G


def coauthor_network(data: CorpusData, *, min_weight: int = 1) -> nx.Graph:
    """Corpus authors linked by the number of papers they wrote together."""
    G = cooccurrence_graph({p.id: p.authors for p in data.papers.values()}, min_weight=min_weight)
    for n, d in G.nodes(data=True):
        d.update(type="author", label=str(n))
    return G


def concept_network(
    units: Mapping[U, Iterable[str]],
    *,
    labels: Optional[Mapping[str, str]] = None,
    min_count: int = 1,
    min_weight: int = 1,
) -> nx.Graph:
    """Concepts (or key terms) linked by the number of units (sentences, paragraphs) mentioning both."""
    G = cooccurrence_graph(units, min_count=min_count, min_weight=min_weight)
    for n, d in G.nodes(data=True):
        d.update(type="concept", label=(labels or {}).get(n, str(n)))
    return G


def concept_work_network(
    unit_concepts: Mapping[U, Iterable[str]],
    unit_works: Mapping[U, Iterable[str]],
    data: Optional[CorpusData] = None,
    *,
    min_weight: int = 1,
) -> nx.Graph:
    """Bipartite concept × cited work: ``weight`` = units that mention the concept and cite the work.

    Nodes carry ``bipartite`` 0 (concept) / 1 (work); node ids are prefixed
    ``"c:"`` and ``"w:"`` so a concept and a work never collide.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for unit, concepts in unit_concepts.items():
        works = set(unit_works.get(unit, ()))
        for c in set(concepts):
            for w in works:
                pairs[(c, w)] += 1
    G: nx.Graph = nx.Graph()
    for (c, w), n in sorted(pairs.items()):
        if n < min_weight:
            continue
        G.add_node(f"c:{c}", type="concept", label=c, bipartite=0)
        info = data.works.get(w) if data else None
        attrs = {"type": "work", "label": info.label if info else w, "bipartite": 1}
        if info and info.year:
            attrs["year"] = info.year
        G.add_node(f"w:{w}", **attrs)
        G.add_edge(f"c:{c}", f"w:{w}", weight=n)
    for n, d in G.nodes(data=True):
        d["count"] = int(sum(x for _, _, x in G.edges(n, data="weight", default=0)))
    return G


def concept_units(
    texts: Mapping[U, str], lexicon: Optional[Any] = None, *, top_n: int = 200
) -> dict[U, set[str]]:
    """Concepts mentioned in each unit's text.

    With a :class:`litmap.analyse.concepts.Lexicon`, concept ids found by its
    matcher whose sense fits (:func:`litmap.analyse.concept_sense.fitting_mentions`;
    units keyed ``(paper, ...)`` give the paper); without one, the corpus key terms of
    :func:`litmap.analyse.networks.labels.unit_key_terms`.
    """
    if lexicon is None:
        from litmap.analyse.networks.labels import unit_key_terms

        return unit_key_terms(texts, top_n=top_n)
    from litmap.analyse.concept_sense import fitting_mentions
    from litmap.analyse.concepts import match_concepts

    found = {unit: [h.concept_id for h in match_concepts(text, lexicon)] for unit, text in texts.items()}
    return {unit: set(ids) for unit, ids in fitting_mentions({u: f for u, f in found.items() if f}, lexicon).items()}


KINDS = ("citation", "cocitation", "coupling", "author-cocitation", "coauthor", "concepts", "concept-works")


def build_network(
    data: CorpusData,
    kind: str,
    *,
    proximity: str = "paper",
    min_count: int = 1,
    min_weight: int = 1,
    top_n: Optional[int] = None,
    lexicon: Optional[Any] = None,
    keep: Optional[Collection[str]] = None,
) -> nx.Graph:
    """One entry point for the CLI: ``kind`` is one of :data:`KINDS`.

    ``proximity`` picks paper/paragraph/sentence co-citation, and the unit
    (sentence or paragraph; "paper" means paragraph) of concept networks.
    ``min_count``/``top_n`` select nodes by occurrences before edges are built
    where the builder supports it, otherwise afterwards.
    """
    if kind not in KINDS:
        raise InputError(f"unknown network kind {kind!r}: choose one of {', '.join(KINDS)}")
    if kind == "cocitation":
        return cocitation_network(data, proximity, min_citations=min_count, min_weight=min_weight, top_n=top_n,
                                  keep=keep)
    if kind == "author-cocitation":
        return author_cocitation_network(data, min_citations=min_count, min_weight=min_weight, top_n=top_n)
    if kind == "citation":
        G: nx.Graph = citation_network(data)
    elif kind == "coupling":
        G = coupling_network(data, min_weight=min_weight)
    elif kind == "coauthor":
        G = coauthor_network(data, min_weight=min_weight)
    else:
        from litmap.analyse.networks.labels import unit_texts

        unit = "sentence" if proximity == "sentence" else "paragraph"
        concepts = concept_units(unit_texts(data, unit), lexicon)
        if kind == "concepts":
            labels = {c.id: c.label for c in lexicon.concepts} if lexicon is not None else None
            G = concept_network(concepts, labels=labels, min_count=min_count, min_weight=min_weight)
        else:
            G = concept_work_network(concepts, citation_units(data, unit), data, min_weight=min_weight)
    from litmap.analyse.networks.weights import select_nodes

    return select_nodes(G, min_count=min_count if min_count > 1 else None, top_n=top_n)


def annotate(
    G: nx.Graph,
    *,
    clusters: Optional[Mapping[N, int]] = None,
    centrality: Optional[Mapping[str, Mapping[N, float]]] = None,
    bursts: Optional[Mapping[N, Sequence[Any]]] = None,
) -> nx.Graph:
    """Copy of ``G`` with ``cluster``, centralities, ``burst`` and ``burst_strength`` (strongest burst's strength),
    ``burst_start``/``burst_end`` and CiteSpace ``sigma`` as scalar node attributes."""
    H = G.copy()
    for n, d in H.nodes(data=True):
        if clusters is not None and n in clusters:
            d["cluster"] = int(clusters[n])
        for name, values in (centrality or {}).items():
            if n in values:
                d[name] = float(values[n])
        found = list((bursts or {}).get(n, ()))
        strength = 0.0
        if found:
            top = max(found, key=lambda b: b.strength)
            strength = float(top.strength)
            d.update(burst=strength, burst_strength=strength, burst_start=int(top.start), burst_end=int(top.end))
        if centrality and "betweenness" in centrality and n in centrality["betweenness"]:
            d["sigma"] = (float(centrality["betweenness"][n]) + 1.0) ** strength
    return H
