"""Progress and stage timings (issue 22): named stages on a terminal, timestamped lines in a log,
nothing with -q; each run records wall time and peak memory per stage, shown by `litmap runs`
and in the report's footer."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest

from litmap.display import LogLines, progress_display
from litmap.progress import ProgressEvent, StageClock, StageTime, describe, merge_stages
from support import run_litmap
from test_cli_workflow import FAST, _papers

LINE = re.compile(r"^\d\d:\d\d:\d\d \S")


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_stage_names_say_what_is_counted():
    assert describe(ProgressEvent("ingest", 12, 48)) == "reading 12/48 files"
    assert describe(ProgressEvent("embed", 1200, 3400)) == "embedding 1,200/3,400 passages"
    assert describe(ProgressEvent("works", 0, 1)) == "resolving works"
    assert describe(ProgressEvent("cluster", 1, 1)) == "topics"
    assert describe(ProgressEvent("report", 5, 7, message="networks")) == "networks"


def test_log_lines_come_at_a_sensible_rate():
    out, clock = io.StringIO(), FakeClock()
    lines = LogLines(out, clock=clock)
    for done in range(0, 49):
        lines(ProgressEvent("ingest", done, 48, failed=done == 7))
    text = out.getvalue().splitlines()
    assert all(LINE.match(t) for t in text), text
    # the start, every 4th file (a tenth of 48), and the end: 13 lines, not 49
    assert text[0].endswith("reading 0/48 files") and text[-1].endswith("reading 48/48 files (1 failed)")
    assert len(text) == 13, text
    lines(ProgressEvent("embed", 0, 1000))
    lines(ProgressEvent("embed", 1, 1000))  # too soon and too few: no line
    clock.now += 10.5
    lines(ProgressEvent("embed", 2, 1000))  # but 10 s later, a line
    assert out.getvalue().splitlines()[-2:][0].endswith("embedding 0/1,000 passages")
    assert out.getvalue().splitlines()[-1].endswith("embedding 2/1,000 passages")
    n = len(out.getvalue().splitlines())
    lines(ProgressEvent("works", 0, 1))
    lines(ProgressEvent("works", 1, 1))  # the same words again: no second line
    assert len(out.getvalue().splitlines()) == n + 1


def test_terminal_display_names_each_stage():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    with progress_display(stream=out) as callback:
        assert callback is not None and not isinstance(callback, LogLines)
        for done in range(5):
            callback(ProgressEvent("ingest", done, 4))
        callback(ProgressEvent("works", 0, 1))
        callback(ProgressEvent("embed", 3400, 3400))
    text = out.getvalue()
    assert "reading 4/4 files" in text and "resolving works" in text and "embedding 3,400/3,400" in text


def test_quiet_shows_nothing():
    with progress_display(quiet=True, stream=io.StringIO()) as callback:
        assert callback is None


def test_stage_clock_times_each_stage_and_passes_events_on():
    seen = []
    clock = StageClock(seen.append, sample_every=0.01)
    clock(ProgressEvent("ingest", 0, 2))
    clock(ProgressEvent("ingest", 2, 2))
    clock(ProgressEvent("report", 0, 3))
    clock(ProgressEvent("report", 1, 3, message="networks"))
    clock(ProgressEvent("report", 2, 3))
    stages = clock.finish()
    assert [s.stage for s in stages] == ["reading", "report", "networks"] and len(seen) == 5
    assert all(s.seconds >= 0 and s.peak_mb > 0 for s in stages)
    assert merge_stages([StageTime("a", 1.0, 5), StageTime("b", 2, 1), StageTime("a", 0.5, 9)]) == \
        [StageTime("a", 1.5, 9), StageTime("b", 2, 1)]


@pytest.fixture(scope="module")
def logged_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logged")
    _papers(folder)
    res = run_litmap("run", "papers", "-o", "outputs/review", *FAST, cwd=str(folder), timeout=300)
    assert res.returncode == 0, res.stderr
    return folder, res


def test_a_run_into_a_log_prints_timestamped_stage_lines(logged_run):
    _, res = logged_run
    lines = [t for t in res.stderr.splitlines() if LINE.match(t)]
    assert any(t.endswith("reading 4/4 files") for t in lines), res.stderr
    assert any(t.endswith(" resolving works") for t in lines) and any(" report" in t for t in lines), res.stderr
    assert "\x1b[" not in res.stderr  # no terminal codes in a log


def test_quiet_run_prints_no_progress(logged_run, tmp_path):
    folder, _ = logged_run
    work = tmp_path / "w"
    shutil.copytree(folder, work)
    res = run_litmap("-q", "run", cwd=str(work), timeout=300)
    assert res.returncode == 0, res.stderr
    assert not [t for t in res.stderr.splitlines() if LINE.match(t)], res.stderr


def test_runs_and_the_report_footer_show_stage_times(logged_run):
    folder, _ = logged_run
    res = run_litmap("runs", "--json", cwd=str(folder))
    runs = json.loads(res.stdout)["items"]
    stages = runs[0]["counts"]["stages"]
    names = [s["stage"] for s in stages]
    assert names[:2] == ["reading", "resolving works"] and "report" in names, names
    assert all(s["seconds"] >= 0 and s["peak_mb"] > 10 for s in stages), stages
    res = run_litmap("runs", cwd=str(folder))
    assert "stages: reading " in res.stdout and " MB)" in res.stdout and "s in all" in res.stdout, res.stdout
    html = (folder / "outputs" / "review" / "index.html").read_text()
    footer = re.search(r'<p class="timings">This run: (.*?)</p>', html)
    assert footer and "reading " in footer.group(1) and " MB)" in footer.group(1), footer


def test_a_run_ends_with_its_stage_and_step_times(logged_run):
    folder, res = logged_run
    line = next((t for t in res.stdout.splitlines() if t.startswith("time: ")), "")
    assert line.startswith("time: reading ") and " report " in line and line.endswith(" s in all"), res.stdout
    runs = json.loads(run_litmap("runs", "--json", cwd=str(folder)).stdout)["items"]
    report = next(s for s in runs[0]["counts"]["stages"] if s["stage"] == "report")
    steps = [t["step"] for t in report["steps"]]
    assert "figures and pages" in steps and "concepts" in steps, report
    assert sum(t["seconds"] for t in report["steps"]) <= report["seconds"] + 0.05
    assert "        report: " in run_litmap("runs", cwd=str(folder)).stdout
