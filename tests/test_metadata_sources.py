"""Header metadata from the files scholars really have: text heads, citation lines, markers, dates."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from litmap.models import Metadata
from litmap.parse.metadata import extract_metadata
from litmap.parse.metadata_authors import parse_author_line
from litmap.parse.metadata_text import text_header
from litmap.parse.names import normalise_doi
from litmap.parse.structure import structure_document
from litmap.read.textfiles import TEXT_HEAD_KEY, read_text_file

BODY = ("Introduction\n\nGentrification has been studied widely (Glass, 1964; Smith, 1996; Lees, 2008). "
        "State-led gentrification followed (Hackworth and Smith, 2001).\n")


def _meta(tmp_path: Path, data: str, pdf_meta: dict | None = None) -> Metadata:
    p = tmp_path / "paper.txt"
    p.write_text(data, encoding="utf-8")
    ep = read_text_file(str(p))
    return extract_metadata(ep.pages, structure_document(ep.pages), {**ep.pdf_metadata, **(pdf_meta or {})})


@pytest.mark.parametrize("head, title, families", [
    pytest.param("Through the Looking Glass: Conceptualising\nthe Theme of Gentrification in Contemporary\nIndia\n"
                 "Rituparna Das and Arup Sarkar\nAbstract\n",
                 "Through the Looking Glass: Conceptualising the Theme of Gentrification in Contemporary India",
                 ["Das", "Sarkar"], id="title-lines-then-authors-and"),
    pytest.param("Unequal Displacement: Gentrification, Racial\nStratification in Philadelphia1\nJackelyn Hwang\n"
                 "Stanford University\nLei Ding\nFederal Reserve Bank of Philadelphia\n"
                 "Drawing from sociological theory and research on residential mobility and neighborhood change\n",
                 "Unequal Displacement: Gentrification, Racial Stratification in Philadelphia",
                 ["Hwang", "Ding"], id="name-affiliation-pairs-no-abstract-label"),
    pytest.param("within the literature it is generally accepted that gentrification and policy are related (Smith, "
                 "1996: State-led gentrification in previously\n‘un-gentrifiable’ areas: Examples from Vancouver\n"
                 "Andrea Mösgen\nGoethe-Universität Frankfurt, Germany\nMarit Rosol\nUniversity of Calgary, Canada\n"
                 "Abstract\n",
                 "State-led gentrification in previously ‘un-gentrifiable’ areas: Examples from Vancouver",
                 ["Mösgen", "Rosol"], id="title-glued-after-body-line"),
    pytest.param("Research Article\nStakeholders Engagement in the Gentrification Process\nMildred Endam Acha*\n"
                 "Department of Geography, University of Bamenda, Cameroon\n\nAbstract\n",
                 "Stakeholders Engagement in the Gentrification Process", ["Acha"], id="label-line-and-marker"),
    pytest.param("Title: Scalar politics in the National New Area\nAuthors: Li, Wei; Chen, Ming\nYear: 2021\n",
                 "Scalar politics in the National New Area", ["Li", "Chen"], id="labelled-lines"),
])
def test_text_head_title_and_authors(tmp_path: Path, head: str, title: str, families: list[str]) -> None:
    meta = _meta(tmp_path, head + "\n" + BODY)
    assert meta.title == title
    assert [a.family for a in meta.authors] == families
    assert meta.source_of("title") == "text head"


def test_text_head_without_head_gives_nothing() -> None:
    assert text_header("1 Introduction\n\nThe National New Area is a comprehensive functional area.\n") == Metadata()


def test_text_file_carries_its_head_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("A Title Line\nJane Doe\nAbstract\nText.\n", encoding="utf-8")
    assert read_text_file(str(p)).pdf_metadata[TEXT_HEAD_KEY].startswith("A Title Line\nJane Doe\n")


@pytest.mark.parametrize("line, families", [
    pytest.param("Jie Lin a, ⁎, Robert G. Cromley b,1", ["Lin", "Cromley"], id="markers-set-apart"),
    pytest.param("Fang Qiu 1", ["Qiu"], id="number-after-name"),
    pytest.param("Samantha Cockings, Peter I;. Fisher and Mitchel Langford", ["Cockings", "Fisher", "Langford"],
                 id="ocr-semicolon-initial"),
    pytest.param("Costa Silva, Ana Barba Lata", ["Silva", "Lata"], id="given-names-kept"),
])
def test_author_lines_with_markers(line: str, families: list[str]) -> None:
    assert [a.family for a in parse_author_line(line)] == families


@pytest.mark.parametrize("raw, doi", [
    ("https://doi.org/10.1080/13604813.2016.1119646?journalCode=ccit20", "10.1080/13604813.2016.1119646"),
    ("doi:10.1177/0042098008097099#abstract", "10.1177/0042098008097099"),
    ("10.1111/j.1468-2427.2005.00634.x.", "10.1111/j.1468-2427.2005.00634.x"),
])
def test_doi_without_url_query(raw: str, doi: str) -> None:
    assert normalise_doi(raw) == doi


def test_creation_date_is_a_marked_guess_when_nothing_contradicts_it(tmp_path: Path) -> None:
    meta = _meta(tmp_path, "A Study of Gentrification Here\nJane Doe\nAbstract\n\n" + BODY,
                 {"CreationDate": "D:20100512053740"})
    assert meta.year == 2010 and meta.guessed == ("year",)  # its newest cited year is 2008


def test_creation_date_of_a_later_scan_is_not_the_year(tmp_path: Path) -> None:
    # A paper whose newest cited year is 2008, in a file made in 2019 (a scan), or in 2005 (before it cites).
    for made in ("D:20190512053740", "D:20050512053740"):
        meta = _meta(tmp_path, "A Study of Gentrification Here\nJane Doe\nAbstract\n\n" + BODY, {"CreationDate": made})
        assert meta.year is None and meta.guessed == ()


def test_year_in_the_text_wins_over_creation_date(tmp_path: Path) -> None:
    meta = _meta(tmp_path, "Political Geography 112 (2024) 103131\n\nA Study of Gentrification\nJane Doe\nAbstract\n\n"
                 + BODY, {"CreationDate": "D:20020512053740"})
    assert meta.year == 2024 and meta.journal == "Political Geography" and not meta.guessed


def test_provenance_survives_the_store(tmp_path: Path) -> None:
    from litmap.models import Document, Source
    from litmap.store import Store

    meta = Metadata(title="T", year=2002, provenance=("year:pdf-date guess",))
    doc = Document(source=Source(path=str(tmp_path / "a.pdf"), sha256="ab" * 32, pages=1), metadata=meta)
    with Store(str(tmp_path / "s.db"), write=True) as store:
        doc_id = store.save_document(doc)
        assert store.load_document(doc_id).metadata.provenance == ("year:pdf-date guess",)
        st = store.status()
    assert st.guessed == (f"{tmp_path / 'a.pdf'}: year from the PDF's creation date",)
    assert replace(meta, provenance=()).guessed == ()


def test_a_guess_says_where_it_came_from() -> None:
    from litmap.store.report_read import guess_note

    assert guess_note("year:pdf-date guess") == "year from the PDF's creation date"
    assert guess_note("year:from citing papers 5, 18 (guess)") == "year from citing papers 5, 18"
