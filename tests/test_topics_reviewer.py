"""Topics a reviewer can use: stop words, acronyms, automatic count, phrase labels, labels file, new topics."""

from __future__ import annotations

from dataclasses import replace

import pytest

from litmap.analyse.topics import TopicSettings, save_topic_result
from litmap.analyse.topics.describe import count_range, describe
from litmap.analyse.topics.labels_file import apply_labels, labels_template, read_labels
from litmap.analyse.topics.phrases import is_label_phrase
from litmap.analyse.topics.words import FILLER_WORDS, base_stop_words, build_vocabulary, find_acronyms
from litmap.errors import InputError

from test_topics import _ADDED, DRIFT, _add_paper, _emb, _fit, _two_theme_store, _update


@pytest.mark.parametrize("word", ["cent", "per", "et", "al", "pp", "vol", "like", "don't", "think", "yeah",
                                  "it's", "wiley"])
def test_filler_and_transcript_words_are_stop_words(word):
    assert word in base_stop_words() and word in FILLER_WORDS


def test_vocabulary_drops_fillers_undefined_acronyms_and_corpus_wide_terms():
    texts = []
    for paper in range(6):
        texts += [f"Gentrification in the BTZGCTT zone, like, don’t think so, 20 per cent of landlords {paper}.",
                  "Gentrification and the Business Improvement District (BID) reshape retail streets.",
                  f"Displacement of tenants by gentrification near BID offices {paper}.",
                  "Tenants face eviction and rent increases in the gentrifying neighbourhood."]
    vocab = build_vocabulary(texts, [i // 4 for i in range(len(texts))])
    terms = set(vocab.terms)
    assert not terms & {"like", "don't", "think", "cent", "per", "btzgctt"}
    assert "gentrification" in vocab.corpus_terms and "gentrification" not in terms
    assert vocab.acronyms == {"bid": "Business Improvement District"} and "bid" not in vocab.undefined_acronyms
    assert "btzgctt" in vocab.undefined_acronyms


def test_acronyms_spelled_out_either_way():
    defined, undefined = find_acronyms(["The ZGC (Zhongguancun Global City) grew.", "ZGC again, and NNA too.",
                                        "NNA once more."])
    assert defined == {"zgc": "Zhongguancun Global City"} and undefined == {"nna"}


@pytest.mark.parametrize("phrase,ok", [
    ("areal interpolation methods", True), ("politics of the city", True), ("state-led gentrification", True),
    ("like think", False), ("per cent landlords", False), ("of the city", False), ("urban political", False),
    ("change in changes", False), ("cape own's", False), ("really big city", False),
])
def test_label_phrase_filter(phrase, ok):
    assert is_label_phrase(phrase.split(), base_stop_words()) is ok


def test_automatic_count_merges_near_duplicate_clusters():
    import numpy as np
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(40)]
    rows, clusters, emb = [], [], []
    # 6 fine clusters, pairs of which share one word distribution (3 real themes).
    for c in range(6):
        theme = c // 2
        for _ in range(30):
            row = np.zeros(40)
            row[rng.choice(np.arange(theme * 13, theme * 13 + 13), 6)] += 1
            rows.append(row)
            clusters.append(c)
            e = np.zeros(8)
            e[theme] = 1.0
            emb.append(e + rng.normal(0, 0.05, 8))
    d = describe(clusters, csr_matrix(np.asarray(rows)), vocab, np.asarray(emb), top_n=5)
    assert len(set(d.topics)) <= 3 and d.scanned  # the 6 clusters of 3 themes merge
    words = [[w for w, _ in ws] for ws in d.keywords.values()]
    assert all(len(set(a) & set(b)) <= 3 for i, a in enumerate(words) for b in words[i + 1:])
    fixed = describe(clusters, csr_matrix(np.asarray(rows)), vocab, np.asarray(emb), top_n=5, n_topics=5)
    assert len(set(fixed.topics)) == 5
    assert count_range(1000, 40) == (4, 13) and count_range(30000, 500)[1] == 50


def test_labels_file_renames_and_merges_and_survives_refresh(db_path, tmp_path):
    with _two_theme_store(db_path) as store:
        old = _fit(store, replace(DRIFT, n_clusters=3, nr_topics=3), embedder=_emb())
        assert len(old.topics) == 3
        ids = sorted(t.id for t in old.topics)
        path = tmp_path / "topics.yaml"
        path.write_text(f"rename:\n  {ids[0]}: My theme\nmerge:\n  {ids[2]}: {ids[1]}\n", encoding="utf-8")
        labels = read_labels(path)
        merged = apply_labels(old, labels)
        assert {t.id for t in merged.topics} == {ids[0], ids[1]}
        assert merged.topic(ids[0]).label == "My theme"
        assert merged.topic(ids[1]).size == old.topic(ids[1]).size + old.topic(ids[2]).size
        assert all(a.topic != ids[2] for a in merged.assignments)
        save_topic_result(store.conn, merged)
        _add_paper(store.conn, 80, "rescaling", 4, seed=80)
        again = apply_labels(_update(store, replace(DRIFT, n_clusters=3, nr_topics=3), embedder=_emb()), labels)
    assert again.topic(ids[0]).label == "My theme" and {t.id for t in again.topics} == {ids[0], ids[1]}
    assert "rename:" in labels_template(again)


def test_labels_file_errors_say_how_to_fix(tmp_path):
    bad = tmp_path / "topics.yaml"
    bad.write_text("rename:\n  three: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="topic ids are numbers"):
        read_labels(bad)
    bad.write_text("merge:\n  1: 2\n  2: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="circle"):
        read_labels(bad)
    assert read_labels(tmp_path / "absent.yaml").merge == {}


def test_refresh_forms_a_new_topic_from_poorly_fitting_passages(db_path):
    with _two_theme_store(db_path) as store:
        old = _fit(store, DRIFT, embedder=_emb())
        save_topic_result(store.conn, old)
        for d in (60, 61):
            _add_paper(store.conn, d, "assemblage", 10, seed=d)
        new = _update(store, replace(DRIFT, refit_unfit=1.0, refit_growth=0), embedder=_emb())
    assert new.refit_reason is None
    fresh = {t.id for t in new.topics} - {t.id for t in old.topics}
    assert fresh and all(new.topic(f).emerging and new.topic(f).size >= DRIFT.min_topic_size for f in fresh)
    assert {max(new.mixtures[d], key=new.mixtures[d].get) for d in (60, 61)} <= fresh
    words = {w for f in fresh for w, _ in new.topic(f).keywords}
    assert words & set("assemblage actor network materiality relational ontology".split())
    # old topics keep their ids and labels
    assert {o.id: o.label for o in old.topics}.items() <= {x.id: x.label for x in new.topics}.items()


def test_run_passes_the_topic_count_and_a_new_count_refits(db_path):
    from litmap.batch.ingest import IngestSummary
    from litmap.pipeline import RunSettings, RunSummary, _topics
    from litmap.store.topics import load_topic_result

    with _two_theme_store(db_path) as store:
        for d in (60, 61):
            _add_paper(store.conn, d, "assemblage", 10, seed=d)
        first = RunSummary(run_id=0, ingest=IngestSummary())
        _topics(store, RunSettings(topic_model="hashing-64", nr_topics=2), True, first, None)
        assert (first.topics, first.topic_mode) == (2, "fit")
        same = RunSummary(run_id=0, ingest=IngestSummary())
        _topics(store, RunSettings(topic_model="hashing-64", nr_topics=2), False, same, None)
        assert same.topic_mode == "unchanged"
        more = RunSummary(run_id=0, ingest=IngestSummary())
        _topics(store, RunSettings(topic_model="hashing-64", nr_topics=3), False, more, None)
        assert (more.topics, more.topic_mode) == (3, "refit")
        assert load_topic_result(store.conn).settings["nr_topics"] == 3


def test_topic_count_ties_go_to_the_map_without_a_catch_all_topic():
    from litmap.analyse.topics.describe import SCORE_TIE, _chosen_count

    # (score, count, largest topic's share of passages), as the scan over counts records them.
    excite_like = [(0.7573, 7, 0.789), (0.7754, 15, 0.388), (0.7632, 16, 0.232), (0.7750, 21, 0.212)]
    assert _chosen_count(excite_like) == 21  # 0.0004 below the best: a tie, and no topic of 39%
    clear = [(0.6979, 9, 0.616), (0.6705, 13, 0.475)]
    assert _chosen_count(clear) == 9  # a real difference in score is not overruled by balance
    assert _chosen_count([(0.70, 8, 0.5), (0.70 - SCORE_TIE, 12, 0.5)]) == 8  # same share: the better score


def test_papers_read_by_an_ingest_of_their_own_join_the_map_on_the_next_run(db_path):
    """`litmap ingest` alone, then `litmap run`: the run's ingest finds nothing new, but the map lacked the
    papers read in between; the run refreshes it (it said "topics: (unchanged)" and left them out)."""
    from litmap.batch.ingest import IngestSummary
    from litmap.pipeline import RunSettings, RunSummary, _topics
    from litmap.store.topics import documents_changed_since_fit, load_topic_result

    with _two_theme_store(db_path) as store:
        first = RunSummary(run_id=0, ingest=IngestSummary())
        _topics(store, RunSettings(topic_model="hashing-64", nr_topics=2), True, first, None)
        assert first.topic_mode == "fit" and not documents_changed_since_fit(store.conn)
        later = "2999-01-01T00:00:00+00:00"  # read after the fit
        for d in (60, 61):
            _add_paper(store.conn, d, "assemblage", 10, seed=d)
            store.conn.execute("UPDATE documents SET added_at=?, updated_at=? WHERE id=?", (later, later, d))
        assert documents_changed_since_fit(store.conn)
        before = {a.doc_id for a in load_topic_result(store.conn).assignments}
        assert not before & {60, 61}
        run = RunSummary(run_id=0, ingest=IngestSummary())
        _topics(store, RunSettings(topic_model="hashing-64", nr_topics=2), False, run, None)
        assert run.topic_mode in ("refresh", "refit (drift)")  # a new theme of 20 passages may drift it
        assert {a.doc_id for a in load_topic_result(store.conn).assignments} >= {60, 61}
        store.conn.execute("UPDATE documents SET added_at=?, updated_at=? WHERE id IN (60, 61)", (_ADDED, _ADDED))
        store.conn.execute("UPDATE documents SET status='removed', removed_at=? WHERE id=1", (later,))
        assert documents_changed_since_fit(store.conn)  # a removed paper leaves the map too
