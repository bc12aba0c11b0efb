"""Fitting BERTopic on the store's passages."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from litmap.errors import AnalysisError
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.topics import BodyParagraph, EmbeddingCache

from litmap.analyse.topics.describe import MIN_PAPERS_FOR_SPREAD, Described, describe
from litmap.analyse.topics.embed import Embedder, embed_texts_cached, make_embedder
from litmap.analyse.topics.passages import Passage, make_passages
from litmap.analyse.topics.phrases import phrase_labels
from litmap.analyse.topics.quality import npmi_coherence, topic_diversity
from litmap.analyse.topics.result import HierarchyNode, TopicResult, aggregate
from litmap.analyse.topics.settings import TopicSettings
from litmap.analyse.topics.words import Vocabulary, build_vocabulary

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ONE_PAPER", "single_paper_topics", "TooFewPassages", "FitCore", "check_enough", "fit_core",
           "fit_topics", "fit_on_passages"]

log = logging.getLogger(__name__)


class TooFewPassages(AnalysisError):
    """The corpus has too little body text to cluster."""


@dataclass(frozen=True)
class FitCore:
    topics: list[int]
    keywords: dict[int, list[tuple[str, float]]]
    labels: dict[int, str]
    hierarchy: tuple[HierarchyNode, ...]
    clusterer: str
    fallback: Optional[str]
    vocabulary: Vocabulary
    scanned: dict[int, float]  # automatic count: topic count -> coherence x diversity score


def _small_k(n: int, settings: TopicSettings) -> int:
    if settings.n_clusters:
        return min(settings.n_clusters, n - 1)
    if settings.nr_topics:
        return min(settings.nr_topics, n - 1)
    return max(2, min(8, round(math.sqrt(n / 4)), n - 1))


def _cluster(embeddings: "np.ndarray", settings: TopicSettings) -> tuple[list[int], str, Optional[str]]:
    """Fine clusters (−1 outliers) from UMAP + HDBSCAN (leaves), or PCA + KMeans on small corpora."""
    import numpy as np

    n = len(embeddings)
    clusterer = settings.clusterer
    fallback = None
    if clusterer == "auto":
        clusterer = "umap-hdbscan" if n >= settings.small_corpus else "pca-kmeans"
        if clusterer == "pca-kmeans":
            fallback = (
                f"{n} passages (< {settings.small_corpus}): PCA + KMeans "
                f"(k={_small_k(n, settings)}) instead of UMAP + HDBSCAN, which need more points"
            )
    if clusterer == "umap-hdbscan":
        from hdbscan import HDBSCAN

        from litmap.analyse.topics.reduce import umap_reduce

        reduced = umap_reduce(embeddings, n_neighbors=min(settings.n_neighbors, n - 1),
                              n_components=settings.n_components, seed=settings.seed)
        # Scale the smallest cluster with the corpus so 30,000 passages give
        # tens of clusters, not hundreds; merging then picks the count.
        min_size = max(settings.min_topic_size, n // 500)
        labels = HDBSCAN(min_cluster_size=min_size, metric="euclidean", cluster_selection_method="leaf",
                         prediction_data=False).fit_predict(reduced)
        labels = np.asarray(labels)
        if settings.reduce_outliers and (labels == -1).any() and (labels != -1).any():
            ids = sorted(set(labels.tolist()) - {-1})
            cents = np.stack([embeddings[labels == t].mean(axis=0) for t in ids])
            cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-12)
            out = np.flatnonzero(labels == -1)
            sims = embeddings[out] @ cents.T
            best = sims.argmax(axis=1)
            ok = sims[np.arange(len(out)), best] >= settings.outlier_threshold
            labels[out[ok]] = np.asarray(ids)[best[ok]]
        return [int(t) for t in labels], clusterer, fallback
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA

    reduced = PCA(n_components=max(1, min(settings.n_components, n - 1, embeddings.shape[1])),
                  random_state=settings.seed).fit_transform(embeddings)
    labels = KMeans(n_clusters=_small_k(n, settings), n_init=10, random_state=settings.seed).fit_predict(reduced)
    return [int(t) for t in labels], clusterer, fallback


def fit_core(
    docs: Sequence[str], embeddings: "np.ndarray", embedder: Optional[Embedder], settings: TopicSettings,
    papers: Optional[Sequence[int]] = None, progress: Optional[Progress] = None,
) -> FitCore:
    """Cluster passages, merge clusters to the chosen count and describe the topics (fixed seeds).

    ``papers``: each passage's paper (for corpus-wide terms); one paper per passage when absent.
    ``progress`` hears each step by name (stage ``cluster``), for the run's stage timing.
    """
    report = resolve(progress)
    report(ProgressEvent("cluster", 0, FIT_STEPS, message="reducing and clustering"))
    clusters, clusterer, fallback = _cluster(embeddings, settings)
    report(ProgressEvent("cluster", 1, FIT_STEPS, message="vocabulary and keywords"))
    vocab = build_vocabulary(docs, list(papers) if papers is not None else list(range(len(docs))),
                             extra_stop_words=settings.extra_stop_words, ubiquity=settings.ubiquity)
    fixed = settings.nr_topics or (settings.n_clusters if clusterer == "pca-kmeans" else None)
    paper_of = list(papers) if papers is not None else list(range(len(docs)))
    desc = describe(clusters, vocab.matrix, vocab.terms, embeddings, top_n=settings.top_n_words, n_topics=fixed,
                    papers=paper_of, exclude=vocab.not_keywords(),
                    max_paper_share=settings.max_paper_share if settings.merge_single_paper else 1.0)
    report(ProgressEvent("cluster", 2, FIT_STEPS, message="labels"))
    labels = phrase_labels(docs, desc.topics, embeddings, desc.keywords, embedder,
                           extra_stop_words=settings.extra_stop_words, acronyms=vocab.acronyms,
                           undefined_acronyms=vocab.undefined_acronyms + vocab.speaker_names + vocab.cited_names, papers=paper_of,
                           corpus_terms=vocab.corpus_terms)
    for t in single_paper_topics(desc.topics, paper_of, settings.max_paper_share):
        labels[t] = f"{labels[t]} {ONE_PAPER}"
    return FitCore(desc.topics, desc.keywords, labels, _hierarchy(desc, labels), clusterer, fallback, vocab,
                   desc.scanned)


#: Named steps of a fit (``cluster`` events 0..3 of this total), for the run's stage timing.
FIT_STEPS = 4

#: Appended to the label of a topic drawn (almost) from one paper: that paper's subject, not a shared theme.
ONE_PAPER = "(mostly one paper)"


def single_paper_topics(topics: Sequence[int], papers: Sequence[int], max_paper_share: float) -> list[int]:
    """Topics where one paper holds more than ``max_paper_share`` of the passages (from 4 papers up)."""
    from collections import Counter

    if max_paper_share >= 1.0 or len(set(papers)) < MIN_PAPERS_FOR_SPREAD:
        return []
    per: dict[int, Counter[int]] = {}
    for t, p in zip(topics, papers):
        if t != -1:
            per.setdefault(t, Counter())[p] += 1
    return sorted(t for t, c in per.items() if max(c.values()) > max_paper_share * sum(c.values()))


def _hierarchy(desc: Described, labels: dict[int, str]) -> tuple[HierarchyNode, ...]:
    """Merge tree over the final topics: leaves are topic ids, parents number on from there."""
    if desc.linkage is None:
        return ()
    k = len(desc.keywords)
    members: dict[int, tuple[int, ...]] = {t: (t,) for t in range(k)}
    nodes = []
    for i, (a, b, dist, _) in enumerate(desc.linkage):
        a, b = int(a), int(b)
        parent = k + i
        members[parent] = tuple(sorted(members[a] + members[b]))
        big = max(members[parent], key=lambda t: (sum(1 for x in desc.topics if x == t), -t))
        nodes.append(HierarchyNode(parent, labels.get(big, ""), a, b, round(float(dist), 6), members[parent]))
    return tuple(nodes)


def check_enough(passages: Sequence[Passage], settings: TopicSettings) -> None:
    """Raise :class:`TooFewPassages` when there is too little text to cluster."""
    if len(passages) < settings.min_passages:
        raise TooFewPassages(
            f"only {len(passages)} body passages of >= {settings.min_chars} characters "
            f"(topic modelling needs at least {settings.min_passages}): ingest more papers, "
            "or lower the minimum passage length"
        )


def fit_on_passages(
    passages: Sequence[Passage], embeddings: "np.ndarray", embedder: Embedder, settings: TopicSettings,
    *, n_embedded: int = 0, progress: Optional[Progress] = None,
) -> TopicResult:
    """Fit and aggregate, given passages and their embeddings (no store access)."""
    check_enough(passages, settings)
    docs = [p.text for p in passages]
    core = fit_core(docs, embeddings, embedder, settings, [p.doc_id for p in passages], progress)
    resolve(progress)(ProgressEvent("cluster", 3, FIT_STEPS, message="topic shares and quality"))
    assign, topics, centroids, mixtures, over_time, per_journal = aggregate(
        passages, core.topics, embeddings, core.keywords, n_representatives=settings.n_representatives,
        labels=core.labels,
    )
    words = [[w for w, _ in t.keywords] for t in topics]
    quality = {
        "npmi": round(npmi_coherence(words, docs, settings.top_n_words), 4),
        "diversity": round(topic_diversity(words, settings.top_n_words), 4),
        "outlier_share": round(sum(a.topic == -1 for a in assign) / len(assign), 4),
    }
    if core.scanned:
        log.info("topic count chosen from coherence x diversity: %s", core.scanned)
    return TopicResult(
        model=embedder.name, dim=embedder.dim, settings=settings.to_dict(), assignments=assign,
        topics=topics, centroids=centroids, mixtures=mixtures, over_time=tuple(over_time),
        per_journal=tuple(per_journal), hierarchy=core.hierarchy, quality=quality,
        clusterer=core.clusterer, fallback=core.fallback, n_embedded=n_embedded,
        fitted_passages=len(passages), corpus_terms=core.vocabulary.corpus_terms,
        acronyms=dict(sorted(core.vocabulary.acronyms.items())),
    )


def fit_topics(
    paragraphs: Iterable[BodyParagraph],
    settings: TopicSettings = TopicSettings(),
    progress: Optional[Progress] = None,
    *,
    cache: Optional[EmbeddingCache] = None,
    embedder: Optional[Embedder] = None,
) -> TopicResult:
    """Fit topics on the passages of ``paragraphs`` (the store's body paragraphs).

    Embeddings come from ``cache`` where it holds them; only new ones are
    written to it.  Raises :class:`TooFewPassages` when there is too little
    text; below ``settings.small_corpus`` passages it falls back to PCA +
    KMeans and says so in ``result.fallback``.
    """
    report = resolve(progress)
    report(ProgressEvent("passages", 0, 1))
    passages = make_passages(paragraphs, min_chars=settings.min_chars, chunk_chars=settings.chunk_chars)
    report(ProgressEvent("passages", 1, 1, message=f"{len(passages)} passages"))
    check_enough(passages, settings)
    emb = embedder or make_embedder(settings)
    vectors, n_new = embed_texts_cached(cache, [p.text for p in passages], [p.text_hash for p in passages],
                                        emb, progress)
    report(ProgressEvent("cluster", 0, 1))
    result = fit_on_passages(passages, vectors, emb, settings, n_embedded=n_new, progress=progress)
    report(ProgressEvent("cluster", 1, 1, message=f"{len(result.topics)} topics"))
    log.info("topics: %d passages (%d embedded now), %d topics, quality %s",
             len(passages), n_new, len(result.topics), result.quality)
    return result
