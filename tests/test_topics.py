"""Topic modelling on small synthetic stores (tiny hashing embedder unless stated)."""

from __future__ import annotations

import hashlib
import os
import random
from dataclasses import replace

import pytest

from litmap.analyse.topics import (
    FULL_MODEL,
    HashingEmbedder,
    TooFewPassages,
    TopicSettings,
    fit_topics,
    load_topic_result,
    make_passages,
    npmi_coherence,
    save_topic_result,
    topic_diversity,
    update_topics,
)
from litmap.analyse.topics.passages import split_chunks
from litmap.store.db import Store
from litmap.store.topics import EmbeddingCache, iter_body_paragraphs

THEMES = {
    "rescaling": "state rescaling territory governance scale regulation neoliberal spatial strategy "
                 "metropolitan region competitiveness national urban policy devolution".split(),
    "gentrification": "gentrification displacement housing rent tenants neighbourhood eviction "
                      "landlords renovation working-class residents property market".split(),
    "assemblage": "assemblage actor network materiality relational ontology heterogeneous "
                  "human nonhuman agency practices becoming socio-material".split(),
}
FILLER = "the of and in to a is that this which with for as on by".split()


def _paragraph(rng: random.Random, theme: str, n_words: int = 60) -> str:
    words = [rng.choice(THEMES[theme]) if rng.random() < 0.55 else rng.choice(FILLER)
             for _ in range(n_words)]
    sentences = [" ".join(words[i:i + 12]).capitalize() + "." for i in range(0, n_words, 12)]
    return " ".join(sentences)


#: When the fixture's papers were read: before any fit of a test (the next run refreshes papers read after it).
_ADDED = "2000-01-01T00:00:00+00:00"


