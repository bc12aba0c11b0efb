"""What the report reads from a store besides :class:`~litmap.store.corpusdata.CorpusData`.

File facts (pages, OCR, warnings), corpus totals, the extraction-health
lists, reference entries, abstracts and the last finished runs, as frozen
records.  Every function takes a plain ``sqlite3.Connection`` (rows are read
by position, so a connection without ``sqlite3.Row`` works too) and only reads.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from litmap.errors import InputError

__all__ = [
    "CorpusTotals", "DocumentFile", "FailedDocument", "PaperFacts", "ReferenceEntry", "FinishedRun",
    "report_connection", "corpus_totals", "unreferenced_pdfs", "unreferenced_documents", "guessed_metadata", "failed_documents", "ocr_document_ids",
    "paper_facts", "reference_entries", "citation_counts", "abstracts", "finished_runs", "stored_artifact",
]


@dataclass(frozen=True)
class CorpusTotals:
    """Counts over the store: documents by status, and pages, reference entries and
    in-text citations of the papers (status ``ok``)."""

    failed: int
    removed: int
    pages: int
    references: int
    citations: int


@dataclass(frozen=True)
class DocumentFile:
    id: int
    path: str


@dataclass(frozen=True)
class FailedDocument:
    path: str
    error: Optional[str]  # the reason stored with the failure, if any


@dataclass(frozen=True)
class PaperFacts:
    """What the store knows about a paper's file, beyond its metadata."""

    id: int
    path: str
    pages: Optional[int]
    ocr: bool
    warnings: tuple[str, ...]  # extraction warnings


@dataclass(frozen=True)
class ReferenceEntry:
    document_id: int
    idx: int
    raw: str
    work_id: Optional[str]


@dataclass(frozen=True)
class FinishedRun:
    """A run recorded in ``runs`` that finished ``ok``; ``counts`` is its counts object ({} if unreadable)."""

    id: int
    command: str
    started: str
    finished: Optional[str]
    counts: dict[str, Any]


def report_connection(store_or_conn: Any) -> sqlite3.Connection:
    """The connection of a :class:`~litmap.store.Store`, or ``store_or_conn`` itself if it is one."""
    conn = getattr(store_or_conn, "conn", store_or_conn)
    if not isinstance(conn, sqlite3.Connection):
        raise InputError("build_report needs a litmap Store or an sqlite3 connection to one")
    return conn


def stored_artifact(conn: sqlite3.Connection, name: str) -> Optional[bytes]:
    """The artifact ``name`` (None when absent, or in a store too old to have artifacts)."""
    try:
        row = conn.execute("SELECT data FROM artifacts WHERE name = ?", (name,)).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None or row[0] is None else bytes(row[0])


def _json(raw: Optional[str], default: Any) -> Any:
    try:
        return json.loads(raw) if raw else default
    except ValueError:
        return default


def _warnings(raw: Optional[str]) -> tuple[str, ...]:
    value = _json(raw, [])
    return tuple(value) if isinstance(value, list) else ()


def corpus_totals(conn: sqlite3.Connection) -> CorpusTotals:
    q = conn.execute
    by_status = {r[0]: r[1] for r in q("SELECT status, COUNT(*) FROM documents GROUP BY status")}
    return CorpusTotals(
        failed=by_status.get("failed", 0),
        removed=by_status.get("removed", 0),
        pages=int(q("SELECT COALESCE(SUM(pages),0) FROM documents WHERE status='ok'").fetchone()[0]),
        references=int(q("SELECT COUNT(*) FROM refs r JOIN documents d ON d.id=r.document_id "
                         "WHERE d.status='ok'").fetchone()[0]),
        citations=int(q("SELECT COUNT(*) FROM citations c JOIN documents d ON d.id=c.document_id "
                        "WHERE d.status='ok'").fetchone()[0]),
    )


def unreferenced_pdfs(conn: sqlite3.Connection) -> list[DocumentFile]:
    """PDF papers in which no reference entry was found, by id (text files need no list)."""
    return [DocumentFile(r[0], r[1]) for r in conn.execute(
        "SELECT d.id, d.path FROM documents d WHERE d.status='ok' AND COALESCE(d.media_type,'pdf')='pdf' "
        "AND NOT EXISTS (SELECT 1 FROM refs r WHERE r.document_id=d.id) ORDER BY d.id"
    )]


