"""The report in a real browser: headless Debian Chromium driven by Playwright.

Skips (with the reason) when /usr/bin/chromium, the playwright package or
igraph is missing; scripts/test installs chromium when run as root.
"""

from __future__ import annotations

import os
import shutil

import pytest

from litmap.report import ReportSettings, build_report
from litmap.store.db import Store
from report_fixture import HOSTILE_TITLE, build_fixture_store

CHROMIUM = os.environ.get("LITMAP_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]

if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
    pytest.skip(f"{CHROMIUM} is missing: `apt-get install -y chromium` (scripts/test does this as root)",
                allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing: pip install -e '.[test]'")
pytestmark = pytest.mark.requires("igraph")  # the report it opens clusters with Leiden


@pytest.fixture(scope="module")
def report_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    db = build_fixture_store(str(root / "fixture.db"))
    with Store(db) as store:
        build_report(store, root / "report", ReportSettings(title="Fixture corpus", figures=False, timestamp=False))
    return (root / "report" / "index.html").as_uri()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1300, "height": 950})
    p.problems = []  # console errors, page errors and dialogs (an alert() would mean injected script ran)
    p.on("console", lambda m: p.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    p.on("pageerror", lambda e: p.problems.append(f"page error: {e}"))
    p.on("dialog", lambda d: (p.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield p
    p.close()


def _ready(page, url):
    page.goto(url)
    page.wait_for_selector("html[data-ready='1']", timeout=10_000)


def test_loads_without_console_errors(page, report_url, tmp_path):
    _ready(page, report_url)
    assert page.locator("#overview").is_visible()
    assert page.locator("h2#h-overview").inner_text() == "Overview"
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    assert (tmp_path / "overview.png").stat().st_size > 10_000
    assert page.problems == []


def test_network_draws_and_a_clicked_node_shows_details(page, report_url, tmp_path):
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_selector("#cy canvas")
    page.wait_for_timeout(400)
    # Some canvas layer has non-background pixels: the nodes were drawn.
    drawn = page.evaluate("""() => Array.from(document.querySelectorAll('#cy canvas')).some(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4 * 7) { if (d[i] > 0) return true; }
        return false; })""")
    assert drawn
    target = page.evaluate("""() => { const m = document.getElementById('cy')._map;
        const n = m.nodes.slice().sort((a, b) => b.d - a.d)[0];
        return {x: n.sx, y: n.sy, label: n.label}; }""")
    box = page.locator("#cy").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    info = page.locator("#node-info")
    info.locator("h3").wait_for()
    assert info.locator("h3").inner_text() == target["label"]
    assert "Cited by" in info.inner_text()
    assert info.locator("blockquote").count() >= 1  # citing passages with paper and page
    page.screenshot(path=str(tmp_path / "network.png"))
    assert page.problems == []


def test_cluster_filter_and_keyboard_node_list(page, report_url):
    _ready(page, report_url + "#/networks/concepts")
    page.wait_for_selector("#cy canvas")
    page.select_option("#net-cluster", "1")  # clusters are numbered from 1
    hidden = page.evaluate("() => document.getElementById('cy')._map.nodes.filter(n => n.hidden).length")
    assert hidden > 0
    page.select_option("#net-cluster", "")
    assert page.locator("#net-debate-wrap").is_visible()
    page.select_option("#net-debate", "Gentrification")
    shown = page.evaluate("() => document.getElementById('cy')._map.nodes.filter(n => !n.hidden).map(n => n.label)")
    assert shown == ["gentrification"]
    first = page.locator("#net-node option").nth(1).get_attribute("value")
    page.select_option("#net-node", first)
    assert page.locator("#node-info h3").inner_text()
    assert page.problems == []


def test_search_finds_a_paper(page, report_url):
    _ready(page, report_url)
    page.fill("#search", "lindqvist assemblages")
    hit = page.locator("#search-results a").first
    assert "Regions as assemblages" in hit.inner_text()
    hit.click()
    page.wait_for_selector("#detail.active h2")
    assert page.locator("#detail h2").inner_text() == "Regions as assemblages"
    assert "Cited in this corpus by" in page.locator("#detail").inner_text()
    assert page.problems == []


def test_hostile_paper_renders_as_text(page, report_url, tmp_path):
    _ready(page, report_url)
    page.fill("#search", "alert")
    page.locator("#search-results a").first.click()
    page.wait_for_selector("#detail.active h2")
    assert page.locator("#detail h2").inner_text() == HOSTILE_TITLE
    assert page.locator("#detail img").count() == 0
    page.screenshot(path=str(tmp_path / "hostile.png"))
    assert page.problems == []  # no alert() dialog, no CSP violation


def test_debate_list_links_focus_a_debate_and_back(page, report_url, tmp_path):
    _ready(page, report_url + "#/debates")
    assert page.locator("#debates").is_visible()
    link = page.locator("nav.toc a", has_text="City regionalism")
    link.focus()
    page.keyboard.press("Enter")  # keyboard only
    page.wait_for_function("location.hash === '#/debates/city-regionalism'")
    # The hash changes at once, the focus when the hashchange event has run: wait for it (a loaded machine
    # read the focus in between and failed).
    page.wait_for_function("document.activeElement && document.activeElement.closest('article') !== null",
                           timeout=5000)
    focused = page.evaluate("document.activeElement.closest('article') && document.activeElement.closest('article').id")
    assert focused == "debate-city-regionalism"
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert top >= page.locator("header.top").bounding_box()["height"]  # not hidden under the sticky header
    art = page.locator("#debate-city-regionalism")
    assert art.locator("svg[role=img] rect.bar").count() >= 1
    assert "Anchor works" in art.inner_text() and "Camp 1:" in art.inner_text()
    page.screenshot(path=str(tmp_path / "debate.png"))
    art.locator("a[href^='#/work/']").first.click()  # an anchor opens its work page
    page.wait_for_selector("#detail.active h2")
    page.go_back()
    page.wait_for_function("location.hash === '#/debates/city-regionalism'")
    page.wait_for_selector("#debates", state="visible", timeout=5000)  # shown when the hashchange has run
    # the concept page links back to the debates it belongs to
    page.goto(report_url + "#/concept/state-rescaling")
    page.wait_for_selector("#detail.active h2")
    page.locator("#detail a", has_text="State rescaling").first.click()
    page.wait_for_function("location.hash === '#/debates/state-rescaling'")
    assert page.problems == []


def test_map_views_render_with_labels(page, report_url, tmp_path):
    """Network (labels without overlaps), density, overlay by year and timeline views; threshold control."""
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_selector("#cy canvas")
    page.wait_for_timeout(300)
    cy = "document.getElementById('cy')._map"
    labels = page.evaluate(f"() => {cy}.labels.map(b => ({{x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2}}))")
    assert len(labels) >= 3
    overlaps = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                if a["x1"] < b["x2"] - 1 and a["x2"] > b["x1"] + 1 and a["y1"] < b["y2"] - 1 and a["y2"] > b["y1"] + 1]
    assert overlaps == []
    page.screenshot(path=str(tmp_path / "map_network.png"))
    page.select_option("#net-mode", "density")
    page.wait_for_timeout(300)
    lit = page.evaluate("""() => { const c = document.getElementById('net-density');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 0; i < d.length; i += 4 * 11) { if (d[i] + d[i + 1] + d[i + 2] < 700) n++; } return n; }""")
    assert lit > 100  # coloured (non-white) density pixels
    page.screenshot(path=str(tmp_path / "map_density.png"))
    page.select_option("#net-mode", "overlay")
    assert page.locator("#net-ramp").is_visible()
    assert page.evaluate(f"() => {cy}.mode") == "overlay"
    page.select_option("#net-mode", "timeline")
    tl = page.locator("#net-timeline svg")
    assert tl.locator("circle").count() >= 3 and tl.locator("text.row-label").count() >= 1
    assert tl.locator("text.tl-label").count() >= 1
    page.screenshot(path=str(tmp_path / "map_timeline.png"))
    page.select_option("#net-mode", "network")
    total = page.evaluate(f"() => {cy}.nodes.filter(n => !n.hidden).length")
    page.fill("#net-min", "3")
    assert page.evaluate(f"() => {cy}.nodes.filter(n => !n.hidden).length") < total
    assert page.problems == []


def test_bursts_panel_or_reason(page, report_url):
    _ready(page, report_url)
    assert page.locator("#h-bursts").is_visible()
    has_bars = page.locator("svg.burstbar").count() > 0
    assert has_bars or "No citation burst was found:" in page.locator("#overview").inner_text()
    assert page.problems == []


def _screenshot(page, tmp_path, name):
    """Screenshots go to LITMAP_SCREENSHOTS when set (to be looked at), else to the test's tmp_path."""
    folder = os.environ.get("LITMAP_SCREENSHOTS") or str(tmp_path)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, name)
    page.screenshot(path=path)
    assert os.path.getsize(path) > 5_000
    return path


CY = "document.getElementById('cy')._map"


def test_cocitation_map_labels_works_in_every_cluster(page, report_url, tmp_path):
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_selector("#cy canvas")
    page.wait_for_timeout(300)
    per_cluster = page.evaluate(f"() => {CY}.nodes.filter(n => !n.hidden).map(n => [n.id, n.big, n.label])")
    clusters = page.evaluate("""() => { const out = {};
        for (const b of document.querySelectorAll('#net-legend button[data-cluster]')) out[b.getAttribute('data-cluster')] = b.innerText;
        return out; }""")
    assert clusters
    # the cluster of each node, read from the page's own data
    cluster_of = page.evaluate("""() => { const d = JSON.parse(document.getElementById('litmap-data').textContent);
        return Object.fromEntries(d.networks.cocitation.nodes.map(n => [n.id, n.cluster])); }""")
    labelled = {}
    for nid, big, label in per_cluster:
        if big == 1 and label:
            labelled.setdefault(str(cluster_of[nid]), []).append(label)
    missing = [clusters[c] for c in clusters if c not in labelled]
    assert missing == [], f"clusters without a labelled work on the map: {missing}"
    # the labels are drawn: a labelled node's label box lies inside the canvas
    box = page.locator("#cy").bounding_box()
    inside = page.evaluate(f"""() => {CY}.labels.filter(b =>
        b.x1 >= 0 && b.y1 >= 0 && b.x2 <= {box['width']} && b.y2 <= {box['height']}).length""")
    assert inside >= len(clusters)
    assert inside == page.evaluate(f"() => {CY}.labels.length")  # no label cut off at an edge of the map
    _screenshot(page, tmp_path, "h20_cocitation_clusters_labelled.png")
    assert page.problems == []


def test_map_zooms_pans_and_taps_with_the_mouse(page, report_url, tmp_path):
    """The canvas map: wheel zooms about the pointer, a drag pans, labels are placed again, a click selects."""
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_function(f"() => {CY} && {CY}.lastDrawMs !== undefined")
    box = page.locator("#cy").bounding_box()
    before = page.evaluate(f"() => [{CY}.k, {CY}.tx, {CY}.ty, {CY}.labels.length]")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(150)
    zoomed = page.evaluate(f"() => [{CY}.k, {CY}.tx, {CY}.ty, {CY}.labels.length]")
    assert zoomed[0] > before[0] * 1.5
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 40, steps=4)
    page.mouse.up()
    page.wait_for_timeout(150)
    panned = page.evaluate(f"() => [{CY}.k, {CY}.tx, {CY}.ty]")
    assert panned[0] == zoomed[0] and abs(panned[1] - zoomed[1] - 80) < 1 and abs(panned[2] - zoomed[2] - 40) < 1
    assert page.locator("#node-info h3").count() == 0  # a drag is not a click
    labels = page.evaluate(f"() => {CY}.labels.map(b => [b.x1, b.y1, b.x2, b.y2])")
    assert labels and not [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                           if a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]]
    target = page.evaluate(f"() => {{ const n = {CY}.labels[0]; const m = {CY}.nodes[n.i]; return [m.sx, m.sy, m.label]; }}")
    page.mouse.click(box["x"] + target[0], box["y"] + target[1])
    page.locator("#node-info h3").wait_for()
    assert page.locator("#node-info h3").inner_text() == target[2]
    _screenshot(page, tmp_path, "h20_map_zoomed_selected.png")
    assert page.problems == []


