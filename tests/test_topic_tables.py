"""Topics in tables (schema v3): what a saved result writes, and the migration of a v2 store's blob.

A scholar asks the store in SQL which topic a paper or passage belongs to
(docs/schema.md); ``load_topic_result`` reads the assignments back from
those tables, and the ``topics`` artifact keeps only the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from dataclasses import asdict, replace

import pytest

import litmap.store.db as dbmod
from litmap.errors import StoreError
from litmap.models import Document, Metadata, Paragraph, Source
from litmap.store import Store
from litmap.store.schema import MIGRATIONS, SCHEMA_VERSION
from litmap.store.topics import (
    Assignment,
    HierarchyNode,
    Representative,
    Topic,
    TopicResult,
    load_topic_result,
    save_topic_result,
)


def _doc(n: int) -> Document:
    texts = [f"Paper {n} paragraph {j} about city regions and rescaled statehood." for j in range(3)]
    offsets = [sum(len(t) + 1 for t in texts[:j]) for j in range(3)]
    return Document(
        source=Source(path=f"/papers/{n}.pdf", sha256=f"{n:064x}", pages=1, text_layer=True, ocr=False,
                      engine="pdfium", media_type="pdf"),
        metadata=Metadata(title=f"Paper {n}", year=2000 + n, journal="Urban Studies"),
        text=" ".join(texts),
        paragraphs=tuple(Paragraph(t, 1, None, "body", o, o + len(t)) for t, o in zip(texts, offsets)),
    )


def _result(ids: list[int]) -> TopicResult:
    """Papers 0 and 1 in topic 0, paper 2 in topic 1; one passage of paper 2 an outlier."""
    plan = {ids[0]: [0, 0, 0], ids[1]: [0, 0, 1], ids[2]: [1, 1, -1]}
    assign = tuple(
        Assignment(f"{d}:{j}:0", d, j, 0, f"h{d}{j}", 1, 2000 + d, "Urban Studies", t)
        for d, ts in plan.items() for j, t in enumerate(ts)
    )
    mixtures = {d: {t: round(ts.count(t) / 3, 4) for t in sorted(set(ts))} for d, ts in plan.items()}
    topics = tuple(
        Topic(t, label, kw, sum(ts.count(t) for ts in plan.values()),
              tuple(sorted(((d, m[t]) for d, m in mixtures.items() if t in m), key=lambda x: (-x[1], x[0]))),
              (Representative(ids[t], 1, f"Representative passage of topic {t}."),), emerging=t == 1)
        for t, label, kw in [(0, "state rescaling, city-region", (("state rescaling", 0.41), ("city-region", 0.3))),
                             (1, "assemblage, ontology", (("assemblage", 0.5), ("ontology", 0.2), ("flat", 0.125)))]
    )
    return TopicResult(
        model="hashing-64-42", dim=2, settings={"n_clusters": 2}, assignments=assign, topics=topics,
        centroids={0: (1.0, 0.0), 1: (0.0, 1.0)}, mixtures=mixtures,
        over_time=((0, 2001, 3), (0, 2002, 2), (1, 2002, 1)), per_journal=((0, "Urban Studies", 5),),
        hierarchy=(HierarchyNode(2, "rescaling_assemblage", 0, 1, 0.9, (0, 1)),),
        quality={"npmi": 0.12, "diversity": 1.0, "outlier_share": 0.1111}, clusterer="pca-kmeans",
        fallback="9 passages", n_embedded=9, emerging_candidates=(f"{ids[2]}:2:0",), fitted_passages=9,
        refresh_outliers=1,
    )


def _format1_blob(result: TopicResult) -> bytes:
    """The artifact as litmap wrote it before schema v3: the whole result, zlib-compressed JSON."""
    d = asdict(result)
    d["format"] = 1
    d["centroids"] = {str(k): v for k, v in result.centroids.items()}
    d["mixtures"] = {str(k): {str(t): s for t, s in m.items()} for k, m in result.mixtures.items()}
    return zlib.compress(json.dumps(d, separators=(",", ":")).encode("utf-8"), 6)


def _papers(path: str, n: int = 3) -> list[int]:
    with Store(path, write=True) as st:
        return [st.save_document(_doc(k + 1)) for k in range(n)]


def _v2_papers(path: str, n: int = 3) -> list[int]:
    """Papers as litmap wrote them at schema v2 (today's save_document writes columns v2 lacks)."""
    with Store(path, write=True) as st:
        ids = []
        for k in range(n):
            doc = _doc(k + 1)
            cur = st.conn.execute(
                "INSERT INTO documents(sha256, path, status, media_type, pages, engine, text, added_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (doc.source.sha256, doc.source.path, "ok", doc.source.media_type, doc.source.pages,
                 doc.source.engine, doc.text, "2024-01-01", "2024-01-01"))
            d = int(cur.lastrowid or 0)
            st.conn.execute("INSERT INTO metadata(document_id, title, year, journal) VALUES (?,?,?,?)",
                            (d, doc.metadata.title, doc.metadata.year, doc.metadata.journal))
            for j, para in enumerate(doc.paragraphs):
                st.conn.execute(
                    "INSERT INTO paragraphs(document_id, idx, kind, page, char_start, char_end, text, text_hash) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (d, j, para.kind, para.page, para.char_start, para.char_end, para.text, f"h{d}{j}"))
            ids.append(d)
        st.conn.commit()
        return ids


@pytest.fixture
def v2_store(db_path, monkeypatch):
    """A store written by litmap before topics had tables, with a fitted result in its blob."""
    with monkeypatch.context() as mp:
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
        mp.setattr(dbmod, "SCHEMA_VERSION", 2)
        ids = _v2_papers(db_path)
        result = _result(ids)
        with Store(db_path, write=True) as st:
            st.put_artifact("topics", _format1_blob(result))
    return db_path, ids, result


def _tables(path: str) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_migration_fills_the_tables_from_the_blob_after_a_backup(v2_store):
    path, ids, result = v2_store
    with pytest.raises(StoreError, match="older schema"):
        Store(path)  # a reader does not migrate
    with Store(path, write=True) as st:
        assert st.status().schema_version == SCHEMA_VERSION
        assert load_topic_result(st.conn) == result  # the same result, now read from the tables
    backup = f"{path}.v2.bak"
    assert os.path.exists(backup) and "topics" not in _tables(backup)  # the old store, whole
    con = sqlite3.connect(backup)
    assert zlib.decompress(con.execute("SELECT data FROM artifacts WHERE name='topics'").fetchone()[0])
    con.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT COUNT(*) FROM passage_topics").fetchone()[0] == 9
        assert con.execute("SELECT id, label, size, terms, emerging FROM topics ORDER BY id").fetchall() == [
            (0, "state rescaling, city-region", 5, '["state rescaling", "city-region"]', 0),
            (1, "assemblage, ontology", 3, '["assemblage", "ontology", "flat"]', 1)]
        blob = json.loads(zlib.decompress(con.execute("SELECT data FROM artifacts WHERE name='topics'").fetchone()[0]))
        assert blob["format"] == 2 and "assignments" not in blob and "mixtures" not in blob  # one copy: the tables
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    with Store(path) as st:  # readers are happy now
        assert load_topic_result(st.conn) == result


def test_migration_skips_papers_gone_since_the_fit(db_path, monkeypatch):
    with monkeypatch.context() as mp:
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
        mp.setattr(dbmod, "SCHEMA_VERSION", 2)
        ids = _v2_papers(db_path)
        with Store(db_path, write=True) as st:
            st.put_artifact("topics", _format1_blob(_result([*ids[:2], 999])))  # paper 999 was replaced since
    with Store(db_path, write=True) as st:
        got = load_topic_result(st.conn)
    assert got is not None
    assert {a.doc_id for a in got.assignments} == set(ids[:2]) and 999 not in got.mixtures
    assert [t.size for t in got.topics] == [5, 3]  # as fitted


def test_migration_leaves_an_unreadable_blob_alone(db_path, monkeypatch):
    with monkeypatch.context() as mp:
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
        mp.setattr(dbmod, "SCHEMA_VERSION", 2)
        _v2_papers(db_path)
        with Store(db_path, write=True) as st:
            st.put_artifact("topics", b"not zlib")
    with Store(db_path, write=True) as st:  # the store still opens and migrates
        assert st.status().schema_version == SCHEMA_VERSION
        assert st.get_artifact("topics") == b"not zlib"
        assert st.conn.execute("SELECT COUNT(*) FROM topics").fetchone()[0] == 0


def test_migration_keeps_a_blob_the_tables_cannot_hold(db_path, monkeypatch):
    with monkeypatch.context() as mp:
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:2])
        mp.setattr(dbmod, "SCHEMA_VERSION", 2)
        ids = _v2_papers(db_path)
        result = _result(ids)
        twice = replace(result, assignments=result.assignments + result.assignments[:1])  # one passage twice
        with Store(db_path, write=True) as st:
            st.put_artifact("topics", _format1_blob(twice))
    with Store(db_path, write=True) as st:  # migrated all the same, nothing half-written
        assert st.status().schema_version == SCHEMA_VERSION
        assert st.get_artifact("topics") == _format1_blob(twice)
        assert st.conn.execute("SELECT (SELECT COUNT(*) FROM topics) + (SELECT COUNT(*) FROM passage_topics)"
                               ).fetchone()[0] == 0


