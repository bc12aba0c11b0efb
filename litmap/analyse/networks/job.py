"""One call that builds an analysed network from the corpus read model.

:class:`CorpusData` (read from the store with
``load_corpus_data(conn, paragraphs=settings.reads_paragraphs)``) → graph
of the chosen kind → normalised weights
→ communities (with labels from the citing passages) → centralities →
bursts and sigma for works → a networkx graph whose node attributes are all
scalars, ready for any exporter or the report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Optional

import networkx as nx

from litmap.analyse.networks.build import KINDS, PROXIMITIES
from litmap.analyse.networks.weights import NORMALISATIONS
from litmap.errors import InputError
from litmap.store.corpusdata import CorpusData

__all__ = ["NetworkSettings", "NetworkResult", "analysed_network", "NORMALISATIONS", "PROXIMITIES"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NetworkSettings:
    kind: str = "cocitation"
    proximity: str = "paper"
    normalise: str = "association"
    min_weight: int = 1
    min_count: Optional[int] = None  # citing papers / occurrences; None: selection.default_min_count(papers)
    top: Optional[int] = None
    selection: str = "threshold"  # threshold | top | g-index (CiteSpace's per-slice selection)
    top_per_slice: int = 50
    g_k: float = 25.0
    slice_years: int = 1
    max_items: Optional[int] = 1000  # co-citation maps: the most cited this many at most (VOSviewer's default); None: all
    layout: bool = True  # x, y map coordinates as node attributes (False: skip the layout, e.g. for statistics)
    cluster_method: str = "leiden"
    resolution: float = 1.0
    seed: int = 42
    labels: str = "llr"  # llr | ctfidf
    concept_files: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"unknown network kind {self.kind!r}: choose one of {', '.join(KINDS)}")
        if self.proximity not in PROXIMITIES:
            raise InputError(f"--proximity must be one of {', '.join(PROXIMITIES)}")
        if self.normalise not in NORMALISATIONS:
            raise InputError(f"--normalise must be one of {', '.join(NORMALISATIONS)}")
        if self.labels not in ("llr", "ctfidf"):
            raise InputError("--labels must be llr or ctfidf")
        if self.min_weight < 1 or (self.min_count is not None and self.min_count < 1) or (
                self.top is not None and self.top < 1):
            raise InputError("--min-weight, --min-count and --top must be at least 1")
        self.node_selection  # validates the selection settings

    @property
    def node_selection(self) -> Any:
        """The :class:`~litmap.analyse.networks.selection.Selection` these settings ask for."""
        from litmap.analyse.networks.selection import Selection

        return Selection(method=self.selection, min_count=self.min_count, top=self.top_per_slice, k=self.g_k,
                         slice_years=self.slice_years, max_items=self.max_items)

    @property
    def reads_paragraphs(self) -> bool:
        """Whether the network needs the corpus's body paragraphs (concept networks)."""
        return self.kind in ("concepts", "concept-works")


@dataclass
class NetworkResult:
    graph: nx.Graph
    modularity: Optional[float] = None
    silhouette: Optional[float] = None
    cluster_labels: dict[int, list[str]] = field(default_factory=dict)
    cluster_sizes: dict[int, int] = field(default_factory=dict)
    kept: Optional[str] = None  # what the node selection kept, in words

    def summary(self) -> dict[str, Any]:
        return {
            "nodes": self.graph.number_of_nodes(),
            "edges": self.graph.number_of_edges(),
            "clusters": len(self.cluster_sizes),
            "modularity": self.modularity,
            "silhouette": self.silhouette,
            "kept": self.kept,
        }