def test_resizing_the_window_keeps_the_users_zoom_and_pan(page, report_url, tmp_path):
    """A resize used to refit the map, losing the reader's zoom and pan: the view is kept, scaled around its centre;
    a map the reader has not moved is fitted again."""
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_function(f"() => {CY} && {CY}.lastDrawMs !== undefined")
    page.set_viewport_size({"width": 1300, "height": 950})  # not moved yet: fitted again to the new width
    page.wait_for_timeout(200)
    assert page.evaluate(f"() => {CY}.k === {CY}.kfit")
    box = page.locator("#cy").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(150)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3 + 60, box["y"] + box["height"] * 0.4 - 30, steps=4)
    page.mouse.up()
    page.wait_for_timeout(150)
    view = f"() => {{ const m = {CY}; return [m.k / m.kfit, (m.W / 2 - m.tx) / m.k, (m.H / 2 - m.ty) / m.k, m.W, m.k]; }}"
    before = page.evaluate(view)
    assert before[0] > 1.5
    page.set_viewport_size({"width": 1000, "height": 950})
    page.wait_for_timeout(300)
    after = page.evaluate(view)
    assert after[3] < before[3]  # the map did get narrower
    assert abs(after[0] - before[0]) < 1e-6  # the zoom against the fit is kept
    assert abs(after[1] - before[1]) < 1e-6 and abs(after[2] - before[2]) < 1e-6  # the same point sits at the centre
    assert after[4] < before[4]  # scaled with the window
    _screenshot(page, tmp_path, "h20_map_resized_kept.png")
    assert page.problems == []


