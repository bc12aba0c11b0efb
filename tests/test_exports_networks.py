"""Network files as Gephi, VOSviewer, Pajek and igraph read them, and one work id joining them to the bibliography."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from litmap.analyse.networks.build import cocitation_network
from litmap.analyse.networks.weights import normalise
from litmap.export.graphs import cluster_colour, write_graph
from litmap.models import Author, Reference
from litmap.store.corpusdata import CorpusData, Paper, WorkInfo, load_corpus_data


def corpus() -> CorpusData:
    papers = {i: Paper(i, f"Paper {i}", 2000 + i, "Antipode", (f"Author{i}, A.",)) for i in (1, 2, 3)}
    works = {"WA": WorkInfo("WA", "Harvey 1989", "Harvey", 1989), "WB": WorkInfo("WB", "Smith 1996", "Smith", 1996),
             "WC": WorkInfo("WC", "Lees 2008", "Lees", 2008)}
    return CorpusData(papers, works, {1: ("WA", "WB", "WC"), 2: ("WA", "WB"), 3: ("WB", "WC")})


def graph(layout: bool = True) -> nx.Graph:
    G = normalise(cocitation_network(corpus()), "association")
    for n, (c, x, y) in {"WA": (1, 0.0, 1.0), "WB": (1, 2.0, 3.0), "WC": (2, -1.0, 0.5)}.items():
        G.nodes[n]["cluster"] = c
        G.nodes[n]["cluster_label"] = "rent gap" if c == 1 else "displacement"
        if layout:
            G.nodes[n]["x"], G.nodes[n]["y"] = x, y
    return G


def test_gexf_has_viz_colour_size_and_position(tmp_path):
    [path] = write_graph(graph(), tmp_path / "g.gexf", "gexf")
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    nodes = {n.get("id"): n for n in ET.parse(path).getroot().iterfind(".//g:node", ns)}
    assert set(nodes) == {"WA", "WB", "WC"}
    colour = nodes["WC"].find("viz:color", ns)
    assert "#%02X%02X%02X" % tuple(int(colour.get(c)) for c in "rgb") == cluster_colour(2).upper()
    assert cluster_colour(1) != cluster_colour(2) and cluster_colour(0) == cluster_colour(None) == cluster_colour(-1)
    sizes = {k: float(n.find("viz:size", ns).get("value")) for k, n in nodes.items()}
    assert sizes["WB"] > sizes["WA"]  # WB is cited by 3 papers, WA by 2
    pos = nodes["WB"].find("viz:position", ns)
    assert (float(pos.get("x")), float(pos.get("y"))) == (2.0, 3.0)
    H = nx.read_gexf(path)  # still a plain GEXF to networkx
    assert set(H.nodes) == {"WA", "WB", "WC"}


def test_gexf_without_layout_has_no_position(tmp_path):
    [path] = write_graph(graph(layout=False), tmp_path / "g.gexf", "gexf")
    assert "viz:position" not in path.read_text() and "viz:color" in path.read_text()


def test_vosviewer_positions_scores_and_weight_names(tmp_path):
    m, n = write_graph(graph(), tmp_path / "v.txt", "vosviewer", clusters={"WA": 1, "WB": 1, "WC": 0},
                       kind="concepts")
    rows = [r.split("\t") for r in m.read_text().splitlines()]
    head = rows[0]
    assert head[:6] == ["id", "label", "description", "x", "y", "cluster"] and "weight<Occurrences>" in head
    assert "weight<Citations>" not in head and head[-2:] == ["score<Avg. pub. year>", "score<Citations>"]
    by_label = {r[1]: dict(zip(head, r)) for r in rows[1:]}
    wb = by_label["Smith 1996"]
    assert (wb["x"], wb["y"]) == ("2.0", "3.0") and wb["cluster"] == "1" and wb["score<Avg. pub. year>"] == "1996"
    assert "id: WB" in wb["description"] and "cluster 1: rent gap" in wb["description"]
    wc = by_label["Lees 2008"]  # in no cluster: VOSviewer's 0, no cluster in the description
    assert wc["cluster"] == "0" and "cluster" not in wc["description"]
    assert sorted(line.split("\t")[2] for line in n.read_text().splitlines()) == ["1", "2", "2"]  # raw counts


def test_pajek_keeps_id_position_cluster_and_year(tmp_path):
    igraph = pytest.importorskip("igraph")
    paths = write_graph(graph(), tmp_path / "p.net", "pajek")
    assert [p.name for p in paths] == ["p.net", "p.clu", "p_year.vec"]
    g = igraph.Graph.Read_Pajek(str(paths[0]))
    assert [v["url"] for v in g.vs] == ["WA", "WB", "WC"] and g.vs[1]["x"] > g.vs[0]["x"]
    assert paths[1].read_text().split("\n")[1:4] == ["1", "1", "2"]
    assert paths[2].read_text().split("\n")[1:4] == ["1989", "1996", "2008"]
    H = nx.read_pajek(paths[0])
    assert {d["url"] for _, d in H.nodes(data=True)} == {"WA", "WB", "WC"}


def test_cocitation_graphml_joins_the_bibtex_export_by_work_id(tmp_path):
    """The work id of a co-citation node is the ids field of that work's BibTeX entry (and RIS ID, CSL id)."""
    import bibtexparser

    from litmap.analyse.networks.job import NetworkSettings, analysed_network
    from litmap.export.store_exports import export_bibliography
    from litmap.store.db import Store

    s = Store(tmp_path / "s.db", write=True)
    c = s.conn
    for i in (1, 2, 3):
        c.execute("INSERT INTO documents(id, sha256, path, status, added_at, updated_at) VALUES (?,?,?,'ok','t','t')",
                  (i, f"h{i}", f"p{i}.pdf"))
        c.execute("INSERT INTO metadata(document_id, title, year) VALUES (?, ?, ?)", (i, f"Paper {i}", 2010 + i))
    cited = {"W0a": ("Harvey", "D.", 1989, "From managerialism to entrepreneurialism"),
             "W0b": ("Smith", "N.", 1996, "The new urban frontier"),
             "W0c": ("Lees", "L.", 2008, "Gentrification and social mixing")}
    c.executemany("INSERT INTO works(id, label, first_author, year, data) VALUES (?,?,?,?,'{}')",
                  [(w, f"{a} {y}", a, y) for w, (a, _, y, _) in cited.items()])
    lists = {1: ("W0a", "W0b", "W0c"), 2: ("W0a", "W0b"), 3: ("W0b", "W0c")}
    for doc, wids in lists.items():
        for idx, w in enumerate(wids):
            fam, given, year, title = cited[w]
            ref = Reference(index=idx, raw="r", authors=(Author(fam, given),), year=year, title=title, type="book")
            c.execute("INSERT INTO refs(document_id, idx, raw, data, work_id) VALUES (?,?,?,?,?)",
                      (doc, idx, "r", json.dumps(ref.to_dict()), w))
    c.commit()
    try:
        bib = export_bibliography(s, "bibtex")
        ris = export_bibliography(s, "ris")
        csl = json.loads(export_bibliography(s, "csl-json"))
        result = analysed_network(load_corpus_data(s.conn), NetworkSettings(kind="cocitation", min_count=1))
    finally:
        s.close()
    [path] = write_graph(result.graph, tmp_path / "cocit.graphml", "graphml")
    G = nx.read_graphml(path)
    entries = {e.fields_dict["ids"].value: e for e in bibtexparser.parse_string(bib).entries}
    assert set(G.nodes) == set(entries) == set(cited)
    for n, d in G.nodes(data=True):
        e = entries[n]
        assert e.fields_dict["title"].value.strip("{}") == cited[n][3] and int(e.fields_dict["year"].value) == cited[n][2]
        assert d["label"].startswith(cited[n][0])
    assert {line[6:] for line in ris.splitlines() if line.startswith("ID  - ")} == set(cited)
    assert {i["id"] for i in csl} == set(cited)


def test_output_names_formats_and_umask(tmp_path):
    import os

    from litmap.errors import InputError
    from litmap.export.graphs import graph_text
    from litmap.util.files import atomic_write_text

    with pytest.raises(InputError, match="looks like graphml but --format is gexf"):
        write_graph(graph(), tmp_path / "x.graphml", "gexf")
    with pytest.raises(InputError, match="cannot go to standard output"):
        graph_text(graph(), "vosviewer")
    assert graph_text(graph(), "graphml").startswith("<?xml") and "WB" in graph_text(graph(), "pajek")
    old = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "new.txt", "x")
        write_graph(graph(), tmp_path / "g.gexf", "gexf")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "g.gexf").stat().st_mode & 0o777 == 0o640


def test_cluster_colours_are_the_reports():
    from litmap.report.figures import colour

    assert [cluster_colour(c) for c in range(-1, 40)] == [colour(c) for c in range(-1, 40)]
    assert cluster_colour(None) == colour(0)
