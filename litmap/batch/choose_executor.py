"""Choose where per-file work runs: a local process pool, a Dask cluster, or in-process.

Kept apart from :mod:`litmap.batch.executor` so that the Dask executor can
use the shared outcome helpers without the two modules importing each other.
:data:`EXECUTORS` is defined here once (the CLI's ``--executor`` choices too),
so this module imports the executors only when one is made: ``litmap --help``
stays instant.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

from litmap.errors import SettingsError

if TYPE_CHECKING:
    from litmap.batch.executor import Executor

__all__ = ["EXECUTORS", "check_executor", "make_executor"]

#: Where per-file work runs (``--executor``).
EXECUTORS: tuple[str, ...] = ("local", "dask", "inline")


def check_executor(kind: str) -> str:
    """``kind`` if it is one of :data:`EXECUTORS`, else :class:`SettingsError`."""
    if kind not in EXECUTORS:
        raise SettingsError.unknown("executor", kind, EXECUTORS)
    return kind


def make_executor(
    jobs: Optional[int],
    timeout: float,
    memory_mb: int = 4096,
    *,
    kind: str = "local",
    scheduler: Optional[str] = None,
) -> Executor:
    """``jobs`` None → one worker per core; 0 → inline.

    ``kind="dask"`` (or any ``scheduler`` address) runs tasks on Dask: on the
    cluster at ``scheduler``, else on a LocalCluster of ``jobs`` workers.
    """
    from litmap.batch.executor import InlineExecutor, LocalExecutor

    check_executor(kind)
    if kind == "dask" or scheduler:
        from litmap.batch.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, jobs or None, timeout, memory_mb=memory_mb)
    if jobs == 0 or kind == "inline":
        return InlineExecutor()
    return LocalExecutor(jobs or (os.cpu_count() or 1), timeout, memory_mb)
