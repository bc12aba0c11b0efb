"""Map coordinates computed in Python, stable across refreshes.

A seeded force-directed layout (Fruchterman–Reingold, igraph's C code when
igraph is installed, networkx's otherwise) of each connected component on
the network's backbone (each node's ``k`` strongest links: a dense
co-citation graph laid out whole is a hairball), weights entering as
``1 + log(w)`` so a few very strong ties do not collapse a cluster.
Components are packed in rows, largest first, so small ones stay readable
instead of being flung to the rim.  Nodes are laid out in sorted id order
from seeded start positions, so the same graph and seed give the same map
from run to run and machine to machine.  Coordinates lie in [0, 1] × [0, ~1];
they become node attributes ``x``/``y`` and so reach the nodes CSV, GraphML,
GEXF (viz positions) and the VOSviewer map file.
"""

from __future__ import annotations

import math
from typing import Any, Hashable, Mapping, Optional, TypeVar

import networkx as nx

__all__ = ["map_coordinates", "backbone"]

N = TypeVar("N", bound=Hashable)


def _key(n: Any) -> tuple[str, str]:
    return (type(n).__name__, str(n))


def backbone(G: nx.Graph, k: int = 10, weight: str = "weight") -> nx.Graph:
    """Undirected graph of each node's ``k`` strongest links (a link stays if either end keeps it)."""
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    B: nx.Graph = nx.Graph()
    nodes = sorted(U, key=_key)
    B.add_nodes_from(nodes)
    for n in nodes:
        nbrs = sorted(((m, float(d.get(weight, 1.0) or 0.0)) for m, d in U[n].items() if m != n),
                      key=lambda x: (-x[1], _key(x[0])))
        for m, w in nbrs[:k]:
            if w > 0:
                B.add_edge(n, m, lw=1.0 + math.log(max(w, 1.0)) if w >= 1 else w)
    return B


def _component_layout(B: nx.Graph, comp: list[Any], seed: int) -> dict[Any, tuple[float, float]]:
    """Positions in [-1, 1]² for one connected component."""
    import numpy as np

    if len(comp) == 1:
        return {comp[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    start = rng.uniform(-1, 1, size=(len(comp), 2))
    index = {n: i for i, n in enumerate(comp)}
    edges = [(index[u], index[v]) for u, v in B.subgraph(comp).edges()]
    weights = [B[comp[i]][comp[j]]["lw"] for i, j in edges]
    try:
        import igraph
    except ImportError:
        igraph = None
    if igraph is not None:
        import random

        g = igraph.Graph(n=len(comp), edges=edges)
        igraph.set_random_number_generator(random.Random(seed))
        try:
            if len(comp) <= 600:  # Kamada-Kawai spaces nodes evenly (no tight balls around a bridge)
                coords = np.array(g.layout_kamada_kawai(seed=start.tolist(), maxiter=50 * len(comp)).coords,
                                  dtype=float)
            else:
                coords = np.array(g.layout_fruchterman_reingold(
                    niter=500, seed=start.tolist(), grid="grid").coords, dtype=float)
        finally:
            igraph.set_random_number_generator(random)
    else:
        H: nx.Graph = nx.Graph()
        H.add_nodes_from(range(len(comp)))
        H.add_weighted_edges_from((i, j, w) for (i, j), w in zip(edges, weights))
        got = nx.spring_layout(H, pos={i: tuple(start[i]) for i in range(len(comp))}, weight="weight",
                               iterations=100, seed=seed, k=2.5 / math.sqrt(len(comp)))
        coords = np.array([got[i] for i in range(len(comp))], dtype=float)
    coords -= np.median(coords, axis=0)
    # scale by the 95th percentile radius, so one far-flung bridge node does not shrink the rest into a ball
    radii = np.sqrt((coords ** 2).sum(axis=1))
    span = float(np.percentile(radii, 95)) or 1.0
    coords = np.clip(coords / span, -1.15, 1.15) * span
    return {n: (float(coords[i, 0] / span), float(coords[i, 1] / span)) for n, i in index.items()}


def map_coordinates(
    G: nx.Graph, *, seed: int = 42, weight: str = "weight", k: int = 10,
    only: Optional[Mapping[Any, Any]] = None,
) -> dict[Any, tuple[float, float]]:
    """``{node: (x, y)}`` for every node of ``G`` (or of ``only``'s keys), packed components."""
    B = backbone(G.subgraph(list(only)) if only is not None else G, k=k, weight=weight)
    comps = sorted((sorted(c, key=_key) for c in nx.connected_components(B)), key=lambda c: (-len(c), _key(c[0])))
    total = sum(len(c) * 4 for c in comps)
    width = max(math.sqrt(total) * 1.4, 2.0)
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp in comps:
        r = math.sqrt(len(comp))  # radius grows with the square root of the component's size
        local = _component_layout(B, comp, seed)
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y + row_h + 0.6, 0.0
        for n, (px, py) in local.items():
            pos[n] = (x + r + px * r, y + r + py * r)
        x += 2 * r + 0.6
        row_h = max(row_h, 2 * r)
    scale = 1.0 / max(width, 1.0)
    return {n: (round(px * scale, 5), round(py * scale, 5)) for n, (px, py) in pos.items()}
