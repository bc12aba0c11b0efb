"""Journals named with commas are read whole (Taylor & Francis / SAGE comma styles)."""

from __future__ import annotations

import pytest
from refcheck import case, check_fields

from litmap.parse.references.parser import parse_reference


CASES = [
    case("territory-politics-governance",
         "Brenner, N. (2019) Scales of the state, Territory, Politics, Governance, 7(2), pp. 1-20.",
         title="Scales of the state", container="Territory, Politics, Governance"),
    case("cambridge-journal-of-regions-economy-and-society",
         "Etherington, D. and Jones, M. (2016) The city-region chimera, Cambridge Journal of Regions, "
         "Economy and Society, 9(2), pp. 371-389.",
         title="The city-region chimera", container="Cambridge Journal of Regions, Economy and Society"),
    case("housing-theory-and-society",
         "Kemeny, J. (2001) Comparative housing and welfare: theorising the relationship, "
         "Housing, Theory and Society, 20, pp. 53-62.",
         title="Comparative housing and welfare: theorising the relationship", container="Housing, Theory and Society"),
    case("gender-place-and-culture",
         "Massey, D. (1994) A place called home?, Gender, Place & Culture 1(2): 1-12.",
         title="A place called home?", container="Gender, Place & Culture"),
    case("journal-words-in-a-title-stay-in-the-title",
         "Jessop, B. (2016) Territory, politics, governance and multispatial metagovernance. "
         "Territory, Politics, Governance 4(1): 8-32.",
         title="Territory, politics, governance and multispatial metagovernance",
         container="Territory, Politics, Governance", volume="4"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_comma_journal_read_whole(raw, expected):
    check_fields(parse_reference(raw), expected)
