"""Corpus-level resolution: every mention of a work → one canonical work.

Works depend on all papers, so they are resolved over the whole corpus at
once.  This module is pure: :func:`resolve_stored_works` takes what the store
holds about the corpus (:class:`WorkSources`: reference entries,
citation-only mentions of papers without a reference list, and the corpus
papers' own metadata), resolves them with
:func:`litmap.corpus.works.build_works`, and returns the works and the work
of every reference entry and mention (:class:`ResolvedWorks`).  Reading and
writing those records is :mod:`litmap.store.works`; the step that runs it
after ingest is :func:`litmap.batch.works.resolve_corpus_works`.  Work ids
are derived from each work's canonical key, so they are stable across runs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Mapping, Optional, TypeVar

from litmap.corpus.authors import (NamePrinting, SurnameCorrection, SuspectName, author_forms, misread_surnames,
                                   ocr_suspects)
from litmap.corpus.ocr_titles import (CiterFill, HeaderCorrection, TitledMention, citer_fill, header_citers,
                                     header_correction, title_matches)
from litmap.corpus.works import Work, WorkInput, build_works
from litmap.models import Author, CitedWork, Metadata, Reference
from litmap.parse.names import initials_of, normalise_doi, normalise_surname

__all__ = ["StoredReference", "StoredMention", "StoredPaper", "WorkSources", "WorkRow", "ResolvedWorks",
           "resolve_stored_works"]

K = TypeVar("K")


@dataclass(frozen=True)
class StoredReference:
    """Entry ``idx`` of corpus paper ``doc_id``'s reference list."""

    doc_id: int
    idx: int
    reference: Reference


@dataclass(frozen=True)
class StoredMention:
    """Work ``pos`` of in-text citation ``citation_idx`` that is linked to no reference entry."""

    doc_id: int
    citation_idx: int
    pos: int
    work: CitedWork
    sentence: str = ""  # the citing sentence: it tells apart works whose names and year fit alike


@dataclass(frozen=True)
class StoredPaper:
    """A corpus paper's own metadata (title, authors, year, DOI)."""

    doc_id: int
    metadata: Metadata


