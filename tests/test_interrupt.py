"""kill -9 at random points: the store stays consistent and a re-run finishes the work.

The harness runs ``litmap ingest`` as a subprocess on a small generated corpus,
SIGKILLs it after a seeded random delay, then checks that

* ``PRAGMA integrity_check`` is ok and no foreign key dangles,
* no document is half-written: every stored document has its metadata row and
  exactly the rows (sections, paragraphs, references, citations) a clean run
  gives for the same bytes,
* re-running completes the work: the final state equals a clean run's state
  (same sha256s, same per-document row counts, same works), nothing lost or
  duplicated.

Output files are written with temp-file-and-rename; a separate trial kills a
writer of them and checks that readers only ever see a whole old or new file.
``litmap report`` is killed the same way (the output folder must always be a
whole report); ``litmap topics`` is not, as fitting needs a larger corpus.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from fuzz_corpus import base_pdf_bytes  # noqa: E402
from support import LITMAP, litmap_env  # noqa: E402

ENV = litmap_env()  # test_concurrency and test_refresh import ENV and LITMAP from here
needs_reportlab = pytest.mark.requires("reportlab")  # make_corpus draws its PDFs with it

# Distinct titles: near-identical ones would merge into one corpus work.
TITLES = (
    "Metropolitan governance after devolution", "Assemblage urbanism and its critics", "The new regionalism revisited",
    "Scalar politics of infrastructure finance", "Housing markets in second-tier cities", "Borders, mobility and territory",
    "Competitiveness agendas in northern England", "Planning reform and local growth coalitions",
    "Suburban land and fiscal federalism", "Global city networks in transition", "Welfare retrenchment at the urban scale",
    "Megaregions and the rescaled state",
)

_TXT = """{title}

Abstract

This paper examines city-regionalism and state rescaling {i} (Brenner, 2004; Jonas and Ward, 2007).

Introduction

As Harrison (2012) argues, the city region is a contested scale; others disagree (Jessop, 2016, p. {i}).
The new regionalism literature (Keating 1998) and assemblage thinking (McCann and Ward, 2011) meet here.

References

