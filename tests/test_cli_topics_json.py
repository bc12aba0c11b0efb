"""`litmap topics --json` prints the topics in the one listing shape {"command","count","items",...}."""

from __future__ import annotations

import json

from click.testing import CliRunner

from litmap.cli import cli

_THEMES = [
    "State rescaling reorganises urban governance across scales; city regions and new state spaces emerge "
    "as national states redistribute regulatory capacities to metropolitan institutions and zones.",
    "Areal interpolation transfers census counts between zonal systems; dasymetric mapping with land cover "
    "and parcel data reduces the error of areal weighting in population estimates.",
]


def test_topics_json_lists_topics_in_the_listing_shape(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for i in range(10):
        theme = _THEMES[i % 2]
        body = "\n\n".join(f"{theme} Paragraph {j} of paper {i} develops the argument further." * 3
                           for j in range(4))
        (papers / f"p{i}.md").write_text(f"# Paper {i}\n\nA. Author\n\n## Introduction\n\n{body}\n",
                                         encoding="utf-8")
    db = str(tmp_path / "t.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(papers), "--db", db, "--jobs", "0"]).exit_code == 0
    res = runner.invoke(cli, ["topics", "--db", db, "--model", "hashing-64", "--clusters", "2", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["command"] == "topics" and out["count"] == len(out["items"]) >= 1
    assert out["passages"] > 0 and "npmi" in out["quality"]
    assert all({"id", "label", "size", "keywords", "emerging"} <= set(t) for t in out["items"])
