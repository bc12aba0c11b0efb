"""Gather everything a report shows from a store, into typed records and JSON-ready sections.

This is the one module that calls the analysis stages (corpus data,
networks, topics, concepts, citation function).  Each section is optional:
when a stage has not run, its section carries a ``missing`` note saying
which command fills it, so the report never invents data.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Container, Optional, Sequence

from litmap.analyse.journals import canonical_journals
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.report_read import (
    abstracts, citation_counts, corpus_totals, failed_documents, guessed_metadata, ocr_document_ids, paper_facts,
    reference_entries, unreferenced_documents,
)

from litmap.report.records import (
    NAME_ONLY_MARK, OCR_SUSPECT_MARK, Burst, CentralPaper, ContextRow, FailedFile, FlaggedPaper, MostCited, ReportChanges, ReportContext, ReportOverview,
    ReportPaper, ReportRef, ReportWork, UnreferencedPaper,
)
from litmap.report.settings import ReportSettings
from litmap.store.corpusdata import WorkInfo

__all__ = ["ReportData", "gather_report_data"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportData:
    """Every report section: typed records (:mod:`litmap.report.records`) for the
    overview, papers, works and changes; JSON-ready dicts for the others.

    ``graphs`` holds the full networkx graphs for the exports; everything
    else is embedded in the page and rendered in Markdown.
    """

    title: str
    overview: ReportOverview
    papers: tuple[ReportPaper, ...]
    works: dict[str, ReportWork]
    topics: dict[str, Any]
    networks: dict[str, dict[str, Any]]
    concepts: dict[str, Any]
    changes: ReportChanges
    snapshot: dict[str, Any]
    graphs: dict[str, Any] = field(default_factory=dict)
    contexts: tuple[ContextRow, ...] = ()  # every citing sentence, for data/contexts.csv
    debates: dict[str, Any] = field(default_factory=dict)  # debate maps (litmap.analyse.debates.maps.to_json) + labels

    @property
    def sections(self) -> tuple[str, ...]:
        have = ["overview", "papers", "works"]
        have += [name for name, sec in (("topics", self.topics), ("concepts", self.concepts)) if not sec.get("missing")]
        if any(not n.get("missing") for n in self.networks.values()):
            have.append("networks")
        if self.debates.get("maps"):
            have.append("debates")
        return tuple(have)


def gather_report_data(
    conn: sqlite3.Connection, settings: ReportSettings, previous: Optional[dict[str, Any]] = None,
    progress: Optional[Progress] = None, *, store: Any = None,
) -> ReportData:
    """Read the store and run the cheap analyses a report needs.

    Concept matches and citation functions are remembered in the store
    (:mod:`litmap.store.memo`) when ``store`` is a writable
    :class:`~litmap.store.Store`; otherwise the store is only read."""
    from litmap.store.corpusdata import load_corpus_data

    from litmap.report.changes import changes_snapshot, compare, previous_clusters, snapshot_extras
    from litmap.report.netview import network_views

    report = resolve(progress)
    steps = 7
    report(ProgressEvent("report", 0, steps, message="reading the store"))
    data = _corrected(load_corpus_data(conn), settings)
    overview = _overview(conn, data, settings)
    papers = _papers(conn, data)
    lexicon, lexicon_error = _lexicon(settings)
    memos = _memos(conn, lexicon)
    report(ProgressEvent("report", 1, steps, message="works and citing sentences"))
    works, contexts = _works(data, settings, memos.functions if memos else None)
    ranked = sorted(works.values(), key=lambda w: (-len(w.cited_by), w.label, w.id))
    # Works whose names are likely OCR misreadings (only scans cite them) are marked where listed, never ranked.
    suspects = suspect_ids(data)
    ranked = [w for w in ranked if w.id not in suspects]
    most_cited = tuple(MostCited(w.id, len(w.cited_by)) for w in ranked[: settings.top_table] if w.cited_by)
    papers = _link_papers(papers, works)
    report(ProgressEvent("report", 2, steps, message="topics"))
    topics, papers = _topics(conn, papers, settings)
    report(ProgressEvent("report", 3, steps, message="concepts"))
    prose = _prose(conn, lexicon, data, memos)
    concepts, concept_units, lexicon_labels = _concepts(data, lexicon, lexicon_error, prose)
    report(ProgressEvent("report", 4, steps, message="debate maps"))
    debates = _debates(conn, settings, lexicon, lexicon_error, data, prose, memos)
    _debate_syntheses(debates, {p.id: p.label for p in papers}, (previous or {}).get("debates"))
    if memos is not None and store is not None:
        memos.save(store)
    report(ProgressEvent("report", 5, steps, message="networks"))
    networks, graphs, central = network_views(data, settings, concept_units, lexicon_labels, works,
                                              {p.id: p.label for p in papers}, previous_clusters(previous))
    overview = replace(overview, most_cited=most_cited, most_central=tuple(CentralPaper(**c) for c in central),
                       **_bursts(data, settings))
    from litmap.analyse.debates.synthesis import snapshot as debate_snapshot

    snapshot = {**_snapshot(papers, topics, overview, concepts), "debates": debate_snapshot(debates.get("maps", [])),
                **snapshot_extras(papers, topics, graphs, networks, previous)}
    changes = compare(conn, previous, snapshot, settings.current_run)
    snapshot.update(changes_snapshot(changes))
    report(ProgressEvent("report", 6, steps, message="done gathering"))
    return ReportData(
        title=settings.title, overview=overview, papers=tuple(papers), works=works, topics=topics,
        networks=networks, concepts=concepts, changes=changes, snapshot=snapshot, graphs=graphs,
        contexts=contexts, debates=debates,
    )


def _corrected(data: Any, settings: ReportSettings) -> Any:
    """The corpus data with the scholar's thesaurus applied (read afresh on every build, so it survives refresh)."""
    if not settings.thesaurus:
        return data
    from pathlib import Path

    from litmap.analyse.thesaurus import apply_thesaurus, read_thesaurus

    return apply_thesaurus(data, read_thesaurus(Path(settings.thesaurus)))


