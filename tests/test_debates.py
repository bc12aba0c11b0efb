"""Debate maps: a planted two-camp corpus, the seed texts, and the parts."""

from __future__ import annotations

import json
import os
import re
import textwrap
from types import SimpleNamespace

import pytest

from litmap.analyse.concepts import load_lexicon
from litmap.analyse.debates.maps import DebateSettings, debate_maps_from_inputs, render_debates_text, to_json
from litmap.analyse.debates.data import citation_span, debate_maps, load_debate_inputs
from litmap.errors import InputError
from litmap.batch.ingest import IngestSettings, ingest
from litmap.store.db import Store

# --------------------------------------------------------------------------
# a planted corpus: camp A (2010-2012) builds on Alder, Birch and Cedar;
# camp B (2014-2016) builds on Dogwood, Elm and Fir and critiques Alder and
# Birch in the same paragraphs in which it cites its own works.

_REFS = {
    "alder": "Alder, P., 2001. Cities of flux: a relational account. Urban Flux Review, 3 (1), 1–20.",
    "birch": "Birch, Q., 2003. Networked flux and the open region. Journal of Flows, 5 (2), 21–40.",
    "cedar": "Cedar, R., 2005. Flux urbanism as method. Spatial Inquiry, 7 (3), 41–60.",
    "dogwood": "Dogwood, S., 2004. The state behind the flux. Political Regions, 9 (1), 61–80.",
    "elm": "Elm, T., 2006. Bounded territories and regulation. Political Regions, 11 (2), 81–100.",
    "fir": "Fir, U., 2008. Scales of accumulation. Capital and Space, 13 (4), 101–120.",
}
_CAMP_A = [
    "Drawing on Alder (2001) and Birch (2003), we read flux urbanism as a relational achievement of networks "
    "and flows in the harbour city. Flux urbanism, in this sense, describes regions that are open and always in "
    "the making (Alder, 2001; Birch, 2003; Cedar, 2005).",
    "We follow Cedar (2005) and Birch (2003) in treating flux urbanism as a method that traces connections rather "
    "than levels. This paper builds on Alder (2001) to show how flux urbanism works along the waterfront.",
]
_CAMP_B = [
    "However, Alder (2001) fails to explain why flux urbanism remains bounded by state regulation. Drawing on "
    "Dogwood (2004) and Elm (2006), we show that flux urbanism is an outcome of territorial regulation.",
    "In contrast to Birch (2003), we argue that flux urbanism is produced by the state. Following Fir (2008), we "
    "treat flux urbanism as a moment of capital accumulation (Dogwood, 2004; Elm, 2006; Fir, 2008).",
]
_PAPERS = [
    (1, 2010, "Ann Ashby", "Flux urbanism and the open harbour city", _CAMP_A, ["alder", "birch", "cedar"]),
    (2, 2011, "Ben Brook", "Relational flux urbanism in three regions", _CAMP_A, ["alder", "birch", "cedar"]),
    (3, 2012, "Cal Crane", "Tracing flux urbanism", _CAMP_A, ["alder", "birch", "cedar"]),
    (4, 2014, "Dee Dunn", "The state of flux urbanism", _CAMP_B, ["alder", "birch", "dogwood", "elm", "fir"]),
    (5, 2015, "Eve Eames", "Flux urbanism as regulation", _CAMP_B, ["alder", "birch", "dogwood", "elm", "fir"]),
    (6, 2016, "Flo Fisk", "Against flat flux urbanism", _CAMP_B, ["alder", "birch", "dogwood", "elm", "fir"]),
]
_LEXICON = """
debates:
  flux: {label: Flux debate}
  harbours: {label: Harbour studies}
concepts:
  - {id: flux-urbanism, label: flux urbanism, gloss: Cities as flows., debates: [flux]}
  - id: territorial-regulation
    label: territorial regulation
    gloss: Regulation in bounded space.
    variants: [state regulation]
    debates: [flux]
  - {id: harbour-city, label: harbour city, gloss: Port cities., variants: [waterfront], debates: [harbours]}
"""


def _write_planted(folder):
    for i, year, author, title, paras, refs in _PAPERS:
        text = (f"# {title}\n\n{author}\n\nDepartment of Geography, Nowhere University (fictional)\n\n"
                f"Urban Flux Review {20 + i} ({year}) 1–10\n\n## Introduction\n\n" + "\n\n".join(paras)
                + "\n\n## References\n\n" + "\n\n".join(_REFS[r] for r in sorted(refs)) + "\n")
        (folder / f"paper-{i}.md").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    corpus = root / "corpus"
    corpus.mkdir()
    _write_planted(corpus)
    db = str(root / "planted.db")
    with Store(db, write=True) as store:
        ingest([str(corpus)], store, IngestSettings(jobs=0))
    lex_path = root / "lexicon.yaml"
    lex_path.write_text(textwrap.dedent(_LEXICON), encoding="utf-8")
    return db, load_lexicon(str(lex_path))


def _by_label(works):
    return {label: n for _, label, n in works}


