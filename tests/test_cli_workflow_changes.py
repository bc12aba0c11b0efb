""""What changed" across runs (issue 22): a no-op rerun says "no changes since run N" and keeps
the last real changes with their run numbers; the table of the last two runs includes the run
that built the report; new papers link to their page.  The real CLI in a temporary folder."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from support import ROOT, run_litmap

SAMPLE = Path(ROOT) / "corpora" / "sample"
FAST = ("--no-topics", "-j", "0", "--executor", "inline", "--ocr", "never")


def _run(folder: Path, *args: str, out: str = "out") -> None:
    res = run_litmap("run", "papers", "-o", out, *args, *FAST, cwd=str(folder), timeout=300)
    assert res.returncode == 0, res.stderr


def _changes(folder: Path, out: str = "out") -> tuple[str, str]:
    html = (folder / out / "index.html").read_text()
    section = html[html.index('<section id="changes"'):]
    section = section[:section.index("</section>")]
    md = (folder / out / "report.md").read_text()
    return section, md[md.index("## What changed"):]


def _two_papers(folder: Path) -> tuple[Path, list[str]]:
    """A papers folder holding two sample papers, and the names of those and a third to add later."""
    names = sorted(os.listdir(SAMPLE))[2:5]
    papers = folder / "papers"
    papers.mkdir()
    for name in names[:2]:
        shutil.copy(SAMPLE / name, papers / name)
    return papers, names


def test_what_changed_survives_a_no_op_run(tmp_path):
    papers, names = _two_papers(tmp_path)
    _run(tmp_path)                                       # run 1: the first report
    html, md = _changes(tmp_path)
    assert "no earlier report of this store" in html and "no earlier report" in md

    shutil.copy(SAMPLE / names[2], papers / names[2])
    _run(tmp_path)                                       # run 2: one new paper
    html, md = _changes(tmp_path)
    assert "New papers: 1" in html and "Compared with the report of run 1" in html
    link = re.search(r'New papers: 1<ul><li><a href="#/paper/(\d+)">', html)
    assert link, html  # the new paper links to its page
    assert "Previous (run 1)" in html and "Latest (run 2)" in html  # not one run behind
    assert "Previous (run 1)" in md and "Latest (run 2)" in md
    snapshot = json.loads((tmp_path / "out" / "data" / "snapshot.json").read_text())
    assert snapshot["run"] == 2 and snapshot["last_changes"]["run"] == 2

    _run(tmp_path)                                       # run 3: nothing changed
    html, md = _changes(tmp_path)
    assert "No changes since run 2." in html and "No changes since run 2." in md
    assert "Last changes: run 2, compared with run 1" in html and "Last changes: run 2, compared with run 1" in md
    assert f'New papers: 1<ul><li><a href="#/paper/{link.group(1)}">' in html  # kept, still linked
    assert "Previous (run 2)" in html and "Latest (run 3)" in html

    _run(tmp_path)                                       # run 4: still nothing; the last changes stay run 2's
    html, md = _changes(tmp_path)
    assert "No changes since run 3." in html and "Last changes: run 2, compared with run 1" in html
    assert "Previous (run 3)" in html and "Latest (run 4)" in html


def test_a_report_in_a_new_folder_compares_with_the_stores_last(tmp_path):
    papers, names = _two_papers(tmp_path)
    _run(tmp_path, "--db", "store.db")
    shutil.copy(SAMPLE / names[2], papers / names[2])
    # the same store, another report folder: the store kept the last report's snapshot
    _run(tmp_path, "--db", "store.db", out="elsewhere")
    html, _ = _changes(tmp_path, "elsewhere")
    assert "New papers: 1" in html and "no earlier report" not in html
