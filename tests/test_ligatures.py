"""Words split at a lost fi/fl/ff ligature are rejoined only into real words."""

from __future__ import annotations

import pytest

from litmap.read.repairs.ligatures import LigatureSettings, english_words, find_repairs, repair_texts

# A small word list keeps these tests independent of the bundled vocabulary.
WORDS = frozenset("""a the of if in fine fined first field flux de office effect significant different
defined define flow find five literature body cant ce""".split())


def fix(*texts: str, words: frozenset[str] = WORDS, settings: LigatureSettings = LigatureSettings()) -> list[str]:
    return repair_texts(list(texts), settings, words)[0]


# One text alone, WORDS as the word list: (text, repaired).
ONE_TEXT_CASES = [
    pytest.param("the of fice had an ef fect on it", "the office had an effect on it",
                 id="word list vouches when the document never has the word whole"),
    pytest.param("an ef fectual one", "an ef fectual one", id="a word in no list stays split"),  # "effectual"
    pytest.param("ideas in flux", "ideas in flux", id="two real words stay apart"),
    # "de" is a word in the list, but here it only ever starts a split.
    pytest.param("the term is de fined here and de fined there", "the term is defined here and defined there",
                 id="joined on the document's own evidence"),
    pytest.param("de la Torre de Souza; the term is de fined", "de la Torre de Souza; the term is de fined",
                 id="a part also used on its own is no evidence"),
    # "cant" is a word, so the word list alone does not restore "signi cant" ...
    pytest.param("no signi cant result", "no signi cant result", id="dropped glyph: a real word after the gap"),
    # ... but two non-words around a gap are restored from it.
    pytest.param("the di erent views", "the different views", id="dropped glyph: two non-words around the gap"),
    pytest.param("OFFI CE HOURS and the of Fiona case", "OFFICE HOURS and the of Fiona case", id="capitals"),
]


@pytest.mark.parametrize("text, repaired", ONE_TEXT_CASES)
def test_one_text(text: str, repaired: str) -> None:
    assert fix(text) == [repaired]


def test_split_rejoined_when_document_uses_the_word_unsplit() -> None:
    out = fix("Gentrification in Leeds.", "The gentri fication of Leeds and Gentri fication studies.")
    assert out[1] == "The gentrification of Leeds and Gentrification studies."


def test_split_after_the_ligature_and_inside_it() -> None:
    out = fix("gentrification", "new gentrifi  cation and gentrif ication and diff erent")
    assert out[1] == "new gentrification and gentrification and different"


def test_two_real_words_stay_apart() -> None:
    # "iffine" is no word; "thefirst" occurs in glued text but "the first" is two words.
    out = fix("if fine weather holds", "the first case; the first time", "thefirst glued")
    assert out[:2] == ["if fine weather holds", "the first case; the first time"]
    assert fix("a field trip and a field", words=WORDS | {"afield"}) == ["a field trip and a field"]


def test_two_real_words_joined_on_the_documents_own_evidence() -> None:
    # where "de" is also used on its own, the unsplit form must dominate (one text alone: ONE_TEXT_CASES)
    out = fix("de la Torre; the term is de fined", "defined defined defined")
    assert out[0] == "de la Torre; the term is defined"


def test_dropped_ligature_glyph_restored_from_the_document() -> None:
    out = fix("a significant effect", "not signi cant at all")
    assert out[1] == "not significant at all"
    assert fix("not significant", "not signi cant", settings=LigatureSettings(missing_glyph=False))[1] == "not signi cant"


def test_compounds() -> None:
    out = fix("gentrification", "gentri fication-led growth; gentri fica- tion")
    assert out[1] == "gentrification-led growth; gentri fica- tion"  # "fica-" is a broken line end


def test_parts_rejoined_once_vouch_for_other_forms() -> None:
    # "stratified" is nowhere whole, but "strati" was rejoined into "stratification".
    out = fix("stratification", "racial strati fication and racially strati fied markets")
    assert out[1] == "racial stratification and racially stratified markets"


def test_glued_phrase_is_not_joined_to_a_real_word() -> None:
    out = fix("arobustbodyofliterature on it", "a bodyof literature on gentrification")
    assert out[1] == "a bodyof literature on gentrification"


def test_repairs_report_offsets() -> None:
    reps = find_repairs(["x offi ce y", "gentri fication", "gentrification"], words=WORDS)
    assert [(r.text, r.start, r.before, r.after) for r in reps] == [
        (0, 2, "offi ce", "office"), (1, 0, "gentri fication", "gentrification")]


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="min_strong"):
        LigatureSettings(min_strong=0)


def test_bundled_word_list() -> None:
    words = english_words()
    assert {"office", "significant", "definition", "conflict"} <= words
    assert not {"gentri", "fication", "fice"} & words
    assert fix("the of fice and con flict", words=words) == ["the office and conflict"]
    assert fix("if fine", words=words) == ["if fine"]


def test_single_letter_symbols_stay_apart() -> None:
    # Maths in text exports: "f i" is f indexed by i, not the word "fi".
    assert fix("let f i be the flow, and f f its square", words=WORDS | {"fi", "ff"}) == [
        "let f i be the flow, and f f its square"]
