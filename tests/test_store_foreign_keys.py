"""refs.work_id and cited.work_id are foreign keys to works (schema v5), and the
views for common questions: migration of an older store, introspection as
Datasette does it, and works re-resolution with foreign keys enforced."""

from __future__ import annotations

import os
import sqlite3

import pytest

import litmap.store.db as dbmod
from litmap.batch.works import resolve_corpus_works
from litmap.corpus.resolve import resolve_stored_works
from litmap.store import Store
from litmap.store.schema import MIGRATIONS
from litmap.store.works import load_work_sources, save_works
from report_fixture import build_fixture_store

V_FK = 5  # the migration that declared the foreign keys


def _rows(con: sqlite3.Connection, table: str) -> list[tuple]:
    return sorted(tuple(r) for r in con.execute(f"SELECT * FROM {table}"))


def _work_fks(con: sqlite3.Connection, table: str) -> list[tuple]:
    """(from, table, to, on_delete) of the table's foreign keys to works."""
    return [(r[3], r[2], r[4], r[6]) for r in con.execute(f"PRAGMA foreign_key_list({table})") if r[2] == "works"]


def _old_store(path: str, monkeypatch) -> str:
    """A store as litmap wrote it before v5 (no foreign keys to works)."""
    with monkeypatch.context() as mp:
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS[:V_FK - 1])
        mp.setattr(dbmod, "SCHEMA_VERSION", V_FK - 1)
        build_fixture_store(path)
    return path


def test_old_store_migrates_to_foreign_keys_keeping_rows_and_indexes(db_path, monkeypatch):
    _old_store(db_path, monkeypatch)
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == V_FK - 1
    assert _work_fks(con, "refs") == [] and _work_fks(con, "cited") == []
    # A stale store can name a work that is gone: nothing stopped it before v5.
    con.execute("UPDATE refs SET work_id='Wgone' WHERE document_id=1 AND idx=0")
    con.commit()
    refs, cited = _rows(con, "refs"), _rows(con, "cited")
    con.close()
    assert sum(r[-1] is not None for r in refs) > 20 and sum(r[-1] is not None for r in cited) > 20

    with Store(db_path, write=True):
        pass

    backup = db_path + f".v{V_FK - 1}.bak"
    assert os.path.exists(backup)
    bak = sqlite3.connect(backup)
    assert bak.execute("PRAGMA user_version").fetchone()[0] == V_FK - 1
    assert _rows(bak, "refs") == refs  # the backup is the store as it was
    bak.close()

    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA user_version").fetchone()[0] >= V_FK
    expected = [r[:-1] + ((None,) if r[-1] == "Wgone" else (r[-1],)) for r in refs]
    assert _rows(con, "refs") == expected  # every row kept; only the dangling link cleared
    assert _rows(con, "cited") == cited
    assert _work_fks(con, "refs") == [("work_id", "works", "id", "SET NULL")]
    assert _work_fks(con, "cited") == [("work_id", "works", "id", "SET NULL")]
    # the foreign keys to documents are still there, and the indexes on work_id
    assert ("document_id", "documents") in {(r[3], r[2]) for r in con.execute("PRAGMA foreign_key_list(refs)")}
    assert ("document_id", "documents") in {(r[3], r[2]) for r in con.execute("PRAGMA foreign_key_list(cited)")}
    assert [r[2] for r in con.execute("PRAGMA index_info(refs_work)")] == ["work_id"]
    assert [r[2] for r in con.execute("PRAGMA index_info(cited_work)")] == ["work_id"]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_foreign_keys_are_seen_as_datasette_introspects_them(db_path):
    build_fixture_store(db_path)
    con = sqlite3.connect(db_path)
    try:
        # Datasette (datasette.utils.get_outbound_foreign_keys) reads PRAGMA foreign_key_list:
        # each row's table, from and to make the link it draws from a column to a row.
        outbound = {t: {(r[3], r[2], r[4]) for r in con.execute(f"PRAGMA foreign_key_list({t})")}
                    for t in ("refs", "cited")}
        assert ("work_id", "works", "id") in outbound["refs"]
        assert ("work_id", "works", "id") in outbound["cited"]
    finally:
        con.close()


@pytest.mark.requires("datasette")
def test_datasette_links_work_ids(db_path):
    from datasette.utils import get_outbound_foreign_keys

    build_fixture_store(db_path)
    con = sqlite3.connect(db_path)
    try:
        for table in ("refs", "cited"):
            fks = get_outbound_foreign_keys(con, table)
            assert {"column": "work_id", "other_table": "works", "other_column": "id"} in [
                {k: fk[k] for k in ("column", "other_table", "other_column")} for fk in fks]
    finally:
        con.close()


