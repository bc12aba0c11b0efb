import json
import sqlite3

import pytest

from litmap.errors import StoreError, StoreLockedError
from litmap.models import Author, Citation, CitedWork, Document, Metadata, Paragraph, Reference, Section, Source
from litmap.store import Store
from litmap.store.db import FileRecord
from litmap.store.schema import SCHEMA_VERSION


def make_doc(sha="a" * 64, path="/x/paper.pdf", title="New State Spaces"):
    text = "Intro text (Brenner, 2004).\n\nMore."
    return Document(
        source=Source(path=path, sha256=sha, pages=2, engine="pdfium"),
        metadata=Metadata(title=title, authors=(Author("Brenner", "Neil"),), year=2004, doi="10.1/x",
                          keywords=("rescaling",)),
        text=text,
        sections=(Section("Introduction", "body", 1, 2, text, 0, len(text)),),
        paragraphs=(Paragraph("Intro text (Brenner, 2004).", 1, 0, "body", 0, 27),),
        references=(Reference(0, "Brenner, N. (2004) New State Spaces. OUP.", (Author("Brenner", "N."),),
                              year=2004, title="New State Spaces", type="book"),),
        citations=(Citation("(Brenner, 2004)", "parenthetical", 1, "Introduction", "Intro text (Brenner, 2004).",
                            0, (CitedWork(("Brenner",), 2004, reference=0, confidence=0.95),), 11, 26),),
        warnings=("a warning",),
    )


def test_roundtrip_document(db_path):
    doc = make_doc()
    with Store(db_path, write=True) as store:
        doc_id = store.save_document(doc)
        loaded = store.load_document(doc_id)
    assert loaded == doc


def test_wal_and_version(db_path):
    with Store(db_path, write=True) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.status().schema_version == SCHEMA_VERSION


def test_resave_replaces_children_and_keeps_id(db_path):
    with Store(db_path, write=True) as store:
        first = store.save_document(make_doc())
        second = store.save_document(make_doc(title="Changed"))
        assert first == second
        assert store.conn.execute("SELECT COUNT(*) FROM refs").fetchone()[0] == 1
        assert store.load_document(first).metadata.title == "Changed"


def test_changed_file_replaces_old_version(db_path):
    with Store(db_path, write=True) as store:
        store.save_document(make_doc(sha="a" * 64))
        store.save_document(make_doc(sha="b" * 64), replaces="a" * 64)
        rows = store.conn.execute("SELECT sha256 FROM documents").fetchall()
        assert [r[0] for r in rows] == ["b" * 64]


def test_failed_transaction_leaves_nothing(db_path, monkeypatch):
    with Store(db_path, write=True) as store:
        bad = make_doc()
        original = store._insert_children

        def boom(doc_id, doc):
            original(doc_id, doc)
            raise RuntimeError("crash mid-document")

        monkeypatch.setattr(store, "_insert_children", boom)
        with pytest.raises(RuntimeError):
            store.save_document(bad)
        for table in ("documents", "metadata", "paragraphs", "refs", "citations", "cited"):
            assert store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_failure_never_overwrites_good_document(db_path):
    with Store(db_path, write=True) as store:
        doc_id = store.save_document(make_doc())
        store.save_failure("/x/paper.pdf", "a" * 64, "boom")
        st = store.status()
        assert st.documents == 1 and st.failed == 0
        assert store.load_document(doc_id).metadata.title == "New State Spaces"


def test_failures_listed_in_status(db_path):
    with Store(db_path, write=True) as store:
        store.save_failure("/x/bad.pdf", "c" * 64, "encrypted: needs a password")
        assert store.status().failures == (("/x/bad.pdf", "encrypted: needs a password"),)


def test_writer_lock(db_path):
    with Store(db_path, write=True):
        with pytest.raises(StoreLockedError, match="another litmap process"):
            Store(db_path, write=True)
        # readers are fine while a writer holds the lock
        with Store(db_path) as reader:
            assert reader.status().documents == 0


def test_missing_store_message(tmp_path):
    with pytest.raises(StoreError, match="litmap ingest"):
        Store(str(tmp_path / "nope.db"))


def test_not_a_database(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable litmap store"):
        Store(str(p), write=True)


def test_newer_schema_refused(db_path):
    with Store(db_path, write=True):
        pass
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.close()
    with pytest.raises(StoreError, match="newer litmap"):
        Store(db_path)


def test_moved_and_removed_files(db_path, tmp_path):
    with Store(db_path, write=True) as store:
        store.save_document(make_doc(path=str(tmp_path / "a.pdf")))
        store.record_files([FileRecord(str(tmp_path / "sub" / "b.pdf"), "a" * 64, 1, 1.0)])
        assert store.load_document(1).source.path.endswith("b.pdf")
        removed = store.mark_removed(set(), [str(tmp_path)])
        assert removed and store.status().removed == 1
        # the file comes back: the document is revived with its data
        store.record_files([FileRecord(str(tmp_path / "b.pdf"), "a" * 64, 1, 1.0)])
        assert store.status().documents == 1


def test_runs_and_artifacts(db_path):
    with Store(db_path, write=True) as store:
        run = store.start_run("ingest", {"x": 1})
        store.finish_run(run, "ok", {"added": 3})
        store.put_artifact("topics", b"\x00\x01", run)
        assert store.get_artifact("topics") == b"\x00\x01"
        row = store.conn.execute("SELECT status, counts, versions FROM runs").fetchone()
        assert row[0] == "ok" and json.loads(row[1]) == {"added": 3} and "python" in json.loads(row[2])
