"""``--library FILE``: the scholar's own library as the source of truth for metadata.

FILE is a BibTeX file (Zotero Better BibTeX or JabRef, with ``file`` fields),
a CSL-JSON file, or a Zotero data folder (``zotero.sqlite`` + ``storage/``).
The Zotero database is opened read-only in SQLite's immutable mode, so a
running Zotero is neither blocked nor disturbed; when that fails (a locked or
half-written file) a temporary copy is read instead.  Entries are matched to
the store's papers by file path, then DOI, then title
(:mod:`litmap.corpus.library`), and their title, authors, year, venue, DOI,
keywords and abstract replace the extracted ones, recorded as
``"field:library FILE"``.  Every run re-applies the library as it is then
(the replaced extracted values are kept in the store), so an edited library
is picked up; when that changes any paper's metadata the works are
re-resolved, so the papers' works and labels follow it.  Bad input (malformed BibTeX, missing files, an unreadable or
locked database, entries matching nothing) is a warning: the run goes on.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from litmap.corpus.library import DocumentKey, LibraryEntry, match_entries, merge_metadata
from litmap.models import Author
from litmap.store.db import Store
from litmap.store.library import (
    document_metadata, library_documents, library_originals, save_library_originals, set_document_metadata,
)

__all__ = ["LibraryResult", "read_library", "apply_libraries"]

log = logging.getLogger(__name__)


@dataclass
class LibraryResult:
    entries: int = 0
    matched: int = 0  # papers given library metadata
    unmatched: int = 0  # entries that matched no paper
    changed: int = 0  # papers whose metadata differs from before this run's library (works re-resolved)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        return {"entries": self.entries, "matched": self.matched, "unmatched": self.unmatched,
                "changed": self.changed, "warnings": list(self.warnings)}


# -- reading --------------------------------------------------------------------------

def read_library(path: str) -> tuple[list[LibraryEntry], list[str]]:
    """The entries of the library at ``path`` and warnings; never raises for bad input."""
    try:
        if os.path.isdir(path):
            db = os.path.join(path, "zotero.sqlite")
            if not os.path.isfile(db):
                return [], [f"library {path}: a folder without zotero.sqlite; give a Zotero data folder, "
                            "a .bib or a CSL-JSON file"]
            return _zotero(path, db)
        if os.path.basename(path) == "zotero.sqlite":
            return _zotero(os.path.dirname(path) or ".", path)
        if not os.path.isfile(path):
            return [], [f"library {path}: no such file"]
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"library {path}: cannot be read ({exc}); skipped"]
    if path.lower().endswith((".json", ".csljson")) or text.lstrip().startswith(("[", "{")):
        return _csl_json(path, text)
    return _bibtex(path, text)


def _year(value: Any) -> Optional[int]:
    m = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(value or ""))
    return int(m.group(1)) if m else None


def _clean(value: Any) -> Optional[str]:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", re.sub(r"(?<!\\)[{}]", "", str(value))).strip()
    return text.replace("\\&", "&").replace("\\_", "_").replace("\\%", "%") or None


def _person(name: str) -> Optional[Author]:
    name = _clean(name) or ""
    if not name:
        return None
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return Author(family, given or None)
    parts = name.split()
    return Author(parts[-1], " ".join(parts[:-1]) or None) if len(parts) > 1 else Author(parts[0])


def _files(value: str, base: str) -> tuple[str, ...]:
    """A BibTeX ``file`` field's paths: Zotero's "path;path", JabRef's ":path:PDF" or "Desc:path:PDF"."""
    out = []
    for part in re.split(r"(?<!\\);", value):
        part = part.strip()
        if not part:
            continue
        pieces = re.split(r"(?<!\\):", part)
        if len(pieces) >= 3:  # description:path:type (a Windows drive "C\:" stays escaped inside the path)
            part = ":".join(pieces[1:-1])
        part = part.replace("\\:", ":").replace("\\\\", "\\").strip()
        if part:
            out.append(part if os.path.isabs(part) else os.path.normpath(os.path.join(base, part)))
    return tuple(out)


def _bibtex(path: str, text: str) -> tuple[list[LibraryEntry], list[str]]:
    import bibtexparser

    warnings: list[str] = []
    try:
        lib = bibtexparser.parse_string(text)
    except Exception as exc:  # the parser's own errors are not part of its API
        return [], [f"library {path}: not BibTeX ({exc}); skipped"]
    if lib.failed_blocks:
        lines = [getattr(b, "start_line", None) for b in lib.failed_blocks[:5]]
        where = ", ".join(str(n + 1) if isinstance(n, int) else "?" for n in lines)
        warnings.append(f"library {path}: {len(lib.failed_blocks)} malformed entr"
                        f"{'y' if len(lib.failed_blocks) == 1 else 'ies'} skipped (line {where})")
    base = os.path.dirname(os.path.abspath(path))
    entries = []
    for e in lib.entries:
        f = {k.lower(): v.value for k, v in e.fields_dict.items()}
        authors = tuple(a for a in (_person(n) for n in re.split(r"\s+and\s+", f.get("author", ""))) if a)
        keywords = tuple(k for k in (_clean(x) for x in re.split(r"[;,]", f.get("keywords", ""))) if k)
        entries.append(LibraryEntry(
            source=path, key=e.key, title=_clean(f.get("title")), authors=authors,
            year=_year(f.get("year") or f.get("date")),
            journal=_clean(f.get("journal") or f.get("journaltitle") or f.get("booktitle")),
            doi=_clean(f.get("doi")), keywords=keywords, abstract=_clean(f.get("abstract")),
            files=_files(f.get("file", ""), base),
        ))
    return entries, warnings


