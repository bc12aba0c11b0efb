"""`--max-items` on `network`, `report` and `run`: the co-citation map's item cap (issue 20)."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from litmap.cli import cli
from report_fixture import build_fixture_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_fixture_store(str(tmp_path_factory.mktemp("maxitems") / "litmap.db"))


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


NET = ("network", "--kind", "cocitation", "--min-count", "1", "--cluster-method", "louvain", "-o", "-")


def _nodes(res) -> int:
    assert res.exit_code == 0, res.output
    return nx.read_graphml(io.BytesIO(res.stdout.encode("utf-8"))).number_of_nodes()


def test_network_max_items_caps_the_map(store):
    full = _nodes(_run(*NET, "--db", store))
    assert full > 5
    capped = _run(*NET, "--db", store, "--max-items", "5")
    assert _nodes(capped) == 5
    assert "Kept 5 of" in capped.stderr and "raise --max-items" in capped.stderr  # says what was kept
    assert _nodes(_run(*NET, "--db", store, "--max-items", "0")) == full  # 0: no cap


def test_network_max_items_refuses_one(store):
    res = CliRunner().invoke(cli, [*NET, "--db", store, "--max-items", "1"])
    assert res.exit_code != 0
    assert "at least 2" in res.output


def test_report_max_items_in_the_caption(store, tmp_path):
    res = _run("report", "--db", store, "-o", str(tmp_path / "r"), "--no-figures", "--min-citations", "1",
               "--max-items", "4")
    assert res.exit_code == 0, res.output
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="litmap-data">(.*?)</script>', html, re.S).group(1))
    net = data["networks"]["cocitation"]
    assert len(net["nodes"]) == 4
    assert re.search(r"Kept 4 of \d+ works", net["caption"])


def test_run_passes_max_items_to_the_report(tmp_path, monkeypatch):
    import litmap.pipeline

    seen = {}

    def fake(paths, store, out, settings, progress):
        seen["max_items"] = settings.max_items
        raise SystemExit(0)

    monkeypatch.setattr(litmap.pipeline, "run_pipeline", fake)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A paper.\n", encoding="utf-8")
    for flag, want in ((("--max-items", "300"), 300), (("--max-items", "0"), None), ((), 1000)):
        CliRunner().invoke(cli, ["run", str(corpus), "-o", str(tmp_path / "out"), "--db", str(tmp_path / "s.db"),
                                 *flag])
        assert seen.pop("max_items") == want
