"""The scholar's own library (Zotero, BibTeX, CSL-JSON) matched to the corpus's documents.

Pure functions: :mod:`litmap.batch.library` reads the files into
:class:`LibraryEntry` records; here they are matched to documents by file
path, then DOI, then title, and merged over the extracted metadata.  Library
metadata wins, and each field it set is recorded in
:attr:`litmap.models.Metadata.provenance` as ``"field:library FILE"``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable, Optional, Sequence

from litmap.models import Author, Metadata

__all__ = ["LibraryEntry", "DocumentKey", "LibraryMatch", "match_entries", "merge_metadata", "doi_key", "title_key"]

#: The fields a library sets, in Metadata's names.
FIELDS = ("title", "authors", "year", "journal", "doi", "keywords", "abstract")


@dataclass(frozen=True)
class LibraryEntry:
    """One item of a library; ``source`` names the library file or folder, ``key`` the entry in it."""

    source: str
    key: str
    title: Optional[str] = None
    authors: tuple[Author, ...] = ()
    year: Optional[int] = None
    journal: Optional[str] = None  # the venue: journal, book or proceedings
    doi: Optional[str] = None
    keywords: tuple[str, ...] = ()
    abstract: Optional[str] = None
    files: tuple[str, ...] = ()  # attached files, absolute paths where the library gives them so


@dataclass(frozen=True)
class DocumentKey:
    """What a document is matched by: its id, every path it was seen at, its extracted DOI and title."""

    id: int
    paths: tuple[str, ...]
    doi: Optional[str]
    title: Optional[str]


@dataclass(frozen=True)
class LibraryMatch:
    document_id: int
    entry: LibraryEntry
    by: str  # path | file name | doi | title


def doi_key(doi: Optional[str]) -> str:
    if not doi:
        return ""
    d = doi.strip().lower()
    d = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", d)
    return d.split("?", 1)[0].split("#", 1)[0].rstrip(".")


def title_key(title: Optional[str]) -> str:
    if not title:
        return ""
    t = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in t if c.isalnum())


def _path_key(path: str) -> str:
    return os.path.normcase(os.path.normpath(os.path.abspath(os.path.expanduser(path))))


def _name_key(path: str) -> str:
    return os.path.basename(path.replace("\\", "/")).casefold()


def match_entries(entries: Sequence[LibraryEntry], documents: Sequence[DocumentKey]
                  ) -> tuple[list[LibraryMatch], list[LibraryEntry]]:
    """Each document's entry (by file path, then a unique file name, then DOI, then title), and the
    entries that matched no document.  A document takes the first entry that matches it; an entry
    matches every document it names (the same file kept twice)."""
    by_path: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    by_doi: dict[str, list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for d in documents:
        for p in d.paths:
            by_path.setdefault(_path_key(p), []).append(d.id)
            by_name.setdefault(_name_key(p), []).append(d.id)
        if doi_key(d.doi):
            by_doi.setdefault(doi_key(d.doi), []).append(d.id)
        if len(title_key(d.title)) >= 12:  # "Introduction" alone is no identity
            by_title.setdefault(title_key(d.title), []).append(d.id)
    taken: dict[int, LibraryMatch] = {}
    unmatched: list[LibraryEntry] = []
    for rule in ("path", "file name", "doi", "title"):
        for e in entries:
            for doc_id in _candidates(e, rule, by_path, by_name, by_doi, by_title):
                if doc_id not in taken:
                    taken[doc_id] = LibraryMatch(doc_id, e, rule)
    used = {id(m.entry) for m in taken.values()}
    unmatched = [e for e in entries if id(e) not in used]
    return sorted(taken.values(), key=lambda m: m.document_id), unmatched


def _candidates(e: LibraryEntry, rule: str, by_path: dict[str, list[int]], by_name: dict[str, list[int]],
                by_doi: dict[str, list[int]], by_title: dict[str, list[int]]) -> Iterable[int]:
    if rule == "path":
        return {i for f in e.files for i in by_path.get(_path_key(f), [])}
    if rule == "file name":  # a library moved or synced elsewhere: the same file name, held by one document
        out: set[int] = set()
        for f in e.files:
            ids = set(by_name.get(_name_key(f), []))
            if len(ids) == 1:
                out |= ids
        return out
    if rule == "doi":
        return by_doi.get(doi_key(e.doi), []) if doi_key(e.doi) else []
    key = title_key(e.title)
    return by_title.get(key, []) if len(key) >= 12 else []


def merge_metadata(extracted: Metadata, entry: LibraryEntry) -> Metadata:
    """``extracted`` with every field the entry has replaced, and recorded as ``"field:library SOURCE"``."""
    changes: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(entry, name)
        if name == "doi":
            value = doi_key(value)  # "https://doi.org/10.1/X?x" -> "10.1/x", as extracted DOIs are kept
        if value:
            changes[name] = value
    if not changes:
        return extracted
    kept = tuple(p for p in extracted.provenance if p.split(":", 1)[0] not in changes)
    provenance = kept + tuple(f"{name}:library {entry.source}" for name in changes)
    return replace(extracted, **changes, provenance=provenance)  # type: ignore[arg-type]
