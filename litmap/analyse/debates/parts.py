"""The parts of a debate map built from networks: camps (co-citation
communities), bridges (betweenness in the concept × work graph) and topic
overlap.  Used by :mod:`litmap.analyse.debates.maps`."""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Hashable, Iterable, Mapping, Optional, Sequence

from litmap.store.corpusdata import CitationContext, CorpusData

from litmap.analyse.debates.records import Camp, DebateInputs, DebateSettings, TopicOverlap

__all__ = ["BridgeGraph", "build_camps", "bridge_graph", "topic_overlap"]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------
# camps


def _unit_groups(contexts: Iterable[CitationContext], keep: set[str]) -> dict[tuple[int, int], tuple[str, ...]]:
    units: dict[tuple[int, int], dict[str, None]] = {}
    for c in contexts:
        units.setdefault((c.paper_id, c.paragraph), {}).update(dict.fromkeys(w for w in c.work_ids if w in keep))
    return {k: tuple(v) for k, v in sorted(units.items()) if v}


def build_camps(data: CorpusData, contexts: Sequence[CitationContext], settings: "DebateSettings") -> tuple[Camp, ...]:
    """Louvain communities of the debate's most-cited works, linked by the
    paragraphs that cite both (critical citations excluded)."""
    from litmap.analyse.networks.clusters import ClusterSettings, detect_communities
    from litmap.analyse.networks.labels import cluster_passages, ctfidf_labels, llr_labels, word_usage
    from litmap.analyse.networks.build import cooccurrence_graph

    counts: Counter[str] = Counter(w for c in contexts for w in c.work_ids)
    # Works whose names are likely OCR misreadings (only scans cite them) are no camp's members.
    keep = set(sorted((w for w in counts if not data.works[w].ocr_suspect),
                      key=lambda w: (-counts[w], data.works[w].label, w))[: settings.camp_works])
    friendly = [c for c in contexts if c.function != "critiques"]
    G = cooccurrence_graph(_unit_groups(friendly, keep))
    G.remove_nodes_from([n for n in list(G.nodes) if G.degree(n) == 0])
    if G.number_of_edges() == 0:
        return ()
    clus = detect_communities(G, ClusterSettings(method=settings.cluster_method, resolution=settings.resolution,
                                                 seed=settings.seed))
    membership = {n: c for n, c in clus.membership.items() if clus.size(c) >= settings.min_camp_size}
    if not membership:
        return ()
    passages = cluster_passages(dataclasses.replace(data, contexts=tuple(friendly)), membership)
    usage = word_usage(data)
    labels = (llr_labels(passages, top_n=settings.label_terms, usage=usage) if settings.label_method == "llr"
              else ctfidf_labels(passages, top_n=settings.label_terms, usage=usage))
    # c-TF-IDF where G² finds no term over-represented (only then: each labelling reads every sentence)
    unlabelled = not all(labels.get(cl) for cl in set(membership.values()))
    fallback = (ctfidf_labels(passages, top_n=settings.label_terms, usage=usage)
                if settings.label_method == "llr" and unlabelled else {})
    camps = []
    for new_id, cl in enumerate(sorted(set(membership.values()))):
        members = sorted((w for w, c in membership.items() if c == cl),
                         key=lambda w: (-counts[w], data.works[w].label, w))
        mset = set(members)
        papers: Counter[int] = Counter(c.paper_id for c in friendly if mset.intersection(c.work_ids))
        critics = sorted({c.paper_id for c in contexts if c.function == "critiques" and mset.intersection(c.work_ids)})
        terms = tuple((t, round(s, 3)) for t, s in (labels.get(cl) or fallback.get(cl) or []))
        camps.append(Camp(
            new_id,
            ", ".join(t for t, _ in terms[:3]) or ", ".join(data.works[w].label for w in members[:2]),
            terms,
            tuple((w, data.works[w].label, counts[w]) for w in members),
            tuple(sorted(papers.items(), key=lambda kv: (-kv[1], kv[0]))),
            tuple(critics),
        ))
    log.debug("camps: %d from %d works (modularity %.3f)", len(camps), G.number_of_nodes(), clus.modularity)
    return tuple(camps)


# --------------------------------------------------------------------------
# bridges


