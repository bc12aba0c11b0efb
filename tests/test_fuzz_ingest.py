"""Hostile inputs through the real ``litmap ingest`` (worker pool, time limit, memory cap).

Every case of :mod:`fuzz_corpus` must end as a stored document, a stored
failure with a clear one-line reason, or a problem reported by the folder walk:
never a crashed run, a hang past the per-file limit, or a worker past its
memory cap.  The default run is the CI slice (~36 cases); ``-m slow`` runs
hundreds of random truncations and byte flips as well.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from fuzz_corpus import FAILED, OK, SKIPPED, FuzzCase, build_corpus  # noqa: E402
from support import litmap_env, run_litmap  # noqa: E402

from litmap.batch.executor import LocalExecutor  # noqa: E402

needs_reportlab = pytest.mark.requires("reportlab")  # fuzz_corpus draws its valid PDFs with it
TIMEOUT_S = 30.0  # per-file limit given to the run
MEMORY_MB = 1024  # per-worker cap given to the run

# Runs the CLI and reports, at exit, the peak RSS of any process it waited for
# (its pool workers): proof that no worker went past the memory cap.
_WRAPPER = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print('MAXRSS_CHILDREN_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr))\n"
    "from litmap.cli import main\n"
    "sys.argv = ['litmap'] + sys.argv[1:]\n"
    "main()\n"
)


def run_ingest(folder: str, db: str, *, jobs: int = 2, timeout: float = TIMEOUT_S, memory_mb: int = MEMORY_MB,
               engine: str = "pdfium") -> dict:
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, "ingest", folder, "--db", db, "--jobs", str(jobs), "--timeout",
         str(timeout), "--memory-mb", str(memory_mb), "--ocr", "never", "--engine", engine],
        capture_output=True, text=True, env=litmap_env(), timeout=900,
    )
    wall = time.monotonic() - t0
    m = re.search(r"MAXRSS_CHILDREN_KB (\d+)", proc.stderr)
    return {"rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "wall": wall,
            "maxrss_mb": int(m.group(1)) / 1024 if m else None}


def outcomes(db: str, cases: list[FuzzCase], stderr: str) -> dict[str, tuple[str, str]]:
    """path → (outcome, reason) for every case; outcome 'missing' if it left no trace."""
    con = sqlite3.connect(db)
    rows = {p: (s, e or "") for p, s, e in con.execute("SELECT path, status, error FROM documents")}
    no_meta = {p for (p,) in con.execute(
        "SELECT path FROM documents d WHERE status='ok' AND NOT EXISTS (SELECT 1 FROM metadata m WHERE m.document_id=d.id)")}
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert not no_meta, f"documents stored without their metadata row: {no_meta}"
    # Reported by the walk: failures ("  FAILED path: reason") and notes ("  skipped path: reason").
    walk_failed = dict(re.findall(r"^  (?:FAILED|skipped) (.+?): (.*)$", stderr, flags=re.M))
    out = {}
    for c in cases:
        if c.path in rows:
            out[c.path] = rows[c.path]
        elif c.path in walk_failed:
            out[c.path] = (SKIPPED, walk_failed[c.path])
        else:
            out[c.path] = ("missing", "")
    return out


def check_run(result: dict, cases: list[FuzzCase], db: str, n_files: int) -> dict[str, tuple[str, str]]:
    """The guarantees that must hold whatever the PDF engines do."""
    assert result["rc"] in (0, 1), result["stderr"][-3000:]  # 1: some files failed (expected)
    assert "Traceback" not in result["stderr"], result["stderr"][-3000:]
    # No hang: every file finished within the per-file limit (two workers), plus start-up.
    assert result["wall"] < 60 + TIMEOUT_S * n_files / 2
    assert result["maxrss_mb"] is not None and result["maxrss_mb"] < MEMORY_MB
    got = outcomes(db, cases, result["stderr"])
    wrong = {c.name: got[c.path] for c in cases if got[c.path][0] not in c.allowed}
    assert not wrong, f"unexpected outcomes: {wrong}"
    return got


#: Words the audit found in unclear reasons: a library's own message ("PDFium: Success"),
#: a class name ("(PSEOF)"), a bug's label, or a hint that did not fit (issue 25.10).
_VAGUE = re.compile(r"PDFium: |\((?:[A-Z][a-z]+)+(?:Error|EOF|Exception)\)|internal error|is Tesseract installed")
#: What the audit's inputs must be told (a pattern the reason must match).
_AUDIT_REASONS = {"decompression-bomb": "decompression bomb", "cyclic-page-tree": "page 1 |page tree",
                  "zero-pages": "zero pages", "only-header": "corrupt", "garbage-with-header": "corrupt"}


def unclear_reasons(cases: list[FuzzCase], got: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Failures whose reason would not tell a user what happened."""
    bad = {}
    for c in cases:
        status, reason = got[c.path]
        key = f"{c.name} ({os.path.basename(c.path)})"
        if status == OK:
            continue
        if not reason or "\n" in reason or len(reason) > 300 or _VAGUE.search(reason):
            bad[key] = reason
        elif c.name in _AUDIT_REASONS and not re.search(_AUDIT_REASONS[c.name], reason):
            bad[key] = reason
        elif c.reason_has and c.reason_has.lower() not in reason.lower():
            bad[key] = reason
        elif "encrypted" in reason and not c.name.startswith("encrypted"):
            bad[key] = reason  # a wrong diagnosis sends the user the wrong way
    return bad


