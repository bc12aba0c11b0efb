"""Web of Science's BibTeX export of the corpus ("wos bibtex" in bibliometrix and pybibx).

The same records and values as :func:`litmap.export.wos.format_wos`, in the
layout of WoS's "BibTeX" export: ``@article{LITMAP:W…,`` then
``Author = {Family, Given and …}``, ``Title``, ``Journal`` (upper case, as
SO), ``Year``, ``Volume``, ``Number``, ``Pages``, ``Abstract``, ``Type``,
``Affiliation`` (the C1 addresses), ``DOI``, ``Keywords`` (DE),
``Cited-References`` (the CR lines), ``Number-of-Cited-References``,
``Times-Cited`` (within the corpus), ``Unique-ID`` (the UT, ``LITMAP:`` + the
work id), ``DA`` (the export date); values double-braced and continuation
lines indented by three spaces, as WoS writes them.

``DA`` is written on every paper with a year, never on one without: pybibx
(``pbx_probe(db="wos")``) takes an undated record's year from its ``DA``
(WoS's early-access records), and stops with ``KeyError: 'da'`` when no
record has one.  An undated paper so reads as year unknown (pybibx's 0)
rather than as published on the export date.  pybibx's default
``del_duplicated=True`` also drops records whose titles match, and all
records without a title match: pass ``del_duplicated=False`` to keep them.
"""

from __future__ import annotations

import datetime
from typing import Optional

from litmap.export.wos import local_citations, record_fields
from litmap.store.corpusdata import CorpusData

__all__ = ["format_wos_bibtex"]

# WoS BibTeX field name → the WoS tag it holds, in WoS's order; values joined by the separator.
_FIELDS = (("Author", "AF", " and "), ("Title", "TI", " "), ("Journal", "SO", " "), ("Year", "PY", " "),
           ("Volume", "VL", " "), ("Number", "IS", " "), ("Abstract", "AB", " "), ("Type", "DT", " "),
           ("Affiliation", "C1", "\n   "), ("DOI", "DI", " "), ("Keywords", "DE", " "),
           ("Cited-References", "CR", "\n   "), ("Number-of-Cited-References", "NR", " "),
           ("Times-Cited", "TC", " "), ("Unique-ID", "UT", " "))


def _value(text: str) -> str:
    """A braced BibTeX value: braces and backslashes in the text would unbalance or escape it."""
    return text.replace("\\", "/").replace("{", "(").replace("}", ")")


def _entry(fields: dict[str, list[str]], date: str) -> str:
    lines = [f"@article{{{fields['UT'][0]},"]
    for name, tag, sep in _FIELDS:
        values = fields.get(tag)
        if not values:
            continue
        value = _value(sep.join(values))
        # WoS writes authors single-braced (a list BibTeX splits at " and "), everything else double-braced.
        lines.append(f"{name} = {{{value}}}," if tag == "AF" else f"{name} = {{{{{value}}}}},")
    bp, ep = fields.get("BP", [None])[0], fields.get("EP", [None])[0]
    if bp:
        pages = f"{bp}-{ep}" if ep else bp
        lines.insert(_after(lines, ("Number", "Volume", "Year")), f"Pages = {{{{{_value(pages)}}}}},")
    if fields.get("PY"):
        lines.append(f"DA = {{{date}}},")
    lines.append("}")
    return "\n".join(lines)


def _after(lines: list[str], names: tuple[str, ...]) -> int:
    """Where Pages goes: after the first of ``names`` present (WoS: … Volume, Number, Pages, …)."""
    for name in names:
        for i, line in enumerate(lines):
            if line.startswith(f"{name} = "):
                return i + 1
    return len(lines)


def format_wos_bibtex(data: CorpusData, today: Optional[datetime.date] = None) -> str:
    """The whole corpus as one WoS-style BibTeX file (one ``@article`` per paper); ``today`` is the
    export date written as ``DA`` (default: today)."""
    cited = local_citations(data)
    date = (today or datetime.date.today()).isoformat()
    entries = [_entry(record_fields(data.papers[pid], data, cited[pid]), date) for pid in sorted(data.papers)]
    return "\n\n".join(entries) + "\n" if entries else ""
