"""The part-of-speech guess labels rest on, read off how a corpus uses each word (no tagger offline)."""

from __future__ import annotations

from litmap.analyse.speech import WordUsage

STOP = frozenset({"the", "a", "an", "of", "in", "and", "to", "is", "are", "was", "it", "we", "can", "from", "that",
                  "this", "has", "been", "how", "its", "on", "for", "with"})


def _usage(*texts: str) -> WordUsage:
    u = WordUsage()
    u.add(list(texts), STOP)
    return u


def test_verbs_are_told_from_nouns_by_their_neighbours():
    u = _usage("It takes time to learn.", "This takes the longest.", "Work takes a toll.", "The takes were long.",
               "Cities can adapt.", "Firms adapt the rules.", "Regulatory change and regulatory frameworks.",
               "A regulatory regime.", "Time matters.", "The time is short.", "Over time, rents rose.")
    assert u.is_verbal("takes") and u.is_verbal("adapt") and not u.is_verbal("time")
    assert u.is_head("time") and not u.is_head("regulatory") and not u.is_head("takes")
    assert not u.opens_phrase("takes time") and u.opens_phrase("time matters")


def test_to_is_as_often_a_preposition():
    u = _usage("Counts move from source zones to target zones.", "Target zones differ.",
               "We draw on Harrison to frame state rescaling.")
    assert not u.is_verbal("target")  # one use in two after "to"
    assert u.is_verbal("frame")  # its only use is after "to"


def test_a_phrase_ends_in_a_noun_that_often_modifies_but_not_in_an_adjective():
    u = _usage("The labor market and labor power.", "A division of labor.", "Labor, they said.",
               "Regional plans, regional policy and regional growth.", "Urban and regional councils.",
               "Regional elites.", "Urban and regional.")
    assert u.phrase("division of labor")
    assert not u.phrase("urban and regional")


def test_participles_open_no_phrase_but_compounds_and_names_may():
    u = _usage("Builders filed building permits.", "State-led gentrification in Seoul.",
               "Rents in the United States rose.", "The United States and Canada.", "The housing market.",
               "Producing graduated sovereignty is costly.")
    assert not u.opens_phrase("filed building permits")
    assert u.opens_phrase("state-led gentrification") and u.opens_phrase("united states")
    assert u.opens_phrase("housing market")  # "the housing": a noun
    assert not u.opens_phrase("producing graduated sovereignty")  # never after a determiner


def test_the_tail_of_a_name_is_no_single_word_label():
    u = _usage("National New Areas grew.", "The National New Areas.", "Pearl River Delta cities.",
               "In the Pearl River Delta.", "Rural areas shrank.")
    heads = u.heads()
    assert "delta" not in heads and "areas" not in heads  # mostly written as a name's last word
    assert "cities" in heads


def test_a_participle_in_eed_ends_no_topic_label():
    from litmap.analyse.topics.phrases import is_label_phrase

    stop = frozenset({"the", "of", "a"})
    assert not is_label_phrase(["free", "the", "refereed"], stop)  # of "free the refereed literature"
    assert not is_label_phrase(["policy", "agreed"], stop)
    assert is_label_phrase(["housing", "need"], stop) and is_label_phrase(["broadband", "speed"], stop)
