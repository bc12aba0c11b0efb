"""Topics are themes of several papers: single-paper clusters merge, labels speak for the topic's papers,
and names local to one paper (a transcript's respondents) are never keywords (docs/topics.md)."""

from __future__ import annotations

from collections import Counter

import numpy as np
from scipy.sparse import csr_matrix

from litmap.analyse.topics.describe import absorb_single_paper, describe
from litmap.analyse.topics.phrases import phrase_labels
from litmap.analyse.topics.words import build_vocabulary


def _themes_with_one_paper_cluster():
    """3 themes spread over 6 papers (2 fine clusters each) and a 4th cluster drawn from paper 5 alone."""
    rng = np.random.default_rng(1)
    rows, clusters, emb, papers = [], [], [], []
    for c in range(7):
        theme = c // 2  # clusters 0-5: themes 0-2; cluster 6: theme 3, one paper
        for i in range(30):
            row = np.zeros(52)
            row[rng.choice(np.arange(theme * 13, theme * 13 + 13), 6)] += 1
            rows.append(row)
            clusters.append(c)
            e = np.zeros(8)
            e[theme] = 1.0
            emb.append(e + rng.normal(0, 0.05, 8))
            papers.append(5 if c == 6 else i % 5)
    return clusters, csr_matrix(np.asarray(rows)), [f"w{i}" for i in range(52)], np.asarray(emb), papers


def _top_share(topics, papers):
    out = {}
    for t in set(topics) - {-1}:
        c = Counter(p for p, x in zip(papers, topics) if x == t)
        out[t] = max(c.values()) / sum(c.values())
    return out


def test_single_paper_cluster_merges_into_a_theme():
    clusters, matrix, terms, emb, papers = _themes_with_one_paper_cluster()
    kept = describe(clusters, matrix, terms, emb, top_n=5, papers=papers, max_paper_share=1.0)
    assert max(_top_share(kept.topics, papers).values()) == 1.0  # without the rule: a one-paper topic
    d = describe(clusters, matrix, terms, emb, top_n=5, papers=papers, max_paper_share=0.8)
    shares = _top_share(d.topics, papers)
    assert shares and max(shares.values()) <= 0.8 and len(shares) >= 2
    fixed = describe(clusters, matrix, terms, emb, top_n=5, n_topics=3, papers=papers, max_paper_share=0.8)
    assert len(set(fixed.topics)) == 3 and max(_top_share(fixed.topics, papers).values()) <= 0.8


def test_single_paper_rule_needs_four_papers_and_keeps_two_groups():
    clusters, matrix, terms, emb, papers = _themes_with_one_paper_cluster()
    few = [0 if p < 5 else 1 for p in papers]  # 2 papers: the rule is off
    d = describe(clusters, matrix, terms, emb, top_n=5, papers=few, max_paper_share=0.8)
    assert max(_top_share(d.topics, few).values()) == 1.0
    # Every group single-paper: merging stops at two groups.
    groups = absorb_single_paper(np.array([1, 2, 3, 4]), np.eye(4), np.eye(4), np.eye(4) * 10, 0.8)
    assert int(groups.max()) == 2 and sorted(set(groups.tolist())) == [1, 2]


def test_speakers_names_in_quoted_interviews_are_not_keywords():
    texts, papers = [], []
    for paper in range(5):
        for i in range(6):
            text = f"Residents of Cairo describe the condo market and rents in block {i}."
            if paper == 0:
                text += (" It feels comfortable living downtown with a condo and a barbeque. (Sandra, age 28)"
                         " Sandra likes the barbeque.\nNote: the condo business started downtown.")
            texts.append(text)
            papers.append(paper)
    texts.append("A note on the condo market.")  # "note" is an ordinary word
    papers.append(4)
    vocab = build_vocabulary(texts, papers)
    assert vocab.speaker_names == ("sandra",)  # not Cairo (a place), not Note (lower case elsewhere)
    assert "age" not in vocab.terms and "sandra age" not in vocab.terms  # the attribution is not counted
    banned = {vocab.terms[i] for i in vocab.not_keywords()}
    assert "sandra" in banned and any(" " in t and "sandra" in t for t in banned) and "cairo" not in banned
    topics = [0 if p == 0 else 1 for p in papers]
    d = describe(topics, vocab.matrix, vocab.terms, np.eye(len(texts))[:, :8] + 0.1, top_n=10,
                 exclude=vocab.not_keywords())
    assert all("sandra" not in w for ws in d.keywords.values() for w, _ in ws)
    with_name = describe(topics, vocab.matrix, vocab.terms, np.eye(len(texts))[:, :8] + 0.1, top_n=10)
    assert any("sandra" in w for ws in with_name.keywords.values() for w, _ in ws)  # the test can fail


