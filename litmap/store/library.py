"""The store's side of the scholar's library (:mod:`litmap.batch.library`): documents to match,
their header metadata read and rewritten, and the extracted values a library replaced.

The extracted values are kept in the ``library:originals`` artifact, so a later
run first puts them back and then applies the library as it is now: an edited
library (or one no longer given) leaves no stale values behind.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Optional

from litmap.models import Author, Metadata

__all__ = ["ORIGINALS", "library_documents", "document_metadata", "set_document_metadata",
           "library_originals", "save_library_originals"]

ORIGINALS = "library:originals"


def library_documents(conn: sqlite3.Connection) -> list[tuple[int, tuple[str, ...], Optional[str], Optional[str]]]:
    """(id, every path the document's bytes were seen at, DOI, title) of every paper."""
    paths: dict[str, list[str]] = {}
    for path, sha in conn.execute("SELECT path, sha256 FROM files"):
        paths.setdefault(sha, []).append(path)
    out = []
    for doc_id, sha, path, doi, title in conn.execute(
            "SELECT d.id, d.sha256, d.path, m.doi, m.title FROM documents d "
            "LEFT JOIN metadata m ON m.document_id=d.id WHERE d.status='ok' ORDER BY d.id"):
        seen = tuple(dict.fromkeys([path, *sorted(paths.get(sha, []))]))
        out.append((int(doc_id), seen, doi, title))
    return out


def document_metadata(conn: sqlite3.Connection, doc_id: int) -> Metadata:
    m = conn.execute("SELECT title, authors, affiliations, year, journal, volume, issue, pages, doi, keywords, "
                     "abstract, provenance FROM metadata WHERE document_id=?", (doc_id,)).fetchone()
    if m is None:
        return Metadata()
    return Metadata(
        title=m[0], authors=tuple(Author.from_dict(a) for a in json.loads(m[1] or "[]")),
        affiliations=tuple(json.loads(m[2] or "[]")), year=m[3], journal=m[4], volume=m[5], issue=m[6],
        pages=m[7], doi=m[8], keywords=tuple(json.loads(m[9] or "[]")), abstract=m[10],
        provenance=tuple(json.loads(m[11] or "[]")),
    )


def set_document_metadata(conn: sqlite3.Connection, doc_id: int, m: Metadata) -> None:
    """Rewrite the header fields a library may set (the caller holds the transaction)."""
    values = (m.title, json.dumps([a.to_dict() for a in m.authors]), m.year, m.journal, m.doi,
              json.dumps(list(m.keywords)), m.abstract, json.dumps(list(m.provenance)))
    cur = conn.execute("UPDATE metadata SET title=?, authors=?, year=?, journal=?, doi=?, keywords=?, abstract=?, "
                       "provenance=? WHERE document_id=?", (*values, doc_id))
    if cur.rowcount == 0:
        conn.execute("INSERT INTO metadata(title, authors, year, journal, doi, keywords, abstract, provenance, "
                     "document_id) VALUES (?,?,?,?,?,?,?,?,?)", (*values, doc_id))


def library_originals(conn: sqlite3.Connection) -> dict[int, Metadata]:
    """The extracted metadata of each document a library changed, as it was before."""
    row = conn.execute("SELECT data FROM artifacts WHERE name=?", (ORIGINALS,)).fetchone()
    if row is None or row[0] is None:
        return {}
    data: dict[str, Any] = json.loads(bytes(row[0]).decode("utf-8"))
    return {int(k): Metadata.from_dict(v) for k, v in data.items()}


def save_library_originals(store: Any, originals: dict[int, Metadata]) -> None:
    blob = json.dumps({str(k): v.to_dict() for k, v in sorted(originals.items())}).encode("utf-8")
    store.put_artifact(ORIGINALS, blob)
