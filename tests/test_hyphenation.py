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


GENTRIFICATION = "Gentrification is a process; gentrification spreads."
GENTRIFICATION_TWICE = "gentrification and gentrification again"
JOINED_DOC = "neoliberal urbanism; neoliberal state; neoliberal city"
HYPHENATED_DOC = "neo-liberal urbanism; neo-liberal state; neo-liberal city"

# (text, other texts of the document, the repaired text); the word list is WORDS
CASES = [
    # a line-break form is joined when the word is real
    pytest.param("commercial gentrifica- tion in urban centres", (GENTRIFICATION,),
                 "commercial gentrification in urban centres", id="line break: word in the document"),
    pytest.param("their dis- placement was fast", (), "their displacement was fast",
                 id="line break: real through the word list alone"),
    pytest.param("Gentrifi- cation spreads.", (GENTRIFICATION,), "Gentrification spreads.",
                 id="line break: capitalised first part at a sentence start"),
    # a glued break is joined only when the word is real
    pytest.param("the gentri-fication of Harlem and gentrifi-cation", (GENTRIFICATION_TWICE,),
                 "the gentrification of Harlem and gentrification", id="glued break: word in the document"),
    pytest.param("gentrifica-tions differ", (GENTRIFICATION_TWICE,), "gentrifica-tions differ",
                 id="glued break: joined form nowhere and in no word list"),
    # compounds keep their hyphen
    pytest.param("a state- led project", ("state-led growth",), "a state-led project",
                 id="compound: the document uses it elsewhere"),
    pytest.param("the low- income group", (), "the low-income group",
                 id="compound: no evidence, two words, no joined word"),
    pytest.param("the city-region and city-regions", (), "the city-region and city-regions",
                 id="compound: written glued, never touched"),
    pytest.param("at the work- place", (), "at the workplace", id="compound unused, the joined form a word"),
    # the document's majority decides between compound and word
    pytest.param("the neo-liberal turn", (JOINED_DOC,), "the neoliberal turn", id="majority joined: glued form"),
    pytest.param("the neo-liberal turn", (HYPHENATED_DOC,), "the neo-liberal turn", id="majority hyphenated: glued form"),
    pytest.param("the neo- liberal turn", (HYPHENATED_DOC,), "the neo-liberal turn",
                 id="majority hyphenated: line break"),
    pytest.param("the neo- liberal turn", (JOINED_DOC,), "the neoliberal turn", id="majority joined: line break"),
    # numbers, names, suspended hyphens and debris are untouched
    *[pytest.param(text, (), text, id=f"untouched: {text}")
      for text in ("in 1990-2000 and pp. 12-15", "Lefebvre-inspired work", "an Anglo- American view",
                   "pre- and post-war housing", "Salv a- dor and l o- cal", "EU-wide rules",
                   "state-of-the-art", "a dash- the end")],
    pytest.param("a gov- ernment-led plan", ("the government and government",), "a government-led plan",
                 id="line break before a compound chain"),
    # a name met once before a word: no evidence of a break or of a compound
    pytest.param("a Lefebvre- inspired reading", (), "a Lefebvre- inspired reading",
                 id="unknown first part before a word is left alone"),
    # named twice, the name is a word of the document: a compound
    pytest.param("a Lefebvre- inspired reading", ("Lefebvre and Lefebvre",), "a Lefebvre-inspired reading",
                 id="first part named elsewhere: a compound"),
    pytest.param("see https://www.dw.com/en/the-neglected-bihari- community-in-bangladesh and dis- placement", (),
                 "see https://www.dw.com/en/the-neglected-bihari- community-in-bangladesh and displacement",
                 id="urls untouched"),
    # a slash in prose is no URL
    pytest.param("land/prop- erty and middle/high- income", ("high rents, high ground",),
                 "land/property and middle/high-income", id="slash in prose is no url"),
]


@pytest.mark.parametrize("text, context, repaired", CASES)
def test_repair(text: str, context: tuple[str, ...], repaired: str) -> None:
    assert fix(text, *context) == repaired


@pytest.mark.parametrize(
    "context, repaired",
    [
        pytest.param(("Displacement matters. displacement, displacement.",), "of displacement", id="document evidence"),
        # No word list and no document evidence: a glued form stays.
        pytest.param((), "of dis-placement", id="no evidence"),
    ],
)
def test_document_vocabulary_alone_without_word_list(context: tuple[str, ...], repaired: str) -> None:
    assert fix("of dis-placement", *context, words=frozenset()) == repaired


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
