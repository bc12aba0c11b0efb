"""Line segments → blocks in reading order, with two-column detection.

Reading order: the page is cut into horizontal *bands* by full-width
segments (titles, abstracts, wide figures); inside a band the left column is
read before the right one.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Optional, Sequence

from litmap.layout import Block, LaidOutPage, PageChars
from litmap.layout.lines import Segment, page_words, segments

__all__ = ["layout_page", "find_gutter", "reading_order", "Gutter"]


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
    segs = segments(words)
    gutter = find_gutter(segs, page.width)
    ordered = reading_order(segs, gutter)
    body = _body_size(segs)
    blocks = tuple(_blocks(ordered, page.number, body))
    return LaidOutPage(page.number, page.width, page.height, blocks, ocr=page.ocr, body_size=body)


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
    if len(narrow) < 12:
        return None
    nbins = max(int(width / 2), 1)
    cover = [0] * (nbins + 1)
    for s in narrow:
        for b in range(max(int(s.x0 / 2), 0), min(int(s.x1 / 2), nbins) + 1):
            cover[b] += 1
    # centred headings, journal banners and the odd wide line may cross the gutter
    limit = max(2, len(narrow) // 12)
    lo, hi = int(0.22 * nbins), int(0.78 * nbins)
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
    if best is None:
        return None
    g = Gutter(best[0] * 2.0, best[1] * 2.0)
    left = sum(1 for s in narrow if s.x1 <= g.x0 + 2 and s.nchars >= 8)
    right = sum(1 for s in narrow if s.x0 >= g.x1 - 2 and s.nchars >= 8)
    if left < 5 or right < 5:
        return None
    return g


def _column(s: Segment, g: Optional[Gutter]) -> int:
    if g is None:
        return 0
    if s.x1 <= g.mid + 1:
        return 1
    if s.x0 >= g.mid - 1:
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

    def flush() -> None:
        for col in (1, 2):
            out.extend((s, col) for s in band[col])
            band[col] = []

    for s in rows:
        col = cols[id(s)]
        if id(s) in beside:
            side.append(s)
            continue
        if col == 0:
            flush()
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
        if pc == cc and abs(prev.size - cur.size) < 0.6 and 0 <= cur.top - prev.bottom < 2 * cur.size
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
        left, right = min(left, seg.x0), max(right, seg.x1)
    if cur_lines:
        out.append(_block(cur_lines, page, cur_col))
    return out


def _breaks(lines: list[Segment], seg: Segment, new_col: bool, line_gap: float, left: float, right: float) -> bool:
    prev = lines[-1]
    size = max(prev.size, seg.size, 1.0)
    if new_col:
        return True
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
    x0 = min(s.x0 for s in lines)
    weight: dict[float, int] = {}
    nbold = total = 0
    for s in lines:
        weight[s.size] = weight.get(s.size, 0) + s.nchars
        total += s.nchars
        nbold += s.nchars if s.bold else 0
    texts = tuple(s.text for s in lines)
    return Block(
        page=page,
        x0=x0,
        top=min(s.top for s in lines),
        x1=max(s.x1 for s in lines),
        bottom=max(s.bottom for s in lines),
        text="\n".join(texts),
        size=max(weight, key=lambda k: weight[k]),
        bold=nbold * 2 > total,
        column=col,
        lines=texts,
        indents=tuple(round(s.x0 - x0, 1) for s in lines),
    )
