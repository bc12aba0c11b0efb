"""Failure reasons name the cause (issue 25.10): the audit's inputs, built here.

"Failed to load document (PDFium: Success)", "internal error: PdfiumError" and
a decompression bomb told "is it a scan? is Tesseract installed?" are what
these inputs gave before.  Runs in-process through the worker's task
(:func:`process_file`), where pdfium's stale error codes show.
"""

from __future__ import annotations

import os
import shutil
import zlib

import pytest
from fuzz_corpus import _encrypted_pdf, _one_page, _stream, bomb_pdf, hand_pdf

from litmap.read import engines
from litmap.batch.worker import Failure, FileTask, process_file

TEXT = b"BT /F1 12 Tf 72 720 Td (Scale and the city region: a hand written page of text) Tj ET"


def _reason(path: str, ocr: str = "never", engine: str = "pdfium") -> str:
    out = process_file(FileTask(path=path, sha256="0" * 64, media_type="pdf", engine=engine, ocr=ocr))
    assert isinstance(out, Failure), out
    assert "\n" not in out.reason and len(out.reason) < 300
    assert not out.reason.startswith("internal error") and "PDFium:" not in out.reason
    return out.reason


def _write(tmp_path, name: str, data: bytes) -> str:
    path = str(tmp_path / name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def _image_page(width: int, height: int, data: bytes, media: bytes = b"[0 0 612 792]") -> bytes:
    """One page drawing one grey image (Flate) over most of it, no text."""
    comp = zlib.compress(data, 9)
    return hand_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media + b" /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 600 0 0 780 6 6 cm /Im1 Do Q"),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(comp)) + comp + b"\nendstream",
    ])


@pytest.mark.requires("reportlab")  # the encrypted file
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_page_tree_without_pages_is_not_success_nor_a_stale_password(tmp_path, engine):
    locked = _write(tmp_path, "locked.pdf", _encrypted_pdf(3, "s3cret"))
    no_pages = _write(tmp_path, "no_pages.pdf", hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                           b"<< /Type /Pages /Kids [] >>"]))
    assert _reason(no_pages, engine=engine) in ("corrupt PDF: no pages found (its page tree is damaged or empty)",
                                                "PDF has zero pages")
    assert _reason(locked, engine=engine).startswith("encrypted: needs a password")
    # pdfium sets no error code for this file: the encrypted file's code must not be reported again
    assert "encrypted" not in _reason(no_pages, engine=engine)


def test_truncated_and_damaged_files_say_so(tmp_path):
    full = hand_pdf(_one_page(TEXT))
    cut = _write(tmp_path, "cut.pdf", full[: len(full) // 2])
    assert _reason(cut) == ("corrupt or truncated PDF: the file ends before its end-of-file marker "
                            "(an incomplete download?)")
    damaged = _write(tmp_path, "damaged.pdf", b"%PDF-1.4\n" + b"\x00garbage " * 200 + b"\n%%EOF\n")
    assert _reason(damaged) == "corrupt or truncated PDF: its file structure is damaged (PDFium cannot parse it)"


def test_a_page_pdfium_cannot_read_is_named_not_an_internal_error(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    path = _write(tmp_path, "fine.pdf", hand_pdf(_one_page(TEXT)))

    def fail(self, *args, **kwargs):
        raise pdfium.PdfiumError("Failed to load text page.")

    monkeypatch.setattr(pdfium.PdfPage, "get_textpage", fail)
    assert _reason(path) == "corrupt PDF: page 1 cannot be read (its page object or content is damaged)"


def test_cyclic_page_tree_names_the_page(tmp_path):
    path = _write(tmp_path, "cyclic.pdf", hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                     b"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 5 >>"]))
    assert _reason(path) == "corrupt PDF: page 1 cannot be loaded (its page object or content is damaged)"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_decompression_bomb_is_named_before_any_engine_inflates_it(tmp_path, engine):
    path = _write(tmp_path, "bomb.pdf", bomb_pdf(engines.MAX_STREAM_MB + 16))
    assert os.path.getsize(path) < 2 << 20
    assert _reason(path, ocr="auto", engine=engine) == (
        f"page 1 holds a content stream that inflates to over {engines.MAX_STREAM_MB} MB "
        "(a decompression bomb?); not read")


def test_stream_check_passes_ordinary_files_and_counts_nested_flate(tmp_path):
    engines.check_streams(_write(tmp_path, "fine.pdf", hand_pdf(_one_page(TEXT, flate=True))))
    # Two Flate passes: 64 MB of spaces whose compressed form is compressed again.
    once = zlib.compress(b" " * (64 << 20), 9)
    twice = zlib.compress(once, 9)
    objs = _one_page(b"")
    objs[3] = (b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice) + twice
               + b"\nendstream")
    path = _write(tmp_path, "nested.pdf", hand_pdf(objs))
    assert engines._oversized_streams(path, 32 << 20)
    assert not engines._oversized_streams(path, 128 << 20)


