"""The corpus as the network analyses see it, decoupled from SQL.

:func:`load_corpus_data` reads the store once (read-only) into frozen
records; every network, clustering and export function is then a pure
function of :class:`CorpusData`, so tests build corpora by hand.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from litmap.store.contexts import page_of

__all__ = ["Paper", "WorkInfo", "CitationContext", "CorpusData", "load_corpus_data", "load_papers", "initials_name"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Paper:
    """A corpus document (status ``ok``).  ``authors`` are "Family, G." strings;
    ``work_id`` is the canonical work this paper resolves to, if any."""

    id: int
    title: Optional[str] = None
    year: Optional[int] = None
    journal: Optional[str] = None
    authors: tuple[str, ...] = ()
    doi: Optional[str] = None
    work_id: Optional[str] = None
    authors_full: tuple[str, ...] = ()  # "Family, Given" (for WoS AF)
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    abstract: Optional[str] = None
    keywords: tuple[str, ...] = ()  # the author keywords printed on the paper
    affiliations: tuple[str, ...] = ()  # as printed, one string per affiliation block
    opening: Optional[str] = None  # the first words of its text, loaded only when nothing else names it

    @property
    def label(self) -> str:
        """"Brenner 2004"; without authors the title's start, else the journal, else its opening words in quotes
        ("“The National New Area (hereafter NNA) is…” (no title)"); never a file name."""
        if self.authors:
            first = self.authors[0].split(",")[0]
        elif self.title:
            first = self.title if len(self.title) <= 30 else self.title[:29].rstrip() + "…"
        elif self.journal:
            first = self.journal
        elif self.opening:  # the scholar knows the paper by how it begins; quoted, so it is not read as a title
            return f"“{self.opening}…” ({f'{self.year}, ' if self.year else ''}no title)"
        else:  # "paper 65 (2021), title unknown", not "… title unknown 2021"
            return f"paper {self.id}{f' ({self.year})' if self.year else ''}, title unknown"
        return f"{first} {self.year}" if self.year else first


@dataclass(frozen=True)
class WorkInfo:
    """A canonical cited work; ``document_id`` is set when it is a corpus paper."""

    id: str
    label: str
    first_author: Optional[str] = None
    year: Optional[int] = None
    title: Optional[str] = None
    doi: Optional[str] = None
    document_id: Optional[int] = None
    source: Optional[str] = None  # journal or book title, for WoS CR lines
    volume: Optional[str] = None
    page: Optional[str] = None
    first_initials: Optional[str] = None  # "N" / "NJ", when the reference gave a given name
    #: Why its names are likely OCR misreadings (only scanned lists cite it); kept out of
    #: anchors, labels and top lists, marked where listed (litmap.corpus.resolve.WorkRow.ocr_suspect).
    ocr_suspect: tuple[str, ...] = ()
    #: Cited by surnames and year only, where several works of the corpus fit those alike: their ids
    #: (litmap.corpus.works.Work.fits).  Marked where listed, so a reader does not take it for a third work.
    fits: tuple[str, ...] = ()
    #: Other corpus documents that are this paper too (:attr:`litmap.corpus.resolve.WorkRow.copies`).
    copies: tuple[int, ...] = ()


@dataclass(frozen=True)
class CitationContext:
    """One in-text citation group reduced to the works it names and where."""

    paper_id: int
    work_ids: tuple[str, ...]
    sentence: str
    paragraph: int
    section: Optional[str] = None
    page: int = 0
    function: Optional[str] = None


@dataclass(frozen=True)
class CorpusData:
    """Everything the network analyses need.

    ``references`` maps each paper to its cited works: the reference list's
    works, or for papers without a resolved reference list the works of their
    in-text citations.  ``paragraphs`` maps ``(paper_id, paragraph index)`` to
    body text and is only filled when asked for (concept co-occurrence).
    """

    papers: Mapping[int, Paper]
    works: Mapping[str, WorkInfo]
    references: Mapping[int, tuple[str, ...]]
    contexts: tuple[CitationContext, ...] = ()
    paragraphs: Mapping[tuple[int, int], str] = field(default_factory=dict)


def initials_name(family: str, given: Optional[str]) -> str:
    """``("Brenner", "Neil J.")`` → ``"Brenner, N. J."``."""
    if not given:
        return family
    parts = [p for p in given.replace(".", " ").replace("-", " ").split() if p]
    return f"{family}, " + " ".join(p[0].upper() + "." for p in parts) if parts else family


def _authors(raw: Optional[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return (), ()
    short, full = [], []
    for a in items:
        fam = (a.get("family") or "").strip()
        if not fam:
            continue
        given = None if a.get("organisation") else a.get("given")
        short.append(initials_name(fam, given))
        full.append(f"{fam}, {given}" if given else fam)
    return tuple(short), tuple(full)


def _strings(raw: Optional[str]) -> tuple[str, ...]:
    """A JSON list of strings (metadata.keywords / affiliations) as a tuple; anything else as ()."""
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    if not isinstance(items, list):
        return ()
    return tuple(" ".join(x.split()) for x in items if isinstance(x, str) and x.strip())


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def _work(row: Any, valid_docs: set[int]) -> WorkInfo:
    wid, label, first, year, title, doi, doc_id, data = row
    try:
        extra = json.loads(data or "{}")
    except ValueError:
        extra = {}
    extra = extra if isinstance(extra, dict) else {}
    return WorkInfo(
        id=str(wid),
        label=label or f"{first or '?'} {year or 'n.d.'}",
        first_author=first,
        year=year,
        title=title,
        doi=doi,
        document_id=doc_id if doc_id in valid_docs else None,
        source=extra.get("container") or extra.get("source") or extra.get("journal"),
        volume=str(extra["volume"]) if extra.get("volume") else None,
        page=str(extra.get("pages") or extra.get("page") or "") or None,
        first_initials=_first_initials(extra.get("authors")),
        ocr_suspect=tuple(str(x) for x in extra.get("ocr_suspect") or ()),
        fits=tuple(str(x) for x in extra.get("fits") or ()),
        copies=tuple(int(x) for x in extra.get("copies") or () if isinstance(x, int) and x in valid_docs),
    )


def _enrich(work: WorkInfo, ref_json: Optional[str]) -> WorkInfo:
    """Fill a work's source, volume, first page and first author's initials from a parsed Reference."""
    if _complete(work):
        return work
    try:
        ref = json.loads(ref_json or "{}")
    except ValueError:
        return work
    if not isinstance(ref, dict):
        return work
    return dataclasses.replace(
        work,
        source=work.source or ref.get("container") or None,
        volume=work.volume or (str(ref["volume"]) if ref.get("volume") else None),
        page=work.page or (str(ref["pages"]) if ref.get("pages") else None),
        first_initials=work.first_initials or _first_initials(ref.get("authors")),
    )


def _complete(work: WorkInfo) -> bool:
    return bool(work.source and work.volume and work.page and work.first_initials)


def _first_initials(authors: Any) -> Optional[str]:
    if not isinstance(authors, list) or not authors or not isinstance(authors[0], dict):
        return None
    given = authors[0].get("given")
    if not given or authors[0].get("organisation"):
        return None
    return "".join(p[0].upper() for p in given.replace(".", " ").replace("-", " ").split()) or None


def load_papers(conn: sqlite3.Connection) -> dict[int, Paper]:
    """Every stored paper (``ok`` documents) with its header metadata, by id; ``Paper.label`` names it."""
    papers: dict[int, Paper] = {}
    for r in conn.execute(
        "SELECT d.id, m.title, m.year, m.journal, m.authors, m.doi, m.volume, m.issue, m.pages, "
        "m.abstract, m.keywords, m.affiliations "
        "FROM documents d LEFT JOIN metadata m ON m.document_id = d.id WHERE d.status = 'ok' ORDER BY d.id"
    ):
        short, full = _authors(r[4])
        papers[r[0]] = Paper(
            id=r[0], title=r[1], year=r[2], journal=r[3], authors=short, doi=r[5],
            authors_full=full, volume=r[6], issue=r[7], pages=r[8],
            abstract=" ".join(r[9].split()) if r[9] and r[9].strip() else None,
            keywords=_strings(r[10]), affiliations=_strings(r[11]),
        )
    nameless = [pid for pid, p in papers.items() if not (p.authors or p.title or p.journal)]
    for pid in nameless:
        row = conn.execute("SELECT text FROM paragraphs WHERE document_id = ? AND kind = 'body' ORDER BY idx LIMIT 1",
                           (pid,)).fetchone()
        if row and (opening := _opening(row[0])):
            papers[pid] = dataclasses.replace(papers[pid], opening=opening)
    return papers


#: Words of a nameless paper's first body paragraph shown as its label.
_OPENING_WORDS = 7


def _opening(text: str) -> Optional[str]:
    """The first words of ``text`` (at most :data:`_OPENING_WORDS`, and 45 characters), or None without letters."""
    words = text.split()[:_OPENING_WORDS]
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > 45:
            break
        out = f"{out} {w}" if out else w
    out = out.rstrip(",;:.")
    return out if any(c.isalpha() for c in out) else None


def load_corpus_data(conn: sqlite3.Connection, *, paragraphs: bool = False) -> CorpusData:
    """Read papers, works, reference links and citation contexts from a store.

    Read-only; rows are streamed from cursors.  ``paragraphs=True`` also
    loads body paragraph text (needed for paragraph-level key terms).
    """
    papers = load_papers(conn)
    valid = set(papers)
    works: dict[str, WorkInfo] = {}
    resolves: dict[int, str] = {}
    for r in conn.execute(
        "SELECT id, label, first_author, year, title, doi, document_id, data FROM works ORDER BY id"
    ):
        w = _work(tuple(r), valid)
        works[w.id] = w
        if w.document_id is not None:
            resolves.setdefault(w.document_id, w.id)
    for pid, wid in resolves.items():
        p = papers[pid]
        papers[pid] = dataclasses.replace(p, work_id=wid)
    # A paper held in two files (a JSTOR text and the publisher's PDF) counts once: its other files leave
    # the analyses (they are listed under extraction health), so no work is co-cited twice by one paper.
    for w in works.values():
        for copy in w.copies:
            papers.pop(copy, None)
    valid = set(papers)

    refs: dict[int, dict[str, None]] = {}
    filled: set[str] = set()
    for doc_id, wid, ref_json in conn.execute(
        "SELECT document_id, work_id, data FROM refs WHERE work_id IS NOT NULL ORDER BY document_id, idx"
    ):
        if doc_id in valid and wid in works:
            refs.setdefault(doc_id, {})[wid] = None
            if wid not in filled:  # parsed references fill, in order, what the work record lacks
                works[wid] = _enrich(works[wid], ref_json)
                if _complete(works[wid]):
                    filled.add(wid)

    has_function = "function" in _columns(conn, "citations")
    fn_col = "c.function" if has_function else "NULL"
    contexts: list[CitationContext] = []
    intext: dict[int, dict[str, None]] = {}
    current: Optional[tuple[int, int]] = None
    row_buf: list[Any] = []
    wids: list[str] = []

    def flush() -> None:
        if current is not None and wids:
            doc_id, _, sentence, para, section, page, fn = row_buf
            contexts.append(CitationContext(doc_id, tuple(dict.fromkeys(wids)), sentence or "", para or 0,
                                            section, page or 0, fn))

    for r in conn.execute(
        f"SELECT c.document_id, c.idx, c.sentence, c.paragraph_idx, c.section, {page_of('c')}, {fn_col}, cd.work_id "
        "FROM citations c JOIN cited cd ON cd.document_id = c.document_id AND cd.citation_idx = c.idx "
        "JOIN documents d ON d.id = c.document_id "
        "WHERE cd.work_id IS NOT NULL ORDER BY c.document_id, c.idx, cd.pos"
    ):
        if r[0] not in valid or r[7] not in works:
            continue
        key = (r[0], r[1])
        if key != current:
            flush()
            current, row_buf, wids = key, list(r[:7]), []
        wids.append(r[7])
        intext.setdefault(r[0], {})[r[7]] = None
    flush()

    references = {pid: tuple(refs.get(pid) or intext.get(pid) or ()) for pid in papers}
    paras: dict[tuple[int, int], str] = {}
    if paragraphs:
        for doc_id, idx, text in conn.execute(
            "SELECT document_id, idx, text FROM paragraphs WHERE kind = 'body' ORDER BY document_id, idx"
        ):
            if doc_id in valid:
                paras[(doc_id, idx)] = text
    log.info("corpus data: %d papers, %d works, %d contexts", len(papers), len(works), len(contexts))
    return CorpusData(papers=papers, works=works, references=references, contexts=tuple(contexts),
                      paragraphs=paras)
