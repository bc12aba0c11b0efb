"""Web of Science tagged plain-text export of the corpus, and a reader.

One record per corpus paper, in the layout of a WoS "Plain text" export so
CiteSpace, VOSviewer and bibliometrix can analyse a PDF-only corpus:
``FN``/``VR`` header; per record ``PT J``, ``AU`` ("Family, GI"), ``AF``,
``TI``, ``SO`` (upper case), ``DT``, ``CR`` (one cited reference per line,
"AUTHOR I, YEAR, SOURCE, VVOL, PPAGE, DOI x"), ``NR``, ``PY``, ``VL``,
``IS``, ``BP``, ``EP``, ``DI``, ``UT``, ``ER``; ``EF`` at the end.  A
field's extra values go on continuation lines indented by three spaces.
"""

from __future__ import annotations

import re
from typing import Optional, TextIO

from litmap.store.corpusdata import CorpusData, Paper, WorkInfo

__all__ = ["format_wos", "write_wos", "cr_line", "parse_wos", "parse_cr"]

_FIELD_ORDER = ("PT", "AU", "AF", "TI", "SO", "DT", "CR", "NR", "PY", "VL", "IS", "BP", "EP", "DI", "UT")


def _clean(text: Optional[str]) -> str:
    """One line, no commas or semicolons (CR parsers split on them)."""
    return " ".join((text or "").replace(",", " ").replace(";", " ").split())


def cr_line(work: WorkInfo) -> str:
    """A cited reference in WoS form: ``Brenner N, 2004, NEW STATE SPACES, V12, P45, DOI 10.x/y``."""
    author = _clean(work.first_author) or "[Anonymous]"
    if work.first_initials:
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


def _pages(pages: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    if not pages:
        return None, None
    m = re.match(r"\s*([A-Za-z]?\d+)\s*(?:[-–—]+\s*([A-Za-z]?\d+))?", pages)
    return (m.group(1), m.group(2)) if m else (None, None)


def _record(paper: Paper, data: CorpusData) -> list[str]:
    fields: dict[str, list[str]] = {"PT": ["J"]}
    if paper.authors:
        fields["AU"] = [_au(a) for a in paper.authors]
        fields["AF"] = list(paper.authors_full or paper.authors)
    if paper.title:
        fields["TI"] = [" ".join(paper.title.split())]
    if paper.journal:
        fields["SO"] = [" ".join(paper.journal.split()).upper()]
    fields["DT"] = ["Article"]
    refs = [data.works[w] for w in data.references.get(paper.id, ()) if w in data.works]
    if refs:
        fields["CR"] = [cr_line(w) for w in refs]
    fields["NR"] = [str(len(refs))]
    if paper.year:
        fields["PY"] = [str(paper.year)]
    for tag, val in (("VL", paper.volume), ("IS", paper.issue)):
        if val:
            fields[tag] = [str(val).strip()]
    bp, ep = _pages(paper.pages)
    if bp:
        fields["BP"] = [bp]
    if ep:
        fields["EP"] = [ep]
    if paper.doi:
        fields["DI"] = [paper.doi.strip()]
    fields["UT"] = [f"LITMAP:{paper.id:09d}"]
    lines: list[str] = []
    for tag in _FIELD_ORDER:
        for i, value in enumerate(fields.get(tag, ())):
            lines.append(f"{tag if i == 0 else '  '} {value}")
    lines.append("ER")
    return lines


def format_wos(data: CorpusData) -> str:
    """The whole corpus as one WoS plain-text file."""
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for pid in sorted(data.papers):
        lines.extend(_record(data.papers[pid], data))
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
