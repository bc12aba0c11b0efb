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
