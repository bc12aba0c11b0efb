"""Network exports: GraphML, GEXF, Pajek, VOSviewer map/network files, CSV.

GraphML/GEXF go through networkx's writers after attributes are made
scalar.  Pajek and VOSviewer files are written here, to the layouts their
tools read (Pajek ``*Vertices``/``*Edges``; VOSviewer tab-separated map
file with ``id label cluster weight<…>`` and a headerless network file).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any, Hashable, Mapping, Optional

import networkx as nx

from litmap.errors import InputError
from litmap.util.files import atomic_path

__all__ = [
    "FORMATS",
    "scalar_graph",
    "write_graphml",
    "write_gexf",
    "write_pajek",
    "write_vosviewer",
    "write_csv",
    "write_graph",
    "safe_cell",
]

FORMATS = ("graphml", "gexf", "pajek", "vosviewer", "csv")


def _scalar(v: Any) -> Any:
    if isinstance(v, bool) or isinstance(v, (int, float, str)):
        return v
    if isinstance(v, (list, tuple, set, frozenset)):
        return "; ".join(str(x) for x in v)
    return str(v)


def scalar_graph(G: nx.Graph) -> nx.Graph:
    """Copy with node ids as strings and every attribute a scalar (None dropped)."""
    H = G.__class__()
    H.add_nodes_from((str(n), {k: _scalar(v) for k, v in d.items() if v is not None}) for n, d in G.nodes(data=True))
    H.add_edges_from(
        (str(u), str(v), {k: _scalar(x) for k, x in d.items() if x is not None}) for u, v, d in G.edges(data=True)
    )
    return H


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    nx.write_graphml(scalar_graph(G), path)


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    nx.write_gexf(scalar_graph(G), path)


def _labels(G: nx.Graph) -> dict[Hashable, str]:
    """Unique one-line labels (Pajek/VOSviewer readers key on them)."""
    seen: dict[str, int] = {}
    out: dict[Hashable, str] = {}
    for n, d in G.nodes(data=True):
        base = " ".join(str(d.get("label", n)).replace('"', "'").split()) or str(n)
        seen[base] = seen.get(base, 0) + 1
        out[n] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return out


def write_pajek(G: nx.Graph, path: str | os.PathLike[str], *, weight: str = "weight") -> None:
    """Pajek ``.net``: ``*Vertices N`` with quoted labels, then ``*Edges``/``*Arcs`` ``i j w``."""
    labels = _labels(G)
    index = {n: i for i, n in enumerate(G.nodes, start=1)}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"*Vertices {len(index)}\n")
        for n, i in index.items():
            f.write(f'{i} "{labels[n]}"\n')
        f.write("*Arcs\n" if G.is_directed() else "*Edges\n")
        for u, v, w in G.edges(data=weight, default=1):
            f.write(f"{index[u]} {index[v]} {_num(w)}\n")


def _num(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def _quote(label: str) -> str:
    # VOSviewer: a label containing a comma or semicolon must be double-quoted.
    return f'"{label}"' if ("," in label or ";" in label) else label


def write_vosviewer(
    G: nx.Graph,
    map_path: str | os.PathLike[str],
    network_path: str | os.PathLike[str],
    *,
    clusters: Optional[Mapping[Hashable, int]] = None,
    weights: Optional[Mapping[str, str]] = None,
    weight: str = "weight",
) -> None:
    """VOSviewer map file (``id label [cluster] weight<…>``, tab-separated) and network file (``id1 id2 strength``).

    ``weights`` maps a VOSviewer weight name to a node attribute, e.g.
    ``{"Citations": "count"}`` (the default); ``weight<Total link strength>``
    is always written.  Clusters are numbered from 1 as VOSviewer requires.
    """
    weights = dict(weights or {"Citations": "count"})
    labels = _labels(G)
    index = {n: i for i, n in enumerate(G.nodes, start=1)}
    strength = dict(G.degree(weight=weight))
    header = ["id", "label"] + (["cluster"] if clusters else []) + [f"weight<{k}>" for k in weights]
    header.append("weight<Total link strength>")
    with open(map_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for n, i in index.items():
            row = [str(i), _quote(labels[n])]
            if clusters:
                row.append(str(clusters[n] + 1) if n in clusters else "")
            row += [_num(G.nodes[n].get(attr, 0) or 0) for attr in weights.values()]
            row.append(_num(strength.get(n, 0)))
            f.write("\t".join(row) + "\n")
    with open(network_path, "w", encoding="utf-8", newline="\n") as f:
        for u, v, w in G.edges(data=weight, default=1):
            f.write(f"{index[u]}\t{index[v]}\t{_num(w)}\n")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formula injection: prefix ``= + - @`` (and tab/CR) with an apostrophe."""
    if isinstance(value, str) and value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def write_csv(G: nx.Graph, nodes_path: str | os.PathLike[str], edges_path: str | os.PathLike[str]) -> None:
    """``nodes.csv`` (id + every node attribute) and ``edges.csv`` (source, target + edge attributes)."""
    nattrs = sorted({k for _, d in G.nodes(data=True) for k in d})
    eattrs = sorted({k for _, _, d in G.edges(data=True) for k in d})
    with open(nodes_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id"] + nattrs)
        for n, d in G.nodes(data=True):
            w.writerow([safe_cell(str(n))] + [safe_cell(_scalar(d[k])) if d.get(k) is not None else "" for k in nattrs])
    with open(edges_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target"] + eattrs)
        for u, v, d in G.edges(data=True):
            w.writerow([safe_cell(str(u)), safe_cell(str(v))] + [safe_cell(_scalar(d[k])) if d.get(k) is not None else "" for k in eattrs])


def write_graph(
    G: nx.Graph, path: str | os.PathLike[str], fmt: str, *, clusters: Optional[Mapping[Hashable, int]] = None
) -> list[Path]:
    """Write ``G`` in ``fmt``; returns the files written.

    ``vosviewer`` writes ``<stem>_map.txt`` and ``<stem>_network.txt``;
    ``csv`` writes ``<stem>_nodes.csv`` and ``<stem>_edges.csv``.  Each file
    is written beside its place and renamed over it, so a full disk or a
    crash leaves the earlier file whole.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown network format {fmt!r}: choose one of {', '.join(FORMATS)}")
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("graphml", "gexf", "pajek"):
        writer = {"graphml": write_graphml, "gexf": write_gexf, "pajek": write_pajek}[fmt]
        with atomic_path(p) as tmp:
            writer(G, tmp)
        return [p]
    if fmt == "vosviewer":
        m, n = p.with_name(p.stem + "_map.txt"), p.with_name(p.stem + "_network.txt")
        with atomic_path(m) as tmp_m, atomic_path(n) as tmp_n:
            write_vosviewer(G, tmp_m, tmp_n, clusters=clusters)
        return [m, n]
    a, b = p.with_name(p.stem + "_nodes.csv"), p.with_name(p.stem + "_edges.csv")
    with atomic_path(a) as tmp_a, atomic_path(b) as tmp_b:
        write_csv(G, tmp_a, tmp_b)
    return [a, b]
