"""Progress reporting without a UI dependency.

Library code calls a :class:`Progress` callback; only the CLI draws bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional


@dataclass(frozen=True)
class ProgressEvent:
    """One step of work: ``done`` of ``total`` items in ``stage``.

    ``item`` names the file or unit just finished; ``failed`` marks a failure;
    ``pages`` counts pages read with the item (for ingest).
    """

    stage: str
    done: int
    total: int
    item: str = ""
    failed: bool = False
    pages: int = 0
    message: str = ""


Progress = Callable[[ProgressEvent], None]


def no_progress(event: ProgressEvent) -> None:
    """The default callback: ignore progress."""


def resolve(progress: Optional[Progress]) -> Progress:
    return progress if progress is not None else no_progress


#: How each stage is named to people, and what its items are (None: no count shown).
STAGE_LABELS: dict[str, tuple[str, Optional[str]]] = {
    "ingest": ("reading", "files"),
    "pages": ("reading", "pages"),
    "works": ("resolving works", None),
    "passages": ("passages and embedding model", None),  # gathering passages, then loading (or distilling) the model
    "embed": ("embedding", "passages"),
    "cluster": ("topics", None),
    "debates": ("debates", None),
    "networks": ("networks", None),
    "report": ("report", None),
}


def stage_of(event: ProgressEvent) -> str:
    """The stage an event belongs to as people see it; the report's network step is its own stage."""
    if event.stage == "report" and event.message == "networks":
        return "networks"
    return event.stage


def describe(event: ProgressEvent) -> str:
    """``reading 12/48 files``, ``embedding 1,200/3,400 passages``, ``resolving works`` ..."""
    label, unit = STAGE_LABELS.get(stage_of(event), (event.stage, None))
    if unit and event.total:
        return f"{label} {event.done:,}/{event.total:,} {unit}"
    return label


@dataclass(frozen=True)
class StageTime:
    """Wall time and peak memory (resident set of this process, MB) of one stage of a run, and the
    wall time of its named steps (``(step, seconds)`` in the order they first ran; see
    :class:`StageClock`)."""

    stage: str  # as people see it: "reading", "embedding" ...
    seconds: float
    peak_mb: float
    steps: tuple[tuple[str, float], ...] = ()


def is_step_start(event: ProgressEvent) -> bool:
    """A message on an event that is not its stage's last (``done < total``) names the step that
    starts there ("figures and pages"); on the last event it is a result ("11 topics")."""
    return bool(event.message) and event.done < event.total


class StageClock:
    """A progress callback that times each stage (from its first event to the next stage's) and
    samples this process's peak memory within it, passing every event on to ``progress``.

    Within a stage, each named step (:func:`is_step_start`) is timed until the next step starts,
    the stage's last event arrives or the stage ends; time before the first step is in no step.
    A stage keeps its steps only when it has two or more (one would repeat the stage)."""

    def __init__(self, progress: Optional[Progress] = None, sample_every: float = 0.2):
        import threading
        import time

        self._progress = resolve(progress)
        self._time = time.monotonic
        self._lock = threading.Lock()
        self._stage: Optional[str] = None
        self._start = 0.0
        self._peak = 0.0
        self._step: Optional[str] = None
        self._step_start = 0.0
        self._steps: list[tuple[str, float]] = []
        self.stages: list[StageTime] = []
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, args=(sample_every,), daemon=True)
        self._sampler.start()

    def __call__(self, event: ProgressEvent) -> None:
        stage = STAGE_LABELS.get(stage_of(event), (event.stage, None))[0]
        with self._lock:
            if stage != self._stage:
                self._close()
                self._stage, self._start, self._peak = stage, self._time(), _rss_mb()
            if is_step_start(event):
                if event.message != self._step:
                    self._close_step()
                    self._step, self._step_start = event.message, self._time()
            elif event.total and event.done >= event.total:
                self._close_step()
        self._progress(event)

    def _close_step(self) -> None:
        if self._step is not None:
            self._steps.append((self._step, self._time() - self._step_start))
            self._step = None

    def _close(self) -> None:
        if self._stage is not None:
            self._close_step()
            peak = max(self._peak, _rss_mb())
            self.stages.append(StageTime(self._stage, round(self._time() - self._start, 2), round(peak, 1),
                                         merge_steps(self._steps)))
            self._stage, self._steps = None, []

    def _sample(self, every: float) -> None:
        while not self._stop.wait(every):
            with self._lock:
                if self._stage is not None:
                    self._peak = max(self._peak, _rss_mb())

    def finish(self) -> list[StageTime]:
        """Close the last stage and stop sampling; each stage once, in the order it first ran (a
        stage that came back, e.g. the report after its networks, adds its time and peak)."""
        self._stop.set()
        with self._lock:
            self._close()
        return [s if len(s.steps) != 1 else StageTime(s.stage, s.seconds, s.peak_mb)
                for s in merge_stages(self.stages)]


def merge_stages(stages: list[StageTime]) -> list[StageTime]:
    """One entry per stage name: seconds summed, the highest peak, steps merged (:func:`merge_steps`)."""
    merged: dict[str, StageTime] = {}
    for s in stages:
        old = merged.get(s.stage)
        merged[s.stage] = s if old is None else StageTime(
            s.stage, round(old.seconds + s.seconds, 2), max(old.peak_mb, s.peak_mb),
            merge_steps(list(old.steps) + list(s.steps)))
    return list(merged.values())


def merge_steps(steps: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """One entry per step name, in the order each first ran, seconds summed (rounded to 0.01 s)."""
    total: dict[str, float] = {}
    for name, seconds in steps:
        total[name] = total.get(name, 0.0) + seconds
    return tuple((name, round(seconds, 2)) for name, seconds in total.items())


def format_stages(stages: list[StageTime], *, min_step_seconds: float = 0.5) -> str:
    """``reading 13.4 s, topics 12.0 s (reducing and clustering 6.1 s, labels 2.0 s), ...; 60.5 s in
    all``: each stage's wall time, with its steps of at least ``min_step_seconds``."""
    parts = []
    for s in stages:
        steps = [f"{name} {sec:.1f} s" for name, sec in s.steps if sec >= min_step_seconds]
        parts.append(f"{s.stage} {s.seconds:.1f} s" + (f" ({', '.join(steps)})" if steps else ""))
    return ", ".join(parts) + f"; {sum(s.seconds for s in stages):.1f} s in all"


def _rss_mb() -> float:
    """This process's resident memory now in MB (Linux /proc), else its peak so far (getrusage)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes on macOS, KiB elsewhere
    except (ImportError, OSError):
        return 0.0
