"""Network exports: GraphML, GEXF, Pajek, VOSviewer map/network files, CSV.

GraphML/GEXF go through networkx's writers after attributes are made
scalar.  Pajek and VOSviewer files are written here, to the layouts their
tools read (Pajek ``*Vertices``/``*Edges``; VOSviewer tab-separated map
file with ``id label description cluster weight<…> score<…>`` and a
headerless network file).

Every format carries the node's litmap id (a work id ``W…`` for work
networks): GraphML/GEXF/CSV as the node id, Pajek as the vertex's ``url``
parameter, VOSviewer in the ``description`` (VOSviewer ids must be
integers).  Positions come from node attributes ``x``/``y`` when the
network has a layout.  Cluster numbers are the same in every format, the
report and the store's outputs: 1, 2, … (1 the largest), 0 for a node in no
cluster (VOSviewer's and Pajek's "none").
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
    "write_pajek_partition",
    "cluster_colour",
    "positions",
    "WEIGHT_NAMES",
    "EXTENSIONS",
    "SINGLE_FILE",
    "graph_text",
    "check_stdout_format",
    "write_vosviewer",
    "write_csv",
    "write_graph",
    "safe_cell",
]

FORMATS = ("graphml", "gexf", "pajek", "vosviewer", "csv")

#: The file extensions of each format (``--format`` and ``-o`` are checked against each other).
EXTENSIONS = {"graphml": (".graphml", ".xml"), "gexf": (".gexf",), "pajek": (".net", ".paj"),
              "vosviewer": (".txt",), "csv": (".csv",)}
#: The formats written as one file, so they can go to standard output.
SINGLE_FILE = ("graphml", "gexf", "pajek")

#: What a node's ``count`` counts, per network kind: VOSviewer's weight name for it.
WEIGHT_NAMES = {
    "cocitation": "Citations", "author-cocitation": "Citations", "citation": "Citations", "coupling": "Citations",
    "coauthor": "Documents", "concepts": "Occurrences", "concept-works": "Occurrences",
}
# Cluster colours: the report's palette (litmap.report.figures.PALETTE: Okabe-Ito, then Tol's muted; export/
# cannot import report/), so the same cluster has the same colour in Gephi and the report.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
            "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
_GREY = "#9a9a9a"


def cluster_colour(cluster: Optional[int]) -> str:
    """``#rrggbb`` for a cluster number (clusters are numbered from 1; grey for 0, None or negative: none)."""
    return _GREY if cluster is None or cluster < 1 else _PALETTE[(cluster - 1) % len(_PALETTE)]


def positions(G: nx.Graph) -> Optional[dict[Hashable, tuple[float, float]]]:
    """Node positions from the ``x``/``y`` attributes, when every node has both (else None)."""
    out: dict[Hashable, tuple[float, float]] = {}
    for n, d in G.nodes(data=True):
        try:
            out[n] = (float(d["x"]), float(d["y"]))
        except (KeyError, TypeError, ValueError):
            return None
    return out


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