# -- overview ------------------------------------------------------------------

def _overview(conn: sqlite3.Connection, data: Any, settings: ReportSettings) -> ReportOverview:
    """The overview without its rankings (most cited, most central, bursts: added once known)."""
    totals = corpus_totals(conn)
    years = Counter(p.year for p in data.papers.values() if p.year)
    spelling = canonical_journals(p.journal for p in data.papers.values() if p.journal)
    journals = Counter(spelling[p.journal.strip()] for p in data.papers.values() if p.journal and p.journal.strip())
    return ReportOverview(
        papers=len(data.papers),
        failed=totals.failed,
        removed=totals.removed,
        pages=totals.pages,
        works=len(data.works),
        references=totals.references,
        citations=totals.citations,
        year_min=min(years) if years else None,
        year_max=max(years) if years else None,
        years=tuple(sorted(years.items())),
        no_year=sum(1 for p in data.papers.values() if not p.year),
        journals=tuple(sorted(journals.items(), key=lambda kv: (-kv[1], kv[0]))[: settings.top_table]),
        n_journals=len(journals),
        # Health lists name papers, as the rest of the report does: a second file of a paper counted once is
        # no paper of its own (it is listed under same_paper) and has no label to show.
        no_references=tuple(UnreferencedPaper(d.id, _basename(d.path)) for d in unreferenced_documents(conn)
                            if d.id in data.papers),
        ocr=tuple(i for i in ocr_document_ids(conn) if i in data.papers),
        failures=tuple(FailedFile(_basename(f.path), f.error or "unknown") for f in failed_documents(conn)),
        ocr_suspect=tuple(sorted((w.label, "; ".join(w.ocr_suspect)) for w in data.works.values() if w.ocr_suspect)),
        name_only=tuple(sorted((w.label, "; ".join(_work_name(data.works.get(f), f) for f in w.fits))
                               for w in data.works.values() if w.fits)),
        same_paper=_same_paper(conn, data),
        **_health(conn, data.papers),
    )


def _same_paper(conn: sqlite3.Connection, data: Any) -> tuple[tuple[int, str], ...]:
    """(paper id, its files) of each paper the folder holds in more than one file (one work, several documents):
    the file the analyses count it from (most reference entries), then the others."""
    copied = [w for w in data.works.values() if w.copies and w.document_id is not None]
    if not copied:
        return ()
    facts = paper_facts(conn)
    out = []
    def name(d: int) -> str:
        return _basename(facts[d].path) if d in facts else str(d)

    for w in copied:
        out.append((int(w.document_id), f"counted from {name(w.document_id)}; also in "
                    + ", ".join(name(d) for d in sorted(w.copies))))
    return tuple(sorted(out))


