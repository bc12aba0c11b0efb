"""Citation contexts and prose paragraphs as the debate maps read them.

Read-only loaders returning frozen records: the in-text citations linked to
resolved works (:func:`load_citation_groups`), and the paragraphs of the
corpus, first without their text (:func:`load_paragraph_keys`, the
``text_hash`` keys remembered matches) and then the text of the papers that
still need matching (:func:`load_paragraph_texts`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Optional, Sequence

__all__ = ["CitationGroup", "ParagraphKey", "load_citation_groups", "load_paragraph_keys", "load_paragraph_texts"]


@dataclass(frozen=True)
class CitationGroup:
    """One in-text citation (``citations`` row ``paper_id``, ``idx``) and the
    resolved works it names, in citing order (``cited.pos``; a work may repeat)."""

    paper_id: int
    idx: int
    raw: Optional[str]
    sentence: Optional[str]
    paragraph: Optional[int]
    section: Optional[str]
    page: Optional[int]
    kind: Optional[str]  # narrative | parenthetical
    work_ids: tuple[str, ...]


@dataclass(frozen=True)
class ParagraphKey:
    """A paragraph without its text: ``text_hash`` is the sha1 of the text."""

    doc_id: int
    idx: int
    kind: str
    text_hash: str


def page_of(table: str, documents: str = "d") -> str:
    """The SQL for the page of a row of ``table`` (an alias) joined to its document (alias ``documents``): NULL for
    a text file, whose one "page" is the whole file, so that no quote from it is shown as "p. 1"."""
    return f"CASE WHEN COALESCE({documents}.media_type, 'pdf') = 'pdf' THEN {table}.page END"


def load_citation_groups(conn: sqlite3.Connection) -> list[CitationGroup]:
    """Every citation naming at least one resolved work, by (paper, idx), of any document."""
    rows = conn.execute(
        f"SELECT c.document_id, c.idx, c.raw, c.sentence, c.paragraph_idx, c.section, {page_of('c')}, c.kind, "
        "cd.work_id FROM citations c JOIN cited cd ON cd.document_id = c.document_id AND cd.citation_idx = c.idx "
        "JOIN documents d ON d.id = c.document_id "
        "WHERE cd.work_id IS NOT NULL ORDER BY c.document_id, c.idx, cd.pos"
    )
    out: list[CitationGroup] = []
    for _, group in groupby(rows, key=lambda r: (r[0], r[1])):
        cited = list(group)
        r = cited[0]  # the citation's own columns repeat on each of its works' rows
        out.append(CitationGroup(paper_id=r[0], idx=r[1], raw=r[2], sentence=r[3], paragraph=r[4], section=r[5],
                                 page=r[6], kind=r[7], work_ids=tuple(w[8] for w in cited)))
    return out


def load_paragraph_keys(conn: sqlite3.Connection, skip_kinds: Sequence[str] = (),
                        skip_sections: Sequence[str] = ()) -> list[ParagraphKey]:
    """Every paragraph whose kind is not in ``skip_kinds`` and whose section's kind is not in
    ``skip_sections``, by (document, idx), without its text."""
    marks = ",".join("?" * len(skip_kinds))
    smarks = ",".join("?" * len(skip_sections))
    return [ParagraphKey(*r) for r in conn.execute(
        f"SELECT p.document_id, p.idx, p.kind, p.text_hash FROM paragraphs p "
        "LEFT JOIN sections s ON s.document_id = p.document_id AND s.idx = p.section_idx "
        f"WHERE p.kind NOT IN ({marks}) AND (s.kind IS NULL OR s.kind NOT IN ({smarks})) "
        "ORDER BY p.document_id, p.idx", (*skip_kinds, *skip_sections))]


def load_paragraph_texts(conn: sqlite3.Connection, doc_ids: Iterable[int]) -> dict[tuple[int, int], str]:
    """``(document, idx) → text`` of every paragraph of ``doc_ids`` (read in the order given)."""
    texts: dict[tuple[int, int], str] = {}
    for doc_id in doc_ids:
        for idx, text in conn.execute("SELECT idx, text FROM paragraphs WHERE document_id=?", (doc_id,)):
            texts[(doc_id, idx)] = text
    return texts
