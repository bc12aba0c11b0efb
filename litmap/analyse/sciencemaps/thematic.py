"""Thematic map (Cobo et al. 2011, as bibliometrix's ``thematicMap``).

Terms (concepts or keywords) co-occurring in documents are linked by the
equivalence index ``e_ij = c_ij² / (c_i c_j)``, clustered (Louvain, seeded),
and each cluster placed by

- **Callon centrality** ``10 × Σ e_ij`` over links leaving the cluster: how
  strongly the theme is tied to the rest of the field;
- **Callon density** ``100 × Σ e_ij / n`` over links inside it (``n`` terms):
  how developed the theme is internally.

Themes are placed, as bibliometrix's ``thematicMap`` places them, by the
rank of their centrality and of their density (1 = lowest, ties share the
mean rank), so that a handful of themes spread evenly.  The quadrant lines
are the mean centrality and mean density of all themes, ranked among the
themes: a theme above the mean is high, and only a theme exactly at the
mean sits on a line (bibliometrix splits at the mean rank, where the
middle one of an odd number of themes always sits, as at the median).  The four
quadrants are bibliometrix's: **motor** themes (central and dense),
**niche** (dense, peripheral), **emerging or declining** (neither) and
**basic** (central, not dense).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping, Optional

__all__ = ["thematic_map", "QUADRANTS", "quadrant", "ranks", "place_themes", "SPLIT_RULE"]

#: The placement and split rule in words, for captions.
SPLIT_RULE = ("placed by the rank of their centrality and density (1 = lowest, as bibliometrix); the quadrant lines "
              "are the mean centrality and density of all themes, ranked among them")

QUADRANTS = {
    "motor": "Motor themes: central and well developed",
    "niche": "Niche themes: well developed, peripheral",
    "emerging": "Emerging or declining themes: peripheral, little developed",
    "basic": "Basic themes: central, little developed",
}


def quadrant(centrality: float, density: float, c_split: float, d_split: float) -> str:
    high_c, high_d = centrality > c_split, density > d_split  # at the median counts as low, as a lone 0 must
    return "motor" if high_c and high_d else "niche" if high_d else "basic" if high_c else "emerging"


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1 (lowest); tied values share their mean rank (R's ``rank``)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def thematic_map(
    documents: Mapping[Any, Iterable[str]], *, min_count: int = 2, labels: Optional[Mapping[str, str]] = None,
    max_terms: int = 250, min_cluster: int = 2, seed: int = 42, resolution: float = 1.0,
) -> dict[str, Any]:
    """``{"themes": [...], "splits": {"centrality", "density"}, "terms", "documents"}``.

    ``documents`` maps a document to its terms (repeats ignored); terms in
    fewer than ``min_count`` documents are left out, then the ``max_terms``
    most frequent kept.  Each theme: ``id``, ``label`` (its three most
    frequent terms), ``terms`` (most frequent first), ``size`` (documents
    holding one of its terms), ``occurrences``, ``centrality``, ``density``
    ``rank_centrality``, ``rank_density`` (1 = lowest) and ``quadrant``;
    ``splits`` holds the ranks of the mean values, where the quadrant lines
    are drawn, and the means.  Clusters with fewer than ``min_cluster`` terms are left out (a lone term has no density).
    """
    import networkx as nx

    docs = {d: sorted(set(ts)) for d, ts in documents.items()}
    freq: Counter[str] = Counter(t for ts in docs.values() for t in ts)
    kept = sorted((t for t, c in freq.items() if c >= min_count), key=lambda t: (-freq[t], t))[:max_terms]
    keep = set(kept)
    co: Counter[tuple[str, str]] = Counter()
    for ts in docs.values():
        ts = [t for t in ts if t in keep]
        for i, a in enumerate(ts):
            for b in ts[i + 1:]:
                co[(a, b)] += 1
    G: nx.Graph = nx.Graph()
    G.add_nodes_from(kept)
    for (a, b), c in sorted(co.items()):
        G.add_edge(a, b, weight=c * c / (freq[a] * freq[b]))
    out: dict[str, Any] = {"themes": [], "splits": None, "terms": len(kept), "documents": len(docs)}
    if G.number_of_edges() == 0:
        return out
    found = nx.community.louvain_communities(G, weight="weight", seed=seed, resolution=resolution)
    comms: list[list[str]] = sorted((sorted(c, key=lambda t: (-freq[t], t)) for c in found),
                                    key=lambda c: (-sum(freq[t] for t in c), c[0]))
    member = {t: i for i, c in enumerate(comms) for t in c}
    themes = []
    for i, terms in enumerate(comms):
        if len(terms) < min_cluster:
            continue
        inside = sum(d["weight"] for a, b, d in G.subgraph(terms).edges(data=True))
        outside = sum(d["weight"] for a in terms for b, d in G[a].items() if member[b] != i)
        docs_in = sum(1 for ts in docs.values() if any(t in terms for t in ts))
        themes.append({
            "id": i, "label": ", ".join((labels or {}).get(t, t) for t in terms[:3]),
            "terms": [(labels or {}).get(t, t) for t in terms], "term_ids": terms,
            "size": docs_in, "occurrences": sum(freq[t] for t in terms),
            "centrality": round(10 * outside, 4), "density": round(100 * inside / len(terms), 4),
        })
    if not themes:
        return out
    splits = place_themes(themes)
    out["themes"] = themes
    out["splits"] = splits
    return out


def place_themes(themes: list[dict[str, Any]]) -> dict[str, Any]:
    """Give each theme (``centrality``, ``density``) its ranks and quadrant, in place; the splits drawn.

    The mean of each measure is ranked with the themes: its rank is where the line is drawn, and a theme
    is high when its value is above the mean.
    """
    c_mean = sum(t["centrality"] for t in themes) / len(themes)
    d_mean = sum(t["density"] for t in themes) / len(themes)
    rc = ranks([t["centrality"] for t in themes] + [c_mean])
    rd = ranks([t["density"] for t in themes] + [d_mean])
    for t, c, d in zip(themes, rc, rd):
        t["rank_centrality"], t["rank_density"] = c, d
        t["quadrant"] = quadrant(t["centrality"], t["density"], c_mean, d_mean)
    return {"centrality": rc[-1], "density": rd[-1], "by": "rank", "ranks": len(themes) + 1,
            "mean_centrality": round(c_mean, 4), "mean_density": round(d_mean, 4)}
