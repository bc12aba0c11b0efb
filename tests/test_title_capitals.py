"""Titles and journal names as a reference list prints them (litmap.parse.metadata_title): titles in capitals
given in capitals and lower case, a text layer's full stop and spaced colon left out, a journal's name in
capitals cased part by part."""

from __future__ import annotations

import pytest

from litmap.parse.metadata_title import clean_journal, tidy_title, title_from_capitals


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


@pytest.mark.parametrize("title, want", [
    ("Diffusion of ISO 9000 standards and international trade.", "Diffusion of ISO 9000 standards and international trade"),
    ("Industrial models in multinational corporations : some remarks", "Industrial models in multinational corporations: some remarks"),
    ("Phytochemical investigations of Phoenix paludosa Roxb.", "Phytochemical investigations of Phoenix paludosa Roxb."),
    ("Gated communities in the U.S.", "Gated communities in the U.S."),
    ("Mixed methods, etc.", "Mixed methods, etc."),
    ("Waiting...", "Waiting..."),
    ("A ratio of 3 : 1 in practice", "A ratio of 3 : 1 in practice"),
])
def test_a_title_loses_a_text_layer_s_full_stop_and_spaced_colon(title: str, want: str) -> None:
    assert tidy_title(title) == want


def test_a_journal_name_in_capitals_is_cased_part_by_part() -> None:
    assert clean_journal("PAPERS IN REGIONAL SCIENCE: The Journal of the RSAI") == \
        "Papers in Regional Science: The Journal of the RSAI"
    assert clean_journal("Regional Studies: the journal") == "Regional Studies: the journal"
