"""Export reference records as BibTeX, RIS and CSL-JSON.

BibTeX is written through bibtexparser (v2), which handles the entry and
field syntax; LaTeX-special characters in values are escaped here first, as
bibtexparser writes values verbatim, and every value is brace-balanced by
construction (a lone ``}`` in a title must not end the field: bibtexparser,
pybtex and biber all read the file).  RIS and CSL-JSON are simple enough
formats (tagged lines; plain JSON) to write directly.

Inputs are :class:`~litmap.models.Reference` records or corpus papers'
:class:`~litmap.models.Metadata`.
"""

from __future__ import annotations

import re
from typing import Any, Optional, Sequence, Union

from litmap.models import Author, Metadata, Reference
from litmap.parse.names import normalise_surname, strip_diacritics

__all__ = ["to_bibtex", "to_ris", "to_csl_json", "bibtex_keys", "latex_escape", "expand_pages"]

Record = Union[Reference, Metadata]

_BIBTEX_TYPES = {
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "thesis": "phdthesis",
    "web": "misc",
    "other": "misc",
}
_RIS_TYPES = {
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "thesis": "THES",
    "web": "ELEC",
    "other": "GEN",
}
_CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "thesis": "thesis",
    "web": "webpage",
    "other": "document",
}
_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# A brace without a partner: BibTeX, btparse (biber) and pybtex count a
# brace even after a backslash, so "\}" alone would end the field early.
_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
# Control characters (other than whitespace, folded first) never belong in a value.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Verbatim fields (biblatex reads url and doi as they are): only what would
# unbalance the field or end it is percent-encoded.
_VERBATIM = {"{": "%7B", "}": "%7D", "\\": "%5C"}


def _clean(value: str) -> str:
    return _CONTROL.sub("", re.sub(r"\s+", " ", value)).strip()


def _paired_braces(text: str) -> set[int]:
    """Positions of the braces in ``text`` that close or are closed by a partner."""
    paired: set[int] = set()
    opened: list[int] = []
    for i, c in enumerate(text):
        if c == "{":
            opened.append(i)
        elif c == "}" and opened:
            paired.update((opened.pop(), i))
    return paired


def latex_escape(value: str) -> str:
    r"""Escape LaTeX-special characters; Unicode letters stay (biber/UTF-8).

    The result is brace-balanced whatever the input: a brace with a partner
    becomes ``\{``/``\}`` (a pair either way, whether a parser counts escaped
    braces or not), and a lone one ``\textbraceleft{}``/``\textbraceright{}``.
    """
    text = _clean(value)
    paired = _paired_braces(text)
    return "".join(
        ("\\" + c if i in paired else _LONE_BRACE[c]) if c in _LONE_BRACE else _LATEX.get(c, c)
        for i, c in enumerate(text)
    )


def _verbatim(value: str) -> str:
    """A url/doi value: spaces and controls dropped, braces and backslashes percent-encoded."""
    return "".join(_VERBATIM.get(c, c) for c in _clean(value).replace(" ", ""))


def _name_part(part: str) -> str:
    """One part of a BibTeX name; a comma or a word "and" in it is kept inside braces,
    or BibTeX would split the name there."""
    text = latex_escape(part)
    if "," in text or re.search(r"(?i)(?:^|\s)and(?:\s|$)", text):
        return "{" + text + "}"
    return text


def _as_reference(rec: Record, index: int) -> Reference:
    if isinstance(rec, Reference):
        return rec
    if isinstance(rec, Metadata):
        return Reference(
            index=index,
            raw="",
            authors=rec.authors,
            year=rec.year,
            title=rec.title,
            container=rec.journal,
            volume=rec.volume,
            issue=rec.issue,
            pages=rec.pages,
            doi=rec.doi,
            type="article" if rec.journal else "other",
        )
    raise TypeError(f"cannot export {type(rec).__name__}: pass Reference or Metadata records")