def test_overlay_colours_works_by_average_citing_year(page, report_url, tmp_path):
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_selector("#cy canvas")
    page.select_option("#net-mode", "overlay")
    page.wait_for_timeout(300)
    assert page.locator("#net-ramp").is_visible()
    lo, hi = page.locator("#net-ramp-lo").inner_text(), page.locator("#net-ramp-hi").inner_text()
    assert lo.isdigit() and hi.isdigit() and int(lo) <= int(hi)
    data = page.evaluate("""() => { const d = JSON.parse(document.getElementById('litmap-data').textContent);
        return d.networks.cocitation.nodes.map(n => [n.id, n.avg_year === undefined || n.avg_year === null ? n.year : n.avg_year]); }""")
    colours = dict(page.evaluate(f"() => {CY}.nodes.map(n => [n.id, {CY}.fillOf(n)])"))
    dated = sorted((y, nid) for nid, y in data if y is not None)
    assert len(dated) >= 2 and dated[0][0] < dated[-1][0]
    # the earliest and the latest works differ in colour, works of one year share it
    assert colours[dated[0][1]] != colours[dated[-1][1]]
    by_year: dict = {}
    for y, nid in dated:
        by_year.setdefault(y, set()).add(colours[nid])
    assert all(len(c) == 1 for c in by_year.values())
    _screenshot(page, tmp_path, "h20_overlay.png")
    page.select_option("#net-mode", "network")
    assert not page.locator("#net-ramp").is_visible()
    assert page.problems == []


