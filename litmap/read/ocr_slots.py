"""A budget of OCR pages read at once, shared by every worker process of a run: :class:`OcrSlots`.

Each worker reads a scanned file's pages by OCR on several threads (one
Tesseract process each, :mod:`litmap.read.ocr_pages`).  Without a shared
budget, ``--jobs N`` workers could run N x (threads per file) Tesseract
processes at once.  Here a page is read only while its thread holds one of
``slots`` lock files in a folder the coordinator made: at most ``slots``
Tesseract processes run at once across every worker, and a file read alone
(the last scanned file of a run) still gets every slot.

The locks are ``flock`` locks: the kernel drops them when a process dies, so
a worker killed mid-page (per-file time limit, memory cap) gives its slot back.
Where ``fcntl`` is missing (Windows) or the folder is not there (a remote Dask
worker), pages are read without the shared budget, each file's thread count
still bounding its own Tesseract processes.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from typing import Iterator, Optional

__all__ = ["OcrSlots", "POLL_SECONDS"]

log = logging.getLogger(__name__)

#: How often a thread waiting for a slot looks again (a page takes about a second to read).
POLL_SECONDS = 0.01


class OcrSlots:
    """``slots`` lock files in ``folder``; :meth:`hold` waits for a free one and holds it."""

    def __init__(self, folder: str, slots: int):
        self.folder = folder
        self.slots = max(1, int(slots))
        self._next = 0
        self._lock = threading.Lock()

    def _paths(self) -> list[str]:
        return [os.path.join(self.folder, f"slot-{i}") for i in range(self.slots)]

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Wait for a free slot and hold it for the ``with`` block (no wait when the budget is off)."""
        fd = self._acquire()
        try:
            yield
        finally:
            if fd is not None:
                os.close(fd)  # closing the file releases its flock

    def _acquire(self) -> Optional[int]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return None
        if not os.path.isdir(self.folder):
            log.debug("OCR slot folder %s is missing: pages read without the shared budget", self.folder)
            return None
        with self._lock:  # threads of one process start their search at different slots
            start = self._next
            self._next = (self._next + 1) % self.slots
        paths = self._paths()
        while True:
            for k in range(self.slots):
                path = paths[(start + k) % self.slots]
                try:
                    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
                except OSError:  # the folder went away (the run ended): no budget to keep
                    return None
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                except OSError:  # a file system without flock: no budget
                    os.close(fd)
                    return None
                return fd
            time.sleep(POLL_SECONDS)
