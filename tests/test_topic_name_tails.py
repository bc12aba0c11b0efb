"""A phrase used mostly as the tail of a longer name is no label (phrases.candidate_phrases' tails)."""

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
    counts, _, tails = candidate_phrases(DELTAS, base_stop_words())
    assert counts["river delta"] == tails["river delta"] == 8  # every use follows "Yangtze" or "Pearl"
    assert tails["yangtze river delta"] == 0  # "the" before it is a stop word, not part of the name
    assert tails["regional governance"] == 0  # written in lower case, or after a full stop
    counts, _, tails = candidate_phrases(["Most delta regions have a River Delta plan."], base_stop_words())
    assert counts["river delta"] == 1 and tails["river delta"] == 0  # "a" is no part of a name


def test_a_name_cut_in_two_is_no_label():
    texts = DELTAS * 3
    papers = [1, 2, 3, 4] * 3
    topics = [0] * len(texts)
    emb = np.ones((len(texts), 4))
    keywords = {0: [("river", 1.0), ("delta", 1.0), ("regional", 0.5), ("governance", 0.4)]}
    label = phrase_labels(texts, topics, emb, keywords, None, papers=papers)[0]
    assert label.lower() != "river delta"
    assert label in ("Yangtze River Delta", "Pearl River Delta", "regional governance")
