"""Refresh: add, change, rename and remove files between ingest runs.

Each run is recorded as the CLI does (start_run/finish_run), so the runs and
the documents they added/removed can be compared with litmap.store.runlog.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys

import pytest

from litmap.ingest.pipeline import IngestSettings, ingest
from litmap.store import Store
from litmap.store.runlog import compare_runs, list_runs

sys.path.insert(0, os.path.dirname(__file__))
from test_interrupt import ENV, TITLES, _TXT, ingest_cmd, kill_after, make_corpus, snapshot  # noqa: E402

SETTINGS = IngestSettings(jobs=0, ocr="never")


def _txt(folder, name: str, i: int) -> str:
    path = os.path.join(str(folder), name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(_TXT.format(i=i, title=TITLES[i % len(TITLES)]))
    return path


def _pdf(folder, name: str) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = os.path.join(str(folder), name)
    c = canvas.Canvas(path, pagesize=A4)
    y = 780
    for line in ("Scalar politics of infrastructure finance", "", "Introduction",
                 "As Brenner (2004) argues, state space is rescaled.", "", "References",
                 "Brenner N (2004) New State Spaces. Oxford: Oxford University Press."):
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return path


def _run(db: str, folder) -> tuple[int, object]:
    with Store(db, write=True) as st:
        run_id = st.start_run("ingest", {"paths": [str(folder)]})
        summary = ingest([str(folder)], st, SETTINGS)
        st.finish_run(run_id, "ok" if summary.ok else "failed", summary.counts())
    return run_id, summary


def _ids(db: str) -> tuple[dict, list]:
    con = sqlite3.connect(db)
    try:
        docs = dict(con.execute("SELECT sha256, id FROM documents WHERE status='ok'"))
        works = sorted(con.execute("SELECT id, label FROM works"))
        return docs, works
    finally:
        con.close()


def test_add_change_rename_remove_between_runs(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    a = _txt(folder, "a.txt", 0)
    b = _txt(folder, "b.md", 1)
    c = _txt(folder, "c.txt", 2)
    pdf = _pdf(folder, "p.pdf")
    db = str(tmp_path / "store.db")

    r1, s1 = _run(db, folder)
    assert sorted(map(os.path.basename, s1.added)) == ["a.txt", "b.md", "c.txt", "p.pdf"] and s1.ok
    docs1, works1 = _ids(db)
    assert works1

    r2, s2 = _run(db, folder)  # no-op refresh: nothing read, ids unchanged
    assert s2.unchanged == 4 and not (s2.added or s2.replaced or s2.removed)
    assert _ids(db) == (docs1, works1)

    _txt(folder, "d.txt", 3)  # add
    _txt(folder, "a.txt", 4)  # change a's bytes
    os.rename(b, os.path.join(folder, "b_renamed.md"))  # rename
    os.remove(c)  # remove
    r3, s3 = _run(db, folder)
    assert [os.path.basename(p) for p in s3.added] == ["d.txt"]
    assert [os.path.basename(p) for p in s3.replaced] == ["a.txt"]
    assert [os.path.basename(p) for p in s3.moved] == ["b_renamed.md"]
    assert [os.path.basename(p) for p in s3.removed] == ["c.txt"]
    docs3, _ = _ids(db)
    unchanged = {sha for sha in docs1 if sha in docs3}
    assert len(unchanged) == 2  # b (renamed) and the PDF keep their ids
    assert all(docs1[sha] == docs3[sha] for sha in unchanged)
    with Store(db) as st:
        paths = dict(st.conn.execute("SELECT path, status FROM documents"))
        assert paths[c] == "removed"  # recorded, not deleted
        assert paths[os.path.join(str(folder), "b_renamed.md")] == "ok"
        runs = list_runs(st)
        assert [r.id for r in runs] == [r3, r2, r1] and all(r.status == "ok" for r in runs)
        assert runs[0].counts["added"] == 1 and runs[0].counts["removed"] == 1
        cmp = compare_runs(st, r2, r3)
        assert sorted(os.path.basename(p) for _, p in cmp.added) == ["a.txt", "d.txt"]  # new bytes of a
        assert [os.path.basename(p) for _, p in cmp.removed] == ["c.txt"]
        assert ("added", 0, 1) in cmp.counts
        assert compare_runs(st, r1, r2).added == () and compare_runs(st, r1, r2).removed == ()

    shutil.copy(os.path.join(folder, "b_renamed.md"), os.path.join(folder, "b_copy.md"))
    r4, s4 = _run(db, folder)  # a duplicate is noted, not a second document
    assert len(s4.duplicates) == 1 and not s4.added
    _txt(folder, "c.txt", 2)  # the removed file comes back: same document id
    _run(db, folder)
    with Store(db) as st:
        row = st.conn.execute("SELECT id, sha256, status, removed_run FROM documents WHERE path=?", (c,)).fetchone()
        assert (row["status"], row["removed_run"]) == ("ok", None)
        assert docs1[row["sha256"]] == row["id"]
    assert {sha: i for sha, i in _ids(db)[0].items() if sha in docs3} == docs3


def test_unknown_run_says_how_to_list(tmp_path):
    from litmap.errors import InputError

    folder = tmp_path / "p"
    folder.mkdir()
    _txt(folder, "a.txt", 0)
    r1, _ = _run(str(tmp_path / "s.db"), folder)
    with Store(str(tmp_path / "s.db")) as st, pytest.raises(InputError, match="litmap runs"):
        compare_runs(st, r1, 99)


def test_kill9_mid_refresh_then_resume(tmp_path):
    """A refresh killed part-way: the re-run ends where a clean run ends, nothing lost or duplicated."""
    import subprocess

    full, part = tmp_path / "full", tmp_path / "part"
    make_corpus(str(full), n_pdf=4, n_txt=4)
    clean_db = str(tmp_path / "clean.db")
    proc = subprocess.run(ingest_cmd(str(full), clean_db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    clean = snapshot(clean_db)
    part.mkdir()
    names = sorted(os.listdir(full))
    for name in names[:3]:
        os.link(full / name, part / name)
    db = str(tmp_path / "inc.db")
    assert subprocess.run(ingest_cmd(str(part), db), env=ENV, capture_output=True, timeout=600).returncode == 0
    for name in names[3:]:
        os.link(full / name, part / name)
    kill_after(ingest_cmd(str(part), db), 2.5)  # refresh killed part-way (or just done)
    proc = subprocess.run(ingest_cmd(str(part), db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    final = snapshot(db)
    assert final["docs"] == clean["docs"]
    assert final["works"] == clean["works"] and final["linked"] == clean["linked"]
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents").fetchone() == (8, 8)
        statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY id")]
    finally:
        con.close()
    assert statuses[0] == "ok" and statuses[-1] == "ok"
