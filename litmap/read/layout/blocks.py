"""Line segments → blocks in reading order, with two-column detection.

Reading order: the page is cut into horizontal *bands* by full-width
segments (titles, abstracts, wide figures); inside a band the left column is
read before the right one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import accumulate
from operator import attrgetter
from statistics import median
from typing import Optional, Sequence

from litmap.read.layout.pages import Block, LaidOutPage, PageChars, new_block
from litmap.read.layout.lines import Segment, Word, _cluster_rows, margin_numbers_and_rows, page_words, segments

_x0, _x1, _size = attrgetter("x0"), attrgetter("x1"), attrgetter("size")
_top, _bottom, _text = attrgetter("top"), attrgetter("bottom"), attrgetter("text")

__all__ = ["layout_page", "find_gutter", "reading_order", "split_sidebar", "Gutter"]


@dataclass(frozen=True)
class Gutter:
    """The empty vertical band between two columns, in points."""

    x0: float
    x1: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def layout_page(page: PageChars) -> LaidOutPage:
    """One page of characters → blocks in reading order."""
    words = page_words(page)
    if not words:
        return LaidOutPage(page.number, page.width, page.height, (), ocr=page.ocr)
    words, rows = margin_numbers_and_rows(words, page.height)
    kept, side = split_sidebar(words, page.width, page.height)
    # the margin-number pass clustered these words into rows already, unless the sidebar took some
    segs = _drop_line_numbers(segments(kept, rows if kept is words else None))
    gutter = find_gutter(segs, page.width)
    ordered = reading_order(segs, gutter)
    body = _body_size(segs)
    blocks = _blocks(ordered, page.number, body)
    if side:
        # The sidebar (DOI, editor, dates, licence) is front matter beside the
        # text: ``cover`` blocks keep it out of the body flow but let the
        # metadata stage read it.
        blocks += [replace(b, kind="cover") for b in _blocks([(s, 0) for s in segments(side)], page.number, body)]
    return LaidOutPage(page.number, page.width, page.height, tuple(blocks), ocr=page.ocr, body_size=body)


#: A sidebar's right edge lies within this share of the page width.
SIDEBAR_MAX = 0.4
#: Share of the page height at top and bottom where running heads and feet may cross the sidebar's strip.
_EDGE = 0.09


def split_sidebar(words: list[Word], width: float, height: float) -> tuple[list[Word], list[Word]]:
    """Split off a narrow left sidebar (a JOSS first page's DOI / editor /
    licence strip): ``(text words, sidebar words)``.

    The sidebar is separated from the text by a vertical strip no word
    crosses anywhere between the running head and foot, so a table's first
    column or a keywords box beside an abstract (with full-width lines above
    or below them) never qualifies.  It has lines of several words (not
    the labels of a numbered list) beside at least as many lines of text,
    and the text holds most of the page.
    """
    upper, lower = _EDGE * height, (1 - _EDGE) * height
    inner = [w for w in words if w.top >= upper and w.bottom <= lower]
    if len(inner) < 20:
        return words, []
    size = median(map(_size, inner))
    gap, left, right = max(0.6 * size, 5.0), 0.05 * width, SIDEBAR_MAX * width
    for reach, x0 in _open_strips(inner, gap, left, right):
        side = [w for w in inner if w.x1 <= reach]
        if _is_sidebar(side, [w for w in inner if w.x0 >= x0]):
            keep = {id(w) for w in side}
            return [w for w in words if id(w) not in keep], side
    return words, []


def _open_strips(words: list[Word], gap: float, left: float, right: float) -> list[tuple[float, float]]:
    """Where no word crosses a strip at least ``gap`` wide whose left side lies between ``left`` and
    ``right``: ``(reach, x0)`` pairs, the strip running from the furthest right edge ``reach`` of the
    words starting left of it (in x0, x1 order) to the next word's ``x0``.  Numpy over the page's
    words at once (maxima and one subtraction are exact), word by word where an edge is NaN."""
    import numpy as np

    n = len(words)
    x0 = np.fromiter(map(_x0, words), dtype=np.float64, count=n)
    x1 = np.fromiter(map(_x1, words), dtype=np.float64, count=n)
    if np.isnan(x0).any() or np.isnan(x1).any():  # numpy sorts and takes maxima of NaN its own way
        return _open_strips_plain(words, gap, left, right)
    order = np.lexsort((x1, x0))  # sorted (x0, x1) pairs
    x0, x1 = x0[order], x1[order]
    reach = np.maximum.accumulate(x1)[:-1]  # before each later word
    at = np.flatnonzero((x0[1:] - reach >= gap) & (left < reach) & (reach < right))
    return list(zip(reach[at].tolist(), x0[at + 1].tolist()))


def _open_strips_plain(words: list[Word], gap: float, left: float, right: float) -> list[tuple[float, float]]:
    """:func:`_open_strips`, word by word."""
    spans = sorted(zip(map(_x0, words), map(_x1, words)))
    reach = spans[0][1]
    out: list[tuple[float, float]] = []
    for x0, x1 in spans[1:]:
        if x0 - reach >= gap and left < reach < right:
            out.append((reach, x0))
        if x1 > reach:  # max(reach, x1), spelt out
            reach = x1
    return out


def _is_sidebar(side: list[Word], text: list[Word]) -> bool:
    # words, not a figure's tick labels or the lone glyphs of rotated text
    if sum(c.isalpha() for w in side for c in w.text) < 30 or sum(len(w.text) for w in side) < 3 * len(side):
        return False
    rows = _rows(side)
    if len(rows) < 4 or sum(1 for r in rows if len(r) >= 2) < 0.5 * len(rows):
        return False
    top, bottom = min(w.top for w in side), max(w.bottom for w in side)
    beside = [w for w in text if top <= (w.top + w.bottom) / 2 <= bottom]
    nchars = sum(len(w.text) for w in side)
    if len(_rows(beside)) < max(4, len(rows) // 2) or sum(len(w.text) for w in text) < 2 * nchars:
        return False
    # One column of text beside it, not the other columns of a multi-column list.
    gap = max(0.6 * median(w.size for w in beside), 5.0)
    spans = sorted((w.x0, w.x1) for w in beside)
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= gap:
            return False
        reach = max(reach, x1)
    return True


def _rows(words: list[Word]) -> list[list[Word]]:
    return _cluster_rows(list(words))


def _drop_line_numbers(segs: list[Segment]) -> list[Segment]:
    """Drop a manuscript's line numbering: bare numbers in the margin, left
    or right of all other text and well apart from it, five or more of them
    mostly counting up.  Left in, they interleave with the lines they number."""
    numeric = [s for s in segs if s.text.isdigit() and len(s.text) <= 4]
    if len(numeric) < 5:
        return segs
    others = [s for s in segs if not (s.text.isdigit() and len(s.text) <= 4)]
    if not others:
        return segs
    left = min(s.x0 for s in others)
    right = max(s.x1 for s in others)
    gap = 2.0 * median(s.size for s in others)
    margin = [s for s in numeric if s.x1 < left - gap or s.x0 > right + gap]
    if len(margin) < 5:
        return segs
    values = [int(s.text) for s in sorted(margin, key=lambda s: s.top)]
    if sum(1 for a, b in zip(values, values[1:]) if b > a) < 0.8 * (len(values) - 1):
        return segs
    drop = {id(s) for s in margin}
    return [s for s in segs if id(s) not in drop]


def _body_size(segs: Sequence[Segment]) -> float:
    weight: dict[float, int] = {}
    for s in segs:
        k = round(s.size * 2) / 2
        weight[k] = weight.get(k, 0) + s.nchars
    return max(weight, key=lambda k: weight[k])


def find_gutter(segs: Sequence[Segment], width: float) -> Optional[Gutter]:
    """The widest text-free band in the middle of the page, if it separates columns.

    Coverage counts segments narrower than half the page; a gutter may be
    crossed by a few of them (centred headings, banners) and have enough lines on both sides.
    """
    narrow = [s for s in segs if s.x1 - s.x0 < 0.5 * width and s.nchars >= 3]
    # A page with only a few column lines (the end of a two-column article
    # above full-width back matter) needs a clean gutter and side-by-side rows.
    few = len(narrow) < 12
    if len(narrow) < 6:
        return None
    nbins = max(int(width / 2), 1)
    cover = _coverage([(max(int(s.x0 / 2), 0), min(int(s.x1 / 2), nbins)) for s in narrow], nbins)
    # centred headings, journal banners and the odd wide line may cross the gutter
    limit = 0 if few else max(2, len(narrow) // 12)
    best = widest_empty(cover, int(0.22 * nbins), int(0.78 * nbins), limit)
    if best is None:
        return None
    g = Gutter(best[0] * 2.0, best[1] * 2.0)
    left = [s for s in narrow if s.x1 <= g.x0 + 2 and s.nchars >= 8]
    right = [s for s in narrow if s.x0 >= g.x1 - 2 and s.nchars >= 8]
    if few:
        rows = {s.row for s in left} & {s.row for s in right}
        if len(left) < 3 or len(right) < 3 or len(rows) < 3 or g.x1 - g.x0 < 10:
            return None
    elif len(left) < 5 or len(right) < 5:
        # The band may be widened by the segments it tolerates (the hanging
        # entry starts of a short two-column reference list's right column):
        # then a side's lines end or start inside it, row beside row.
        left = [s for s in narrow if s.x1 <= g.x1 - 2 and s.x0 < g.x0 and s.nchars >= 8]
        right = [s for s in narrow if s.x0 >= g.x0 + 2 and s.x1 > g.x1 and s.nchars >= 8]
        rows = {s.row for s in left} & {s.row for s in right}
        if len(left) < 5 or len(right) < 5 or len(rows) < 5:
            return None
    return g


def _coverage(spans: list[tuple[int, int]], nbins: int) -> list[int]:
    """How many of the bin ranges ``lo..hi`` (inclusive; ``hi <= nbins``) hold each bin
    ``0..nbins``: a count per bin, from the ranges' starts and ends (not bin by bin)."""
    steps = [0] * (nbins + 2)
    for lo, hi in spans:
        if lo <= hi:
            steps[lo] += 1
            steps[hi + 1] -= 1
    return list(accumulate(steps[:-1]))


