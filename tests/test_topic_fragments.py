"""A phrase that is mostly part of a longer one is no label (phrases.PhraseCounts.fragments): the tail of a
longer name ("River Delta"), or a phrase followed by one same word ("clinical psychiatric" + "syndromes")."""

import numpy as np

from litmap.analyse.topics.phrases import candidate_phrases, phrase_labels
from litmap.analyse.topics.words import base_stop_words

DELTAS = [
    "Regional governance in the Yangtze River Delta was planned from above; the Yangtze River Delta plan "
    "set targets for each city of the region.",
    "In the Pearl River Delta, regional governance followed the Pearl River Delta plan of 2008 and the "
    "cooperation of cities across the delta.",
    "Regional governance of the Pearl River Delta and of the Yangtze River Delta differs in its instruments; "
    "regional governance rests on plans.",
    "The Yangtze River Delta region shows regional governance by plans, and regional governance is contested "
    "in the Pearl River Delta.",
]


def test_tails_are_counted_only_after_a_capitalised_word():
    found = candidate_phrases(DELTAS, base_stop_words())
    counts, tails = found.counts, found.name_tails
    assert counts["river delta"] == tails["river delta"] == 8  # every use follows "Yangtze" or "Pearl"
    assert tails["yangtze river delta"] == 0  # "the" before it is a stop word, not part of the name
    assert tails["regional governance"] == 0  # written in lower case, or after a full stop
    found = candidate_phrases(["Most delta regions have a River Delta plan."], base_stop_words())
    assert found.counts["river delta"] == 1 and found.name_tails["river delta"] == 0  # "a" is no part of a name


def test_a_name_cut_in_two_is_no_label():
    texts = DELTAS * 3
    papers = [1, 2, 3, 4] * 3
    topics = [0] * len(texts)
    emb = np.ones((len(texts), 4))
    keywords = {0: [("river", 1.0), ("delta", 1.0), ("regional", 0.5), ("governance", 0.4)]}
    label = phrase_labels(texts, topics, emb, keywords, None, papers=papers)[0]
    assert label.lower() != "river delta"
    assert label in ("Yangtze River Delta", "Pearl River Delta", "regional governance")


SYNDROMES = [
    "Clinical psychiatric syndromes were rated by two clinicians; clinical psychiatric syndromes recur.",
    "We counted clinical psychiatric syndromes in children, and clinical psychiatric syndrome scores rose.",
    "Child symptoms and clinical psychiatric syndromes: symptoms of anxiety were common among the children.",
    "Symptoms of depression and clinical psychiatric syndromes were coded; anxiety symptoms were frequent.",
]


def test_a_phrase_followed_by_one_same_word_is_a_fragment():
    found = candidate_phrases(SYNDROMES + ["Clinical psychiatric work is hard."], base_stop_words())
    assert found.counts["clinical psychiatric"] == 7
    assert found.next_words["clinical psychiatric"]["syndrome"] == 6  # plural folded
    assert "clinical psychiatric" in found.fragments()  # 6 of 7 uses
    assert "psychiatric syndromes" not in found.fragments()  # followed by various words or none
    varied = candidate_phrases(["The rent gap grew.", "A rent gap opened here.", "The rent gap widened.",
                                "The rent gap of Leeds."], base_stop_words())
    assert "rent gap" not in varied.fragments()  # "of" and the end of a sentence are no next word


def test_the_longer_phrase_labels_the_topic():
    texts = SYNDROMES * 3
    papers = [1, 2, 3, 4] * 3
    emb = np.ones((len(texts), 4))
    keywords = {0: [("psychiatric", 1.0), ("clinical", 0.9), ("syndromes", 0.6), ("symptoms", 0.5)]}
    label = phrase_labels(texts, [0] * len(texts), emb, keywords, None, papers=papers)[0]
    assert label.lower() == "clinical psychiatric syndromes"
