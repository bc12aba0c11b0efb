"""How the command line shows progress: named stages on a terminal, timestamped lines elsewhere.

Library code reports :class:`~litmap.progress.ProgressEvent` s; :func:`progress_display` turns
them into

* on a terminal, a rich progress display with one row per stage
  ("reading 12/48 files", "resolving works", "embedding 1,200/3,400 passages",
  "topics", "networks", "report"), each row ticking off when its stage ends;
* elsewhere (a log file, ``nohup``, CI), plain lines such as
  ``12:04:31 reading 12/48 files (1 failed)``: one when a stage starts and ends,
  and in between every tenth of its items or every 10 seconds, whichever is sooner;
* nothing at all with ``quiet``.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, TextIO

from litmap.progress import STAGE_LABELS, ProgressEvent, describe, stage_of

__all__ = ["progress_display", "LogLines"]


class LogLines:
    """The plain-line progress for output that is not a terminal."""

    def __init__(self, stream: TextIO, every_seconds: float = 10.0, steps: int = 10,
                 clock: Callable[[], float] = time.monotonic):
        self.stream, self.every, self.steps, self.clock = stream, every_seconds, steps, clock
        self.stage: Optional[str] = None
        self.last_text = ""
        self.last_time = 0.0
        self.last_done = 0
        self.failed = 0

    def __call__(self, event: ProgressEvent) -> None:
        stage = stage_of(event)
        counted = bool(event.total) and STAGE_LABELS.get(stage, ("", None))[1] is not None
        label = describe(event)
        text = label if counted or event.message in ("", label) else f"{label}: {event.message}"
        now = self.clock()
        if stage != self.stage:
            self.stage, self.failed, self.last_done = stage, 0, -1
        self.failed += int(event.failed)
        if text == self.last_text:
            return
        if counted and self.last_done >= 0:  # within a counted stage: every tenth, the end, or 10 s
            step = max(1, event.total // self.steps)
            end = event.done >= event.total
            if not end and event.done - self.last_done < step and now - self.last_time < self.every:
                return
        self.last_text, self.last_time, self.last_done = text, now, event.done
        failed = f" ({self.failed} failed)" if self.failed else ""
        print(f"{time.strftime('%H:%M:%S')} {text}{failed}", file=self.stream, flush=True)


@contextmanager
def progress_display(quiet: bool = False, stream: Optional[TextIO] = None) -> Iterator[Optional[Callable[..., None]]]:
    """A progress callback for the duration of a command (None when ``quiet``)."""
    stream = stream or sys.stderr
    if quiet:
        yield None
        return
    if not stream.isatty():
        yield LogLines(stream)
        return
    with _rich(stream) as callback:
        yield callback


@contextmanager
def _rich(stream: TextIO) -> Iterator[Callable[[ProgressEvent], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.fields[failed]}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=stream), transient=False) as bar:
        state: dict[str, Any] = {"stage": None, "task": None, "failed": 0}

        def callback(event: ProgressEvent) -> None:
            stage = stage_of(event)
            if stage != state["stage"]:
                if state["task"] is not None:  # the stage before ends: tick it off at full length
                    task = bar.tasks[-1]
                    bar.update(state["task"], total=task.total or 1, completed=task.total or 1)
                    bar.stop_task(state["task"])
                state["stage"], state["failed"] = stage, 0
                state["task"] = bar.add_task(describe(event), total=event.total or None, failed="")
            state["failed"] += int(event.failed)
            bar.update(state["task"], description=describe(event), completed=event.done,
                       total=event.total or None,
                       failed=f"{state['failed']} failed" if state["failed"] else "")

        try:
            yield callback
        finally:
            if state["task"] is not None:
                task = bar.tasks[-1]
                bar.update(state["task"], total=task.total or 1, completed=task.total or 1)
                bar.stop_task(state["task"])
