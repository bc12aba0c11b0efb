"""Linking cited works to reference entries: collisions, OCR noise, suffixes."""

from __future__ import annotations

import pytest

from litmap.models import Author, Citation, CitedWork, Reference
from litmap.parse.linking import LinkSettings, link_citations, link_work


def ref(i, names, year, suffix=None, initials=None, et_al=False, note=None):
    authors = tuple(Author(n, (initials if k == 0 else None)) for k, n in enumerate(names))
    return Reference(index=i, raw=f"{names} {year}", authors=authors, year=year, year_suffix=suffix, et_al=et_al, year_note=note)


REFS = [
    ref(0, ["Li", "Chen", "Wu"], 2023, initials="Y."),
    ref(1, ["Li", "Jonas"], 2023, initials="Z."),
    ref(2, ["Li", "Wu"], 2012, initials="Y."),
    ref(3, ["Li", "Wu"], 2018, initials="Y."),
    ref(4, ["Li"], 2015, initials="L."),
    ref(5, ["Müller", "Schurr"], 2016, initials="M."),
    ref(6, ["Brenner"], 2004, suffix="a"),
    ref(7, ["Brenner"], 2004, suffix="b"),
    ref(8, ["Brenner", "Madden", "Wachsmuth"], 2011),
    ref(9, ["Wu"], None, note="n.d."),
    ref(10, ["Liu"], 2015),
    ref(11, ["Harvey"], 1989),
    ref(12, ["Harvey"], 1989),
]


def link(surnames, year=None, **kw):
    return link_work(CitedWork(surnames=tuple(surnames), year=year, **kw), REFS)


def test_chinese_surname_collisions_use_coauthors_and_initials():
    assert link(["Li", "Chen", "Wu"], 2023).reference == 0
    assert link(["Li"], 2023, et_al=True).reference == 0
    assert link(["Li", "Jonas"], 2023).reference == 1
    assert link(["Li"], 2023, initials="Z.").reference == 1
    assert link(["Li"], 2023, initials="Y.", et_al=True).reference == 0
    amb = link(["Li"], 2023)
    assert amb.reference is None and amb.unresolved_reason.startswith("ambiguous: 2 entries")
    assert link(["Li", "Wu"], 2012, initials="Y.").reference == 2
    assert link(["Li"], 2015, initials="L.").reference == 4  # not Liu 2015


def test_ocr_noise_and_diacritics():
    w = link(["Miiller", "Schurr"], 2016)
    assert w.reference == 5 and 0 < w.confidence <= 1
    assert link(["Muller", "Schurr"], 2016).reference == 5


def test_year_suffixes():
    assert link(["Brenner"], 2004, year_suffix="a").reference == 6
    assert link(["Brenner"], 2004, year_suffix="b").reference == 7
    assert link(["Brenner"], 2004).reference is None


def test_suffix_letter_orders_entries_listed_without_suffix():
    assert link(["Harvey"], 1989, year_suffix="b").reference == 12


def test_et_al_and_no_entry_and_year_notes():
    assert link(["Brenner"], 2011, et_al=True).reference == 8
    missing = link(["Li"], 2024)
    assert (missing.reference, missing.unresolved_reason) == (None, "no entry for Li 2024")
    assert link(["Wu"], None, year_note="n.d.").reference == 9


def test_numeric_and_no_reference_list():
    assert link_work(CitedWork(surnames=(), number=3), REFS).reference == 2
    assert link_work(CitedWork(surnames=(), number=99), REFS).reference is None
    w = link_work(CitedWork(surnames=("Li",), year=2015), [])
    assert w.unresolved_reason == "no reference list"


def test_link_citations_keeps_citation_fields():
    c = Citation(raw="(Liu, 2015)", kind="parenthetical", page=2, section=None, sentence="x", paragraph=0,
                 cites=(CitedWork(surnames=("Liu",), year=2015),))
    out = link_citations([c], REFS)
    assert out[0].cites[0].reference == 10 and out[0].raw == c.raw and out[0].page == 2


def test_settings_validate():
    with pytest.raises(ValueError):
        LinkSettings(min_surname=0)
