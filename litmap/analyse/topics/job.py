"""The topic stage as one call over the store: fit, refresh or refit, then save.

Kept apart from :mod:`litmap.analyse.topics` so the CLI and ``litmap run``
share one code path (settings validation, run record, persistence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from litmap.errors import InputError
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.db import Store
from litmap.store.topics import EmbeddingCache, iter_body_paragraphs, load_topic_result, save_topic_result

__all__ = ["topics_settings", "run_topics", "labels_path", "LABELS_FILE"]

#: The reviewer's renames and merges (litmap.analyse.topics.labels_file), beside the store.
LABELS_FILE = "topics.yaml"


def topics_settings(**kwargs: Any) -> Any:
    """A validated :class:`TopicSettings`; bad values become an :class:`InputError`."""
    from litmap.analyse.topics import TopicSettings

    try:
        return TopicSettings(**kwargs)
    except (TypeError, ValueError) as exc:
        raise InputError(f"topic settings: {exc}") from exc


def labels_path(store: Store) -> Path:
    """The default labels file: ``topics.yaml`` beside the store."""
    return Path(store.path).resolve().parent / LABELS_FILE


def run_topics(store: Store, settings: Any, *, mode: str = "fit", progress: Optional[Progress] = None,
               record: bool = True, labels: Optional[Union[str, Path]] = None) -> Any:
    """``mode``: ``fit`` (fresh model), ``refresh`` (assign new passages to the
    stored topics; fits when none are stored) or ``refit`` (refit and keep the
    ids/labels of matching topics).  ``record`` False when the caller (``litmap
    run``) records the run itself.  ``labels``: the labels file of renames and
    merges (default ``topics.yaml`` beside the store; applied when it exists)."""
    if mode not in ("fit", "refresh", "refit"):
        raise InputError(f"unknown topic mode {mode!r}")
    from litmap.analyse.topics.labels_file import read_labels

    names = read_labels(labels if labels is not None else labels_path(store))
    if not record:
        return _fit(store, settings, mode, progress, None, names)
    run_id = store.start_run("topics", {"mode": mode, **settings.to_dict()})
    try:
        result = _fit(store, settings, mode, progress, run_id, names)
    except BaseException:
        store.finish_run(run_id, "failed", {})
        raise
    store.finish_run(run_id, "ok", {"topics": len(result.topics), "passages": len(result.assignments),
                                    "embedded": result.n_embedded, **result.quality})
    return result


def _fit(store: Store, settings: Any, mode: str, progress: Optional[Progress], run_id: Optional[int],
         names: Any) -> Any:
    from litmap.analyse.topics import fit_topics, update_topics
    from litmap.analyse.topics.labels_file import apply_labels

    old = None if mode == "fit" else load_topic_result(store.conn)
    paragraphs = iter_body_paragraphs(store.conn)
    cache = EmbeddingCache(store.conn)
    if old is None:
        result = fit_topics(paragraphs, settings, progress, cache=cache)
    else:
        result = update_topics(old, paragraphs, settings, progress, cache=cache, refit=(mode == "refit"))
    result = apply_labels(result, names, settings.top_n_words)
    # a step of its own in the run's timing (closed by the next stage)
    resolve(progress)(ProgressEvent("cluster", 0, 1, message="saving topics"))
    save_topic_result(store.conn, result, run_id)
    return result