@dataclass(frozen=True)
class BridgeGraph:
    """Betweenness of ``"c:<concept>"`` and ``"w:<work>"`` nodes, and each
    concept's neighbouring works with the paragraphs linking them."""

    betweenness: Mapping[str, float]
    neighbours: Mapping[str, tuple[tuple[str, int], ...]]


def bridge_graph(inputs: "DebateInputs", *, seed: int = 42, samples: int = 200) -> BridgeGraph:
    """The corpus-wide concept × work graph (a concept and a work linked by
    the paragraphs that mention the one and cite the other) and its
    betweenness, estimated from ``samples`` seeded sources on larger graphs
    (exact betweenness is O(nm): minutes at a few thousand nodes)."""
    from litmap.analyse.networks.build import concept_work_network

    unit_works: dict[tuple[int, int], set[str]] = defaultdict(set)
    for c in inputs.data.contexts:
        unit_works[(c.paper_id, c.paragraph)].update(c.work_ids)
    unit_concepts = {k: tuple(v) for k, v in inputs.para_concepts.items() if k in unit_works}
    G = concept_work_network(unit_concepts, unit_works, inputs.data)
    if G.number_of_nodes() == 0:
        return BridgeGraph({}, {})
    betweenness = sampled_betweenness(G, samples, seed)
    neighbours = {
        str(n)[2:]: tuple(sorted((str(m)[2:], int(G[n][m]["weight"])) for m in G.neighbors(n)))
        for n in G.nodes if str(n).startswith("c:")
    }
    return BridgeGraph({str(k): float(v) for k, v in betweenness.items()}, neighbours)


def sampled_betweenness(G: Any, samples: int, seed: int) -> dict[Hashable, float]:
    """networkx's ``betweenness_centrality(k=samples, seed=seed, weight=1/weight,
    normalized=True)``: the same seeded sources and scaling, run in igraph's C
    code when igraph is installed (it was half the report time at 500 papers
    in Python).  igraph counts two paths of equal length as equal where float
    rounding made networkx see one shorter, the one way the values can differ.
    """
    import random

    try:
        import igraph
    except ImportError:
        from litmap.analyse.networks.centrality import centralities

        return dict(centralities(G, seed=seed, betweenness_k=samples)["betweenness"])
    nodes = list(G.nodes)
    n = len(nodes)
    k: Optional[int] = samples if samples < n else None
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)  # as networkx draws them
    index = {x: i for i, x in enumerate(nodes)}
    arcs, dist = [], []
    for u, v, w in G.edges(data="weight", default=1.0):
        if float(w) > 0:  # a zero-weight link is no path at all
            arcs.append((index[u], index[v]))
            dist.append(1.0 / float(w))
    if not G.is_directed():  # both directions, so every (source, target) pair counts once, as in networkx
        arcs += [(b, a) for a, b in arcs]
        dist += dist
    g = igraph.Graph(n=n, edges=arcs, directed=True)
    raw = g.betweenness(weights=dist or None, directed=True, sources=[index[x] for x in sources])
    N = n - 1  # pairs whose path can pass through a node (networkx's _rescale, endpoints excluded)
    if N < 2:
        return {x: float(b) for x, b in zip(nodes, raw)}
    if k is None:
        scale = {x: 1.0 / (N * (N - 1)) for x in nodes}
    else:
        chosen = set(sources)
        on = 1.0 / ((k - 1) * (N - 1)) if k > 1 else float("nan")
        scale = {x: on if x in chosen else 1.0 / (k * (N - 1)) for x in nodes}
    return {x: float(b) * scale[x] for x, b in zip(nodes, raw)}


# --------------------------------------------------------------------------
# topics


def topic_overlap(result: Any, paragraphs: set[tuple[int, int]], top_n: int = 5) -> tuple[TopicOverlap, ...]:
    """Topics of the passages cut from the debate's paragraphs (outliers, topic -1, left out)."""
    in_topic: Counter[int] = Counter()
    here: Counter[int] = Counter()
    for a in result.assignments:
        if a.topic < 0:
            continue
        in_topic[a.topic] += 1
        if (a.doc_id, a.para_idx) in paragraphs:
            here[a.topic] += 1
    total = sum(here.values())
    labels = {t.id: t.label for t in result.topics}
    ranked = sorted(here.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
    return tuple(
        TopicOverlap(t, labels.get(t, str(t)), n, round(n / total, 3), round(n / in_topic[t], 3)) for t, n in ranked
    )