def expand_pages(pages: str | None) -> str | None:
    """A page range with its end written out: ``405-11`` → ``405–411``, ``1-9`` → ``1–9``.

    A short end (fewer digits than the start, printed the Chicago way) takes the
    start's leading digits; ranges of other forms (``e123``, ``xii–xv``) keep
    their text, the dash normalised to an en dash.
    """
    if not pages:
        return None
    parts = re.split(r"\s*[-–—]+\s*", pages.strip(), maxsplit=1)
    if len(parts) == 1 or not parts[1]:
        return parts[0] or None
    start, end = parts
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        end = full if int(full) >= int(start) else end
    return f"{start}–{end}"


def _pages(pages: str | None) -> tuple[str | None, str | None]:
    full = expand_pages(pages)
    if not full:
        return None, None
    start, _, end = full.partition("–")
    return start or None, end or None


def _given(given: str) -> str:
    """Initials printed together ("LPF", "L.P.F.") as separate initials ("L. P. F."): styles that abbreviate
    given names would otherwise keep only the first letter."""
    if re.fullmatch(r"[A-Z]{2,3}", given):
        return " ".join(c + "." for c in given)
    if re.fullmatch(r"(?:[A-Z]\.){2,}", given):
        return " ".join(c + "." for c in given if c != ".")
    return given


def _authors(people: tuple[Author, ...]) -> tuple[Author, ...]:
    """Names with at least one letter (a "***" or "—" placeholder for the previous author is no name)."""
    return tuple(a for a in people if any(c.isalpha() for c in a.family))


