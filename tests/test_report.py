"""The report: files, escaping, CSP, golden Markdown, atomic writes, what changed."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import os
import re
from pathlib import Path

import pytest

from litmap.errors import InputError
from litmap.report import ReportSettings, build_report
from litmap.report.html import safe_json
from litmap.store.db import Store
from report_fixture import HOSTILE_AUTHOR, HOSTILE_QUOTE, HOSTILE_TITLE, PAPERS, build_fixture_store, make_document

GOLDEN = Path(__file__).parent / "golden" / "report.md"
FAST = ReportSettings(title="Fixture corpus", figures=False, timestamp=False)


needs_igraph = pytest.mark.requires("igraph")  # a report clusters with Leiden


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_fixture_store(str(tmp_path_factory.mktemp("store") / "fixture.db"))


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory, store_path):
    out = tmp_path_factory.mktemp("rep") / "report"
    with Store(store_path) as store:
        summary = build_report(store, out, ReportSettings(title="Fixture corpus", timestamp=False))
    assert summary.papers == len(PAPERS)
    return out


def _scripts(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)


@needs_igraph
def test_report_files_and_sections(report_dir):
    for name in ("index.html", "report.md", "data/papers.csv", "data/works.csv", "data/contexts.csv",
                 "data/topics.csv", "data/network_cocitation_nodes.csv", "data/network_cocitation.graphml",
                 "data/snapshot.json", "figures/years.png", "figures/topics_over_time.png",
                 "figures/network_cocitation.png", "figures/network_coupling.png"):
        assert (report_dir / name).is_file(), name
    assert (report_dir / "figures/years.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    header = (report_dir / "data/papers.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[4:8] == ["journal", "volume", "issue", "pages"]  # where in its venue each paper sits
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    for heading in ("Overview", "Topics", "Networks", "Debates and concepts", "Papers", "What changed"):
        assert f">{heading}</h2>" in html
    assert "encrypted PDF: remove the password" in html  # failures with reasons
    assert "There is no earlier report of this store" in html
    # Self-contained: nothing loaded from elsewhere.
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", html)
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert "## Topics" in md and "state rescaling, city-region" in md
    assert "p. 2" in md  # every quote names its page


@needs_igraph
def test_embedded_data_round_trips_and_is_inert(report_dir):
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    blobs = {m.group(1): m.group(2) for m in re.finditer(
        r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, flags=re.S)}
    core = json.loads(blobs["litmap-data"])
    detail = json.loads(blobs["litmap-detail"])
    titles = {p["title"] for p in core["papers"]}
    assert HOSTILE_TITLE in titles
    assert any(HOSTILE_AUTHOR in " ".join(p["authors"]) for p in core["papers"])
    sentences = [c["sentence"] for ctx in detail["works"].values() for c in ctx]
    assert HOSTILE_QUOTE in sentences
    assert "<" not in blobs["litmap-data"] and "<" not in blobs["litmap-detail"]


@needs_igraph
@pytest.mark.parametrize("probe", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                                   "</script><script>alert(2)</script>", "<img src=x"])
def test_hostile_strings_stay_text(report_dir, probe):
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert probe not in html
    assert probe not in md
    # exactly our four script elements (two JSON blobs, the renderer, the app)
    assert len(_scripts(html)) == 4
    assert not re.search(r"<[^>]*\sonerror=", html)  # the probe's handler never lands inside a tag


def test_safe_json_escapes_html_breakers():
    text = safe_json({"t": "</script><b>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><b>&\u2028"}


@needs_igraph
def test_csp_allows_exactly_the_inline_scripts_and_style(report_dir):
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    csp = html_lib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "http" not in csp

    def sha(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    code = [body for attrs, body in _scripts(html) if "application/json" not in attrs]
    assert len(code) == 2
    for body in code:
        assert sha(body) in csp
    style = re.search(r"<style[^>]*>(.*?)</style>", html, flags=re.S).group(1)
    assert sha(style) in csp
    assert not re.search(r"<[^>]*\son[a-z]+=", re.sub(r"<script.*?</script>", "", html, flags=re.S))  # no handlers


@needs_igraph
def test_markdown_golden(tmp_path, store_path):
    with Store(store_path) as store:
        build_report(store, tmp_path / "r", FAST)
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    if os.environ.get("LITMAP_UPDATE_GOLDEN"):
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8"), "report.md drifted: LITMAP_UPDATE_GOLDEN=1 rewrites the golden file"


@needs_igraph
def test_index_is_deterministic_without_timestamp(tmp_path, store_path):
    with Store(store_path) as store:
        build_report(store, tmp_path / "a", FAST)
        build_report(store, tmp_path / "b", FAST)
    assert (tmp_path / "a/index.html").read_bytes() == (tmp_path / "b/index.html").read_bytes()


@needs_igraph
def test_missing_topics_say_which_command_fits_them(tmp_path):
    path = build_fixture_store(str(tmp_path / "nt.db"), topics=False)
    with Store(path) as store:
        summary = build_report(store, tmp_path / "r", FAST)
    assert "topics" not in summary.sections
    md = (tmp_path / "r/report.md").read_text(encoding="utf-8")
    assert "topics have not been fitted on this store: run `litmap topics`" in md
    assert "#### Anchor works" in md  # debate maps do not need topics ...
    assert "no topic model in the store (run `litmap topics` first): topic overlap omitted" in md  # ... but say so


@needs_igraph
def test_debate_maps_in_report(report_dir, store_path):
    maps = json.loads((report_dir / "data/debates.json").read_text(encoding="utf-8"))
    ids = [m["id"] for m in maps]
    assert ids[:2] == ["state-rescaling", "scale-politics"]  # lexicon order, engaged debates only
    assert all(m["papers"] for m in maps) and "gentrification" not in ids  # p7 names it once: below min_mentions
    rescaling = maps[0]
    assert len(rescaling["papers"]) == len(PAPERS) and rescaling["first_year"] == 2008
    assert rescaling["anchors"][0]["label"] == "Brenner 2004" and rescaling["camps"]
    quotes = [q["sentence"] for m in maps for a in m["anchors"] for q in a["quotes"]]
    assert HOSTILE_QUOTE in quotes and all(len(a["quotes"]) <= 2 for m in maps for a in m["anchors"])
    with Store(store_path) as store:
        brenner = store.conn.execute("SELECT id FROM works WHERE label='Brenner 2004'").fetchone()[0]
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    art = re.search(r'<article class="debate" id="debate-state-rescaling".*?</article>', html, flags=re.S).group(0)
    assert f'href="#/work/{brenner}"' in art and 'href="#/paper/1"' in art
    assert '<svg role="img"' in art and "<title" in art and "Camp 1:" in art and "contested" in art.lower()
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; as Brenner (2004) argues" in art  # the quote, as text
    assert 'href="#/debates/city-regionalism"' in html  # the list of debates and the bridges link sub-sections
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert "### State rescaling (debate)" in md and "- Not engaged by any paper:" in md


def test_timeline_bars_keep_gaps_and_scale():
    from litmap.report.html import timeline_bars

    tl = timeline_bars([{"year": 2000, "mentions": 2, "papers": 1, "citations": 0},
                        {"year": 2003, "mentions": 4, "papers": 2, "citations": 5}], width=400, height=100)
    assert [b["year"] for b in tl["bars"]] == [2000, 2001, 2002, 2003]
    assert [b["mentions"] for b in tl["bars"]] == [2, 0, 0, 4]
    tall, low = tl["bars"][3], tl["bars"][0]
    assert tall["h"] == 2 * low["h"] > 0 and tall["y"] + tall["h"] == tl["base"]
    assert timeline_bars([])["bars"] == []


@needs_igraph
def test_crash_leaves_the_old_report(tmp_path, store_path, monkeypatch):
    out = tmp_path / "r"
    with Store(store_path) as store:
        build_report(store, out, FAST)
    before = (out / "index.html").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("litmap.report.html.render_html", boom)
    with Store(store_path) as store, pytest.raises(RuntimeError):
        build_report(store, out, FAST)
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no temp folders left behind


def test_refuses_a_folder_holding_other_files(tmp_path, store_path):
    (tmp_path / "notes.txt").write_text("mine")
    with Store(store_path) as store, pytest.raises(InputError, match="holds other files"):
        build_report(store, tmp_path, FAST)
    assert (tmp_path / "notes.txt").read_text() == "mine"


@needs_igraph
def test_what_changed_lists_new_papers(tmp_path):
    path = str(tmp_path / "grow.db")
    with Store(path, write=True) as store:
        for n, row in enumerate(PAPERS[:5]):
            store.save_document(make_document(n + 1, row))
        from litmap.batch.works import resolve_corpus_works

        resolve_corpus_works(store)
        build_report(store, tmp_path / "r", FAST)
        store.save_document(make_document(6, PAPERS[5]))
        resolve_corpus_works(store)
        build_report(store, tmp_path / "r", FAST)
    md = (tmp_path / "r/report.md").read_text(encoding="utf-8")
    assert "- New papers: 1: Liu 2018: State entrepreneurialism in the Pearl River Delta" in md
    assert "no earlier report" not in md
    snap = json.loads((tmp_path / "r/data/snapshot.json").read_text(encoding="utf-8"))
    assert set(snap["places"]) == {"1", "2", "3", "4", "5", "6"} and snap["central"]
    assert "- Newly among the most co-cited works:" in md and "- Co-citation camps that split or merged:" in md


def test_snapshot_numbered_from_zero_is_read_from_one():
    from litmap.report.changes import previous_clusters

    old = {"clusters": {"cocitation": {"next": 2, "members": {"0": ["W1", "W2"], "1": ["W3"]}},
                        "coupling": {"next": 4, "members": {"1": ["1"], "3": ["2"]}}}}
    got = previous_clusters(old)
    assert got["cocitation"] == ({"W1": 1, "W2": 1, "W3": 2}, 3)  # written when clusters were numbered from 0
    assert got["coupling"] == ({"1": 1, "2": 3}, 4)  # no cluster 0: already numbered from 1


def test_camp_changes_finds_splits_and_mergers():
    from litmap.report.changes import camp_changes
    from litmap.report.records import CampChange

    old = {"a1": 1, "a2": 1, "a3": 1, "a4": 1, "b1": 2, "b2": 2, "c1": 3, "c2": 3, "c3": 3}  # clusters from 1
    new = {"a1": 6, "a2": 6, "a3": 7, "a4": 7,  # camp 1 split in two
           "b1": 8, "b2": 8, "c1": 8, "c2": 8,  # camps 2 and 3 merged
           "c3": 8, "x": 9}
    got = camp_changes(old, {"1": "scale politics"}, new, {"8": "city regionalism"})
    assert CampChange(kind="split", before=("scale politics",), after=("cluster 6", "cluster 7"), works=4) in got
    assert CampChange(kind="merged", before=("cluster 3", "cluster 2"), after=("city regionalism",), works=5) in got
    assert len(got) == 2
    assert camp_changes(old, {}, old, {}) == []  # nothing moved, nothing reported
    # One stray work moving is not a split.
    assert camp_changes(old, {}, {**old, "a4": 9}, {}) == []


def test_new_paper_place_is_named():
    from litmap.report.changes import _place

    assert _place({"topic": "rescaling", "cluster": "Brenner; Jessop"}) == (
        " — falls in topic “rescaling”, coupling cluster “Brenner; Jessop”")
    assert _place({"topic": None, "cluster": None}) == "" and _place(None) == ""


def test_settings_are_validated():
    with pytest.raises(InputError, match="top_nodes"):
        ReportSettings(top_nodes=5)


def test_no_engaged_debate_says_why(tmp_path, store_path):
    import dataclasses

    with Store(store_path) as store:
        summary = build_report(store, tmp_path / "r", dataclasses.replace(FAST, debate_min_mentions=1000))
    assert "debates" not in summary.sections and not (tmp_path / "r/data/debates.json").exists()
    md = (tmp_path / "r/report.md").read_text(encoding="utf-8")
    assert "Debate maps not available: no paper mentions the concepts of any debate of the lexicon at least 1000" in md
    assert "| city-region |" in md  # the concept counts are still there
    html = (tmp_path / "r/index.html").read_text(encoding="utf-8")
    assert "Debate maps not available" in html and '<article class="debate"' not in html


def _clusters_in_data(out: Path) -> dict[str, dict[str, int]]:
    """Per network view, {node id: cluster id} as exported in data/network_<view>_nodes.csv."""
    import csv

    got: dict[str, dict[str, int]] = {}
    for f in sorted((out / "data").glob("network_*_nodes.csv")):
        with open(f, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if rows and "cluster" in rows[0]:
            got[f.name[len("network_"):-len("_nodes.csv")]] = {
                r["id"]: int(r["cluster"]) for r in rows if r["cluster"] not in ("", "0", "-1")}
    return got


def _groups(membership: dict[str, int]) -> dict[frozenset, int]:
    by: dict[int, set[str]] = {}
    for n, c in membership.items():
        by.setdefault(c, set()).add(n)
    return {frozenset(ns): c for c, ns in by.items()}


@needs_igraph
def test_cluster_ids_survive_a_new_paper(tmp_path):
    from litmap.batch.works import resolve_corpus_works

    out = tmp_path / "r"
    with Store(str(tmp_path / "grow.db"), write=True) as store:
        for n, row in enumerate(PAPERS[:6]):
            store.save_document(make_document(n + 1, row))
        resolve_corpus_works(store)
        build_report(store, out, FAST)
        # Pretend an earlier report numbered every cluster differently (ids 10, 11, ...): a rebuild
        # that renumbered from 0 would lose them all.
        snap_path = out / "data/snapshot.json"
        snap = json.loads(snap_path.read_text(encoding="utf-8"))
        shift = {name: {c: 10 + len(v["members"]) - 1 - int(c) for c in v["members"]}
                 for name, v in snap["clusters"].items()}
        for name, v in snap["clusters"].items():
            v["members"] = {str(shift[name][c]): ns for c, ns in v["members"].items()}
            v["next"] = 10 + len(v["members"])
        snap["camps"] = {w: shift["cocitation"][str(c)] for w, c in snap["camps"].items()}
        snap_path.write_text(json.dumps(snap), encoding="utf-8")
        before = {name: {n: int(c) for c, ns in v["members"].items() for n in ns}
                  for name, v in snap["clusters"].items()}
        assert {"cocitation", "coupling"} <= set(before)
        store.save_document(make_document(7, PAPERS[6]))
        resolve_corpus_works(store)
        build_report(store, out, FAST)
    after = _clusters_in_data(out)
    unchanged = 0
    for name, old in before.items():
        new_groups = _groups(after[name])
        for members, old_id in _groups(old).items():
            if members in new_groups:  # the same camp, members and all
                assert new_groups[members] == old_id, (name, sorted(members))
                unchanged += 1
        assert all(c in set(old.values()) or c >= 10 + len(set(old.values())) for c in after[name].values())
    assert unchanged >= 2
    snap = json.loads((out / "data/snapshot.json").read_text(encoding="utf-8"))
    assert {n: c for c, ns in snap["clusters"]["cocitation"]["members"].items() for n in ns} == {
        n: str(c) for n, c in after["cocitation"].items()}
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "no earlier report" not in md


def test_what_changed_lists_shrunk_and_vanished_topics(tmp_path):
    from litmap.report.changes import compare
    from litmap.report.records import TopicChange

    snap = lambda topics: {"papers": {}, "topics": {str(i): {"label": l, "size": n, **extra}
                                                    for i, l, n, *more in topics for extra in (more or [{}])},
                           "bursting": [], "concepts": []}
    with Store(str(tmp_path / "s.db"), write=True) as store:
        ch = compare(store.conn, snap([(0, "rescaling", 40), (1, "indd stamps", 12), (2, "gentrification", 30)]),
                     snap([(0, "rescaling", 35), (2, "gentrification", 31)]))
        # Topics are compared by id: a renamed topic is neither new nor gone; a topic formed on refresh says so.
        renamed = compare(store.conn, snap([(0, "interpolation, areal, methods", 40), (2, "gentrification", 30)]),
                          snap([(0, "areal interpolation methods", 40), (2, "gentrification", 33),
                                (5, "municipal governance reform", 20, {"emerging": True})]))
    assert ch.shrunk_topics == (TopicChange("rescaling", 40, 35),)
    assert ch.gone_topics == ("indd stamps",) and ch.grown_topics == (TopicChange("gentrification", 30, 31),)
    assert renamed.gone_topics == () and renamed.shrunk_topics == ()
    assert renamed.new_topics == ("municipal governance reform (a new theme formed from new papers)",)
    assert renamed.grown_topics == (TopicChange("gentrification", 30, 33),)


def test_what_changed_lists_the_largest_growth_first(tmp_path):
    from litmap.report.changes import compare
    from litmap.report.records import TopicChange

    def snap(sizes):
        return {"papers": {}, "topics": {str(i): {"label": label, "size": n} for i, (label, n) in enumerate(sizes)},
                "bursting": [], "concepts": []}

    with Store(str(tmp_path / "s.db"), write=True) as store:
        ch = compare(store.conn, snap([("areal interpolation", 1561), ("category of work", 114), ("bus", 44),
                                       ("class theory", 70)]),
                     snap([("areal interpolation", 1562), ("category of work", 168), ("bus", 40), ("class theory", 60)]))
    assert ch.grown_topics == (TopicChange("category of work", 114, 168), TopicChange("areal interpolation", 1561, 1562))
    assert ch.shrunk_topics == (TopicChange("class theory", 70, 60), TopicChange("bus", 44, 40))


def test_what_changed_names_notable_topic_changes_and_counts_the_rest():
    from litmap.report.records import TopicChange

    # One new paper moves a passage or two into many topics: counted, not listed one by one.
    assert not TopicChange("German interviewees", 182, 183).notable
    assert not TopicChange("political parties", 173, 177).notable  # 4 passages, 2% of the topic
    assert TopicChange("qualitative methods", 181, 194).notable
    assert TopicChange("housing market", 937, 977).notable  # 4%, but 40 passages
    assert TopicChange("bus", 44, 40).notable and not TopicChange("bus", 44, 43).notable


def test_records_embed_as_asdict_would():
    """The page's JSON of a record is that of dataclasses.asdict (key order included); an
    unclassified citing sentence has no "function" key, as the page's script expects."""
    from dataclasses import asdict

    from litmap.report.records import Burst, ReportContext, ReportOverview, ReportPaper, ReportRef, to_json

    paper = ReportPaper(id=1, label="Brenner 2004", title="New state spaces", authors=("Brenner, N.",), year=2004,
                        journal=None, doi=None, volume=None, issue=None, pages=None, file="b.pdf", n_pages=3,
                        ocr=False, warnings=(), abstract="", work="W1", refs=(ReportRef("Jessop 2002", "W2"),),
                        n_citations=4, topics=((0, 0.5),))
    overview = ReportOverview(papers=1, failed=0, removed=0, pages=3, works=2, references=1, citations=4,
                              year_min=2004, year_max=2004, years=((2004, 1),), no_year=0, journals=(), n_journals=0,
                              no_references=(), ocr=(), failures=(), bursts=(Burst("W2", 2001, 2003, 1.5),))
    for record in (paper, overview, ReportContext(1, 2, "", "As Jessop (2002) argues", "uses")):
        assert json.dumps(to_json(record)) == json.dumps(asdict(record))
    assert json.dumps(to_json(paper, skip=("refs",))) == json.dumps({k: v for k, v in asdict(paper).items()
                                                                     if k != "refs"})
    assert to_json(ReportContext(1, 2, "", "As Jessop (2002) argues")) == {
        "paper": 1, "page": 2, "section": "", "sentence": "As Jessop (2002) argues"}


