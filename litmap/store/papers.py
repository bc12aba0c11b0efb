"""Paper and reference listings for ``litmap papers`` and the bibliography export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator, Optional

from litmap.models import Reference
from litmap.store.db import Store

__all__ = ["PaperListing", "WorkEntry", "list_papers", "work_entries", "reference_work_ids"]


@dataclass(frozen=True)
class PaperListing:
    """One paper as ``litmap papers`` lists it (field order is the ``--json`` key order)."""

    id: int
    year: Optional[int]
    title: Optional[str]
    path: str
    refs: int  # reference entries
    citations: int  # in-text citations


@dataclass(frozen=True)
class WorkEntry:
    """A reference entry of a paper that resolved to the cited work ``work_id``."""

    work_id: str
    reference: Reference


def list_papers(store: Store) -> list[PaperListing]:
    """The papers (status ``ok``) by id, with their reference and citation counts."""
    return [PaperListing(r[0], r[1], r[2], r[3], r[4], r[5]) for r in store.conn.execute(
        "SELECT d.id, m.year, m.title, d.path, (SELECT COUNT(*) FROM refs r WHERE r.document_id=d.id) AS refs, "
        "(SELECT COUNT(*) FROM citations c WHERE c.document_id=d.id) AS citations "
        "FROM documents d LEFT JOIN metadata m ON m.document_id=d.id WHERE d.status='ok' ORDER BY d.id")]


def work_entries(store: Store) -> Iterator[WorkEntry]:
    """Every resolved reference entry of the papers, by work id, then document and position."""
    for work_id, data in store.conn.execute(
        "SELECT r.work_id, r.data FROM refs r JOIN documents d ON d.id=r.document_id "
        "WHERE d.status='ok' AND r.work_id IS NOT NULL ORDER BY r.work_id, r.document_id, r.idx"
    ):
        yield WorkEntry(work_id, Reference.from_dict(json.loads(data)))


def reference_work_ids(store: Store, doc_id: int) -> dict[int, Optional[str]]:
    """The work each entry of a paper's reference list names, by the entry's index (None: unresolved)."""
    return {idx: wid for idx, wid in store.conn.execute(
        "SELECT idx, work_id FROM refs WHERE document_id = ? ORDER BY idx", (doc_id,))}
