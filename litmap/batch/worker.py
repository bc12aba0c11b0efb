"""The per-file task that runs in a worker process: file → Document.

Workers never touch the store; they return a :class:`~litmap.models.Document`
or a :class:`Failure` with a one-line reason, which the coordinator stores.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from litmap.errors import ExtractionError, LitmapError
from litmap.models import Document, Source

__all__ = ["FileTask", "Failure", "process_file", "read_file"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileTask:
    path: str
    sha256: str
    media_type: str
    engine: str = "pdfium"
    ocr: str = "auto"  # auto | never | always
    ocr_jobs: int = 1  # pages of this file read by OCR at once (litmap.read.ocr_pages)
    # The run's shared OCR slots (litmap.read.ocr_slots): ocr_jobs pages at once across every worker.
    ocr_budget: Optional[str] = None


@dataclass(frozen=True)
class Failure:
    reason: str


def read_file(task: FileTask) -> Document:
    """Read and parse one file; raises :class:`ExtractionError` when it cannot."""
    from litmap.parse.document import build_document

    if task.media_type == "pdf":
        from litmap.read.pdf import read_pdf
        from litmap.read.settings import ReadSettings

        extracted = read_pdf(task.path, settings=ReadSettings(engine=task.engine, ocr=task.ocr,
                                                              ocr_jobs=task.ocr_jobs, ocr_budget=task.ocr_budget))
    else:
        from litmap.read.textfiles import read_text_file

        extracted = read_text_file(task.path)
    source = Source(
        path=task.path,
        sha256=task.sha256,
        pages=extracted.page_count,
        text_layer=extracted.text_layer,
        ocr=extracted.ocr,
        engine=extracted.engine,
        media_type=extracted.media_type,
    )
    doc = build_document(source, extracted)
    if not doc.text.strip():
        raise ExtractionError(task.path, _why_empty(extracted, task.ocr))
    return doc


def _why_empty(extracted: object, ocr: str = "auto") -> str:
    """Why a file gave no text, from what reading it found (read_pdf's notes say
    which pages looked scanned and whether Tesseract was there to read them)."""
    if getattr(extracted, "text_layer", True):
        return "empty: no text found on any page"
    notes = " ".join(getattr(extracted, "warnings", ()))
    if "Tesseract is not installed" in notes:
        return ("empty: no text layer, and Tesseract is not installed to read its scanned pages by OCR "
                "(apt-get install tesseract-ocr, or brew install tesseract)")
    if "(OCR is off)" in notes:
        return "empty: no text layer, and OCR is off (its pages look scanned: ingest again with --ocr auto)"
    if getattr(extracted, "ocr", False):
        return "empty: no text layer, and OCR found no text on its pages (blank or unreadable scans?)"
    return "empty: no text layer and no scanned image to read by OCR (blank pages, or text drawn as shapes)"


def _library_reason(exc: Exception) -> "str | None":
    """A plain reason for an error a PDF/OCR library raised past the engines' own
    checks; None for anything else (a bug: the executor reports it as internal)."""
    import zlib

    name = type(exc).__name__
    module = type(exc).__module__ or ""
    if module.startswith("pypdfium2"):
        return "corrupt PDF: PDFium failed reading its content (damaged file)"
    if module.startswith("pdfminer"):
        return "corrupt PDF: pdfminer failed reading its content (damaged file)"
    if module.startswith("pytesseract"):
        text = str(exc)
        lang = re.search(r"Failed loading language '([^']+)'", text)
        if lang:
            return (f"OCR failed: Tesseract has no data for language '{lang.group(1)}' "
                    f"(install it, e.g. apt-get install tesseract-ocr-{lang.group(1)})")
        first = next((line.strip() for line in text.splitlines() if line.strip()), name)
        return f"OCR failed: Tesseract stopped with an error ({first[:120]})"
    if name == "DecompressionBombError":  # Pillow
        return "a page holds an image too large to decode for OCR; not read"
    if isinstance(exc, zlib.error):
        return "corrupt PDF: a compressed stream is damaged"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc} (removed or changed while it was being read?)"
    return None


def process_file(task: FileTask) -> "Document | Failure":
    try:
        return read_file(task)
    except ExtractionError as exc:
        return Failure(exc.reason)
    except LitmapError as exc:
        return Failure(str(exc))
    except RecursionError:
        return Failure("unreadable: object tree too deep (corrupt or hostile PDF)")
    except MemoryError:
        return Failure("ran out of memory while reading (per-worker cap; raise it with --memory-mb)")
    except Exception as exc:
        reason = _library_reason(exc)
        if reason is None:
            raise
        log.debug("%s: %s: %s", task.path, type(exc).__name__, exc)
        return Failure(reason)