def unreferenced_documents(conn: sqlite3.Connection) -> list[DocumentFile]:
    """Papers of any kind (PDF or text) in which no reference entry was found, by id."""
    return [DocumentFile(r[0], r[1]) for r in conn.execute(
        "SELECT d.id, d.path FROM documents d WHERE d.status='ok' "
        "AND NOT EXISTS (SELECT 1 FROM refs r WHERE r.document_id=d.id) ORDER BY d.id"
    )]


def guessed_metadata(conn: sqlite3.Connection) -> list[tuple[int, str, tuple[str, ...]]]:
    """(id, path, guessed fields) of papers whose header metadata holds a guess
    (Metadata.provenance entries such as "year:pdf-date guess"; stores before v4 record none)."""
    if "provenance" not in {r[1] for r in conn.execute("PRAGMA table_info(metadata)")}:
        return []
    out = []
    for doc_id, path, prov in conn.execute(
            "SELECT d.id, d.path, m.provenance FROM documents d JOIN metadata m ON m.document_id=d.id "
            "WHERE d.status='ok' AND m.provenance LIKE '%guess%' ORDER BY d.id"):
        fields = tuple(guess_note(p) for p in json.loads(prov or "[]") if "guess" in p)
        if fields:
            out.append((int(doc_id), str(path), fields))
    return out


def guess_note(provenance: str) -> str:
    """``"year:pdf-date guess"`` -> ``"year from the PDF's creation date"``; ``"year:from citing papers 5, 18
    (guess)"`` -> ``"year from citing papers 5, 18"``: the field and where the guess came from."""
    field, _, source = provenance.partition(":")
    source = source.replace("(guess)", "").replace("guess", "").strip()
    source = {"pdf-date": "from the PDF's creation date"}.get(source, source)
    return f"{field} {source}".strip()


def failed_documents(conn: sqlite3.Connection) -> list[FailedDocument]:
    """Files that could not be read, by path."""
    return [FailedDocument(r[0], r[1])
            for r in conn.execute("SELECT path, error FROM documents WHERE status='failed' ORDER BY path")]


def ocr_document_ids(conn: sqlite3.Connection) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM documents WHERE status='ok' AND ocr=1 ORDER BY id")]


def paper_facts(conn: sqlite3.Connection) -> dict[int, PaperFacts]:
    """Every paper's file facts, by document id."""
    return {
        r[0]: PaperFacts(r[0], r[1], r[2], bool(r[3]), _warnings(r[4]))
        for r in conn.execute("SELECT id, path, pages, ocr, warnings FROM documents WHERE status='ok'")
    }


def reference_entries(conn: sqlite3.Connection) -> Iterator[ReferenceEntry]:
    """Every reference entry (of any document), by document and position."""
    for doc_id, idx, raw, wid in conn.execute(
        "SELECT document_id, idx, raw, work_id FROM refs ORDER BY document_id, idx"
    ):
        yield ReferenceEntry(doc_id, idx, raw, wid)


def citation_counts(conn: sqlite3.Connection) -> dict[int, int]:
    """In-text citations per document id (documents without any are absent)."""
    return {r[0]: int(r[1]) for r in conn.execute("SELECT document_id, COUNT(*) FROM citations GROUP BY document_id")}


def abstracts(conn: sqlite3.Connection) -> dict[int, Optional[str]]:
    return {r[0]: r[1] for r in conn.execute("SELECT document_id, abstract FROM metadata")}


def finished_runs(conn: sqlite3.Connection, n: int = 2) -> list[FinishedRun]:
    """The last ``n`` runs that finished ``ok``, newest first."""
    out = []
    for r in conn.execute(
        "SELECT id, command, started_at, finished_at, status, counts FROM runs "
        "WHERE status='ok' ORDER BY id DESC LIMIT ?", (n,)
    ).fetchall():
        counts = _json(r[5] or "{}", {})
        out.append(FinishedRun(r[0], r[1], r[2], r[3], counts if isinstance(counts, dict) else {}))
    return out
