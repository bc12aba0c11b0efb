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