def test_timeline_places_works_by_year_in_cluster_rows(page, report_url, tmp_path):
    _ready(page, report_url + "#/networks/cocitation")
    page.wait_for_selector("#cy canvas")
    page.select_option("#net-mode", "timeline")
    svg = page.locator("#net-timeline svg")
    svg.wait_for()
    rows = svg.locator("text.row-label").count()
    assert rows >= 1
    dots = page.evaluate("""() => Array.from(document.querySelectorAll('#net-timeline svg circle')).map(c => +c.getAttribute('cx'))""")
    assert len(dots) >= 3 and max(dots) > min(dots)  # spread over the years
    axis = [t for t in svg.locator("text").all_text_contents() if t.strip().isdigit() and len(t.strip()) == 4]
    assert axis, "the timeline has year ticks"
    assert svg.locator("text.tl-label").count() >= rows  # at least one labelled work per row
    _screenshot(page, tmp_path, "h20_timeline.png")
    assert page.problems == []


def test_concept_chart_over_time_marks_thin_years(page, report_url, tmp_path):
    _ready(page, report_url + "#/concept/state-rescaling")
    page.wait_for_selector("#detail.active h2")
    table = page.locator("#detail table.concept-timeline")
    table.wait_for()
    rows = table.locator("tbody tr")
    assert rows.count() >= 1
    thin = table.locator("tbody tr.thin-year")
    per_year = page.evaluate("() => JSON.parse(document.getElementById('litmap-data').textContent).concepts.papers_per_year")
    years = [r.split("\t")[0].rstrip(" *") for r in rows.all_inner_texts()]
    expected_thin = [y for y in years if (per_year.get(y) or 0) < 3]
    assert thin.count() == len(expected_thin)
    for i in range(thin.count()):
        assert thin.nth(i).locator("td").first.inner_text().endswith("*")
    if expected_thin:
        assert "fewer than 3 corpus papers" in page.locator("#detail").inner_text()
    widths = page.evaluate("() => Array.from(document.querySelectorAll('#detail .share-bar')).map(b => b.getBoundingClientRect().width)")
    assert widths and all(w > 0 for w in widths)  # the bars are sized (CSSOM; the CSP blocks style attributes)
    _screenshot(page, tmp_path, "h20_concept_over_time.png")
    assert page.problems == []


