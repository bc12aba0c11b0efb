"""Passages in other languages lose their own stop words, and English passages keep every word."""

from __future__ import annotations

import stop_words  # noqa: F401  (a dependency: without it these tests must fail, not skip)

from litmap.analyse.topics.languages import passage_language, without_foreign_stop_words
from litmap.analyse.topics.phrases import candidate_phrases
from litmap.analyse.topics.words import base_stop_words, build_vocabulary

SPANISH = ("Objetivo: el presente estudio tiene como objetivo proponer una reflexión acerca de las teorías de "
           "enfermería y de los modelos que fortalecen la práctica profesional. Se trata de un estudio reflexivo "
           "sobre la literatura, con el fin de identificar los conceptos que son más utilizados en la práctica.")
PORTUGUESE = ("Objetivo: o presente estudo reflexivo tem por objetivo propor um repensar acerca das teorias de "
              "enfermagem e dos modelos que fortalecem a prática profissional. Trata-se de um estudo que foi "
              "realizado com base na literatura, para identificar os conceitos que são mais utilizados na prática.")
GERMAN = ("Die vorliegende Untersuchung fragt, wie sich die Unterstützung zwischen den Generationen auf die "
          "Ungleichheit der Geschlechter auswirkt. Dabei wird gezeigt, dass die Familien in Ostdeutschland und "
          "in Westdeutschland nicht auf die gleiche Weise handeln, wenn es um die Betreuung der Kinder geht.")
ENGLISH_WITH_QUOTE = ("The war in the region did not end the dispute over the border: veterans who would die "
                      "for the city, as one of them put it, were still counted as its citizens. The phrase "
                      "'die Stadt der Arbeit' was used by the mayor in every speech about the new district.")


def test_languages_are_told_apart() -> None:
    assert passage_language(SPANISH)[0] == "spanish"
    assert passage_language(PORTUGUESE)[0] == "portuguese"
    assert passage_language(GERMAN)[0] == "german"
    assert passage_language(ENGLISH_WITH_QUOTE) == ()
    assert passage_language("Demasiado corto para saberlo.") == ()  # under 20 words: not judged


def test_only_foreign_passages_lose_words() -> None:
    assert without_foreign_stop_words(ENGLISH_WITH_QUOTE) == ENGLISH_WITH_QUOTE
    out = without_foreign_stop_words(SPANISH.lower()).split()
    assert "enfermería" in out and "práctica" in out
    assert not {"la", "que", "las", "los", "se", "como", "el"} & set(out)


def test_vocabulary_keeps_english_words_that_are_foreign_stop_words() -> None:
    texts = [SPANISH, PORTUGUESE, GERMAN, ENGLISH_WITH_QUOTE] * 3
    vocab = build_vocabulary(texts, list(range(len(texts))), ubiquity=1.0)
    terms = set(vocab.terms)
    assert {"war", "die", "enfermería", "enfermagem", "generationen"} <= terms
    assert not {"que", "las", "los", "und", "dos", "das", "se", "den", "nicht"} & terms
    assert "der" in terms  # the English passage's German quote keeps its words: only foreign passages lose them


def test_label_candidates_skip_foreign_function_words() -> None:
    counts = candidate_phrases([SPANISH, SPANISH, PORTUGUESE], base_stop_words()).counts
    assert "se trata" not in counts and "trata se" not in counts
    assert all(not p.split()[0] in {"la", "el", "que", "de", "um", "os"} for p in counts)
