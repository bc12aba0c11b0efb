"""Pages of one scanned file read by OCR in parallel (litmap.read.ocr_pages): the same pages,
in the same order, as a serial read; at most ``jobs`` at a time; every image closed; errors raised."""

import random
import shutil
import threading
import time

import pytest

from litmap.errors import SettingsError
from litmap.read.layout.pages import LaidOutPage
from litmap.read.ocr_pages import OcrPages
from litmap.read.settings import ReadSettings


class _Image:
    def __init__(self, k: int):
        self.k = k
        self.closed = False

    def close(self) -> None:
        self.closed = True


def _run(jobs: int, n: int = 24, fail_at: int = -1):
    busy, peak, lock = [0], [0], threading.Lock()
    rng = random.Random(jobs)
    delays = [rng.uniform(0, 0.01) for _ in range(n)]
    images = [_Image(k) for k in range(n)]

    def read(image: _Image, number: int, width: float) -> LaidOutPage:
        with lock:
            busy[0] += 1
            peak[0] = max(peak[0], busy[0])
        try:
            time.sleep(delays[image.k])  # pages finish out of order
            if image.k == fail_at:
                raise RuntimeError("tesseract stopped")
            return LaidOutPage(number, width, 800.0, (), ocr=True, body_size=float(image.k))
        finally:
            with lock:
                busy[0] -= 1

    with OcrPages(jobs, read) as pool:
        for k in range(n):
            pool.submit(k, images[k], k + 1, 600.0 + k)
        out = pool.results()
    return out, peak[0], images


def test_parallel_pages_equal_serial_pages_in_order():
    serial, peak1, _ = _run(1)
    assert peak1 == 1
    for jobs in (2, 3, 8):
        par, peak, images = _run(jobs)
        assert par == serial and list(par) == list(range(24))
        assert 1 < peak <= jobs  # several at once, never more than jobs
        assert all(im.closed for im in images)
    assert [p.body_size for p in serial.values()] == [float(k) for k in range(24)]


def test_an_ocr_error_is_raised_and_the_rest_stopped():
    with pytest.raises(RuntimeError, match="tesseract stopped"):
        _run(3, fail_at=5)


def test_ocr_jobs_must_be_positive():
    with pytest.raises(SettingsError, match="OCR jobs"):
        ReadSettings(ocr_jobs=0)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs the Tesseract binary")
def test_read_pdf_ocr_is_the_same_with_any_job_count(tmp_path):
    """A four-page scan read by OCR one page at a time and three at a time: identical output."""
    pytest.importorskip("reportlab", reason="needs the module reportlab: pip install -e '.[test]'")
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from litmap.read.pdf import read_pdf

    path = str(tmp_path / "scan.pdf")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    for page in range(4):
        img = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(img)
        font = ImageFont.load_default(size=30)
        for k in range(12):
            draw.text((120, 100 + 44 * k), f"Page {page + 1} line {k} on the scale of the state", fill=0, font=font)
        c.drawImage(ImageReader(img), 0, 0, *A4)
        c.showPage()
    c.save()
    serial = read_pdf(path, settings=ReadSettings(ocr_jobs=1))
    parallel = read_pdf(path, settings=ReadSettings(ocr_jobs=3))
    assert serial == parallel
    assert [p.number for p in parallel.pages] == [1, 2, 3, 4] and all(p.ocr for p in parallel.pages)
    assert "Page 3 line 5" in "\n".join(b.text for b in parallel.pages[2].blocks)


def test_a_slow_page_does_not_hold_the_other_thread():
    """While one page takes long, the other thread goes on reading the next pages (its Tesseract
    slot is not left idle until the slow page is collected); the pages still come back in order."""
    slow_done = threading.Event()
    read_meanwhile: list[int] = []

    def read(image: _Image, number: int) -> LaidOutPage:
        if image.k == 0:
            time.sleep(0.5)
            slow_done.set()
        elif not slow_done.is_set():
            read_meanwhile.append(image.k)
            time.sleep(0.01)
        return LaidOutPage(number, 600.0, 800.0, (), ocr=True)

    with OcrPages(2, read) as pool:
        for k in range(12):
            pool.submit(k, _Image(k), k + 1)
        out = pool.results()
    assert list(out) == list(range(12))
    assert len(read_meanwhile) >= 8  # in-order collection read just one page beside the slow one