def _add_paper(conn, doc_id: int, theme: str, n_paras: int, seed: int, year: int = 2010,
               journal: str = "Urban Studies") -> None:
    rng = random.Random(seed)
    conn.execute(
        "INSERT INTO documents(id, sha256, path, status, added_at, updated_at) VALUES (?,?,?,?,?,?)",
        (doc_id, f"sha{doc_id}", f"/p/{doc_id}.pdf", "ok", _ADDED, _ADDED),
    )
    conn.execute("INSERT INTO metadata(document_id, year, journal) VALUES (?,?,?)", (doc_id, year, journal))
    conn.execute("INSERT INTO sections(document_id, idx, kind) VALUES (?,0,'body')", (doc_id,))
    conn.execute("INSERT INTO sections(document_id, idx, kind) VALUES (?,1,'references')", (doc_id,))
    idx = 0
    for i in range(n_paras):
        text = _paragraph(rng, theme)
        conn.execute(
            "INSERT INTO paragraphs(document_id, idx, section_idx, kind, page, text, text_hash) "
            "VALUES (?,?,?,?,?,?,?)",
            (doc_id, idx, 0, "body", 1 + i // 4, text, hashlib.sha1(text.encode()).hexdigest()),
        )
        idx += 1
    # Things that must never become passages.
    for sec, kind, text in [
        (1, "body", "Brenner N (2004) New State Spaces. Oxford University Press. " * 6),
        (0, "caption", "Figure 1. Map of the study area showing rescaling of governance. " * 5),
        (0, "body", "Too short to count."),
    ]:
        conn.execute(
            "INSERT INTO paragraphs(document_id, idx, section_idx, kind, page, text, text_hash) "
            "VALUES (?,?,?,?,?,?,?)",
            (doc_id, idx, sec, kind, 1, text, hashlib.sha1(text.encode()).hexdigest()),
        )
        idx += 1


def _store(path: str, papers: int = 6, paras: int = 14) -> Store:
    store = Store(path, write=True)
    themes = list(THEMES)
    for d in range(papers):
        _add_paper(store.conn, d + 1, themes[d % 3], paras, seed=d, year=2000 + d,
                   journal=["Urban Studies", "Antipode"][d % 2])
    return store


FAST = TopicSettings(model="hashing-64", min_chars=100, small_corpus=300, n_clusters=3)


def _emb():
    return HashingEmbedder(64, seed=42)


def _fit(store: Store, settings: TopicSettings, **kw):
    """fit_topics over the store's paragraphs and embedding cache, as `litmap topics` runs it."""
    return fit_topics(iter_body_paragraphs(store.conn), settings, cache=EmbeddingCache(store.conn), **kw)


def _update(store: Store, settings: TopicSettings, **kw):
    """update_topics of the stored result, as `litmap topics --refresh/--refit` runs it."""
    return update_topics(load_topic_result(store.conn), iter_body_paragraphs(store.conn), settings,
                         cache=EmbeddingCache(store.conn), **kw)


def test_passages_exclude_references_captions_and_short(db_path):
    with _store(db_path, papers=2, paras=3) as store:
        ps = make_passages(iter_body_paragraphs(store.conn), min_chars=100)
    assert len(ps) == 6
    assert all("Brenner" not in p.text and "Figure 1" not in p.text for p in ps)
    assert {p.year for p in ps} == {2000, 2001}
    assert all(p.text_hash == hashlib.sha1(p.text.encode()).hexdigest() for p in ps)


def test_split_chunks_at_sentence_boundaries():
    text = " ".join(f"Sentence number {i} says something about rescaling." for i in range(80))
    chunks = split_chunks(text, 1000)
    assert len(chunks) > 2
    assert all(c.endswith(".") for c in chunks)
    assert all(len(c) <= 1500 for c in chunks)
    assert " ".join(chunks) == text
    assert split_chunks("Short one.", 1000) == ["Short one."]


@pytest.mark.requires("bertopic")
def test_fit_is_deterministic_and_finds_the_themes(db_path):
    with _store(db_path) as store:
        a = _fit(store, FAST, embedder=_emb())
        b = _fit(store, FAST, embedder=_emb())
    assert [x.topic for x in a.assignments] == [x.topic for x in b.assignments]
    assert [t.keywords for t in a.topics] == [t.keywords for t in b.topics]
    assert a.fallback and "KMeans" in a.fallback
    # Every paper is dominated by one topic, and papers of one theme share it.
    main = {d: max(m, key=m.get) for d, m in a.mixtures.items()}
    assert main[1] == main[4] and main[2] == main[5] and main[3] == main[6]
    assert len({main[1], main[2], main[3]}) == 3
    words = {part for t in a.topics for w, _ in t.keywords for part in w.split()}
    assert "gentrification" in words and "assemblage" in words
    assert not words & {"paper", "et", "al", "study"}
    t = a.topic(main[2])
    assert t.representatives and all(r.doc_id in (2, 5) for r in t.representatives)
    assert {y for _, y, _ in a.over_time} == set(range(2000, 2006))
    assert {j for _, j, _ in a.per_journal} == {"Urban Studies", "Antipode"}
    assert 0 < a.quality["diversity"] <= 1 and -1 <= a.quality["npmi"] <= 1


@pytest.mark.requires("bertopic")
def test_embeddings_are_cached(db_path):
    with _store(db_path) as store:
        first = _fit(store, FAST, embedder=_emb())
        second = _fit(store, FAST, embedder=_emb())
        n_rows = store.conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
    assert first.n_embedded == len(first.assignments) == n_rows
    assert second.n_embedded == 0


@pytest.mark.requires("bertopic")
def test_save_and_load_round_trip(db_path):
    with _store(db_path) as store:
        result = _fit(store, FAST, embedder=_emb())
        save_topic_result(store.conn, result)
        assert load_topic_result(store.conn) == result


@pytest.mark.requires("bertopic")
def test_refresh_keeps_ids_and_assigns_new_passages(db_path):
    with _store(db_path) as store:
        old = _fit(store, FAST, embedder=_emb())
        save_topic_result(store.conn, old)
        _add_paper(store.conn, 99, "gentrification", 8, seed=99, year=2020)
        new = _update(store, FAST, embedder=_emb())
    assert new.n_embedded == 8
    before = {a.key: a.topic for a in old.assignments}
    assert all(before[a.key] == a.topic for a in new.assignments if a.key in before)
    gent = max(old.mixtures[2], key=old.mixtures[2].get)
    assert max(new.mixtures[99], key=new.mixtures[99].get) == gent
    assert {t.id: t.label for t in new.topics} == {t.id: t.label for t in old.topics}


@pytest.mark.requires("bertopic")
def test_refit_matches_old_topics(db_path):
    with _store(db_path) as store:
        old = _fit(store, FAST, embedder=_emb())
        save_topic_result(store.conn, old)
        # Labels stored by an older litmap (top keywords), and one a reviewer set in topics.yaml.
        stale = replace(old, topics=tuple(replace(t, label=", ".join(w for w, _ in t.keywords[:3]) + " (old)")
                                          for t in old.topics))
        save_topic_result(store.conn, stale)
        _add_paper(store.conn, 99, "assemblage", 8, seed=99)
        heard: list = []
        new = _update(store, FAST, embedder=_emb(), refit=True, progress=heard.append)
        fresh = _fit(store, FAST, embedder=_emb())
    # the refit's clustering is reported as its own steps (the run's stage timing puts it under topics)
    assert "reducing and clustering" in [e.message for e in heard if e.stage == "cluster"]
    old_main = {d: max(m, key=m.get) for d, m in old.mixtures.items()}
    new_main = {d: max(m, key=m.get) for d, m in new.mixtures.items() if d in old_main}
    assert new_main == old_main  # the three themes keep their ids
    kept = {t.id for t in new.topics if not t.emerging}
    assert {old_main[1], old_main[2], old_main[3]} <= kept
    # Automatic labels are recomputed (the refit's phrases, as a fresh fit gives them) ...
    assert not any(t.label.endswith("(old)") for t in new.topics)
    assert sorted(t.label for t in new.topics) == sorted(t.label for t in fresh.topics)
    # ... and only a reviewer's rename, applied by id after the refit, lasts.
    from litmap.analyse.topics.labels_file import TopicLabels, apply_labels

    renamed = apply_labels(new, TopicLabels(rename={old_main[2]: "Gentrification and displacement"}))
    assert renamed.topic(old_main[2]).label == "Gentrification and displacement"


def test_refresh_without_stored_model_says_what_to_do(db_path):
    from litmap.errors import AnalysisError

    with _store(db_path) as store:
        with pytest.raises(AnalysisError, match="litmap topics"):
            _update(store, FAST, embedder=_emb())


def test_tiny_corpus_gets_a_clear_message(db_path):
    with _store(db_path, papers=1, paras=3) as store:
        with pytest.raises(TooFewPassages, match="ingest more papers"):
            _fit(store, FAST, embedder=_emb())


@pytest.mark.requires("bertopic")
def test_three_papers_fall_back_to_kmeans(db_path):
    settings = TopicSettings(model="hashing-64", min_chars=100)
    with _store(db_path, papers=3, paras=5) as store:
        result = _fit(store, settings, embedder=_emb())
    assert result.clusterer == "pca-kmeans" and "KMeans" in result.fallback
    assert len(result.topics) >= 2
    assert -1 not in {a.topic for a in result.assignments}


@pytest.mark.requires("bertopic")
def test_umap_hdbscan_path(db_path):
    settings = TopicSettings(model="hashing-64", min_chars=100, small_corpus=100, min_topic_size=8)
    with _store(db_path, papers=9, paras=14) as store:
        a = _fit(store, settings, embedder=_emb())
        b = _fit(store, settings, embedder=_emb())
    assert a.clusterer == "umap-hdbscan" and a.fallback is None
    assert [x.topic for x in a.assignments] == [x.topic for x in b.assignments]
    assert len(a.topics) >= 3
    assert a.quality["outlier_share"] < 0.2


def test_quality_measures():
    docs = ["housing rent tenants", "housing rent", "scale state", "scale state regulation"]
    assert npmi_coherence([["housing", "rent"]], docs) == pytest.approx(1.0)
    assert npmi_coherence([["housing", "state"]], docs) == -1.0
    assert topic_diversity([["a", "b"], ["b", "c"]]) == 0.75


def test_settings_are_validated():
    with pytest.raises(ValueError, match="clusterer"):
        TopicSettings(clusterer="magic")
    with pytest.raises(ValueError, match="min_topic_size"):
        TopicSettings(min_topic_size=1)
    s = TopicSettings(extra_stop_words=("urban",))
    assert TopicSettings.from_dict(s.to_dict()) == s and "urban" in s.stop_words()


@pytest.mark.requires("bertopic", "sentence_transformers")
def test_real_default_model_offline(db_path, monkeypatch):
    """The bundled all-MiniLM-L6-v2 loads and embeds with the network off."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    settings = TopicSettings(model=FULL_MODEL, min_chars=100, max_seq_length=128)
    with _store(db_path, papers=3, paras=4) as store:
        result = _fit(store, settings)
    assert result.dim == 384 and result.model == f"{FULL_MODEL}@128"
    assert len(result.topics) >= 2


@pytest.mark.requires("sentence_transformers")
def test_unknown_model_offline_says_how_to_fix(tmp_path):
    """HF_HUB_OFFLINE is read when huggingface_hub is imported: check it in a fresh process."""
    import subprocess
    import sys

    code = (
        "from litmap.errors import MissingDependency\n"
        "from litmap.analyse.topics import SentenceTransformerEmbedder\n"
        "try:\n    SentenceTransformerEmbedder('no-such-org/no-such-model-xyz')\n"
        "except MissingDependency as e:\n    print(e)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert "HF_HUB_OFFLINE=1 is set" in out.stdout and "local directory" in out.stdout, out.stderr[-2000:]


@pytest.mark.requires("bertopic", "model2vec")
@pytest.mark.slow
def test_static_default_model_distils_offline(db_path, monkeypatch, tmp_path):
    """minilm-static: distilled from the bundled weights with no network (20 s to minutes)."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("LITMAP_CACHE_DIR", str(tmp_path / "cache"))
    with _store(db_path, papers=3, paras=4) as store:
        result = _fit(store, TopicSettings(min_chars=100))
    assert result.model.startswith("minilm-static") and len(result.topics) >= 2


def _two_theme_store(path: str) -> Store:
    store = Store(path, write=True)
    for d in range(6):
        _add_paper(store.conn, d + 1, ["rescaling", "gentrification"][d % 2], 14, seed=d, year=2000 + d)
    return store


DRIFT = TopicSettings(model="hashing-64", min_chars=100, small_corpus=300, n_clusters=2, min_topic_size=5)


@pytest.mark.requires("bertopic")
def test_small_refresh_stays_a_refresh_and_reports_drift(db_path):
    with _two_theme_store(db_path) as store:
        old = _fit(store, DRIFT, embedder=_emb())
        assert old.fitted_passages == len(old.assignments) and old.drift() == {"growth": 0.0, "unfit": 0.0}
        save_topic_result(store.conn, old)
        _add_paper(store.conn, 50, "rescaling", 6, seed=50)
        new = _update(store, DRIFT, embedder=_emb())
        save_topic_result(store.conn, new)
        assert load_topic_result(store.conn) == new
    assert new.refit_reason is None
    assert new.fitted_passages == old.fitted_passages
    assert new.drift()["growth"] == round(6 / old.fitted_passages, 4)
    assert {t.id for t in new.topics} == {t.id for t in old.topics}


@pytest.mark.requires("bertopic")
def test_new_theme_passing_the_unfit_threshold_triggers_a_refit(db_path):
    with _two_theme_store(db_path) as store:
        old = _fit(store, DRIFT, embedder=_emb())
        save_topic_result(store.conn, old)
        for d in (60, 61):
            _add_paper(store.conn, d, "assemblage", 10, seed=d)
        kept = _update(store, replace(DRIFT, refit_unfit=1.0, refit_growth=0, form_new_topics=False),
                       embedder=_emb())
        new = _update(store, replace(DRIFT, n_clusters=3, form_new_topics=False), embedder=_emb())
    assert kept.refit_reason is None and kept.refresh_outliers >= 10  # triggers off: assemblage fits nothing
    assert new.refit_reason is not None and "fit no stored topic" in new.refit_reason
    assert new.fitted_passages == len(new.assignments) and new.refresh_outliers == 0
    assem = {max(new.mixtures[d], key=new.mixtures[d].get) for d in (60, 61)}
    assert len(assem) == 1 and all(new.topic(t).emerging for t in assem)


@pytest.mark.requires("bertopic")
def test_growth_past_the_threshold_triggers_a_refit(db_path):
    with _two_theme_store(db_path) as store:
        old = _fit(store, DRIFT, embedder=_emb())
        save_topic_result(store.conn, old)
        for d in range(70, 75):
            _add_paper(store.conn, d, ["rescaling", "gentrification"][d % 2], 14, seed=d)
        new = _update(store, DRIFT, embedder=_emb())
    assert new.refit_reason is not None and "grew by 83%" in new.refit_reason
    old_main = {d: max(m, key=m.get) for d, m in old.mixtures.items()}
    assert {d: max(new.mixtures[d], key=new.mixtures[d].get) for d in old_main} == old_main


def test_drift_settings_are_validated():
    with pytest.raises(ValueError, match="refit_unfit"):
        TopicSettings(refit_unfit=1.5)
    with pytest.raises(ValueError, match="refit_growth"):
        TopicSettings(refit_growth=-1)


def test_matching_uses_words_the_new_vocabulary_still_has():
    from litmap.analyse.topics import match_topics

    old_c = {0: (1.0, 0.0), 1: (0.0, 1.0)}
    new_c = {5: (0.99, 0.141), 6: (0.141, 0.99)}
    old_w = {0: ["state", "scale", "region"], 1: ["rent", "tenants", "eviction"]}
    # Topic 0's words became corpus-wide (not in the new vocabulary): its centroid decides alone.
    new_w = {5: ["policy"], 6: ["eviction", "rent", "landlords", "tenants"]}
    known = {"policy", "eviction", "rent", "landlords", "tenants"}
    assert match_topics(old_c, old_w, new_c, new_w, 0.5, known_terms=known) == {5: 0, 6: 1}
    # Without that, the words it lost would sink the match (cosine 0.99, no shared word).
    assert match_topics(old_c, old_w, new_c, new_w, 0.5) == {6: 1}
    # Far centroids never match, whatever the words.
    assert match_topics(old_c, old_w, {7: (-1.0, 0.0)}, {7: ["state", "scale", "region"]}, 0.5) == {}


@pytest.mark.requires("bertopic")
def test_a_refit_on_the_same_papers_marks_no_topic_emerging(db_path):
    # A refit asked for with another count gives topics new ids, but no theme formed from new papers.
    with _store(db_path) as store:
        old = _fit(store, FAST, embedder=_emb())
        save_topic_result(store.conn, old)
        new = _update(store, replace(FAST, n_clusters=6), embedder=_emb(), refit=True)
    assert {t.id for t in new.topics} - {t.id for t in old.topics}  # some topics match no old one
    assert not any(t.emerging for t in new.topics)