Brenner N (2004) New State Spaces. Oxford: Oxford University Press.
Harrison J (2012) Life after regions? Regional Studies 46(9): 1243-1259.
Jessop B (2016) Territory, politics, governance and multispatial metagovernance. TPG 4(1): 8-32.
Jonas AEG and Ward K (2007) Introduction. IJURR 31(1): 169-178.
Keating M (1998) The New Regionalism in Western Europe. Cheltenham: Edward Elgar.
McCann E and Ward K (2011) Mobile Urbanism. Minneapolis: University of Minnesota Press.
"""


def make_corpus(folder: str, n_pdf: int = 8, n_txt: int = 4, offset: int = 0) -> None:
    os.makedirs(folder, exist_ok=True)
    for i in range(offset, offset + n_pdf):
        with open(os.path.join(folder, f"paper_{i:02d}.pdf"), "wb") as fh:
            fh.write(base_pdf_bytes(1000 + i, pages=1, title=TITLES[i % len(TITLES)]))
    for i in range(offset, offset + n_txt):
        with open(os.path.join(folder, f"notes_{i:02d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(_TXT.format(i=i, title=TITLES[(i + n_pdf) % len(TITLES)]))


def ingest_cmd(folder: str, db: str) -> list[str]:
    return LITMAP + ["ingest", folder, "--db", db, "--jobs", "1", "--ocr", "never", "--timeout", "60"]


def run_clean(folder: str, db: str) -> float:
    t0 = time.monotonic()
    proc = subprocess.run(ingest_cmd(folder, db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return time.monotonic() - t0


def kill_after(cmd: list[str], delay: float) -> int:
    """Start ``cmd``, SIGKILL it after ``delay`` s (and any pool worker it left); its exit code."""
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)  # the coordinator, as `kill -9` would
    finally:
        proc.wait()
        try:  # orphaned workers of this process group only
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return proc.returncode


_CHILDREN = ("sections", "paragraphs", "refs", "citations", "cited")


def snapshot(db: str) -> dict:
    """Everything a clean run determines, without ids and timestamps."""
    con = sqlite3.connect(db)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name='documents'").fetchone():
            return {"docs": {}, "files": [], "works": [], "linked": 0}  # killed before the schema was made
        docs = {}
        for doc_id, sha, status, error, pages, text in con.execute(
            "SELECT id, sha256, status, error, pages, length(text) FROM documents"
        ):
            counts = tuple(
                con.execute(f"SELECT COUNT(*) FROM {t} WHERE document_id=?", (doc_id,)).fetchone()[0] for t in _CHILDREN
            )
            meta = con.execute("SELECT COUNT(*) FROM metadata WHERE document_id=?", (doc_id,)).fetchone()[0]
            docs[sha] = (status, error, pages, text, meta, counts)
        files = sorted(con.execute("SELECT path, sha256 FROM files"))
        works = sorted(r[0] for r in con.execute("SELECT id FROM works"))
        linked = con.execute("SELECT COUNT(*) FROM refs WHERE work_id IS NOT NULL").fetchone()[0]
        linked += con.execute("SELECT COUNT(*) FROM cited WHERE work_id IS NOT NULL").fetchone()[0]
        return {"docs": docs, "files": files, "works": works, "linked": linked}
    finally:
        con.close()


def check_consistent(db: str, clean: dict) -> None:
    """After a kill: sound file, and every stored document whole."""
    if not os.path.exists(db):
        return  # killed before the store was created
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    snap = snapshot(db)
    for sha, row in snap["docs"].items():
        if row[0] == "ok":
            assert row[4] == 1, f"document {sha[:12]} stored without metadata"
            assert row == clean["docs"][sha], f"document {sha[:12]} half-written: {row} != {clean['docs'][sha]}"


def trial(folder: str, db: str, clean: dict, delay: float) -> str:
    """One kill -9 and re-run; returns where the kill landed (for the figures)."""
    kill_after(ingest_cmd(folder, db), delay)
    check_consistent(db, clean)
    stored = sum(r[0] == "ok" for r in snapshot(db)["docs"].values()) if os.path.exists(db) else 0
    works = bool(snapshot(db)["works"]) if os.path.exists(db) else False
    landed = ("before any document" if stored == 0 else
              "mid-ingest" if stored < len(clean["docs"]) else
              "after the documents, before works" if not works else "after works")
    proc = subprocess.run(ingest_cmd(folder, db), env=ENV, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    final = snapshot(db)
    assert final == clean, "re-run after kill -9 differs from a clean run"
    return landed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    base = tmp_path_factory.mktemp("interrupt")
    folder = str(base / "papers")
    make_corpus(folder)
    db = str(base / "clean.db")
    wall = run_clean(folder, db)
    return folder, snapshot(db), wall, base


def _trials(corpus, n: int, seed: int) -> dict[str, int]:
    folder, clean, wall, base = corpus
    assert len(clean["docs"]) == 12 and all(r[0] == "ok" for r in clean["docs"].values())
    rnd = random.Random(seed)
    landed: dict[str, int] = {}
    for k in range(n):
        db = str(base / f"trial_{seed}_{k}.db")
        where = trial(folder, db, clean, rnd.uniform(0.2, wall * 1.1))
        landed[where] = landed.get(where, 0) + 1
    return landed


@needs_reportlab
def test_kill9_during_ingest_ci_slice(corpus):
    assert sum(_trials(corpus, 5, seed=1).values()) == 5


@needs_reportlab
def test_kill9_during_incremental_ingest(corpus, tmp_path):
    """Half the corpus stored and resolved; the rest added and the run killed; a re-run catches up."""
    folder, clean, wall, base = corpus
    rnd = random.Random(5)
    for k in range(1):
        part = tmp_path / f"part{k}"
        part.mkdir()
        names = sorted(os.listdir(folder))
        for name in names[::2]:
            os.link(os.path.join(folder, name), part / name)
        db = str(tmp_path / f"inc{k}.db")
        run_clean(str(part), db)
        for name in names[1::2]:
            os.link(os.path.join(folder, name), part / name)
        # Same absolute paths as the clean run is not needed: compare documents and works only.
        kill_after(ingest_cmd(str(part), db), rnd.uniform(0.5 * wall, 1.1 * wall))
        check_consistent(db, clean)
        proc = subprocess.run(ingest_cmd(str(part), db), env=ENV, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
        final = snapshot(db)
        assert final["docs"] == clean["docs"]
        assert final["works"] == clean["works"] and final["linked"] == clean["linked"], "works left stale"


def test_killed_output_writer_leaves_old_or_new_file(tmp_path):
    """atomic_write_bytes under kill -9: the file is always one whole version."""
    target = str(tmp_path / "report.html")
    script = (
        "import sys\nfrom litmap.util.files import atomic_write_bytes\n"
        "i = 0\nwhile True:\n"
        "    atomic_write_bytes(sys.argv[1], bytes([65 + i % 2]) * 3_000_000)\n"
        "    i += 1\n"
    )
    rnd = random.Random(3)
    with open(target, "wb") as fh:
        fh.write(b"Z" * 10)
    for _ in range(4):
        kill_after([sys.executable, "-c", script, target], rnd.uniform(0.2, 0.8))
        data = open(target, "rb").read()
        assert data == b"Z" * 10 or data in (b"A" * 3_000_000, b"B" * 3_000_000)


@needs_reportlab
@pytest.mark.slow
def test_kill9_during_ingest_long(corpus):
    """Dozens of trials; the count is printed for docs/reliability.md."""
    landed = _trials(corpus, 40, seed=2024)
    print(f"\nKILL9 ingest trials survived: {sum(landed.values())} (clean run {corpus[2]:.1f}s); kill landed: {landed}")


@needs_reportlab
def test_interrupted_work_resolution_is_redone(tmp_path, monkeypatch):
    """Documents saved, then the run dies before works are re-resolved: the next run must resolve them."""
    import litmap.batch.works as corpus_mod
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    settings = IngestSettings(jobs=0, ocr="never")
    full, part = tmp_path / "full", tmp_path / "part"
    make_corpus(str(full), n_pdf=2, n_txt=2)
    part.mkdir()
    names = sorted(os.listdir(full))
    with Store(str(tmp_path / "clean.db"), write=True) as st:
        ingest([str(full)], st, settings)
    clean = snapshot(str(tmp_path / "clean.db"))
    db = str(tmp_path / "inc.db")
    os.link(full / names[0], part / names[0])
    with Store(db, write=True) as st:
        ingest([str(part)], st, settings)
    for name in names[1:]:
        os.link(full / name, part / name)

    def die(*a, **k):
        raise KeyboardInterrupt  # as if killed: the resolution's transaction never commits

    monkeypatch.setattr(corpus_mod, "resolve_corpus_works", die)
    with Store(db, write=True) as st, pytest.raises(KeyboardInterrupt):
        ingest([str(part)], st, settings)
    monkeypatch.undo()
    with Store(db, write=True) as st:
        ingest([str(part)], st, settings)
    final = snapshot(db)
    assert final["docs"] == clean["docs"]
    assert (final["works"], final["linked"]) == (clean["works"], clean["linked"]), "works left stale"


@needs_reportlab
def test_ctrl_c_saves_work_and_says_so(corpus):
    """SIGINT to the whole process group (what Ctrl-C does): exit 130 with a message, run marked interrupted."""
    folder, clean, wall, base = corpus
    rnd = random.Random(9)
    for k in range(3):
        db = str(base / f"sigint_{k}.db")
        proc = subprocess.Popen(ingest_cmd(folder, db), env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
        time.sleep(rnd.uniform(0.3, wall))
        try:
            os.killpg(proc.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err[-2000:]
        assert proc.returncode in (0, 130), err[-2000:]
        check_consistent(db, clean)
        if proc.returncode == 130 and os.path.exists(db):
            assert "interrupted" in err and "run the command again" in err
            con = sqlite3.connect(db)
            if con.execute("SELECT 1 FROM sqlite_master WHERE name='runs'").fetchone():
                assert con.execute("SELECT status FROM runs ORDER BY id DESC").fetchone() in (None, ("interrupted",))
            con.close()
        again = subprocess.run(ingest_cmd(folder, db), env=ENV, capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stderr[-2000:]
        assert snapshot(db) == clean


def _report_files(out: str) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs)


def _report_kills(corpus, n: int, seed: int) -> dict[str, int]:
    """kill -9 during `litmap report`: the output folder is the whole old or the whole new report."""
    folder, clean, wall, base = corpus
    db, out = str(base / "report.db"), str(base / "report")
    if not os.path.exists(db):
        run_clean(folder, db)
    cmd = LITMAP + ["report", "--db", db, "--out", out, "--no-figures"]
    t0 = time.monotonic()
    first = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    report_wall = time.monotonic() - t0
    complete = _report_files(out)
    assert "index.html" in complete and "report.md" in complete
    rnd = random.Random(seed)
    landed = {"old or new report intact": 0}
    for _ in range(n):
        kill_after(cmd, rnd.uniform(0.2, report_wall * 1.1))
        assert os.path.isdir(out), "report folder missing after kill -9"
        assert _report_files(out) == complete, "report folder mixes or lacks files"
        with open(os.path.join(out, "index.html"), encoding="utf-8") as fh:
            assert fh.read().rstrip().endswith("</html>")
        landed["old or new report intact"] += 1
    return landed


@pytest.mark.requires("reportlab", "igraph")  # the corpus; a report clusters with Leiden
def test_kill9_during_report(corpus):
    assert _report_kills(corpus, 2, seed=4) == {"old or new report intact": 2}


@pytest.mark.requires("reportlab", "igraph")  # the corpus; a report clusters with Leiden
@pytest.mark.slow
def test_kill9_during_report_long(corpus):
    landed = _report_kills(corpus, 15, seed=44)
    print(f"\nKILL9 report trials: {landed}")


_TOPIC_VOCAB = (
    "state rescaling reorganises urban governance across national regional and metropolitan scales of the state",
    "assemblage thinking reads regions as gatherings of heterogeneous elements held together by practices",
    "housing markets gentrification displacement and rent gaps in second tier cities after the financial crisis",
    "development zones national new areas and special economic zones as technologies of territorial government",
)


def _topic_corpus(folder: str) -> None:
    rnd = random.Random(7)
    os.makedirs(folder, exist_ok=True)
    for i in range(12):
        paras = []
        for j in range(4):
            words = _TOPIC_VOCAB[(i + j) % 4].split()
            paras.append(" ".join(rnd.choice(words) for _ in range(60)).capitalize() + ".")
        with open(os.path.join(folder, f"paper_{i:02d}.md"), "w", encoding="utf-8") as fh:
            fh.write(f"# {TITLES[i]}\n\n## Introduction\n\n" + "\n\n".join(paras) + "\n")


def _topic_state(db: str):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = con.execute("SELECT data FROM artifacts WHERE name='topics'").fetchone()
        status = [r[0] for r in con.execute("SELECT status FROM runs WHERE command='topics'")]
    finally:
        con.close()
    return (None if row is None else bytes(row[0])), status


@pytest.mark.requires("bertopic")
def test_kill9_during_topics(tmp_path):
    """kill -9 while topics are fitted: the stored model is the old one or the new one, whole."""
    folder, db = str(tmp_path / "papers"), str(tmp_path / "t.db")
    _topic_corpus(folder)
    subprocess.run(LITMAP + ["ingest", folder, "--db", db, "--jobs", "0"], env=ENV, check=True,
                   capture_output=True, timeout=600)
    cmd = LITMAP + ["topics", "--db", db, "--model", "hashing-64", "--clusters", "4"]
    t0 = time.monotonic()
    first = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-2000:]
    wall = time.monotonic() - t0
    clean, _ = _topic_state(db)
    assert clean is not None
    rnd = random.Random(5)
    for _ in range(3):
        kill_after(cmd, rnd.uniform(0.1, wall * 1.1))
        data, _ = _topic_state(db)
        assert data is not None  # the earlier model is never lost
        from litmap.analyse.topics.result import load_topic_result

        con = sqlite3.connect(db)
        try:
            assert load_topic_result(con) is not None  # whole, parseable
        finally:
            con.close()
    again = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    _, status = _topic_state(db)
    assert "running" not in status  # killed runs were recorded as interrupted