def _write_xml(writer: Any, G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Serialise in memory, then write the bytes: networkx's lxml writer left holding a file it could not
    write (a full or read-only disk) crashes the process when it is garbage-collected."""
    import io

    buf = io.BytesIO()
    writer(G, buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    _write_xml(nx.write_graphml, scalar_graph(G), path)


def write_gexf(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """GEXF 1.2 with Gephi's ``viz:`` colour (by cluster), size (by ``count``, e.g. citations) and, when the
    nodes have ``x``/``y``, position."""
    H = scalar_graph(G)
    pos = positions(G)
    counts = [float(d.get("count") or 0) for _, d in G.nodes(data=True)]
    top = max(counts, default=0.0) or 1.0
    for (n, d), c in zip(G.nodes(data=True), counts):
        colour = cluster_colour(d.get("cluster") if isinstance(d.get("cluster"), int) else None)
        viz: dict[str, Any] = {
            "color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0},
            "size": round(4.0 + 26.0 * (c / top) ** 0.5, 3),  # area grows with the count
        }
        if pos is not None:
            viz["position"] = {"x": pos[n][0], "y": pos[n][1], "z": 0.0}
        H.nodes[str(n)]["viz"] = viz
    _write_xml(nx.write_gexf, H, path)


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
    """Pajek ``.net``: ``*Vertices N`` with quoted labels, then ``*Edges``/``*Arcs`` ``i j w``.

    Each vertex line holds its position (``x``/``y`` attributes scaled into
    Pajek's 0–1 box, or a circle when the network has no layout), its shape
    and its litmap id as the ``url`` parameter, which Pajek, igraph and
    networkx read.  Clusters and years go in the ``.clu`` and ``.vec`` files
    :func:`write_graph` writes beside it.
    """
    import math

    labels = _labels(G)
    index = {n: i for i, n in enumerate(G.nodes, start=1)}
    pos = positions(G)
    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        box = {n: (0.05 + 0.9 * (x - min(xs)) / span, 0.95 - 0.9 * (y - min(ys)) / span) for n, (x, y) in pos.items()}
    else:
        k = max(len(index), 1)
        box = {n: (0.5 + 0.45 * math.cos(2 * math.pi * (i - 1) / k), 0.5 + 0.45 * math.sin(2 * math.pi * (i - 1) / k))
               for n, i in index.items()}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"*Vertices {len(index)}\n")
        for n, i in index.items():
            x, y = box[n]
            f.write(f'{i} "{labels[n]}" {x:.4f} {y:.4f} ellipse url "{_pajek_id(n)}"\n')
        f.write("*Arcs\n" if G.is_directed() else "*Edges\n")
        for u, v, w in G.edges(data=weight, default=1):
            f.write(f"{index[u]} {index[v]} {_num(w)}\n")


def _pajek_id(n: Hashable) -> str:
    return " ".join(str(n).replace('"', "'").split())


def write_pajek_partition(G: nx.Graph, path: str | os.PathLike[str], attr: str = "cluster", *,
                          vector: bool = False) -> None:
    """A Pajek partition (``.clu``, integers) or vector (``.vec``, numbers) of a node attribute, in the
    ``.net`` file's vertex order; a node without it gets 0 (Pajek's "none")."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"*Vertices {G.number_of_nodes()}\n")
        for _, d in G.nodes(data=True):
            v = d.get(attr)
            f.write((_num(v) if vector else str(int(v))) if isinstance(v, (int, float)) else "0")
            f.write("\n")


def _num(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def _quote(label: str) -> str:
    # VOSviewer: a label containing a comma or semicolon must be double-quoted.
    return f'"{label}"' if ("," in label or ";" in label) else label


def _description(n: Hashable, d: Mapping[str, Any], cluster: Optional[int]) -> str:
    """VOSviewer's hover text (HTML): the node's litmap id, its cluster (the same number as in the map's
    cluster column, the report and the other formats) and the cluster's label."""
    import html

    parts = [f"<b>{html.escape(str(d.get('label', n)))}</b>", f"id: {html.escape(str(n))}"]
    if isinstance(cluster, int) and cluster > 0:
        label = f": {html.escape(str(d['cluster_label']))}" if d.get("cluster_label") else ""
        parts.append(f"cluster {cluster}{label}")
    return "<br>".join(parts).replace("\t", " ")


def _mean_year(G: nx.Graph, n: Hashable) -> Optional[float]:
    d = G.nodes[n]
    for key in ("avg_year", "year"):
        if isinstance(d.get(key), (int, float)) and not isinstance(d.get(key), bool):
            return float(d[key])
    return None


def write_vosviewer(
    G: nx.Graph,
    map_path: str | os.PathLike[str],
    network_path: str | os.PathLike[str],
    *,
    clusters: Optional[Mapping[Hashable, int]] = None,
    weights: Optional[Mapping[str, str]] = None,
    weight: Optional[str] = None,
) -> None:
    """VOSviewer map file (tab-separated) and network file (``id1 id2 strength``).

    Map columns: ``id label description [x y] [cluster] weight<…>
    weight<Total link strength> score<Avg. pub. year> score<Citations>``.
    ``description`` names the node's litmap id (VOSviewer's ids are
    integers) and its cluster's label; ``x``/``y`` come from node attributes
    when the network has a layout.

    Link strengths are the **raw counts** (edge attribute ``raw`` where the
    network was normalised, else ``weight``): VOSviewer normalises them
    itself (association strength by default), so a normalised weight would
    be normalised twice.  Pass ``weight="weight"`` to write the normalised
    weights anyway.  ``weights`` maps a VOSviewer weight name to a node
    attribute, e.g. ``{"Citations": "count"}`` (the default).  Clusters are
    written as litmap numbers them everywhere (the report, GraphML, GEXF,
    CSV and Pajek ``.clu``): from 1, with 0 for a node in no cluster, which
    is VOSviewer's own convention.
    """
    weights = dict(weights or {"Citations": "count"})
    if weight is None:
        weight = "raw" if any("raw" in d for _, _, d in G.edges(data=True)) else "weight"
    labels = _labels(G)
    index = {n: i for i, n in enumerate(G.nodes, start=1)}
    strength = dict(G.degree(weight=weight))
    pos = positions(G)
    header = ["id", "label", "description"] + (["x", "y"] if pos else []) + (["cluster"] if clusters else [])
    header += [f"weight<{k}>" for k in weights] + ["weight<Total link strength>"]
    header += ["score<Avg. pub. year>", "score<Citations>"]
    with open(map_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for n, i in index.items():
            d = G.nodes[n]
            cluster = clusters.get(n) if clusters else d.get("cluster")
            row = [str(i), _quote(labels[n]), _quote(_description(n, d, cluster))]
            if pos:
                row += [repr(round(pos[n][0], 6)), repr(round(pos[n][1], 6))]
            if clusters:
                row.append(str(max(0, int(clusters[n]))) if n in clusters else "0")  # 0: in no cluster
            row += [_num(d.get(attr, 0) or 0) for attr in weights.values()]
            row.append(_num(strength.get(n, 0)))
            year = _mean_year(G, n)
            row.append("" if year is None else _num(round(year, 2)))
            cites = d.get("citations", d.get("count"))
            row.append(_num(cites) if isinstance(cites, (int, float)) else "")
            f.write("\t".join(row) + "\n")
    with open(network_path, "w", encoding="utf-8", newline="\n") as f:
        for u, v, w in G.edges(data=weight, default=1):
            f.write(f"{index[u]}\t{index[v]}\t{_num(w)}\n")


def check_stdout_format(fmt: str) -> None:
    """Refuse a format that writes two files (VOSviewer, CSV) for standard output."""
    if fmt not in SINGLE_FILE:
        raise InputError(f"--format {fmt} writes two files and cannot go to standard output: give -o a file name "
                         f"(or choose {', '.join(SINGLE_FILE)})")


def graph_text(G: nx.Graph, fmt: str) -> str:
    """``G`` in one of the :data:`SINGLE_FILE` formats as text (for ``-o -``)."""
    import tempfile

    check_stdout_format(fmt)
    writer = {"graphml": write_graphml, "gexf": write_gexf, "pajek": write_pajek}[fmt]
    with tempfile.TemporaryDirectory(prefix="litmap-") as tmp:
        path = os.path.join(tmp, "graph." + fmt)
        writer(G, path)
        with open(path, encoding="utf-8") as f:
            return f.read()


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
    G: nx.Graph, path: str | os.PathLike[str], fmt: str, *, clusters: Optional[Mapping[Hashable, int]] = None,
    kind: Optional[str] = None,
) -> list[Path]:
    """Write ``G`` in ``fmt``; returns the files written.

    ``vosviewer`` writes ``<stem>_map.txt`` and ``<stem>_network.txt``;
    ``csv`` writes ``<stem>_nodes.csv`` and ``<stem>_edges.csv``; ``pajek``
    writes ``path`` and, beside it, ``<stem>.clu`` (clusters) and
    ``<stem>_year.vec`` (years) when nodes have them.  ``kind`` (the network
    kind) names VOSviewer's weight column (Citations, Documents or
    Occurrences, :data:`WEIGHT_NAMES`).  Each file
    is written beside its place and renamed over it, so a full disk or a
    crash leaves the earlier file whole.
    """
    from litmap.util.files import check_extension

    if fmt not in FORMATS:
        raise InputError(f"unknown network format {fmt!r}: choose one of {', '.join(FORMATS)}")
    check_extension(path, fmt, dict(EXTENSIONS))
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if fmt in ("graphml", "gexf"):
        writer = {"graphml": write_graphml, "gexf": write_gexf}[fmt]
        with atomic_path(p) as tmp:
            writer(G, tmp)
        return [p]
    if fmt == "pajek":
        written = [p]
        with atomic_path(p) as tmp:
            write_pajek(G, tmp)
        for attr, extra in (("cluster", p.with_suffix(".clu")), ("year", p.with_name(p.stem + "_year.vec"))):
            if any(attr in d for _, d in G.nodes(data=True)):
                with atomic_path(extra) as tmp:
                    write_pajek_partition(G, tmp, attr, vector=extra.suffix == ".vec")
                written.append(extra)
        return written
    if fmt == "vosviewer":
        m, n = p.with_name(p.stem + "_map.txt"), p.with_name(p.stem + "_network.txt")
        name = WEIGHT_NAMES.get(kind or "", "Occurrences" if kind else "Citations")
        with atomic_path(m) as tmp_m, atomic_path(n) as tmp_n:
            write_vosviewer(G, tmp_m, tmp_n, clusters=clusters, weights={name: "count"})
        return [m, n]
    a, b = p.with_name(p.stem + "_nodes.csv"), p.with_name(p.stem + "_edges.csv")
    with atomic_path(a) as tmp_a, atomic_path(b) as tmp_b:
        write_csv(G, tmp_a, tmp_b)
    return [a, b]
