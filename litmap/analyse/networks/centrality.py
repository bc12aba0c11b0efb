"""Centralities of a weighted network, and CiteSpace's sigma.

Betweenness runs in igraph's C code when igraph is installed (exact, and
fast enough for maps of thousands of nodes and ~10^5–10^6 links); without
it networkx estimates it from sampled sources.
"""

from __future__ import annotations

import logging
from typing import Hashable, Optional, TypeVar

import networkx as nx

__all__ = ["centralities", "sigma"]

log = logging.getLogger(__name__)

N = TypeVar("N", bound=Hashable)  # a node id, of whatever type the graph holds


def centralities(
    G: nx.Graph[N],
    *,
    weight: str = "weight",
    betweenness_k: Optional[int] = None,
    seed: int = 42,
    sample_above: int = 1000,
    engine: str = "auto",
) -> dict[str, dict[N, float]]:
    """``{"degree", "strength", "betweenness", "pagerank"}`` → node → value.

    Betweenness is normalised (as networkx does) and uses distance =
    1/weight, so a strong tie is a short path.  ``engine="networkx"`` (or no
    igraph) estimates it from ``betweenness_k`` seeded sources (default 500)
    above ``sample_above`` nodes, as exact betweenness is O(nm) in Python.
    """
    if G.number_of_nodes() == 0:
        return {"degree": {}, "strength": {}, "betweenness": {}, "pagerank": {}}
    betweenness = None
    if engine in ("auto", "igraph") and betweenness_k is None:
        betweenness = _igraph_betweenness(G, weight, required=engine == "igraph")
    if betweenness is None:
        H = G.copy()
        for _, _, d in H.edges(data=True):
            w = float(d.get(weight, 1.0))
            d["_distance"] = 1.0 / w if w > 0 else float("inf")
        n = H.number_of_nodes()
        k = betweenness_k if betweenness_k is not None else (500 if n > sample_above else None)
        k = min(k, n) if k else None
        betweenness = nx.betweenness_centrality(H, k=k, weight="_distance", normalized=True, seed=seed)
    return {
        "degree": dict(nx.degree_centrality(G)),
        "strength": {u: float(s) for u, s in G.degree(weight=weight)},
        "betweenness": betweenness,
        "pagerank": nx.pagerank(G, weight=weight),
    }


def _igraph_betweenness(G: nx.Graph[N], weight: str, *, required: bool) -> Optional[dict[N, float]]:
    try:
        import igraph
    except ImportError:
        if required:
            from litmap.errors import MissingDependency

            raise MissingDependency("igraph", "pip install igraph, or use engine='networkx'")
        return None
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges, dist = [], []
    for u, v, w in G.edges(data=weight, default=1.0):
        if float(w) > 0:  # a zero-weight link is no path at all
            edges.append((index[u], index[v]))
            dist.append(1.0 / float(w))
    g = igraph.Graph(n=len(nodes), edges=edges, directed=G.is_directed())
    raw = g.betweenness(weights=dist if dist else None, directed=G.is_directed())
    n = len(nodes)
    scale = (n - 1) * (n - 2) if n > 2 else 1.0
    if not G.is_directed():
        scale /= 2.0
    return {node: float(b) / scale for node, b in zip(nodes, raw)}


def sigma(betweenness: float, burst_strength: float) -> float:
    """CiteSpace's sigma: ``(betweenness + 1) ** burst_strength`` (1 when no burst)."""
    return (betweenness + 1.0) ** burst_strength
