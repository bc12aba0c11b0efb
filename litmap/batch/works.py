"""The works step of a run: read the corpus's mentions from the store, resolve
them to canonical works, write the works back.

Runs after ingest over the whole store (works depend on all papers); ingest
skips it when no document was added, replaced or removed.  The resolution is
:func:`litmap.corpus.resolve.resolve_stored_works` (pure), the reading and
writing :mod:`litmap.store.works`; the result equals a from-scratch
resolution of the same papers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

from litmap.corpus.resolve import resolve_stored_works
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.db import Store
from litmap.store.works import load_work_sources, save_works

__all__ = ["WorksSummary", "resolve_corpus_works"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorksSummary:
    works: int
    mentions: int
    corpus_papers_cited: int


def resolve_corpus_works(store: Store, progress: Optional[Progress] = None) -> WorksSummary:
    """Bring the store's works and the work of every mention up to date (one transaction)."""
    report = resolve(progress)
    report(ProgressEvent("works", 0, 1))
    resolved = resolve_stored_works(load_work_sources(store.conn))
    changed = save_works(store, resolved)
    for c in resolved.corrections:
        log.info("paper %d, reference %d: name read as %s", c.doc_id, c.idx + 1, c.describe())
    for sn in resolved.suspects:
        log.info("paper %d, reference %d: name likely misread by OCR: %s", sn.doc_id, sn.idx + 1, sn.describe())
    for f in resolved.citer_fills:
        log.info("paper %d: %s", f.doc_id, "; ".join(f.provenance()))
    report(ProgressEvent("works", 1, 1))
    log.info("%d mentions resolved to %d works (%d rows rewritten)", resolved.mentions, len(resolved.works), changed)
    return WorksSummary(works=len(resolved.works), mentions=resolved.mentions,
                        corpus_papers_cited=resolved.corpus_papers_cited)