def _csl_json(path: str, text: str) -> tuple[list[LibraryEntry], list[str]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"library {path}: not JSON ({exc.msg} at line {exc.lineno}); skipped"]
    if isinstance(items, dict):
        items = items.get("items", [items])
    if not isinstance(items, list):
        return [], [f"library {path}: CSL-JSON must be a list of items; skipped"]
    base = os.path.dirname(os.path.abspath(path))
    entries, bad = [], 0
    for n, it in enumerate(items):
        if not isinstance(it, dict):
            bad += 1
            continue
        authors = []
        for a in it.get("author") or []:
            if isinstance(a, dict) and (a.get("family") or a.get("literal")):
                authors.append(Author(a.get("family") or a["literal"], a.get("given"), not a.get("family")))
        issued = it.get("issued") or {}
        year = None
        if isinstance(issued, dict):
            parts = issued.get("date-parts") or [[]]
            year = _year(parts[0][0] if parts and parts[0] else issued.get("raw") or issued.get("literal"))
        files: list[str] = []
        for key in ("file", "files", "attachments"):
            value = it.get(key)
            for v in ([value] if isinstance(value, str) else value or []):
                p = v.get("path") if isinstance(v, dict) else v
                if isinstance(p, str):
                    files.extend(_files(p, base) if key == "file" else
                                 [p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p))])
        kw = it.get("keyword") or ""
        entries.append(LibraryEntry(
            source=path, key=str(it.get("id") or n), title=_clean(it.get("title")), authors=tuple(authors),
            year=year, journal=_clean(it.get("container-title")), doi=_clean(it.get("DOI")),
            keywords=tuple(k.strip() for k in re.split(r"[;,]", kw) if k.strip()) if isinstance(kw, str) else (),
            abstract=_clean(it.get("abstract")), files=tuple(files),
        ))
    warnings = [f"library {path}: {bad} item(s) that are not CSL-JSON objects skipped"] if bad else []
    return entries, warnings


def _zotero(folder: str, db: str) -> tuple[list[LibraryEntry], list[str]]:
    """A Zotero data folder's items (read by :mod:`litmap.store.zotero` without disturbing a running Zotero)."""
    from litmap.store.zotero import ZoteroUnreadable, zotero_items

    try:
        items, note = zotero_items(db)
    except ZoteroUnreadable as exc:
        return [], [f"library {db}: cannot be read ({exc}); is it a Zotero database? skipped"]
    out = []
    for it in items:
        f = it.fields
        files = []
        for key, path in it.attachments:
            if path.startswith("storage:"):
                files.append(os.path.join(folder, "storage", key, path[len("storage:"):]))
            elif os.path.isabs(path):  # "attachments:" paths need Zotero's base folder setting
                files.append(path)
        out.append(LibraryEntry(
            source=folder, key=it.key, title=_clean(f.get("title")),
            authors=tuple(Author(last, first or None, bool(mode)) for first, last, mode in it.creators if last),
            year=_year(f.get("date")),
            journal=_clean(f.get("publicationTitle") or f.get("bookTitle") or f.get("proceedingsTitle")),
            doi=_clean(f.get("DOI")), keywords=it.tags, abstract=_clean(f.get("abstractNote")), files=tuple(files),
        ))
    return out, [f"library {db}: {note}"] if note else []


# -- applying -------------------------------------------------------------------------

def apply_libraries(store: Store, paths: Sequence[str]) -> LibraryResult:
    """Put back what earlier library runs replaced, then apply the libraries at ``paths`` as they are now."""
    result = LibraryResult()
    entries: list[LibraryEntry] = []
    for p in paths:
        found, warnings = read_library(p)
        entries += found
        result.warnings += warnings
        missing = [e for e in found for f in e.files if not os.path.exists(f)]
        if missing:
            result.warnings.append(f"library {p}: {len(missing)} entr{'y names a file' if len(missing) == 1 else 'ies name files'} "
                                   f"that do not exist (first: {missing[0].key}); matched by DOI or title instead")
    result.entries = len(entries)
    conn = store.conn
    before = library_originals(conn)
    now: dict[int, Any] = {}
    start: dict[int, Any] = {}  # each touched paper's metadata as the run found it
    with store.transaction():
        for doc_id, original in before.items():
            start[doc_id] = document_metadata(conn, doc_id)
            current = document_metadata(conn, doc_id)
            # Re-read documents carry fresh extracted metadata: nothing of the library's is left to undo.
            if any(p.split(":", 1)[1].startswith("library ") for p in current.provenance if ":" in p):
                set_document_metadata(conn, doc_id, original)
        matches, unmatched = match_entries(entries, [DocumentKey(*d) for d in library_documents(conn)])
        for m in matches:
            current = document_metadata(conn, m.document_id)
            start.setdefault(m.document_id, current)
            now[m.document_id] = current
            set_document_metadata(conn, m.document_id, merge_metadata(current, m.entry))
        result.changed = sum(document_metadata(conn, d) != meta for d, meta in start.items())
    save_library_originals(store, now)
    if result.changed:
        # A paper's work ("Barba Lata 2019") and the references resolved to it follow its metadata:
        # an edited library re-resolves the works even when no paper was added, replaced or removed.
        from litmap.batch.works import resolve_corpus_works

        resolve_corpus_works(store)
    result.matched, result.unmatched = len(matches), len(unmatched)
    if unmatched:
        keys = ", ".join(e.key for e in unmatched[:5]) + (" …" if len(unmatched) > 5 else "")
        result.warnings.append(f"{len(unmatched)} library entr{'y matches' if len(unmatched) == 1 else 'ies match'} "
                               f"no paper in the corpus ({keys})")
    for w in result.warnings:  # the CLI prints them (ingest: warning lines; run: notes)
        log.info("%s", w)
    log.info("library: %d entries, %d papers given library metadata", result.entries, result.matched)
    return result
