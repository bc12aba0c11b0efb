"""Static PNG figures for papers and slides (matplotlib, Agg backend).

Each function writes one file and returns its path, or None when there is
nothing to draw.  Networks are drawn from the same pruned, laid-out views
the page shows, so the PNG and the interactive map agree.
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
    import matplotlib.pyplot as plt

    return plt


def colour(cluster: int) -> str:
    return PALETTE[cluster % len(PALETTE)] if cluster >= 0 else _OTHER


def write_figures(data: Any, out: Path) -> dict[str, str]:
    """All figures into ``out`` (``figures/``); returns ``{name: relative path}``."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    jobs: list[tuple[str, Callable[[Path], Any]]] = [("years", lambda p: _years(data.overview, p))]
    if not data.topics.get("missing"):
        jobs.append(("topics_over_time", lambda p: _topics_over_time(data.topics, p)))
    for name, view in data.networks.items():
        if not view.get("missing"):
            jobs.append((f"network_{name}", functools.partial(_network, view)))
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
    fig.savefig(path, dpi=150, bbox_inches="tight", metadata={"Software": None})
    _plt().close(fig)
    return True


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


def _topics_over_time(topics: dict[str, Any], path: Path, top: int = 8) -> bool:
    rows = topics.get("over_time") or []
    if not rows:
        return False
    plt = _plt()
    labels = {t["id"]: t["label"] for t in topics["topics"]}
    order = [t["id"] for t in topics["topics"]][:top]
    years = sorted({y for _, y, _ in rows})
    total = {y: sum(n for _, yy, n in rows if yy == y) for y in years}
    fig, ax = plt.subplots(figsize=(8, 3.6))
    for i, t in enumerate(order):
        share = [100.0 * sum(n for tt, yy, n in rows if tt == t and yy == y) / (total[y] or 1) for y in years]
        ax.plot(years, share, marker="o", ms=3, lw=1.6, color=PALETTE[i % len(PALETTE)],
                label=_short(labels.get(t, str(t)), 40))
    ax.set_xlabel("Publication year")
    ax.set_ylabel("Share of passages (%)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=7, frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return _save(fig, path)


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
    for n in sorted(nodes, key=lambda n: (-n["size"], n["id"]))[:labels]:
        x, y = pos[n["id"]]
        ax.annotate(_short(n["label"], 28), (x, y), fontsize=6.5, ha="center", va="bottom",
                    xytext=(0, 5), textcoords="offset points", zorder=3)
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=colour(c["id"]), label=_short(f"{c['id'] + 1}: {c['label']}", 45))
        for c in view["clusters"][:10] if c["shown"]
    ]
    if handles:
        ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(view["title"], fontsize=10)
    ax.set_axis_off()
    return _save(fig, path)
