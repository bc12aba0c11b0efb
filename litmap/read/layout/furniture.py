"""Page furniture, captions, footnotes, hyphenation and Unicode repair.

:func:`clean_pages` works across all pages of a document because running
heads are only recognisable by repetition and because hyphenation is
decided against the document's own vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterable, Optional, Sequence

from litmap.read.layout.pages import FURNITURE_KINDS, Block, LaidOutPage, new_block
from litmap.util.accents import attach_spacing_accents

__all__ = ["clean_pages", "clean_text", "join_lines", "vocabulary", "compounds_of", "DROPPED_KINDS"]

#: Kinds removed from the pages; ``cover`` blocks stay for the metadata stage.
DROPPED_KINDS = FURNITURE_KINDS - {"cover"}

_EDGE = 0.09  # share of the page height that counts as top/bottom margin
_STAMP = re.compile(
    r"downloaded from\b|this content downloaded from|protected by copyright|all use subject to"
    r"|for personal use only|jstor\.org/(?:stable|terms)|terms and conditions of use"
    r"|reproduced with permission of the copyright owner|further reproduction prohibited",
    re.I,
)
_COVER = re.compile(
    r"to cite this article:|full terms & conditions of access|this is an electronic reprint"
    r"|please cite the original version|citation for (?:the )?published version|institutional repository"
    r"|this is the (?:accepted|author'?s?) (?:manuscript|version)|published online:.*view related articles"
    r"|submit your article to this journal|view crossmark data"
    r"|jstor is a not-for-profit service|your use of the jstor archive|linked references are available on jstor",
    re.I | re.S,
)
#: A block that opens with a DOI, a copyright or a licence: a page's foot, not its text.
_FIRST_PAGE_FOOT = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*10\.\d{4,}|©|\(c\)\s+\d{4}|copyright\b|all rights reserved"
    r"|this is an open access article|published by\b)", re.I)
_PAGE_NO = re.compile(r"^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)\]]?(?:\s+of\s+\d{1,4})?$", re.I)
_CAPTION = re.compile(r"^(?:fig(?:ure)?\.?|table|map|plate|chart|exhibit)\s*[0-9IVX]+[a-z]?\s*[.:|—–-]", re.I)
_CAPTION_LOOSE = re.compile(r"^(?:fig(?:ure)?\.?|table|map|plate)\s*[0-9IVX]+[a-z]?\b|^sources?\s*:|^notes?\s*:", re.I)
_FOOTNOTE = re.compile(r"^\s*(?:\d{1,2}|[*†‡§¶]|[a-z])(?:\s|\.|\)|[A-Z])")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


#: Typesetters' marks left in accepted manuscripts ("political use of
#: [PAGEBREAK] symbols"): no word of the paper, and alone on a line they
#: became a reference entry of their own.
_MARK = r"\[(?:PAGE ?BREAK|COLUMN ?BREAK|page ?break)\]"
_MARK_LINE = re.compile(rf"^[ \t]*{_MARK}[ \t]*(?:\n|$)", re.M)
_MARK_INLINE = re.compile(rf"[ \t]*{_MARK}[ \t]*")


def drop_typesetting_marks(text: str) -> str:
    """``text`` without "[PAGEBREAK]"-style marks: a line holding only one
    goes, one inside a line leaves a space."""
    if "BREAK]" not in text.upper():
        return text
    return _MARK_INLINE.sub(" ", _MARK_LINE.sub("", text)).strip(" \t")


#: Text ftfy leaves as it is: printable ASCII (without "&", which may open an HTML entity), tab and
#: newline, and the typographic punctuation most blocks hold beyond ASCII.  None of these is a ligature,
#: a wide form, a control, a line break other than newline, a surrogate or a character NFC could change
#: or combine, and no string of them can match ftfy's mojibake heuristic (each of its patterns needs
#: an accented letter, a symbol or a C1 control not listed here): ``fix_text`` returns such text
#: unchanged (tests/test_fast_paths.py proves it against ftfy's own patterns).  About two blocks in
#: three that are not ASCII; ftfy costs some 30 µs a call.
_FTFY_PLAIN = re.compile(r"[\t\n\x20-\x25\x27-\x7e’‘“”„–—•…·−∗]*")
#: The same for text with small accented Latin letters ("Müller", "Łódź") and the punctuation of the
#: mojibake heuristic's "common" class only: its patterns with such a letter need a capital accented
#: letter, an opening or closing quote mark, or a symbol next to it.
_FTFY_PLAIN_LETTERS = re.compile(r"[\t\n\x20-\x25\x27-\x7e’–—…·−∗ßà-öø-ÿłśćńźżąęčšžřěőűğşı]*")


def fix_unicode(text: str) -> str:
    """``ftfy.fix_text`` with litmap's settings (curly quotes kept), skipped for text it cannot change."""
    if _FTFY_PLAIN.fullmatch(text) or _FTFY_PLAIN_LETTERS.fullmatch(text):
        return text
    import ftfy

    return ftfy.fix_text(
        text, uncurl_quotes=False, fix_latin_ligatures=True, fix_character_width=True,
        normalization="NFC", explain=False,
    )


