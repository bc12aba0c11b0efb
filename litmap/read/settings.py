"""How a file is read: the PDF engines and OCR modes on offer, and :class:`ReadSettings`.

The one definition of these choices: the CLI's ``--engine``/``--ocr``, the
ingest settings and :func:`litmap.read.pdf.read_pdf` all check against them.
Kept free of heavy imports so that ``litmap --help`` stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from litmap.errors import SettingsError

__all__ = ["ENGINES", "ENGINE_ALIASES", "OCR_MODES", "ReadSettings", "check_engine", "check_ocr"]

#: The PDF engines a user chooses from (``--engine``).
ENGINES: tuple[str, ...] = ("pdfium", "pdfplumber")
#: Other names accepted for an engine: "plumber" is what the pdfplumber
#: engine calls itself (``ExtractedPages.engine``, the store's ``engine`` column).
ENGINE_ALIASES: dict[str, str] = {"plumber": "pdfplumber"}
#: When to OCR a page: ``auto`` (scans without a usable text layer), ``never``, ``always``.
OCR_MODES: tuple[str, ...] = ("auto", "never", "always")


def check_engine(engine: str) -> str:
    """``engine`` as one of :data:`ENGINES` (an alias resolved); :class:`SettingsError` if unknown."""
    if engine in ENGINES:
        return engine
    if engine in ENGINE_ALIASES:
        return ENGINE_ALIASES[engine]
    raise SettingsError.unknown("PDF engine", engine, ENGINES)


def check_ocr(mode: str) -> str:
    """``mode`` if it is one of :data:`OCR_MODES`, else :class:`SettingsError`."""
    if mode not in OCR_MODES:
        raise SettingsError.unknown("OCR mode", mode, OCR_MODES)
    return mode


@dataclass(frozen=True)
class ReadSettings:
    engine: str = "pdfium"
    ocr: str = "auto"
    ocr_dpi: int = 200
    ocr_lang: str = "eng"
    #: Pages of one file read by OCR at once (litmap.read.ocr_pages); the output is the same for any count.
    ocr_jobs: int = 1
    #: Folder of the run's shared OCR slots (``ocr_jobs`` of them, litmap.read.ocr_slots): pages read
    #: at once by every worker together stay within ``ocr_jobs``.  None: no shared budget.
    ocr_budget: Optional[str] = None

    def __post_init__(self) -> None:
        check_engine(self.engine)
        check_ocr(self.ocr)
        if self.ocr_jobs < 1:
            raise SettingsError(f"OCR jobs must be 1 or more, got {self.ocr_jobs} (it follows --jobs)")
