"""CLI tests with CliRunner: exit codes, messages, and outputs of each command."""

import json
import os

import networkx as nx
import pytest
from click.testing import CliRunner

from litmap.cli import cli

PAPER_A = """# Rescaling the entrepreneurial city

Neil Brenner

## Introduction

State rescaling reorganises urban governance across scales (Brenner, 2004; Jessop, 2002).
Drawing on Brenner (2004), we read city-regions as strategies of the state. The politics of
scale has been debated at length (Swyngedouw, 1997; Marston, 2000). We follow the state rescaling
literature on new state spaces (Brenner, 2004).

## References

Brenner, N. (2004) New State Spaces: Urban Governance and the Rescaling of Statehood. Oxford: Oxford University Press.

Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.

Marston, S. A. (2000) The social construction of scale. Progress in Human Geography, 24(2), 219–242.

Swyngedouw, E. (1997) Neither global nor local. In K. Cox (Ed.), Spaces of Globalization (pp. 137–166). New York: Guilford.
"""

PAPER_B = """# City regionalism in China

Fulong Wu

## Introduction

City-region governance in China is state-orchestrated (Wu, 2016; Li & Wu, 2012). The rescaling
literature (Brenner, 2004) helps explain how city regionalism proceeds from above, while
assemblage readings (McFarlane, 2011) stress contingency. See also Jessop (2002).

## References

Brenner, N. (2004) New State Spaces: Urban Governance and the Rescaling of Statehood. Oxford: Oxford University Press.

Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.

Li, Y. & Wu, F. (2012) The transformation of regional governance in China: The rescaling of statehood. Progress in Planning, 78(2), 55–99.

McFarlane, C. (2011) Assemblage and critical urbanism. City, 15(2), 204–224.

Wu, F. (2016) China's emergent city-region governance: A new form of state spatial selectivity through state-orchestrated rescaling. International Journal of Urban and Regional Research, 40(6), 1134–1151.
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.md").write_text(PAPER_A)
    (folder / "b.md").write_text(PAPER_B)
    return folder


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_every_command_has_help():
    def walk(group, prefix):
        for name, cmd in group.commands.items():
            res = run(*prefix, name, "--help")
            assert res.exit_code == 0, name
            assert cmd.help, f"{name} has no help text"
            if hasattr(cmd, "commands"):
                walk(cmd, prefix + [name])

    walk(cli, [])


def test_ingest_status_papers_and_incremental(corpus, db_path):
    res = run("ingest", str(corpus), "--db", db_path, "--jobs", "0")
    assert res.exit_code == 0, res.output
    assert "2 added" in res.output
    res = run("ingest", str(corpus), "--db", db_path, "--jobs", "0")
    assert "0 added" in res.output and "2 unchanged" in res.output
    res = run("status", "--db", db_path)
    assert "documents: 2" in res.output
    res = run("papers", "--db", db_path, "--json")
    papers = json.loads(res.output)["items"]
    assert {p["title"] for p in papers} == {"Rescaling the entrepreneurial city", "City regionalism in China"}
    assert all(p["refs"] >= 4 for p in papers)


def test_bad_files_fail_clearly_and_others_are_kept(corpus, db_path):
    (corpus / "broken.pdf").write_bytes(b"<html><body>Access denied</body></html>")
    (corpus / "empty.txt").write_text("   \n")
    res = run("ingest", str(corpus), "--db", db_path, "--jobs", "0")
    assert res.exit_code == 1
    assert "broken.pdf" in res.output and "empty.txt" in res.output
    st = json.loads(run("status", "--db", db_path, "--json").output)
    assert st["documents"] == 2 and st["failed"] == 2


def test_files_the_run_could_not_read_at_all_are_listed_by_status_after_it(corpus, db_path):
    (corpus / "huge.txt").write_text("word " * 300_000)  # 1.4 MiB: over a 1 MiB limit, never hashed or stored
    res = run("ingest", str(corpus), "--db", db_path, "--jobs", "0", "--max-file-mb", "1")
    assert res.exit_code == 1 and "huge.txt" in res.output
    out = run("status", "--db", db_path).output
    assert "not read in the last run: 1" in out
    assert "NOT READ" in out and "huge.txt" in out and "--max-file-mb" in out
    assert json.loads(run("status", "--db", db_path, "--json").output)["unread"][0][0].endswith("huge.txt")
    # read at last with a higher limit: the next run's record no longer lists it
    res = run("ingest", str(corpus), "--db", db_path, "--jobs", "0", "--max-file-mb", "4")
    assert "NOT READ" not in run("status", "--db", db_path).output


def test_missing_store_is_a_clean_error(tmp_path):
    res = run("status", "--db", str(tmp_path / "none.db"))
    assert res.exit_code == 1 and "litmap ingest" in res.output


def test_extract_json_shape(corpus):
    res = run("extract", str(corpus / "b.md"))
    assert res.exit_code == 0
    doc = json.loads(res.output)
    assert set(doc) >= {"source", "metadata", "sections", "references", "citations", "warnings"}
    assert doc["metadata"]["title"] == "City regionalism in China"
    assert len(doc["references"]) == 5
    wu = [c for c in doc["citations"] if c["raw"].startswith("(Wu")][0]
    assert [w["surnames"] for w in wu["cites"]] == [["Wu"], ["Li", "Wu"]]
    assert all(w["reference"] is not None for w in wu["cites"])


@pytest.mark.requires("igraph")
def test_exports_and_network(corpus, db_path, tmp_path):
    run("ingest", str(corpus), "--db", db_path, "--jobs", "0")
    bib = run("export", "references", "--db", db_path, "--format", "bibtex").output
    assert bib.count("@") >= 7  # Brenner and Jessop shared: 7 distinct works
    ris = tmp_path / "out" / "refs.ris"
    assert run("export", "references", "--db", db_path, "--format", "ris", "-o", str(ris)).exit_code == 0
    assert ris.read_text().count("ER  -") >= 7
    wos = run("export", "wos", "--db", db_path).output
    assert wos.startswith("FN ") and wos.count("\nER") == 2
    out = tmp_path / "net" / "cocit.graphml"
    res = run("network", "--db", db_path, "--kind", "cocitation", "--normalise", "raw", "-o", str(out))
    assert res.exit_code == 0, res.output
    G = nx.read_graphml(out)
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"Brenner 2004", "Jessop 2002"} <= labels
    brenner = next(n for n, d in G.nodes(data=True) if d["label"] == "Brenner 2004")
    jessop = next(n for n, d in G.nodes(data=True) if d["label"] == "Jessop 2002")
    assert G[brenner][jessop]["weight"] == 2  # co-cited by both papers


@pytest.mark.requires("igraph")
def test_debates_json(corpus, db_path):
    run("ingest", str(corpus), "--db", db_path, "--jobs", "0")
    res = run("debates", "--db", db_path, "--concept", "debate:state-rescaling", "--json")
    assert res.exit_code == 0, res.output
    maps = json.loads(res.output)["items"]
    assert maps and any("Brenner" in a["label"] for a in maps[0]["anchors"])


@pytest.mark.requires("igraph")
def test_run_then_refresh_and_runs(corpus, tmp_path):
    out = tmp_path / "report"
    res = run("run", str(corpus), "-o", str(out), "--jobs", "0", "--executor", "inline")
    assert res.exit_code == 0, res.output
    assert (out / "index.html").exists() and (out / "report.md").exists()
    assert "topics skipped" in res.output  # two short papers: too little text, said plainly
    (corpus / "c.md").write_text(PAPER_B.replace("City regionalism in China", "Zones and new areas"))
    res = run("run", str(corpus), "-o", str(out), "--jobs", "0", "--executor", "inline")
    assert res.exit_code == 0 and "1 added" in res.output and "2 unchanged" in res.output
    db = str(tmp_path / "report.db")
    listing = json.loads(run("runs", "--db", db, "--json").output)["items"]
    assert [r["command"] for r in listing][:2] == ["run", "run"]
    cmp = run("runs", "--db", db, "--compare", str(listing[1]["id"]), str(listing[0]["id"])).output
    assert "+ [" in cmp and "c.md" in cmp


def test_ctrl_c_before_a_command_s_own_handler_exits_130_with_the_message(monkeypatch, db_path):
    # Ctrl-C while `ingest` is still importing its pipeline, before its own handler is entered.
    import sys
    import types

    class Importing(types.ModuleType):
        def __getattr__(self, name):
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "litmap.batch.ingest", Importing("litmap.batch.ingest"))
    result = CliRunner().invoke(cli, ["ingest", ".", "--db", db_path])
    assert result.exit_code == 130
    assert "interrupted" in result.output and "run the command again" in result.output


def test_papers_lists_an_untitled_paper_as_such(monkeypatch, db_path):
    import litmap.store.papers as papers_mod
    from litmap.store.papers import PaperListing

    rows = [PaperListing(1, 2024, None, "/corpus/000_bf02feee84df81f6.txt", 0, 116),
            PaperListing(2, 2012, "A Quantile Regression Approach to Areal Interpolation", "/corpus/q.pdf", 49, 51)]
    from litmap.store import Store

    with Store(db_path, write=True):  # an empty store: the listing itself is replaced
        pass
    monkeypatch.setattr(papers_mod, "list_papers", lambda store: rows)
    res = CliRunner().invoke(cli, ["papers", "--db", db_path])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert "2024  (no title found) 000_bf02feee84df81f6.txt  [0 refs, 116 citations]" in lines[0]
    assert "2012  A Quantile Regression Approach to Areal Interpolation  [49 refs, 51 citations]" in lines[1]
