"""Extract one file without a store: ``litmap extract FILE``."""

from __future__ import annotations

import json
import os
import textwrap

from litmap.errors import ExtractionError, InputError
from litmap.batch.discover import SUFFIXES, sha256_file
from litmap.batch.worker import FileTask, read_file
from litmap.models import Document

__all__ = ["extract_file", "document_json", "render_json", "render_text"]


def extract_file(path: str, *, engine: str = "pdfium", ocr: str = "auto") -> Document:
    """Read and parse one file; raises :class:`ExtractionError` naming the reason."""
    media = SUFFIXES.get(os.path.splitext(path)[1].lower())
    if media is None:
        raise InputError(f"{path}: litmap reads {', '.join(sorted(SUFFIXES))} files")
    try:
        sha = sha256_file(path)
    except OSError as exc:
        raise ExtractionError(path, f"cannot read: {exc.strerror or exc}") from exc
    # One file: its scanned pages are read by OCR on every core at once (same pages as one at a time).
    return read_file(FileTask(path, sha, media, engine, ocr, os.cpu_count() or 1))


def document_json(doc: Document) -> dict:
    """The documented JSON shape of ``litmap extract`` (see README)."""
    d = doc.to_dict()
    d.pop("text", None)
    d.pop("paragraphs", None)
    return d


def render_json(doc: Document) -> str:
    return json.dumps(document_json(doc), indent=2, ensure_ascii=False)


def render_text(doc: Document) -> str:
    """A human-readable rendering: header, then sections with their text."""
    m = doc.metadata
    out = [
        f"# {m.title or '(no title found)'}",
        "; ".join(a.display() for a in m.authors) or "(no authors found)",
        " · ".join(x for x in (str(m.year or ""), m.journal or "", m.doi or "") if x),
        "",
    ]
    for s in doc.sections:
        out.append(f"## [{s.kind}] {s.heading or ''} (p. {s.page}–{s.page_end})".rstrip())
        out.append(textwrap.fill(s.text[:2000], 100) + (" …" if len(s.text) > 2000 else ""))
        out.append("")
    out.append(f"{len(doc.references)} references, {len(doc.citations)} in-text citations")
    out.extend(f"warning: {w}" for w in doc.warnings)
    return "\n".join(out)
