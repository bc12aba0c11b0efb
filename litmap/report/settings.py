"""Report settings and summary records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from litmap.errors import InputError

__all__ = ["ReportSettings", "ReportSummary"]


@dataclass(frozen=True)
class ReportSettings:
    """How a report is built.

    ``top_nodes`` caps each interactive network (the full graphs go to
    ``data/``); ``contexts_per_work`` caps the citing sentences embedded per
    work (all of them are in ``data/contexts.csv``); ``figures`` turns the
    matplotlib PNGs off (faster, no matplotlib needed); ``concepts`` is an
    optional extra concept lexicon YAML merged on top of the default one.
    """

    title: str = "Literature map"
    top_nodes: int = 150
    top_table: int = 20
    contexts_per_work: int = 20
    figures: bool = True
    concepts: Optional[str] = None
    seed: int = 42
    timestamp: bool = True  # False keeps index.html byte-identical across builds (tests)
    run_stages: tuple[Any, ...] = ()  # litmap.progress.StageTime of the run's stages before the report (footer)
    # The run building this report, {"id": N, "counts": {...}} (litmap.pipeline), so "what changed" counts it
    current_run: Optional[dict[str, Any]] = None
    extra_concepts: tuple[str, ...] = field(default_factory=tuple)
    classify_top_works: int = 300  # citation function for the sentences of the most cited works only (rules cost ~1 ms each)
    edges_per_node: int = 40  # co-citation/coupling links above this many per node: weakest left out
    min_cocitations: Optional[int] = None  # None: selection.default_min_count(papers) (2 for 10-316 papers)
    selection: str = "threshold"  # threshold | top | g-index: CiteSpace's per-slice selection of cited works
    top_per_slice: int = 50  # works per time slice for selection="top"
    g_k: float = 25.0  # g-index scale for selection="g-index"
    slice_years: int = 1  # years per time slice
    max_items: Optional[int] = 1000  # works in the co-citation map at most, the most cited (VOSviewer's default)
    debate_min_mentions: int = 2  # concept mentions a paper needs to count as engaging a debate
    debate_quotes: int = 2  # quotes shown per debate anchor
    graphml_max_edges: int = 50_000  # larger full graphs are exported as CSV only (GraphML is slow and huge)
    thesaurus: Optional[str] = None  # the scholar's corrections (litmap.analyse.thesaurus), read on every build

    def __post_init__(self) -> None:
        if not 10 <= self.top_nodes <= 2000:
            raise InputError("top_nodes must be between 10 and 2000 (a browser stays responsive up to ~2000 nodes)")
        if self.top_table < 1:
            raise InputError("top_table must be at least 1")
        if self.min_cocitations is not None and self.min_cocitations < 1:
            raise InputError("min_cocitations must be at least 1")
        from litmap.analyse.networks.selection import Selection

        Selection(self.selection, self.min_cocitations, self.top_per_slice, self.g_k, self.slice_years,
                  self.max_items)  # validates
        if self.edges_per_node < 1:
            raise InputError("edges_per_node must be at least 1")
        if self.debate_min_mentions < 1:
            raise InputError("debate_min_mentions must be at least 1")
        if self.debate_quotes < 0:
            raise InputError("debate_quotes must be 0 or more")
        if self.contexts_per_work < 1:
            raise InputError("contexts_per_work must be at least 1")


@dataclass(frozen=True)
class ReportSummary:
    """What :func:`litmap.report.build_report` wrote."""

    out_dir: str
    index: str
    markdown: str
    figures: tuple[str, ...]
    exports: tuple[str, ...]
    papers: int
    works: int
    sections: tuple[str, ...]  # sections with data (others say what is missing and how to fill it)
    seconds: float