def _work_name(w: Optional[WorkInfo], wid: str) -> str:
    """"Smith 1979, Toward a theory of gentrification" (the id when the work is unknown)."""
    if w is None:
        return wid
    return f"{w.label}, {w.title}" if w.title else w.label


def _marked_label(w: WorkInfo) -> str:
    """A work's label, marked where its names are likely OCR misreadings or fit several works."""
    if w.ocr_suspect:
        return f"{w.label} {OCR_SUSPECT_MARK}"
    if w.fits:
        return f"{w.label} {NAME_ONLY_MARK}"
    return w.label


_OCR_PAGES = re.compile(r"^OCR used on pages? ([\d–, ]+)")


def _health(conn: sqlite3.Connection, counted: Container[int]) -> dict[str, Any]:
    """Garbled text layers and OCR'd pages (from the extraction warnings), and guessed header fields, of the
    papers the report counts (``counted``: not the second file of a paper)."""
    from litmap.read.garbled import GARBLED_MARK

    garbled, ocr_pages = [], 0
    for f in sorted(paper_facts(conn).values(), key=lambda f: f.id):
        if f.id not in counted:
            continue
        marked = [w for w in f.warnings if GARBLED_MARK in w]
        if marked:
            garbled.append(FlaggedPaper(f.id, _basename(f.path), marked[0]))
        for w in f.warnings:
            m = _OCR_PAGES.match(w)
            if m:
                for part in m.group(1).split(","):
                    a, _, b = part.strip().partition("–")
                    if a.isdigit():
                        ocr_pages += int(b) - int(a) + 1 if b.isdigit() else 1
    guessed = tuple(FlaggedPaper(i, _basename(p), ", ".join(fields)) for i, p, fields in guessed_metadata(conn)
                    if i in counted)
    return {"garbled": tuple(garbled), "ocr_pages": ocr_pages, "guessed": guessed}


def _basename(path: Optional[str]) -> str:
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


# -- papers and works ------------------------------------------------------------

def _papers(conn: sqlite3.Connection, data: Any) -> list[ReportPaper]:
    """The papers by id, before links, topics and concepts are known."""
    facts = paper_facts(conn)
    refs: dict[int, list[ReportRef]] = defaultdict(list)
    for entry in reference_entries(conn):
        if entry.document_id in data.papers:
            refs[entry.document_id].append(ReportRef(entry.raw, entry.work_id if entry.work_id in data.works else None))
    n_cit = citation_counts(conn)
    abstract = abstracts(conn)
    out = []
    for p in sorted(data.papers.values(), key=lambda p: p.id):
        f = facts.get(p.id)
        file = _basename(f.path) if f else ""
        out.append(ReportPaper(
            id=p.id, label=_paper_label(p, file), title=p.title or "", authors=tuple(p.authors), year=p.year,
            journal=p.journal, doi=p.doi, volume=p.volume, issue=p.issue, pages=p.pages,
            file=file, n_pages=f.pages if f else 0, ocr=f.ocr if f else False, warnings=f.warnings if f else (),
            abstract=abstract.get(p.id) or "", work=p.work_id, refs=tuple(refs.get(p.id, ())),
            n_citations=n_cit.get(p.id, 0),
        ))
    return out


def _paper_label(p: Any, file: str) -> str:
    """"Brenner 2004"; without authors the title's start or the journal, never a file name or hash
    (the file is shown beside it; `litmap status` lists papers whose title is unknown)."""
    return str(p.label)


def suspect_ids(data: Any) -> frozenset[str]:
    """Works whose names are likely OCR misreadings that only scanned lists cite."""
    return frozenset(w.id for w in data.works.values() if getattr(w, "ocr_suspect", ()))


