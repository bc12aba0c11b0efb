"""Network exports round-trip; WoS export parses field by field; corpus data loads from a store."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo, load_corpus_data
from litmap.analyse.networks.build import citation_network, cocitation_network
from litmap.analyse.networks.weights import normalise
from litmap.errors import InputError
from litmap.export.graphs import safe_cell, write_csv, write_graph, write_pajek, write_vosviewer
from litmap.export.wos import cr_line, format_wos, parse_cr, parse_wos


def corpus() -> CorpusData:
    papers = {
        1: Paper(1, "Scale, the state and the city", 2000, "Antipode", ("Brenner, N.", "Theodore, N."), "10.1/a",
                 authors_full=("Brenner, Neil", "Theodore, Nik"), volume="32", issue="4", pages="361-378"),
        2: Paper(2, "=cmd()", 2004, "Urban Studies", ("Jessop, B. R.",), work_id="W2"),
    }
    works = {
        "A": WorkInfo("A", "Harvey 1989", "Harvey", 1989, "From managerialism", "10.2307/490503",
                      source="Geografiska Annaler, Series B", volume="71", page="3-17", first_initials="D"),
        "B": WorkInfo("B", "Swyngedouw, E. 1997", "Swyngedouw", 1997, "Neither global nor local; glocalization"),
        "W2": WorkInfo("W2", 'Jessop "2004"', "Jessop", 2004, document_id=2),
    }
    refs = {1: ("A", "B", "W2"), 2: ("A", "B")}
    ctx = (CitationContext(1, ("A", "B"), "s", 0),)
    return CorpusData(papers, works, refs, ctx)


def graph() -> nx.Graph:
    G = normalise(cocitation_network(corpus()), "association")
    G.nodes["A"]["tags"] = ("x", "y")  # non-scalar attribute must still export
    return G


def edge_set(G, key=lambda n: n):
    return {(frozenset((key(u), key(v))), round(float(d["weight"]), 9)) for u, v, d in G.edges(data=True)}


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_gexf_round_trip(tmp_path, fmt, reader):
    G = graph()
    [path] = write_graph(G, tmp_path / f"g.{fmt}", fmt)
    H = reader(path)
    assert set(H.nodes) == {str(n) for n in G}
    assert edge_set(H) == edge_set(G, str)
    assert H.nodes["A"]["label"] == "Harvey 1989" and H.nodes["A"]["tags"] == "x; y"
    assert int(H.nodes["A"]["count"]) == 2


def test_pajek_round_trip(tmp_path):
    G = graph()
    path = tmp_path / "g.net"
    write_pajek(G, path)
    text = path.read_text()
    assert text.startswith('*Vertices 3\n1 "Harvey 1989" 0.9500 0.5000 ellipse url "A"\n') and "*Edges\n" in text
    H = nx.read_pajek(path)
    label = {n: d["label"].replace('"', "'") for n, d in G.nodes(data=True)}
    assert set(H.nodes) == set(label.values())
    assert {(frozenset((u, v)), round(float(d["weight"]), 9)) for u, v, d in H.edges(data=True)} == edge_set(G, label.get)
    D = citation_network(corpus())
    write_pajek(D, path)
    assert "*Arcs\n1 2 1\n" in path.read_text()


def test_vosviewer_files(tmp_path):
    G = graph()
    clusters = {"A": 1, "B": 1, "W2": 2}
    write_vosviewer(G, tmp_path / "m.txt", tmp_path / "n.txt", clusters=clusters)
    rows = (tmp_path / "m.txt").read_text().splitlines()
    assert rows[0].split("\t") == ["id", "label", "description", "cluster", "weight<Citations>",
                                   "weight<Total link strength>", "score<Avg. pub. year>", "score<Citations>"]
    cells = [r.split("\t") for r in rows[1:]]
    assert cells[0][:2] == ["1", "Harvey 1989"] and cells[0][3:] == ["1", "2", "3", "1989", "2"]
    assert cells[0][2] == "<b>Harvey 1989</b><br>id: A<br>cluster 1"
    assert cells[1][1] == '"Swyngedouw, E. 1997"'  # comma → quoted, per the VOSviewer manual
    assert cells[2][3] == "2"
    links = [tuple(r.split("\t")) for r in (tmp_path / "n.txt").read_text().splitlines()]
    assert len(links) == G.number_of_edges() and all(len(link) == 3 for link in links)
    # raw co-citation counts (VOSviewer normalises them itself), not the association strengths
    assert float(dict(((a, b), s) for a, b, s in links)[("1", "2")]) == G["A"]["B"]["raw"] == 2
    assert [p.name for p in write_graph(G, tmp_path / "x.vos", "vosviewer")] == ["x_map.txt", "x_network.txt"]
    with pytest.raises(InputError):
        write_graph(G, tmp_path / "x", "dot")


def test_csv_neutralises_formulas(tmp_path):
    G = nx.Graph()
    G.add_node("=SUM(A1)", label="+evil", type="work")
    G.add_node("ok", label="-1", type="work")
    G.add_edge("=SUM(A1)", "ok", weight=2)
    write_csv(G, tmp_path / "n.csv", tmp_path / "e.csv")
    nodes = list(csv.DictReader(open(tmp_path / "n.csv", encoding="utf-8")))
    assert nodes[0]["id"] == "'=SUM(A1)" and nodes[0]["label"] == "'+evil" and nodes[1]["label"] == "'-1"
    edges = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert edges == [{"source": "'=SUM(A1)", "target": "ok", "weight": "2"}]
    assert safe_cell("@x") == "'@x" and safe_cell(3) == 3 and safe_cell("a=b") == "a=b"


def test_wos_export_parses_field_by_field():
    data = corpus()
    text = format_wos(data)
    lines = text.splitlines()
    assert lines[:3] == ["FN Clarivate Analytics Web of Science", "VR 1.0", "PT J"] and lines[-1] == "EF"
    # Every line is a two-letter tag + space, a 3-space continuation, ER/EF, or blank.
    for line in lines:
        assert line in ("ER", "EF", "") or line[:3] == "   " or (line[:2].isalnum() and line[2] == " "), line
    recs = parse_wos(text)
    assert len(recs) == 2
    r = recs[0]
    assert r["AU"] == ["Brenner, N", "Theodore, N"] and r["AF"] == ["Brenner, Neil", "Theodore, Nik"]
    assert r["TI"] == ["Scale, the state and the city"] and r["SO"] == ["ANTIPODE"]
    assert (r["PY"], r["VL"], r["IS"], r["BP"], r["EP"], r["DI"]) == (["2000"], ["32"], ["4"], ["361"], ["378"], ["10.1/a"])
    assert r["NR"] == ["3"] and len(r["CR"]) == 3 and r["UT"] == ["LITMAP:D000000001"]
    cr = [parse_cr(c) for c in r["CR"]]
    assert cr[0] == {"author": "Harvey D", "year": "1989", "source": "GEOGRAFISKA ANNALER SERIES B", "volume": "71",
                     "page": "3", "doi": "10.2307/490503"}
    assert cr[1]["author"] == "Swyngedouw" and cr[1]["source"] == "NEITHER GLOBAL NOR LOCAL GLOCALIZATION"
    assert recs[1]["AU"] == ["Jessop, BR"] and recs[1]["TI"] == ["=cmd()"] and recs[1]["NR"] == ["2"]
    assert "BP" not in recs[1] and recs[1]["UT"] == ["LITMAP:W2"] and recs[1]["SO"] == ["URBAN STUDIES"]
    assert r["TC"] == ["0"] and recs[1]["TC"] == ["1"]  # paper 1 cites paper 2's work W2
    assert cr_line(WorkInfo("x", "x")) == "[Anonymous]"


def _store(tmp_path):
    from litmap.store.db import Store

    s = Store(tmp_path / "s.db", write=True)
    c = s.conn
    stamp = "2026-01-01T00:00:00"
    for i, status in ((1, "ok"), (2, "ok"), (3, "failed")):
        c.execute("INSERT INTO documents(id, sha256, path, status, added_at, updated_at) VALUES (?,?,?,?,?,?)",
                  (i, f"h{i}", f"p{i}.pdf", status, stamp, stamp))
    c.execute("INSERT INTO metadata(document_id, title, authors, year, journal, doi, volume, pages) VALUES (?,?,?,?,?,?,?,?)",
              (1, "Scale", json.dumps([{"family": "Brenner", "given": "Neil J."}, {"family": "UN-Habitat", "organisation": True}]),
               2000, "Antipode", "10.1/a", "32", "1-9"))
    c.execute("INSERT INTO metadata(document_id, title, year) VALUES (2, 'Regions', 2004)")
    works = [("A", "Harvey 1989", "Harvey", 1989, None, json.dumps({"container": "Geog Ann", "volume": 71,
              "authors": [{"family": "Harvey", "given": "David"}]})),
             ("B", "Jessop 2002", "Jessop", 2002, None, "{}"), ("P1", "Brenner 2000", "Brenner", 2000, 1, "{}"),
             ("X", "Ghost 2001", "Ghost", 2001, 3, "{}")]
    c.executemany("INSERT INTO works(id, label, first_author, year, document_id, data) VALUES (?,?,?,?,?,?)", works)
    jessop = json.dumps({"authors": [{"family": "Jessop", "given": "Bob"}], "container": "Antipode", "volume": "34",
                         "pages": "452-472"})
    for doc, idx, wid, ref in ((1, 0, "A", "{}"), (1, 1, "B", jessop), (1, 2, "A", "{}"), (1, 3, None, "{}"),
                               (3, 0, "A", "{}")):
        c.execute("INSERT INTO refs(document_id, idx, raw, data, work_id) VALUES (?,?,?,?,?)", (doc, idx, "r", ref, wid))
    # Paper 2 has no reference list: its works come from in-text citations.
    c.execute("INSERT INTO citations(document_id, idx, raw, kind, page, section, sentence, paragraph_idx) "
              "VALUES (2, 0, '(Brenner, 2000; Jessop, 2002)', 'parenthetical', 3, 'Intro', 'As argued (...).', 4)")
    c.executemany("INSERT INTO cited(document_id, citation_idx, pos, surnames, work_id) VALUES (2, 0, ?, '[]', ?)",
                  [(0, "P1"), (1, "B"), (2, None)])
    c.execute("INSERT INTO paragraphs(document_id, idx, kind, text, text_hash) VALUES (2, 4, 'body', 'As argued.', 'h')")
    return s


def test_load_corpus_data(tmp_path):
    s = _store(tmp_path)
    try:
        data = load_corpus_data(s.conn, paragraphs=True)
    finally:
        s.close()
    assert sorted(data.papers) == [1, 2]
    p = data.papers[1]
    assert p.authors == ("Brenner, N. J.", "UN-Habitat") and p.authors_full == ("Brenner, Neil J.", "UN-Habitat")
    assert (p.year, p.journal, p.doi, p.volume, p.pages, p.work_id) == (2000, "Antipode", "10.1/a", "32", "1-9", "P1")
    assert data.papers[2].work_id is None and data.papers[2].authors == ()
    assert data.references == {1: ("A", "B"), 2: ("P1", "B")}
    assert data.works["X"].document_id is None  # points at a failed document
    a = data.works["A"]
    assert (a.source, a.volume, a.first_initials) == ("Geog Ann", "71", "D")
    b = data.works["B"]  # filled from its parsed reference
    assert (b.source, b.volume, b.page, b.first_initials) == ("Antipode", "34", "452-472", "B")
    assert cr_line(b) == "Jessop B, 2002, ANTIPODE, V34, P452"
    assert data.contexts == (CitationContext(2, ("P1", "B"), "As argued (...).", 4, "Intro", 3, None),)
    assert data.paragraphs == {(2, 4): "As argued."}
    assert set(citation_network(data).edges) == {(2, 1)}


def test_a_text_file_has_no_pages_in_contexts_or_passages(tmp_path):
    from litmap.store.topics import iter_body_paragraphs

    s = _store(tmp_path)
    try:
        data = load_corpus_data(s.conn)
        assert data.contexts[0].page == 3  # a PDF's page is kept
        paras = list(iter_body_paragraphs(s.conn))
        assert [p.page for p in paras] == [None]  # stored without a page
        s.conn.execute("UPDATE paragraphs SET page = 1")
        s.conn.execute("UPDATE citations SET page = 1")
        assert load_corpus_data(s.conn).contexts[0].page == 1
        assert [p.page for p in iter_body_paragraphs(s.conn)] == [1]
        # the same paper read from a .txt: its single "page" is the whole file, shown as none (not "p. 1")
        s.conn.execute("UPDATE documents SET media_type = 'txt' WHERE id = 2")
        assert load_corpus_data(s.conn).contexts[0].page == 0
        assert [p.page for p in iter_body_paragraphs(s.conn)] == [None]
    finally:
        s.close()