@pytest.fixture(scope="module")
def ci_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz")
    folder = str(base / "corpus")
    cases = build_corpus(folder, seed=7, scale=1)
    db = str(base / "fuzz.db")
    result = run_ingest(folder, db)
    return cases, db, result


@needs_reportlab
def test_ci_slice_is_representative(ci_run):
    cases, _, _ = ci_run
    assert len(cases) >= 30
    kinds = {c.name.split("@")[0].split(" ")[0] for c in cases}
    assert {"truncated", "flipped", "encrypted-user-password", "encrypted-empty-user-password", "zero-pages",
            "200k-chars-page", "decompression-bomb", "html-as-pdf", "zip-as-pdf", "empty", "symlink-loop",
            "odd-name", "nested-arrays", "cyclic-page-tree", "fifo-txt", "dev-zero-link", "link-out-of-corpus",
            "link-to-parent", "second-folder-link"} <= kinds


@needs_reportlab
def test_every_case_recorded_no_crash_hang_or_memory_blowup(ci_run):
    cases, db, result = ci_run
    got = check_run(result, cases, db, len(cases))
    assert got[next(c.path for c in cases if c.name == "valid")][0] == OK
    # Odd Unicode names are stored exactly as on disk (NFC and NFD stay two files).
    names = {os.path.basename(c.path) for c in cases if c.name.startswith("odd-name")}
    con = sqlite3.connect(db)
    stored = {os.path.basename(p) for (p,) in con.execute("SELECT path FROM documents WHERE status='ok'")}
    con.close()
    assert names <= stored
    # A re-run changes nothing and reads nothing again.
    again = run_ingest(os.path.dirname(cases[0].path), db)
    assert again["rc"] in (0, 1) and " 0 added" in again["stdout"], again["stdout"]


@needs_reportlab
def test_every_failure_has_a_clear_reason(ci_run):
    cases, db, result = ci_run
    got = outcomes(db, cases, result["stderr"])
    assert unclear_reasons(cases, got) == {}


@needs_reportlab
def test_per_file_time_limit_stops_a_slow_file_not_the_run(tmp_path):
    """A real extraction past ``--timeout`` is killed and recorded; the other files are read."""
    from fuzz_corpus import _long_page_pdf, base_pdf_bytes

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "slow.pdf").write_bytes(_long_page_pdf(3_000_000))  # ~15 s of work on an idle machine: 5x the limit
    (folder / "fine.pdf").write_bytes(base_pdf_bytes(1, pages=1))
    db = str(tmp_path / "t.db")
    result = run_ingest(str(folder), db, jobs=1, timeout=3)
    assert result["rc"] == 1 and "Traceback" not in result["stderr"]
    assert result["wall"] < 60
    con = sqlite3.connect(db)
    rows = {os.path.basename(p): (s, e) for p, s, e in con.execute("SELECT path, status, error FROM documents")}
    con.close()
    assert rows["fine.pdf"][0] == OK
    assert rows["slow.pdf"][0] == FAILED and "time limit" in rows["slow.pdf"][1]


def test_workers_run_under_the_memory_cap():
    """The cap is really applied in each worker, and going past it is a recorded failure."""
    ex = LocalExecutor(jobs=1, timeout=60, memory_mb=1024)
    out = {o.key: o for o in ex.run(_memory_probe, [("limit", 0), ("hog", 3072)])}
    assert out["limit"].value == 1024 * 1024 * 1024
    assert out["hog"].error and "memory" in out["hog"].error


def _memory_probe(mb: int) -> int:
    import resource

    if mb:
        blob = bytearray(mb * 1024 * 1024)  # past the cap: MemoryError in the worker
        return len(blob)
    return resource.getrlimit(resource.RLIMIT_AS)[0]


