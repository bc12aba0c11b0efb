import os
import time

import pytest

from litmap.errors import InputError
from litmap.batch.discover import fingerprint, sha256_file, walk
from litmap.batch.executor import InlineExecutor, LocalExecutor


def test_walk_finds_supported_files_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a" / "notes.TXT").write_text("x")
    (tmp_path / "b.html").write_text("<p>x</p>")
    (tmp_path / "image.png").write_bytes(b"x")
    (tmp_path / ".hidden.pdf").write_bytes(b"x")
    files, problems = walk([str(tmp_path)])
    names = [os.path.relpath(f.path, tmp_path) for f in files]
    assert names == ["a/notes.TXT", "a/p.pdf", "b.html"]
    assert [f.media_type for f in files] == ["txt", "pdf", "html"]
    assert problems == []


def test_walk_survives_symlink_loops_broken_links_and_unreadable(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "missing.pdf")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF")
    secret.chmod(0)
    (tmp_path / "ok.pdf").write_bytes(b"%PDF")
    (tmp_path / "odd name – 東京 ✓.pdf").write_bytes(b"%PDF")
    files, problems = walk([str(tmp_path)])
    reasons = {os.path.basename(p.path): p.reason for p in problems}
    assert "broken link" in reasons["dangling.pdf"]
    assert any("symlink loop" in r for r in reasons.values())
    names = {os.path.basename(f.path) for f in files}
    assert {"ok.pdf", "odd name – 東京 ✓.pdf"} <= names
    if os.geteuid() != 0:  # root can read anything
        assert "permission denied" in reasons["secret.pdf"]


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        walk([str(tmp_path / "nope")])


def test_explicit_unsupported_file_reported(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"PK")
    files, problems = walk([str(p)])
    assert files == [] and "skipped" in problems[0].reason


