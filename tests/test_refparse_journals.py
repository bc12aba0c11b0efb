"""Journals named with commas are read whole (Taylor & Francis / SAGE comma styles)."""

from __future__ import annotations

import pytest

from litmap.parse.refparse import parse_reference


@pytest.mark.parametrize(
    "raw, title, journal",
    [
        ("Brenner, N. (2019) Scales of the state, Territory, Politics, Governance, 7(2), pp. 1-20.",
         "Scales of the state", "Territory, Politics, Governance"),
        ("Etherington, D. and Jones, M. (2016) The city-region chimera, Cambridge Journal of Regions, "
         "Economy and Society, 9(2), pp. 371-389.",
         "The city-region chimera", "Cambridge Journal of Regions, Economy and Society"),
        ("Kemeny, J. (2001) Comparative housing and welfare: theorising the relationship, "
         "Housing, Theory and Society, 20, pp. 53-62.",
         "Comparative housing and welfare: theorising the relationship", "Housing, Theory and Society"),
        ("Massey, D. (1994) A place called home?, Gender, Place & Culture 1(2): 1-12.",
         "A place called home?", "Gender, Place & Culture"),
    ],
)
def test_comma_journal_read_whole(raw, title, journal):
    ref = parse_reference(raw)
    assert ref.title == title
    assert ref.container == journal


def test_journal_words_in_a_title_stay_in_the_title():
    ref = parse_reference(
        "Jessop, B. (2016) Territory, politics, governance and multispatial metagovernance. "
        "Territory, Politics, Governance 4(1): 8-32."
    )
    assert ref.title == "Territory, politics, governance and multispatial metagovernance"
    assert ref.container == "Territory, Politics, Governance"
    assert ref.volume == "4"
