"""Is a text layer garbage?  Control characters, words run together, few real words.

A PDF whose fonts map their glyphs to the wrong code points yields a text
layer that looks like text to a parser but is not: control characters where
punctuation should be, words run together without spaces, or letters that
spell no words.  Such a layer gives one absurd "reference" and no citations.
:func:`garbled_reason` says why a page's (or a document's) text is garbled,
or ``""`` when it reads as text; :mod:`litmap.read.pdf` re-reads such pages by
OCR in ``--ocr auto``.
"""

from __future__ import annotations

import re

__all__ = ["garbled_reason", "broken_words", "GARBLED_MARK"]

#: Every warning about a garbled layer holds this, so status and the report can count them.
GARBLED_MARK = "garbled text layer"
#: Measured on the 42 PDFs of the mixed corpus (pages as pdfium draws them): the broken layer
#: (Mugglin 1999) has 2-3 % control characters inside words on every one of its 30 pages (49 in
#: 1,530 on page 1); no page of the 41 others has any (their formulas' control runs are not counted).
#: Words run together and the share of dictionary words are judged on laid-out text only.
MAX_CONTROL_SHARE = 0.01
MAX_MEAN_RUN = 20.0
MIN_WORD_SHARE = 0.2
_MIN_CHARS = 200
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A C0 control character touching a letter: where a broken font put its punctuation and spaces
# ("Smoothing\x03An").  Runs of them between formulas, and C1 codes of symbol fonts in equations,
# are how math is drawn in some well-read papers: not counted.
_CONTROL_IN_WORDS = re.compile(r"(?<=[^\W\d_])[\x00-\x08\x0b\x0e-\x1f](?=[^\W\d_])")
#: Dingbats, enclosed numbers, geometric shapes and private-use code points touching a letter: a font
#: whose glyphs map to symbols ("P❡♥❛❧✐③❡❞ ❧❡❛st sq✉❛r❡s", an R vignette set in a decorative font).
#: Measured on the shared PDFs and 90 R vignettes (pages as pdfium draws them): that layer has 16-29 % on
#: every page; no other page over 2.4 % (plot markers and keyboard symbols stand apart from words).
MAX_SYMBOL_SHARE = 0.08
_SYMBOL_CLASS = "[\u2400-\u2bff\ue000-\uf8ff]"
_SYMBOL = re.compile(_SYMBOL_CLASS)
_SYMBOL_IN_WORDS = re.compile(rf"(?<=[^\W\d_]){_SYMBOL_CLASS}|{_SYMBOL_CLASS}(?=[^\W\d_])")
#: Any such control character: a cheap search that rules out the look-behind scan on almost every page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: Letters on both sides of symbols prose never puts inside a word ("regiongssen;‘_blage"): what a broken
#: stretch of a text layer (an abstract box read across its keyword column) leaves in an otherwise good page.
_ODD = r";_|\\{}<>^~"
_BROKEN_WORD = re.compile(rf"[^\W\d_][‘’'{_ODD}]*[{_ODD}][‘’'{_ODD}]*[^\W\d_]")


def garbled_reason(text: str, words: frozenset[str] = frozenset(), *, spaced: bool = True) -> str:
    """Why ``text`` is a garbled layer (a short phrase), or ``""``; short texts are never judged.
    ``spaced=False``: the text is a PDF's characters as drawn, without the spaces layout adds, so
    only control characters are judged."""
    visible = sum(map(len, text.split()))  # the characters that are not white space
    if visible < _MIN_CHARS:
        return ""
    control = len(_CONTROL_IN_WORDS.findall(text)) if _CONTROL.search(text) else 0
    if control > MAX_CONTROL_SHARE * visible:
        return f"{control} control characters in {visible}"
    symbols = len(_SYMBOL_IN_WORDS.findall(text)) if _SYMBOL.search(text) else 0
    if symbols > MAX_SYMBOL_SHARE * visible:
        return f"{symbols} symbols inside words in {visible} characters"
    if not spaced:
        return ""
    runs = _LETTER_RUN.findall(text)
    letters = sum(map(len, runs))
    if runs and letters / len(runs) > MAX_MEAN_RUN:
        return f"words run together ({letters / len(runs):.0f} letters between spaces on average)"
    if words:
        # Latin-script words only: a Russian or Chinese page is not judged against an English list.
        candidates = [r.lower() for r in runs if 2 <= len(r) <= 20 and r.isascii()]
        if len(candidates) >= 50:
            share = sum(1 for r in candidates if r in words) / len(candidates)
            if share < MIN_WORD_SHARE:
                return f"only {share:.0%} of its words are words"
    return ""


def broken_words(text: str) -> int:
    """How many words of ``text`` have letters on both sides of a symbol no prose puts inside a word
    (``;``, ``_``, ``|``, braces, angle brackets ...): 0 for clean prose.  Too few to call a page garbled,
    enough to keep such a paragraph from being quoted as evidence."""
    return len(_BROKEN_WORD.findall(text))
