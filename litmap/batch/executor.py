"""Executors run per-file work away from the process that owns the store.

The store is written only by the coordinating process; workers return plain
records.  :class:`LocalExecutor` is a process pool (pebble) that kills a worker
which passes the per-file time limit, so one pathological PDF cannot hang a
run, and caps each worker's memory.  :class:`InlineExecutor` runs in-process
(for debugging and for tests of the pipeline logic).
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, Protocol, Sequence, TypeVar

__all__ = ["Outcome", "Executor", "LocalExecutor", "InlineExecutor", "in_flight", "limit_memory"]

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """The result of one task: ``value`` or a one-line ``error``."""

    key: Any
    value: Any = None
    error: Optional[str] = None


class Executor(Protocol):
    def run(self, fn: Callable[[Any], Any], items: Sequence[tuple[Any, Any]]) -> Iterator[Outcome]:
        """Apply ``fn`` to each ``(key, arg)``; yield outcomes as they finish."""
        ...


def _init_worker(max_bytes: int) -> None:
    """Worker set-up: Ctrl-C is the coordinator's to handle (it stops the pool),
    and memory is capped."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(max_bytes)


def limit_memory(max_bytes: int) -> None:
    if max_bytes <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform dependent
        pass


class LocalExecutor:
    """A local process pool with a per-task time limit and memory cap."""

    def __init__(self, jobs: int, timeout: float, memory_mb: int = 4096):
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.memory_bytes = memory_mb * 1024 * 1024

    def run(self, fn: Callable[[Any], Any], items: Sequence[tuple[Any, Any]]) -> Iterator[Outcome]:
        from pebble import ProcessPool

        if not items:
            return
        pool = ProcessPool(max_workers=self.jobs, initializer=_init_worker, initargs=(self.memory_bytes,))
        try:
            # A sliding window of futures, not one per file: a finished future
            # holds its whole Document until consumed, so scheduling every file
            # at once would keep the corpus in memory.  Yield in submission
            # order: ordered output keeps runs (and document ids) reproducible.
            window: deque[tuple[Any, Any]] = deque()
            pending = iter(items)
            for key, arg in pending:
                window.append((key, pool.schedule(fn, args=(arg,), timeout=self.timeout)))
                if len(window) >= in_flight(self.jobs):
                    key0, fut0 = window.popleft()
                    yield _outcome(key0, fut0, self.timeout)
            while window:
                key0, fut0 = window.popleft()
                yield _outcome(key0, fut0, self.timeout)
        except BaseException:
            # Ctrl-C, or the consumer stopped early: kill the workers now rather
            # than wait for every scheduled file to finish.
            pool.stop()
            raise
        finally:
            pool.close()
            pool.join()


def _outcome(key: Any, fut: Any, timeout: float) -> Outcome:
    from pebble import ProcessExpired

    try:
        return Outcome(key, value=fut.result())
    except FutureTimeout:
        return Outcome(key, error=f"gave up after {timeout:g} s (per-file time limit; raise it with --timeout)")
    except ProcessExpired as exc:
        return Outcome(key, error=_expired_reason(exc.exitcode))
    except MemoryError:
        return Outcome(key, error="ran out of memory (per-worker cap; raise it with --memory-mb)")
    except Exception as exc:  # a bug in a worker must not stop the run
        log.debug("task %s failed", key, exc_info=True)
        return Outcome(key, error=f"internal error: {type(exc).__name__}: {exc}")


def _expired_reason(code: Optional[int]) -> str:
    """Why a worker process died, in words a user can act on."""
    import signal

    if code in (-9, 137):
        return "worker killed (out of memory? raise the per-worker cap with --memory-mb)"
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        # A native PDF library aborts (SIGABRT) or faults (SIGSEGV) on a hostile
        # file, typically when an allocation fails under the memory cap.
        return (f"worker crashed ({name}) reading this file: corrupt or hostile file, or out of memory "
                "under the per-worker cap (raise it with --memory-mb)")
    return f"worker crashed (exit code {code})"


class InlineExecutor:
    """Runs tasks one by one in this process (no time limit)."""

    def run(self, fn: Callable[[Any], Any], items: Sequence[tuple[Any, Any]]) -> Iterator[Outcome]:
        for key, arg in items:
            try:
                yield Outcome(key, value=fn(arg))
            except Exception as exc:
                log.debug("task %s failed", key, exc_info=True)
                yield Outcome(key, error=f"internal error: {type(exc).__name__}: {exc}")


def in_flight(workers: int) -> int:
    """Tasks submitted but not yet consumed: enough to keep every worker busy
    while the coordinator stores a result, few enough to bound memory."""
    return max(2, 4 * workers)
