import os
import time

import pytest

from litmap.errors import InputError
from litmap.ingest.discover import fingerprint, sha256_file, walk
from litmap.ingest.executor import InlineExecutor, LocalExecutor


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
