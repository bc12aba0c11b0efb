"""Two litmap commands on one store: one writer at a time, readers never blocked.

* A second writer exits 1 with a message that says what to do (or waits with
  ``--wait``); it never writes.
* ``litmap status`` and ``litmap papers`` work while a writer runs (WAL).
* Racing two real ``litmap ingest`` runs leaves the same store as one clean run.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from test_interrupt import ENV, LITMAP, ingest_cmd, make_corpus, run_clean, snapshot  # noqa: E402

from litmap.store import Store  # noqa: E402

pytestmark = pytest.mark.requires("reportlab")  # make_corpus draws its PDFs with it
LOCK_MESSAGE = "another litmap process is writing"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("concurrency")
    folder = str(base / "papers")
    make_corpus(folder)
    clean_db = str(base / "clean.db")
    wall = run_clean(folder, clean_db)
    return folder, snapshot(clean_db), wall, base


def litmap(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(LITMAP + list(args), env=ENV, capture_output=True, text=True, timeout=timeout)


def test_second_writer_exits_with_clear_lock_message(corpus, tmp_path):
    folder = corpus[0]
    db = str(tmp_path / "s.db")
    with Store(db, write=True):  # another writer holds the store
        proc = litmap("ingest", folder, "--db", db, "--jobs", "0", "--ocr", "never")
        assert proc.returncode == 1
        assert LOCK_MESSAGE in proc.stderr and "--wait" in proc.stderr
        assert "Traceback" not in proc.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0  # it wrote nothing
    con.close()


def test_second_writer_waits_with_wait(corpus, tmp_path):
    folder, clean = corpus[0], corpus[1]
    db = str(tmp_path / "w.db")
    with Store(db, write=True):
        proc = subprocess.Popen(ingest_cmd(folder, db) + ["--wait", "120"], env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert proc.poll() is None, "the second writer should be waiting for the lock"
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    assert snapshot(db)["docs"] == clean["docs"]


def test_readers_work_while_a_writer_is_mid_transaction(corpus, tmp_path):
    folder = corpus[0]
    db = str(tmp_path / "r.db")
    assert litmap("ingest", folder, "--db", db, "--jobs", "0", "--ocr", "never").returncode == 0
    with Store(db, write=True) as st:
        st.conn.execute("BEGIN IMMEDIATE")
        st.conn.execute("UPDATE documents SET status='failed', error='uncommitted'")  # not visible to readers
        status = litmap("status", "--db", db, "--json", timeout=60)
        papers = litmap("papers", "--db", db, timeout=60)
        st.conn.execute("ROLLBACK")
    assert status.returncode == 0, status.stderr
    import json

    assert json.loads(status.stdout)["documents"] == 12 and "uncommitted" not in status.stdout
    assert papers.returncode == 0 and len(papers.stdout.strip().splitlines()) == 12


def race(folder: str, db: str, clean: dict, delay: float) -> str:
    """Two ingests ``delay`` s apart, ``status`` polled meanwhile; returns how the pair ended."""
    import json

    def start() -> subprocess.Popen:
        return subprocess.Popen(ingest_cmd(folder, db), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)

    procs = [start()]
    time.sleep(delay)
    procs.append(start())
    readings = []
    while any(p.poll() is None for p in procs):
        st = litmap("status", "--db", db, "--json", timeout=60)
        if st.returncode == 0:
            readings.append(json.loads(st.stdout)["documents"])
        else:  # only before the first writer has created the schema
            assert "older schema (0)" in st.stderr or "no litmap store" in st.stderr, st.stderr
            assert not readings, st.stderr
    results = [(p.returncode, p.communicate()[1]) for p in procs]
    assert readings == sorted(readings), "document count went backwards"
    assert any(rc == 0 for rc, _ in results), results
    for rc, err in results:
        assert rc == 0 or (rc == 1 and LOCK_MESSAGE in err), err[-2000:]
        assert "Traceback" not in err
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert snapshot(db)["docs"] == clean["docs"]
    return "one locked out" if any(rc == 1 for rc, _ in results) else "ran one after the other"


def test_two_ingests_race(corpus, tmp_path):
    folder, clean, wall, _ = corpus
    assert race(folder, str(tmp_path / "race.db"), clean, 0.8) in ("one locked out", "ran one after the other")


@pytest.mark.slow
def test_two_ingests_race_long(corpus, tmp_path):
    folder, clean, wall, _ = corpus
    rnd = random.Random(11)
    outcomes: dict[str, int] = {}
    for k in range(12):
        o = race(folder, str(tmp_path / f"race{k}.db"), clean, rnd.uniform(0.0, wall))
        outcomes[o] = outcomes.get(o, 0) + 1
    print(f"\nCONCURRENT ingest trials: 12, second run {outcomes}, 0 corrupt")