def _works(data: Any, settings: ReportSettings,
           memo: Any = None) -> tuple[dict[str, ReportWork], tuple[ContextRow, ...]]:
    from litmap.analyse.debates.data import classify as classify_memo
    from litmap.analyse.debates.data import surname_span

    # A paper cites a work if its reference list or any of its in-text citations resolves to it
    # (the two can disagree when a reference entry was parsed badly); a paper never cites itself.
    sets: dict[str, set[int]] = defaultdict(set)
    for pid, wids in data.references.items():
        for w in wids:
            sets[w].add(pid)
    for c in data.contexts:
        for w in c.work_ids:
            sets[w].add(c.paper_id)
    cited_by = {
        w: tuple(sorted(p for p in ps if p != getattr(data.works.get(w), "document_id", None)))
        for w, ps in sets.items()
    }
    # A work nobody cites and that is not a paper here has nothing to show.
    kept = {w.id: w for w in data.works.values() if cited_by.get(w.id) or w.document_id is not None}
    ranked = sorted(kept, key=lambda w: (-len(cited_by.get(w, ())), w))
    classify = set(ranked[: settings.classify_top_works])
    shown: dict[str, list[ReportContext]] = {w: [] for w in kept}
    functions: dict[str, dict[str, int]] = {w: {} for w in kept}
    n_contexts: Counter[str] = Counter()
    all_contexts: list[ContextRow] = []
    for c in data.contexts:
        for wid in c.work_ids:
            work = kept.get(wid)
            if work is None or c.paper_id == work.document_id:
                continue
            n_contexts[wid] += 1
            all_contexts.append(ContextRow(wid, c.paper_id, c.page, c.section or "", c.sentence))
            if len(shown[wid]) < settings.contexts_per_work:
                fn = c.function
                if fn is None and wid in classify:
                    surname = data.works[wid].first_author
                    fn = classify_memo(c.sentence, functools.partial(surname_span, c.sentence, surname), memo,
                                       "surname", surname or "")
                if fn:
                    functions[wid][fn] = functions[wid].get(fn, 0) + 1
                shown[wid].append(ReportContext(c.paper_id, c.page, c.section or "", c.sentence, fn or None))
    works = {
        wid: ReportWork(
            id=w.id, label=_marked_label(w), title=w.title or "",
            year=w.year, doi=w.doi, author=w.first_author,
            paper=w.document_id, cited_by=cited_by.get(wid, ()), contexts=tuple(shown[wid]),
            n_contexts=n_contexts[wid], functions=functions[wid], initials=w.first_initials,
        )
        for wid, w in kept.items()
    }
    return works, tuple(all_contexts)


def _link_papers(papers: list[ReportPaper], works: dict[str, ReportWork]) -> list[ReportPaper]:
    """Where each corpus paper is cited by other corpus papers."""
    out = []
    for p in papers:
        w = works.get(p.work or "")
        out.append(replace(p, cited_in_corpus=tuple(pid for pid in w.cited_by if pid != p.id)) if w else p)
    return out


def _bursts(data: Any, settings: ReportSettings) -> dict[str, Any]:
    """The strongest citation bursts (CiteSpace's panel), the citing years' span, and why none when none."""
    from litmap.analyse.networks.bursts import citing_years, why_no_bursts, work_bursts

    found = work_bursts(data)
    suspects = suspect_ids(data)  # a likely OCR misreading heads no top list
    rows = [Burst(w, b.start, b.end, round(b.strength, 2)) for w, bs in found.items() if w not in suspects for b in bs]
    rows.sort(key=lambda r: (-r.strength, r.work))
    years = citing_years(data)
    return {"bursts": tuple(rows[: settings.top_table]), "bursts_note": "" if rows else why_no_bursts(data),
            "burst_span": (min(years), max(years)) if years else ()}


# -- topics ----------------------------------------------------------------------