@dataclass(frozen=True)
class WorkSources:
    """Everything works resolution reads, over the papers with status ``ok``, in store order;
    ``ocr_documents`` are the papers with pages read by OCR, ``ocr_pages`` the pages of
    each that were (absent or empty: every page), ``cited_as`` the surnames
    printed by the in-text citations linked to each entry ``(doc_id, idx)`` (all three only
    serve to correct or mark names misread in scanned reference lists)."""

    references: tuple[StoredReference, ...]
    mentions: tuple[StoredMention, ...]
    papers: tuple[StoredPaper, ...]
    ocr_documents: frozenset[int] = frozenset()
    cited_as: Mapping[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    ocr_pages: Mapping[int, frozenset[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkRow:
    """One canonical work as stored; ``surnames`` are those of its first mention naming anyone,
    ``document_id`` the corpus paper it is, if any."""

    id: str
    doi: Optional[str]
    first_author: Optional[str]
    year: Optional[int]
    title: Optional[str]
    label: str
    key: str
    mentions: int
    surnames: tuple[str, ...]
    document_id: Optional[int]
    corrected: tuple[str, ...] = ()  # "Cocurane → Cochrane (the paper's in-text citation)"
    #: Its names are likely OCR misreadings nothing could correct, and only scanned lists cite it:
    #: "Gunb: unlike a surname, read by OCR and printed by no other paper".
    ocr_suspect: tuple[str, ...] = ()
    #: Named by surnames and year only, fitting these works alike (:attr:`litmap.corpus.works.Work.fits`).
    fits: tuple[str, ...] = ()
    #: Other corpus documents that are this paper too (the same article in two files: a JSTOR text
    #: and the publisher's PDF); ``document_id`` is the first.
    copies: tuple[int, ...] = ()


@dataclass(frozen=True)
class ResolvedWorks:
    """The works, and the work of each reference entry ``(doc_id, idx)`` and of each
    citation-only mention ``(doc_id, citation_idx, pos)`` (absent: no work)."""

    works: tuple[WorkRow, ...]
    reference_works: Mapping[tuple[int, int], str]
    mention_works: Mapping[tuple[int, int, int], str]
    mentions: int  # mentions resolved, corpus papers included
    corpus_papers_cited: int  # corpus papers that are also mentioned by some paper
    corrections: tuple[SurnameCorrection, ...] = ()  # names misread by OCR, corrected
    suspects: tuple[SuspectName, ...] = ()  # names likely misread by OCR that nothing corrected
    #: OCR'd headers corrected from the papers citing them, and each such paper's metadata as corrected
    header_corrections: tuple[HeaderCorrection, ...] = ()
    corrected_metadata: Mapping[int, Metadata] = field(default_factory=dict)
    #: Headers' missing years and venues filled from the entries citing them (their metadata as filled
    #: is in ``corrected_metadata``)
    citer_fills: tuple[CiterFill, ...] = ()


def _drop_stamp_dois(refs: list[WorkInput], own: Optional[str]) -> list[WorkInput]:
    """Forget DOIs that cannot be the entry's own.

    A reference carrying the citing paper's own DOI, or a DOI shared by
    several entries of one list, picked it up from a download stamp or running
    footer ("Downloaded from https://…/doi/10.1111/tesg.12575 …"); trusting it
    would merge unrelated works into one.
    """
    counts = Counter(r.doi for r in refs if r.doi)
    return [replace(r, doi=None) if r.doi and (r.doi == own or counts[r.doi] > 1) else r for r in refs]


def _inputs(sources: WorkSources) -> tuple[list[WorkInput], dict[tuple[int, int], str],
                                            dict[tuple[int, int, int], str]]:
    """The mentions to resolve, in order, and the item id of each entry and citation-only mention."""
    items: list[WorkInput] = []
    ref_ids: dict[tuple[int, int], str] = {}
    mention_ids: dict[tuple[int, int, int], str] = {}
    own_doi = {p.doc_id: normalise_doi(p.metadata.doi) for p in sources.papers}
    by_doc: dict[int, list[WorkInput]] = {}
    for r in sources.references:
        item_id = ref_ids[(r.doc_id, r.idx)] = f"r:{r.doc_id}:{r.idx}"
        by_doc.setdefault(r.doc_id, []).append(WorkInput.from_reference(item_id, str(r.doc_id), r.reference))
    for doc_id, refs in by_doc.items():
        items.extend(_drop_stamp_dois(refs, own_doi.get(doc_id)))
    for m in sources.mentions:
        if not m.work.surnames or (m.doc_id in by_doc and table_cell(m)):
            continue
        item_id = mention_ids[(m.doc_id, m.citation_idx, m.pos)] = f"c:{m.doc_id}:{m.citation_idx}:{m.pos}"
        items.append(WorkInput.from_cited_work(item_id, str(m.doc_id), m.work, m.sentence))
    for p in sources.papers:
        if not (p.metadata.title or p.metadata.doi):
            continue
        items.append(WorkInput.from_metadata(f"p:{p.doc_id}", str(p.doc_id), p.metadata))
    return items, ref_ids, mention_ids


#: "BillSum (2019)", "Saier and Färber(2019) †": a name and a year in brackets, nothing else.
_BARE_NARRATIVE = re.compile(r"(?P<names>[^()]+?)\s*\(\s*\d{4}[a-z]?\s*\)[\s†‡*§.,;:]*")


def table_cell(m: StoredMention) -> bool:
    """Whether an unlinked mention stands alone as a table's or list's cell, "BillSum (2019)": in a paper with a
    reference list, such a name and year linked to no entry is a system or dataset named with its year, not a
    citation, and makes no work.  A parenthetical citation alone after a full stop ("(Truman, 1949).") is a
    citation and stays."""
    bare = _BARE_NARRATIVE.fullmatch(" ".join(m.sentence.split()))
    if not bare:
        return False
    rest = bare.group("names")
    for name in m.work.surnames:
        rest = rest.replace(name, " ")
    return not re.sub(r"\b(?:and|et al)\b|[^\w]", "", rest)


def _on_ocr_page(sources: WorkSources, r: StoredReference) -> bool:
    if r.doc_id not in sources.ocr_documents:
        return False
    pages = sources.ocr_pages.get(r.doc_id)
    return not pages or not r.reference.page or r.reference.page in pages


def _printings(sources: WorkSources) -> list[NamePrinting]:
    return [NamePrinting(r.doc_id, r.idx, pos, a.family, _on_ocr_page(sources, r), a.organisation)
            for r in sources.references for pos, a in enumerate(r.reference.people) if a.family]


def _other_names(sources: WorkSources) -> list[tuple[int, str]]:
    others = [(p.doc_id, a.family) for p in sources.papers for a in p.metadata.authors if a.family]
    return others + [(m.doc_id, s) for m in sources.mentions for s in m.work.surnames]


def _unlinked_as(sources: WorkSources) -> dict[tuple[int, int], tuple[str, ...]]:
    """The names of the in-text citation a scanned entry's own paper prints for it but that was linked
    to no entry, because the list misread the name ("Judd and Ready (1986)" in the text, "Jupp. D. R.
    and Reapy. R. L. (1986)" in the list): for each OCR'd entry no citation is linked to, the one
    citation-only mention of the same paper with the entry's year, initial letter and number of names."""
    by_year: dict[tuple[int, int], set[tuple[str, ...]]] = {}
    for m in sources.mentions:
        if m.doc_id in sources.ocr_documents and m.work.year and m.work.surnames:
            by_year.setdefault((m.doc_id, m.work.year), set()).add(m.work.surnames)
    out: dict[tuple[int, int], tuple[str, ...]] = {}
    for r in sources.references:
        people = [a.family for a in r.reference.people if a.family]
        key = (r.doc_id, r.idx)
        if key in sources.cited_as or not people or not r.reference.year or not _on_ocr_page(sources, r):
            continue
        first = normalise_surname(people[0])[:1]
        n = len(people) if len(people) <= 2 else 1  # "X et al." names one
        near = [c for c in by_year.get((r.doc_id, r.reference.year), ())
                if len(c) == n and normalise_surname(c[0])[:1] == first]
        if len(near) == 1:
            out[key] = near[0]
    return out


def _corrections(sources: WorkSources) -> tuple[list[SurnameCorrection], list[SuspectName]]:
    printings, others = _printings(sources), _other_names(sources)
    cited_as = {**_unlinked_as(sources), **sources.cited_as}
    fixed = misread_surnames(printings, ocr_documents=sources.ocr_documents, cited_as=cited_as,
                             other_names=others)
    suspects = ocr_suspects(printings, ocr_documents=sources.ocr_documents, cited_as=cited_as,
                            other_names=others, corrections=fixed)
    return fixed, suspects


def _suspect_works(works: Mapping[str, Work], items: Mapping[str, WorkInput],
                   suspects: list[SuspectName]) -> dict[str, tuple[str, ...]]:
    """Work id → why its label's names are doubted, for works that only scanned lists cite under
    names likely misread: every mention is such an entry, with a suspect name among those its label shows."""
    doubted: dict[str, list[SuspectName]] = {}
    for sn in suspects:
        doubted.setdefault(f"r:{sn.doc_id}:{sn.idx}", []).append(sn)
    out: dict[str, tuple[str, ...]] = {}
    for wid, work in works.items():
        ids = work.items
        reasons: list[str] = []
        for i in ids:
            shown = 2 if len(items[i].surnames) == 2 else 1
            hit = [sn for sn in doubted.get(i, ()) if sn.pos < shown]
            if not hit:
                break
            reasons += [sn.describe() for sn in hit if sn.describe() not in reasons]
        else:
            if ids:
                out[wid] = tuple(reasons)
    return out


def _one_form(items: list[WorkInput], corrections: list[SurnameCorrection],
              cited_as: Mapping[tuple[int, int], tuple[str, ...]] = {}) -> list[WorkInput]:
    """Each mention with misread names corrected and every name in its shown form; the names a scanned
    paper's in-text citations print count among the printings (its list's ``ELKIN.`` is shown as the
    text's ``Elkin``)."""
    fixed = {(f"r:{c.doc_id}:{c.idx}", c.pos): c.corrected for c in corrections}
    if fixed:
        items = [replace(it, surnames=tuple(fixed.get((it.item_id, i), s) for i, s in enumerate(it.surnames)))
                 if it.source == "reference" else it for it in items]
    forms = author_forms([s for it in items for s in it.surnames] + [n for ns in cited_as.values() for n in ns])
    return [replace(it, surnames=tuple(forms.get(s.strip(), s) for s in it.surnames)) if it.surnames else it
            for it in items]


def _header_by_ocr(sources: WorkSources, doc_id: int) -> bool:
    """Whether paper ``doc_id``'s header (its first page) was read by OCR."""
    if doc_id not in sources.ocr_documents:
        return False
    pages = sources.ocr_pages.get(doc_id)
    return not pages or 1 in pages


def _titled(sources: WorkSources, items: list[WorkInput]) -> list[TitledMention]:
    """The titled mentions (headers and entries) with their printed names and whether OCR read them."""
    by_ref = {f"r:{r.doc_id}:{r.idx}": r for r in sources.references}
    by_paper = {f"p:{p.doc_id}": p for p in sources.papers}
    out: list[TitledMention] = []
    for it in items:
        if not it.title or it.source == "citation":
            continue
        people: tuple[Author, ...]
        if it.source == "paper":
            p = by_paper[it.item_id]
            people, doubtful, et_al = p.metadata.authors, _header_by_ocr(sources, p.doc_id), False
            venue = p.metadata.journal
        else:
            r = by_ref[it.item_id]
            people, doubtful, et_al = r.reference.people, _on_ocr_page(sources, r), r.reference.et_al
            venue = r.reference.container
        out.append(TitledMention(it.item_id, int(it.doc_id), it.title, it.year, it.doi,
                                 tuple((a.family, initials_of(a.given)) for a in people if a.family), et_al,
                                 doubtful, venue))
    return out


def _library_fields(meta: Metadata) -> tuple[str, ...]:
    return tuple(p.split(":", 1)[0] for p in meta.provenance if ":" in p and p.split(":", 1)[1].startswith("library "))


def _correct_headers(sources: WorkSources, titled: list[TitledMention], links: Mapping[str, tuple[str, ...]]
                     ) -> tuple[list[HeaderCorrection], dict[int, Metadata]]:
    """OCR'd headers corrected from the entries whose titles match them, and the corrected metadata."""
    by_id = {m.item_id: m for m in titled}
    papers = {p.doc_id: p.metadata for p in sources.papers}
    fixes: list[HeaderCorrection] = []
    metadata: dict[int, Metadata] = {}
    for item_id, others in sorted(links.items()):
        header = by_id[item_id]
        if not header.is_header:
            continue
        meta = papers[header.doc_id]
        fix = header_correction(header, [by_id[o] for o in others], fixed_fields=_library_fields(meta))
        if fix is None:
            continue
        authors = list(meta.authors)
        named = [i for i, a in enumerate(authors) if a.family]
        for pos, _old, new in fix.names:
            i = named[pos]
            # The given name was read by the OCR that misread the surname: its initials are what the
            # citing entries confirm ("Anprew S." → "A. S.").
            given = " ".join(f"{c}." for c in initials_of(authors[i].given)) or None
            authors[i] = replace(authors[i], family=new, given=given)
        src = fix.source()
        old_names = "; ".join(f"{a.family}, {a.given}" if a.given else a.family for a in meta.authors if a.family)
        provenance = [p for p in meta.provenance if p.split(":", 1)[0] not in {"authors", "year"}]
        if fix.names:
            provenance.append(f"authors:{src} (read {old_names})")
        if fix.year:
            provenance.append(f"year:{src} (read {fix.year[0]})")
        metadata[header.doc_id] = replace(meta, authors=tuple(authors), year=fix.year[1] if fix.year else meta.year,
                                          provenance=tuple(provenance))
        fixes.append(fix)
    return fixes, metadata


def _fill_from_citers(sources: WorkSources, titled: list[TitledMention], links: Mapping[str, tuple[str, ...]],
                      citers: Mapping[str, tuple[str, ...]]) -> tuple[list[CiterFill], dict[int, Metadata]]:
    """Headers' missing years and venues filled from the entries citing them (those of
    :func:`header_citers`, and an OCR'd header's title matches), and the filled metadata."""
    by_id = {m.item_id: m for m in titled}
    papers = {p.doc_id: p.metadata for p in sources.papers}
    fills: list[CiterFill] = []
    metadata: dict[int, Metadata] = {}
    for header in titled:
        if not header.is_header:
            continue
        others = sorted(set(links.get(header.item_id, ())) | set(citers.get(header.item_id, ())))
        meta = papers[header.doc_id]
        fill = citer_fill(header, [by_id[o] for o in others], fixed_fields=_library_fields(meta))
        if fill is None:
            continue
        filled = {p.split(":", 1)[0] for p in fill.provenance()}
        provenance = tuple(p for p in meta.provenance if p.split(":", 1)[0] not in filled) + tuple(fill.provenance())
        metadata[header.doc_id] = replace(meta, year=fill.year if fill.year is not None else meta.year,
                                          journal=fill.venue if fill.venue is not None else meta.journal,
                                          provenance=provenance)
        fills.append(fill)
    return fills, metadata


def _header_notes(sources: WorkSources) -> dict[str, list[str]]:
    """``p:DOC`` → the header corrections recorded in its metadata's provenance (a correction made by
    an earlier run, so the work keeps saying what was corrected)."""
    out: dict[str, list[str]] = {}
    for p in sources.papers:
        for entry in p.metadata.provenance:
            field_, _, src = entry.partition(":")
            if field_ in ("authors", "year") and src.startswith(("OCR header corrected", "from citing papers")):
                out.setdefault(f"p:{p.doc_id}", []).append(f"{field_}: {src}")
    return out


def resolve_stored_works(sources: WorkSources) -> ResolvedWorks:
    """Resolve every mention in ``sources`` to one canonical work (pure).

    Names are first corrected where a scanned list misread them and set in one
    form per person (:mod:`litmap.corpus.authors`), so labels and first
    authors do not split one author into several."""
    items, ref_ids, mention_ids = _inputs(sources)
    titled = _titled(sources, items)
    links = title_matches(titled)
    header_fixes, corrected_meta = _correct_headers(sources, titled, links)
    if corrected_meta:
        sources = replace(sources, papers=tuple(replace(p, metadata=corrected_meta.get(p.doc_id, p.metadata))
                                                for p in sources.papers))
        items, ref_ids, mention_ids = _inputs(sources)
        titled = _titled(sources, items)
    # A header that prints no year meets no entry in works' (year, surname) blocks: it is linked by
    # its title and first surname, and its missing year and venue are filled from its citers.
    citers = header_citers(titled)
    fills, filled_meta = _fill_from_citers(sources, titled, links, citers)
    yearless = {m.item_id for m in titled if m.is_header and m.year is None}
    links = {**{i: o for i, o in citers.items() if i in yearless}, **links}
    if filled_meta:
        corrected_meta = {**corrected_meta, **filled_meta}
        sources = replace(sources, papers=tuple(replace(p, metadata=filled_meta.get(p.doc_id, p.metadata))
                                                for p in sources.papers))
        items, ref_ids, mention_ids = _inputs(sources)
    corrections, suspects = _corrections(sources)
    items = _one_form(items, corrections, sources.cited_as)
    noted: dict[str, list[str]] = _header_notes(sources)
    for c in corrections:
        noted.setdefault(f"r:{c.doc_id}:{c.idx}", []).append(c.describe())
    mapping, works = build_works(items, title_links=links)
    by_item = {it.item_id: it for it in items}
    suspect = _suspect_works(works, by_item, suspects)
    cited_papers = 0
    rows: list[WorkRow] = []
    entries = Counter(r.doc_id for r in sources.references)
    for wid, work in works.items():
        # One paper in several files: the file with the most reference entries stands for it (then the first).
        papers = sorted((i for i in work.items if i.startswith("p:")), key=lambda i: (-entries[int(i[2:])], int(i[2:])))
        doc_id = int(papers[0][2:]) if papers else None
        if doc_id is not None and len(work.items) > len(papers):  # two copies of a paper do not cite it
            cited_papers += 1
        first = next((by_item[i] for i in work.items if by_item[i].surnames), None)
        rows.append(WorkRow(
            id=wid, doi=work.doi, first_author=first.surnames[0] if first else None, year=work.year,
            title=work.title, label=work.label, key=work.key, mentions=len(work.items),
            surnames=first.surnames if first else (), document_id=doc_id,
            corrected=tuple(d for i in work.items for d in noted.get(i, ())),
            ocr_suspect=suspect.get(wid, ()), fits=work.fits, copies=tuple(int(i[2:]) for i in papers[1:]),
        ))
    return ResolvedWorks(
        works=tuple(rows),
        reference_works=_linked(ref_ids, mapping),
        mention_works=_linked(mention_ids, mapping),
        mentions=len(items),
        corpus_papers_cited=cited_papers,
        corrections=tuple(corrections),
        suspects=tuple(suspects),
        header_corrections=tuple(header_fixes),
        corrected_metadata=corrected_meta,
        citer_fills=tuple(fills),
    )


def _linked(ids: Mapping[K, str], mapping: Mapping[str, str]) -> dict[K, str]:
    """The work of each key whose item was resolved."""
    return {key: mapping[item_id] for key, item_id in ids.items() if item_id in mapping}

