"""Layout: characters with positions → lines → blocks in reading order.

The contract between the stages:

* an engine (:mod:`litmap.read.engines`) yields :class:`PageChars` — the
  characters (or words) of one page with their boxes, fonts and sizes;
* :func:`litmap.read.layout.blocks.layout_page` turns one page into
  :class:`Block` s in reading order (columns resolved, lines joined);
* :func:`litmap.read.layout.furniture.clean_pages` removes running headers/footers,
  page numbers, download stamps and cover pages across pages, repairs
  line-break hyphenation and normalises Unicode, and classifies captions and
  footnotes.

The structure stage (:mod:`litmap.parse.structure`) reads only ``Block`` s, so
plain-text inputs (.txt/.md/.html) enter the pipeline as blocks too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Protocol, Union

__all__ = ["Char", "Word", "new_char", "new_block", "PageChars", "CharSource", "Block", "LaidOutPage", "ExtractedPages", "BLOCK_KINDS", "FURNITURE_KINDS"]


@dataclass(frozen=True)
class Char:
    """One glyph (or, from OCR, one word) with its box in PDF points.

    ``top``/``bottom`` grow downwards from the top of the page, as in
    pdfplumber.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str = ""


def new_char(text: str, x0: float, top: float, x1: float, bottom: float, size: float, font: str = "") -> Char:
    """``Char(text, x0, top, x1, bottom, size, font)``, built about twice as fast.

    A frozen dataclass sets each field through ``object.__setattr__``; the
    engines make one :class:`Char` per word of every page, so they fill the
    instance's ``__dict__`` at once instead.  The result is an ordinary,
    equal, hashable ``Char``.
    """
    c = _new(Char)
    d = c.__dict__  # item by item: cheaper than update(**fields), same order
    d["text"] = text
    d["x0"] = x0
    d["top"] = top
    d["x1"] = x1
    d["bottom"] = bottom
    d["size"] = size
    d["font"] = font
    return c


_new = object.__new__


@dataclass(frozen=True)
class Word:
    """A word with its box, size and boldness: what layout works on
    (:mod:`litmap.read.layout.lines`; the pdfium engine makes them directly)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class PageChars:
    number: int  # 1-based
    width: float
    height: float
    #: Glyphs, or words when ``words`` is set: OCR gives its words as ``Char`` s, the pdfium
    #: engine as layout's ``Word`` s (bold judged once per font instead of once per word).
    chars: tuple[Union[Char, Word], ...]
    ocr: bool = False
    #: Set when the engine joined glyphs into words itself (pdfium, OCR).
    words: bool = False


class CharSource(Protocol):
    """What an extraction engine offers: the page count and pages of chars."""

    name: str

    def page_count(self) -> int: ...

    def pages(self) -> Iterator[PageChars]: ...

    def metadata(self) -> dict[str, str]:
        """The PDF's Info/XMP fields (title, author, doi, subject, …)."""
        ...

    def close(self) -> None: ...


#: ``body`` text; ``heading``; ``caption`` (figure/table); ``footnote``;
#: ``table``; and furniture that cleaning drops: ``header``, ``footer``,
#: ``page_number``, ``stamp``, ``cover``.
BLOCK_KINDS = (
    "body",
    "heading",
    "caption",
    "footnote",
    "table",
    "header",
    "footer",
    "page_number",
    "stamp",
    "cover",
)
#: Page furniture: never text of a section, a heading or a reference entry.
FURNITURE_KINDS = frozenset({"header", "footer", "page_number", "stamp", "cover"})


@dataclass(frozen=True)
class Block:
    """A run of lines that belong together, in reading order on its page.

    ``size`` is the dominant font size and ``bold`` whether most characters
    are in a bold face; both feed heading and title detection.  ``lines``
    keeps the line texts (before de-hyphenation) for parsers that need line
    starts, e.g. reference-list splitting by hanging indent; ``indents`` are
    the lines' x0 offsets from the block's x0.
    """

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    size: float = 0.0
    bold: bool = False
    kind: str = "body"
    column: int = 0
    lines: tuple[str, ...] = ()
    indents: tuple[float, ...] = ()


def new_block(page: int, x0: float, top: float, x1: float, bottom: float, text: str, size: float, bold: bool,
              kind: str, column: int, lines: tuple[str, ...], indents: tuple[float, ...]) -> Block:
    """``Block(...)`` with every field given, built as :func:`new_char` builds a ``Char``
    (layout and cleaning make each block once)."""
    b = _new(Block)
    d = b.__dict__  # item by item, in field order
    d["page"] = page
    d["x0"] = x0
    d["top"] = top
    d["x1"] = x1
    d["bottom"] = bottom
    d["text"] = text
    d["size"] = size
    d["bold"] = bold
    d["kind"] = kind
    d["column"] = column
    d["lines"] = lines
    d["indents"] = indents
    return b


@dataclass(frozen=True)
class LaidOutPage:
    number: int
    width: float
    height: float
    blocks: tuple[Block, ...]
    ocr: bool = False
    body_size: Optional[float] = None
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Text of running heads/feet removed from the first two pages: often the
    #: only place the journal, volume and year are printed.
    furniture: tuple[str, ...] = field(default_factory=tuple)
    #: The page number printed on the page (alone, or opening or closing a running head or foot), if any:
    #: a paper's page range when no line prints it (see :func:`litmap.parse.metadata_locator.folio_range`).
    folio: Optional[int] = None


@dataclass(frozen=True)
class ExtractedPages:
    """What reading one file yields, before structuring.

    Produced by :func:`litmap.read.pdf.read_pdf` for PDFs and by
    :func:`litmap.read.textfiles.read_text_file` for .txt/.md/.html.
    ``pages`` are cleaned (furniture removed, hyphenation repaired).
    """

    pages: tuple[LaidOutPage, ...]
    page_count: int
    text_layer: bool = True
    ocr: bool = False
    engine: str = ""
    media_type: str = "pdf"
    pdf_metadata: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
