"""Characters → words → line segments.

A *segment* is a run of words on one text line with no gap wider than a
column gutter; two columns side by side therefore give two segments at the
same height, which :mod:`litmap.layout.blocks` assigns to columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Sequence

from litmap.layout import Char, PageChars

__all__ = ["Word", "Segment", "page_words", "segments", "is_bold"]

#: Accents some typesetters draw as separate glyphs; alone they split lines apart.
_LOOSE_ACCENTS = frozenset("¨´`ˆ˜ˇ¸˘˙˚˝")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b$|\.b$", re.I)

#: Glyph gap (× font size) above which two glyphs belong to different words.
WORD_GAP = 0.15
#: Word gap (× font size) above which a line splits into segments (gutters, table cells).
SEGMENT_GAP = 1.1


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Segment:
    """Words of one line, left to right; ``row`` numbers the line on its page."""

    words: tuple[Word, ...]
    row: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    nchars: int

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@lru_cache(maxsize=512)
def is_bold(font: str) -> bool:
    return bool(font) and bool(_BOLD.search(font))


def page_words(page: PageChars) -> list[Word]:
    """The page's words; glyph-level engines are joined here by gaps and spaces."""
    if page.words:
        return [
            Word(c.text, c.x0, c.top, c.x1, c.bottom, c.size, is_bold(c.font))
            for c in _drop_diagonal(page.chars)
            if c.x1 >= c.x0 and c.text.strip() and not (c.text[0] in _LOOSE_ACCENTS and set(c.text) <= _LOOSE_ACCENTS)
        ]
    return _join_glyphs(_drop_diagonal(page.chars))


#: Glyphs in a row that step diagonally (a "Draft" / "For Peer Review" watermark).
DIAGONAL_RUN = 5


def _drop_diagonal(chars: Sequence[Char]) -> Sequence[Char]:
    """Drop runs of glyphs set along a slant: each one further right *and*
    lower (or higher) than the one before, by a fifth of its size or more.

    Horizontal text never does this; a watermark's letters, drawn across
    the page, would otherwise be scattered into the lines they cross.
    """
    drop: set[int] = set()
    run: list[int] = []
    step: tuple[int, int] = (0, 0)
    for i, c in enumerate(chars):
        if not c.text.strip():
            continue
        if run:
            p = chars[run[-1]]
            dx, dy = c.x0 - p.x0, c.top - p.top
            min_step = 0.2 * max(c.size, p.size, 1.0)
            direction = (1 if dx > 0 else -1, 1 if dy > 0 else -1)
            slanted = abs(dx) >= min_step and abs(dy) >= min_step and abs(c.size - p.size) < 0.5
            if slanted and (len(run) == 1 or direction == step):
                step = direction
                run.append(i)
                continue
            if len(run) >= DIAGONAL_RUN:
                drop.update(run)
        run = [i]
        step = (0, 0)
    if len(run) >= DIAGONAL_RUN:
        drop.update(run)
    return [c for i, c in enumerate(chars) if i not in drop] if drop else chars


def _join_glyphs(chars: Sequence[Char]) -> list[Word]:
    # Glyphs come in content-stream order, which is almost always reading order
    # within a line; sort each line by x instead of trusting it.
    rows = _cluster_rows(list(chars))
    words: list[Word] = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        cur: list[Char] = []
        for c in row:
            if not c.text.strip():
                if cur:
                    words.append(_word(cur))
                    cur = []
                continue
            if cur:
                prev = cur[-1]
                if c.text == prev.text and abs(c.x0 - prev.x0) < 0.5:
                    continue  # fake bold: the same glyph printed twice
                if c.x0 - prev.x1 > WORD_GAP * max(prev.size, c.size, 1.0) or c.x0 < prev.x0 - 0.5:
                    words.append(_word(cur))
                    cur = []
            cur.append(c)
        if cur:
            words.append(_word(cur))
    return words


def _word(chars: list[Char]) -> Word:
    sizes = [c.size for c in chars]
    bold = sum(1 for c in chars if is_bold(c.font)) * 2 > len(chars)
    return Word(
        "".join(c.text for c in chars),
        chars[0].x0,
        min(c.top for c in chars),
        max(c.x1 for c in chars),
        max(c.bottom for c in chars),
        max(set(sizes), key=sizes.count),
        bold,
    )


def _cluster_rows(items: list) -> list[list]:
    """Group boxes whose vertical middles lie within ~half a line of each other."""
    items = sorted(items, key=lambda c: c.top + c.bottom)
    rows: list[list] = []
    anchor = tol = 0.0
    for c in items:
        mid = (c.top + c.bottom) / 2
        h = c.bottom - c.top
        t = 0.45 * h if h > 1.0 else 0.45
        if rows and abs(mid - anchor) <= (tol if tol > t else t):
            rows[-1].append(c)
        else:
            rows.append([c])
            anchor, tol = mid, t
    return rows


def segments(words: list[Word]) -> list[Segment]:
    """Cluster words into rows, split rows at wide gaps; sorted top to bottom."""
    out: list[Segment] = []
    for r, row in enumerate(_cluster_rows(words)):
        row.sort(key=lambda w: w.x0)
        sizes = sorted(w.size for w in row)
        gap_limit = SEGMENT_GAP * max(median(sizes), 4.0)
        cur: list[Word] = [row[0]]
        for w in row[1:]:
            if w.x0 - cur[-1].x1 > gap_limit:
                out.append(_segment(cur, r))
                cur = []
            cur.append(w)
        out.append(_segment(cur, r))
    return out


def _segment(words: list[Word], row: int) -> Segment:
    weights: dict[float, int] = {}
    nbold = total = 0
    top, bottom, x1 = words[0].top, words[0].bottom, words[0].x1
    for w in words:
        n = len(w.text)
        weights[w.size] = weights.get(w.size, 0) + n
        total += n
        if w.bold:
            nbold += n
        if w.top < top:
            top = w.top
        if w.bottom > bottom:
            bottom = w.bottom
        if w.x1 > x1:
            x1 = w.x1
    # The body of the line decides its size, not a superscript or drop cap.
    size = max(weights, key=weights.__getitem__)
    return Segment(tuple(words), row, words[0].x0, top, x1, bottom, size, nbold * 2 > total, total)
