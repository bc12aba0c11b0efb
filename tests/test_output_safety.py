"""Issue 25, the output side: `-o` never deletes a user's file, stale temporary
report folders are cleaned, and full, read-only or forbidden places give a
one-line message with exit 1 and leave the earlier report or file whole."""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmap.cli import cli
from litmap.errors import InputError
from litmap.report import ReportSettings, build_report
from litmap.store.db import Store
from report_fixture import build_fixture_store

FAST = ReportSettings(title="Fixture corpus", figures=False, timestamp=False)
needs_igraph = pytest.mark.requires("igraph")  # a report clusters with Leiden
MARKER = ".litmap-report"  # the file that marks a folder as a report litmap wrote

PAPER = """# Rescaling the entrepreneurial city

Neil Brenner

## Introduction

State rescaling reorganises urban governance across scales (Brenner, 2004; Jessop, 2002).

## References

Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press.

Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_fixture_store(str(tmp_path_factory.mktemp("store") / "fixture.db"), topics=False)


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too): file -> sha256, folder -> '/'."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            out[os.path.relpath(os.path.join(root, d), folder)] = "/"
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, folder)] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
    return out


_PROGRESS_LINE = re.compile(r"^\d\d:\d\d:\d\d ")


def _message_lines(output: str) -> list[str]:
    """The output less the timestamped progress lines litmap prints when stderr is not a terminal."""
    return [line for line in output.strip().splitlines() if not _PROGRESS_LINE.match(line)]


def assert_clean_failure(res, *phrases):
    """Exit 1, a message, no traceback (the exception was litmap's own, turned into a message)."""
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    for phrase in phrases:
        assert phrase in res.output, res.output


def user_folder(folder: Path) -> Path:
    """A user's folder of papers and notes that happens to hold an index.html (the audit's case)."""
    folder.mkdir(parents=True)
    (folder / "a.md").write_text(PAPER)
    (folder / "index.html").write_text("<h1>my own site</h1>")
    (folder / "thesis.docx").write_bytes(os.urandom(2048))
    (folder / "notes").mkdir()
    (folder / "notes" / "ideas.txt").write_text("keep me")
    return folder


# 1. -o writes only into a new or empty folder or one litmap made


def test_run_with_o_at_the_corpus_is_refused_and_keeps_every_file(tmp_path):
    papers = user_folder(tmp_path / "papers")
    before = tree(papers)
    res = invoke("run", papers, "-o", papers, "--jobs", "0", "--executor", "inline", "--no-topics")
    assert_clean_failure(res, f"refusing -o {papers}: it is the corpus folder", f"-o {papers}-report")
    assert tree(papers) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["papers"]  # no papers.db, no .lock


def test_report_into_a_folder_of_the_user_s_is_refused_untouched(tmp_path, store_path):
    site = tmp_path / "mysite"
    site.mkdir()
    (site / "index.html").write_text("<h1>mine</h1>")
    (site / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    (site / "sub").mkdir()
    (site / "sub" / "draft.md").write_text("draft")
    before = tree(site)
    res = invoke("report", "--db", store_path, "-o", site, "--no-figures")
    assert_clean_failure(res, f"{site} holds other files and is not a litmap report")
    assert tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mysite"]  # no temporary folder either


@needs_igraph
def test_rebuilding_an_earlier_report_works_and_marks_it(tmp_path, store_path):
    out = tmp_path / "r"
    with Store(store_path) as store:
        first = build_report(store, out, FAST)
        marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
        assert {"index.html", "report.md", "data/snapshot.json"} <= set(marker["files"])
        assert set(marker["files"]) == {k for k, v in tree(out).items() if v != "/"} - {MARKER}
        assert marker["litmap"] and "created" in marker
        build_report(store, out, FAST)
    assert (out / "index.html").is_file() and first.index == str(out / "index.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


@needs_igraph
def test_an_empty_or_new_folder_is_accepted(tmp_path, store_path):
    (tmp_path / "empty").mkdir()
    with Store(store_path) as store:
        build_report(store, tmp_path / "empty", FAST)
        build_report(store, tmp_path / "new" / "deeper", FAST)
    assert (tmp_path / "empty" / MARKER).is_file() and (tmp_path / "new" / "deeper" / MARKER).is_file()


@needs_igraph
def test_a_report_from_before_the_marker_is_accepted(tmp_path, store_path):
    out = tmp_path / "r"
    with Store(store_path) as store:
        build_report(store, out, FAST)
        (out / MARKER).unlink()  # as litmap wrote reports before the marker
        build_report(store, out, FAST)
    assert (out / MARKER).is_file()


@needs_igraph
def test_files_the_user_added_to_a_report_are_never_deleted(tmp_path, store_path):
    out = tmp_path / "r"
    with Store(store_path) as store:
        build_report(store, out, FAST)
        (out / "my notes.txt").write_text("mine")
        (out / "data" / "extra.csv").write_text("a,b\n")
        (out / "figures").mkdir(exist_ok=True)
        (out / "figures" / "drawn by hand.png").write_bytes(b"\x89PNG")
        before = tree(out)
        with pytest.raises(InputError) as err:
            build_report(store, out, FAST)
        assert "is an earlier litmap report but also holds files litmap did not write" in str(err.value)
        assert "my notes.txt" in str(err.value) and "data/extra.csv" in str(err.value)
        assert tree(out) == before
        # The same, for a report written before the marker existed.
        (out / MARKER).unlink()
        (out / "data" / "extra.csv").unlink()
        (out / "figures" / "drawn by hand.png").unlink()
        with pytest.raises(InputError, match=r"did not write \(my notes\.txt\)"):
            build_report(store, out, FAST)
    assert (out / "my notes.txt").read_text() == "mine"


@needs_igraph
def test_a_link_inside_a_report_counts_as_the_user_s(tmp_path, store_path):
    out = tmp_path / "r"
    with Store(store_path) as store:
        build_report(store, out, FAST)
        (out / "papers").symlink_to(tmp_path)
        with pytest.raises(InputError, match="did not write"):
            build_report(store, out, FAST)


# 2. -o /, home, a folder holding the corpus or the store: refused before anything is created


def test_dangerous_report_folders_are_refused(tmp_path, monkeypatch):
    from litmap.report.build import check_report_folder

    home = tmp_path / "home"
    (home / "papers").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    cases = {
        "/": "it is the root of the file system",
        str(home): "it is your home folder",
        str(tmp_path): f"it contains your home folder {home}",
    }
    for out, why in cases.items():
        with pytest.raises(InputError, match=why):
            check_report_folder(out)
    with pytest.raises(InputError, match="it is the corpus folder"):
        check_report_folder(home / "papers", sources=[home / "papers"])
    elsewhere = tmp_path / "work"
    (elsewhere / "corpus" / "sub").mkdir(parents=True)
    with pytest.raises(InputError, match="it contains the corpus"):
        check_report_folder(elsewhere, sources=[elsewhere / "corpus" / "sub"])
    with pytest.raises(InputError, match="it contains the store"):
        check_report_folder(elsewhere / "corpus", db=elsewhere / "corpus" / "sub" / "litmap.db")
    assert check_report_folder(elsewhere / "report", sources=[elsewhere / "corpus"]) == elsewhere / "report"


def test_run_with_o_above_the_corpus_creates_nothing(tmp_path):
    base = tmp_path / "project"
    papers = user_folder(base / "papers")
    before = tree(base)
    res = invoke("run", papers, "-o", base, "--jobs", "0", "--executor", "inline", "--no-topics")
    assert_clean_failure(res, f"refusing -o {base}: it contains the corpus {papers}")
    assert tree(base) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]  # no project.db, no project.db.lock


def test_run_with_o_into_a_user_folder_is_refused_before_ingest(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.md").write_text(PAPER)
    site = tmp_path / "site"
    site.mkdir()
    (site / "thesis.docx").write_text("mine")
    res = invoke("run", papers, "-o", site, "--jobs", "0", "--executor", "inline", "--no-topics")
    assert_clean_failure(res, "holds other files and is not a litmap report")
    assert not (tmp_path / "site.db").exists() and not (tmp_path / "site.db.lock").exists()


# 3. Temporary folders of interrupted builds are cleaned by the next build


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


@needs_igraph
def test_stale_temporary_report_folders_are_removed(tmp_path, store_path, caplog):
    out = tmp_path / "r"
    dead = _dead_pid()
    stale = [f".r.tmp-{dead}-abcd1234", f".r.old-{dead}-0a1b2c3d", f".r.old-{dead}", ".r.tmp-k3j4h5l6"]
    kept = [f".r.tmp-{os.getpid()}-zzzz9999",  # a build still running
            ".r.tmp-a1b2c3d4",  # no pid and recent: may be an older litmap still writing
            f".other.tmp-{dead}-abcd1234", ".r.tmp-notes", "r.tmp-1-x"]  # not this report's, or not litmap's
    for name in stale + kept:
        (tmp_path / name / "data").mkdir(parents=True)
        (tmp_path / name / "data" / "big.csv").write_text("x" * 1000)
    long_ago = time.time() - 7200
    os.utime(tmp_path / ".r.tmp-k3j4h5l6", (long_ago, long_ago))
    (tmp_path / ".r.tmp-linked").symlink_to(tmp_path / ".r.tmp-notes")
    with caplog.at_level(logging.WARNING, logger="litmap.report.build"), Store(store_path) as store:
        build_report(store, out, FAST)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(kept + [".r.tmp-linked", "r"])
    for name in stale:
        assert f"removed {tmp_path / name}, left by an interrupted report build" in caplog.text


@needs_igraph
def test_temporary_folders_carry_the_builder_s_pid(tmp_path, store_path, monkeypatch):
    seen = []
    from litmap.report import build

    real = build._swap

    def spy(tmp, out):
        seen.append(tmp.name)
        real(tmp, out)

    monkeypatch.setattr(build, "_swap", spy)
    with Store(store_path) as store:
        build_report(store, tmp_path / "r", FAST)
    assert seen and seen[0].startswith(f".r.tmp-{os.getpid()}-")


# 4. Full, read-only and forbidden places: one line, exit 1, nothing lost


def test_write_error_messages():
    from litmap.errors import OutputError
    from litmap.util.files import write_error

    full = write_error(OSError(errno.ENOSPC, "No space left on device"), "out/report")
    assert isinstance(full, OutputError)
    assert str(full) == "cannot write out/report: no space left on device; free some space or choose another -o folder"
    ro = write_error(OSError(errno.EROFS, "Read-only file system", "/mnt/x/refs.bib"), "refs.bib", target="file")
    assert str(ro) == "cannot write /mnt/x/refs.bib: read-only file system; choose a writable -o file"
    denied = write_error(PermissionError(errno.EACCES, "Permission denied", "/r.tmp/data/a.csv"), "/r",
                         shown=("/r.tmp", "/r"))
    assert str(denied) == ("cannot write /r/data/a.csv: permission denied; choose an -o folder you can write to, "
                           "or change its permissions")
    assert write_error(OSError(errno.EACCES, "denied", "/usr/share/fonts/x.ttf"), "/r", within=["/r"]) is None
    assert write_error(OSError(errno.ENOENT, "gone", "/r/x"), "/r") is None


@pytest.fixture
def mount(tmp_path):
    """mount(name, size) -> a fresh tmpfs folder (root only; skipped elsewhere); unmounted after the test."""
    mounted: list[Path] = []

    def _mount(name: str, size: int) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        folder = tmp_path / name
        folder.mkdir()
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             check=False, capture_output=True, text=True)
        if res.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield _mount
    for folder in reversed(mounted):
        subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def _remount_ro(folder: Path) -> None:
    res = subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=False, capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"cannot remount read-only: {res.stderr.strip()}")


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)


