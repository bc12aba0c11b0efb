"""One PDF file → cleaned pages of blocks (:class:`ExtractedPages`).

Pages are read, OCR'd when needed and laid out one at a time, so memory
stays flat on long files; only the small laid-out pages are kept for the
cross-page cleaning.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator, Optional

from litmap.errors import MissingDependency
from litmap.read.layout.pages import ExtractedPages, LaidOutPage, PageChars
from litmap.read.layout.blocks import layout_page
from litmap.read.layout.furniture import clean_pages
from litmap.read.garbled import GARBLED_MARK
from litmap.read.settings import ReadSettings
from litmap.progress import Progress, ProgressEvent, resolve

if TYPE_CHECKING:
    from litmap.read.ocr_pages import OcrPages

__all__ = ["read_pdf", "ReadSettings"]

log = logging.getLogger(__name__)

#: Fewer visible characters than this and a page counts as having no text layer.
MIN_TEXT_CHARS = 20
#: Share of the page an image must cover for a text-less page to count as a scan.
MIN_SCAN_COVERAGE = 0.25
#: A page whose text sits on a full-page image is a scan with a text layer.
SCAN_BACKING = 0.9
#: Share of side-by-side word pairs that overlap, above which a scan's text
#: layer is misdrawn (an old OCR layer in a substitute font: the words of
#: two columns overlap and interleave).  Measured: 0.10–0.23 on such pages,
#: at most 0.02 on 71 pages of seven well-drawn scans (``docs/references.md``).
MISDRAWN_OVERLAP = 0.05
_CID = re.compile(r"\(cid:\d+\)")


def read_pdf(
    path: str,
    *,
    engine: str = "pdfium",
    ocr: str = "auto",
    progress: Optional[Progress] = None,
    settings: Optional[ReadSettings] = None,
) -> ExtractedPages:
    """Read, OCR (if needed), lay out and clean every page of ``path``.

    Raises :class:`litmap.errors.ExtractionError` for unreadable files.
    Pages without a text layer become warnings when OCR is off or Tesseract
    is missing.
    """
    with _fewer_collections():
        return _read_pdf(path, engine=engine, ocr=ocr, progress=progress, settings=settings)


#: Allocations between two young-generation collections while a PDF is read (Python's default: 700).
GC_THRESHOLD = 20_000


@contextmanager
def _fewer_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
    """Run the cyclic garbage collector's young generation less often.

    Reading a page makes an object per word (a ``Word``, or from OCR a ``Char``
    and a ``Word``) that lives until the page is laid out; at the default threshold the collector
    walks them again and again for cycles they do not form (reference counting
    frees them).  On 30 PDFs that cost 7-10% of ``read_pdf``'s CPU.  The old
    thresholds come back afterwards; the output does not change.
    """
    import gc

    old = gc.get_threshold()
    if old[0] >= threshold or not gc.isenabled():
        yield
        return
    gc.set_threshold(threshold, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _read_pdf(
    path: str,
    *,
    engine: str,
    ocr: str,
    progress: Optional[Progress],
    settings: Optional[ReadSettings],
) -> ExtractedPages:
    from litmap.read.engines import open_pdf
    from litmap.read.ocr import OcrSettings

    cfg = settings or ReadSettings(engine=engine, ocr=ocr)
    report = resolve(progress)
    ocr_cfg = OcrSettings(dpi=cfg.ocr_dpi, lang=cfg.ocr_lang, jobs=cfg.ocr_jobs, budget=cfg.ocr_budget)
    src = open_pdf(path, cfg.engine)
    warnings: list[str] = []
    laid: list[LaidOutPage] = []
    no_tesseract: list[int] = []
    no_text: list[int] = []
    any_text = any_ocr = False
    backed: list[int] = []  # pages whose text layer lies on a scan
    misdrawn = False
    checked = 0
    garbled: list[int] = []  # text pages whose layer is garbage (litmap.read.garbled)
    garbled_why = ""
    pool = _pool(ocr_cfg)
    try:
        n = src.page_count()
        meta = src.metadata()
        queued: set[int] = set()  # pages being read by OCR (in pool)
        for i in range(n):
            chars = src.page(i)
            visible = _visible(chars)
            if visible >= MIN_TEXT_CHARS:
                any_text = True
                # A born-digital paper shows no full-page image on its first
                # text pages; only scans pay for the misdrawn-layer check.
                if cfg.ocr == "auto" and (checked < 3 or backed):
                    checked += 1
                    if src.image_coverage(i) >= SCAN_BACKING:
                        backed.append(i)
                        misdrawn = misdrawn or _overlapping_pairs(chars) >= MISDRAWN_OVERLAP
            # A page without text is a scan only if an image covers much of it;
            # blank pages and full-page vector figures are not worth OCR time.
            scan = visible < MIN_TEXT_CHARS and src.image_coverage(i) >= MIN_SCAN_COVERAGE
            page: Optional[LaidOutPage] = None
            if cfg.ocr == "always" or (cfg.ocr == "auto" and scan):
                if _ocr(src, i, chars, ocr_cfg, no_tesseract, pool):
                    queued.add(i)
                    any_ocr = True
            elif scan:
                no_text.append(i + 1)
            if i in queued:
                page = LaidOutPage(chars.number, chars.width, chars.height, (), ocr=True)  # filled in below
            else:
                page = layout_page(chars)
                drawn = "".join([c.text for c in chars.chars])  # the characters as drawn, joined once
                bad = _encoding_warning(chars, drawn)
                if bad:
                    page = replace(page, warnings=(bad,))
                    warnings.append(bad)
                why = _garbled(drawn, page) if visible >= MIN_TEXT_CHARS else ""
                if why:
                    garbled.append(i)
                    garbled_why = garbled_why or why
            laid.append(page)
            report(ProgressEvent("pages", i + 1, n, item=path))
        for i, read in pool.results().items():
            laid[i] = read
        if misdrawn:
            # Every scanned page is read again by OCR: the layer is misdrawn
            # on all of them, even where few words happen to overlap.
            why = "the scan's text layer is misdrawn (words of its columns overlap and interleave)"
            any_ocr = _reread(src, backed, laid, ocr_cfg, why, warnings) or any_ocr
        if garbled:
            why = f"{GARBLED_MARK} ({garbled_why})"
            if cfg.ocr == "auto":
                # Re-read as misdrawn scans are; an OCR page is kept only where it reads as text.
                any_ocr = _reread(src, garbled, laid, ocr_cfg, why, warnings, better=True) or any_ocr
            else:
                warnings.append(f"{_pages([i + 1 for i in garbled])}: {why}; its text is unreliable "
                                "(--ocr auto reads such pages by OCR)")
    finally:
        pool.close()  # after an error: queued pages dropped, running ones waited for
        src.close()
    if any_ocr:
        ocr_pages = [p.number for p in laid if p.ocr]
        warnings.append(f"OCR used on {_pages(ocr_pages)}: text may contain recognition errors")
    if no_tesseract:
        warnings.append(f"{_pages(no_tesseract)} {_have(no_tesseract)} no text layer and Tesseract is not installed")
    if no_text:
        warnings.append(f"{_pages(no_text)} {_have(no_text)} no text layer (OCR is off)")
    return ExtractedPages(
        pages=tuple(clean_pages(laid)),
        page_count=n,
        text_layer=any_text,
        ocr=any_ocr,
        engine=src.name,
        media_type="pdf",
        pdf_metadata=meta,
        warnings=tuple(warnings),
    )


def _reread(src, indexes: list[int], laid: list[LaidOutPage], cfg, why: str, warnings: list[str],
            better: bool = False) -> bool:
    """Read the pages at ``indexes`` again by OCR, in place in ``laid``, with a warning saying
    ``why``; ``better``: keep an OCR page only when its text is not garbled.  True if any was."""
    redone: list[int] = []
    unread: list[int] = []
    worse: list[int] = []
    with _pool(cfg) as pool:
        for i in indexes:
            _ocr(src, i, src.page(i), cfg, unread, pool)
        read = pool.results()
    for i in indexes:
        page = read.get(i)
        if page is None:
            continue
        if better and _garbled_text(page):
            worse.append(i + 1)
            continue
        laid[i] = page
        redone.append(i + 1)
    if redone:
        warnings.append(f"{_pages(redone)}: {why}; read by OCR instead")
    if worse:
        warnings.append(f"{_pages(worse)}: {why}; OCR read {_them(worse)} no better: the text layer is kept")
    if unread:
        warnings.append(f"{_pages(unread)}: {why}; install Tesseract to read {_them(unread)} by OCR")
    return bool(redone)


def _garbled(drawn: str, page: LaidOutPage) -> str:
    """Why the page's text layer is garbage, or "": control characters in its words (judged on the
    characters as drawn, ``drawn``) or words run together (judged on the laid-out words)."""
    from litmap.read.garbled import garbled_reason

    return garbled_reason(drawn, spaced=False) or _garbled_text(page)


def _garbled_text(page: LaidOutPage) -> str:
    # Words run together, or few dictionary words (a font mapping its glyphs to the wrong letters).
    # On 1,782 real pages with >= 50 such words (EXCITE, geography, urban studies, misc; English, German,
    # Portuguese) the lowest share of Latin-script words in the bundled English list is 0.31, a letter-shifted page's
    # 0.09; MIN_WORD_SHARE is 0.2.  No word list installed: not judged.
    from litmap.read.garbled import garbled_reason
    from litmap.read.repairs.ligatures import english_words

    return garbled_reason("\n".join(b.text for b in page.blocks), english_words())


def _pool(cfg) -> "OcrPages":
    """Pages read by OCR ``cfg.jobs`` at a time (:mod:`litmap.read.ocr_pages`), within the run's
    shared budget of ``cfg.jobs`` slots when ``cfg.budget`` names one (:mod:`litmap.read.ocr_slots`)."""
    from litmap.read.ocr import ocr_layout
    from litmap.read.ocr_pages import OcrPages
    from litmap.read.ocr_slots import OcrSlots

    slots = OcrSlots(cfg.budget, cfg.jobs) if cfg.budget else None
    return OcrPages(cfg.jobs, lambda image, number, width, height: ocr_layout(image, number, width, height, cfg),
                    slots)


def _ocr(src, index: int, chars: PageChars, cfg, missing: list[int], pool: "OcrPages") -> bool:
    """Render page ``index`` and queue it in ``pool`` for OCR; False (the page noted in
    ``missing``) when Tesseract is not installed."""
    from litmap.read.ocr import require_tesseract

    try:
        require_tesseract()
    except MissingDependency:
        missing.append(index + 1)
        return False
    pool.submit(index, src.render(index, cfg.dpi), chars.number, chars.width, chars.height)
    return True


def _overlapping_pairs(chars: PageChars) -> float:
    """Share of side-by-side word pairs on a line that overlap by a quarter
    of the narrower word or more (0 on a page with under 200 pairs)."""
    from litmap.read.layout.lines import _cluster_rows, page_words

    pairs = over = 0
    for row in _cluster_rows(page_words(chars)):
        row.sort(key=lambda w: w.x0)
        for a, b in zip(row, row[1:]):
            pairs += 1
            over += b.x0 < a.x1 - 0.25 * min(a.x1 - a.x0, b.x1 - b.x0)
    # Judged on a page of running text only: a short box of doubled glyphs
    # ("RReecceeiivveedd") overlaps too, on a well-drawn page.
    return over / pairs if pairs >= 200 else 0.0


def _visible(chars: PageChars) -> int:
    """Visible characters on the page, counted only up to what decides."""
    n = 0
    for c in chars.chars:
        n += len(c.text.strip())
        if n >= MIN_TEXT_CHARS:
            break
    return n


def _encoding_warning(chars: PageChars, text: Optional[str] = None) -> str:
    """A warning when many of the page's glyphs are unmapped; ``text``: its characters joined, if known."""
    if text is None:
        text = "".join([c.text for c in chars.chars])
    if len(text) < 50:
        return ""
    bad = len(_CID.findall(text)) * 7 + text.count("\ufffd")
    if bad > 0.05 * len(text):
        return f"page {chars.number}: many unmapped glyphs ((cid:NN) or U+FFFD); its text may be garbled"
    return ""


def _them(numbers: list[int]) -> str:
    return "it" if len(numbers) == 1 else "them"


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}–{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))


def _have(numbers: list[int]) -> str:
    return "has" if len(numbers) == 1 else "have"
