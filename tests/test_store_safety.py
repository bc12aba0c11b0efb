"""The file named by --db is never damaged (issue 25, points 3-5).

* another program's SQLite database, a PDF, a text file or an empty file given
  as ``--db`` is refused unchanged, byte for byte, with no ``.lock`` left;
* a read-only store file or folder can be read (status, papers, report,
  export); writers are told what is read-only and what to do;
* a full disk ends a writer with one line naming the store, exit 1, nothing
  stored before lost.

Read-only places and the full disk use mounts when run as root (chmod does not
bind root) and skip where mounting is not allowed.
"""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmap.cli import cli
from litmap.errors import NotAStoreError, StoreError, StoreWriteError
from litmap.store import Store
from litmap.store.schema import APPLICATION_ID

PAPER = """# Rescaling the entrepreneurial city

Neil Brenner

## Introduction

State rescaling reorganises urban governance across scales (Brenner, 2004; Jessop, 2002).
The politics of scale has been debated at length (Swyngedouw, 1997).

## References

Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press.

Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.

Swyngedouw, E. (1997) Neither global nor local. New York: Guilford.
"""


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


def one_line_error(result) -> str:
    """The command ended with exit 1 and a one-line message, not a traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("Error:")]
    assert len(lines) == 1, result.output
    return lines[0]


def beside(path: Path) -> set[str]:
    """Files next to ``path`` that litmap could have made."""
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name) and p.name != path.name}


@pytest.fixture
def papers(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.md").write_text(PAPER)
    (folder / "b.md").write_text(PAPER.replace("entrepreneurial city", "neoliberal state"))
    return folder


def ingest(papers: Path, db: Path, *extra: str):
    return cli_run("ingest", str(papers), "--db", str(db), "--jobs", "0", "--executor", "inline",
                   "--ocr", "never", *extra)


# -- point 5: files that are not litmap stores ----------------------------------------------


def _foreign(path: Path, journal: str, user_version: int, app_id: int = 0) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, email TEXT)")
    con.executemany("INSERT INTO contacts(name, email) VALUES (?, ?)",
                    [(f"person {i}", f"p{i}@example.org") for i in range(200)])
    con.execute(f"PRAGMA user_version = {user_version}")
    con.execute(f"PRAGMA application_id = {app_id}")
    con.commit()
    con.close()


@pytest.mark.parametrize("journal,user_version,app_id", [("delete", 0, 0), ("wal", 0, 0), ("delete", 7, 0),
                                                        ("wal", 3, 0x47504B47)])
def test_foreign_sqlite_database_is_refused_unchanged(papers, tmp_path, journal, user_version, app_id):
    db = tmp_path / "other.sqlite"
    _foreign(db, journal, user_version, app_id)
    before = db.read_bytes()
    for args in (("ingest", str(papers), "--db", str(db), "--jobs", "0", "--executor", "inline"),
                 ("status", "--db", str(db)), ("papers", "--db", str(db)),
                 ("topics", "--db", str(db)), ("run", str(papers), "--db", str(db), "-o", str(tmp_path / "r"))):
        line = one_line_error(cli_run(*args))
        assert str(db) in line and "another program" in line and "unchanged" in line and "--db" in line, line
        assert db.read_bytes() == before, args
        assert beside(db) == set(), (args, beside(db))  # no .lock, no -wal/-shm, no .bak
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 200
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["contacts"]
    con.close()


def test_foreign_database_open_in_its_program_is_refused_unchanged(papers, tmp_path):
    db = tmp_path / "app.sqlite"
    _foreign(db, "wal", 0)
    app = sqlite3.connect(db)  # the other program is running: its changes sit in app.sqlite-wal
    app.execute("PRAGMA wal_autocheckpoint = 0")
    app.execute("INSERT INTO contacts(name) VALUES ('still writing')")
    app.commit()
    before = db.read_bytes()
    line = one_line_error(ingest(papers, db))
    assert "another program" in line and "unchanged" in line, line
    assert db.read_bytes() == before and not (tmp_path / "app.sqlite.lock").exists()
    app.execute("INSERT INTO contacts(name) VALUES ('and more')")
    app.commit()
    assert app.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 202
    app.close()


@pytest.mark.parametrize("content", [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
                                     b"Notes on rescaling, not a database.\n"])
def test_pdf_or_text_given_as_db_leaves_no_lock(papers, tmp_path, content):
    db = tmp_path / "paper.pdf"
    db.write_bytes(content)
    for args in (("ingest", str(papers), "--db", str(db), "--jobs", "0"), ("status", "--db", str(db))):
        line = one_line_error(cli_run(*args))
        assert str(db) in line and "not an SQLite database" in line and "unchanged" in line, line
        assert db.read_bytes() == content
        assert beside(db) == set(), beside(db)


def test_empty_file_becomes_a_store_only_when_asked(papers, tmp_path):
    db = tmp_path / "empty.db"
    db.touch()
    line = one_line_error(ingest(papers, db))
    assert str(db) in line and "empty file" in line and "--init-empty" in line, line
    assert db.stat().st_size == 0 and beside(db) == set()
    line = one_line_error(cli_run("status", "--db", str(db)))
    assert "empty file" in line and db.stat().st_size == 0
    res = ingest(papers, db, "--init-empty")
    assert res.exit_code == 0, res.output
    res = cli_run("status", "--db", str(db))
    assert res.exit_code == 0 and "documents: 2" in res.output, res.output


def test_fifo_given_as_db_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    with pytest.raises(NotAStoreError, match="not a regular file"):
        Store(fifo, write=True)  # must not block on opening the FIFO
    assert beside(fifo) == set()


def test_new_stores_carry_the_litmap_application_id(tmp_path):
    db = tmp_path / "new.db"
    with Store(db, write=True):
        pass
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


def test_store_from_before_the_application_id_is_still_recognised(papers, tmp_path):
    db = tmp_path / "old.db"
    assert ingest(papers, db).exit_code == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA application_id = 0")  # as written by litmap before this change
    con.close()
    res = cli_run("status", "--db", str(db))
    assert res.exit_code == 0 and "documents: 2" in res.output, res.output
    assert ingest(papers, db).exit_code == 0
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID  # stamped by the writer
    con.close()


def test_failed_creation_leaves_neither_store_nor_lock(tmp_path, monkeypatch):
    db = tmp_path / "new.db"

    def boom(self):
        raise sqlite3.OperationalError("simulated failure while creating")

    monkeypatch.setattr(Store, "_migrate", boom)
    with pytest.raises(StoreError):
        Store(db, write=True)
    assert not db.exists() and beside(db) == set()


# -- point 4: read-only store files and folders -------------------------------------------------


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


def _umount(target: Path) -> None:
    if subprocess.run(["umount", str(target)], capture_output=True, check=False).returncode != 0:
        subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@contextmanager
def read_only(target: Path):
    """Make a file or folder read-only for this process: a read-only bind mount
    when root (chmod does not bind root), chmod a-w otherwise."""
    if os.geteuid() == 0:
        if not _can_mount() or not _mount("--bind", str(target), str(target)):
            pytest.skip("cannot bind-mount here (needs root on Linux)")
        try:
            if not _mount("-o", "remount,bind,ro", str(target)):
                pytest.skip("cannot remount read-only here")
            yield
        finally:
            _umount(target)
    else:
        mode = target.stat().st_mode
        target.chmod(mode & ~0o222)
        try:
            yield
        finally:
            target.chmod(mode)


def _readers_work(db: Path, tmp_path: Path) -> None:
    res = cli_run("status", "--db", str(db))
    assert res.exit_code == 0 and "documents: 2" in res.output, res.output
    res = cli_run("papers", "--db", str(db))
    assert res.exit_code == 0 and "Rescaling the entrepreneurial city" in res.output, res.output
    out = tmp_path / "elsewhere"
    res = cli_run("report", "--db", str(db), "-o", str(out / "report"), "--no-figures")
    assert res.exit_code == 0 and (out / "report" / "index.html").exists(), res.output
    res = cli_run("export", "references", "--db", str(db), "-o", str(out / "refs.bib"))
    assert res.exit_code == 0 and "Brenner" in (out / "refs.bib").read_text(), res.output
    res = cli_run("export", "wos", "--db", str(db), "-o", str(out / "wos.txt"))
    assert res.exit_code == 0 and (out / "wos.txt").exists(), res.output


def test_read_only_store_file(papers, tmp_path):
    db = tmp_path / "store" / "litmap.db"
    db.parent.mkdir()
    assert ingest(papers, db).exit_code == 0
    before = db.read_bytes()
    with read_only(db):
        _readers_work(db, tmp_path)
        assert beside(db) == set()  # readers made no -wal/-shm (read-only ones would block writers), no .lock
        line = one_line_error(ingest(papers, db))
        assert line == (f"Error: the store {db} is read-only and this command writes to it: make it writable "
                        f"(chmod u+w {db}) or copy it and pass --db COPY; reading commands (status, papers, "
                        "report, export) work on it as it is"), line
        assert "not a usable" not in line and "move this one aside" not in line
    assert db.read_bytes() == before
    assert ingest(papers, db).exit_code == 0  # writable again: writers work


def test_read_only_store_folder(papers, tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "litmap.db"
    assert ingest(papers, db).exit_code == 0
    listing = sorted(os.listdir(folder))
    with read_only(folder):
        _readers_work(db, tmp_path)
        line = one_line_error(ingest(papers, db))
        reason = "read-only file system" if os.geteuid() == 0 else "permission denied"
        assert line == (f"Error: cannot create the lock file {db}.lock: {reason}; make {folder} writable or "
                        "copy the store elsewhere and pass --db COPY"), line
        new = folder / "new.db"
        line = one_line_error(ingest(papers, new))
        assert f"cannot create the lock file {new}.lock" in line and "pass --db a path in a writable folder" in line
    assert sorted(os.listdir(folder)) == listing


# -- point 3: a full disk ------------------------------------------------------------------------


@contextmanager
def tiny_tmpfs(where: Path, size: str):
    where.mkdir()
    if not _can_mount() or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)):
        pytest.skip("cannot mount a tmpfs here (needs root on Linux)")
    try:
        yield where
    finally:
        _umount(where)


def _filler(folder: Path, n: int, words: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 10)))
             for _ in range(5000)]
    for i in range(n):
        paras = []
        for _ in range(words // 120):
            paras.append(" ".join(rng.choice(vocab) for _ in range(120)) + ".")
        (folder / f"filler{i:03}.txt").write_text(f"Filler paper {i}\n\n" + "\n\n".join(paras))


def _litmap(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "litmap", *args], capture_output=True, text=True, timeout=300,
                          check=False)


def test_full_disk_gives_one_line_and_keeps_the_store(papers, tmp_path):
    with tiny_tmpfs(tmp_path / "small", "1m") as small:
        db = small / "litmap.db"
        first = _litmap("ingest", str(papers), "--db", str(db), "--jobs", "0", "--executor", "inline")
        assert first.returncode == 0, first.stderr
        big = tmp_path / "big"
        big.mkdir()
        _filler(big, 30, 6000)
        res = _litmap("ingest", str(big), "--db", str(db), "--jobs", "0", "--executor", "inline")
        assert res.returncode == 1, (res.stdout, res.stderr)
        assert "Traceback" not in res.stderr, res.stderr
        # Progress lines (timestamped when stderr is not a terminal) may come first; the error is one line.
        errors = [line for line in res.stderr.splitlines() if line.startswith("Error:")]
        assert errors == [f"Error: no space left on device while writing {db}; free some space or "
                          "move the store with --db, then run the command again"], res.stderr
        assert res.stderr.rstrip().splitlines()[-1] == errors[0], res.stderr
        # free some space, as the message says: nothing stored before was lost
        assert _mount("-o", "remount,size=64m", str(small))
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        titles = {r[0] for r in con.execute(
            "SELECT m.title FROM documents d JOIN metadata m ON m.document_id=d.id WHERE d.status='ok'")}
        con.close()
        assert {"Rescaling the entrepreneurial city", "Rescaling the neoliberal state"} <= titles
        again = _litmap("ingest", str(big), "--db", str(db), "--jobs", "0", "--executor", "inline")
        assert again.returncode == 0, again.stderr
        st = _litmap("status", "--db", str(db))
        assert "documents: 32" in st.stdout, st.stdout


# -- the CLI's safety net for OSErrors escaping library code ----------------------------------------


@pytest.mark.parametrize("code,expected", [
    (errno.ENOSPC, "Error: no space left on device while writing /x/out.txt; free some space or write to another disk"),
    (errno.EROFS, "Error: cannot write /x/out.txt: read-only file system; choose a writable place"),
    (errno.EACCES, ("Error: cannot access /x/out.txt: permission denied; check its permissions or choose another "
                    "place")),
])
def test_os_errors_escaping_library_code_are_one_line(papers, tmp_path, monkeypatch, code, expected):
    db = tmp_path / "litmap.db"
    assert ingest(papers, db).exit_code == 0

    def fail(self):
        raise OSError(code, os.strerror(code), "/x/out.txt")

    monkeypatch.setattr(Store, "status", fail)
    assert one_line_error(cli_run("status", "--db", str(db))) == expected


def test_sqlite_full_inside_a_command_names_the_store(tmp_path):
    db = tmp_path / "litmap.db"
    with pytest.raises(StoreWriteError, match=f"no space left on device while writing {db}"), \
            Store(db, write=True):
        err = sqlite3.OperationalError("database or disk is full")
        err.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise err


def test_full_disk_hidden_behind_a_later_error_is_still_named(tmp_path):
    # e.g. a COMMIT after SQLite rolled back by itself raises "no transaction is active"
    db = tmp_path / "litmap.db"
    with pytest.raises(StoreWriteError, match="no space left on device"), Store(db, write=True):
        try:
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = sqlite3.SQLITE_FULL
            raise full
        finally:
            raise sqlite3.OperationalError("cannot commit - no transaction is active")


def test_failed_migration_backup_leaves_no_partial_copy(tmp_path, monkeypatch):
    import shutil

    import litmap.store.db as dbmod
    from litmap.store.schema import MIGRATIONS, SCHEMA_VERSION

    db = tmp_path / "litmap.db"
    with Store(db, write=True):
        pass
    before = db.read_bytes()

    def copy_until_full(src, dst, **kw):
        Path(dst).write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(dbmod, "MIGRATIONS", MIGRATIONS + ["CREATE TABLE later (x)"])
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(shutil, "copy2", copy_until_full)
    with pytest.raises(StoreWriteError, match=f"could not back up {db} to {db}.v{SCHEMA_VERSION}.bak"):
        Store(db, write=True)
    assert not Path(f"{db}.v{SCHEMA_VERSION}.bak").exists()
    assert db.read_bytes() == before


@pytest.mark.parametrize("message,code", [
    ("database or disk is full", 13), ("attempt to write a readonly database", 8), ("disk I/O error", 10),
    ("unable to open database file", 14), ("database is locked", 5), ("no such table: x", 0),
])
def test_sqlite_errors_are_classified_without_python_3_11_error_codes(message, code):
    """Python 3.10's sqlite3 has no ``sqlite_errorcode``: SQLite's wording gives the code."""
    from litmap.store.db import _primary

    assert _primary(sqlite3.OperationalError(message)) == code