@needs_reportlab
@pytest.mark.slow
@pytest.mark.parametrize("seed,scale,engine", [(101, 12, "pdfium"), (202, 12, "pdfium"), (303, 12, "pdfium"),
                                               (404, 2, "pdfplumber")])
def test_long_fuzz(tmp_path, seed, scale, engine):
    """Hundreds of cases in all; prints the outcome counts for docs/reliability.md."""
    folder = str(tmp_path / "corpus")
    cases = build_corpus(folder, seed=seed, scale=scale)
    db = str(tmp_path / "fuzz.db")
    result = run_ingest(folder, db, engine=engine)
    got = check_run(result, cases, db, len(cases))
    counts: dict[str, int] = {}
    for status, _ in got.values():
        counts[status] = counts.get(status, 0) + 1
    unclear = unclear_reasons(cases, got)
    reasons: dict[str, int] = {}
    for status, reason in got.values():
        if status != OK:
            key = re.sub(r"\d+", "N", reason)[:60]
            reasons[key] = reasons.get(key, 0) + 1
    print(f"\nFUZZ engine={engine} seed={seed} cases={len(cases)} outcomes={counts} wall={result['wall']:.1f}s "
          f"max_worker_rss={result['maxrss_mb']:.0f}MB unclear_reasons={len(unclear)}")
    for key, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {key}")
    for name, reason in sorted(unclear.items()):
        print(f"  UNCLEAR {name}: {reason}")
    assert not unclear, unclear


# -- the same hostile corpus against hostile places for the store (issue 25) --

def _cli(*args: str) -> subprocess.CompletedProcess:
    return run_litmap(*args, timeout=900)


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, proc.stderr[-2000:]
    return errors[0]


@needs_reportlab
@pytest.mark.slow
def test_fuzz_corpus_into_a_foreign_sqlite_file_leaves_it_byte_identical(tmp_path):
    folder = str(tmp_path / "corpus")
    build_corpus(folder, seed=7, scale=1)
    foreign = tmp_path / "other.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('a user note')")
    con.commit()
    con.close()
    before, beside = foreign.read_bytes(), sorted(tmp_path.iterdir())
    message = _one_line_error(_cli("ingest", folder, "--db", str(foreign), "--jobs", "2", "--ocr", "never"))
    assert "another program" in message
    assert foreign.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == beside  # no .lock, -wal or -shm left beside it


def _mount_tmpfs(path: str, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (CI runs as root)")
    os.makedirs(path, exist_ok=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")


@needs_reportlab
@pytest.mark.slow
def test_fuzz_corpus_into_a_read_only_store_is_refused_and_readers_work(tmp_path):
    folder = str(tmp_path / "corpus")
    build_corpus(folder, seed=8, scale=1)
    db = tmp_path / "store" / "fuzz.db"
    first = run_ingest(folder, str(db))
    assert first["rc"] in (0, 1), first["stderr"][-2000:]
    ro = str(db.parent)
    if os.geteuid() == 0:  # chmod does not bind root: a read-only bind mount does
        if subprocess.run(["mount", "--bind", ro, ro], capture_output=True).returncode != 0 or \
                subprocess.run(["mount", "-o", "remount,bind,ro", ro], capture_output=True).returncode != 0:
            subprocess.run(["umount", ro], capture_output=True)
            pytest.skip("cannot make a read-only bind mount here")
    else:
        db.chmod(0o444)
        db.parent.chmod(0o555)
    try:
        before = db.read_bytes()
        assert _cli("status", "--db", str(db)).returncode == 0
        assert _cli("papers", "--db", str(db)).returncode == 0
        _one_line_error(_cli("ingest", folder, "--db", str(db), "--reprocess", "--ocr", "never"))
        assert db.read_bytes() == before
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", ro], capture_output=True)
        else:
            db.parent.chmod(0o755)


@needs_reportlab
@pytest.mark.slow
def test_fuzz_corpus_into_a_tiny_full_filesystem_is_one_line_and_consistent(tmp_path):
    folder = str(tmp_path / "corpus")
    build_corpus(folder, seed=9, scale=1)
    small = str(tmp_path / "small")
    _mount_tmpfs(small, "160k")
    try:
        db = os.path.join(small, "fuzz.db")
        message = _one_line_error(_cli("ingest", folder, "--db", db, "--jobs", "2", "--ocr", "never"))
        assert "no space left on device" in message and small in message
        subprocess.run(["mount", "-o", "remount,size=64m", small], check=True)  # room to open the WAL again
        if os.path.exists(db):
            con = sqlite3.connect(db)
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
    finally:
        subprocess.run(["umount", small], capture_output=True)
