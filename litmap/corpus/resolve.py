"""Corpus-level resolution: every mention of a work → one canonical work row.

Runs after ingest over the whole store (works depend on all papers): reads
reference entries, citation-only mentions (papers without a reference list)
and the corpus papers' own metadata, resolves them with
:func:`litmap.corpus.works.build_works`, and brings the ``works`` table and
the ``work_id`` columns of ``refs`` and ``cited`` up to date in one
transaction, writing only the rows that changed.  Work ids are derived from
each work's canonical key, so they are stable across runs, and the result
equals a from-scratch resolution of the same papers.  Ingest skips this stage
when no document was added, replaced or removed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Optional

from litmap.models import Author, CitedWork, Metadata, Reference
from litmap.parse.names import normalise_doi
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.db import Store

__all__ = ["WorksSummary", "resolve_corpus_works"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorksSummary:
    works: int
    mentions: int
    corpus_papers_cited: int


def _drop_stamp_dois(refs: list[Any], own: Optional[str]) -> list[Any]:
    """Forget DOIs that cannot be the entry's own.

    A reference carrying the citing paper's own DOI, or a DOI shared by
    several entries of one list, picked it up from a download stamp or running
    footer ("Downloaded from https://…/doi/10.1111/tesg.12575 …"); trusting it
    would merge unrelated works into one.
    """
    from collections import Counter
    from dataclasses import replace

    counts = Counter(r.doi for r in refs if r.doi)
    return [replace(r, doi=None) if r.doi and (r.doi == own or counts[r.doi] > 1) else r for r in refs]


def _reference(d: dict[str, Any]) -> Reference:
    """The fields of a stored reference that works resolution reads.

    ``Reference.from_dict`` rebuilds every field generically; on a refresh
    that was a third of the time spent resolving works.
    """
    def people(xs: Any) -> tuple[Author, ...]:
        return tuple(Author(a["family"], a.get("given")) for a in xs or ())

    return Reference(index=d["index"], raw="", authors=people(d.get("authors")), editors=people(d.get("editors")),
                     et_al=bool(d.get("et_al", False)), year=d.get("year"), year_suffix=d.get("year_suffix"),
                     title=d.get("title"), doi=d.get("doi"))


def resolve_corpus_works(store: Store, progress: Optional[Progress] = None) -> WorksSummary:
    from litmap.corpus.works import WorkInput, build_works

    report = resolve(progress)
    report(ProgressEvent("works", 0, 1))
    conn = store.conn
    items: list[WorkInput] = []
    ok = "SELECT id FROM documents WHERE status='ok'"
    own_doi = {r[0]: normalise_doi(r[1]) for r in conn.execute(f"SELECT document_id, doi FROM metadata WHERE document_id IN ({ok})")}
    by_doc: dict[int, list[WorkInput]] = {}
    for r in conn.execute(f"SELECT document_id, idx, data FROM refs WHERE document_id IN ({ok})"):
        ref = _reference(json.loads(r["data"]))
        item = WorkInput.from_reference(f"r:{r['document_id']}:{r['idx']}", str(r["document_id"]), ref)
        by_doc.setdefault(r["document_id"], []).append(item)
    for doc_id, refs in by_doc.items():
        items.extend(_drop_stamp_dois(refs, own_doi.get(doc_id)))
    for r in conn.execute(
        f"SELECT * FROM cited WHERE ref_idx IS NULL AND year IS NOT NULL AND document_id IN ({ok})"
    ):
        cw = CitedWork(tuple(json.loads(r["surnames"])), r["year"], r["year_suffix"], r["initials"], bool(r["et_al"]))
        if not cw.surnames:
            continue
        item_id = f"c:{r['document_id']}:{r['citation_idx']}:{r['pos']}"
        items.append(WorkInput.from_cited_work(item_id, str(r["document_id"]), cw))
    for r in conn.execute(f"SELECT * FROM metadata WHERE document_id IN ({ok})"):
        authors = tuple(Author.from_dict(a) for a in json.loads(r["authors"] or "[]"))
        if not (r["title"] or r["doi"]):
            continue
        meta = Metadata(title=r["title"], authors=authors, year=r["year"], doi=r["doi"])
        items.append(WorkInput.from_metadata(f"p:{r['document_id']}", str(r["document_id"]), meta))

    mapping, works = build_works(items)
    by_item = {it.item_id: it for it in items}
    cited_papers = 0
    rows: dict[str, tuple[Any, ...]] = {}
    for wid, work in works.items():
        papers = [i for i in work.items if i.startswith("p:")]
        doc_id = int(papers[0][2:]) if papers else None
        if doc_id is not None and len(work.items) > 1:
            cited_papers += 1
        first = next((by_item[i] for i in work.items if by_item[i].surnames), None)
        data = {"key": work.key, "mentions": len(work.items), "surnames": list(first.surnames) if first else []}
        rows[wid] = (work.doi, first.surnames[0] if first else None, work.year, work.title, work.label,
                     json.dumps(data), doc_id)
    with store.transaction():
        changed = _write_works(conn, rows, mapping)
    report(ProgressEvent("works", 1, 1))
    log.info("%d mentions resolved to %d works (%d rows rewritten)", len(items), len(works), changed)
    return WorksSummary(works=len(works), mentions=len(items), corpus_papers_cited=cited_papers)


def _write_works(conn: Any, rows: dict[str, tuple[Any, ...]], mapping: dict[str, str]) -> int:
    """Make the works table and the work_id columns equal ``rows`` and ``mapping``.

    Only rows that differ are written: after adding a few papers almost every
    work and link is unchanged, and rewriting them all was most of the cost
    of resolving works on a refresh.  The end state is the same as clearing
    and rewriting everything (readers order works by id, never by rowid).
    """
    n = 0
    old = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, doi, first_author, year, title, label, data, document_id FROM works")}
    gone = [(wid,) for wid in old if wid not in rows]
    conn.executemany("DELETE FROM works WHERE id=?", gone)
    new = [(wid, *row) for wid, row in rows.items() if old.get(wid) != row]
    conn.executemany(
        "INSERT OR REPLACE INTO works(id, doi, first_author, year, title, label, data, document_id) "
        "VALUES (?,?,?,?,?,?,?,?)", new)
    n += len(gone) + len(new)
    ref_work: dict[tuple[int, int], Optional[str]] = {}
    updates = []
    for doc_id, idx, current in conn.execute("SELECT document_id, idx, work_id FROM refs"):
        want = mapping.get(f"r:{doc_id}:{idx}")
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
        want = ref_work.get((doc_id, ref_idx)) if ref_idx is not None else mapping.get(f"c:{doc_id}:{cidx}:{pos}")
        if want != current:
            updates.append((want, doc_id, cidx, pos))
    conn.executemany("UPDATE cited SET work_id=? WHERE document_id=? AND citation_idx=? AND pos=?", updates)
    return n + len(updates)