def test_which_topic_a_paper_and_a_passage_belong_to_in_sql(db_path):
    ids = _papers(db_path)
    result = _result(ids)
    with Store(db_path, write=True) as st:
        save_topic_result(st.conn, result, st.start_run("topics", {}))
        assert load_topic_result(st.conn) == result
    con = sqlite3.connect(db_path)
    try:
        # docs/schema.md: the topics of one paper, largest share first
        rows = con.execute(
            "SELECT t.label, pt.share FROM paper_topics pt JOIN topics t ON t.id = pt.topic_id "
            "WHERE pt.document_id = ? ORDER BY pt.share DESC", (ids[1],)).fetchall()
        assert rows == [("state rescaling, city-region", 0.6667), ("assemblage, ontology", 0.3333)]
        # the papers of a topic, with their titles
        rows = con.execute(
            "SELECT m.title FROM paper_topics pt JOIN metadata m ON m.document_id = pt.document_id "
            "WHERE pt.topic_id = 1 ORDER BY pt.share DESC, m.title").fetchall()
        assert rows == [("Paper 3",), ("Paper 2",)]
        # the topic of one passage, with its text; outliers are -1, with no topics row
        rows = con.execute(
            "SELECT pt.topic_id, t.label, p.text FROM passage_topics pt "
            "JOIN paragraphs p ON p.document_id = pt.document_id AND p.idx = pt.paragraph "
            "LEFT JOIN topics t ON t.id = pt.topic_id WHERE pt.document_id = ? ORDER BY pt.paragraph",
            (ids[2],)).fetchall()
        assert [(r[0], r[1]) for r in rows] == [(1, "assemblage, ontology"), (1, "assemblage, ontology"), (-1, None)]
        assert rows[0][2].startswith("Paper 3 paragraph 0")
        assert con.execute("SELECT term, weight FROM topic_terms WHERE topic_id = 1 ORDER BY rank").fetchall() == [
            ("assemblage", 0.5), ("ontology", 0.2), ("flat", 0.125)]
    finally:
        con.close()


def test_saving_again_replaces_every_row(db_path):
    ids = _papers(db_path)
    first = _result(ids)
    second = replace(first, topics=first.topics[:1], assignments=first.assignments[:6],
                     mixtures={d: m for d, m in first.mixtures.items() if d != ids[2]})
    with Store(db_path, write=True) as st:
        save_topic_result(st.conn, first)
        save_topic_result(st.conn, second)
        assert load_topic_result(st.conn) == second
        assert st.conn.execute("SELECT COUNT(*) FROM topic_terms").fetchone()[0] == 2


def test_a_deleted_paper_takes_its_topic_rows_with_it(db_path):
    ids = _papers(db_path)
    with Store(db_path, write=True) as st:
        save_topic_result(st.conn, _result(ids))
        st.save_document(_doc(9), replaces=f"{3:064x}")  # paper 3's file changed: stored anew
        got = load_topic_result(st.conn)
    assert got is not None and ids[2] not in got.mixtures
    assert {a.doc_id for a in got.assignments} == set(ids[:2])