def test_label_is_a_phrase_the_topics_papers_share():
    texts, papers = [], []
    for i in range(12):  # paper 0 repeats its committee; both papers write about state rescaling
        extra = " The management committee met, the management committee decided." * 2 if i < 6 else ""
        # the verb after the phrase varies, as in real text (one same word after it would make it a fragment)
        verb = ("reshapes", "recasts", "reorders")[i % 3]
        texts.append(f"State rescaling {verb} regional governance in zone {i}.{extra} Actors cooperate.")
        papers.append(0 if i < 6 else 1)
    for i in range(12):
        texts.append(f"Areal interpolation of census counts between source zones, case {i}. Areal weighting.")
        papers.append(2 + i % 3)
    topics = [0] * 12 + [1] * 12
    emb = np.asarray([[1.0, 0.0]] * 12 + [[0.0, 1.0]] * 12)
    kw = {0: [("management", 1.0), ("state", 0.9), ("rescaling", 0.8), ("committee", 0.7)],
          1: [("areal", 1.0), ("interpolation", 0.9)]}
    # By frequency alone "management committee" (24 uses, one paper) would win over "state rescaling" (12, two).
    assert phrase_labels(texts, topics, emb, kw, None, papers=papers)[0].lower() == "state rescaling"


def test_topics_from_one_paper_are_marked():
    from litmap.analyse.topics.model import ONE_PAPER, single_paper_topics

    topics = [0] * 10 + [1] * 10 + [2] * 10
    papers = [0, 1, 2, 3, 4] * 2 + [5] * 9 + [0] + [6] * 8 + [1, 2]
    assert single_paper_topics(topics, papers, 0.8) == [1]  # 9/10 from paper 5; topic 2: 8/10, not more
    assert single_paper_topics(topics, papers, 1.0) == []  # switched off
    assert single_paper_topics(topics[:20], [0] * 10 + [1] * 10, 0.8) == []  # under 4 papers: off
    assert ONE_PAPER == "(mostly one paper)"


def test_a_phrase_holding_the_topics_defining_word_outranks_two_lesser_keywords():
    # Both phrases are shared by the same papers as often; "public and private" is made of two lesser keywords,
    # "rent gap" holds the topic's top one: keywords weigh as their scores, not as a count.
    texts, papers = [], []
    for i in range(12):
        verb = ("widened", "grew", "opened")[i % 3]  # varied, as in real text (see above)
        texts.append(f"The rent gap {verb} in district {i}. Public and private actors met. Landlords and tenants argued.")
        papers.append(i % 3)
    for i in range(12):
        texts.append(f"Areal interpolation of census counts between source zones, case {i}. Areal weighting.")
        papers.append(3 + i % 3)
    topics = [0] * 12 + [1] * 12
    emb = np.asarray([[1.0, 0.0]] * 12 + [[0.0, 1.0]] * 12)
    kw = {0: [("rent", 1.0), ("public", 0.3), ("private", 0.3), ("gap", 0.25), ("landlords", 0.2)],
          1: [("areal", 1.0), ("interpolation", 0.9)]}
    assert phrase_labels(texts, topics, emb, kw, None, papers=papers)[0].lower() == "rent gap"


def _half_interpolation_corpus(one_paper: bool = False):
    """Topic 0: areal-interpolation passages of six papers (or of one), whose defining words are corpus-wide
    and so no keyword; topic 1: state rescaling passages of three papers, three of them naming areal data."""
    texts, papers = [], []
    for i in range(18):
        texts.append(f"Areal interpolation moves census counts from source zones to target zones, case {i}. "
                     "Areal interpolation errors grow with zone size; areal interpolation is hard. Target zones differ.")
        papers.append(0 if one_paper else i % 6)
    for i in range(9):
        texts.append(f"State rescaling reshapes regional governance in region {i}." + (" Areal data aside." if i < 3 else ""))
        papers.append(6 + i % 3)
    topics = [0] * 18 + [1] * 9
    emb = np.asarray([[1.0, 0.0]] * 18 + [[0.0, 1.0]] * 9)
    kw = {0: [("target", 1.0), ("zones", 0.9), ("census", 0.5)], 1: [("state", 1.0), ("rescaling", 0.9)]}
    return texts, topics, emb, kw, papers


def test_a_corpus_wide_word_still_labels_the_topic_that_holds_it():
    texts, topics, emb, kw, papers = _half_interpolation_corpus()
    wide = ("areal", "interpolation")
    assert phrase_labels(texts, topics, emb, kw, None, papers=papers)[0].lower() == "target zones"  # can fail
    assert phrase_labels(texts, topics, emb, kw, None, papers=papers, corpus_terms=wide)[0].lower() == \
        "areal interpolation"


def test_a_corpus_wide_word_one_paper_repeats_labels_nothing():
    texts, topics, emb, kw, papers = _half_interpolation_corpus(one_paper=True)
    papers = [p if k >= 18 or k % 3 else 9 + k for k, p in enumerate(papers)]  # a few other papers, rarely
    label = phrase_labels(texts, topics, emb, kw, None, papers=papers, corpus_terms=("areal", "interpolation"))[0]
    assert label.lower() == "target zones"