def widest_empty(cover: list[int], lo: int, hi: int, limit: int) -> Optional[tuple[int, int]]:
    """The widest run of bins in ``lo..hi`` crossed by at most ``limit`` segments."""
    best: Optional[tuple[int, int]] = None
    start = None
    for b in range(lo, hi + 2):
        empty = b <= hi and cover[b] <= limit
        if empty and start is None:
            start = b
        elif not empty and start is not None:
            if best is None or b - start > best[1] - best[0]:
                best = (start, b)
            start = None
    return best


def _heading_last(band: dict[int, list[Segment]]) -> None:
    """A heading at the foot of the left column, below the end of the right
    one, opens the full-width text that follows ("About the Authors" under a
    two-column reference list): read it after the right column."""
    left, right = band[1], band[2]
    if not left or not right:
        return
    right_end = max(s.bottom for s in right)
    sizes = sorted(s.size for s in left)
    k = len(left)
    while k > 0 and len(left) - k < 2 and left[k - 1].top > right_end and \
            (left[k - 1].bold or left[k - 1].size >= 1.15 * sizes[len(sizes) // 2]):
        k -= 1
    if k < len(left) and k > 0:
        right.extend(left[k:])
        del left[k:]


def _sub_gutter(segs: Sequence[Segment]) -> Optional[Gutter]:
    """A gutter inside one column's segments, when they form two columns of
    text lines (not table cells: both sides need lines of some length)."""
    narrow = [s for s in segs if s.nchars >= 3]
    if len(narrow) < 12:
        return None
    lo_x = min(s.x0 for s in narrow)
    width = max(s.x1 for s in narrow) - lo_x
    narrow = [s for s in narrow if s.x1 - s.x0 < 0.6 * width]
    if len(narrow) < 12 or width < 100:
        return None
    nbins = int(width / 2) + 1
    cover = _coverage([(max(int((s.x0 - lo_x) / 2), 0), min(int((s.x1 - lo_x) / 2), nbins)) for s in narrow], nbins)
    limit = max(1, len(narrow) // 15)
    best = widest_empty(cover, int(0.2 * nbins), int(0.8 * nbins), limit)
    if best is None or best[1] - best[0] < 3:
        return None
    g = Gutter(lo_x + best[0] * 2.0, lo_x + best[1] * 2.0)
    left = [s.nchars for s in narrow if s.x1 <= g.x0 + 2]
    right = [s.nchars for s in narrow if s.x0 >= g.x1 - 2]
    if len(left) < 5 or len(right) < 5 or median(left) < 15 or median(right) < 15:
        return None
    return g


def _column(s: Segment, g: Optional[Gutter]) -> int:
    if g is None:
        return 0
    if s.x1 <= g.mid + 1:
        return 1
    if s.x0 >= g.mid - 1:
        return 2
    # The gutter band tolerates a few crossings, so it can be wider than the
    # real one: a hanging-indent entry start reaching into it from the right
    # still belongs to the right column (a line of text, not a table cell).
    if s.x0 >= g.x0 - 1 and s.nchars >= 20:
        return 2
    return 0


def reading_order(segs: Sequence[Segment], g: Optional[Gutter]) -> list[tuple[Segment, int]]:
    """Segments with their column (0 = full width), in reading order."""
    rows = sorted(segs, key=lambda s: (s.row, s.x0))
    if g is None:
        return [(s, 0) for s in rows]
    out: list[tuple[Segment, int]] = []
    band: dict[int, list[Segment]] = {1: [], 2: []}
    cols = {id(s): _column(s, g) for s in rows}
    wide = [s for s in rows if cols[id(s)] == 0]
    # A narrow segment next to a full-width one (a keywords box beside an
    # abstract) is a sidebar: read it after that full-width run, not inside it.
    beside = {
        id(s) for s in rows if cols[id(s)] and any(
            t.top < s.bottom and s.top < t.bottom and (t.x0 >= s.x1 - 1 or t.x1 <= s.x0 + 1) for t in wide
        )
    }
    side: list[Segment] = []

    def flush(before_wide: bool = False) -> None:
        if before_wide:
            _heading_last(band)
        for col in (1, 2):
            sub = _sub_gutter(band[col])
            if sub is None:
                out.extend((s, col) for s in band[col])
            else:
                # A column that is itself two columns (a three-column reference
                # list under two-column text): read each of them in turn.
                out.extend((s, col if c == 0 else col + 2 * c) for s, c in reading_order(band[col], sub))
            band[col] = []

    for s in rows:
        col = cols[id(s)]
        if id(s) in beside:
            side.append(s)
            continue
        if col == 0:
            flush(before_wide=True)
            out.append((s, 0))
            continue
        if side:
            out.extend((t, cols[id(t)]) for t in side)
            side = []
        band[col].append(s)
    out.extend((t, cols[id(t)]) for t in side)
    flush()
    return out


def _blocks(ordered: list[tuple[Segment, int]], page: int, body: float) -> list[Block]:
    gaps = [
        cur.top - prev.bottom
        for (prev, pc), (cur, cc) in zip(ordered, ordered[1:])
        # Glyph boxes taller than the line pitch overlap (small negative gaps):
        # those are the ordinary line gaps and must count too.
        if pc == cc and abs(prev.size - cur.size) < 0.6 and -0.5 * cur.size <= cur.top - prev.bottom < 2 * cur.size
    ]
    line_gap = median(gaps) if gaps else 0.25 * body
    out: list[Block] = []
    cur_lines: list[Segment] = []
    cur_col = -1
    left = right = 0.0
    for seg, col in ordered:
        # a full-width title's short last line falls in column 1 but continues it
        tail = cur_col == 0 and col == 1 and abs(seg.x0 - left) < seg.size and seg.size >= 1.2 * body
        if cur_lines and _breaks(cur_lines, seg, col != cur_col and not tail, line_gap, left, right):
            out.append(_block(cur_lines, page, cur_col))
            cur_lines = []
        if not cur_lines:
            cur_col = col
            left, right = seg.x0, seg.x1
        cur_lines.append(seg)
        # min(left, seg.x0) and max(right, seg.x1), spelt out (NaN edges alike: kept unless beaten)
        if seg.x0 < left:
            left = seg.x0
        if seg.x1 > right:
            right = seg.x1
    if cur_lines:
        out.append(_block(cur_lines, page, cur_col))
    return out


def _breaks(lines: list[Segment], seg: Segment, new_col: bool, line_gap: float, left: float, right: float) -> bool:
    if new_col:
        return True
    prev = lines[-1]
    size = max(prev.size, seg.size, 1.0)
    if seg.row == prev.row:  # another cell of the same row (tables): new block
        return True
    gap = seg.top - prev.bottom
    if gap < -0.5 * size or gap > line_gap + 0.5 * size:
        return True
    if abs(seg.size - prev.size) >= 0.9 or seg.bold != prev.bold and (seg.bold or len(lines) == 1):
        return True
    if seg.x0 > prev.x1 or seg.x1 < prev.x0:
        return True
    # Paragraph indent after a short line; hanging indents (reference lists),
    # where the line before is full, do not break.
    indent = seg.x0 - left
    prev_short = prev.x1 < right - 2.0 * size
    if 0.8 * size < indent < 6 * size and prev.x0 - left < 0.5 * size and prev_short:
        return True
    return False


def _block(lines: list[Segment], page: int, col: int) -> Block:
    if len(lines) == 1:  # three blocks in four: no sizes to weigh, no edges to compare
        return _one_line_block(lines[0], page, col)
    x0 = min(map(_x0, lines))
    weight: dict[float, int] = {}
    nbold = total = 0
    for s in lines:
        weight[s.size] = weight.get(s.size, 0) + s.nchars
        total += s.nchars
        nbold += s.nchars if s.bold else 0
    texts = tuple(map(_text, lines))
    return new_block(
        page, x0, min(map(_top, lines)), max(map(_x1, lines)), max(map(_bottom, lines)), "\n".join(texts),
        max(weight, key=weight.__getitem__), nbold * 2 > total, "body", col, texts,
        tuple([round(s.x0 - x0, 1) for s in lines]),
    )


def _one_line_block(s: Segment, page: int, col: int) -> Block:
    """:func:`_block` of one segment: its box, size and text; bold when it is (and has text)."""
    # the indent is 0.0, or NaN for an edge that is not finite, as _block's subtraction gives it
    return new_block(
        page, s.x0, s.top, s.x1, s.bottom, s.text, s.size, s.nchars * 2 > s.nchars if s.bold else False,
        "body", col, (s.text,), (round(s.x0 - s.x0, 1),),
    )
