"""The export commands as a user runs them: ``-o -`` to stdout, formats refused for stdout, ``--format``
checked against the file extension, the same cluster numbers in every format, WoS BibTeX."""

from __future__ import annotations

import io
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from litmap.cli import cli
from litmap.export.wos import parse_wos
from report_fixture import build_fixture_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_fixture_store(str(tmp_path_factory.mktemp("cli") / "litmap.db"))


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


NET = ("network", "--kind", "cocitation", "--min-count", "1", "--cluster-method", "louvain")


def test_network_graphml_to_stdout_parses_with_networkx(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = _run(*NET, "--db", store, "-o", "-")
    assert res.exit_code == 0, res.stderr
    G = nx.read_graphml(io.BytesIO(res.stdout.encode("utf-8")))
    assert G.number_of_nodes() >= 6 and all(re.fullmatch(r"W[0-9a-f]+", n) for n in G.nodes)
    assert "cocitation:" in res.stderr and "cocitation:" not in res.stdout  # the summary goes to stderr
    assert list(tmp_path.iterdir()) == []  # no file named '-'


def test_network_gexf_to_stdout_parses(store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = _run(*NET, "--db", store, "--format", "gexf", "-o", "-")
    assert res.exit_code == 0, res.stderr
    assert nx.read_gexf(io.BytesIO(res.stdout.encode("utf-8"))).number_of_nodes() >= 6


@pytest.mark.parametrize("fmt", ["vosviewer", "csv"])
def test_two_file_formats_are_refused_for_stdout(store, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    res = _run(*NET, "--db", store, "--format", fmt, "-o", "-")
    assert res.exit_code != 0 and res.stdout == ""
    assert f"--format {fmt} writes two files and cannot go to standard output" in res.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, bad", [
    (NET + ("--format", "gexf"), "x.graphml"),
    (NET + ("--format", "graphml"), "x.net"),
    (("export", "references", "--format", "ris"), "refs.bib"),
    (("export", "references", "--format", "bibtex"), "refs.json"),
    (("export", "wos", "--format", "bibtex"), "corpus.txt"),
    (("export", "wos"), "corpus.bib"),
])
def test_format_and_extension_must_agree(store, tmp_path, args, bad):
    res = _run(*args, "--db", store, "-o", str(tmp_path / bad))
    assert res.exit_code != 0 and "looks like" in res.stderr and "--format" in res.stderr, res.stderr
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_export_references_to_stdout(store):
    import bibtexparser

    res = _run("export", "references", "--db", store, "-o", "-")
    assert res.exit_code == 0, res.stderr
    lib = bibtexparser.parse_string(res.stdout)
    assert len(lib.entries) >= 8 and not lib.failed_blocks
    assert _run("export", "references", "--db", store).stdout == res.stdout  # '-' is the default


def test_export_wos_to_stdout(store):
    res = _run("export", "wos", "--db", store, "-o", "-")
    assert res.exit_code == 0, res.stderr
    records = parse_wos(res.stdout)
    assert len(records) == 7 and all(r["UT"][0].startswith("LITMAP:") for r in records)


def test_wos_bibtex_holds_the_plain_text_records(store):
    import bibtexparser

    plain = {r["UT"][0]: r for r in parse_wos(_run("export", "wos", "--db", store).stdout)}
    res = _run("export", "wos", "--db", store, "--format", "bibtex", "-o", "-")
    assert res.exit_code == 0, res.stderr
    lib = bibtexparser.parse_string(res.stdout)
    assert not lib.failed_blocks and len(lib.entries) == len(plain)
    for e in lib.entries:
        f = {k.lower(): str(v.value).strip("{}") for k, v in e.fields_dict.items()}
        r = plain[e.key]
        assert e.entry_type == "article" and f["unique-id"] == e.key
        assert f["author"].split(" and ") == r["AF"] and f["journal"] == r["SO"][0]
        assert f["cited-references"].split("\n   ") == r["CR"]
        assert f["number-of-cited-references"] == r["NR"][0] and f["times-cited"] == r["TC"][0]
        assert f["year"] == r["PY"][0] and f["affiliation"].split("\n   ") == r["C1"]
    # corpus papers cited by others get Times-Cited within the corpus
    assert any(int(str(e.fields_dict["Times-Cited"].value).strip("{}")) > 0 for e in lib.entries)


@pytest.mark.requires("pybtex")
def test_wos_bibtex_reads_in_pybtex(store):
    from pybtex.database import parse_string

    text = _run("export", "wos", "--db", store, "--format", "bibtex").stdout
    assert len(parse_string(text, "bibtex").entries) == 7


def _clusters_by_format(store: str, tmp_path) -> dict[str, dict[str, int]]:
    """One network exported as CSV, GraphML, GEXF, Pajek (.clu) and VOSviewer: {format: {work id: cluster}}."""
    import csv

    out: dict[str, dict[str, int]] = {}
    for fmt, name in (("csv", "n.csv"), ("graphml", "n.graphml"), ("gexf", "n.gexf"), ("pajek", "n.net"),
                      ("vosviewer", "v.txt")):
        assert _run(*NET, "--db", store, "--format", fmt, "-o", str(tmp_path / name)).exit_code == 0
    with open(tmp_path / "n_nodes.csv", encoding="utf-8", newline="") as f:
        out["csv"] = {r["id"]: int(r["cluster"]) for r in csv.DictReader(f)}
    out["graphml"] = {n: int(c) for n, c in nx.read_graphml(tmp_path / "n.graphml").nodes(data="cluster")}
    out["gexf"] = {n: int(c) for n, c in nx.read_gexf(tmp_path / "n.gexf").nodes(data="cluster")}
    vertices = (tmp_path / "n.net").read_text(encoding="utf-8").split("*Vertices")[1].split("*")[0].splitlines()[1:]
    ids = [re.search(r'url "([^"]+)"', v).group(1) for v in vertices if v.strip()]
    clu = (tmp_path / "n.clu").read_text(encoding="utf-8").splitlines()
    assert clu[0] == f"*Vertices {len(ids)}"
    out["pajek"] = dict(zip(ids, map(int, clu[1:])))
    rows = (tmp_path / "v_map.txt").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    out["vosviewer"] = {}
    for row in rows[1:]:
        r = dict(zip(head, row.split("\t")))
        wid = re.search(r"id: (W[0-9a-f]+)", r["description"]).group(1)
        out["vosviewer"][wid] = int(r["cluster"])
        assert f"cluster {r['cluster']}" in r["description"]  # the hover text names the same number
    return out


def test_cluster_numbers_are_the_same_in_every_format(store, tmp_path):
    got = _clusters_by_format(store, tmp_path)
    graphml = got["graphml"]
    assert len(graphml) >= 6 and len(set(graphml.values())) >= 2
    assert min(graphml.values()) == 1  # numbered from 1, as VOSviewer numbers them; 0 would be "none"
    for fmt, clusters in got.items():
        assert clusters == graphml, fmt
    # the CLI summary names clusters by the same numbers
    res = _run(*NET, "--db", store, "-o", str(tmp_path / "again.graphml"))
    named = {int(c) for c in re.findall(r"^  cluster (\d+) \(", res.stdout, re.M)}
    assert named and named <= set(graphml.values())


def test_network_json_lists_the_clusters_in_the_listing_shape(store, tmp_path):
    import json

    res = _run(*NET, "--db", store, "-o", str(tmp_path / "n.graphml"), "--json")
    assert res.exit_code == 0, res.stderr
    got = json.loads(res.stdout)
    assert got["command"] == "network" and got["count"] == len(got["items"]) >= 2 and got["kind"] == "cocitation"
    clusters = {n: int(c) for n, c in nx.read_graphml(tmp_path / "n.graphml").nodes(data="cluster")}
    assert [i["id"] for i in got["items"]] == sorted(set(clusters.values()))  # the files' numbers
    assert all(i["size"] == sum(1 for c in clusters.values() if c == i["id"]) for i in got["items"])
    assert got["nodes"] == len(clusters) and got["files"] == [str(tmp_path / "n.graphml")]
    refused = _run(*NET, "--db", store, "-o", "-", "--json")
    assert refused.exit_code != 0 and "--json and -o - both write to standard output" in refused.stderr


def test_every_listing_command_has_json():
    listings = {"concepts", "config", "debates", "network", "papers", "runs", "status", "topics"}
    with_json = {name for name, cmd in cli.commands.items() if any(p.name == "as_json" for p in cmd.params)}
    assert listings <= with_json, listings - with_json
