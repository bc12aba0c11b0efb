"""The Dask executor on a LocalCluster of 2 workers, and bounded in-flight tasks."""

from __future__ import annotations

import math
import os
import sqlite3
import time
from typing import Any, Iterator

import pytest

from litmap.batch.choose_executor import make_executor
from litmap.batch.executor import InlineExecutor, LocalExecutor, in_flight

pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'litmap[cluster]')")


class CountingItems:
    """A task list that records how far the executor has read into it."""

    def __init__(self, items: list[tuple[Any, Any]]):
        self.items = items
        self.taken = 0

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> tuple[Any, Any]:
        return self.items[i]

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        for item in self.items:
            self.taken += 1
            yield item


@pytest.fixture(scope="module")
def dask_executor():
    from litmap.batch.dask_executor import DaskExecutor

    return DaskExecutor(None, 2, timeout=3.0, memory_mb=2048)


def test_dask_runs_tasks_in_order_with_errors_and_timeouts(dask_executor):
    items = [(0, 4.0), (1, 9.0), (2, -1.0), (3, 16.0)]
    out = list(dask_executor.run(math.sqrt, items))
    assert [o.key for o in out] == [0, 1, 2, 3]
    assert out[0].value == 2.0 and out[1].value == 3.0 and out[3].value == 4.0
    assert out[2].error and "ValueError" in out[2].error  # a worker bug is one failure, not a crash

    t0 = time.monotonic()
    out = list(dask_executor.run(time.sleep, [("quick", 0.05), ("stuck", 60.0), ("after", 0.05)]))
    assert time.monotonic() - t0 < 40  # the stuck task was killed, not waited for
    by_key = {o.key: o for o in out}
    assert by_key["quick"].error is None and by_key["after"].error is None
    assert "gave up after 3 s" in by_key["stuck"].error


@pytest.mark.parametrize("make", ["local", "dask"])
def test_in_flight_tasks_are_bounded(make, dask_executor):
    executor = LocalExecutor(2, timeout=30.0) if make == "local" else dask_executor
    items = CountingItems([(i, 0.01) for i in range(40)])
    run = executor.run(time.sleep, items)
    first = next(run)
    assert first.key == 0
    assert items.taken <= in_flight(2) + 1, "submitted far more tasks than the window"
    rest = list(run)
    assert [o.key for o in rest] == list(range(1, 40)) and items.taken == 40


def test_make_executor_kinds():
    assert isinstance(make_executor(0, 10.0), InlineExecutor)
    assert isinstance(make_executor(2, 10.0), LocalExecutor)
    assert isinstance(make_executor(2, 10.0, kind="inline"), InlineExecutor)
    from litmap.errors import InputError
    from litmap.batch.dask_executor import DaskExecutor

    assert isinstance(make_executor(2, 10.0, kind="dask"), DaskExecutor)
    assert isinstance(make_executor(None, 10.0, scheduler="tcp://127.0.0.1:8786"), DaskExecutor)
    with pytest.raises(InputError):
        make_executor(2, 10.0, kind="spark")


def test_unreachable_scheduler_says_how_to_fix():
    from litmap.errors import InputError
    from litmap.batch.dask_executor import DaskExecutor

    ex = DaskExecutor("tcp://127.0.0.1:1", None, 5.0, connect_timeout=2.0)
    with pytest.raises(InputError, match="dask scheduler"):
        list(ex.run(math.sqrt, [(0, 1.0)]))


def _write_corpus(folder: str) -> None:
    os.makedirs(folder, exist_ok=True)
    for i in range(6):
        with open(os.path.join(folder, f"note_{i}.txt"), "w", encoding="utf-8") as fh:
            fh.write(f"Rescaling paper {i}\n\nIntroduction\n\nAs Brenner (2004) argues, scale {i} is made.\n\n"
                     "References\n\nBrenner N (2004) New State Spaces. Oxford: Oxford University Press.\n")


def _state(db: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("SELECT sha256, status, pages, length(text) FROM documents"))
    finally:
        con.close()


def test_ingest_on_dask_equals_inline(tmp_path):
    """The pipeline through a 2-worker LocalCluster stores exactly what an in-process run stores."""
    from litmap.batch.ingest import IngestSettings, ingest
    from litmap.store import Store

    folder = str(tmp_path / "papers")
    _write_corpus(folder)
    results = {}
    for name, settings in {
        "inline": IngestSettings(jobs=0, ocr="never"),
        "dask": IngestSettings(jobs=2, ocr="never", executor="dask"),
    }.items():
        db = str(tmp_path / f"{name}.db")
        with Store(db, write=True) as st:
            summary = ingest([folder], st, settings)
        assert summary.ok and len(summary.added) == 6
        results[name] = _state(db)
    assert results["dask"] == results["inline"]
