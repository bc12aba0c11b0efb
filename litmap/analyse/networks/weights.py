"""Edge-weight normalisation and node selection for co-occurrence networks.

Normalisations follow van Eck & Waltman (2009, "How to normalize
co-occurrence data?"): raw counts, association strength (as VOSviewer
computes it), cosine (Salton), Jaccard and inclusion.  Node selection offers
thresholds, top-N, and CiteSpace's per-time-slice top-N and g-index.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Hashable, Iterable, Mapping, Optional

import networkx as nx

from litmap.errors import InputError

from litmap.store.corpusdata import CorpusData

__all__ = [
    "NORMALISATIONS",
    "normalise",
    "filter_edges",
    "select_nodes",
    "slice_citation_counts",
    "g_index",
    "select_top_per_slice",
    "select_g_index_per_slice",
]

NORMALISATIONS = ("raw", "association", "cosine", "jaccard", "inclusion")


def normalise(G: nx.Graph, method: str = "association", *, count_attr: str = "count") -> nx.Graph:
    """Return a copy of ``G`` whose ``weight`` is normalised; ``raw`` keeps the count.

    - ``association``: VOSviewer's association strength
      ``2m c_ij / (k_i k_j)``, with ``k_i`` the total link weight of node i
      and ``m`` the total weight of all links (1 = as often as expected).
    - ``cosine``: ``c_ij / sqrt(s_i s_j)``; ``jaccard``: ``c_ij / (s_i + s_j - c_ij)``;
      ``inclusion``: ``c_ij / min(s_i, s_j)``, where ``s_i`` is the node's
      occurrence count (node attribute ``count_attr``).
    """
    if method not in NORMALISATIONS:
        raise InputError(f"unknown normalisation {method!r}: choose one of {', '.join(NORMALISATIONS)}")
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d.setdefault("raw", d.get("weight", 1.0))
    if method == "raw":
        for _, _, d in H.edges(data=True):
            d["weight"] = float(d["raw"])
        return H
    if method == "association":
        k = dict(H.degree(weight="raw"))
        m = sum(k.values()) / 2.0
        for u, v, d in H.edges(data=True):
            d["weight"] = 2.0 * m * float(d["raw"]) / (k[u] * k[v]) if k[u] and k[v] else 0.0
        return H
    s: dict[Hashable, float] = {}
    for n, nd in H.nodes(data=True):
        if count_attr not in nd:
            raise InputError(f"node {n!r} has no {count_attr!r} attribute: {method} needs occurrence counts")
        s[n] = float(nd[count_attr])
    for u, v, d in H.edges(data=True):
        c = float(d["raw"])
        if method == "cosine":
            den = math.sqrt(s[u] * s[v])
        elif method == "jaccard":
            den = s[u] + s[v] - c
        else:
            den = min(s[u], s[v])
        d["weight"] = c / den if den > 0 else 0.0
    return H


def filter_edges(G: nx.Graph, min_weight: float) -> nx.Graph:
    """Copy of ``G`` without edges lighter than ``min_weight`` (nodes kept)."""
    H = G.copy()
    H.remove_edges_from([(u, v) for u, v, w in G.edges(data="weight", default=1.0) if w < min_weight])
    return H


def select_nodes(
    G: nx.Graph,
    *,
    min_count: Optional[float] = None,
    top_n: Optional[int] = None,
    keep: Optional[Iterable[Hashable]] = None,
    count_attr: str = "count",
) -> nx.Graph:
    """Induced subgraph on the selected nodes (a copy).

    ``keep`` restricts to a given node set (e.g. from a per-slice selection);
    ``min_count`` drops nodes with fewer occurrences; ``top_n`` keeps the
    most frequent (ties broken by node id, so the choice is deterministic).
    """
    nodes = list(G.nodes) if keep is None else [n for n in keep if n in G]
    if min_count is not None:
        nodes = [n for n in nodes if G.nodes[n].get(count_attr, 0) >= min_count]
    if top_n is not None:
        nodes.sort(key=lambda n: (-G.nodes[n].get(count_attr, 0), str(n)))
        nodes = nodes[:top_n]
    return G.subgraph(nodes).copy()


def slice_citation_counts(
    data: CorpusData, slice_years: int = 1
) -> dict[tuple[int, int], Counter[str]]:
    """Citing papers per work in each time slice of the *citing* papers' years.

    Keys are ``(first_year, last_year)`` slices of ``slice_years`` years from
    the earliest citing year; papers without a year are left out.
    """
    if slice_years < 1:
        raise InputError("slice length must be at least 1 year")
    years = [p.year for p in data.papers.values() if p.year]
    if not years:
        return {}
    start = min(years)
    out: dict[tuple[int, int], Counter[str]] = {}
    for pid, works in data.references.items():
        y = data.papers[pid].year if pid in data.papers else None
        if not y:
            continue
        lo = start + (y - start) // slice_years * slice_years
        out.setdefault((lo, lo + slice_years - 1), Counter()).update(set(works))
    return dict(sorted(out.items()))


def g_index(counts: Iterable[int], k: float = 25.0) -> int:
    """CiteSpace's modified g-index: the largest g with ``g**2 <= k * sum(top g counts)``."""
    ranked = sorted((c for c in counts if c > 0), reverse=True)
    total, g = 0, 0
    for i, c in enumerate(ranked, start=1):
        total += c
        if i * i <= k * total:
            g = i
    return g


def _ranked(counter: Mapping[str, int]) -> list[str]:
    return sorted(counter, key=lambda w: (-counter[w], w))


def select_top_per_slice(slices: Mapping[tuple[int, int], Counter[str]], n: int) -> set[str]:
    """Union of the ``n`` most cited works of each slice (CiteSpace "Top N")."""
    return {w for c in slices.values() for w in _ranked(c)[:n]}


def select_g_index_per_slice(slices: Mapping[tuple[int, int], Counter[str]], k: float = 25.0) -> set[str]:
    """Union of the top-g works of each slice, g from :func:`g_index` with scale ``k``."""
    chosen: set[str] = set()
    for c in slices.values():
        chosen.update(_ranked(c)[: g_index(c.values(), k)])
    return chosen
