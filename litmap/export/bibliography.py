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
from typing import Any, Sequence, Union

from litmap.models import Author, Metadata, Reference
from litmap.parse.names import normalise_surname, strip_diacritics

__all__ = ["to_bibtex", "to_ris", "to_csl_json", "bibtex_keys", "latex_escape"]

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


def _pages(pages: str | None) -> tuple[str | None, str | None]:
    if not pages:
        return None, None
    parts = re.split(r"\s*[-–—]+\s*", pages.strip(), maxsplit=1)
    return parts[0] or None, (parts[1] if len(parts) > 1 else None)


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
    return f"{_name_part(a.family)}, {_name_part(a.given)}"


def to_bibtex(records: Sequence[Record]) -> str:
    """A BibTeX document with one entry per record."""
    import bibtexparser
    from bibtexparser import model

    library = bibtexparser.Library()
    for i, (rec, key) in enumerate(zip(records, bibtex_keys(records))):
        ref = _as_reference(rec, i)
        fields: list[tuple[str, str | None]] = [
            ("author", " and ".join(_bib_name(a) for a in ref.authors) or None),
            ("editor", " and ".join(_bib_name(a) for a in ref.editors) or None),
            ("title", ref.title and "{" + latex_escape(ref.title) + "}"),
            (
                {"article": "journal", "chapter": "booktitle"}.get(ref.type, "howpublished"),
                ref.container and latex_escape(ref.container),
            ),
            ("year", str(ref.year) if ref.year else (ref.year_note and latex_escape(ref.year_note))),
            ("volume", ref.volume and latex_escape(ref.volume)),
            ("number", ref.issue and latex_escape(ref.issue)),
            ("pages", ref.pages and latex_escape(ref.pages.replace("–", "--").replace("—", "--"))),
            ("edition", ref.edition and latex_escape(ref.edition)),
            ("publisher" if ref.type != "report" else "institution", ref.publisher and latex_escape(ref.publisher)),
            ("address", ref.place and latex_escape(ref.place)),
            ("doi", ref.doi and _verbatim(ref.doi)),
            ("url", ref.url and _verbatim(ref.url)),
        ]
        entry_fields = [model.Field(k, "{" + v + "}") for k, v in fields if v]
        library.add(model.Entry(_BIBTEX_TYPES.get(ref.type, "misc"), key, entry_fields))
    return bibtexparser.write_string(library, unparse_stack=[])


def _ris_value(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def to_ris(records: Sequence[Record]) -> str:
    """An RIS document (``TY  - JOUR`` … ``ER  -``), one record per entry."""
    lines: list[str] = []
    for i, rec in enumerate(records):
        ref = _as_reference(rec, i)
        tag = _RIS_TYPES.get(ref.type, "GEN")
        lines.append(f"TY  - {tag}")
        for a in ref.authors:
            lines.append(f"AU  - {_ris_value(a.display())}")
        for a in ref.editors:
            lines.append(f"A2  - {_ris_value(a.display())}")
        if ref.year:
            lines.append(f"PY  - {ref.year}")
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


def _csl_name(a: Author) -> dict[str, str]:
    if a.organisation or not a.given:
        return {"literal": a.family}
    return {"family": a.family, "given": a.given}


def to_csl_json(records: Sequence[Record]) -> list[dict[str, Any]]:
    """CSL-JSON items (``json.dumps`` them for citeproc, Zotero, pandoc)."""
    items: list[dict[str, Any]] = []
    for i, (rec, key) in enumerate(zip(records, bibtex_keys(records))):
        ref = _as_reference(rec, i)
        item: dict[str, Any] = {"id": strip_diacritics(key), "type": _CSL_TYPES.get(ref.type, "document")}
        if ref.authors:
            item["author"] = [_csl_name(a) for a in ref.authors]
        if ref.editors:
            item["editor"] = [_csl_name(a) for a in ref.editors]
        if ref.year:
            item["issued"] = {"date-parts": [[ref.year]]}
        elif ref.year_note:
            item["issued"] = {"literal": ref.year_note}
        for name, value in (
            ("title", ref.title),
            ("container-title", ref.container),
            ("volume", ref.volume),
            ("issue", ref.issue),
            ("page", ref.pages),
            ("edition", ref.edition),
            ("publisher", ref.publisher),
            ("publisher-place", ref.place),
            ("DOI", ref.doi),
            ("URL", ref.url),
        ):
            if value:
                item[name] = value
        items.append(item)
    return items
