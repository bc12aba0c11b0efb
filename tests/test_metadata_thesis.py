"""A thesis's title page at the head of a text input (litmap.parse.metadata_thesis), on generated title pages."""

from __future__ import annotations

from pathlib import Path

from litmap.parse.metadata import extract_metadata
from litmap.parse.metadata_text import text_header
from litmap.parse.metadata_thesis import thesis_title_page
from litmap.parse.structure import structure_document
from litmap.read.textfiles import read_text_file

# US style: the title in capitals over two lines, the statement, the name under it, then the date.
_US = """      HOUSING TENURE AND NEIGHBOURHOOD CHANGE IN
                 TWO PACIFIC PORT CITIES



                  A DISSERTATION
      SUBMITTED TO THE DEPARTMENT OF URBAN AND
                REGIONAL PLANNING
      AND THE COMMITTEE ON GRADUATE STUDIES
             OF NORTHWEST STATE UNIVERSITY
    IN PARTIAL FULFILLMENT OF THE REQUIREMENTS
                FOR THE DEGREE OF
               DOCTOR OF PHILOSOPHY



                 MARGARET ANN OKAFOR
                     MAY 2019


Abstract

This dissertation studies how housing tenure shaped neighbourhood change in two port cities over forty years.
"""

# UK style: the university over the title, the name over the statement after "by".
_UK = """UNIVERSITY OF WESTMOOR

Commuting, Carbon and the Compact City:
Evidence from Three English Regions

by

Thomas J. Ellery

Submitted in accordance with the requirements for the degree of
Doctor of Philosophy

School of Earth and Environment
September 2018

Acknowledgements
"""

# A title page set double-spaced: blank lines between the title's lines and the statement's; the degree's field
# under "IN"; the last title line looks like a name.
_DOUBLE_SPACED = """        GROUNDWATER RECHARGE UNDER IRRIGATED

        CROPLAND IN THE SEMI-ARID

                   SOUTHERN PLAINS



                   A DISSERTATION

      SUBMITTED TO THE DEPARTMENT OF EARTH

                      SCIENCES

      AND THE COMMITTEE ON GRADUATE STUDIES

      IN PARTIAL FULFILLMENT OF THE REQUIREMENTS

                  FOR THE DEGREE OF

                DOCTOR OF PHILOSOPHY

                         IN

                 HYDROLOGICAL SCIENCE



                          By

                   Daniel R. Pereira-Lindqvist

                     December 2012
"""

# Cornell style: "Presented to the Faculty of the Graduate School", the name after "by" under the statement.
_PRESENTED = """Essays on Informal Credit and Household Risk in Rural Bangladesh

A Dissertation
Presented to the Faculty of the Graduate School
of Ithaca Valley University
in Partial Fulfillment of the Requirements for the Degree of
Doctor of Philosophy

by
Farhana Rahman
August 2010
"""


def test_a_us_title_page_gives_the_title_over_the_statement_and_the_name_under_it() -> None:
    meta = thesis_title_page(_US.split("\n"))
    assert meta.title == "HOUSING TENURE AND NEIGHBOURHOOD CHANGE IN TWO PACIFIC PORT CITIES"
    assert [a.family for a in meta.authors] == ["Okafor"]
    # through the text head reader: the statement is no title, "A DISSERTATION" no name
    head = text_header(_US)
    assert head.title == meta.title and head.authors[0].family == "Okafor" and head.year == 2019


def test_a_uk_title_page_gives_the_name_after_by_over_the_statement() -> None:
    meta = thesis_title_page(_UK.split("\n"))
    assert meta.title == "Commuting, Carbon and the Compact City: Evidence from Three English Regions"
    assert meta.authors[0].family == "Ellery"


def test_a_double_spaced_title_page_and_the_degree_field_under_in() -> None:
    meta = thesis_title_page(_DOUBLE_SPACED.split("\n"))
    assert meta.title == "GROUNDWATER RECHARGE UNDER IRRIGATED CROPLAND IN THE SEMI-ARID SOUTHERN PLAINS"
    assert meta.authors[0].family == "Pereira-Lindqvist"  # not "Science, Hydrological" nor "Plains, Southern"


def test_a_dissertation_presented_to_a_graduate_school() -> None:
    meta = thesis_title_page(_PRESENTED.split("\n"))
    assert meta.title == "Essays on Informal Credit and Household Risk in Rural Bangladesh"
    assert meta.authors[0].family == "Rahman"


def test_a_text_file_with_a_title_page_is_read_through_the_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "thesis.txt"
    path.write_text(_US + "\n".join(f"Chapter text line {k} about tenure and change in the port cities." for k in range(40)),
                    encoding="utf-8")
    ep = read_text_file(str(path))
    meta = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata, path=str(path))
    assert meta.title == "Housing Tenure and Neighbourhood Change in Two Pacific Port Cities"
    assert meta.authors[0].family == "Okafor" and meta.year == 2019


def test_heads_without_a_title_page_are_left_to_the_other_readers() -> None:
    paper = """Rent Gaps and Displacement in Lisbon
Ana Costa and Rui Santos
Department of Geography, University of Lisbon, Portugal
Abstract
This paper, drawn from a thesis submitted in partial fulfillment of the requirements for the degree of Doctor of
Philosophy at the University of Lisbon, studies rent gaps in the historic centre of the city since 2010.
"""
    assert thesis_title_page(paper.split("\n")).title is None  # the degree sentence is prose, not a title page
    assert text_header(paper).title == "Rent Gaps and Displacement in Lisbon"
    wrapped = """Rent Gaps and Displacement in Lisbon
Ana Costa
University of Lisbon
This article draws on the first author's doctoral thesis, submitted in partial
fulfillment of the requirements for the degree of Doctor of Philosophy
Abstract
This paper studies rent gaps in the historic centre of Lisbon since 2010.
"""
    assert thesis_title_page(wrapped.split("\n")).title is None  # the same sentence wrapped as an export wraps it
    # a statement with nothing over it: no title read here
    assert thesis_title_page(_US.split("\n")[4:]).title is None
