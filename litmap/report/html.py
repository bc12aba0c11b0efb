"""``index.html``: one self-contained page with client-side routing.

Why one page: search, filters and the network need the whole paper/work
index in the browser anyway, a single file opens from the file system
with no server, and hash routes (``#/paper/12``, ``#/work/W…``) are
bookmarkable.  The overview, topics, networks (as PNG), concepts and
changes are rendered here with Jinja2, so they read and print without
JavaScript; paper and work pages are built by ``app.js`` from embedded
JSON with DOM text nodes only.

Safety: Jinja2 autoescape for every string; data goes into
``<script type="application/json">`` with ``<``, ``>``, ``&`` escaped as
``\\u003c`` etc. (so ``</script>`` in a title cannot close the element);
a Content-Security-Policy allows only the page's own inline scripts and
style by hash, images from the report folder, and no network at all.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
from importlib import resources
from typing import Any, Sequence

from litmap.report.figures import PALETTE
from litmap.report.sciencemaps import science_json, science_maps
from litmap.report.records import to_json

__all__ = ["render_html", "safe_json"]

_STYLE_ID = "litmap-style"


def safe_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _static(name: str) -> str:
    # One name per joinpath: Traversable takes several only from Python 3.11.
    return resources.files("litmap.report").joinpath("static").joinpath(name).read_text(encoding="utf-8")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _payloads(data: Any, figures: dict[str, str], science: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split the data: ``core`` is parsed at load; ``detail`` (reference lists,
    citing sentences) only when a paper or work page is first opened."""
    core_papers = [
        to_json(p, skip=("refs", "abstract", "warnings")) | {"n_refs": len(p.refs)} for p in data.papers
    ]
    core_works = {wid: to_json(w, skip=("contexts",)) for wid, w in data.works.items()}
    core = {
        "title": data.title, "overview": to_json(data.overview), "papers": core_papers, "works": core_works,
        "topics": data.topics, "networks": data.networks, "concepts": data.concepts,
        "debates": [{"id": m["id"], "label": m["label"], "concepts": m["concepts"]} for m in data.debates.get("maps", [])],
        "figures": figures, "palette": list(PALETTE), "science": science_json(science),
    }
    detail = {
        "papers": {str(p.id): {"refs": [to_json(r) for r in p.refs], "abstract": p.abstract, "warnings": p.warnings}
                   for p in data.papers},
        "works": {wid: [to_json(c) for c in w.contexts] for wid, w in data.works.items() if w.contexts},
    }
    return core, detail


def timeline_bars(timeline: list[dict[str, Any]], width: int = 560, height: int = 120) -> dict[str, Any]:
    """Geometry of a debate's timeline as an inline SVG bar chart (mentions per year).

    Every year between the first and last is a slot, so gaps show; drawn
    server-side so it reads and prints without JavaScript.
    """
    if not timeline:
        return {"bars": [], "width": width, "height": height}
    by_year = {t["year"]: t for t in timeline}
    y0, y1 = min(by_year), max(by_year)
    top = max(t["mentions"] for t in timeline) or 1
    base, label_h = height - 18, 14  # room for year labels under the bars
    slot = width / (y1 - y0 + 1)
    step = max(1, int(round(36 / slot)))  # a year label every `step` slots, so labels never overlap
    bars = []
    for i, year in enumerate(range(y0, y1 + 1)):
        t = by_year.get(year)
        n = t["mentions"] if t else 0
        h = round((base - label_h) * n / top, 1)
        bars.append({
            "year": year, "mentions": n, "papers": t["papers"] if t else 0, "citations": t["citations"] if t else 0,
            "x": round(i * slot + slot * 0.1, 1), "w": round(max(slot * 0.8, 1.0), 1), "y": round(base - h, 1),
            "h": h, "cx": round(i * slot + slot / 2, 1), "label": i % step == 0,
        })
    return {"bars": bars, "width": width, "height": height, "base": base, "top": top}


def render_html(data: Any, figures: dict[str, str], *, timestamp: bool = True, stages: Sequence[Any] = ()) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("litmap.report", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    css = _static("report.css")
    scripts = [_static("netmap.js"), _static("app.js")]  # netmap.js: the canvas network map (no library)
    science = science_maps(data)
    core, detail = _payloads(data, figures, science)
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_sha(s) for s in scripts),
        "style-src " + _sha(css),
        "img-src 'self' data: file:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    papers = {p.id: p for p in data.papers}
    generated = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if timestamp else None
    return env.get_template("index.html.j2").render(
        d=data, papers=papers, works=data.works, figures=figures, csp=csp, css=css, scripts=scripts,
        core_json=safe_json(core), detail_json=safe_json(detail), generated=generated, stages=stages,
        cy_style_id=_STYLE_ID, palette=PALETTE, timeline_bars=timeline_bars,
        debate_labels=data.debates.get("labels", {}), debate_ids={m["id"] for m in data.debates.get("maps", [])},
        science=science,
    )