def test_untitled_paper_is_named_by_its_label_not_its_file(tmp_path):
    # issue 18: no file name or hash as a paper's name, in the papers table, search index or detail page
    import dataclasses

    path = str(tmp_path / "untitled.db")
    with Store(path, write=True) as store:
        for n, row in enumerate(PAPERS[:3]):
            doc = make_document(n + 1, row)
            if n == 0:
                doc = dataclasses.replace(
                    doc, source=dataclasses.replace(doc.source, path="/corpus/000_bf02feee84df81f6.txt"),
                    metadata=dataclasses.replace(doc.metadata, title=None, authors=()))
            if n == 1:  # nothing names it: its opening words do, said once
                doc = dataclasses.replace(
                    doc, source=dataclasses.replace(doc.source, path="/corpus/002_3cf928bf510024e6.txt"),
                    metadata=dataclasses.replace(doc.metadata, title=None, authors=(), journal=None))
            store.save_document(doc)
        from litmap.batch.works import resolve_corpus_works

        resolve_corpus_works(store)
        build_report(store, tmp_path / "r", FAST)
    page = (tmp_path / "r/index.html").read_text(encoding="utf-8")
    table = page[page.index('id="paper-table"'):page.index("</table>", page.index('id="paper-table"'))]
    assert "000_bf02feee84df81f6" not in table and "002_3cf928bf510024e6" not in table
    assert table.count("(no title found in the file)") == 1  # the opening-words label says "(no title)" itself
    assert table.count("no title)</a>") == 1
    assert "p.title || p.file" not in page  # the script names untitled papers by their label too


