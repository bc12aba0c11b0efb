"""The workflow a newcomer tries in a row (issue 22): a project file that later commands find,
no debris from a mistyped path, a stale lock cleared with a message.

Each test works in its own temporary folder (CliRunner after chdir, or the real CLI in a
subprocess with that folder as its working directory).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmap.cli import cli
from litmap.project import find_project, load_project
from support import ROOT, run_litmap

SAMPLE = Path(ROOT) / "corpora" / "sample"
FAST = ("--no-topics", "-j", "0", "--executor", "inline", "--ocr", "never")


def _papers(folder: Path) -> Path:
    papers = folder / "papers"
    papers.mkdir(parents=True)
    for name in sorted(os.listdir(SAMPLE))[2:5] + ["synthetic-11-ribeiro-2019-greater-bay-area.md"]:
        shutil.copy(SAMPLE / name, papers / name)
    return papers


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A folder after `litmap run papers -o outputs/review` (the real CLI, run once per module)."""
    folder = tmp_path_factory.mktemp("project")
    _papers(folder)
    res = run_litmap("run", "papers", "-o", "outputs/review", *FAST, cwd=str(folder), timeout=300)
    assert res.returncode == 0, res.stderr
    return folder


@pytest.fixture
def project(built, tmp_path, monkeypatch):
    """A private copy of the built project, as the current folder, without $LITMAP_DB."""
    folder = tmp_path / "work"
    shutil.copytree(built, folder)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("LITMAP_DB", raising=False)
    return folder


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def test_run_writes_a_project_file_with_relative_paths(project):
    text = (project / "litmap.toml").read_text()
    p = load_project(str(project / "litmap.toml"))
    assert p.corpus == ("papers",) and p.store == "outputs/review.db" and p.report == "outputs/review", text
    assert p.topics is False and p.ocr == "never" and p.jobs == 0  # the options given on the command line
    assert p.timeout is None  # a default is not frozen into the file


@pytest.mark.parametrize("args", [("status",), ("papers",), ("debates",), ("runs",),
                                  ("network", "-o", "net.graphml")])
def test_later_commands_find_the_store_without_db(project, args):
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    assert "no litmap store" not in res.output
    if args == ("status",):
        assert "store: outputs/review.db" in res.output and "documents: 4" in res.output, res.output


def test_commands_find_the_project_from_a_subfolder(project):
    sub = project / "notes" / "deeper"
    sub.mkdir(parents=True)
    os.chdir(sub)
    assert find_project() == str(project / "litmap.toml")
    res = invoke("status")
    assert res.exit_code == 0 and "documents: 4" in res.output, res.output
    assert os.path.join("..", "..", "outputs", "review.db") in res.output


def test_a_flag_and_litmap_db_override_the_project_file(project):
    res = invoke("status", "--db", "elsewhere.db")
    assert res.exit_code == 1 and "no litmap store at elsewhere.db" in res.output, res.output
    res = invoke("status", env={"LITMAP_DB": "from-env.db"})
    assert res.exit_code == 1 and "no litmap store at from-env.db" in res.output, res.output


def test_a_second_run_takes_its_paths_from_the_project_file(project):
    before = (project / "litmap.toml").read_text()
    res = invoke("run")
    assert res.exit_code == 0, res.output
    assert "4 files: 0 added" in res.output and "4 unchanged" in res.output, res.output
    assert (project / "litmap.toml").read_text() == before  # an existing project file is left alone


def test_run_with_another_report_folder_puts_its_store_beside_it(project):
    res = invoke("run", "-o", "outputs/second")
    assert res.exit_code == 0, res.output
    assert (project / "outputs" / "second.db").exists() and (project / "outputs" / "second" / "index.html").exists()


def test_config_shows_each_setting_and_its_source(project):
    res = invoke("config", "--json", env={"LITMAP_DB": "other.db"})
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    settings = {s["key"]: s for s in data["items"]}
    assert data["command"] == "config" and data["count"] == len(data["items"])
    assert data["project_file"] == str(project / "litmap.toml")
    assert settings["project.store"] == {"key": "project.store", "value": "other.db", "source": "$LITMAP_DB"}
    assert settings["project.report"]["value"] == "outputs/review"
    assert settings["project.report"]["source"].startswith("litmap.toml (")
    assert settings["ingest.timeout"] == {"key": "ingest.timeout", "value": 300.0, "source": "default"}
    assert settings["topics.enabled"]["value"] is False
    res = invoke("config")
    assert "project.store" in res.output and "outputs/review.db" in res.output and "litmap.toml (" in res.output


