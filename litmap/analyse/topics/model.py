"""Fitting BERTopic on the store's passages."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from litmap.errors import AnalysisError
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.topics import BodyParagraph, EmbeddingCache

from litmap.analyse.topics.embed import Embedder, embed_texts_cached, make_embedder
from litmap.analyse.topics.passages import Passage, make_passages
from litmap.analyse.topics.quality import npmi_coherence, topic_diversity
from litmap.analyse.topics.result import HierarchyNode, TopicResult, aggregate
from litmap.analyse.topics.settings import TopicSettings

if TYPE_CHECKING:
    import numpy as np

__all__ = ["TooFewPassages", "FitCore", "check_enough", "fit_core", "fit_topics", "fit_on_passages"]

log = logging.getLogger(__name__)


class TooFewPassages(AnalysisError):
    """The corpus has too little body text to cluster."""


@dataclass(frozen=True)
class FitCore:
    topics: list[int]
    keywords: dict[int, list[tuple[str, float]]]
    hierarchy: tuple[HierarchyNode, ...]
    clusterer: str
    fallback: Optional[str]


def _backend(embedder: Embedder) -> Any:
    from bertopic.backend import BaseEmbedder

    class _Backend(BaseEmbedder):  # lets KeyBERT/MMR embed words with our (cached) model
        def embed(self, documents: Any, verbose: bool = False) -> "np.ndarray":
            return embedder.encode(list(documents))

    return _Backend()


def _representation(settings: TopicSettings) -> Any:
    from bertopic.representation import KeyBERTInspired, MaximalMarginalRelevance

    if settings.representation == "mmr":
        return MaximalMarginalRelevance(diversity=settings.mmr_diversity, top_n_words=settings.top_n_words)
    if settings.representation == "keybert":
        return KeyBERTInspired(top_n_words=settings.top_n_words, random_state=settings.seed)
    return None


def _small_k(n: int, settings: TopicSettings) -> int:
    if settings.n_clusters:
        return min(settings.n_clusters, n - 1)
    return max(2, min(8, round(math.sqrt(n / 4)), n - 1))


def fit_core(
    docs: Sequence[str], embeddings: "np.ndarray", embedder: Embedder, settings: TopicSettings
) -> FitCore:
    """Cluster passages and describe the clusters (BERTopic with fixed seeds)."""
    from bertopic import BERTopic
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(docs)
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
        from umap import UMAP

        reducer: Any = UMAP(
            n_neighbors=min(settings.n_neighbors, n - 1), n_components=settings.n_components,
            min_dist=0.0, metric="cosine", random_state=settings.seed, low_memory=True,
        )
        # Scale the smallest topic with the corpus so 30,000 passages give
        # tens of topics, not hundreds.
        min_size = max(settings.min_topic_size, n // 500)
        cluster: Any = HDBSCAN(min_cluster_size=min_size, metric="euclidean",
                               cluster_selection_method="leaf", prediction_data=False)
    else:
        from sklearn.cluster import KMeans
        from sklearn.decomposition import PCA

        reducer = PCA(n_components=max(1, min(settings.n_components, n - 1, embeddings.shape[1])),
                      random_state=settings.seed)
        cluster = KMeans(n_clusters=_small_k(n, settings), n_init=10, random_state=settings.seed)
    # c-TF-IDF fits this on one document per topic, so min_df must stay 1;
    # the token pattern drops numbers (years, page numbers) as keywords.
    vec = CountVectorizer(stop_words=settings.stop_words(), ngram_range=(1, 2),
                          token_pattern=r"(?u)\b[^\W\d_]{2,}(?:-[^\W\d_]+)*\b")  # words, not ids like usj_097104
    rep = _representation(settings)
    model = BERTopic(
        embedding_model=_backend(embedder), umap_model=reducer, hdbscan_model=cluster,
        vectorizer_model=vec, representation_model=rep, top_n_words=settings.top_n_words,
        min_topic_size=settings.min_topic_size, nr_topics=settings.nr_topics,
        calculate_probabilities=False, verbose=False,
    )
    topics = list(model.fit_transform(list(docs), embeddings)[0])
    if settings.reduce_outliers and clusterer == "umap-hdbscan" and -1 in topics and len(set(topics)) > 1:
        topics = list(model.reduce_outliers(list(docs), topics, strategy="embeddings",
                                            embeddings=embeddings, threshold=settings.outlier_threshold))
        model.update_topics(list(docs), topics=topics, vectorizer_model=vec,
                            representation_model=rep, top_n_words=settings.top_n_words)
        topics = list(model.topics_)
    keywords = {int(t): [(str(w), float(s)) for w, s in ws] for t, ws in model.get_topics().items()
                if int(t) != -1 and ws}
    return FitCore([int(t) for t in topics], keywords, _hierarchy(model, docs), clusterer, fallback)


def _hierarchy(model: Any, docs: Sequence[str]) -> tuple[HierarchyNode, ...]:
    n_topics = len({t for t in model.topics_ if t != -1})
    if n_topics < 3:
        return ()
    try:
        frame = model.hierarchical_topics(list(docs))
    except (ValueError, IndexError) as exc:  # degenerate c-TF-IDF (e.g. identical topics)
        log.warning("no topic hierarchy: %s", exc)
        return ()
    return tuple(
        HierarchyNode(int(r.Parent_ID), str(r.Parent_Name), int(r.Child_Left_ID), int(r.Child_Right_ID),
                      float(r.Distance), tuple(int(t) for t in r.Topics))
        for r in frame.itertuples()
    )


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
    *, n_embedded: int = 0,
) -> TopicResult:
    """Fit and aggregate, given passages and their embeddings (no store access)."""
    check_enough(passages, settings)
    docs = [p.text for p in passages]
    core = fit_core(docs, embeddings, embedder, settings)
    assign, topics, centroids, mixtures, over_time, per_journal = aggregate(
        passages, core.topics, embeddings, core.keywords, n_representatives=settings.n_representatives
    )
    words = [[w for w, _ in t.keywords] for t in topics]
    quality = {
        "npmi": round(npmi_coherence(words, docs, settings.top_n_words), 4),
        "diversity": round(topic_diversity(words, settings.top_n_words), 4),
        "outlier_share": round(sum(a.topic == -1 for a in assign) / len(assign), 4),
    }
    return TopicResult(
        model=embedder.name, dim=embedder.dim, settings=settings.to_dict(), assignments=assign,
        topics=topics, centroids=centroids, mixtures=mixtures, over_time=tuple(over_time),
        per_journal=tuple(per_journal), hierarchy=core.hierarchy, quality=quality,
        clusterer=core.clusterer, fallback=core.fallback, n_embedded=n_embedded,
        fitted_passages=len(passages),
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
    result = fit_on_passages(passages, vectors, emb, settings, n_embedded=n_new)
    report(ProgressEvent("cluster", 1, 1, message=f"{len(result.topics)} topics"))
    log.info("topics: %d passages (%d embedded now), %d topics, quality %s",
             len(passages), n_new, len(result.topics), result.quality)
    return result
