"""The run's shared OCR budget (litmap.read.ocr_slots): worker processes that each read pages on
several threads together read at most ``slots`` pages at once; a file read alone gets every slot;
a killed worker gives its slot back; ingest hands every file the same budget folder."""

import multiprocessing
import os
import signal
import threading
import time

import pytest

from litmap.read.layout.pages import LaidOutPage
from litmap.read.ocr_pages import OcrPages
from litmap.read.ocr_slots import OcrSlots

pytest.importorskip("fcntl", reason="the shared budget uses flock (POSIX)")
if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover
    pytest.skip("needs fork", allow_module_level=True)
_fork = multiprocessing.get_context("fork")


class _Image:
    def close(self) -> None:
        pass


def _read_pages(folder: str, slots: int, jobs: int, pages: int, busy, peak, lock) -> None:
    """One worker: ``pages`` pages read on ``jobs`` threads; ``busy``/``peak`` count pages being
    read by every worker together (a stand-in for the Tesseract processes)."""

    def read(image: _Image, number: int) -> LaidOutPage:
        with lock:
            busy.value += 1
            peak.value = max(peak.value, busy.value)
        time.sleep(0.03)
        with lock:
            busy.value -= 1
        return LaidOutPage(number, 600.0, 800.0, (), ocr=True)

    with OcrPages(jobs, read, OcrSlots(folder, slots)) as pool:
        for k in range(pages):
            pool.submit(k, _Image(), k + 1)
        out = pool.results()
    assert sorted(out) == list(range(pages))


def _peak(folder: str, slots: int, workers: int, jobs: int, pages: int = 8) -> int:
    busy, peak, lock = _fork.Value("i", 0), _fork.Value("i", 0), _fork.Lock()
    procs = [_fork.Process(target=_read_pages, args=(folder, slots, jobs, pages, busy, peak, lock))
             for _ in range(workers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    return int(peak.value)


def test_workers_together_stay_within_the_budget(tmp_path):
    # Three workers of three threads each: nine pages at once without the budget.
    assert _peak(str(tmp_path), slots=2, workers=3, jobs=3) == 2


def test_without_a_budget_the_workers_multiply(tmp_path):
    # The count above is able to see more than the budget: the same run with no shared slots.
    busy, peak, lock = _fork.Value("i", 0), _fork.Value("i", 0), _fork.Lock()
    missing = str(tmp_path / "none")  # no folder: no shared budget, each file's threads only
    procs = [_fork.Process(target=_read_pages, args=(missing, 2, 3, 8, busy, peak, lock)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert peak.value > 2


def test_a_file_read_alone_gets_every_slot(tmp_path):
    # The last scanned file of a run: no core left idle.
    assert _peak(str(tmp_path), slots=3, workers=1, jobs=3, pages=12) == 3


def _hold_forever(folder: str, ready) -> None:
    with OcrSlots(folder, 1).hold():
        ready.set()
        time.sleep(60)


def test_a_killed_worker_gives_its_slot_back(tmp_path):
    ready = _fork.Event()
    p = _fork.Process(target=_hold_forever, args=(str(tmp_path), ready))
    p.start()
    assert ready.wait(20)
    got = threading.Event()

    def wait_for_slot() -> None:
        with OcrSlots(str(tmp_path), 1).hold():
            got.set()

    t = threading.Thread(target=wait_for_slot, daemon=True)
    t.start()
    assert not got.wait(0.2)  # held by the worker
    os.kill(p.pid, signal.SIGKILL)  # e.g. the per-file time limit
    p.join(10)
    assert got.wait(10)
    t.join(5)


def test_ingest_gives_every_file_the_same_budget_folder(tmp_path, monkeypatch):
    from litmap.batch import ingest as ingest_mod
    from litmap.batch.worker import Failure
    from litmap.store.db import Store

    for k in range(3):
        (tmp_path / f"p{k}.txt").write_text(f"A text file {k}.\n")
    seen: list[tuple[str, bool, int]] = []

    def fake(task):
        seen.append((task.ocr_budget, os.path.isdir(task.ocr_budget), task.ocr_jobs))
        return Failure("not read (test)")

    monkeypatch.setattr(ingest_mod, "process_file", fake)
    with Store(str(tmp_path / "s.db"), write=True) as store:
        ingest_mod.ingest([str(tmp_path)], store, ingest_mod.IngestSettings(jobs=0, executor="inline"))
    assert len(seen) == 3 and len({s[0] for s in seen}) == 1
    assert all(isdir for _, isdir, _ in seen)  # there while the files are read
    assert not os.path.exists(seen[0][0])  # removed after the run
    assert {jobs for _, _, jobs in seen} == {os.cpu_count() or 1}