def analysed_network(
    data: CorpusData, settings: NetworkSettings = NetworkSettings(), *,
    initial: Optional[dict[Any, tuple[float, float]]] = None,
) -> NetworkResult:
    """The network ``settings`` ask for over ``data``, clustered, labelled and annotated.

    Concept networks read the body paragraphs: ``data`` must then be loaded
    with them (``settings.reads_paragraphs``).  Map coordinates are computed
    only when ``settings.layout``; ``initial`` (a previous run's
    ``{node: (x, y)}``) seeds them so a refresh keeps the map's shape.
    """
    from litmap.analyse.networks.bursts import work_bursts
    from litmap.analyse.networks.centrality import centralities
    from litmap.analyse.networks.clusters import ClusterSettings, detect_communities
    from litmap.analyse.networks.labels import cluster_passages, ctfidf_labels, llr_labels, word_usage
    from litmap.analyse.networks.build import annotate, build_network
    from litmap.analyse.networks.weights import normalise

    lexicon = None
    if settings.reads_paragraphs:
        from litmap.analyse.concepts import load_lexicon

        lexicon = load_lexicon(None, settings.concept_files)
    minimum, keep, kept = _selection(data, settings)
    G = build_network(
        data, settings.kind, proximity=settings.proximity, min_count=minimum,
        min_weight=settings.min_weight, top_n=settings.top, lexicon=lexicon, keep=keep,
    )
    result = NetworkResult(graph=G, kept=kept)
    if G.number_of_nodes() == 0:
        log.warning("the %s network is empty", settings.kind)
        return result
    if settings.normalise != "raw" and G.number_of_edges() and not G.is_directed():
        G = normalise(G, settings.normalise)
    clusters: Optional[dict[Any, int]] = None
    if G.number_of_edges():
        clustering = detect_communities(
            G, ClusterSettings(method=settings.cluster_method, resolution=settings.resolution, seed=settings.seed)
        )
        clusters = dict(clustering.membership)
        result.modularity, result.silhouette = clustering.modularity, clustering.silhouette
        result.cluster_sizes = dict(enumerate(clustering.sizes, start=1))  # ids from 1, as membership
        if settings.kind in ("cocitation", "citation", "coupling"):
            passages = cluster_passages(data, _work_membership(G, clusters, data, settings.kind))
            labeller = llr_labels if settings.labels == "llr" else ctfidf_labels
            result.cluster_labels = {c: [t for t, _ in terms]
                                     for c, terms in labeller(passages, usage=word_usage(data)).items()}
        else:
            # Concept and author networks have no citing passages of their own: their items'
            # names are the labels (VOSviewer and CiteSpace show the biggest items likewise).
            result.cluster_labels = _labels_by_size(G, clusters)
    cent = centralities(G, seed=settings.seed)
    bursts = work_bursts(data) if settings.kind == "cocitation" else None
    G = annotate(G, clusters=clusters, centrality=cent, bursts=bursts)
    if settings.layout:
        from litmap.analyse.networks.layout import map_coordinates

        for n, (x, y) in map_coordinates(G, seed=settings.seed, initial=initial).items():
            G.nodes[n]["x"], G.nodes[n]["y"] = x, y
    for n, d in G.nodes(data=True):
        if "cluster" in d and d["cluster"] in result.cluster_labels:
            d["cluster_label"] = ", ".join(result.cluster_labels[d["cluster"]][:3])
    result.graph = G
    return result


def _labels_by_size(G: Any, clusters: dict[Any, int], top: int = 5) -> dict[int, list[str]]:
    """Each cluster's ``top`` items, largest count first (ties by name): the cluster's label terms."""
    members: dict[int, list[tuple[int, str]]] = {}
    for n, c in clusters.items():
        if c > 0:
            d = G.nodes[n]
            members.setdefault(c, []).append((-int(d.get("count", 0) or 0), str(d.get("label") or n)))
    return {c: [name for _, name in sorted(items)[:top]] for c, items in members.items()}


_COUNTED = ("cocitation", "author-cocitation", "concepts", "concept-works")


def _selection(data: CorpusData, settings: NetworkSettings) -> tuple[int, Optional[frozenset[Any]], Optional[str]]:
    """``(minimum count, works to keep or None, what was kept in words)``.

    Co-citation maps get the full selection (minimum citing papers by the
    corpus-size rule, per-slice top N or g-index); the other counted kinds
    (author co-citation, concepts) the minimum; paper networks only an
    explicit ``min_count``.
    """
    if settings.kind not in _COUNTED:
        return settings.min_count or 1, None, None
    sel = settings.node_selection
    if settings.kind != "cocitation":
        return sel.minimum(len(data.papers)), None, None
    from litmap.analyse.networks.selection import select_cited

    years = {pid: p.year for pid, p in data.papers.items()}
    got = select_cited(data.references, years, sel, n_papers=len(data.papers))
    log.info("%s", got.describe())
    return got.minimum, (got.kept if got.restricts else None), got.describe()


def _work_membership(G: nx.Graph, clusters: dict[Any, int], data: Any, kind: str) -> dict[Any, int]:
    """Cluster of each cited work, so labels come from the passages citing it.

    For paper networks (coupling, citation) a paper's cluster is given to the
    works it references.
    """
    if kind == "cocitation":
        return clusters
    out: dict[Any, int] = {}
    for paper_id, cl in clusters.items():
        for w in data.references.get(paper_id, ()):
            out.setdefault(w, cl)
    return out