@pytest.mark.requires_program("tesseract")
def test_a_huge_image_is_named_and_not_decoded_for_ocr(tmp_path):
    # 20000 x 20000 grey pixels declared (400 MB decoded), a few bytes stored.
    path = _write(tmp_path, "huge_image.pdf", _image_page(20000, 20000, b"\x00" * 1000))
    assert _reason(path, ocr="auto") == ("page 1 holds a very large image (20000×20000 pixels, at least 381 MB "
                                         "decoded); not read by OCR")


def test_a_huge_page_is_rendered_at_a_lower_resolution(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    monkeypatch.setattr(engines, "MAX_RENDER_PIXELS", 1_000_000)
    path = _write(tmp_path, "poster.pdf", hand_pdf(_one_page(TEXT)).replace(b"[0 0 612 792]", b"[0 0 14400 14400]"))
    doc = pdfium.PdfDocument(path)
    try:
        image = engines._render(doc, 0, 200, path)
    finally:
        doc.close()
    assert image.size[0] * image.size[1] <= 1_000_000 and image.size[0] > 900


def test_no_text_hints_match_what_was_found(tmp_path):
    blank = _write(tmp_path, "blank.pdf", hand_pdf(_one_page(b"0 0 m 100 100 l S")))
    for ocr in ("never", "auto"):
        reason = _reason(blank, ocr=ocr)
        assert reason == ("empty: no text layer and no scanned image to read by OCR "
                          "(blank pages, or text drawn as shapes)")
    scan = _write(tmp_path, "scan.pdf", _image_page(100, 100, b"\xff" * 10000))
    assert _reason(scan, ocr="never") == ("empty: no text layer, and OCR is off "
                                          "(its pages look scanned: ingest again with --ocr auto)")
    if shutil.which("tesseract"):
        assert _reason(scan, ocr="auto") == ("empty: no text layer, and OCR found no text on its pages "
                                             "(blank or unreadable scans?)")


def test_missing_tesseract_is_said_only_when_it_is_missing(tmp_path, monkeypatch):
    from litmap.errors import MissingDependency
    from litmap.read import ocr

    def missing() -> None:
        raise MissingDependency("Tesseract OCR", ocr.TESSERACT_HINT)

    monkeypatch.setattr(ocr, "require_tesseract", missing)
    scan = _write(tmp_path, "scan.pdf", _image_page(100, 100, b"\xff" * 10000))
    assert _reason(scan, ocr="auto").startswith(
        "empty: no text layer, and Tesseract is not installed to read its scanned pages by OCR")


def test_running_out_of_memory_in_pdfminer_is_not_called_damage(tmp_path, monkeypatch):
    path = _write(tmp_path, "fine.pdf", hand_pdf(_one_page(TEXT)))

    def hog(self, index):
        raise MemoryError

    monkeypatch.setattr(engines.PlumberSource, "_page", hog)
    assert _reason(path, engine="pdfplumber").startswith("ran out of memory while reading")


def test_library_errors_past_the_engines_get_plain_reasons():
    import pypdfium2 as pdfium
    import pytesseract

    from litmap.batch.worker import _library_reason

    assert _library_reason(pdfium.PdfiumError("Failed to get image size.")) == (
        "corrupt PDF: PDFium failed reading its content (damaged file)")
    missing = pytesseract.TesseractError(1, "Error opening data file xyz.traineddata\nFailed loading language 'xyz'\n"
                                            "Tesseract couldn't load any languages!")
    assert _library_reason(missing) == ("OCR failed: Tesseract has no data for language 'xyz' "
                                        "(install it, e.g. apt-get install tesseract-ocr-xyz)")
    assert _library_reason(FileNotFoundError(2, "No such file or directory")).startswith(
        "cannot read file: No such file or directory")
    assert _library_reason(KeyError("a bug")) is None  # bugs stay visible as internal errors
