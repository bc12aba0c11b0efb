"""Working-paper series, newspapers and German "in: Journal" entries.

Hand-written examples in the styles of urban studies and geography; none is
taken from a gold set.
"""

from __future__ import annotations

import pytest
from refcheck import case, check_fields, lacks_text, other_than

from litmap.parse.references.parser import parse_reference


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


CASES = [
    case("bare-working-paper-names-no-series",
         "Saunders, P. (1977) Housing Tenure and Class Interests, Working Paper 6 (Brighton: University of Sussex).",
         title="Housing Tenure and Class Interests", publisher="University of Sussex"),
    case("journal-after-german-in-is-no-publisher",
         "Heeg, Susanne (2001), Politische Regulation des Raums, in: Geographische Zeitschrift, 89, 2, 73–86.",
         container="Geographische Zeitschrift", volume="89", pages="73–86", publisher=None, type="article"),
    case("chapter-after-german-in-keeps-its-book",
         "Heeg, Susanne (2008), Von Stadtplanung und Immobilienwirtschaft, in: Bernt, Matthias (Hrsg.): "
         "Stadtumbau komplex, Bielefeld: transcript, 22–41.",
         container=other_than("Bernt"), type="chapter"),
    case("series-does-not-reach-back-over-a-sentence-end",
         "Clark, R. 1992. Neighborhood Effects On Dropping Out of School. Washington, D.C.: "
         "The Urban Institute. Discussion Paper #PSC-DSC-UI-13.",
         container=lacks_text("Institute"), publisher="The Urban Institute"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_fields(raw, expected):
    check_fields(parse_reference(raw), expected)
