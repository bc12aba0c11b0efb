"""``litmap run``: ingest → parse → works → topics → report, incrementally.

Each stage does only what changed: ingest skips files already stored (by
SHA-256), works are re-resolved only when papers changed, topics assign new
passages to the stored topics (a fresh fit on the first run or on request),
and the report is rebuilt atomically, reusing the concept matches and
citation functions remembered in the store (:mod:`litmap.store.memo`).  The
whole run is recorded in the store's ``runs`` table with its parameters,
package versions and counts.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from litmap.errors import AnalysisError, MissingDependency
from litmap.batch.ingest import IngestSettings, IngestSummary, ingest
from litmap.progress import Progress, ProgressEvent, StageClock, StageTime
from litmap.store.db import Store

__all__ = ["RunSettings", "RunSummary", "run_pipeline"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSettings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    topics: bool = True
    topic_model: str = "minilm-static"
    refit_topics: bool = False
    nr_topics: Optional[int] = None  # `--topics N`: fixed topic count (None: chosen automatically)
    report: bool = True
    report_title: str = "Literature map"
    concept_files: tuple[str, ...] = ()
    # which cited works enter the report's maps (litmap.analyse.networks.selection; None: by corpus size)
    min_citations: Optional[int] = None
    selection: str = "threshold"
    top_per_slice: int = 50
    g_k: float = 25.0
    slice_years: int = 1
    max_items: Optional[int] = 1000  # works in the co-citation map at most, the most cited (None: no cap)
    thesaurus: Optional[str] = None  # `--thesaurus FILE`: corrections applied to the report on every run
    libraries: tuple[str, ...] = ()  # `--library FILE`: the scholar's library, re-applied on every run


@dataclass
class RunSummary:
    run_id: int
    ingest: IngestSummary
    topics: Optional[int] = None
    topic_mode: Optional[str] = None
    report: Optional[str] = None
    notes: list[str] = field(default_factory=list)
    stages: list[StageTime] = field(default_factory=list)  # wall time and peak memory per stage
    library: Optional[dict[str, Any]] = None  # litmap.batch.library.LibraryResult.counts() when --library was given

    def counts(self) -> dict[str, Any]:
        return {**self.ingest.counts(), "topics": self.topics, "topic_mode": self.topic_mode,
                "report": self.report, "notes": self.notes, "library": self.library,
                "stages": [{"stage": s.stage, "seconds": s.seconds, "peak_mb": s.peak_mb,
                            **({"steps": [{"step": n, "seconds": sec} for n, sec in s.steps]} if s.steps else {})}
                           for s in self.stages]}


def run_pipeline(
    paths: Sequence[str],
    store: Store,
    out_dir: Optional[str],
    settings: RunSettings = RunSettings(),
    progress: Optional[Progress] = None,
) -> RunSummary:
    if settings.report and out_dir:  # refuse a wrong -o before hours of ingest, not after
        from litmap.report.build import check_report_folder

        check_report_folder(out_dir, sources=paths, db=store.path)
    params = {"paths": [os.path.abspath(p) for p in paths], "out": out_dir, **_plain(settings)}
    run_id = store.start_run("run", params)
    clock = StageClock(progress)
    progress = clock
    try:
        summary = RunSummary(run_id=run_id, ingest=ingest(list(paths), store, settings.ingest, progress))
        changed = bool(summary.ingest.added or summary.ingest.replaced or summary.ingest.removed)
        if settings.libraries:
            from litmap.batch.library import apply_libraries

            lib = apply_libraries(store, settings.libraries)
            summary.library = lib.counts()
            summary.notes += [f"library: {w}" for w in lib.warnings]
        if settings.topics:
            _topics(store, settings, changed, summary, progress)
        if settings.report and out_dir:
            from litmap.report import ReportSettings, build_report

            progress(ProgressEvent("report", 0, 0))  # the stages before it end here, for its footer
            rs = ReportSettings(title=settings.report_title, extra_concepts=settings.concept_files,
                                run_stages=tuple(clock.stages), current_run={"id": run_id, "counts": summary.counts()},
                                min_cocitations=settings.min_citations, selection=settings.selection,
                                top_per_slice=settings.top_per_slice, g_k=settings.g_k,
                                slice_years=settings.slice_years, max_items=settings.max_items,
                                thesaurus=settings.thesaurus)
            summary.report = build_report(store, out_dir, rs, progress).index
    except BaseException:
        clock.finish()
        store.finish_run(run_id, "interrupted", {})
        raise
    summary.stages = clock.finish()
    store.finish_run(run_id, "ok" if summary.ingest.ok else "failed", summary.counts())
    return summary


def _topics(store: Store, settings: RunSettings, changed: bool, summary: RunSummary,
            progress: Optional[Progress]) -> None:
    from litmap.analyse.topics import load_topic_result
    from litmap.analyse.topics.job import run_topics, topics_settings

    stored = load_topic_result(store.conn)
    if stored is not None and not changed:
        from litmap.store.topics import documents_changed_since_fit

        # Papers read by a `litmap ingest` of their own since the map was made: this run's ingest found
        # nothing new, but the map holds none of their passages.
        changed = documents_changed_since_fit(store.conn)
    # A topic count other than the stored map's (`--topics N`) asks for a refit, as --refit does.
    new_count = stored is not None and settings.nr_topics is not None \
        and stored.settings.get("nr_topics") != settings.nr_topics
    if stored is not None and not changed and not settings.refit_topics and not new_count:
        summary.topics, summary.topic_mode = len(stored.topics), "unchanged"
        return
    # Re-read documents (--reprocess) carry new text: relearn the topics, matching old ids.
    refit = settings.refit_topics or settings.ingest.reprocess or new_count
    mode = "refit" if refit else ("refresh" if stored is not None else "fit")
    try:
        result = run_topics(store, topics_settings(model=settings.topic_model, nr_topics=settings.nr_topics),
                            mode=mode, progress=progress, record=False)
    except (AnalysisError, MissingDependency) as exc:
        # Too small a corpus, or no model: the rest of the run is still useful.
        summary.notes.append(f"topics skipped: {exc}")
        log.warning("topics skipped: %s", exc)
        return
    summary.topics, summary.topic_mode = len(result.topics), mode
    if result.refit_reason:  # a refresh that drifted past its threshold refitted on its own
        summary.topic_mode = "refit (drift)"
        summary.notes.append(f"topics refitted: {result.refit_reason}")
    if result.fallback:
        summary.notes.append(str(result.fallback))


def _plain(settings: RunSettings) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(settings)
