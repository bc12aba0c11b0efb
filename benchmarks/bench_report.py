"""Benchmark: report build time and browser load time on a synthetic corpus.

Builds a store of N papers (default 2,000) × R references drawn from a
Zipf-like popularity over a pool of cited works, with citing sentences and
body paragraphs that mention lexicon concepts; then times ``build_report``
and loading ``index.html`` in headless Chromium (Playwright, /usr/bin/chromium):
until the page is ready, and until the co-citation map is drawn.

Works are written straight into the store with known ids (this measures the
report, not work resolution, which bench_ingest covers).

    .venv/bin/python benchmarks/bench_report.py [--papers 2000] [--refs 40] [--works 12000] [--keep DIR]
        [--top-nodes 2000 --max-items 0]  # a 2,000-node co-citation map
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from litmap.models import Author, Citation, CitedWork, Document, Metadata, Paragraph, Reference, Section, Source
from litmap.report import ReportSettings, build_report
from litmap.store.db import Store

WORDS = ("state rescaling", "city-region", "assemblage", "politics of scale", "territory", "governance",
         "urban entrepreneurialism", "gentrification", "neoliberal urbanism", "new state spaces")
FILLER = "the analysis of regional policy shows how institutions change over time in the city".split()
JOURNALS = ("Urban Studies", "Political Geography", "Environment and Planning A", "Regional Studies", "Antipode")


def synthetic_store(path: str, papers: int, refs: int, pool: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    weights = [1.0 / (r + 1) ** 1.1 for r in range(pool)]
    names = [f"Author{i % 3000}" for i in range(pool)]
    years = [1960 + i % 60 for i in range(pool)]
    with Store(path, write=True) as store:
        # works first: refs.work_id and cited.work_id reference them
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO works(id, first_author, year, title, label, data) VALUES (?,?,?,?,?,?)",
                [(f"W{w}", names[w], years[w], f"Work {w}", f"{names[w]} {years[w]}", json.dumps({}))
                 for w in range(pool)],
            )
        for p in range(1, papers + 1):
            cited = list(dict.fromkeys(rng.choices(range(pool), weights=weights, k=refs)))
            year = 1995 + rng.randrange(30)
            ref_list = tuple(
                Reference(i, f"{names[w]}, A. ({years[w]}) Work {w}. Journal.", (Author(names[w], "A."),),
                          year=years[w], title=f"Work {w} on {rng.choice(WORDS)}", type="article")
                for i, w in enumerate(cited)
            )
            paras, cites, parts = [], [], []
            for k in range(12):
                text = " ".join(rng.sample(FILLER, 8)) + f" {rng.choice(WORDS)} and {rng.choice(WORDS)}."
                paras.append(Paragraph(text, 1 + k // 3, 1, "body"))
                parts.append(text)
            for i, w in enumerate(cited):
                s = f"As {names[w]} ({years[w]}) argues, {rng.choice(WORDS)} matters for {rng.choice(WORDS)}."
                cites.append(Citation(f"{names[w]} ({years[w]})", "narrative", 2 + i // 10, "Body", s, i // 4,
                                      (CitedWork((names[w],), years[w], reference=i, confidence=0.9),)))
            doc = Document(
                source=Source(path=f"/synthetic/p{p}.pdf", sha256=f"{p:064x}", pages=20),
                metadata=Metadata(title=f"Paper {p}: {rng.choice(WORDS)} in {rng.choice(JOURNALS)}",
                                  authors=(Author(f"Writer{rng.randrange(1500)}", "B."),), year=year,
                                  journal=rng.choice(JOURNALS)),
                text="\n".join(parts), sections=(Section("Body", "body", 1, 20, ""),),
                paragraphs=tuple(paras), references=ref_list, citations=tuple(cites),
            )
            store.save_document(doc)
            with store.transaction():
                store.conn.executemany("UPDATE refs SET work_id=? WHERE document_id=? AND idx=?",
                                       [(f"W{w}", p, i) for i, w in enumerate(cited)])
                store.conn.executemany("UPDATE cited SET work_id=? WHERE document_id=? AND citation_idx=?",
                                       [(f"W{w}", p, i) for i, w in enumerate(cited)])


def browser_times(index: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run"]
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = b.new_page(viewport={"width": 1300, "height": 950})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t = time.perf_counter()
        page.goto(index.as_uri())
        page.wait_for_selector("html[data-ready='1']", timeout=60_000)
        ready = time.perf_counter() - t
        t = time.perf_counter()
        page.evaluate("location.hash = '#/networks/cocitation'")
        # drawn: the map's first frame (links, nodes and placed labels) is on the canvas
        page.wait_for_function("() => { const m = document.getElementById('cy')._map; "
                               "return m && m.nodes.length > 0 && m.lastDrawMs !== undefined; }", timeout=60_000)
        net = time.perf_counter() - t
        shown = page.evaluate("() => document.getElementById('cy')._map.nodes.length")
        # interactive: a zoom, a pan (each redrawn, labels placed again) and a node tapped, timed in the page
        steps = {}
        for what, js in (("zoom", "m.zoomAt(1.6, 600, 400)"), ("pan", "m.panBy(40, 30)"),
                         ("tap", "m.tap(m.nodes[0].sx, m.nodes[0].sy)")):
            t = time.perf_counter()
            page.evaluate("() => new Promise(done => { const m = document.getElementById('cy')._map; " + js +
                          "; requestAnimationFrame(() => requestAnimationFrame(done)); })")
            if what == "tap":
                page.wait_for_selector("#node-info h3", timeout=10_000)
            steps[what] = time.perf_counter() - t
        interact = sum(steps.values())
        draw_ms = page.evaluate("() => document.getElementById('cy')._map.lastDrawMs")
        t = time.perf_counter()
        page.evaluate("location.hash = '#/paper/1'")
        page.wait_for_selector("#detail.active h2")
        paper = time.perf_counter() - t
        b.close()
    if errors:
        print("browser errors:", *errors, sep="\n  ", file=sys.stderr)
    return {"ready_s": round(ready, 2), "network_s": round(net, 2), "map_nodes": shown,
            "ready_plus_network_s": round(ready + net, 2), "zoom_pan_tap_s": round(interact, 2),
            **{f"{k}_s": round(v, 3) for k, v in steps.items()}, "last_draw_ms": round(draw_ms, 1),
            "first_paper_page_s": round(paper, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=2000)
    ap.add_argument("--refs", type=int, default=40)
    ap.add_argument("--works", type=int, default=12000)
    ap.add_argument("--keep", help="build the store and report under this folder and keep them")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--top-nodes", type=int, default=150, help="nodes drawn in each interactive map (up to 2,000)")
    ap.add_argument("--max-items", type=int, default=1000,
                    help="works in the co-citation map at most (the report's default 1000; 0: no cap)")
    ap.add_argument("--reuse-report", action="store_true",
                    help="with --keep: time the browser on the report already built there (no rebuild)")
    a = ap.parse_args()
    root = Path(a.keep or tempfile.mkdtemp(prefix="litmap-bench-report-"))
    root.mkdir(parents=True, exist_ok=True)
    db = root / "bench.db"
    if not db.exists():
        t = time.perf_counter()
        synthetic_store(str(db), a.papers, a.refs, a.works)
        print(f"store: {a.papers} papers × {a.refs} refs in {time.perf_counter() - t:.1f}s")
    if not (a.reuse_report and (root / "report" / "index.html").exists()):
        with Store(str(db)) as store:
            s = build_report(store, root / "report", ReportSettings(title="Synthetic corpus", top_nodes=a.top_nodes,
                                                                    max_items=a.max_items or None))
        size = (root / "report" / "index.html").stat().st_size / 1e6
        print(f"build_report: {s.seconds:.1f}s; index.html {size:.1f} MB; sections {', '.join(s.sections)}")
    if not a.no_browser:
        if not os.path.exists("/usr/bin/chromium"):
            print("browser: skipped (/usr/bin/chromium missing: apt-get install -y chromium)")
        else:
            print("browser:", browser_times(root / "report" / "index.html"))
    if not a.keep:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
