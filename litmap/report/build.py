"""Build a report folder atomically: gather, draw, render, export, rename.

Everything is written into a temporary folder next to ``out_dir`` and then
swapped in with renames, so a crash leaves the old report or the new one,
never a mix.  The previous report's ``data/snapshot.json`` feeds "What
changed".
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, Union

from litmap.errors import InputError
from litmap.progress import Progress, ProgressEvent, resolve

from .settings import ReportSettings, ReportSummary

__all__ = ["build_report"]

log = logging.getLogger(__name__)


def _conn(store_or_conn: Any) -> sqlite3.Connection:
    conn = getattr(store_or_conn, "conn", store_or_conn)
    if not isinstance(conn, sqlite3.Connection):
        raise InputError("build_report needs a litmap Store or an sqlite3 connection to one")
    return conn


def _previous_snapshot(out_dir: Path) -> Optional[dict[str, Any]]:
    path = out_dir / "data" / "snapshot.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def build_report(
    store_or_conn: Any, out_dir: Union[str, os.PathLike[str]], settings: Optional[ReportSettings] = None,
    progress: Optional[Progress] = None,
) -> ReportSummary:
    """Write ``index.html``, ``report.md``, ``figures/*.png`` and ``data/*`` into ``out_dir``."""
    from .data import gather_report_data
    from .html import render_html
    from .markdown import render_markdown

    t0 = time.perf_counter()
    s = settings or ReportSettings()
    report = resolve(progress)
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder: choose another -o DIR")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").exists():
        raise InputError(f"{out} holds other files; point -o at an empty folder or an earlier litmap report")
    out.parent.mkdir(parents=True, exist_ok=True)
    conn = _conn(store_or_conn)
    data = gather_report_data(conn, s, _previous_snapshot(out), progress, store=store_or_conn)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    tmp.chmod(0o755)  # mkdtemp makes it private; a report is meant to be shared
    try:
        report(ProgressEvent("report", 6, 7, message="figures and pages"))
        figures = _figures(data, tmp, s)
        exports = _exports(data, tmp, s)
        (tmp / "report.md").write_text(render_markdown(data, figures), encoding="utf-8")
        (tmp / "index.html").write_text(render_html(data, figures, timestamp=s.timestamp), encoding="utf-8")
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report(ProgressEvent("report", 7, 7, message="done"))
    summary = ReportSummary(
        out_dir=str(out), index=str(out / "index.html"), markdown=str(out / "report.md"),
        figures=tuple(sorted(str(out / f) for f in figures.values())),
        exports=tuple(sorted(str(out / e) for e in exports)), papers=len(data.papers), works=len(data.works),
        sections=data.sections, seconds=round(time.perf_counter() - t0, 2),
    )
    log.info("report with %d papers written to %s in %.1fs", summary.papers, out, summary.seconds)
    return summary


def _figures(data: Any, tmp: Path, s: ReportSettings) -> dict[str, str]:
    if not s.figures:
        return {}
    from .figures import write_figures

    return write_figures(data, tmp / "figures")


def _swap(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames (the old folder is removed last)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _csv(path: Path, head: list[str], rows: Any) -> None:
    from litmap.export.graphs import safe_cell

    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(head)
        for r in rows:
            w.writerow([safe_cell(x) if x is not None else "" for x in r])


def _exports(data: Any, tmp: Path, s: ReportSettings) -> list[str]:
    from litmap.export.graphs import write_graph

    d = tmp / "data"
    d.mkdir()
    written: list[str] = []
    _csv(d / "papers.csv", ["id", "authors", "year", "title", "journal", "doi", "file", "references", "citations",
                            "cited_in_corpus", "top_topic"],
         ([p["id"], "; ".join(p["authors"]), p["year"], p["title"], p["journal"], p["doi"], p["file"],
           len(p["refs"]), p["n_citations"], len(p["cited_in_corpus"]), p["topics"][0][0] if p["topics"] else None]
          for p in data.papers))
    _csv(d / "works.csv", ["id", "label", "first_author", "year", "title", "doi", "corpus_paper", "citing_papers",
                           "citing_sentences"],
         ([w["id"], w["label"], w["author"], w["year"], w["title"], w["doi"], w["paper"], len(w["cited_by"]),
           w["n_contexts"]] for w in sorted(data.works.values(), key=lambda w: (-len(w["cited_by"]), w["id"]))))
    _csv(d / "contexts.csv", ["work", "paper", "page", "section", "sentence"],
         ([c["work"], c["paper"], c["page"], c["section"], c["sentence"]] for c in data.contexts))
    written += ["data/papers.csv", "data/works.csv", "data/contexts.csv"]
    if not data.topics.get("missing"):
        _csv(d / "paper_topics.csv", ["paper", "topic", "share"],
             ([p["id"], t, share] for p in data.papers for t, share in p["topics"]))
        _csv(d / "topics.csv", ["id", "label", "size", "papers", "keywords"],
             ([t["id"], t["label"], t["size"], t["n_papers"], "; ".join(t["keywords"])] for t in data.topics["topics"]))
        written += ["data/paper_topics.csv", "data/topics.csv"]
    if not data.concepts.get("missing"):
        _csv(d / "concepts_by_year.csv", ["year", "concept", "mentions"], data.concepts["by_year"])
        _csv(d / "concepts_by_paper.csv", ["paper", "concept", "mentions"],
             ([pid, c, n] for pid, items in data.concepts["by_paper"].items() for c, n in items))
        written += ["data/concepts_by_year.csv", "data/concepts_by_paper.csv"]
    for name, G in data.graphs.items():
        if G.number_of_nodes() == 0:
            continue
        formats = ("csv", "graphml") if G.number_of_edges() <= s.graphml_max_edges else ("csv",)
        for fmt in formats:
            for p in write_graph(G, d / f"network_{name}.{fmt}", fmt):
                written.append(f"data/{Path(p).name}")
    if data.debates.get("maps"):
        (d / "debates.json").write_text(json.dumps(data.debates["maps"], indent=1, ensure_ascii=False), encoding="utf-8")
        written.append("data/debates.json")
    (d / "snapshot.json").write_text(json.dumps(data.snapshot, indent=1, sort_keys=True), encoding="utf-8")
    written.append("data/snapshot.json")
    return written
