"""Working-paper series, newspapers and German "in: Journal" entries.

Hand-written examples in the styles of urban studies and geography; none is
taken from a gold set.
"""

from __future__ import annotations

import pytest

from litmap.parse.refparse import parse_reference


@pytest.mark.parametrize(
    "raw, series, number",
    [
        ("Brenner, N. (2002) Decoding the newest metropolitan regionalism in the USA, "
         "GaWC Discussion Paper no. 71, Loughborough.", "GaWC Discussion Paper", "71"),
        ("Glaeser, E. L. (2009). The rise of the sunbelt. (NBER Working Paper No. 8931)",
         "NBER Working Paper", "8931"),
        ("Harding, A. (2005) Governance and socio-economic change in cities, LSE Research Papers, No 12/3, London.",
         "LSE Research Papers", "12/3"),
    ],
)
def test_working_paper_series_and_number(raw, series, number):
    ref = parse_reference(raw)
    assert ref.container == series
    assert ref.volume == number
    assert ref.type == "report"
    assert series not in (ref.title or "")


def test_bare_working_paper_names_no_series():
    ref = parse_reference("Saunders, P. (1977) Housing Tenure and Class Interests, Working Paper 6 (Brighton: University of Sussex).")
    assert ref.title == "Housing Tenure and Class Interests"
    assert ref.publisher == "University of Sussex"


@pytest.mark.parametrize(
    "raw, title, paper",
    [
        ("Lewis, P. (2011, August 9). Tottenham riots: a peaceful protest, then suddenly all hell broke loose. The Guardian.",
         "Tottenham riots: a peaceful protest, then suddenly all hell broke loose", "The Guardian"),
        ("Bagli, C. V. (2013, June 5). Rezoning plan for Midtown East advances. New York Times, p. 21.",
         "Rezoning plan for Midtown East advances", "New York Times"),
    ],
)
def test_newspaper_after_a_press_date(raw, title, paper):
    ref = parse_reference(raw)
    assert ref.title == title
    assert ref.container == paper
    assert ref.type == "article"
    assert ref.place is None and ref.publisher is None


def test_journal_after_german_in_is_no_publisher():
    ref = parse_reference("Heeg, Susanne (2001), Politische Regulation des Raums, in: Geographische Zeitschrift, 89, 2, 73–86.")
    assert ref.container == "Geographische Zeitschrift"
    assert (ref.volume, ref.pages) == ("89", "73–86")
    assert ref.publisher is None
    assert ref.type == "article"


def test_chapter_after_german_in_keeps_its_book():
    ref = parse_reference(
        "Heeg, Susanne (2008), Von Stadtplanung und Immobilienwirtschaft, in: Bernt, Matthias (Hrsg.): "
        "Stadtumbau komplex, Bielefeld: transcript, 22–41."
    )
    assert ref.container != "Bernt"
    assert ref.type == "chapter"


def test_series_does_not_reach_back_over_a_sentence_end():
    ref = parse_reference(
        "Clark, R. 1992. Neighborhood Effects On Dropping Out of School. Washington, D.C.: "
        "The Urban Institute. Discussion Paper #PSC-DSC-UI-13."
    )
    assert ref.container is None or "Institute" not in ref.container
    assert ref.publisher == "The Urban Institute"
