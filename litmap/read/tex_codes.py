"""TeX font codes that reach the text layer unmapped.

dvips' Type 3 bitmap fonts (old arXiv papers, theses, R vignettes) carry no
Unicode map, so pdfium passes their codes on. With TeX's T1 (Cork) encoding
ff/fi/fl/ffi/ffl are 0x1B-0x1F, the quotes “ ” 0x10/0x11 and the dashes
0x15/0x16: "Roundo\\x1b error", "\\x10tickets\\x11", "pp. 65\\x1585"; 0x1C-0x1F are
even whitespace to Python, so "Coe\\x1ecients" splits into "Coe cients".

Other fonts put other glyphs at those codes (a "tt" ligature at 0x1F in
"Charlo\\x1fe", math italics, a typesetter's own punctuation), so a page is read
as T1 only when it shows a ligature code beside a letter and a second kind of
T1 evidence: another ligature code beside letters, a “quote” pair around a
word, or a dash between digits. Once a page of a document is T1, its later
pages need one ligature code beside a letter (the font is the document's). OT1's codes (ligatures at 0x0B-0x0F) are left alone: on the shared
PDFs they were math fonts' Greek letters far more often than ligatures.

:func:`mark_tex_codes` replaces each code by a private-use character of the
same length (so glyph indexes stay valid for the boxes) and returns the table
that spells the marks out in a word (``word.translate(table)``).
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["mark_tex_codes", "spell_tex_codes", "T1_TABLE"]

_MARK = 0xE000  # T1's code 0x1B is marked U+E01B
_LETTER = r"[^\W\d_]"
_LIGATURE = re.compile(rf"(?<={_LETTER})[\x1b-\x1f]|[\x1b-\x1f](?={_LETTER})")
_QUOTE_PAIR = re.compile(r"\x10[^\x10\x11\n]{0,100}[^\W\d_][^\x10\x11\n]{0,100}\x11")
_DIGIT_DASH = re.compile(r"\d\x15\d")
_CODES = re.compile(r"[\x10\x11\x15\x16\x1b-\x1f]")
_T1 = {0x10: "\u201c", 0x11: "\u201d", 0x15: "\u2013", 0x16: "\u2014",
       0x1B: "ff", 0x1C: "fi", 0x1D: "fl", 0x1E: "ffi", 0x1F: "ffl"}
T1_TABLE = {_MARK + code: text for code, text in _T1.items()}
_ANY_CODE = re.compile(r"[\x10\x11\x15\x16\x1b-\x1f]")


def is_t1_page(text: str, document_t1: bool = False) -> bool:
    """Whether ``text`` (a page as pdfium gives it) reads as T1: a ligature code beside a letter and
    a second kind of evidence, or the ligature alone on a later page of a T1 document."""
    kinds = set(_LIGATURE.findall(text))
    if not kinds:
        return False
    if document_t1:
        return True
    if _QUOTE_PAIR.search(text):
        kinds.add("quotes")
    if _DIGIT_DASH.search(text):
        kinds.add("dash")
    return len(kinds) >= 2


def mark_tex_codes(text: str, document_t1: bool = False) -> tuple[str, Optional[dict[int, str]]]:
    """``text`` with its T1 codes marked, and the table that spells the marks out; ``(text, None)``
    when the page is not read as T1 (the common case). ``document_t1``: an earlier page was."""
    if not _ANY_CODE.search(text) or not is_t1_page(text, document_t1):
        return text, None
    return _CODES.sub(lambda m: chr(_MARK + ord(m.group())), text), T1_TABLE


def spell_tex_codes(text: str) -> str:
    """``text`` (a text export, read as one page) with its T1 codes spelt out ("Coe\\x1ecients" ->
    "Coefficients"), or as it is when it does not read as T1: ``pdftotext`` passes the codes on as pdfium does."""
    marked, table = mark_tex_codes(text)
    return marked.translate(table) if table else text