@pytest.mark.parametrize("method", [pytest.param("leiden", marks=pytest.mark.requires("igraph")), "louvain"])
def test_planted_camps_and_contested_works_are_recovered(planted, method):
    db, lexicon = planted
    with Store(db) as store:
        (flux,) = debate_maps(store.conn, lexicon, DebateSettings(cluster_method=method), ["flux"])
    assert flux.kind == "debate" and flux.label == "Flux debate"
    assert [e.paper_id for e in flux.papers][:3] == [4, 5, 6]  # more mentions per 1,000 words
    assert (flux.first_year, flux.last_year) == (2010, 2016)
    assert [y.year for y in flux.timeline] == [2010, 2011, 2012, 2014, 2015, 2016]
    assert all(y.papers == 1 and y.citations > 0 for y in flux.timeline)

    assert {a.label for a in flux.anchors[:2]} == {"Alder 2001", "Birch 2003"}
    assert {a.label for a in flux.anchors} == {"Alder 2001", "Birch 2003", "Cedar 2005", "Dogwood 2004", "Elm 2006",
                                              "Fir 2008"}
    alder = next(a for a in flux.anchors if a.label == "Alder 2001")
    assert {q.function for q in alder.quotes} == {"uses", "critiques"}  # one approving, one critical quote
    assert all(q.page == 0 and q.title for q in alder.quotes)  # a .md file has no pages (0: none), not "p. 1"

    camps = {frozenset(_by_label(c.works)): c for c in flux.camps}
    assert set(camps) == {frozenset({"Alder 2001", "Birch 2003", "Cedar 2005"}),
                          frozenset({"Dogwood 2004", "Elm 2006", "Fir 2008"})}
    a = camps[frozenset({"Alder 2001", "Birch 2003", "Cedar 2005"})]
    b = camps[frozenset({"Dogwood 2004", "Elm 2006", "Fir 2008"})]
    assert {p for p, _ in a.papers} == {1, 2, 3} and a.critics == (4, 5, 6)
    assert {p for p, _ in b.papers} == {4, 5, 6} and b.critics == ()
    assert a.label and b.label and a.terms

    contested = {f.label: f for f in flux.contested}
    assert set(contested) == {"Alder 2001", "Birch 2003"}
    for f in contested.values():
        assert f.contested and f.critiques == 3 and f.uses + f.supports >= 3
        assert f.supporters == (1, 2, 3) and f.critics == (4, 5, 6)

    assert [b.id for b in flux.bridging_concepts][:1] == ["flux-urbanism"]
    assert flux.bridging_concepts[0].debates == ("harbours",)
    assert [c.id for c in flux.cooccurring] == ["harbour-city"]
    assert flux.topics is None and any("topic" in n for n in flux.notes)


@pytest.mark.requires("igraph")
def test_planted_map_is_deterministic_json_and_renders(planted):
    db, lexicon = planted
    with Store(db) as store:
        first = to_json(debate_maps(store.conn, lexicon, DebateSettings()))
        maps = debate_maps(store.conn, lexicon, DebateSettings())
    assert first == to_json(maps)
    assert [m["id"] for m in first] == ["flux", "harbours"]
    assert json.loads(json.dumps(first)) == first
    assert first[0]["contested"][0]["contested"] is True
    text = render_debates_text(maps)
    assert "== Flux debate (debate flux) ==" in text
    assert "Alder 2001 [contested]" in text and "critical papers [4, 5, 6]" in text
    assert "However, Alder (2001) fails to explain" in text


@pytest.mark.requires("igraph")
def test_topic_overlap_and_progress(planted):
    db, lexicon = planted
    with Store(db) as store:
        inputs = load_debate_inputs(store.conn, lexicon)
    # A stand-in topic result: camp A's paragraphs in topic 0, camp B's in topic 1, one outlier.
    keys = sorted(inputs.para_concepts)
    assignments = [SimpleNamespace(doc_id=d, para_idx=p, topic=0 if d <= 3 else 1) for d, p in keys]
    assignments.append(SimpleNamespace(doc_id=1, para_idx=99, topic=-1))
    result = SimpleNamespace(assignments=assignments,
                             topics=[SimpleNamespace(id=0, label="flows"), SimpleNamespace(id=1, label="state")])
    events = []
    flux, harbour = debate_maps_from_inputs(inputs, lexicon, DebateSettings(), ["flux", "concept:harbour-city"],
                                            topic_result=result, progress=events.append)
    assert [(t.topic_id, t.label, t.share_of_debate, t.share_of_topic) for t in flux.topics] == [
        (0, "flows", 0.5, 1.0), (1, "state", 0.5, 1.0)]
    assert [(t.topic_id, t.share_of_debate) for t in harbour.topics] == [(0, 1.0)]
    assert not any("topic" in n for n in flux.notes)
    assert [(e.done, e.total, e.item) for e in events] == [(1, 2, "flux"), (2, 2, "harbour-city")]


