"""The store side of works resolution: what it reads and what it writes.

:func:`load_work_sources` reads the reference entries, citation-only
mentions and metadata of the papers with status ``ok`` into
:class:`~litmap.corpus.resolve.WorkSources`; :func:`save_works` brings the
``works`` table and the ``work_id`` columns of ``refs`` and ``cited`` up to
date with a :class:`~litmap.corpus.resolve.ResolvedWorks` in one
transaction, writing only the rows that changed.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Optional

from litmap.corpus.resolve import ResolvedWorks, StoredMention, StoredPaper, StoredReference, WorkRow, WorkSources
from litmap.models import Author, CitedWork, Metadata, Reference
from litmap.store.db import Store

__all__ = ["load_work_sources", "save_works", "ocr_pages_of"]

_OK = "SELECT id FROM documents WHERE status='ok'"


def _people(xs: Any) -> tuple[Author, ...]:
    return tuple(Author(a["family"], a.get("given"), bool(a.get("organisation"))) for a in xs or ())


def _reference(d: dict[str, Any]) -> Reference:
    """The fields of a stored reference that works resolution reads.

    ``Reference.from_dict`` rebuilds every field generically; on a refresh
    that was a third of the time spent resolving works.
    """
    return Reference(index=d["index"], raw="", authors=_people(d.get("authors")), editors=_people(d.get("editors")),
                     et_al=bool(d.get("et_al", False)), year=d.get("year"), year_suffix=d.get("year_suffix"),
                     title=d.get("title"), container=d.get("container"), doi=d.get("doi"),
                     page=int(d.get("page") or 0))


def load_work_sources(conn: sqlite3.Connection) -> WorkSources:
    """What works resolution reads from the store (read-only), in store order."""
    references = tuple(
        StoredReference(r["document_id"], r["idx"], _reference(json.loads(r["data"])))
        for r in conn.execute(f"SELECT document_id, idx, data FROM refs WHERE document_id IN ({_OK})")
    )
    mentions = tuple(
        StoredMention(r["document_id"], r["citation_idx"], r["pos"],
                      CitedWork(tuple(json.loads(r["surnames"])), r["year"], r["year_suffix"], r["initials"],
                                bool(r["et_al"])), r["sentence"] or "")
        for r in conn.execute(
            "SELECT cd.*, c.sentence FROM cited cd LEFT JOIN citations c "
            "ON c.document_id = cd.document_id AND c.idx = cd.citation_idx "
            f"WHERE cd.ref_idx IS NULL AND cd.year IS NOT NULL AND cd.document_id IN ({_OK})")
    )
    papers = tuple(
        StoredPaper(r["document_id"], Metadata(
            title=r["title"], authors=tuple(Author.from_dict(a) for a in json.loads(r["authors"] or "[]")),
            year=r["year"], journal=r["journal"], doi=r["doi"], provenance=tuple(json.loads(r["provenance"] or "[]"))))
        for r in conn.execute(f"SELECT * FROM metadata WHERE document_id IN ({_OK})")
    )
    ocr_documents = frozenset(r[0] for r in conn.execute(f"SELECT id FROM documents WHERE ocr > 0 AND id IN ({_OK})"))
    cited_as: dict[tuple[int, int], tuple[str, ...]] = {}
    if ocr_documents:
        marks = ",".join("?" * len(ocr_documents))
        for r in conn.execute(f"SELECT document_id, ref_idx, surnames FROM cited WHERE ref_idx IS NOT NULL "
                              f"AND document_id IN ({marks})", sorted(ocr_documents)):
            key = (r["document_id"], r["ref_idx"])
            cited_as[key] = cited_as.get(key, ()) + tuple(json.loads(r["surnames"]))
    ocr_pages = {r["id"]: ocr_pages_of(json.loads(r["warnings"] or "[]")) for r in conn.execute(
        f"SELECT id, warnings FROM documents WHERE ocr > 0 AND id IN ({_OK})")}
    return WorkSources(references, mentions, papers, ocr_documents, cited_as, ocr_pages)


_OCR_PAGES = re.compile(r"^OCR used on pages? ([\d–, ]+)")


def ocr_pages_of(warnings: list[str]) -> frozenset[int]:
    """The pages an extraction warning says were read by OCR ("OCR used on pages 2–16: …");
    empty when none says (then every page counts as OCR'd)."""
    pages: set[int] = set()
    for w in warnings:
        m = _OCR_PAGES.match(str(w))
        for part in m.group(1).split(",") if m else ():
            a, _, b = part.strip().partition("–")
            if a.isdigit():
                pages.update(range(int(a), (int(b) if b.isdigit() else int(a)) + 1))
    return frozenset(pages)


def save_works(store: Store, resolved: ResolvedWorks) -> int:
    """Make the works table and the work_id columns equal ``resolved``, in one
    transaction; the number of rows written.

    Only rows that differ are written: after adding a few papers almost every
    work and link is unchanged, and rewriting them all was most of the cost
    of resolving works on a refresh.  The end state is the same as clearing
    and rewriting everything (readers order works by id, never by rowid).
    The caller clears the store's works-stale marker once this returns.
    """
    rows = {w.id: (w.doi, w.first_author, w.year, w.title, w.label, _data(w), w.document_id) for w in resolved.works}
    with store.transaction() as conn:
        for doc_id, meta in sorted(resolved.corrected_metadata.items()):
            # An OCR'd header corrected, or a header's missing year or venue filled, from the papers
            # citing it (provenance says so and what was read).
            conn.execute("UPDATE metadata SET authors=?, year=?, journal=?, provenance=? WHERE document_id=?",
                         (json.dumps([a.to_dict() for a in meta.authors]), meta.year, meta.journal,
                          json.dumps(list(meta.provenance)), doc_id))
        return _write_works(conn, rows, resolved) + len(resolved.corrected_metadata)


def _data(w: WorkRow) -> str:
    data: dict[str, Any] = {"key": w.key, "mentions": w.mentions, "surnames": list(w.surnames)}
    if w.corrected:
        data["corrected"] = list(w.corrected)  # names misread by OCR, as corrected
    if w.ocr_suspect:
        data["ocr_suspect"] = list(w.ocr_suspect)  # names likely misread by OCR, uncorrected
    if w.fits:
        data["fits"] = list(w.fits)  # named by surnames and year only; these works fit alike
    if w.copies:
        data["copies"] = list(w.copies)  # other corpus documents that are this paper too
    return json.dumps(data)


def _write_works(conn: sqlite3.Connection, rows: dict[str, tuple[Any, ...]], resolved: ResolvedWorks) -> int:
    n = 0
    old = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, doi, first_author, year, title, label, data, document_id FROM works")}
    gone = [(wid,) for wid in old if wid not in rows]
    conn.executemany("DELETE FROM works WHERE id=?", gone)
    new = [(wid, *row) for wid, row in rows.items() if old.get(wid) != row]
    # An upsert, not INSERT OR REPLACE: REPLACE deletes the old row, and the foreign keys
    # from refs and cited (ON DELETE SET NULL) would unlink every entry naming the work.
    conn.executemany(
        "INSERT INTO works(id, doi, first_author, year, title, label, data, document_id) "
        "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET doi=excluded.doi, "
        "first_author=excluded.first_author, year=excluded.year, title=excluded.title, label=excluded.label, "
        "data=excluded.data, document_id=excluded.document_id", new)
    n += len(gone) + len(new)
    ref_work: dict[tuple[int, int], Optional[str]] = {}
    updates: list[tuple[Any, ...]] = []
    for doc_id, idx, current in conn.execute("SELECT document_id, idx, work_id FROM refs"):
        want = resolved.reference_works.get((doc_id, idx))
        ref_work[(doc_id, idx)] = want
        if want != current:
            updates.append((want, doc_id, idx))
    conn.executemany("UPDATE refs SET work_id=? WHERE document_id=? AND idx=?", updates)
    n += len(updates)
    # Citations linked to an entry share the entry's work; the others take their own mention's.
    updates = []
    for doc_id, cidx, pos, ref_idx, current in conn.execute(
        "SELECT document_id, citation_idx, pos, ref_idx, work_id FROM cited"
    ):
        want = (ref_work.get((doc_id, ref_idx)) if ref_idx is not None
                else resolved.mention_works.get((doc_id, cidx, pos)))
        if want != current:
            updates.append((want, doc_id, cidx, pos))
    conn.executemany("UPDATE cited SET work_id=? WHERE document_id=? AND citation_idx=? AND pos=?", updates)
    return n + len(updates)