def _report_size(store_path: str, where: Path) -> int:
    res = invoke("report", "--db", store_path, "-o", where, "--no-figures")
    assert res.exit_code == 0, res.output
    return sum(-(-p.stat().st_size // 4096) * 4096 + 4096 for p in where.rglob("*"))


@needs_igraph
def test_full_disk_report_is_one_line_and_keeps_the_earlier_report(tmp_path, store_path, mount):
    size = _report_size(store_path, tmp_path / "probe")
    small = mount("small", size * 3 // 2)  # room for one report, not for the old one and the new one together
    out = small / "report"
    res = invoke("report", "--db", store_path, "-o", out, "--no-figures")
    assert res.exit_code == 0, res.output
    before = tree(out)
    res = invoke("report", "--db", store_path, "-o", out, "--no-figures")
    assert_clean_failure(res, f"Error: cannot write {out}", "no space left on device; free some space or "
                                                             "choose another -o folder")
    assert len(_message_lines(res.output)) == 1, res.output
    assert ".tmp-" not in res.output  # the file is named by where it was going
    assert tree(out) == before
    assert sorted(p.name for p in small.iterdir()) == ["report"]  # the temporary folder is gone


@needs_igraph
def test_full_disk_first_report_leaves_nothing(tmp_path, store_path, mount, caplog):
    small = mount("tiny", 64 * 1024)
    res = invoke("report", "--db", store_path, "-o", small / "report")  # with figures: matplotlib writes too
    assert_clean_failure(res, f"Error: cannot write {small / 'report'}: no space left on device")
    assert len(_message_lines(res.output)) == 1, res.output
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert list(small.iterdir()) == []


@needs_igraph
def test_full_disk_exports_keep_the_earlier_file(tmp_path, store_path, mount):
    small = mount("exports", 256 * 1024)
    bib, net = small / "refs.bib", small / "net.graphml"
    assert invoke("export", "references", "--db", store_path, "-o", bib).exit_code == 0
    assert invoke("network", "--db", store_path, "-o", net).exit_code == 0
    before = tree(small)
    _fill(small)
    res = invoke("export", "references", "--db", store_path, "-o", bib)
    assert_clean_failure(res, "no space left on device; free some space or choose another -o file")
    res = invoke("export", "wos", "--db", store_path, "-o", small / "wos.txt")
    assert_clean_failure(res, f"cannot write {small}", "no space left on device")
    res = invoke("network", "--db", store_path, "-o", net)
    assert_clean_failure(res, "no space left on device")
    (small / "filler").unlink()
    assert tree(small) == before  # earlier files whole, no temporary files left


def _read_only(tmp_path: Path, mount) -> Path:
    """A read-only folder: a tmpfs remounted ro when root, else a folder chmod 555."""
    if os.geteuid() == 0:
        folder = mount("ro", 1024 * 1024)
        return folder
    folder = tmp_path / "ro"
    folder.mkdir()
    return folder


def _make_read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        _remount_ro(folder)
    else:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o555)


@needs_igraph
def test_read_only_output_is_one_line_and_keeps_the_earlier_report(tmp_path, store_path, mount):
    folder = _read_only(tmp_path, mount)
    out = folder / "report"
    assert invoke("report", "--db", store_path, "-o", out, "--no-figures").exit_code == 0
    assert invoke("export", "wos", "--db", store_path, "-o", folder / "wos.txt").exit_code == 0
    _make_read_only(folder)
    try:
        before = tree(folder)
        fix = ("read-only file system; choose a writable -o" if os.geteuid() == 0
               else "permission denied; choose an -o")
        res = invoke("report", "--db", store_path, "-o", out, "--no-figures")
        assert_clean_failure(res, f"Error: cannot write {folder}", fix)
        assert len(_message_lines(res.output)) == 1, res.output
        res = invoke("export", "wos", "--db", store_path, "-o", folder / "wos.txt")
        assert_clean_failure(res, f"cannot write {folder}", fix + " file")
        res = invoke("network", "--db", store_path, "-o", folder / "sub" / "net.graphml")
        assert_clean_failure(res, f"cannot write {folder}", fix + " file")
        assert tree(folder) == before
    finally:
        if os.geteuid() != 0:
            for p in [folder, *folder.rglob("*")]:
                if p.is_dir():
                    p.chmod(0o755)


def test_run_twice_into_the_same_report(tmp_path):
    """The everyday case: `litmap run papers -o report` again rebuilds the report it made (here a one-paper
    corpus, whose report has an empty figures/ folder)."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a.md").write_text(PAPER)
    out = tmp_path / "report"
    for _ in range(2):
        res = invoke("run", papers, "-o", out, "--jobs", "0", "--executor", "inline", "--no-topics")
        assert res.exit_code == 0, res.output
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert (out / "figures").is_dir()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folders left
