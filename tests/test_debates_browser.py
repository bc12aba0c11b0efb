"""The debate page in headless Chromium: the written synthesis at its top, its evidence rows, and each
engaging paper's evidence (terms, passages, score) opened by a click.  Same set-up as
tests/test_report_browser.py; skips when chromium, playwright or igraph is missing."""

from __future__ import annotations

import os
import shutil

import pytest

from litmap.report import ReportSettings, build_report
from litmap.store.db import Store
from report_fixture import build_fixture_store

CHROMIUM = os.environ.get("LITMAP_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]

if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
    pytest.skip(f"{CHROMIUM} is missing: `apt-get install -y chromium`", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing: pip install -e '.[test]'")
pytestmark = pytest.mark.requires("igraph")


@pytest.fixture(scope="module")
def report_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("debate-browser")
    db = build_fixture_store(str(root / "fixture.db"))
    with Store(db) as store:
        build_report(store, root / "report", ReportSettings(title="Fixture corpus", figures=False, timestamp=False))
    return (root / "report" / "index.html").as_uri()


def test_debate_page_shows_synthesis_with_evidence_and_engagement_evidence(report_url, tmp_path):
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 950})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(report_url + "#/debates/state-rescaling")
        page.wait_for_selector("html[data-ready='1']", timeout=10_000)
        art = page.locator("article#debate-state-rescaling")
        syn = art.locator("section.synthesis")
        assert syn.is_visible()
        text = syn.locator("p").first.inner_text()
        assert "7 papers engage State rescaling from 2008 to 2020" in text and "Brenner 2004 anchors it" in text
        # the synthesis comes before the evidence tables
        assert page.evaluate("""() => { const a = document.querySelector('#debate-state-rescaling');
            const s = a.querySelector('section.synthesis'), h = [...a.querySelectorAll('h4')].find(x => x.textContent === 'Engaging papers');
            return !!(s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
        # every reference names a quote on hover (title) and has its evidence row
        ref = syn.locator("a.ev-ref").first
        assert "Brenner (2004)" in (ref.get_attribute("title") or "")
        syn.locator("details.evidence summary").click()
        row = syn.locator("tr#" + ref.get_attribute("data-ev"))
        assert row.is_visible() and "We draw on Brenner (2004)" in row.inner_text()
        # an engaging paper's evidence, hidden until clicked
        ev = art.locator("details.engagement").first
        assert not ev.locator("blockquote").first.is_visible()
        assert "score" in (ev.locator("summary").get_attribute("title") or "")
        ev.locator("summary").click()
        shown = ev.inner_text()
        assert ev.locator("blockquote").first.is_visible()
        assert "Terms counted: state rescaling" in shown and "paragraph" in shown
        # the fixture's papers are a few sentences each, under MODEL_MIN_WORDS: the lexicon rule judged them, so
        # no model probability is claimed (whole papers show "Engagement probability … (model)")
        assert "Density" in shown and "Engagement probability" not in shown
        assert "state rescaling" in ev.locator("blockquote").first.inner_text().lower()  # the passage's own text
        assert "p. 2" in shown  # its page, from a citation in the paragraph
        page.screenshot(path=str(tmp_path / "debate.png"), full_page=False)
        assert not problems, problems
        browser.close()