@pytest.mark.requires("igraph")
def test_single_concept_map_and_scope_and_min_mentions(planted):
    db, lexicon = planted
    with Store(db) as store:
        (m,) = debate_maps(store.conn, lexicon, DebateSettings(min_mentions=3), ["concept:harbour-city"])
        (strict,) = debate_maps(store.conn, lexicon, DebateSettings(scope="sentence"), ["harbour-city"])
        (loose,) = debate_maps(store.conn, lexicon, DebateSettings(), ["harbour-city"])
    assert m.kind == "concept" and m.concepts == ("harbour-city",)
    # Camp A papers mention the harbour city twice each: below a threshold of 3.
    assert m.papers == () and m.anchors == () and any("fewer than 3" in n for n in m.notes)
    assert {e.paper_id for e in strict.papers} == {1, 2, 3}
    assert all(e.mentions == 2 for e in strict.papers)
    # Sentence scope: only the sentences naming the harbour city or the waterfront.
    assert {a.label for a in strict.anchors} == {"Alder 2001", "Birch 2003"}
    assert {a.label for a in loose.anchors} == {"Alder 2001", "Birch 2003", "Cedar 2005"}


def test_unknown_names_and_bad_settings_raise(planted):
    db, lexicon = planted
    with Store(db) as store:
        with pytest.raises(InputError, match="neither a debate nor a concept"):
            debate_maps(store.conn, lexicon, DebateSettings(), ["no-such-thing"])
        with pytest.raises(InputError, match="unknown debate"):
            debate_maps(store.conn, lexicon, DebateSettings(), ["debate:flux-urbanism"])
    with pytest.raises(InputError, match="scope"):
        DebateSettings(scope="page")
    with pytest.raises(InputError, match="top_works"):
        DebateSettings(top_works=0)
    with pytest.raises(InputError, match="label_method"):
        DebateSettings(label_method="lda")
    with pytest.raises(InputError, match="cluster_method"):
        DebateSettings(cluster_method="kmeans")


def test_citation_span_finds_the_raw_citation_in_its_sentence():
    s = "Drawing on Alder (2001) and Birch\n(2003), we read it (Cedar, 2005)."
    assert citation_span(s, "Alder (2001)") == (11, 23)
    start, end = citation_span(s, "Birch (2003)")
    assert s[start:end] == "Birch\n(2003)"
    assert citation_span(s, "Fir (2008)") is None
    assert citation_span("", "Alder (2001)") is None


def test_empty_store_gives_empty_maps(tmp_path):
    db = str(tmp_path / "empty.db")
    with Store(db, write=True):
        pass
    with Store(db) as store:
        maps = debate_maps(store.conn, load_lexicon(), DebateSettings(), ["assemblage"])
    assert maps[0].papers == () and maps[0].anchors == () and maps[0].camps == ()
    assert "0 papers engage it" in render_debates_text(maps)


# --------------------------------------------------------------------------
# the seed texts (no reference lists: works come from in-text citations)

SEEDS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "seeds"))
TOP_N = 15  # anchors a reader sees first


def _authors(label: str) -> str:
    """"De Landa 2006" → "delanda"; "Allen & Cochrane 2010" → "allen&cochrane"."""
    return re.sub(r"\s+", "", re.sub(r"\s+(?:\d{4}[a-z]?|n\.d\.)$", "", label)).lower()


@pytest.mark.requires("igraph")
@pytest.mark.skipif(not os.path.isdir(SEEDS), reason="../shared/data/seeds is not present")
def test_seed_texts_name_the_anchors_of_three_debates(tmp_path):
    db = str(tmp_path / "seeds.db")
    with Store(db, write=True) as store:
        ingest([SEEDS], store, IngestSettings(jobs=0))
    with Store(db) as store:
        maps = {m.id: m for m in debate_maps(store.conn, load_lexicon(), DebateSettings(top_works=TOP_N),
                                             ["assemblage", "state-rescaling", "city-regionalism"])}
    expected = {
        "assemblage": {"delanda", "mcfarlane", "deleuze&guattari", "allen&cochrane"},
        "state-rescaling": {"brenner", "jessop"},
        "city-regionalism": {"wu", "li&wu"},
    }
    for debate, names in expected.items():
        anchors = {_authors(a.label) for a in maps[debate].anchors}
        assert len(maps[debate].anchors) == TOP_N
        assert names <= anchors, (debate, sorted(anchors))
        assert maps[debate].papers and maps[debate].camps


def test_debates_text_names_a_titleless_paper_by_its_label_not_untitled(planted, tmp_path):
    import shutil
    import sqlite3

    from litmap.store.corpusdata import load_papers

    db, lexicon = planted
    copy = str(tmp_path / "copy.db")
    shutil.copy(db, copy)
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE metadata SET title = NULL")  # every header lost its title, authors and years kept
    conn.commit()
    conn.close()
    with Store(copy) as store:
        maps = debate_maps(store.conn, lexicon, DebateSettings())
        labels = {pid: p.label for pid, p in load_papers(store.conn).items()}
    text = render_debates_text(maps, labels=labels)
    assert "untitled" not in text
    flux = next(m for m in maps if m.id == "flux")
    first = flux.papers[0].paper_id
    assert f"[{first}] {labels[first]}" in text and labels[first][-4:].isdigit()  # "Author 2014"
    # without labels a titleless paper says so rather than "untitled"
    assert f"[{first}] paper {first}, title unknown" in render_debates_text(maps)