def test_label_of_a_paper_with_nothing_but_a_year_keeps_the_year_beside_the_number():
    from litmap.store.corpusdata import Paper

    assert Paper(65, None, 2021).label == "paper 65 (2021), title unknown"
    assert Paper(7, None, None).label == "paper 7, title unknown"
    assert Paper(7, None, 2021, journal="Cities").label == "Cities 2021"


def test_a_nameless_paper_is_labelled_by_its_opening_words(tmp_path):
    import sqlite3

    from litmap.store.corpusdata import Paper, load_papers

    assert Paper(2, None, None, opening="The National New Area (hereafter NNA) is").label == \
        "“The National New Area (hereafter NNA) is…” (no title)"
    assert Paper(2, None, 2024, opening="We observe").label == "“We observe…” (2024, no title)"
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE documents (id INTEGER, status TEXT);"
        "CREATE TABLE metadata (document_id INTEGER, title TEXT, year INTEGER, journal TEXT, authors TEXT, doi TEXT,"
        " volume TEXT, issue TEXT, pages TEXT, abstract TEXT, keywords TEXT, affiliations TEXT);"
        "CREATE TABLE paragraphs (document_id INTEGER, idx INTEGER, kind TEXT, text TEXT);"
        "INSERT INTO documents VALUES (1, 'ok'), (2, 'ok');"
        "INSERT INTO metadata (document_id, title) VALUES (1, 'Regions unbound');"
        "INSERT INTO paragraphs VALUES (2, 0, 'front', 'Keywords: NNA'), (2, 1, 'body', 'The National New Area "
        "(hereafter NNA) is a comprehensive functional area approved by the State Council.');"
    )
    papers = load_papers(conn)
    assert papers[1].opening is None  # a titled paper needs none
    assert papers[2].label == "“The National New Area (hereafter NNA) is…” (no title)"


