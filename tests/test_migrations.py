"""A store written by an older schema is migrated forward, with a backup first.

The schema has one migration so far, so the mechanism is tested by adding a
second one in-process (``litmap.store.db`` reads ``MIGRATIONS`` and
``SCHEMA_VERSION`` from its own namespace).
"""

from __future__ import annotations

import os
import sqlite3

import pytest

import litmap.store.db as dbmod
from litmap.errors import StoreError
from litmap.models import Document, Metadata, Paragraph, Source
from litmap.store import Store
from litmap.store.schema import MIGRATIONS, SCHEMA_VERSION

_V_NEXT = """
ALTER TABLE documents ADD COLUMN language TEXT;  -- a column with a default-less add
CREATE TABLE notes (document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE, note TEXT);
UPDATE documents SET language = 'en';
"""


def _doc(sha: str, text: str) -> Document:
    return Document(
        source=Source(path=f"/papers/{sha}.pdf", sha256=sha, pages=1, text_layer=True, ocr=False, engine="pdfium",
                      media_type="pdf"),
        metadata=Metadata(title=f"Title {sha}"),
        text=text,
        paragraphs=(Paragraph(text, 1, None, "body", 0, len(text)),),
    )


def _old_store(path: str) -> None:
    with Store(path, write=True) as st:
        st.save_document(_doc("a" * 64, "City regions and the rescaled state."))
        st.save_document(_doc("b" * 64, "Assemblage urbanism."))
        st.save_failure("/papers/bad.pdf", "c" * 64, "corrupt or truncated PDF")


def _rows(path: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(
            "SELECT d.sha256, d.status, d.text, m.title, (SELECT COUNT(*) FROM paragraphs p WHERE p.document_id=d.id) "
            "FROM documents d LEFT JOIN metadata m ON m.document_id=d.id"
        ))
    finally:
        con.close()


def _version(path: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def next_schema(monkeypatch):
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS + [_V_NEXT])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    return SCHEMA_VERSION + 1


def test_old_store_is_backed_up_then_migrated(db_path, next_schema):
    with pytest.MonkeyPatch.context() as mp:  # written by the older litmap
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
        mp.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION)
        _old_store(db_path)
    before = _rows(db_path)
    old = next_schema - 1
    with pytest.raises(StoreError, match="older schema"):
        Store(db_path)  # a reader does not migrate: it says how to
    with Store(db_path, write=True) as st:
        assert st.status().schema_version == next_schema
        assert st.status().documents == 2 and st.status().failed == 1
    backup = f"{db_path}.v{old}.bak"
    assert os.path.exists(backup)
    assert _version(backup) == old and _rows(backup) == before  # the backup is the old store, whole
    assert _rows(db_path) == before  # data preserved
    con = sqlite3.connect(db_path)
    assert {r[0] for r in con.execute("SELECT language FROM documents")} == {"en"}
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with Store(db_path) as st:  # readers are happy now
        assert st.status().documents == 2


def test_failed_migration_leaves_old_store_usable(db_path, monkeypatch):
    _old_store(db_path)
    before = _rows(db_path)
    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS + ["CREATE TABLE ok_part (x INTEGER);\nTHIS IS NOT SQL;"])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError):
        Store(db_path, write=True)
    monkeypatch.undo()
    assert _version(db_path) == SCHEMA_VERSION  # rolled back as a whole
    con = sqlite3.connect(db_path)
    assert not con.execute("SELECT name FROM sqlite_master WHERE name='ok_part'").fetchall()
    con.close()
    assert _rows(db_path) == before
    with Store(db_path, write=True) as st:  # and the lock was released
        assert st.status().documents == 2


def test_fresh_store_needs_no_backup(db_path, next_schema):
    with Store(db_path, write=True) as st:
        assert st.status().schema_version == next_schema
    assert not [f for f in os.listdir(os.path.dirname(db_path)) if f.endswith(".bak")]


def test_newer_store_is_refused_by_older_litmap(db_path, next_schema):
    with Store(db_path, write=True):
        pass
    with pytest.MonkeyPatch.context() as mp:  # now run the older litmap on it
        mp.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION)
        mp.setattr(dbmod, "MIGRATIONS", MIGRATIONS)
        for write in (False, True):
            with pytest.raises(StoreError, match="newer litmap"):
                Store(db_path, write=write)
    with Store(db_path, write=True) as st:  # the refused attempts released the writer lock
        assert st.status().schema_version == next_schema