def clean_text(text: str) -> str:
    """Unicode repair: mojibake, ligatures, odd spaces, zero-width marks, NFC;
    typesetting marks dropped.

    Curly quotes and dashes stay: citations use en-dashes in page ranges.
    """
    text = drop_typesetting_marks(text)
    if not text.isascii():
        text = fix_unicode(text)
        text = _ZERO_WIDTH.sub("", text)
        text = _SPACES.sub(" ", text)
        # A spacing accent beside its letter ("Yrja¨na¨", "S¨oderbom") → combined.
        text = attach_spacing_accents(text)
    return text


def vocabulary(pages: Sequence[LaidOutPage]) -> tuple[Counter, set[str]]:
    """Lower-cased word counts and the hyphenated compounds seen inside lines."""
    return vocabulary_of(line for page in pages for block in page.blocks for line in block.lines or (block.text,))


def vocabulary_of(lines: Iterable[str]) -> tuple[Counter, set[str]]:
    words: Counter = Counter()
    compounds: set[str] = set()
    for line in lines:
        # the last token may be a break hyphen, not a compound
        for t in _TOKEN.findall(line.rstrip("-\u00ad").lower()):
            words[t] += 1
            if "-" in t:
                compounds.add(t)
    return words, compounds


def compounds_of(lines: Iterable[str]) -> set[str]:
    """``vocabulary_of(lines)[1]`` without counting every word: only a line holding a
    hyphen can hold a hyphenated token (lower-casing makes no hyphen)."""
    compounds: set[str] = set()
    for line in lines:
        if "-" in line:
            compounds.update(t for t in _TOKEN.findall(line.rstrip("-\u00ad").lower()) if "-" in t)
    return compounds


def join_lines(lines: Sequence[str], compounds: set[str]) -> str:
    """Join a block's lines into one paragraph, repairing line-break hyphens.

    ``rescal-`` + ``ing`` → ``rescaling``; the hyphen stays when the document
    writes the compound with a hyphen elsewhere (``city-region``) or when the
    next part starts with a capital (``Anglo-`` + ``American``).
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            first = _broken_word(out)
            tail = _WORD_START.match(line)
            second = tail.group(0) if tail else ""
            if line[0].isupper() or f"{first}-{second}".lower() in compounds:
                out = out + line
            else:
                out = out[:-1] + line
        else:
            out = out + " " + line
    return out


_WORD_END = re.compile(r"[\w-]*-$")
_WORD_START = re.compile(r"[\w-]+")


def _broken_word(out: str) -> str:
    r"""``re.search(r"[\w-]*-$", out)``'s match less its hyphen, or "", searched in the
    last 64 characters first: a match starting after their first character is the one
    a search of the whole text finds (no run of word characters reaches further back)."""
    head = _WORD_END.search(out, max(len(out) - 64, 0))
    if head is None or (head.start() == max(len(out) - 64, 0) and head.start() > 0):
        head = _WORD_END.search(out)
    return head.group(0)[:-1] if head else ""


def _norm(text: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", text.lower())).strip()


def _slot(b: Block) -> tuple[int, float]:
    return (round(b.top / 3), round(b.size, 1))


def _furniture_kind(block: Block, page: LaidOutPage, repeated: set[str], slots: set[tuple[int, float]]) -> str:
    text = block.text.strip()
    edge = block.bottom < page.height * _EDGE * 1.3 or block.top > page.height * (1 - _EDGE)
    if len(text) < 400 and _STAMP.search(text):
        return "stamp"
    if edge and _PAGE_NO.match(text):
        return "page_number"
    if edge and len(text) < 200 and (_norm(text) in repeated or _slot(block) in slots):
        return "header" if block.top < page.height / 2 else "footer"
    if block.top > page.height * (1 - _EDGE) and len(text) < 200 and _FIRST_PAGE_FOOT.match(text):
        # a first page's foot ("https://doi.org/… © 2024 …") is printed once, so it repeats on no page;
        # left in, the body's last line ran on into it ("entrepre" + the DOI + "neurialism")
        return "footer"
    return block.kind


#: A page number opening or closing a running head or foot ("268 Julia Brannen", "Urban Renaissance? 2451").
_HEAD_NO = re.compile(r"^(\d{1,4})\s+\D|\D\s+(\d{1,4})$")


_NON_DIGIT = re.compile(r"\D")
_WORD_OF = re.compile(r"\bof\b", re.I)


def _folio(blocks: Sequence[tuple[Block, str, tuple[str, ...]]]) -> Optional[int]:
    """The page number a page prints: a page-number block's, else one at either end of a running head or foot."""
    for b, kind, lines in blocks:
        digits = _NON_DIGIT.sub("", " ".join(lines)) if kind == "page_number" else ""
        if digits and len(digits) <= 4 and not _WORD_OF.search(b.text):
            return int(digits)
    for b, kind, lines in blocks:
        m = _HEAD_NO.search(" ".join(lines)) if kind in ("header", "footer") else None
        if m:
            return int(m.group(1) or m.group(2))
    return None


