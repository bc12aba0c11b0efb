"""BibTeX, RIS and CSL-JSON typed by the standards, read back by bibtexparser, pybtex, rispy and citeproc-py."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from litmap.export.bibliography import expand_pages, to_bibtex, to_csl_json, to_ris
from litmap.models import Author, Reference

R = Reference
REFS = [
    R(index=0, raw="", authors=(Author("Barrett", "Alan"),), year=1999, title="Irish migration",
      container="IZA Discussion Paper", volume="97", publisher="Institute for the Study of Labor", type="report"),
    R(index=1, raw="Smith, J. (2001) Gentrification. PhD thesis, Columbia University.", authors=(Author("Smith", "J."),),
      year=2001, title="Gentrification", publisher="Columbia University", type="thesis"),
    R(index=2, raw="", authors=(Author("Peck", "J."),), editors=(Author("Brenner", "N."),), year=2002,
      title="Neoliberalizing states", container="Spaces of Neoliberalism", publisher="Blackwell", pages="405-11",
      type="chapter"),
    R(index=3, raw="", authors=(Author("Harvey", "D."),), year=1973, title="Social justice and the city", type="book"),
    R(index=4, raw="", authors=(Author("Lees", "LPF"), Author("***")), year_note="forthcoming",
      title="Planetary gentrification", container="Urban Studies", volume="12", pages="1203-9", type="article"),
    R(index=5, raw="", authors=(Author("Jessop", "B."),), year_note="n.d.", title="Notes", type="other"),
    R(index=6, raw="", authors=(Author("Hamnett", "C."),), title="The blind men and the elephant", year=1991,
      container="Transactions", type="chapter"),
]
IDS = ["W1", "W2", None, "W4", "W5", "W6", "W7"]


@pytest.mark.parametrize("printed, full", [
    ("405-11", "405–411"), ("1203-9", "1203–1209"), ("55–99", "55–99"), ("1-9", "1–9"), ("198-205", "198–205"),
    ("e123", "e123"), ("xii-xv", "xii–xv"), ("95-4", "95–4"), (None, None),
])
def test_page_ranges_are_written_out(printed, full):
    assert expand_pages(printed) == full


def _bib() -> dict[str, dict[str, str]]:
    lib = bibtexparser.parse_string(to_bibtex(REFS, IDS))
    assert not lib.failed_blocks
    return {e.key: {"@type": e.entry_type, **{f.key: f.value for f in e.fields}} for e in lib.entries}


def test_bibtex_types_and_fields_follow_the_standard_styles():
    e = _bib()
    report, thesis, chapter, book, article, other, no_publisher = e.values()
    assert (report["@type"], report["institution"], report["number"]) == ("techreport", "Institute for the Study of Labor", "97")
    assert report["type"] == "IZA Discussion Paper" and "howpublished" not in report and "volume" not in report and report["ids"] == "W1"
    assert (thesis["@type"], thesis["school"]) == ("phdthesis", "Columbia University") and "publisher" not in thesis
    assert (chapter["@type"], chapter["booktitle"], chapter["pages"]) == ("incollection", "Spaces of Neoliberalism", "405--411")
    assert "ids" not in chapter
    assert book["@type"] == "misc"  # no publisher: @book would miss a required field
    assert (article["@type"], article["year"], article["pages"]) == ("article", "forthcoming", "1203--1209")
    assert article["author"] == "Lees, L. P. F."  # the *** placeholder is no author; initials kept apart
    assert (other["@type"], other["year"]) == ("misc", "n.d.")
    assert (no_publisher["@type"], no_publisher["howpublished"]) == ("misc", "Transactions")


@pytest.mark.requires("pybtex")
def test_pybtex_plain_style_formats_every_entry():
    from pybtex.database import parse_string
    from pybtex.style.formatting.plain import Style

    data = parse_string(to_bibtex(REFS, IDS), "bibtex")
    texts = [e.text.render_as("text") for e in Style().format_entries(data.entries.values())]
    assert len(texts) == len(REFS)
    assert any("Institute for the Study of Labor" in t and "IZA Discussion Paper 97" in t for t in texts)
    assert any("PhD thesis, Columbia University" in t for t in texts)
    assert any("pages 405–411" in t for t in texts)


@pytest.mark.requires("rispy")
def test_rispy_reads_years_pages_and_ids():
    import rispy

    recs = rispy.loads(to_ris(REFS, IDS))
    assert len(recs) == len(REFS)
    assert [r.get("id") for r in recs] == IDS
    chapter, article, other = recs[2], recs[4], recs[5]
    assert (chapter["start_page"], chapter["end_page"]) == ("405", "411")
    assert (article["year"], article["start_page"], article["end_page"]) == ("forthcoming", "1203", "1209")
    assert article["authors"] == ["Lees, L. P. F."] and other["year"] == "n.d."


def test_csl_json_types_ids_and_names():
    items = to_csl_json(REFS, IDS)
    json.dumps(items)
    report, thesis, chapter = items[:3]
    assert report["id"] == "W1" and report["citation-key"] == "barrett1999"
    assert report["collection-title"] == "IZA Discussion Paper" and report["number"] == "97"
    assert "container-title" not in report and "volume" not in report
    assert thesis["publisher"] == "Columbia University" and chapter["page"] == "405–411"
    assert chapter["id"] == chapter["citation-key"] == "peck2002"  # no work id: the key
    assert items[4]["author"] == [{"family": "Lees", "given": "L. P. F."}]
    assert items[4]["issued"] == {"literal": "forthcoming"}


@pytest.mark.requires("citeproc")
def test_citeproc_renders_reports_as_series_and_number():
    from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                          formatter)
    from citeproc.source.json import CiteProcJSON

    items = to_csl_json(REFS, IDS)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    text = {str(key): str(entry) for key, entry in zip(bib.keys, bib.bibliography())}
    assert "In IZA Discussion Paper" not in text["w1"] and "Vol. 97" not in text["w1"]
    assert "IZA Discussion Paper" in text["w1"]
    assert "Lees, L.P.F." in text["w5"] or "Lees, L. P. F." in text["w5"]