def bibtex_keys(records: Sequence[Record]) -> list[str]:
    """Citation keys ``surname+year`` (``brenner2004``), made unique with
    ``a``, ``b``, … in input order."""
    base = []
    for i, rec in enumerate(records):
        ref = _as_reference(rec, i)
        people = ref.people
        sur = normalise_surname(people[0].family)[:20] if people else "anon"
        base.append(f"{sur or 'anon'}{ref.year or 'nd'}")
    counts: dict[str, int] = {}
    for k in base:
        counts[k] = counts.get(k, 0) + 1
    seen: dict[str, int] = {}
    keys = []
    for k in base:
        if counts[k] == 1:
            keys.append(k)
            continue
        n = seen.get(k, 0)
        seen[k] = n + 1
        keys.append(k + chr(ord("a") + n % 26) + ("" if n < 26 else str(n // 26)))
    return keys


def _bib_name(a: Author) -> str:
    if a.organisation or not a.given:
        return "{" + latex_escape(a.family) + "}"  # keep organisations whole
    return f"{_name_part(a.family)}, {_name_part(_given(a.given))}"


#: BibTeX's required fields per entry type (btxdoc; pybtex's plain style enforces them).  An entry
#: missing one is written as @misc, which requires nothing, so every style formats it.
_REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("title", "publisher", "year"),  # and author or editor
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "mastersthesis": ("author", "title", "school", "year"),
}
_MASTERS = re.compile(r"(?i)\b(?:master'?s?|m\.?\s?a\.?|m\.?\s?sc?\.?|mphil|diplom\w*)\s+(?:thesis|dissertation)")


def _bibtex_entry(ref: Reference) -> tuple[str, dict[str, str]]:
    """The entry type and its fields (values LaTeX-escaped, without the outer braces)."""
    kind = _BIBTEX_TYPES.get(ref.type, "misc")
    if kind == "phdthesis" and _MASTERS.search(ref.raw or ""):
        kind = "mastersthesis"
    authors = _authors(ref.authors)
    editors = _authors(ref.editors)
    esc = lambda v: latex_escape(v) if v else None  # noqa: E731
    pages = expand_pages(ref.pages)
    fields: dict[str, str | None] = {
        "author": " and ".join(_bib_name(a) for a in authors) or None,
        "editor": " and ".join(_bib_name(a) for a in editors) or None,
        "title": ref.title and "{" + latex_escape(ref.title) + "}",
        "year": str(ref.year) if ref.year else esc(ref.year_note),  # "forthcoming" is a year to BibTeX
        "edition": esc(ref.edition),
        "address": esc(ref.place),
        "doi": ref.doi and _verbatim(ref.doi),
        "url": ref.url and _verbatim(ref.url),
        "pages": pages and latex_escape(pages.replace("–", "--")),
    }
    if kind == "article":
        fields.update(journal=esc(ref.container), volume=esc(ref.volume), number=esc(ref.issue),
                      publisher=esc(ref.publisher))
    elif kind in ("book", "incollection"):
        fields.update(publisher=esc(ref.publisher), volume=esc(ref.volume), number=esc(ref.issue))
        fields["booktitle" if kind == "incollection" else "series"] = esc(ref.container)
    elif kind == "techreport":  # the series ("IZA Discussion Paper") is the report's type, its number the number
        fields.update(institution=esc(ref.publisher), type=esc(ref.container), number=esc(ref.volume or ref.issue))
    elif kind in ("phdthesis", "mastersthesis"):
        fields.update(school=esc(ref.publisher or ref.container))
    else:
        fields.update(howpublished=esc(ref.container), publisher=esc(ref.publisher), volume=esc(ref.volume),
                      number=esc(ref.issue))
    required = _REQUIRED.get(kind, ())
    if kind == "book" and not (fields["author"] or fields["editor"]):
        required = ("author",)
    if any(not fields.get(f) for f in required):
        # @misc: what the standard types would have held goes where misc keeps it
        container = fields.pop("journal", None) or fields.pop("booktitle", None) or fields.pop("series", None)
        if kind == "techreport":
            series = " ".join(v for v in (fields.pop("type", None), fields.pop("number", None)) if v)
            container, fields["publisher"] = series or None, fields.pop("institution", None)
        if kind in ("phdthesis", "mastersthesis"):
            fields["publisher"] = fields.pop("school", None)
        fields["howpublished"] = fields.get("howpublished") or container
        kind = "misc"
    return kind, {k: v for k, v in fields.items() if v}


_FIELD_ORDER = ("author", "editor", "title", "journal", "booktitle", "howpublished", "type", "series", "year",
                "volume", "number", "pages", "edition", "institution", "school", "publisher", "address", "note",
                "doi", "url", "ids")


def to_bibtex(records: Sequence[Record], work_ids: Optional[Sequence[Optional[str]]] = None) -> str:
    """A BibTeX document with one entry per record.

    Types and fields follow BibTeX's standard styles: a thesis's university in
    ``school``, a report's institution, series (``type``) and number, a
    chapter's book in ``booktitle``; an entry lacking a field its type
    requires becomes ``@misc``.  ``work_ids`` (one per record, or None) go in
    ``ids`` — biblatex's alias keys, so ``\\cite{W…}`` works too — and join the
    file to litmap's networks and other exports.
    """
    import bibtexparser
    from bibtexparser import model

    ids = list(work_ids) if work_ids is not None else [None] * len(records)
    if len(ids) != len(records):
        raise ValueError("work_ids must hold one id (or None) per record")
    library = bibtexparser.Library()
    for i, (rec, key, wid) in enumerate(zip(records, bibtex_keys(records), ids)):
        kind, fields = _bibtex_entry(_as_reference(rec, i))
        if wid:
            fields["ids"] = _verbatim(wid)
        entry_fields = [model.Field(k, "{" + fields[k] + "}") for k in _FIELD_ORDER if fields.get(k)]
        library.add(model.Entry(kind, key, entry_fields))
    return bibtexparser.write_string(library, unparse_stack=[])


def _ris_value(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def to_ris(records: Sequence[Record], work_ids: Optional[Sequence[Optional[str]]] = None) -> str:
    """An RIS document (``TY  - JOUR`` … ``ER  -``), one record per entry.

    A year printed as "n.d.", "in press" or "forthcoming" is kept in ``PY``;
    page ranges are written out (``SP 405``/``EP 411`` for "405-11"); a
    record's work id is its ``ID``.
    """
    ids = list(work_ids) if work_ids is not None else [None] * len(records)
    lines: list[str] = []
    for i, (rec, wid) in enumerate(zip(records, ids)):
        ref = _as_reference(rec, i)
        tag = _RIS_TYPES.get(ref.type, "GEN")
        lines.append(f"TY  - {tag}")
        if wid:
            lines.append(f"ID  - {_ris_value(wid)}")
        for a in _authors(ref.authors):
            lines.append(f"AU  - {_ris_value(_display(a))}")
        for a in _authors(ref.editors):
            lines.append(f"A2  - {_ris_value(_display(a))}")
        if ref.year:
            lines.append(f"PY  - {ref.year}")
        elif ref.year_note:
            lines.append(f"PY  - {_ris_value(ref.year_note)}")
        if ref.title:
            lines.append(f"TI  - {_ris_value(ref.title)}")
        if ref.container:
            lines.append(f"{'JO' if ref.type == 'article' else 'T2'}  - {_ris_value(ref.container)}")
        start, end = _pages(ref.pages)
        for t, v in (("VL", ref.volume), ("IS", ref.issue), ("SP", start), ("EP", end), ("ET", ref.edition),
                     ("PB", ref.publisher), ("CY", ref.place), ("DO", ref.doi), ("UR", ref.url)):
            if v:
                lines.append(f"{t}  - {_ris_value(v)}")
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines)


def _display(a: Author) -> str:
    return a.family if a.organisation or not a.given else f"{a.family}, {_given(a.given)}"


def _csl_name(a: Author) -> dict[str, str]:
    if a.organisation or not a.given:
        return {"literal": a.family}
    return {"family": a.family, "given": _given(a.given)}


def to_csl_json(records: Sequence[Record],
                work_ids: Optional[Sequence[Optional[str]]] = None) -> list[dict[str, Any]]:
    """CSL-JSON items (``json.dumps`` them for citeproc, Zotero, pandoc).

    ``id`` is the record's work id where given (else the BibTeX key), and
    ``citation-key`` the BibTeX key, so pandoc cites either.  A report's
    series is its ``collection-title`` and its number ``number`` (not a
    container with a volume) and also its ``genre`` (the styles that print a
    report's type read it there), a thesis's university its ``publisher``.
    """
    ids = list(work_ids) if work_ids is not None else [None] * len(records)
    items: list[dict[str, Any]] = []
    for i, (rec, key, wid) in enumerate(zip(records, bibtex_keys(records), ids)):
        ref = _as_reference(rec, i)
        citekey = strip_diacritics(key)
        item: dict[str, Any] = {"id": wid or citekey, "citation-key": citekey,
                                "type": _CSL_TYPES.get(ref.type, "document")}
        authors, editors = _authors(ref.authors), _authors(ref.editors)
        if authors:
            item["author"] = [_csl_name(a) for a in authors]
        if editors:
            item["editor"] = [_csl_name(a) for a in editors]
        if ref.year:
            item["issued"] = {"date-parts": [[ref.year]]}
        elif ref.year_note:
            item["issued"] = {"literal": ref.year_note}
        report = ref.type == "report"
        thesis = ref.type == "thesis"
        for name, value in (
            ("title", ref.title),
            ("collection-title" if report else "container-title", None if thesis else ref.container),
            ("genre", ref.container if report else None),  # the report's type, as Zotero's reportType
            ("number" if report else "volume", ref.volume or (ref.issue if report else None)),
            ("issue", None if report else ref.issue),
            ("page", expand_pages(ref.pages)),
            ("edition", ref.edition),
            ("publisher", ref.publisher or (ref.container if thesis else None)),
            ("publisher-place", ref.place),
            ("DOI", ref.doi),
            ("URL", ref.url),
        ):
            if value:
                item[name] = value
        items.append(item)
    return items