def test_fingerprint_reuses_hash_of_unchanged_files(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(b"%PDF-1.4 one")
    (f,), _ = walk([str(p)])
    known = {f.path: (f.size, f.mtime, "cached")}
    assert next(fingerprint([f], known))[1] == "cached"
    assert next(fingerprint([f], {}))[1] == sha256_file(str(p))


def _slow(x):
    if x == "hang":
        time.sleep(60)
    if x == "crash":
        os._exit(3)
    if x == "raise":
        raise ValueError("bad")
    return x.upper()


def test_local_executor_time_limit_and_crash_isolation():
    ex = LocalExecutor(jobs=2, timeout=2.0, memory_mb=0)
    t0 = time.monotonic()
    out = list(ex.run(_slow, [(1, "a"), (2, "hang"), (3, "crash"), (4, "raise"), (5, "b")]))
    assert time.monotonic() - t0 < 30
    by_key = {o.key: o for o in out}
    assert by_key[1].value == "A" and by_key[5].value == "B"
    assert "time limit" in by_key[2].error
    assert "crashed" in by_key[3].error
    assert "ValueError" in by_key[4].error


def test_inline_executor():
    out = list(InlineExecutor().run(_slow, [(1, "a"), (2, "raise")]))
    assert out[0].value == "A" and "ValueError" in out[1].error


# -- issue 25 point 2: only regular files are read; the coordinator's hashing has limits --------------------

import json  # noqa: E402
import threading  # noqa: E402

from support import run_litmap as litmap  # noqa: E402

from litmap.errors import ExtractionError  # noqa: E402

PAPER = ("Rescaling the city\n\nNeil Brenner\n\n1 Introduction\n\nState rescaling reorganises urban governance "
         "(Brenner, 2004).\n\nReferences\n\nBrenner, N. (2004) New State Spaces. Oxford: Oxford University Press.\n")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def finishes(fn, fifo=None, seconds=15.0):
    """Run ``fn`` in a thread; True if it returned in time.  A reader blocked on ``fifo`` is freed after."""
    box = {}
    t = threading.Thread(target=lambda: box.update(result=_call(fn)), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive() and fifo:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # let the blocked open() return
        t.join(5)
    return not t.is_alive() and box.get("result") == "done"


def _call(fn):
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - the caller checks what was raised
        return exc
    return "done"


@needs_fifo
def test_fifo_and_device_named_like_papers_are_skipped_with_a_note(tmp_path):
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(PAPER)
    files, problems = walk([str(tmp_path)], follow_links=True)  # following links must not reach /dev/zero
    assert [os.path.basename(f.path) for f in files] == ["ok.txt"]
    reasons = {os.path.basename(p.path): (p.reason, p.failed) for p in problems}
    assert reasons == {"fifo.txt": ("skipped: not a regular file (a FIFO)", False),
                       "zero.txt": ("skipped: not a regular file (a character device)", False)}
    # Named directly, they are skipped just the same.
    _, problems = walk([str(tmp_path / "fifo.txt"), str(tmp_path / "zero.txt")])
    assert [p.reason for p in problems] == ["skipped: not a regular file (a FIFO)",
                                            "skipped: not a regular file (a character device)"]


@needs_fifo
def test_hashing_never_blocks_on_a_fifo_or_reads_a_device(tmp_path):
    fifo = str(tmp_path / "swapped.txt")
    os.mkfifo(fifo)
    errors = []

    def hash_it(path):
        def run():
            try:
                sha256_file(path)
            except ExtractionError as exc:
                errors.append(exc.reason)
        return run

    assert finishes(hash_it(fifo), fifo=fifo)
    assert finishes(hash_it("/dev/zero"))
    assert errors == ["skipped: not a regular file (a FIFO)", "skipped: not a regular file (a character device)"]
    # A FIFO put where the walk saw a file: fingerprint reports it, it does not hang.
    from litmap.batch.discover import FoundFile

    out = []
    assert finishes(lambda: out.extend(fingerprint([FoundFile(fifo, 10, 1.0, "txt")], {})), fifo=fifo)
    assert out[0][1] is None and "not a regular file (a FIFO)" in out[0][2]


@needs_fifo
def test_ingest_with_a_fifo_and_a_dev_zero_link_finishes_and_exits_0(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    os.mkfifo(papers / "fifo.txt")
    (papers / "zero.txt").symlink_to("/dev/zero")
    (papers / "paper.txt").write_text(PAPER)
    db = str(tmp_path / "t.db")
    for extra in ([], ["--follow-links"]):
        proc = litmap("ingest", str(papers), "--db", db, "--jobs", "1", "--timeout", "20", *extra)
        assert proc.returncode == 0, proc.stderr  # skipped entries are notes, not failures
        assert f"skipped {papers / 'fifo.txt'}: not a regular file (a FIFO)" in proc.stderr
        assert f"skipped {papers / 'zero.txt'}: not a regular file (a character device)" in proc.stderr
        assert "2 skipped" in proc.stdout
    st = json.loads(litmap("status", "--db", db, "--json").stdout)
    assert st["documents"] == 1 and st["failed"] == 0


def test_files_over_the_size_limit_are_reported_not_read(tmp_path):
    from litmap.batch.discover import too_large_reason

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 3000)
    (tmp_path / "small.txt").write_bytes(b"x" * 10)
    files, problems = walk([str(tmp_path)], max_bytes=2048)
    assert [os.path.basename(f.path) for f in files] == ["small.txt"]
    assert [(p.reason, p.failed) for p in problems] == [
        ("too large: 2.9 KiB is over the 2 KiB limit for one input file; raise it with --max-file-mb", True)]
    assert too_large_reason(3 * 1024**3, 2 * 1024**3) == ("too large: 3 GiB is over the 2 GiB limit for one input "
                                                          "file; raise it with --max-file-mb")
    # The coordinator's hashing has its own limits: a file that grew since the walk, a read that is too slow.
    with pytest.raises(ExtractionError, match="too large: 2.9 KiB is over the 2 KiB limit"):
        sha256_file(str(big), max_bytes=2048)
    with pytest.raises(ExtractionError, match=r"reading took over 1e-09 s .* raise --timeout"):
        sha256_file(str(big), chunk=100, time_limit=1e-9)


def test_max_file_mb_setting_reaches_the_walk(tmp_path, db_path):
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_bytes(PAPER.encode() * (1024**2 // len(PAPER) + 10))  # just over 1 MiB
    (tmp_path / "in" / "paper.txt").write_text(PAPER)
    with Store(db_path, write=True) as store:
        summary = ingest([str(tmp_path / "in")], store, IngestSettings(jobs=0, max_file_mb=1))
    assert len(summary.added) == 1
    assert [(os.path.basename(p), r.split(" is over")[1]) for p, r in summary.failed] == [
        ("big.txt", " the 1 MiB limit for one input file; raise it with --max-file-mb")]
    with pytest.raises(InputError, match="--max-file-mb"):
        IngestSettings(max_file_mb=0)


# -- issue 25 point 6: links are followed only inside the corpus; loops are notes, not failures -------------

def _corpus_with_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n")
    papers = tmp_path / "papers"
    (papers / "sub").mkdir(parents=True)
    (papers / "sub" / "a.txt").write_text(PAPER)
    (papers / "p.txt").symlink_to(outside / "secret.txt")  # like ln -s /etc/passwd papers/p.txt
    (papers / "up").symlink_to("..")  # the whole parent tree
    (papers / "loop").symlink_to(".")
    (papers / "alias.txt").symlink_to(papers / "sub" / "a.txt")  # inside the corpus: followed
    (papers / "a_link").symlink_to("sub")  # a second way to a folder walked anyway
    return papers, outside


def test_links_out_of_the_corpus_are_skipped_with_a_note(tmp_path):
    papers, outside = _corpus_with_links(tmp_path)
    files, problems = walk([str(papers)])
    assert sorted(os.path.relpath(f.path, papers) for f in files) == ["alias.txt", "sub/a.txt"]
    notes = {os.path.basename(p.path): p.reason for p in problems}
    assert all(not p.failed for p in problems)
    assert notes == {
        "p.txt": f"skipped: link leads outside the corpus ({outside / 'secret.txt'}); pass --follow-links to read it",
        "up": f"skipped: link leads outside the corpus ({tmp_path}); pass --follow-links to read it",
        "loop": "skipped: folder already walked through another path (a symlink loop or a second link to it)",
        "a_link": "skipped: folder already walked through another path (a symlink loop or a second link to it)",
    }
    # The real folder is walked under its own name, the link reported (not the other way round).
    assert str(papers / "sub" / "a.txt") in {f.path for f in files}


def test_follow_links_reads_them_and_a_path_named_directly_is_read(tmp_path):
    papers, outside = _corpus_with_links(tmp_path)
    files, problems = walk([str(papers)], follow_links=True)
    paths = {f.path for f in files}
    assert str(papers / "p.txt") in paths and str(papers / "up" / "outside" / "secret.txt") in paths
    assert all(not p.failed for p in problems)
    # A link the user names directly is what they asked for.
    files, problems = walk([str(papers / "p.txt")])
    assert [f.path for f in files] == [str(papers / "p.txt")] and problems == []
    # Two roots: a link from one into the other stays inside the corpus.
    files, _ = walk([str(papers), str(outside)])
    assert str(papers / "p.txt") in {f.path for f in files}


def test_broken_and_self_links_are_notes(tmp_path):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    _, problems = walk([str(tmp_path)])
    assert {os.path.basename(p.path): (p.reason, p.failed) for p in problems} == {
        "dangling.txt": (f"skipped: broken link (its target {tmp_path / 'missing.txt'} does not exist)", False),
        "self.txt": ("skipped: link loop (the link leads back to itself)", False),
    }


def test_links_ingest_exit_status_and_status_agree(tmp_path):
    papers, outside = _corpus_with_links(tmp_path)
    db = str(tmp_path / "t.db")
    proc = litmap("ingest", str(papers), "--db", db, "--jobs", "0")
    assert proc.returncode == 0, proc.stderr  # a loop or a link out is a note: was exit 1 with `status` at 0 failed
    assert "0 failed, 4 skipped" in proc.stdout and "FAILED" not in proc.stderr
    assert f"skipped {papers / 'p.txt'}: link leads outside the corpus" in proc.stderr
    assert f"skipped {papers / 'loop'}: folder already walked" in proc.stderr
    st = json.loads(litmap("status", "--db", db, "--json").stdout)
    assert st["failed"] == 0 and st["documents"] == 1
    con_paths = litmap("papers", "--db", db, "--json").stdout
    assert "secret" not in con_paths and "root:x" not in con_paths
    # With --follow-links the file outside is read (run and watch take the flag too).
    proc = litmap("ingest", str(papers), "--db", db, "--jobs", "0", "--follow-links")
    assert proc.returncode == 0 and "1 added" in proc.stdout, proc.stdout + proc.stderr
    for cmd in ("run", "watch"):
        assert "--follow-links" in litmap(cmd, "--help").stdout and "--max-file-mb" in litmap(cmd, "--help").stdout


def test_a_report_folder_inside_the_corpus_is_not_read_as_papers(tmp_path):
    """`cd papers; litmap run .` with the default -o outputs/report puts the
    report inside the corpus: its report.md and index.html are not papers."""
    from litmap.report.build import MARKER

    (tmp_path / "a.txt").write_text("A paper about scale (Brenner, 2004).", encoding="utf-8")
    rep = tmp_path / "outputs" / "report"
    (rep / "data").mkdir(parents=True)
    (rep / MARKER).write_text("{}", encoding="utf-8")
    (rep / "report.md").write_text("# Literature map", encoding="utf-8")
    (rep / "index.html").write_text("<html></html>", encoding="utf-8")
    found, problems = walk([str(tmp_path)])
    assert [os.path.basename(f.path) for f in found] == ["a.txt"]
    assert [(p.path, p.failed) for p in problems] == [(str(rep), False)]
    assert "litmap report folder" in problems[0].reason
