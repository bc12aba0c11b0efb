"""Static figures for papers and slides (matplotlib, Agg backend), PNG and SVG.

Each function writes one figure (``name.png`` and ``name.svg``) and returns
whether it drew anything.  Networks are drawn from the same pruned, laid-out
views the page shows, so the figure and the interactive map agree.  Labels
are placed greedily as on the page (:func:`_place_labels`: largest first,
cluster leaders before the rest, each tried above, below, right and left of
its node, dropped when every place overlaps a label already placed), so no
two labels overlap.  ``timeline_cocitation`` is CiteSpace's timeline view:
clusters as rows, works at their publication year, co-citation links.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Callable

from litmap.util.files import write_error

from litmap.report.records import ReportOverview

__all__ = ["write_figures", "PALETTE"]

log = logging.getLogger(__name__)

#: Colour-blind-safe qualitative palette (Okabe–Ito, then Tol's muted); shared with the page.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
    "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)
_OTHER = "#9a9a9a"


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    # the SVG's clip-path ids are hashes salted with a random uuid unless a salt is set: a fixed one makes
    # the same figure the same file, so a refreshed report differs only where the data did
    matplotlib.rcParams["svg.hashsalt"] = "litmap"
    import matplotlib.pyplot as plt

    return plt


def colour(cluster: int) -> str:
    return PALETTE[(cluster - 1) % len(PALETTE)] if cluster > 0 else _OTHER  # clusters from 1; 0: none


def write_figures(data: Any, out: Path) -> dict[str, str]:
    """All figures into ``out`` (``figures/``); returns ``{name: relative path}``."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    jobs: list[tuple[str, Callable[[Path], Any]]] = [("years", lambda p: _years(data.overview, p))]
    if not data.topics.get("missing"):
        jobs.append(("topics_over_time", lambda p: _topics_over_time(data.topics, p)))
    if not data.concepts.get("missing"):
        jobs.append(("concepts_over_time", lambda p: _concepts_over_time(data.concepts, p)))
        jobs.append(("thematic_map", lambda p: _thematic_map(data, p)))
        jobs.append(("three_field", lambda p: _three_field(data, p)))
    for name, view in data.networks.items():
        if not view.get("missing"):
            jobs.append((f"network_{name}", functools.partial(_network, view)))
    cocit = data.networks.get("cocitation") or {}
    if not cocit.get("missing") and cocit.get("nodes"):
        jobs.append(("timeline_cocitation", functools.partial(_timeline, cocit)))
    for name, draw in jobs:
        path = out / f"{name}.png"
        try:
            if draw(path):
                made[name] = f"figures/{name}.png"
        except Exception as exc:  # a figure must never sink the whole report
            if isinstance(exc, OSError) and write_error(exc, out, within=(out,)) is not None:
                raise  # but a full or read-only disk stops it, with one message (see build_report)
            log.exception("could not draw figure %s", name)
    return made


def _save(fig: Any, path: Path) -> bool:
    """``path`` (PNG) and the same figure as SVG beside it (vector, for papers)."""
    fig.savefig(path, dpi=150, bbox_inches="tight", metadata={"Software": None})
    fig.savefig(path.with_suffix(".svg"), bbox_inches="tight", metadata={"Date": None, "Creator": None})
    _plt().close(fig)
    return True


def _overlaps(a: Any, b: Any, pad: float = 1.0) -> bool:
    return not (a.x1 + pad < b.x0 or b.x1 + pad < a.x0 or a.y1 + pad < b.y0 or b.y1 + pad < a.y0)


def _place_labels(fig: Any, ax: Any, items: list[tuple[float, float, str]], fontsize: float = 6.5,
                  radius: float = 5.0) -> list[Any]:
    """Labels at ``(x, y, text)`` in order of priority, none overlapping another: each is tried above,
    below, right and left of its point (``radius`` points away) and left out when all four collide."""
    renderer = fig.canvas.get_renderer()
    placed: list[Any] = []
    texts = []
    tries = (((0, radius), "center", "bottom"), ((0, -radius), "center", "top"),
             ((radius, 0), "left", "center"), ((-radius, 0), "right", "center"))
    for x, y, label in items:
        for offset, ha, va in tries:
            t = ax.annotate(label, (x, y), xytext=offset, textcoords="offset points", fontsize=fontsize, ha=ha,
                            va=va, zorder=3, bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                                                   "alpha": 0.7})
            box = t.get_window_extent(renderer)
            if any(_overlaps(box, b) for b in placed):
                t.remove()
                continue
            placed.append(box)
            texts.append(t)
            break
    return texts