def _topics(conn: sqlite3.Connection, papers: list[ReportPaper],
            settings: ReportSettings) -> tuple[dict[str, Any], list[ReportPaper]]:
    """The topics section, and the papers with their topic mixtures."""
    try:
        from litmap.analyse.topics.result import load_topic_result

        result = load_topic_result(conn)
    except Exception as exc:  # an artifact from another version must not break the whole report
        log.warning("could not read the stored topics (%s); the report omits them", exc)
        return {"missing": f"the stored topic model could not be read ({exc}); run `litmap topics` again"}, papers
    if result is None or not result.topics:
        return {"missing": "topics have not been fitted on this store: run `litmap topics` (or `litmap run`)"}, papers
    by_id = {p.id for p in papers}
    labels = {t.id: t.label for t in result.topics}
    mixtures = {
        doc_id: tuple((t, round(s, 3)) for t, s in sorted(mix.items(), key=lambda kv: (-kv[1], kv[0])) if t in labels)
        for doc_id, mix in result.mixtures.items() if doc_id in by_id
    }
    papers = [replace(p, topics=mixtures[p.id]) if p.id in mixtures else p for p in papers]
    topics = [
        {
            "id": t.id, "label": t.label, "size": t.size, "emerging": t.emerging,
            "keywords": [k for k, _ in t.keywords[:10]],
            "papers": [[d, round(s, 3)] for d, s in t.papers[:50] if d in by_id],
            "n_papers": len(t.papers),
            "passages": [{"paper": r.doc_id, "page": r.page, "text": r.text} for r in t.representatives],
        }
        for t in sorted(result.topics, key=lambda t: (-t.size, t.id))
    ]
    return {
        "topics": topics,
        "over_time": [list(x) for x in result.over_time if x[0] in labels],
        "papers_per_year": {str(y): n for y, n in sorted(Counter(p.year for p in papers if p.year).items())},
        "outliers": sum(1 for a in result.assignments if a.topic == -1),
        "passages": len(result.assignments),
        "model": result.model,
        "quality": {k: round(float(v), 3) for k, v in result.quality.items()},
        "fallback": result.fallback,
    }, papers


# -- concepts ---------------------------------------------------------------------

def _lexicon(settings: ReportSettings) -> tuple[Any, Optional[str]]:
    """The concept lexicon, or None and why it could not be loaded."""
    from litmap.analyse.concepts import load_lexicon
    from litmap.errors import InputError

    try:
        return load_lexicon(settings.concepts, settings.extra_concepts), None
    except InputError as exc:
        return None, str(exc)


def _memos(conn: sqlite3.Connection, lexicon: Any) -> Any:
    """The store's remembered concept matches and citation functions (None without a lexicon)."""
    if lexicon is None:
        return None
    from litmap.analyse.debates.data import text_memos

    return text_memos(conn, lexicon)


def _prose(conn: sqlite3.Connection, lexicon: Any, data: Any, memos: Any) -> list[Any]:
    """Concept matches of every prose paragraph, shared by the concepts section and the debate maps."""
    if lexicon is None:
        return []
    from litmap.analyse.debates.data import prose_paragraphs

    return prose_paragraphs(conn, lexicon, data.papers, memos.concepts if memos else None)


def _concepts(
    data: Any, lexicon: Any, lexicon_error: Optional[str], prose: list[Any]
) -> tuple[dict[str, Any], dict[tuple[int, int], list[str]], dict[str, str]]:
    """Concept mentions per paper and per year from the lexicon matcher (helper stage F).

    Only mentions whose sense fits count (:func:`litmap.analyse.concept_sense.fitting_mentions`:
    an ambiguous term beside strong evidence of its field), so the concept network, thematic
    map, three-field plot and timelines agree with the debate maps.
    Returns the section, the concepts found in each body paragraph (for the
    concept network) and concept labels.
    """
    from litmap.analyse.concept_sense import fitting_mentions

    if lexicon is None:
        return {"missing": f"the concept lexicon could not be loaded: {lexicon_error}"}, {}, {}
    labels = {c.id: c.label for c in lexicon.concepts}
    by_doc: dict[int, Counter[str]] = defaultdict(Counter)
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    units: dict[tuple[int, int], list[str]] = {}
    raw = {(p.doc_id, p.idx): list(p.concepts) for p in prose
           if p.doc_id in data.papers and p.kind == "body" and p.concepts}
    fitting = fitting_mentions(raw, lexicon)
    left_out = sum(len(v) for v in raw.values()) - sum(len(v) for v in fitting.values())
    for (doc_id, idx), found in fitting.items():
        paper = data.papers[doc_id]
        units[(doc_id, idx)] = list(dict.fromkeys(found))
        by_doc[doc_id].update(found)
        if paper.year:
            by_year[paper.year].update(found)
    total: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for c in by_doc.values():
        total.update(c)
        docs.update(c.keys())
    if not total:
        return {"missing": "no concept of the lexicon occurs in the corpus's body text"}, units, labels
    debates = {d.id: d.label for d in lexicon.debates.values()}
    concepts = [
        {
            "id": cid, "label": labels[cid], "mentions": total[cid], "papers": docs[cid],
            "gloss": lexicon.get(cid).gloss, "debates": [debates.get(d, d) for d in lexicon.get(cid).debates],
        }
        for cid in sorted(total, key=lambda c: (-total[c], c))
    ]
    # charts over time are read per paper: [year, concept, mentions, papers mentioning it], and papers per year
    papers_by_year: dict[int, Counter[str]] = defaultdict(Counter)
    for d, c in by_doc.items():
        y = data.papers[d].year
        if y:
            papers_by_year[y].update(c.keys())
    per_year = Counter(p.year for p in data.papers.values() if p.year)
    return {
        "concepts": concepts,
        "by_year": [[y, cid, n, papers_by_year[y][cid]] for y, c in sorted(by_year.items())
                    for cid, n in sorted(c.items())],
        "papers_per_year": {str(y): n for y, n in sorted(per_year.items())},
        "by_paper": {str(d): sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for d, c in sorted(by_doc.items())},
        "left_out": left_out,  # mentions of ambiguous terms not in the lexicon's sense
    }, units, labels


