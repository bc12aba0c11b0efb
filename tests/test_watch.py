"""litmap.batch.watch: refresh only after files settle."""

from __future__ import annotations

import os
import threading
import time

import pytest

from litmap.errors import InputError
from litmap.batch.watch import signature, watch


def _start(folder: str, calls: list, **kw):
    stop = threading.Event()

    def on_change() -> None:
        calls.append((time.monotonic(), signature([folder])))

    t = threading.Thread(target=watch, args=([folder], on_change), kwargs=dict(stop=stop, **kw), daemon=True)
    t.start()
    return stop, t


def test_file_written_in_chunks_is_read_only_when_complete(tmp_path):
    folder = str(tmp_path / "papers")
    os.makedirs(folder)
    calls: list = []
    stop, t = _start(folder, calls, interval=0.1, settle=0.6)
    try:
        path = os.path.join(folder, "new.pdf")
        with open(path, "wb") as fh:  # a slow download: chunks across many polls
            for _ in range(8):
                fh.write(b"x" * 1000)
                fh.flush()
                last_write = time.monotonic()
                time.sleep(0.25)
        assert calls == [], "refreshed while the file was still being written"
        deadline = time.time() + 5
        while not calls and time.time() < deadline:
            time.sleep(0.05)
        assert len(calls) == 1
        when, sig = calls[0]
        assert when - last_write >= 0.6  # waited for the settle time
        assert sig[os.path.abspath(path)][0] == 8000  # saw the whole file
        time.sleep(1.0)
        assert len(calls) == 1, "refreshed again without a change"
        os.remove(path)  # a removal is a change too
        deadline = time.time() + 5
        while len(calls) < 2 and time.time() < deadline:
            time.sleep(0.05)
        assert len(calls) == 2 and os.path.abspath(path) not in calls[1][1]
    finally:
        stop.set()
        t.join(5)
    assert not t.is_alive()


def test_initial_refresh_and_stop(tmp_path):
    calls: list = []
    stop, t = _start(str(tmp_path), calls, interval=0.05, settle=0.1, initial=True)
    time.sleep(0.3)
    stop.set()
    t.join(5)
    assert not t.is_alive() and len(calls) == 1


def test_bad_arguments(tmp_path):
    with pytest.raises(InputError):
        watch([str(tmp_path / "missing")], lambda: None, stop=threading.Event())
    with pytest.raises(InputError):
        watch([str(tmp_path)], lambda: None, interval=0)
