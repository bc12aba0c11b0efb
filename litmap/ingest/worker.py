"""The per-file task that runs in a worker process: file → Document.

Workers never touch the store; they return a :class:`~litmap.models.Document`
or a :class:`Failure` with a one-line reason, which the coordinator stores.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Failure:
    reason: str


def read_file(task: FileTask) -> Document:
    """Read and parse one file; raises :class:`ExtractionError` when it cannot."""
    from litmap.parse.document import build_document

    if task.media_type == "pdf":
        from litmap.layout.pipeline import read_pdf

        extracted = read_pdf(task.path, engine=task.engine, ocr=task.ocr)
    else:
        from litmap.ingest.textfiles import read_text_file

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
    if getattr(extracted, "text_layer", True):
        return "empty: no text found on any page"
    if ocr == "never":
        return "empty: no text layer and OCR is off (is it a scan? try --ocr auto)"
    return "empty: no text layer and OCR found no text (is it a scan? is Tesseract installed?)"


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