def _edge_keys(page: LaidOutPage) -> set[str]:
    keys = set()
    for b in page.blocks:
        if len(b.text) < 200 and (b.bottom < page.height * _EDGE * 1.3 or b.top > page.height * (1 - _EDGE)):
            keys.add(_norm(b.text))
    return keys


def _is_cover(page: LaidOutPage, index: int, total: int) -> bool:
    if index > 1 or total < 2:
        return False
    text = "\n".join(b.text for b in page.blocks)
    return len(text) < 4000 and bool(_COVER.search(text))


def _content_kind(block: Block, page: LaidOutPage) -> str:
    text = block.text.lstrip()
    body = page.body_size or block.size
    if _CAPTION.match(text) or (_CAPTION_LOOSE.match(text) and (block.size < body - 0.3 or block.bold)):
        return "caption"
    small = block.size and body and block.size < body - 0.6
    if small and block.top > page.height * 0.55 and _FOOTNOTE.match(text):
        return "footnote"
    return block.kind


def clean_pages(pages: Sequence[LaidOutPage]) -> list[LaidOutPage]:
    """Classify and drop furniture, classify captions/footnotes, repair text.

    Returns new pages whose blocks have ``text`` as one cleaned paragraph
    (``lines`` keep the cleaned line texts, hyphens and all).
    """
    n = len(pages)
    counts: Counter = Counter()
    for p in pages:
        counts.update(_edge_keys(p))
    # A running head appears on at least two pages and (alternating odd/even) on a quarter of them.
    min_pages = max(2, int(0.25 * n))
    repeated = {k for k, c in counts.items() if c >= min_pages}
    # Alternating heads (journal on odd pages, authors on even ones) may occur
    # once in a short paper: same place and size as a repeated head is enough.
    slots = {
        _slot(b) for p in pages for b in p.blocks
        if len(b.text) < 200 and _norm(b.text) in repeated and not _PAGE_NO.match(b.text.strip())
        and (b.bottom < p.height * _EDGE * 1.3 or b.top > p.height * (1 - _EDGE))
    }
    cleaned_lines: list[tuple[LaidOutPage, list[tuple[Block, str, tuple[str, ...]]]]] = []
    for i, page in enumerate(pages):
        cover = _is_cover(page, i, n)
        blocks = []
        for b in page.blocks:
            # a sidebar laid out as ``cover`` (JOSS) stays cover, whatever it reads like
            kind = "cover" if cover or b.kind == "cover" else _furniture_kind(b, page, repeated, slots)
            if kind == b.kind and kind != "cover":
                kind = _content_kind(b, page)
            raw_lines = b.lines or (b.text,)
            cleaned = [clean_text(line) for line in raw_lines]
            if not all(cleaned) and b.indents and len(b.indents) == len(raw_lines):
                # a line that was only a typesetting mark goes, with its indent
                b = replace(b, indents=tuple(x for x, t in zip(b.indents, cleaned) if t))
            lines = tuple(t for t in cleaned if t)
            if lines:
                blocks.append((b, kind, lines))
        cleaned_lines.append((page, blocks))
    compounds = compounds_of(line for _, blocks in cleaned_lines for _, _, lines in blocks for line in lines)
    out = []
    for page, blocks in cleaned_lines:
        kept = tuple(
            new_block(b.page, b.x0, b.top, b.x1, b.bottom, join_lines(lines, compounds), b.size, b.bold, kind,
                      b.column, lines, b.indents)
            for b, kind, lines in blocks if kind not in DROPPED_KINDS
        )
        furniture = tuple(
            " ".join(lines) for b, kind, lines in blocks if kind in ("header", "footer") and page.number <= 2
        )
        out.append(replace(page, blocks=kept, furniture=furniture, folio=_folio(blocks)))
    return out