def test_authors_and_themes_tables_render(page, report_url, tmp_path):
    _ready(page, report_url + "#/networks")
    for h in ("#h-productivity", "#h-thematic", "#h-threefield"):
        page.locator(h).scroll_into_view_if_needed()
        assert page.locator(h).is_visible()
    assert page.locator("table.lotka tbody tr").count() >= 1
    assert page.locator("table.productive tbody tr").count() >= 1
    assert page.locator("table.flows").first.locator("tbody tr").count() >= 1
    page.evaluate("document.querySelector('#h-productivity').scrollIntoView()")
    _screenshot(page, tmp_path, "h20_authors_themes.png")
    assert page.problems == []


def test_thematic_map_and_three_field_are_interactive(page, report_url, tmp_path):
    """The thematic map (bubbles by centrality x density, quadrants named, labelled) and the three-field plot
    (authors -> cited works -> concepts) are drawn in the page; pointing at a theme or an item shows its details."""
    _ready(page, report_url + "#/networks")
    science = page.evaluate("() => JSON.parse(document.getElementById('litmap-data').textContent).science")
    assert science.get("three_field"), "the fixture has no three-field plot"
    if science.get("thematic"):
        view = page.locator("#thematic-view")
        view.scroll_into_view_if_needed()
        themes = science["thematic"]["themes"]
        assert view.locator("g.theme circle").count() == len(themes)
        labels = view.locator("text.theme-label").all_text_contents()
        assert sorted(labels) == sorted(t["label"] for t in themes)
        quads = view.locator("text.q-label").all_text_contents()
        assert len(quads) == 4 and any(q.startswith("Motor") for q in quads)
        view.locator("g.theme").first.hover()
        assert view.locator(".sci-info h4").inner_text() in labels
        assert "Concepts:" in view.locator(".sci-info").inner_text()
        _screenshot(page, tmp_path, "h20_thematic_interactive.png")
    if science.get("three_field"):
        view = page.locator("#threefield-view")
        view.scroll_into_view_if_needed()
        nodes = science["three_field"]["nodes"]
        assert view.locator("g.tf-node rect").count() == sum(len(c) for c in nodes)
        assert view.locator("text.tf-label").count() == sum(len(c) for c in nodes)
        assert view.locator("text.field-label").all_text_contents() == science["three_field"]["fields"]
        assert view.locator("g.flows path").count() == len(science["three_field"]["links"])
        view.locator("g.tf-node").first.hover()
        assert view.locator(".sci-info h4").inner_text() == nodes[0][0]["label"]
        assert view.locator("g.flows path.on").count() >= 1
        _screenshot(page, tmp_path, "h20_threefield_interactive.png")
    assert page.problems == []


