"""Run per-file tasks on a Dask distributed cluster.

The coordinating process (the one holding the store's writer lock) submits
tasks and stores results as they come back; workers never touch the store.
Only a bounded window of tasks is in flight, so a 100,000-file archive never
has 100,000 futures (or their Documents) alive at once.

Per-task time limit: a Dask worker cannot kill a task running in one of its
threads, so each Dask worker runs its tasks in a one-process pebble pool of its
own (forked once, reused).  A task past the limit has that process killed and
comes back as a one-line timeout failure; the pool starts a fresh process and
the Dask worker takes the next task.  The same pool applies the per-worker
memory cap.  If a whole Dask worker dies (node lost, OOM killer), Dask re-runs
its tasks elsewhere and, after repeated deaths, reports the task as failed.

``dask[distributed]`` is an optional extra (``pip install litmap[cluster]``)
and is imported only when this executor is chosen.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from typing import Any, Callable, Iterator, Optional, Sequence

from litmap.errors import InputError
from litmap.batch.executor import Outcome, _outcome, in_flight

__all__ = ["DaskExecutor"]

log = logging.getLogger(__name__)

_POOL: Any = None  # one pebble pool per Dask worker process
_POOL_LOCK = threading.Lock()


def _worker_pool(memory_bytes: int) -> Any:
    """The calling Dask worker's own one-process pool (created on first use)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or not _POOL.active:
            import atexit

            from pebble import ProcessPool

            from litmap.batch.executor import limit_memory

            _POOL = ProcessPool(max_workers=1, initializer=limit_memory, initargs=(memory_bytes,))
            atexit.register(_POOL.stop)
        return _POOL


def _call_pickled(fn: Callable[[Any], Any], arg: Any) -> bytes:
    """Runs in the pool child: the result leaves as bytes, so the Dask worker
    forwards it without unpickling and pickling the Document a second time."""
    import pickle

    return pickle.dumps(fn(arg), protocol=pickle.HIGHEST_PROTOCOL)


def run_limited(fn: Callable[[Any], Any], arg: Any, timeout: float, memory_bytes: int) -> tuple[bool, Any]:
    """Runs on a Dask worker: ``fn(arg)`` under a time limit and memory cap.

    Returns ``(True, pickled value)`` or ``(False, one-line reason)``; never
    raises, so Dask does not retry a file that fails the same way every time.
    """
    fut = _worker_pool(memory_bytes).schedule(_call_pickled, args=(fn, arg), timeout=timeout)
    out = _outcome(None, fut, timeout)
    return (True, out.value) if out.error is None else (False, out.error)


def _stop_pool() -> None:
    """Runs on each Dask worker at shutdown: stop its pebble process now.

    A live (non-daemon) pool child keeps the worker process from exiting, and
    the nanny then waits seconds before killing it on every run.
    """
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.stop()
            _POOL.join(timeout=5)
            _POOL = None


def _is_daemon() -> bool:
    import multiprocessing

    return bool(multiprocessing.current_process().daemon)


class DaskExecutor:
    """Tasks on a Dask cluster at ``scheduler`` (``tcp://HOST:PORT``), or on a
    LocalCluster of ``n_workers`` single-threaded worker processes."""

    def __init__(
        self,
        scheduler: Optional[str],
        n_workers: Optional[int],
        timeout: float,
        *,
        memory_mb: int = 4096,
        connect_timeout: float = 30.0,
    ):
        if scheduler is not None and not scheduler.strip():
            raise InputError("--scheduler is empty; give the address as tcp://HOST:PORT")
        self.scheduler = scheduler
        self.n_workers = max(1, n_workers or (os.cpu_count() or 1))
        self.timeout = timeout
        self.memory_bytes = memory_mb * 1024 * 1024
        self.connect_timeout = connect_timeout

    def run(self, fn: Callable[[Any], Any], items: Sequence[tuple[Any, Any]]) -> Iterator[Outcome]:
        if not items:
            return
        client, cluster = self._connect()
        try:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            limit = in_flight(workers)
            window: deque[tuple[Any, Any]] = deque()
            for key, arg in items:
                window.append((key, self._submit(client, fn, key, arg)))
                if len(window) >= limit:
                    yield self._collect(*window.popleft())
            while window:
                yield self._collect(*window.popleft())
        finally:
            if cluster is not None:  # our own workers: stop their pools before closing them
                try:
                    client.run(_stop_pool)
                except Exception:  # shutting down anyway; the nanny kills what is left
                    log.debug("could not stop the worker pools", exc_info=True)
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError(
                "the Dask executor needs dask.distributed: pip install 'litmap[cluster]'"
            ) from exc
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=self.connect_timeout)
            except (OSError, TimeoutError) as exc:
                raise InputError(
                    f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); start it with "
                    "`dask scheduler` and check the address and firewall"
                ) from exc
            if any(client.run(_is_daemon).values()):
                client.close()
                raise InputError(
                    "the Dask workers run as daemon processes, which cannot start the process that "
                    "enforces the per-file time limit: start them with DASK_DISTRIBUTED__WORKER__DAEMON=False"
                )
            return client, None
        # Worker memory is capped per task by the pebble pool; Dask's own
        # limit would pause or kill workers mid-file, so it is off.
        # Non-daemon workers may start the pebble process (see module doc).
        import dask

        with dask.config.set({"distributed.worker.daemon": False}):
            cluster = LocalCluster(
                n_workers=self.n_workers, threads_per_worker=1, processes=True,
                dashboard_address=None, memory_limit=0,
            )
        return Client(cluster), cluster

    def _submit(self, client: Any, fn: Callable[[Any], Any], key: Any, arg: Any) -> Any:
        # pure=False: a retried file must run again, not reuse a cached result.
        return client.submit(run_limited, fn, arg, self.timeout, self.memory_bytes, pure=False)

    def _collect(self, key: Any, fut: Any) -> Outcome:
        try:
            ok, value = fut.result()
        except Exception as exc:  # worker lost repeatedly (KilledWorker) or a bug
            log.debug("task %s failed on Dask", key, exc_info=True)
            return Outcome(key, error=f"Dask worker failed on this file: {type(exc).__name__}: {exc}")
        finally:
            fut.release()
        if not ok:
            return Outcome(key, error=value)
        import pickle

        return Outcome(key, value=pickle.loads(value))
