"""The page's author productivity, thematic map and three-field tables (issue 20)."""

from __future__ import annotations

import re

import pytest

from litmap.report import ReportSettings, build_report
from litmap.report.data import gather_report_data
from litmap.report.sciencemaps import science_maps
from litmap.store.db import Store
from report_fixture import build_fixture_store

pytestmark = pytest.mark.requires("igraph")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("sciencemaps")
    db = build_fixture_store(str(root / "fixture.db"))
    settings = ReportSettings(title="Fixture", figures=False, timestamp=False)
    with Store(db) as store:
        data = gather_report_data(store.conn, settings)
        build_report(store, root / "report", settings)
    return data, (root / "report" / "index.html").read_text(encoding="utf-8")


def test_productivity_counts_the_corpus_authors(built):
    data, _ = built
    got = science_maps(data)["productivity"]
    assert got["papers"] == len(data.papers)
    dist = got["lotka"]["distribution"]
    assert sum(r["authors"] for r in dist) == got["authors"]
    assert sum(r["papers"] * r["authors"] for r in dist) == sum(len(set(p.authors)) for p in data.papers if p.authors)
    top = got["productive"][0]
    assert top["papers"] == max(r["papers"] for r in dist)
    # most cited first authors: the fixture's most cited work's author leads
    lead = max(data.works.values(), key=lambda w: (len(w.cited_by), w.author or ""))
    assert got["cited"][0]["citing_papers"] == len(lead.cited_by)


def test_three_field_flows_are_papers(built):
    data, _ = built
    tf = science_maps(data)["three_field"]
    assert tf["flows"][0] and tf["flows"][1]
    with_concepts = {int(pid) for pid in data.concepts["by_paper"]}
    for f in tf["flows"][0]:  # author -> work: that many of the author's papers (mentioning concepts) cite the work
        w = data.works[f["work"]]
        mine = [p.id for p in data.papers if any(a == f["from"] for a in p.authors) and p.id in with_concepts]
        assert f["papers"] == len(set(mine) & set(w.cited_by))


def test_page_shows_the_tables(built):
    _, html = built
    for h in ("h-productivity", "h-thematic", "h-threefield"):
        assert f'id="{h}"' in html
    assert re.search(r"β = \d\.\d+", html) or "cannot be fitted" in html
    assert '<table class="lotka">' in html and '<table class="productive">' in html
    assert '<table class="flows">' in html
    assert '<table class="themes">' in html or "No thematic map:" in html


def test_charts_over_time_roll_a_window_of_years_over_the_papers():
    """A year holding one paper no longer makes a spike of its own: its neighbours' papers weigh in, and a year
    whose window holds no paper is left out (the line breaks there)."""
    from litmap.report.figures import rolling_per_paper

    papers = {2000: 4, 2001: 1, 2002: 4, 2010: 2}
    counts = {2000: 0.0, 2001: 3.0, 2002: 0.0, 2010: 2.0}
    got = {y: (round(v, 3), n) for y, v, n in rolling_per_paper(sorted(papers), counts, papers)}
    assert got[2001] == (round(3 / 9, 3), 9)  # was 3 passages per paper, now 0.333 over the window's 9 papers
    assert got[2000] == (0.6, 5) and got[2003] == (0.0, 4)
    assert 2005 not in got and got[2009] == (1.0, 2) and max(got) == 2010