def _years(overview: ReportOverview, path: Path) -> bool:
    years = overview.years
    if not years:
        return False
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 2.6))
    ax.bar([y for y, _ in years], [n for _, n in years], color=PALETTE[0], width=0.8)
    ax.set_xlabel("Publication year")
    ax.set_ylabel("Papers")
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _save(fig, path)


THIN_YEAR = 3  # years with fewer corpus papers are marked in charts over time (one paper makes a spike)


WINDOW = 3  # years in the rolling window of charts over time (centred): most years of a small corpus hold one paper


def rolling_per_paper(years: list[int], counts: dict[int, float], papers: dict[int, int],
                      window: int = WINDOW) -> list[tuple[int, float, int]]:
    """``(year, value, papers)`` for each year from the first to the last: the counts of the ``window`` years
    centred on it divided by the corpus papers of those years, and how many papers that is; years whose window
    holds no paper are left out.  One paper no longer makes a spike of its own, its neighbours weigh in."""
    if not years:
        return []
    half = window // 2
    out = []
    for y in range(min(years), max(years) + 1):
        span = range(y - half, y + half + 1)
        n = sum(papers.get(x, 0) for x in span)
        if n:
            out.append((y, sum(counts.get(x, 0.0) for x in span) / n, n))
    return out


def _per_paper_panels(plt: Any, years: list[int], series: list[tuple[str, dict[int, float]]],
                      papers: dict[int, int], ylabel: str) -> Any:
    """Small multiples, one panel per series (no lines crossing), of a rolling ``WINDOW``-year value per paper;
    stretches whose window holds fewer than THIN_YEAR papers are drawn hollow and shaded, each year's own
    value per paper a faint dot (hollow where the year holds fewer than THIN_YEAR papers)."""
    cols = 2 if len(series) > 3 else 1
    rows = (len(series) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(8, 0.4 + 1.25 * rows), sharex=True, sharey=True, squeeze=False)
    for k, (label, counts) in enumerate(series):
        ax = axes[k // cols][k % cols]
        c = PALETTE[k % len(PALETTE)]
        roll = rolling_per_paper(years, counts, papers)
        got = {y: v for y, v, _ in roll}  # a year whose window holds no paper breaks the line
        xs = list(range(min(years), max(years) + 1))
        vs = [got.get(y, float("nan")) for y in xs]
        for y, _, n in roll:
            if n < THIN_YEAR:
                ax.axvspan(y - 0.5, y + 0.5, color="#f0f0f0", zorder=0, lw=0)
        ax.fill_between(xs, vs, color=c, alpha=0.25, lw=0, zorder=1)
        ax.plot(xs, vs, lw=1.4, color=c, zorder=2)
        own = [(y, counts.get(y, 0.0) / papers[y]) for y in years if papers.get(y)]
        ax.scatter([y for y, _ in own if papers[y] >= THIN_YEAR], [v for y, v in own if papers[y] >= THIN_YEAR],
                   s=6, color=c, alpha=0.6, zorder=3, lw=0)
        ax.scatter([y for y, _ in own if papers[y] < THIN_YEAR], [v for y, v in own if papers[y] < THIN_YEAR],
                   s=7, facecolors="none", edgecolors=c, alpha=0.5, zorder=3, lw=0.6)
        ax.set_title(label, fontsize=7.5, loc="left", pad=2)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=7)
        ax.xaxis.get_major_locator().set_params(integer=True)
    for k in range(len(series), rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    fig.supxlabel(f"Publication year ({WINDOW}-year rolling window over the corpus papers; shaded: fewer than "
                  f"{THIN_YEAR} papers in the window; dots: each year on its own, hollow under {THIN_YEAR} papers)",
                  fontsize=7.5)
    fig.supylabel(ylabel, fontsize=8)
    fig.tight_layout()
    return fig


def _papers_per_year(section: dict[str, Any]) -> dict[int, int]:
    return {int(y): int(n) for y, n in (section.get("papers_per_year") or {}).items()}


def _topics_over_time(topics: dict[str, Any], path: Path, top: int = 8) -> bool:
    """Topic passages per corpus paper, in a rolling window of years, one panel per topic, thin years marked."""
    rows = topics.get("over_time") or []
    if not rows:
        return False
    plt = _plt()
    labels = {t["id"]: t["label"] for t in topics["topics"]}
    order = [t["id"] for t in topics["topics"]][:top]
    years = sorted({y for _, y, _ in rows})
    papers = _papers_per_year(topics) or {y: 1 for y in years}
    series = [(_short(labels.get(t, str(t)), 60),
               {y: float(sum(n for tt, yy, n in rows if tt == t and yy == y)) for y in years}) for t in order]
    return _save(_per_paper_panels(plt, years, series, papers, "Topic passages per paper"), path)


def _concepts_over_time(concepts: dict[str, Any], path: Path, top: int = 8) -> bool:
    """Concept timeline: share of papers mentioning the concept in a rolling window of years, one panel each."""
    rows = [r for r in concepts.get("by_year") or [] if len(r) >= 4]
    papers = _papers_per_year(concepts)
    if not rows or not papers:
        return False
    plt = _plt()
    order = [c["id"] for c in concepts.get("concepts") or []][:top]
    labels = {c["id"]: c["label"] for c in concepts.get("concepts") or []}
    years = sorted(papers)
    got = {(r[0], r[1]): r[3] for r in rows}
    series = [(_short(labels.get(c, c), 60), {y: 100.0 * got.get((y, c), 0) for y in years}) for c in order]
    return _save(_per_paper_panels(plt, years, series, papers, "Papers mentioning it (%)"), path)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _network(view: dict[str, Any], path: Path, labels: int = 25) -> bool:
    nodes = view.get("nodes") or []
    if not nodes:
        return False
    plt = _plt()
    pos = {n["id"]: (n["x"], -n["y"]) for n in nodes}
    fig, ax = plt.subplots(figsize=(8, 6.5))
    wmax = max((w for _, _, w in view["edges"]), default=1) or 1
    drawn = [(pos[u], pos[v], w) for u, v, w in view["edges"] if u in pos and v in pos]
    if drawn:
        from matplotlib.collections import LineCollection

        # One collection, not one Line2D per link: drawing ~1,000 lines one by one was most of the figure time.
        ax.add_collection(LineCollection([(a, b) for a, b, _ in drawn], colors="#b0b0b0", alpha=0.5, zorder=1,
                                         linewidths=[0.3 + 1.5 * w / wmax for _, _, w in drawn]))
    smax = max((n["size"] for n in nodes), default=1) or 1
    ax.scatter([pos[n["id"]][0] for n in nodes], [pos[n["id"]][1] for n in nodes],
               s=[20 + 280 * (n["size"] / smax) for n in nodes], c=[colour(n["cluster"]) for n in nodes],
               edgecolors="white", linewidths=0.6, zorder=2)
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=colour(c["id"]), label=_short(f"{c['id']}: {c['label']}", 45))
        for c in view["clusters"][:10] if c["shown"]
    ]
    if handles:
        ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(view["title"], fontsize=10)
    ax.set_axis_off()
    ax.autoscale_view()
    _place_labels(fig, ax, [(pos[n["id"]][0], pos[n["id"]][1], _short(n["label"], 28)) for n in _label_order(nodes)[:labels]])
    return _save(fig, path)


