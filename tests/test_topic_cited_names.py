"""Surnames the passages cite are no label words (words._cited_names, phrases via model.fit_core)."""

from litmap.analyse.topics.phrases import phrase_labels
from litmap.analyse.topics.words import build_vocabulary

import numpy as np

CITING = [
    "Davidson and Lees (2005) describe new-build gentrification on the riverside; new-build gentrification "
    "displaces in the neighbourhood (Davidson & Lees, 2010). The industrial park nearby is closing.",
    "As Davidson and Lees (2010) argue, new-build gentrification is gentrification; Lees et al. (2008) agree, "
    "and the science park is a symbol of new-build gentrification in Helsinki.",
    "New-build gentrification in London (Davidson and Lees 2005; Butler, 2003) draws middle-class buyers; "
    "Helsinki builds a park of its own, and in Helsinki the city (City of Helsinki, 2015) plans more.",
    "Helsinki and its new-build gentrification: Davidson and Lees (2005) saw the same in London, and in "
    "Helsinki the park is public.",
]


def test_surnames_in_citations_are_found_places_and_words_are_not():
    v = build_vocabulary(CITING, [1, 2, 3, 4])
    assert {"davidson", "lees"} <= set(v.cited_names)
    # cited once ("City of Helsinki, 2015") but named far more often elsewhere; "park" is a word
    assert "helsinki" not in v.cited_names and "park" not in v.cited_names
    assert "butler" not in v.cited_names  # cited once only


def test_a_label_is_no_pair_of_surnames():
    texts = CITING * 3
    papers = [1, 2, 3, 4] * 3
    v = build_vocabulary(texts, papers)
    topics = [0] * len(texts)
    emb = np.ones((len(texts), 4))
    keywords = {0: [("davidson", 1.0), ("lees", 0.9), ("gentrification", 0.8), ("new-build", 0.7)]}
    plain = phrase_labels(texts, topics, emb, keywords, None, papers=papers)
    named = phrase_labels(texts, topics, emb, keywords, None, papers=papers, undefined_acronyms=v.cited_names)
    assert plain[0].lower() == "davidson and lees"  # what a label was without the names
    assert named[0].lower() == "new-build gentrification"
