"""Pages of one file read by OCR side by side: :class:`OcrPages`.

Tesseract runs as a separate process for each page (pytesseract), so threads
are enough to keep several busy at once: a thread waits on its Tesseract while
the main thread renders the next page.  Rendering stays in the calling thread
(pdfium is not thread-safe), and at most ``jobs`` rendered pages are held at
a time, so memory stays bounded.  Every page is read on its own, exactly as a
serial read would read it: the pages come back the same, in page order,
whatever the job count (tests/test_ocr_pages.py).  Given :class:`~litmap.read.ocr_slots.OcrSlots`,
a thread reads its page only while it holds a slot of the run's shared budget, so
the Tesseract processes of every worker together stay within it.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Callable, Optional

from litmap.read.layout.pages import LaidOutPage
from litmap.read.ocr_slots import OcrSlots

__all__ = ["OcrPages", "MAX_OCR_JOBS"]

#: Most pages of one file read at once, whatever the job count: each thread can reserve a
#: malloc arena (64 MB of address space) that counts against the worker's memory cap.
MAX_OCR_JOBS = 8


class OcrPages:
    """Read rendered pages by OCR, ``jobs`` (at most :data:`MAX_OCR_JOBS`) at a time; collect them by page index.

    ``read(image, *args)`` turns one rendered page into a laid-out page (it
    runs in a worker thread when ``jobs`` > 1, in the caller's thread
    otherwise), ``args`` being what :meth:`submit` was given with the image;
    the image is closed once read.  Use as a context manager:
    leaving it (or :meth:`close`) drops what is still queued and waits for what is running.
    ``slots``: the run's shared budget of pages read at once (None: this file's ``jobs`` only).
    """

    def __init__(self, jobs: int, read: Callable[..., LaidOutPage], slots: Optional[OcrSlots] = None):
        self.jobs = min(max(1, int(jobs)), MAX_OCR_JOBS)
        self._read = read
        self._slots = slots
        self._pool: Optional[ThreadPoolExecutor] = None
        self._pending: deque[tuple[int, Future[LaidOutPage]]] = deque()
        self._done: dict[int, LaidOutPage] = {}

    def __enter__(self) -> OcrPages:
        return self

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop: pages still queued are dropped, pages being read are waited for."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pending.clear()

    def submit(self, index: int, image: Any, *args: Any) -> None:
        """Queue page ``index``'s image; blocks while ``jobs`` pages are being read."""
        if self.jobs == 1:
            self._done[index] = self._closing(image, *args)
            return
        while len(self._pending) >= self.jobs:
            self._collect_finished()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="litmap-ocr")
        self._pending.append((index, self._pool.submit(self._closing, image, *args)))

    def results(self) -> dict[int, LaidOutPage]:
        """Every page submitted so far, read: page index → laid-out page (an OCR error is raised here)."""
        while self._pending:
            self._collect_oldest()
        return dict(sorted(self._done.items()))

    def _collect_oldest(self) -> None:
        index, future = self._pending.popleft()
        self._done[index] = future.result()

    def _collect_finished(self) -> None:
        """Wait for any page being read and collect every finished one: a thread whose page is done
        takes the next page at once, not after the oldest (its Tesseract slot would sit idle)."""
        finished, _ = wait([f for _, f in self._pending], return_when=FIRST_COMPLETED)
        still: deque[tuple[int, Future[LaidOutPage]]] = deque()
        for index, future in self._pending:
            if future in finished:
                self._done[index] = future.result()
            else:
                still.append((index, future))
        self._pending = still

    def _closing(self, image: Any, *args: Any) -> LaidOutPage:
        try:
            if self._slots is None:
                return self._read(image, *args)
            with self._slots.hold():
                return self._read(image, *args)
        finally:
            image.close()
