"""Web of Science tagged plain-text export of the corpus, and a reader.

One record per corpus paper, in the layout of a WoS "Plain text" export so
CiteSpace, VOSviewer and bibliometrix can analyse a PDF-only corpus:
``FN``/``VR`` header; per record ``PT J`` (``C`` for a conference paper, with ``DT Proceedings Paper``), ``AU`` ("Family, GI"), ``AF``,
``TI``, ``SO`` (upper case; ``UNKNOWN SOURCE`` when not found), ``DT``,
``DE`` (author keywords), ``AB``, ``C1`` (addresses, or a placeholder),
``CR`` (one cited reference per line, "AUTHOR I, YEAR, SOURCE, VVOL, PPAGE,
DOI x"), ``NR``, ``TC``/``Z9`` (times cited *within the corpus*: litmap
cannot know citations from outside it), ``PY``, ``VL``, ``IS``, ``BP``,
``EP`` (or ``AR`` for an article number), ``DI``, ``UT`` (``LITMAP:`` + the work id), ``ER``; ``EF`` at the
end.  A field's extra values go on continuation lines indented by three
spaces.  Authors unknown: ``[Anonymous]``, as WoS writes.
"""

from __future__ import annotations

import re
from typing import Optional, TextIO

from litmap.store.corpusdata import CorpusData, Paper, WorkInfo

__all__ = ["format_wos", "write_wos", "record_fields", "cr_line", "c1_addresses", "local_citations", "ut", "parse_wos", "parse_cr",
           "ANONYMOUS", "UNKNOWN_SOURCE", "UNKNOWN_ADDRESS"]

# The order of a WoS export's fields (Clarivate's field-tag list).
_FIELD_ORDER = ("PT", "AU", "AF", "TI", "SO", "DT", "DE", "AB", "C1", "CR", "NR", "TC", "Z9",
                "PY", "VL", "IS", "BP", "EP", "AR", "DI", "UT")

#: What WoS itself writes for an unknown author; also this export's placeholder for an unknown source.
ANONYMOUS = "[Anonymous]"
UNKNOWN_SOURCE = "UNKNOWN SOURCE"
#: A venue that is a conference's, not a journal's ("Proceedings of the 58th Annual Meeting of …", "1st Conference
#: on Robot Learning (CoRL 2017)").
_PROCEEDINGS = re.compile(r"^(?:In\s+)?Proceedings\b|\b(?:Conference|Workshop|Symposium)\s+(?:on|of)\b", re.I)
#: C1 for a paper whose affiliations were not found: an address bibliometrix parses (its affiliation
#: table reads "NOTREPORTED", its country table nothing) rather than a made-up institution.
UNKNOWN_ADDRESS = "[Anonymous] Not reported."


def _clean(text: Optional[str]) -> str:
    """One line, no commas or semicolons (CR parsers split on them)."""
    return " ".join((text or "").replace(",", " ").replace(";", " ").split())


def cr_line(work: WorkInfo) -> str:
    """A cited reference in WoS form: ``Brenner N, 2004, NEW STATE SPACES, V12, P45, DOI 10.x/y``.

    The source is the journal or book the reference names, else its title;
    a work known only from in-text citations has neither (``Jessop B, 2002``).
    """
    author = _clean(work.first_author) or ANONYMOUS
    if work.first_initials and work.first_author:
        author = f"{author} {work.first_initials}"
    parts = [author]
    if work.year:
        parts.append(str(work.year))
    source = _clean(work.source) or _clean(work.title)
    if source:
        parts.append(source.upper())
    if work.volume:
        parts.append("V" + _clean(work.volume).replace(" ", ""))
    if work.page:
        parts.append("P" + _clean(work.page).split("-")[0].split("–")[0].strip())
    if work.doi:
        parts.append("DOI " + work.doi.strip().lower())
    return ", ".join(parts)


def _au(author: str) -> str:
    """"Brenner, N. J." → "Brenner, NJ" (WoS AU form)."""
    fam, _, given = author.partition(",")
    initials = "".join(c for c in given if c.isalpha())
    return f"{fam.strip()}, {initials}" if initials else fam.strip()


