"""Bibliographies straight from the store: all works, or one paper's list."""

from __future__ import annotations

import json
from typing import Optional, Sequence

from litmap.errors import InputError
from litmap.models import Reference
from litmap.store.db import Store
from litmap.store.papers import reference_work_ids, work_entries

__all__ = ["BIB_FORMATS", "BIB_EXTENSIONS", "work_references", "paper_references", "export_bibliography"]

BIB_FORMATS = ("bibtex", "ris", "csl-json")
#: The file extensions of each format (``--format`` and ``-o`` are checked against each other).
BIB_EXTENSIONS = {"bibtex": (".bib", ".bibtex"), "ris": (".ris",), "csl-json": (".json", ".csl", ".csljson")}

_FIELDS = ("title", "container", "volume", "issue", "pages", "publisher", "place", "doi", "url")


def _richness(ref: Reference) -> int:
    return sum(1 for f in _FIELDS if getattr(ref, f)) + len(ref.people)


def work_references(store: Store) -> list[tuple[str, Reference]]:
    """One reference per cited work, with the work's id: its most complete entry across the corpus."""
    best: dict[str, Reference] = {}
    for entry in work_entries(store):
        ref = entry.reference
        cur = best.get(entry.work_id)
        if cur is None or _richness(ref) > _richness(cur):
            best[entry.work_id] = ref
    return [(k, best[k]) for k in sorted(best, key=lambda k: _sort_key(best[k]))]


def _sort_key(ref: Reference) -> tuple:
    first = ref.people[0].family.casefold() if ref.people else "~"
    return (first, ref.year or 0, ref.title or "")


def paper_references(store: Store, doc_id: int) -> list[tuple[Optional[str], Reference]]:
    """One paper's reference list in order, each entry with the id of the work it names (or None)."""
    ids = reference_work_ids(store, doc_id)
    return [(ids.get(r.index), r) for r in store.load_document(doc_id).references]


def export_bibliography(store: Store, fmt: str, paper: Optional[int] = None) -> str:
    """All cited works (``paper`` None) or one paper's reference list."""
    from litmap.export.bibliography import to_bibtex, to_csl_json, to_ris

    if fmt not in BIB_FORMATS:
        raise InputError(f"unknown bibliography format {fmt!r}; choose one of {', '.join(BIB_FORMATS)}")
    pairs: Sequence[tuple[Optional[str], Reference]] = (
        work_references(store) if paper is None else paper_references(store, paper))
    ids = [w for w, _ in pairs]
    refs = [r for _, r in pairs]
    if fmt == "bibtex":
        return to_bibtex(refs, ids)
    if fmt == "ris":
        return to_ris(refs, ids)
    return json.dumps(to_csl_json(refs, ids), indent=2, ensure_ascii=False)