def test_project_file_settings_reach_the_commands(project):
    (project / "litmap.toml").write_text(
        '[project]\nstore = "outputs/review.db"\n[network]\nmin_count = 1000\n')
    res = invoke("network", "-o", "n.graphml")
    assert res.exit_code == 0 and res.output.startswith("cocitation: 0 nodes"), res.output
    res = invoke("network", "-o", "n.graphml", "--min-count", "1")  # the flag wins
    assert res.exit_code == 0 and not res.output.startswith("cocitation: 0 nodes"), res.output


@pytest.mark.parametrize("text, message", [
    ('[project]\nstores = "x.db"\n', "unknown key 'stores' in [project]"),
    ('[ingest]\ntimeout = "soon"\n', "[ingest] timeout must be a number"),
    ('[ingest]\nocr = "maybe"\n', "ocr must be one of auto, never, always"),
    ('[project\n', "is not valid TOML"),
    ('[colours]\nx = 1\n', "unknown table [colours]"),
])
def test_a_wrong_project_file_is_one_clear_error(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "litmap.toml").write_text(text)
    res = invoke("status")
    assert res.exit_code == 1 and message in res.output and "litmap.toml" in res.output, res.output
    assert "Traceback" not in res.output


def test_init_writes_a_project_and_will_not_overwrite_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers").mkdir()
    res = invoke("init", "papers", "-o", "outputs/lit")
    assert res.exit_code == 0, res.output
    p = load_project("litmap.toml")
    assert (p.corpus, p.store, p.report) == (("papers",), "outputs/lit.db", "outputs/lit")
    res = invoke("init", "papers")
    assert res.exit_code == 1 and "already exists" in res.output and "--force" in res.output
    assert invoke("init", "--force", "papers").exit_code == 0
    assert load_project("litmap.toml").report == "outputs/report"
    res = invoke("init", "missing")
    assert res.exit_code == 1


def test_run_from_elsewhere_writes_no_project_file(tmp_path, monkeypatch):
    papers = _papers(tmp_path / "corpus")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    res = invoke("run", str(papers), "-o", str(tmp_path / "out" / "report"), *FAST)
    assert res.exit_code == 0, res.output
    assert not (here / "litmap.toml").exists()


def test_run_without_paths_or_project_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = invoke("run")
    assert res.exit_code == 2 and "no PATHS given and no litmap.toml" in res.output, res.output
    assert sorted(os.listdir(tmp_path)) == []


# -- 2. no debris, stale locks ---------------------------------------------------

@pytest.mark.parametrize("command", [("run", "nowhere", "-o", "x"), ("ingest", "nowhere", "--db", "x.db")])
def test_a_wrong_path_leaves_nothing_behind(tmp_path, command):
    res = run_litmap(*command, cwd=str(tmp_path))
    assert res.returncode == 1 and "nowhere: no such file or folder" in res.stderr, res.stderr
    assert os.listdir(tmp_path) == []  # no x.db, no x.db.lock, no report folder, no litmap.toml


def test_a_finished_run_leaves_no_lock(built):
    assert not (built / "outputs" / "review.db.lock").exists()
    assert sorted(os.listdir(built / "outputs")) == ["review", "review.db"]


def test_a_stale_lock_of_a_dead_process_is_cleared_with_a_message(project):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = project / "outputs" / "review.db.lock"
    lock.write_text(str(dead.pid))
    res = run_litmap("ingest", "papers", "-j", "0", "--executor", "inline", cwd=str(project))
    assert res.returncode == 0, res.stderr
    assert f"cleared a stale lock {os.path.join('outputs', 'review.db.lock')} left by process {dead.pid}" \
        in res.stderr, res.stderr
    assert not lock.exists()