#: A lone "page" that is an article number: an e-locator or five digits and more ("Cities 157 (2025) 105586").
_ARTICLE_NO = re.compile(r"^(?:[eE]\d+|\d{5,})$")


def _pages(pages: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    if not pages:
        return None, None
    m = re.match(r"\s*([A-Za-z]?\d+)\s*(?:[-–—]+\s*([A-Za-z]?\d+))?", pages)
    return (m.group(1), m.group(2)) if m else (None, None)


# An address names an institution; a biography ("X is a lecturer at ..."), an e-mail line or a
# journal's imprint that the metadata reader took for an affiliation does not belong in C1.
_INSTITUTION = re.compile(
    r"(?i)univ|department|\bdept\b|institut|college|school|cent(?:re|er)|laborator|\blab\b|faculty|academy|"
    r"hospital|council|ministry|agency|foundation|observator|museum|bureau|office|survey|"
    r"\b(?:gmbh|inc|ltd|corp|llc)\b")
_NOT_ADDRESS = re.compile(
    r"(?i)@|https?:|www\.|correspond|e-?mail|received|accepted|submitted|revised|published|copyright|©|\?|\bisbn\b|\btel\b|"
    r"\b(?:is|are|was|were|has|have)\b")
# Words an address writes in lower case; more than two other lower-case words make a sentence or a title.
_SMALL = frozenset("of and for the in at on de des du la le di del der und für y e et da do van von".split())
_MARKER = re.compile(r"^(?:[a-z]|\d{1,2}|[*†‡§¶])\s?(?=[A-Z])")


def c1_addresses(affiliations: tuple[str, ...]) -> list[str]:
    """The paper's printed affiliations as WoS C1 addresses: one per institution, ending in a full stop.

    Footnote markers ("aDepartment …") go; so do full stops inside an
    address, as bibliometrix splits addresses at them.  Strings that do not
    name an institution are left out.
    """
    out: list[str] = []
    for text in affiliations:
        for part in re.split(r"\s*;\s*", text):
            part = _MARKER.sub("", " ".join(part.split()).strip(" ,.;"))
            if not part or len(part) > 250 or not _INSTITUTION.search(part) or _NOT_ADDRESS.search(part):
                continue
            if sum(1 for w in part.split() if w[:1].islower() and w.casefold() not in _SMALL) > 2:
                continue
            address = " ".join(part.replace(".", " ").replace("[", "(").replace("]", ")").split()) + "."
            if address not in out:
                out.append(address)
    return out


def local_citations(data: CorpusData) -> dict[int, int]:
    """Times each corpus paper is cited by the corpus's other papers (WoS TC, counted within the corpus)."""
    by_work = {p.work_id: pid for pid, p in data.papers.items() if p.work_id}
    counts = dict.fromkeys(data.papers, 0)
    for pid, works in data.references.items():
        for wid in set(works):
            cited = by_work.get(wid)
            if cited is not None and cited != pid:
                counts[cited] += 1
    return counts


def ut(paper: Paper) -> str:
    """The record's accession number: ``LITMAP:`` and the paper's work id (the id every litmap export
    uses), or its document id where it resolved to no work."""
    return f"LITMAP:{paper.work_id}" if paper.work_id else f"LITMAP:D{paper.id:09d}"


def record_fields(paper: Paper, data: CorpusData, times_cited: int) -> dict[str, list[str]]:
    """A paper's WoS fields, tag → values (one per line), in :data:`_FIELD_ORDER` (also read by the WoS BibTeX
    writer, :mod:`litmap.export.wos_bibtex`)."""
    proceedings = bool(paper.journal and _PROCEEDINGS.search(paper.journal))
    # WoS types a conference paper "C" / "Proceedings Paper" (bibliometrix counts document types from DT).
    fields: dict[str, list[str]] = {"PT": ["C" if proceedings else "J"]}
    if paper.authors:
        fields["AU"] = [_au(a) for a in paper.authors]
        fields["AF"] = list(paper.authors_full or paper.authors)
    else:
        fields["AU"] = fields["AF"] = [ANONYMOUS]
    if paper.title:
        fields["TI"] = [" ".join(paper.title.split())]
    fields["SO"] = [" ".join(paper.journal.split()).upper() if paper.journal else UNKNOWN_SOURCE]
    fields["DT"] = ["Proceedings Paper" if proceedings else "Article"]
    if paper.keywords:
        fields["DE"] = ["; ".join(k.replace(";", ",") for k in paper.keywords)]
    if paper.abstract:
        fields["AB"] = [paper.abstract]
    fields["C1"] = c1_addresses(paper.affiliations) or [UNKNOWN_ADDRESS]
    refs = [data.works[w] for w in data.references.get(paper.id, ()) if w in data.works]
    if refs:
        fields["CR"] = [cr_line(w) for w in refs]
    fields["NR"] = [str(len(refs))]
    fields["TC"] = fields["Z9"] = [str(times_cited)]
    if paper.year:
        fields["PY"] = [str(paper.year)]
    for tag, val in (("VL", paper.volume), ("IS", paper.issue)):
        if val:
            fields[tag] = [" ".join(str(val).split())]
    bp, ep = _pages(paper.pages)
    if bp and not ep and _ARTICLE_NO.match(bp):
        fields["AR"] = [bp]  # an article number ("105586", "e2327") is no page: WoS writes it as AR
    elif bp:
        fields["BP"] = [bp]
    if ep:
        fields["EP"] = [ep]
    if paper.doi:
        fields["DI"] = [paper.doi.strip()]
    fields["UT"] = [ut(paper)]
    return {tag: fields[tag] for tag in _FIELD_ORDER if tag in fields}


def _record(paper: Paper, data: CorpusData, times_cited: int) -> list[str]:
    fields = record_fields(paper, data, times_cited)
    lines: list[str] = []
    for tag in _FIELD_ORDER:
        for i, value in enumerate(fields.get(tag, ())):
            lines.append(f"{tag if i == 0 else '  '} {value}")
    lines.append("ER")
    return lines


def format_wos(data: CorpusData) -> str:
    """The whole corpus as one WoS plain-text file."""
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    cited = local_citations(data)
    for pid in sorted(data.papers):
        lines.extend(_record(data.papers[pid], data, cited[pid]))
        lines.append("")
    lines.append("EF")
    return "\n".join(lines) + "\n"


def write_wos(data: CorpusData, stream: TextIO) -> int:
    """Write :func:`format_wos` to ``stream``; returns the number of records."""
    stream.write(format_wos(data))
    return len(data.papers)


def parse_wos(text: str) -> list[dict[str, list[str]]]:
    """Read WoS plain text: two-letter tag, a space, the value; 3-space continuation lines; ``ER`` ends a record."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    tag: Optional[str] = None
    for raw in text.lstrip("\ufeff").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("   ") and tag:
            current.setdefault(tag, []).append(raw[3:])
            continue
        head, value = raw[:2], raw[3:]
        if head in ("FN", "VR", "EF"):
            tag = None
            continue
        if head == "ER":
            records.append(current)
            current, tag = {}, None
            continue
        tag = head
        current.setdefault(tag, []).append(value)
    return records


def parse_cr(cr: str) -> dict[str, Optional[str]]:
    """Split a CR line the way metaknowledge/bibliometrix do: author, year, source, then V…, P…, DOI ….  """
    parts = [p.strip() for p in cr.split(", ")]
    out: dict[str, Optional[str]] = {"author": parts[0] if parts else None, "year": None, "source": None,
                                     "volume": None, "page": None, "doi": None}
    rest = parts[1:]
    if rest and re.fullmatch(r"\d{4}", rest[0]):
        out["year"] = rest.pop(0)
    if rest and not re.match(r"(V\d|P\d|DOI )", rest[0]):
        out["source"] = rest.pop(0)
    for p in rest:
        if p.startswith("DOI "):
            out["doi"] = p[4:]
        elif re.match(r"V\S", p):
            out["volume"] = p[1:]
        elif re.match(r"P\S", p):
            out["page"] = p[1:]
    return out
