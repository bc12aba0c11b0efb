"""Titles printed in capitals, given in capitals and lower case (litmap.parse.metadata_title.title_from_capitals)."""

from __future__ import annotations

import pytest

from litmap.parse.metadata_title import title_from_capitals


@pytest.mark.parametrize("title, text, want", [
    ("EXPANDING FRONTIERS OF COMMERCIAL GENTRIFICATION: A RENT GAP IN TAIKOO LI, CHINA", "Taikoo Li saw it.",
     "Expanding Frontiers of Commercial Gentrification: A Rent Gap in Taikoo Li, China"),
    # acronyms the text prints in capitals among lower-case words stay
    ("THE NEIGHBORHOOD CHANGE DATABASE (NCDB) FOR GIS USERS", "We load the NCDB into a GIS and map it.",
     "The Neighborhood Change Database (NCDB) for GIS Users"),
    ("MAGNETO-PHOTOLUMINESCENCE AS A PROBE OF QUANTUM HALL MULTI-LAYERS", "",
     "Magneto-Photoluminescence as a Probe of Quantum Hall Multi-Layers"),
    ("Urban Villages and the Tourism Economy", "", "Urban Villages and the Tourism Economy"),  # as printed
    ("NCDB GUIDE", "", "NCDB GUIDE"),  # two words: too little to tell a title from an acronym
])
def test_a_title_in_capitals_is_given_in_capitals_and_lower_case(title: str, text: str, want: str) -> None:
    assert title_from_capitals(title, text) == want


def test_a_running_head_in_capitals_is_no_evidence_of_an_acronym() -> None:
    text = "EXPANDING FRONTIERS\nBody text on expanding markets.\n© 2023 Society.EXPANDING FRONTIERS OF"
    assert title_from_capitals("EXPANDING FRONTIERS OF GENTRIFICATION", text) == "Expanding Frontiers of Gentrification"
