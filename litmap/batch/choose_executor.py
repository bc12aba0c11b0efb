"""Choose where per-file work runs: a local process pool, a Dask cluster, or in-process.

Kept apart from :mod:`litmap.batch.executor` so that the Dask executor can
use the shared outcome helpers without the two modules importing each other.
"""

from __future__ import annotations

import os
from typing import Optional

from litmap.batch.executor import Executor, InlineExecutor, LocalExecutor
from litmap.errors import InputError

__all__ = ["EXECUTORS", "make_executor"]

EXECUTORS = ("local", "dask", "inline")


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
    if kind not in EXECUTORS:
        raise InputError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
    if kind == "dask" or scheduler:
        from litmap.batch.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, jobs or None, timeout, memory_mb=memory_mb)
    if jobs == 0 or kind == "inline":
        return InlineExecutor()
    return LocalExecutor(jobs or (os.cpu_count() or 1), timeout, memory_mb)
