"""Broken-hyphenation repair: "gentrifica- tion", "gentri-fication", compounds kept."""

from __future__ import annotations

import pytest

from litmap.read.repairs.hyphenation import (HyphenSettings, HyphenVocabulary, decide, find_hyphen_repairs,
                                       repair_hyphenation)

# A small word list standing in for the bundled one, so results do not depend on it.
WORDS = frozenset("state led low income city region neo liberal neoliberal places work place workplace theory "
                  "making hood the and of in post war pre urban processes led dis placement displacement "
                  "neighbour inspired".split())


def fix(text: str, *context: str, words: frozenset[str] = WORDS) -> str:
    return repair_hyphenation([text, *context], words=words)[0][0]


def test_line_break_form_joined_when_the_word_is_real() -> None:
    ctx = "Gentrification is a process; gentrification spreads."
    assert fix("commercial gentrifica- tion in urban centres", ctx) == "commercial gentrification in urban centres"
    # Real through the word list alone.
    assert fix("their dis- placement was fast") == "their displacement was fast"
    # Capitalised first part at a sentence start.
    assert fix("Gentrifi- cation spreads.", ctx) == "Gentrification spreads."


def test_glued_break_joined_only_when_the_word_is_real() -> None:
    ctx = "gentrification and gentrification again"
    assert fix("the gentri-fication of Harlem and gentrifi-cation", ctx) == \
        "the gentrification of Harlem and gentrification"
    # "gentrifica-tions" joined form occurs nowhere and is in no word list: left alone.
    assert fix("gentrifica-tions differ", ctx) == "gentrifica-tions differ"


def test_compounds_keep_their_hyphen() -> None:
    # Document uses "state-led" elsewhere: the line-break form is glued as a compound.
    assert fix("a state- led project", "state-led growth") == "a state-led project"
    # No evidence either way, two words, no joined word: a compound.
    assert fix("the low- income group") == "the low-income group"
    # A real compound written glued is never touched.
    assert fix("the city-region and city-regions") == "the city-region and city-regions"
    # "work- place": the joined form is a word, the compound unused here.
    assert fix("at the work- place") == "at the workplace"


def test_document_majority_decides_between_compound_and_word() -> None:
    joined_doc = "neoliberal urbanism; neoliberal state; neoliberal city"
    hyph_doc = "neo-liberal urbanism; neo-liberal state; neo-liberal city"
    assert fix("the neo-liberal turn", joined_doc) == "the neoliberal turn"
    assert fix("the neo-liberal turn", hyph_doc) == "the neo-liberal turn"
    assert fix("the neo- liberal turn", hyph_doc) == "the neo-liberal turn"
    assert fix("the neo- liberal turn", joined_doc) == "the neoliberal turn"


def test_numbers_names_suspended_hyphens_and_debris_untouched() -> None:
    for text in ("in 1990-2000 and pp. 12-15", "Lefebvre-inspired work", "an Anglo- American view",
                 "pre- and post-war housing", "Salv a- dor and l o- cal", "EU-wide rules",
                 "state-of-the-art", "a dash- the end"):
        assert fix(text) == text, text


def test_line_break_before_a_compound_chain() -> None:
    assert fix("a gov- ernment-led plan", "the government and government") == "a government-led plan"


def test_document_vocabulary_alone_without_word_list() -> None:
    ctx = "Displacement matters. displacement, displacement."
    assert fix("of dis-placement", ctx, words=frozenset()) == "of displacement"
    # No word list and no document evidence: a glued form stays.
    assert fix("of dis-placement", words=frozenset()) == "of dis-placement"


def test_ligature_fragments_are_not_words() -> None:
    # "fication" occurs alone only as a lost-ligature fragment, so "gentri-
    # fication" is no compound of two words, however often the fragment occurs.
    ctx = "gentri fication and gentri fication and gentrification"
    vocab = HyphenVocabulary.build(["gentri-fication", ctx])
    assert vocab.whole("fication") == 0
    assert decide("gentri", "fication", True, vocab, WORDS) == "join"


def test_repairs_report_positions_and_text_index() -> None:
    texts = ["nothing here", "the low- income and dis- placement"]
    repairs = find_hyphen_repairs(texts, words=WORDS)
    assert [(r.text, r.before, r.after) for r in repairs] == [
        (1, "low- income", "low-income"), (1, "dis- placement", "displacement")]
    assert texts[1][repairs[0].start:].startswith("low- income")


def test_settings_validate() -> None:
    with pytest.raises(ValueError, match="min_doc_word"):
        HyphenSettings(min_doc_word=0)
    # join_fragments off: an unknown line-break join is left for the reader.
    assert repair_hyphenation(["the gentrifica- tions"], HyphenSettings(join_fragments=False),
                              words=WORDS)[0] == ["the gentrifica- tions"]
    assert repair_hyphenation(["the gentrifica- tions"], words=WORDS)[0] == ["the gentrifications"]


def test_unknown_first_part_before_a_word_is_left_alone() -> None:
    # A name met once before a word: no evidence of a break or of a compound.
    assert fix("a Lefebvre- inspired reading") == "a Lefebvre- inspired reading"
    # Named twice, the name is a word of the document: a compound.
    assert fix("a Lefebvre- inspired reading", "Lefebvre and Lefebvre") == "a Lefebvre-inspired reading"


def test_urls_untouched() -> None:
    text = "see https://www.dw.com/en/the-neglected-bihari- community-in-bangladesh and dis- placement"
    assert fix(text) == "see https://www.dw.com/en/the-neglected-bihari- community-in-bangladesh and displacement"
    # A slash in prose is no URL.
    assert fix("land/prop- erty and middle/high- income", "high rents, high ground") == \
        "land/property and middle/high-income"