def _label_order(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each cluster's largest node first (so every cluster is named), then the rest by size."""
    ranked = sorted(nodes, key=lambda n: (-n["size"], n["id"]))
    leaders: dict[int, dict[str, Any]] = {}
    for n in ranked:
        leaders.setdefault(n["cluster"], n)
    first = [n for n in ranked if leaders.get(n["cluster"]) is n and n["cluster"] > 0]
    return first + [n for n in ranked if n not in first]


def _timeline(view: dict[str, Any], path: Path, rows: int = 10, per_row: int = 4) -> bool:
    """CiteSpace's timeline: one row per cluster (largest first), works at their publication year, links."""
    nodes = [n for n in view.get("nodes") or [] if n.get("year") and n["cluster"] > 0]
    clusters = [c for c in view.get("clusters") or [] if c.get("shown")][:rows]
    row_of = {c["id"]: i for i, c in enumerate(clusters)}
    nodes = [n for n in nodes if n["cluster"] in row_of]
    if not nodes:
        return False
    plt = _plt()
    import math

    pos = {n["id"]: (float(n["year"]), float(row_of[n["cluster"]])) for n in nodes}
    fig, ax = plt.subplots(figsize=(9, 0.7 * len(clusters) + 1.2))
    for u, v, _ in view.get("edges") or []:
        if u in pos and v in pos:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            if y0 == y1:  # an arc above the row, as CiteSpace draws links within a cluster
                xs = [x0 + (x1 - x0) * t / 20 for t in range(21)]
                ax.plot(xs, [y0 - 0.25 * math.sin(math.pi * t / 20) for t in range(21)], color="#c8c8c8", lw=0.4,
                        zorder=1)
            else:
                ax.plot([x0, x1], [y0, y1], color="#e2e2e2", lw=0.3, zorder=0)
    smax = max(n["size"] for n in nodes) or 1
    ax.scatter([pos[n["id"]][0] for n in nodes], [pos[n["id"]][1] for n in nodes],
               s=[10 + 160 * n["size"] / smax for n in nodes], c=[colour(n["cluster"]) for n in nodes],
               edgecolors="white", linewidths=0.5, zorder=2)
    years = [p[0] for p in pos.values()]
    ax.set_xlim(min(years) - 1, max(years) + 1)
    ax.set_ylim(len(clusters) - 0.4, -0.7)
    ax.set_yticks(range(len(clusters)), [_short(f"#{c['id']} {c['label']}", 38) for c in clusters], fontsize=7)
    for i, c in enumerate(clusters):
        ax.axhline(i, color="#f0f0f0", lw=0.6, zorder=0)
    ax.set_xlabel("Publication year of the cited work")
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title("Co-citation timeline (clusters by publication year)", fontsize=10)
    best: list[dict[str, Any]] = []
    for c in clusters:
        best += sorted((n for n in nodes if n["cluster"] == c["id"]), key=lambda n: (-n["size"], n["id"]))[:per_row]
    best.sort(key=lambda n: (-n["size"], n["id"]))
    _place_labels(fig, ax, [(pos[n["id"]][0], pos[n["id"]][1], _short(n["label"], 24)) for n in best], fontsize=6,
                  radius=4)
    return _save(fig, path)


def _concept_docs(data: Any) -> tuple[dict[int, list[str]], dict[str, str]]:
    by_paper = data.concepts.get("by_paper") or {}
    labels = {c["id"]: c["label"] for c in data.concepts.get("concepts") or []}
    return {int(pid): [c for c, _ in items] for pid, items in by_paper.items()}, labels


_QUADRANT_COLOURS = {"motor": "#D55E00", "niche": "#009E73", "emerging": "#999999", "basic": "#0072B2"}


def _thematic_map(data: Any, path: Path) -> bool:
    """bibliometrix's thematic map of the concept clusters (:mod:`litmap.analyse.sciencemaps.thematic`)."""
    from litmap.analyse.sciencemaps.thematic import QUADRANTS, thematic_map

    docs, labels = _concept_docs(data)
    got = thematic_map(docs, labels=labels)
    themes = got["themes"]
    if len(themes) < 2:
        return False
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 6))
    smax = max(t["size"] for t in themes) or 1
    # placed by rank (1 = lowest) as bibliometrix, so a few themes spread evenly; the lines are the means, ranked
    ax.scatter([t["rank_centrality"] for t in themes], [t["rank_density"] for t in themes],
               s=[150 + 1500 * t["size"] / smax for t in themes], alpha=0.55,
               c=[_QUADRANT_COLOURS[t["quadrant"]] for t in themes], edgecolors="white", zorder=2)
    ax.axvline(got["splits"]["centrality"], color="#888", lw=0.8, ls="--", zorder=1)
    ax.axhline(got["splits"]["density"], color="#888", lw=0.8, ls="--", zorder=1)
    for x, y, ha, va, q in ((0.99, 0.99, "right", "top", "motor"), (0.01, 0.99, "left", "top", "niche"),
                            (0.01, 0.01, "left", "bottom", "emerging"), (0.99, 0.01, "right", "bottom", "basic")):
        ax.text(x, y, QUADRANTS[q].split(":")[0], transform=ax.transAxes, ha=ha, va=va, fontsize=8,
                color=_QUADRANT_COLOURS[q], style="italic")
    n = got["splits"]["ranks"]
    ax.set_xlabel("Callon centrality, rank (relevance: links to other themes) →")
    ax.set_ylabel("Callon density, rank (development: links within the theme) →")
    ax.set_title(f"Thematic map of {len(themes)} concept clusters ({got['documents']} papers)\n"
                 "placed by rank (as bibliometrix); dashed lines: the mean of all themes", fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    pad = 0.6 + 0.08 * n  # room for the bubbles and the corner names
    ax.set_xlim(1 - pad, n + pad)
    ax.set_ylim(1 - pad, n + pad)
    ax.set_xticks([])
    ax.set_yticks([])
    _place_labels(fig, ax, [(t["rank_centrality"], t["rank_density"], _short(t["label"], 36))
                            for t in sorted(themes, key=lambda t: -t["size"])], fontsize=7, radius=3)
    return _save(fig, path)


def _three_field(data: Any, path: Path, top: int = 12) -> bool:
    """Three-field plot: authors -> cited works -> concepts (:mod:`litmap.analyse.sciencemaps.threefield`)."""
    from litmap.analyse.sciencemaps.threefield import three_fields

    concepts, concept_labels = _concept_docs(data)
    authors = {p.id: list(p.authors) for p in data.papers}
    cited: dict[int, list[str]] = {}
    for wid, w in data.works.items():
        for pid in w.cited_by:
            cited.setdefault(pid, []).append(wid)
    got = three_fields(authors, cited, concepts, top=top,
                       labels={"Cited works": {k: w.label for k, w in data.works.items()}, "Concepts": concept_labels})
    if not all(got["nodes"]) or not got["links"]:
        return False
    plt = _plt()
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    fig, ax = plt.subplots(figsize=(10, 6.5))
    gap = 0.012
    place: list[dict[str, tuple[float, float]]] = []  # field -> item -> (top y, height per paper)
    for k, nodes in enumerate(got["nodes"]):
        total = sum(n["value"] for n in nodes) or 1
        scale = (1 - gap * (len(nodes) - 1)) / total
        y = 1.0
        spans: dict[str, tuple[float, float]] = {}
        for n in nodes:
            h = n["value"] * scale
            spans[n["id"]] = (y - h, y)
            ax.add_patch(plt.Rectangle((k - 0.02, y - h), 0.04, h, color=PALETTE[k], zorder=2))
            ax.text(k + (-0.04 if k == 0 else 0.04), y - h / 2, _short(n["label"], 26), fontsize=7, va="center",
                    ha="right" if k == 0 else "left", zorder=3)
            y -= h + gap
        place.append({i: (top_y, scale) for i, (_, top_y) in spans.items()})
    out_at = [{i: v[0] for i, v in place[k].items()} for k in range(3)]
    in_at = [{i: v[0] for i, v in place[k].items()} for k in range(3)]
    for k, a, b, n in got["links"]:
        if a not in place[k] or b not in place[k + 1]:
            continue
        h0 = n * place[k][a][1]
        h1 = n * place[k + 1][b][1]
        y0, y1 = out_at[k][a], in_at[k + 1][b]
        out_at[k][a] -= h0
        in_at[k + 1][b] -= h1
        x0, x1 = k + 0.02, k + 0.98
        verts = [(x0, y0), (k + 0.5, y0), (k + 0.5, y1), (x1, y1), (x1, y1 - h1), (k + 0.5, y1 - h1),
                 (k + 0.5, y0 - h0), (x0, y0 - h0), (x0, y0)]
        codes = [MPath.MOVETO, MPath.CURVE4, MPath.CURVE4, MPath.CURVE4, MPath.LINETO, MPath.CURVE4, MPath.CURVE4,
                 MPath.CURVE4, MPath.CLOSEPOLY]
        ax.add_patch(PathPatch(MPath(verts, codes), fc=PALETTE[k], alpha=0.25, lw=0, zorder=1))
    for k, name in enumerate(got["fields"]):
        ax.text(k, 1.03, name, ha="center", fontsize=9, weight="bold")
    ax.set_xlim(-0.6, 2.6)
    ax.set_ylim(-0.02, 1.07)
    ax.set_axis_off()
    ax.set_title("Three-field plot: flows are corpus papers", fontsize=10, y=1.04)
    return _save(fig, path)
