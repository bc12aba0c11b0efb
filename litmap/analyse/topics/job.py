"""The topic stage as one call over the store: fit, refresh or refit, then save.

Kept apart from :mod:`litmap.analyse.topics` so the CLI and ``litmap run``
share one code path (settings validation, run record, persistence).
"""

from __future__ import annotations

from typing import Any, Optional

from litmap.errors import InputError
from litmap.progress import Progress
from litmap.store.db import Store
from litmap.store.topics import EmbeddingCache, iter_body_paragraphs, load_topic_result, save_topic_result

__all__ = ["topics_settings", "run_topics"]


def topics_settings(**kwargs: Any) -> Any:
    """A validated :class:`TopicSettings`; bad values become an :class:`InputError`."""
    from litmap.analyse.topics import TopicSettings

    try:
        return TopicSettings(**kwargs)
    except (TypeError, ValueError) as exc:
        raise InputError(f"topic settings: {exc}") from exc


def run_topics(store: Store, settings: Any, *, mode: str = "fit", progress: Optional[Progress] = None,
               record: bool = True) -> Any:
    """``mode``: ``fit`` (fresh model), ``refresh`` (assign new passages to the
    stored topics; fits when none are stored) or ``refit`` (refit and keep the
    ids/labels of matching topics).  ``record`` False when the caller (``litmap
    run``) records the run itself."""
    if mode not in ("fit", "refresh", "refit"):
        raise InputError(f"unknown topic mode {mode!r}")
    if not record:
        return _fit(store, settings, mode, progress, None)
    run_id = store.start_run("topics", {"mode": mode, **settings.to_dict()})
    try:
        result = _fit(store, settings, mode, progress, run_id)
    except BaseException:
        store.finish_run(run_id, "failed", {})
        raise
    store.finish_run(run_id, "ok", {"topics": len(result.topics), "passages": len(result.assignments),
                                    "embedded": result.n_embedded, **result.quality})
    return result


def _fit(store: Store, settings: Any, mode: str, progress: Optional[Progress], run_id: Optional[int]) -> Any:
    from litmap.analyse.topics import fit_topics, update_topics

    old = None if mode == "fit" else load_topic_result(store.conn)
    paragraphs = iter_body_paragraphs(store.conn)
    cache = EmbeddingCache(store.conn)
    if old is None:
        result = fit_topics(paragraphs, settings, progress, cache=cache)
    else:
        result = update_topics(old, paragraphs, settings, progress, cache=cache, refit=(mode == "refit"))
    save_topic_result(store.conn, result, run_id)
    return result