@needs_igraph
def test_a_guessed_year_is_starred_in_the_papers_table_with_its_source(tmp_path, store_path):
    import json
    import shutil
    import sqlite3

    db = tmp_path / "s.db"
    shutil.copy(store_path, db)
    con = sqlite3.connect(db)
    pid, year = con.execute("SELECT m.document_id, m.year FROM metadata m WHERE m.year IS NOT NULL "
                            "ORDER BY m.document_id LIMIT 1").fetchone()
    con.execute("UPDATE metadata SET provenance=? WHERE document_id=?",
                (json.dumps(["year:from citing papers 3, 4 (guess)"]), pid))
    con.commit()
    con.close()
    with Store(str(db)) as store:
        build_report(store, tmp_path / "r", FAST)
    html = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr data-pid="{pid}">.*?</tr>', html, flags=re.S).group(0)
    assert f'<span title="guessed: year from citing papers 3, 4">{year}*</span>' in row
    assert "* a guessed year" in html
    assert html.count("*</span>") == 1  # no other paper is starred


def test_same_figure_same_svg_bytes(tmp_path):
    """Drawn twice, a figure is the same file: the SVG's clip-path ids do not change from run to run."""
    from litmap.report.figures import _plt, _save

    outs = []
    for i in range(2):
        plt = _plt()
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.bar([2001, 2002, 2003], [1, 4, 2])
        path = tmp_path / f"f{i}.png"
        assert _save(fig, path)
        svg = path.with_suffix(".svg").read_text(encoding="utf-8")
        assert "clip-path" in svg or "clipPath" in svg
        outs.append(svg)
    assert outs[0] == outs[1]


def test_what_changed_in_markdown_counts_small_topic_changes_in_plain_words():
    from litmap.report.markdown import topic_changes_line
    from litmap.report.records import TopicChange

    grown = (TopicChange("housing market", 937, 977), TopicChange("bus", 44, 45))
    assert topic_changes_line("Grown topics", grown) == \
        "- Grown topics: 2: housing market (937 → 977); 1 more by a few passages"
    # was "- Shrunk topics: 1: 1 more by a few passages"
    shrunk = (TopicChange("class theory", 70, 69),)
    assert topic_changes_line("Shrunk topics", shrunk) == "- Shrunk topics: 1, by a few passages"
    assert topic_changes_line("Shrunk topics", ()) == "- Shrunk topics: 0"