# -- debate maps -------------------------------------------------------------------

def _debates(conn: sqlite3.Connection, settings: ReportSettings, lexicon: Any, lexicon_error: Optional[str],
             data: Any, prose: list[Any], memos: Any) -> dict[str, Any]:
    """Debate maps (:mod:`litmap.analyse.debates.maps`) of every lexicon debate some paper engages.

    Debates no paper engages are dropped (the lexicon lists many the corpus may
    not touch); ``labels`` names every debate, since bridges point at others.
    """
    from litmap.analyse.debates.maps import DebateSettings, to_json
    from litmap.analyse.debates.data import debate_maps, load_debate_inputs
    from litmap.errors import InputError

    if lexicon is None:
        return {"missing": f"the debate maps could not be built: {lexicon_error}", "maps": [], "labels": {}}
    try:
        inputs = load_debate_inputs(conn, lexicon, data=data, paragraphs=prose, memos=memos)
        maps = to_json(debate_maps(conn, lexicon, DebateSettings(
            min_mentions=settings.debate_min_mentions, quotes=settings.debate_quotes, seed=settings.seed),
            inputs=inputs))
    except InputError as exc:
        return {"missing": f"the debate maps could not be built: {exc}", "maps": [], "labels": {}}
    labels = {d.id: d.label for d in lexicon.debates.values()}
    kept = [m for m in maps if m["papers"]]
    if not kept:
        return {"missing": "no paper mentions the concepts of any debate of the lexicon "
                           f"at least {settings.debate_min_mentions} times", "maps": [], "labels": labels}
    used = {c for m in kept for c, _ in m["mentions"]}
    return {"maps": kept, "labels": labels, "skipped": [labels.get(m["id"], m["id"]) for m in maps if not m["papers"]],
            "concept_labels": {c.id: c.label for c in lexicon.concepts if c.id in used}}


def _debate_syntheses(debates: dict[str, Any], paper_labels: dict[int, str],
                      previous: Optional[dict[str, Any]]) -> None:
    """Add each kept map's written synthesis (:mod:`litmap.analyse.debates.synthesis`) as ``synthesis``;
    ``previous`` is the last run's debate snapshot (None when it had none)."""
    from litmap.analyse.debates.synthesis import synthesise
    from litmap.analyse.debates.synthesis import to_json as synthesis_json

    for m in debates.get("maps", []):
        before = None if previous is None else previous.get(m["id"], {"papers": [], "anchors": []})
        m["synthesis"] = synthesis_json(synthesise(m, paper_labels, debates.get("concept_labels"), before))


# -- snapshot for "what changed" ----------------------------------------------------

def _snapshot(papers: Sequence[ReportPaper], topics: dict[str, Any], overview: ReportOverview,
              concepts: dict[str, Any]) -> dict[str, Any]:
    return {
        "papers": {str(p.id): p.label + (f": {p.title}" if p.title else "") for p in papers},
        "topics": {str(t["id"]): {"label": t["label"], "size": t["size"], "emerging": bool(t.get("emerging"))}
                   for t in topics.get("topics", [])},
        "bursting": sorted({b.work for b in overview.bursts}),
        "concepts": sorted(c["id"] for c in concepts.get("concepts", [])),
    }
