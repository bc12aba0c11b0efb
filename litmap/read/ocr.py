"""OCR of pages without a text layer, with Tesseract via pytesseract.

Pages are rendered by pypdfium2 one at a time (no image lists in memory) and
read word by word; each word becomes one :class:`Char` with
``PageChars(words=True, ocr=True)``.  The resolution is a speed/accuracy
trade-off measured in docs/pdf-engine.md.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from statistics import median
from typing import Any, Optional

from litmap.errors import MissingDependency, SettingsError
from litmap.read.layout.pages import Block, Char, LaidOutPage, PageChars

__all__ = ["OcrSettings", "ocr_image", "ocr_layout", "require_tesseract", "TESSERACT_HINT"]

log = logging.getLogger(__name__)

TESSERACT_HINT = (
    "install the Tesseract binary (apt-get install tesseract-ocr, or brew install tesseract) "
    "or ingest with --ocr never"
)


@dataclass(frozen=True)
class OcrSettings:
    """``dpi``: render resolution; ``lang``: Tesseract language(s), e.g. "eng+deu";
    ``jobs``: pages of one file read at once (one Tesseract process each); ``budget``: the folder of
    the run's shared OCR slots, ``jobs`` of them, that bound pages read at once across every worker
    (:mod:`litmap.read.ocr_slots`; None: no shared budget)."""

    dpi: int = 200
    lang: str = "eng"
    min_confidence: float = 0.0
    jobs: int = 1
    budget: Optional[str] = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise SettingsError(f"OCR jobs must be 1 or more, got {self.jobs}")
        if not 50 <= self.dpi <= 600:
            raise SettingsError(f"OCR dpi must be between 50 and 600, got {self.dpi}; "
                                "use 200 (the default) or 300 for small print")
        if not self.lang or not self.lang.replace("+", "").replace("_", "").isalnum():
            raise SettingsError(f"bad Tesseract language {self.lang!r}; use codes like 'eng' or 'eng+deu'")


_checked: dict[str, bool] = {}


def require_tesseract() -> None:
    """Raise :class:`MissingDependency` unless pytesseract and the binary work."""
    if _checked.get("ok"):
        return
    # Tesseract's OpenMP threads thrash on a loaded machine: one thread per page
    # measured 3-4x faster here (docs/pdf-engine.md); parallelism is per file.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import pytesseract
    except ImportError as exc:
        raise MissingDependency("pytesseract", "pip install pytesseract, and " + TESSERACT_HINT) from exc
    try:
        pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise MissingDependency("Tesseract OCR", TESSERACT_HINT) from exc
    _checked["ok"] = True


def ocr_image(image: Any, number: int, width: float, height: float, settings: OcrSettings = OcrSettings()) -> PageChars:
    """Words of a rendered page image, with boxes in PDF points.

    Font sizes are estimated from each line's median word height (a word box
    spans roughly ascender to descender, about the font size).
    """
    return _chars(_read(image, settings), number, width, height, image.size, settings)


def ocr_layout(image: Any, number: int, width: float, height: float, settings: OcrSettings = OcrSettings()) -> LaidOutPage:
    """A scanned page as blocks, one per Tesseract paragraph, in Tesseract's order.

    Tesseract's own page segmentation copes with skewed scans and columns
    far better than geometric clustering of its word boxes would.
    """
    data = _read(image, settings)
    sx, sy = width / image.size[0], height / image.size[1]
    paras: dict[tuple[int, int], dict[int, list[int]]] = {}
    for i in _kept(data, settings):
        paras.setdefault((data["block_num"][i], data["par_num"][i]), {}).setdefault(data["line_num"][i], []).append(i)
    blocks = []
    for lines in paras.values():
        texts, lefts, tops, rights, bottoms, heights = [], [], [], [], [], []
        for idx in lines.values():
            idx.sort(key=lambda i: data["word_num"][i])
            texts.append(" ".join(data["text"][i].strip() for i in idx))
            lefts.append(min(data["left"][i] for i in idx) * sx)
            tops.append(min(data["top"][i] for i in idx) * sy)
            rights.append(max(data["left"][i] + data["width"][i] for i in idx) * sx)
            bottoms.append(max(data["top"][i] + data["height"][i] for i in idx) * sy)
            heights.append(median(data["height"][i] for i in idx) * sy)
        x0 = min(lefts)
        blocks.append(
            Block(
                page=number, x0=x0, top=min(tops), x1=max(rights), bottom=max(bottoms), text="\n".join(texts),
                size=round(median(heights) * 2) / 2, lines=tuple(texts), indents=tuple(round(x - x0, 1) for x in lefts),
            )
        )
    sizes = [b.size for b in blocks for _ in b.lines]
    body = max(set(sizes), key=sizes.count) if sizes else None
    return LaidOutPage(number, width, height, tuple(_with_columns(blocks, width)), ocr=True, body_size=body)


def _with_columns(blocks: list[Block], width: float) -> list[Block]:
    """Blocks marked with their column (1 left, 2 right, 0 full width) when
    the page has two: a reference list's entries are told from their
    continuation lines by the indent within a column, so a right-column
    entry must not be measured against the left column's margin."""
    narrow = [b for b in blocks if b.x1 - b.x0 < 0.55 * width and len(b.text) >= 8]
    if len(narrow) < 6:
        return blocks
    from litmap.read.layout.blocks import widest_empty

    # Coverage in 2-pt bins; a running head or a centred byline may cross the gutter.
    cover = [sum(1 for b in narrow if b.x0 < 2 * k < b.x1) for k in range(int(width / 2) + 1)]
    run = widest_empty(cover, int(0.15 * width), int(0.35 * width), max(2, len(narrow) // 10))
    if run is None or run[1] - run[0] < 3:
        return blocks
    best = (2.0 * run[0], 2.0 * run[1])
    mid = (best[0] + best[1]) / 2
    left = sum(1 for b in narrow if b.x1 <= mid)
    right = sum(1 for b in narrow if b.x0 >= mid)
    if left < 3 or right < 3:
        return blocks
    return [replace(b, column=1 if b.x1 <= mid else 2 if b.x0 >= mid else 0) for b in blocks]


def _read(image: Any, settings: OcrSettings) -> dict:
    require_tesseract()
    import pytesseract

    return pytesseract.image_to_data(image, lang=settings.lang, config="--psm 3", output_type=pytesseract.Output.DICT)


def _kept(data: dict, settings: OcrSettings) -> list[int]:
    return [
        i for i, text in enumerate(data["text"])
        if text and text.strip() and float(data["conf"][i]) >= settings.min_confidence
    ]


def _chars(
    data: dict, number: int, width: float, height: float, size: tuple[int, int], settings: OcrSettings
) -> PageChars:
    sx, sy = width / size[0], height / size[1]
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i in _kept(data, settings):
        lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    chars: list[Char] = []
    for idx in lines.values():
        size_pt = round(median(data["height"][i] for i in idx) * sy * 2) / 2 or 1.0
        for i in idx:
            x0, top = data["left"][i] * sx, data["top"][i] * sy
            chars.append(
                Char(data["text"][i].strip(), x0, top, x0 + data["width"][i] * sx, top + data["height"][i] * sy, size_pt)
            )
    return PageChars(number=number, width=width, height=height, chars=tuple(chars), ocr=True, words=True)