def test_thematic_map_places_themes_in_their_quadrants(page, report_url, tmp_path):
    """Themes of known centrality and density (put into the page's data) land in their quadrants, labelled."""
    import json
    from urllib.parse import urlparse

    src = urlparse(report_url).path
    html = open(src, encoding="utf-8").read()
    start = html.index('id="litmap-data">') + len('id="litmap-data">')
    end = html.index("</script>", start)
    data = json.loads(html[start:end])
    quads = {"motor": (9.0, 90.0), "niche": (1.0, 80.0), "emerging": (1.5, 10.0), "basic": (8.0, 20.0)}
    from litmap.analyse.sciencemaps.thematic import place_themes

    themes = [{"id": i, "label": f"{q} theme, term", "centrality": c, "density": d, "size": 3 + i,
               "occurrences": 5 + 3 * i, "terms": [f"{q} theme", "term"], "papers": [[1, 2]]}
              for i, (q, (c, d)) in enumerate(quads.items())]
    data["science"]["thematic"] = {
        "splits": place_themes(themes), "documents": 10,
        "quadrant_names": {"motor": "Motor themes", "niche": "Niche themes", "emerging": "Emerging or declining themes",
                           "basic": "Basic themes"},
        "themes": themes,
    }
    from litmap.report.html import safe_json

    page_html = html[:start] + safe_json(data) + html[end:]
    if 'id="thematic-view"' not in page_html:  # the fixture has no thematic map: give the view its place
        head = '<h3 id="h-thematic">Thematic map</h3>'
        page_html = page_html.replace(head, head + '<div id="thematic-view" class="sciview"><div class="sci-canvas">'
                                      '</div><aside class="sci-info"></aside></div>', 1)
    out = os.path.join(os.path.dirname(src), "index_thematic.html")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page_html)
    _ready(page, "file://" + out + "#/networks")
    view = page.locator("#thematic-view")
    view.scroll_into_view_if_needed()
    split = page.evaluate("""() => { const l = document.querySelectorAll('#thematic-view line.split');
        return [+l[0].getAttribute('x1'), +l[1].getAttribute('y1')]; }""")
    spots = page.evaluate("""() => Array.from(document.querySelectorAll('#thematic-view g.theme')).map(g => {
        const c = g.querySelector('circle'); return [g.querySelector('text').textContent, +c.getAttribute('cx'), +c.getAttribute('cy')]; })""")
    assert len(spots) == 4
    for label, x, y in spots:
        q = label.split()[0]
        right, top = x > split[0], y < split[1]  # SVG y grows downwards
        assert (right, top) == {"motor": (True, True), "niche": (False, True), "emerging": (False, False),
                                "basic": (True, False)}[q], label
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#thematic-view text')).map(t => {
        const b = t.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; })""")
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 1 and a[2] > b[0] + 1 and a[1] < b[3] - 1 and a[3] > b[1] + 1]
    assert overlaps == []  # theme labels, quadrant names and axis titles do not overlap
    view.locator("g.theme").nth(2).focus()
    info = view.locator(".sci-info").inner_text()
    assert "Quadrant" in info and "Papers holding most of its concepts" in info
    _screenshot(page, tmp_path, "h20_thematic_quadrants.png")
    assert page.problems == []


def test_three_field_labels_of_thin_bars_do_not_overlap(page, report_url, tmp_path):
    """Authors with one paper each beside works and concepts with many flows (a mixed folder) get bars of a
    pixel or two; each item still takes a label's line, so the labels stay beside their bars, apart."""
    import json
    from urllib.parse import urlparse

    src = urlparse(report_url).path
    html = open(src, encoding="utf-8").read()
    start = html.index('id="litmap-data">') + len('id="litmap-data">')
    end = html.index("</script>", start)
    data = json.loads(html[start:end])
    authors = [f"Author {i}, A." for i in range(8)]
    works = [f"w{i}" for i in range(4)]
    concepts = [f"concept {i}" for i in range(10)]
    links = [[0, a, works[i % 4], 1] for i, a in enumerate(authors)] + [[1, w, c, 5] for w in works for c in concepts]
    data["science"]["three_field"] = {"fields": ["Authors", "Cited works", "Concepts"], "links": links, "nodes": [
        [{"id": x, "label": x, "value": 1} for x in authors], [{"id": x, "label": x, "value": 52} for x in works],
        [{"id": x, "label": x, "value": 20} for x in concepts]]}
    from litmap.report.html import safe_json

    out = os.path.join(os.path.dirname(src), "index_threefield.html")
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(html[:start] + safe_json(data) + html[end:])
    _ready(page, "file://" + out + "#/networks")
    page.locator("#threefield-view").scroll_into_view_if_needed()
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#threefield-view g.tf-node')).map(g => {
        const t = g.querySelector('text').getBBox(), r = g.querySelector('rect').getBBox();
        return [t.x, t.y, t.x + t.width, t.y + t.height, r.y, r.y + r.height]; })""")
    assert len(boxes) == 22
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] - 1 and a[2] > b[0] + 1 and a[1] < b[3] - 1 and a[3] > b[1] + 1]
    assert overlaps == []
    for t0, ty0, t1, ty1, r0, r1 in boxes:  # each label beside its own bar
        assert ty0 - 2 <= (r0 + r1) / 2 <= ty1 + 2
    _screenshot(page, tmp_path, "h32_threefield_thin_bars.png")
    assert page.problems == []