def test_works_rewritten_in_place_keep_their_links(db_path):
    build_fixture_store(db_path)
    with Store(db_path, write=True) as store:
        wid = store.conn.execute(
            "SELECT work_id FROM refs GROUP BY work_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
        linked = store.conn.execute(
            "SELECT (SELECT COUNT(*) FROM refs WHERE work_id=?) + (SELECT COUNT(*) FROM cited WHERE work_id=?)",
            (wid, wid)).fetchone()[0]
        assert linked > 5
        with store.transaction() as conn:
            conn.execute("UPDATE works SET title='changed by hand' WHERE id=?", (wid,))
        # One work differs: one row written.  A delete-and-insert (INSERT OR REPLACE) would
        # set every link to it NULL through the foreign keys, then write them all again.
        written = save_works(store, resolve_stored_works(load_work_sources(store.conn)))
        assert written == 1
        assert store.conn.execute(
            "SELECT (SELECT COUNT(*) FROM refs WHERE work_id=?) + (SELECT COUNT(*) FROM cited WHERE work_id=?)",
            (wid, wid)).fetchone()[0] == linked


def test_works_dropped_by_re_resolution_unlink_without_failing(db_path):
    build_fixture_store(db_path)
    with Store(db_path, write=True) as store:
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # p7 alone cites Allen 2010 with Brenner: removing it leaves works nobody else names
        doc = store.conn.execute("SELECT document_id FROM metadata WHERE year=2020").fetchone()[0]
        before = {r[0] for r in store.conn.execute("SELECT id FROM works")}
        with store.transaction() as conn:
            conn.execute("UPDATE documents SET status='removed' WHERE id=?", (doc,))
        resolve_corpus_works(store)
        after = {r[0] for r in store.conn.execute("SELECT id FROM works")}
        assert before - after  # works were deleted while refs/cited rows still named them
        resolved = resolve_stored_works(load_work_sources(store.conn))
        for d, i, w in store.conn.execute("SELECT document_id, idx, work_id FROM refs"):
            assert w == resolved.reference_works.get((d, i))
        assert store.conn.execute(
            "SELECT COUNT(*), COUNT(work_id) FROM refs WHERE document_id=?", (doc,)).fetchone()[1] == 0
        assert store.conn.execute("SELECT COUNT(*) FROM refs WHERE document_id=?", (doc,)).fetchone()[0] > 0
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # a work still named cannot be deleted by hand without unlinking its references
        wid = store.conn.execute("SELECT work_id FROM refs WHERE work_id IS NOT NULL LIMIT 1").fetchone()[0]
        with store.transaction() as conn:
            conn.execute("DELETE FROM works WHERE id=?", (wid,))
        assert store.conn.execute("SELECT COUNT(*) FROM refs WHERE work_id=?", (wid,)).fetchone()[0] == 0


def test_views_answer_the_common_questions(db_path):
    build_fixture_store(db_path)
    con = sqlite3.connect(db_path)
    try:
        # papers citing Brenner 2004: p1, p2, p4, p5, p6, p7 list it
        brenner = con.execute("SELECT id FROM works WHERE label='Brenner 2004'").fetchone()[0]
        citing = con.execute("SELECT document_id, entries, mentions FROM citing_papers WHERE work_id=? "
                             "ORDER BY document_id", (brenner,)).fetchall()
        raw = con.execute("SELECT DISTINCT document_id FROM refs WHERE work_id=? ORDER BY 1", (brenner,)).fetchall()
        assert [r[0] for r in citing] == [r[0] for r in raw] and len(citing) == 6
        assert all(e == 1 and m == 1 for _, e, m in citing)
        # a failed document never appears
        assert con.execute("SELECT COUNT(*) FROM citing_papers c JOIN documents d ON d.id=c.document_id "
                           "WHERE d.status != 'ok'").fetchone()[0] == 0
        # a paper's references: p2 lists Brenner, Jessop, Marston, Harrison and corpus paper p1
        p2 = con.execute("SELECT document_id FROM metadata WHERE year=2010").fetchone()[0]
        p1 = con.execute("SELECT document_id FROM metadata WHERE year=2008").fetchone()[0]
        refs = con.execute("SELECT work_label, work_document_id FROM paper_references WHERE document_id=? "
                           "ORDER BY idx", (p2,)).fetchall()
        assert [r[0] for r in refs] == ["Brenner 2004", "Jessop 2002", "Marston 2005", "Harrison 2007",
                                        "Hartwell 2008"]
        assert refs[-1][1] == p1 and all(r[1] is None for r in refs[:-1])
        # a paper's topics
        topics = con.execute("SELECT topic_id, label, share FROM paper_topic_labels WHERE document_id=?",
                             (p2,)).fetchall()
        assert topics == [(0, "state rescaling, city-region", 1.0)]
    finally:
        con.close()
