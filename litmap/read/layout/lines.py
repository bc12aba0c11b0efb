"""Characters → words → line segments.

Engines that find words themselves skip the first step: the pdfium engine
makes :class:`Word` s directly, OCR gives ``Char`` s that become words here.

A *segment* is a run of words on one text line with no gap wider than a
column gutter; two columns side by side therefore give two segments at the
same height, which :mod:`litmap.read.layout.blocks` assigns to columns.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from math import inf, isfinite
from operator import attrgetter
from statistics import median
from typing import Sequence, Union, cast

from litmap.read.layout.pages import Char, PageChars, Word

__all__ = ["Word", "Segment", "page_words", "segments", "is_bold", "drop_margin_numbers", "margin_numbers_and_rows"]

#: Accents some typesetters draw as separate glyphs; alone they split lines apart.
_LOOSE_ACCENTS = frozenset("¨´`ˆ˜ˇ¸˘˙˚˝")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b$|\.b$", re.I)

#: Glyph gap (× font size) above which two glyphs belong to different words.
WORD_GAP = 0.15
#: Word gap (× font size) above which a line splits into segments (gutters, table cells).
SEGMENT_GAP = 1.1


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

    @cached_property
    def text(self) -> str:
        # cached in the instance's __dict__ (not a field: equality and hashing ignore it);
        # layout and cleaning read a segment's text several times
        return " ".join([w.text for w in self.words])


def _new_word(text: str, x0: float, top: float, x1: float, bottom: float, size: float, bold: bool) -> Word:
    """``Word(...)`` without the frozen dataclass's field-by-field ``object.__setattr__``
    (about twice as fast; one is made per word of every page)."""
    w = _new(Word)
    d = w.__dict__  # item by item: cheaper than update(**fields), same order
    d["text"] = text
    d["x0"] = x0
    d["top"] = top
    d["x1"] = x1
    d["bottom"] = bottom
    d["size"] = size
    d["bold"] = bold
    return w


_new = object.__new__
_set = object.__setattr__

#: What an engine's page holds: glyphs, or words (:class:`litmap.read.layout.pages.PageChars`).
Glyph = Union[Char, Word]


@lru_cache(maxsize=512)
def is_bold(font: str) -> bool:
    return bool(font) and bool(_BOLD.search(font))


def page_words(page: PageChars) -> list[Word]:
    """The page's words; glyph-level engines are joined here by gaps and spaces."""
    if page.words:
        chars = _drop_diagonal(page.chars)
        if chars and type(chars[0]) is Word:  # the pdfium engine's: made as Words, only filtered here
            return [w for w in cast("Sequence[Word]", chars)
                    if w.x1 >= w.x0 and (t := w.text).strip() and not (t[0] in _LOOSE_ACCENTS and set(t) <= _LOOSE_ACCENTS)]
        words: list[Word] = []
        for c in cast("Sequence[Char]", chars):
            text = c.text
            if c.x1 >= c.x0 and text.strip() and not (text[0] in _LOOSE_ACCENTS and set(text) <= _LOOSE_ACCENTS):
                # Word(text, x0, top, x1, bottom, size, bold) from the Char's own field dict (the same
                # names but the last, in the same order), copied whole: cheaper than field by field
                d = c.__dict__.copy()
                d["bold"] = is_bold(d.pop("font"))
                w = _new(Word)
                _set(w, "__dict__", d)
                words.append(w)
        return words
    return _join_glyphs(cast("Sequence[Char]", _drop_diagonal(page.chars)))


#: Glyphs in a row that step diagonally (a "Draft" / "For Peer Review" watermark).
DIAGONAL_RUN = 5


def _drop_diagonal(chars: Sequence[Glyph]) -> Sequence[Glyph]:
    """Drop runs of glyphs set along a slant: each one further right *and*
    lower (or higher) than the one before, by a fifth of its size or more.

    Horizontal text never does this; a watermark's letters, drawn across
    the page, would otherwise be scattered into the lines they cross.
    """
    if not _may_slant(chars):
        return chars
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


def _may_slant(chars: Sequence[Glyph]) -> bool:
    """Whether :func:`_drop_diagonal` can find a run at all: a run of
    :data:`DIAGONAL_RUN` glyphs needs that many less one slanted steps in a
    row between neighbouring glyphs (the same test, on arrays)."""
    import numpy as np

    shown = [c for c in chars if c.text.strip()]
    if len(shown) < DIAGONAL_RUN:
        return False
    top = np.fromiter(map(_top, shown), dtype=np.float64, count=len(shown))
    # A slanted step moves down or up by at least 0.2 pt (min_step >= 0.2): most pages have no
    # run of such steps at all (a line break is one), and need no x0 or size read.
    if not _has_run(np.abs(np.diff(top)) >= 0.2):
        return False
    x0 = np.fromiter(map(_x0, shown), dtype=np.float64, count=len(shown))
    size = np.fromiter(map(_size, shown), dtype=np.float64, count=len(shown))
    min_step = 0.2 * np.maximum(np.maximum(size[1:], size[:-1]), 1.0)
    slanted = ((np.abs(np.diff(x0)) >= min_step) & (np.abs(np.diff(top)) >= min_step)
               & (np.abs(size[1:] - size[:-1]) < 0.5))
    return _has_run(slanted)


def _has_run(steps) -> bool:
    """Whether the boolean array ``steps`` holds :data:`DIAGONAL_RUN` - 1 true values in a row."""
    import numpy as np

    need = DIAGONAL_RUN - 1
    if steps.sum() < need:
        return False
    runs = np.convolve(steps.astype(np.int32), np.ones(need, dtype=np.int32), mode="valid")
    return bool((runs >= need).any())


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
    """Group boxes whose vertical middles lie within ~half a line of each other.

    Boxes come top down and each row is anchored on its first box.  A
    smaller box set just after a box of the row (a subscript, "X ijt") joins
    that row even beyond the anchor's reach: a superscript or a taller word
    that opened the row may sit too high for it ("X denotes", "ijt").  Rows
    span the page, so where two columns' lines are offset by half a line a
    box can land in the wrong one; a second pass gives every box to the
    row whose dominant boxes' middle is clearly nearest.
    """
    import numpy as np

    n = len(items)
    tops = np.fromiter(map(_top, items), dtype=np.float64, count=n)
    bottoms = np.fromiter(map(_bottom, items), dtype=np.float64, count=n)
    key = tops + bottoms
    if np.isnan(key).any():  # NaN keys: keep Python's own sort order
        order = np.array(sorted(range(n), key=key.tolist().__getitem__), dtype=np.intp)
    else:  # a stable sort by the same keys gives the same order
        order = np.argsort(key, kind="stable")
    items = [items[i] for i in order.tolist()]
    tops, bottoms = tops[order], bottoms[order]
    mids = (tops + bottoms) / 2
    hs = bottoms - tops
    # each box's reach, 0.45 * h if h > 1.0 else 0.45 (NaN: 0.45), one IEEE product as in Python
    reach = np.where(hs > 1.0, 0.45 * hs, 0.45)
    if not n:
        return []
    mid_list, reach_list, bottom_list = mids.tolist(), reach.tolist(), bottoms.tolist()
    cur = [items[0]]  # the row being filled, opened by the first box
    rows: list[list] = [cur]
    anchor, tol = mid_list[0], reach_list[0]
    # the lowest bottom edge of the row (NaN edges skipped): a box whose middle lies more than
    # 0.5 below it is inside no box of the row, so _attached would say no without looking
    low = bottom_list[0] if bottom_list[0] > -inf else -inf
    for c, mid, t, bottom in zip(items[1:], mid_list[1:], reach_list[1:], bottom_list[1:]):
        if abs(mid - anchor) <= (tol if tol > t else t) or (mid <= low + 0.5 and _attached(c, cur)):
            cur.append(c)
            if bottom > low:
                low = bottom
        else:
            cur = [c]
            rows.append(cur)
            anchor, tol = mid, t
            low = bottom if bottom > -inf else -inf
    # the rows hold the sorted boxes in order: the second pass reuses their arrays
    return _nearest_rows(rows, items, tops, bottoms) if len(rows) > 1 else rows


def _attached(c, row: list) -> bool:
    """A sub/superscript: smaller (box or type) than a box of the row, its
    middle inside that box's height, set right after it."""
    h = c.bottom - c.top
    mid = (c.top + c.bottom) / 2
    for r in row:
        rh = r.bottom - r.top
        smaller = h < 0.85 * rh or c.size < 0.85 * r.size
        # only after its base: glyphs of a vertical margin stamp sit just left of the lines
        if smaller and r.top - 0.5 <= mid <= r.bottom + 0.5 and -0.5 * h < c.x0 - r.x1 < 0.25 * rh:
            return True
    return False


def _nearest_rows(rows: list[list], items: list | None = None, tops=None, bottoms=None) -> list[list]:
    """The second pass of :func:`_cluster_rows`, vectorised over all boxes of the page.

    Each box of a row of several may move to the row whose anchor (see
    :func:`_row_anchor`) is clearly nearer: the candidates are the two rows
    whose anchors bracket its middle.  The arithmetic is the same IEEE
    double arithmetic, in the same order, as a box-by-box loop would do.
    ``items``, ``tops``, ``bottoms``: the rows' boxes in order and their edges as
    arrays, when the caller has them.
    """
    import numpy as np

    sizes = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    if items is None:
        items = [c for r in rows for c in r]
        tops = np.fromiter(map(_top, items), dtype=np.float64, count=len(items))
        bottoms = np.fromiter(map(_bottom, items), dtype=np.float64, count=len(items))
    row_of = np.repeat(np.arange(len(rows), dtype=np.intp), sizes)
    mid = (tops + bottoms) / 2
    h = bottoms - tops
    anchor, tol = _row_anchors(row_of, mid, h, len(rows))
    order = np.argsort(anchor, kind="stable")
    mids = anchor[order]
    best = row_of.copy()
    dist = np.abs(mid - anchor[row_of])
    # a lone box is its own anchor; only a row of several gives boxes away
    several = sizes[row_of] > 1
    k = np.searchsorted(mids, mid, side="left")
    n = len(rows)
    # the rows at order[max(k - 1, 0)] and, when 1 <= k < n, order[k], in that order
    for j, valid in ((order[np.maximum(k - 1, 0)], several),
                     (order[np.minimum(k, n - 1)], several & (k >= 1) & (k < n))):
        d = np.abs(mid - anchor[j])
        # A clear margin: near-ties stay where the first pass put them, and so
        # do boxes taller than the row's (a drop cap whose middle lies between its two lines).
        take = valid & (j != row_of) & (d + 0.25 < dist) & (d <= tol[j]) & (0.45 * h <= 1.5 * tol[j])
        best = np.where(take, j, best)
        dist = np.where(take, d, dist)
    moved = np.flatnonzero(best != row_of)
    for f in moved.tolist():
        i = int(row_of[f])
        if _attached(items[f], rows[i]):
            best[f] = i  # a sub/superscript stays with the box it touches
    keys = anchor.tolist()
    if not (best != row_of).any():
        out = rows
    else:
        out = [[] for _ in rows]
        for c, b in zip(items, best.tolist()):
            out[b].append(c)
        moved = np.flatnonzero(best != row_of)
        for i in set(best[moved].tolist()) | set(row_of[moved].tolist()):
            if out[i]:
                keys[i] = _row_anchor(out[i])[0]
    kept = [i for i in range(n) if out[i]]
    kept.sort(key=keys.__getitem__)
    return [out[i] for i in kept]


def _row_anchors(row_of, mid, h, n: int):
    """:func:`_row_anchor` of every row at once: (middles, tolerances) as arrays."""
    import numpy as np

    starts = np.searchsorted(row_of, np.arange(n), side="left")
    counts = np.diff(np.append(starts, len(row_of)))
    by_h = np.lexsort((h, row_of))
    row_h = h[by_h[starts + (counts - 1) // 2]]  # lower median height of each row
    keep = h >= row_h[row_of] - 0.01
    sel = np.flatnonzero(keep)
    by_mid = sel[np.lexsort((mid[sel], row_of[sel]))]
    kept_rows = row_of[by_mid]
    kstarts = np.searchsorted(kept_rows, np.arange(n), side="left")
    kcounts = np.diff(np.append(kstarts, len(kept_rows)))
    anchor = mid[by_mid[kstarts + (kcounts - 1) // 2]]
    tol = np.where(row_h > 1.0, 0.45 * row_h, 0.45)
    return anchor, tol


def _row_anchor(row: list) -> tuple[float, float]:
    heights = sorted(c.bottom - c.top for c in row)
    h = heights[(len(heights) - 1) // 2]
    mids = sorted((c.top + c.bottom) / 2 for c in row if c.bottom - c.top >= h - 0.01)
    return mids[(len(mids) - 1) // 2], (0.45 * h if h > 1.0 else 0.45)


#: Margin line numbers: at most this many digits, at least this many on a page.
LINE_NO_DIGITS = 4
LINE_NO_MIN = 5


def drop_margin_numbers(words: list[Word], height: float) -> list[Word]:
    """Drop a manuscript's margin line numbers that sit on the text's own
    line (too close to be a segment of their own).

    A line number is a bare number opening its line (nothing at word spacing
    to its left), set apart from the next word by clearly more than word
    spacing; five or more of them, aligned on one edge, mostly counting up
    down the page, with an empty strip between them and the text's left
    edge (a table's index column has lines of text crossing that strip).
    Left in, they split references and citations ("Kuhn 29 & Vaughan").
    """
    return margin_numbers_and_rows(words, height)[0]


def margin_numbers_and_rows(words: list[Word], height: float) -> tuple[list[Word], list[list[Word]] | None]:
    """:func:`drop_margin_numbers`, and the rows it clustered when it drops nothing,
    for :func:`segments` to reuse (which sorts them by x); else ``None``."""
    found = 0
    for w in words:  # counted only up to what decides
        if w.text.isdigit() and len(w.text) <= LINE_NO_DIGITS:
            found += 1
            if found >= LINE_NO_MIN:
                break
    else:
        return words, None
    rows = _cluster_rows(list(words))
    if not _may_align([w for w in words if w.text.isdigit() and len(w.text) <= LINE_NO_DIGITS]):
        return words, rows  # no column of numbers to drop: segments() sorts the rows by x itself
    gaps: list[float] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        gaps.extend(
            b.x0 - a.x1 for a, b in zip(row, row[1:]) if 0 < b.x0 - a.x1 < SEGMENT_GAP * max(a.size, 4.0)
        )
    if len(gaps) < LINE_NO_MIN:
        return words, rows
    word_gap = median(gaps)
    cands: list[tuple[Word, Word | None, int]] = []
    for row in rows:
        for i, w in enumerate(row):
            if not (w.text.isdigit() and len(w.text) <= LINE_NO_DIGITS):
                continue
            nxt = row[i + 1] if i + 1 < len(row) else None
            need = max(2.0 * word_gap, 0.5 * (nxt or w).size)
            if nxt is not None and nxt.x0 - w.x1 < need:
                continue
            # A number ending a line of text has a word at ordinary spacing on
            # its left; a sidebar's words may overlap the number, not abut it.
            if any(w.x0 - need < p.x1 <= w.x0 - 0.5 for p in row[:i]):
                continue
            cands.append((w, nxt, sum(len(r.text) for r in row[i + 1:])))
    drop: set[int] = set()
    for _ in range(3):  # one column of numbers per text column
        group = _aligned_numbers([c for c in cands if id(c[0]) not in drop], words, height)
        if not group:
            break
        drop.update(id(c[0]) for c in group)
    if drop:
        return [w for w in words if id(w) not in drop], None
    return words, rows


def _may_align(numbers: list[Word]) -> bool:
    """Whether :data:`LINE_NO_MIN` of the bare numbers ``numbers`` have right or left edges
    within 3 pt: :func:`_aligned_numbers` finds a column only among such candidates (a subset
    of these numbers), so where none align the word-gap and candidate passes are skipped.
    True where an edge is not finite (NaN sorts no usable way; inf - inf is NaN)."""
    for edge in (_x1, _x0):
        edges = sorted(map(edge, numbers))
        if not all(map(isfinite, edges)):
            return True
        for lo in range(len(edges) - LINE_NO_MIN + 1):
            if edges[lo + LINE_NO_MIN - 1] - edges[lo] <= 3.0:
                return True
    return False


def _aligned_numbers(
    cands: list[tuple[Word, Word | None, int]], words: list[Word], height: float
) -> list[tuple[Word, Word | None, int]]:
    """The largest run of candidates that looks like a line-number column."""
    best: list[tuple[Word, Word | None, int]] = []
    for edge in (lambda w: w.x1, lambda w: w.x0):  # right- or left-aligned numbers
        ranked = sorted(cands, key=lambda c: edge(c[0]))
        lo = 0
        for hi in range(len(ranked)):  # the widest window of edges within 3 pt
            while edge(ranked[hi][0]) - edge(ranked[lo][0]) > 3.0:
                lo += 1
            if hi + 1 - lo > len(best):
                best = ranked[lo:hi + 1]
    if len(best) < LINE_NO_MIN:
        return []
    values = [int(c[0].text) for c in sorted(best, key=lambda c: c[0].top)]
    if sum(1 for a, b in zip(values, values[1:]) if b > a) < 0.8 * (len(values) - 1):
        return []
    followers = [c[1] for c in best if c[1] is not None]
    # they number lines of text, not the short cells of a table's index column
    if len(followers) < 3 or median(c[2] for c in best) < 20:
        return []
    right = max(c[0].x1 for c in best)
    # halfway to the text's left edge (hanging indents and paragraph indents lie further right)
    probe = (right + min(n.x0 for n in followers)) / 2
    top, bottom = min(c[0].top for c in best), max(c[0].bottom for c in best)
    # Line numbers run down the page's text (running heads and feet aside),
    # not down one list or table on it.
    inner = [w for w in words if 0.09 * height <= w.top and w.bottom <= 0.91 * height] or words
    if bottom - top < 0.4 * (max(w.bottom for w in inner) - min(w.top for w in inner)):
        return []
    crossing = sum(1 for w in words if w.x0 < probe < w.x1 and top <= w.top and w.bottom <= bottom)
    return best if crossing <= max(1, len(best) // 10) else []


def segments(words: list[Word], rows: list[list[Word]] | None = None) -> list[Segment]:
    """Cluster words into rows, split rows at wide gaps; sorted top to bottom.

    ``rows``: the words' rows as :func:`margin_numbers_and_rows` clustered them
    (the same clustering of the same words), to save clustering them again."""
    out: list[Segment] = []
    for r, row in enumerate(_cluster_rows(words) if rows is None else rows):
        row.sort(key=_x0)
        gap_limit = SEGMENT_GAP * max(_median([w.size for w in row]), 4.0)
        cur: list[Word] = [row[0]]
        right = row[0].x1  # the right edge of the segment's last word
        for w in row[1:]:
            if w.x0 - right > gap_limit:
                out.append(_segment(cur, r))
                cur = []
            cur.append(w)
            right = w.x1
        out.append(_segment(cur, r))
    return out


def _segment(words: list[Word], row: int) -> Segment:
    if len(words) == 1:  # a quarter of all segments: no sizes to weigh, no edges to compare
        return _one_word_segment(words[0], row)
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
    # Segment(...) without the frozen dataclass's per-field object.__setattr__, as _new_word
    seg = _new(Segment)
    d = seg.__dict__  # item by item, in field order
    d["words"] = tuple(words)
    d["row"] = row
    d["x0"] = words[0].x0
    d["top"] = top
    d["x1"] = x1
    d["bottom"] = bottom
    d["size"] = size
    d["bold"] = nbold * 2 > total
    d["nchars"] = total
    # Segment.text, filled in now where the cached property would put it: layout reads
    # every segment's text, and the property's lookup costs more than the join
    d["text"] = " ".join([w.text for w in words])
    return seg


def _one_word_segment(w: Word, row: int) -> Segment:
    """:func:`_segment` of one word: its own box and size; bold when the word is (and has text)."""
    text = w.text
    seg = _new(Segment)
    d = seg.__dict__  # item by item, in field order, as _segment
    d["words"] = (w,)
    d["row"] = row
    d["x0"] = w.x0
    d["top"] = w.top
    d["x1"] = w.x1
    d["bottom"] = w.bottom
    d["size"] = w.size
    d["bold"] = len(text) * 2 > len(text) if w.bold else False
    d["nchars"] = len(text)
    d["text"] = text
    return seg


_x0 = attrgetter("x0")
_x1 = attrgetter("x1")
_top = attrgetter("top")
_bottom = attrgetter("bottom")
_size = attrgetter("size")


def _median(values: list[float]) -> float:
    """``statistics.median`` of floats, the same arithmetic without its generality."""
    values.sort()
    n = len(values)
    if n % 2 == 1:
        return values[n // 2]
    i = n // 2
    return (values[i - 1] + values[i]) / 2
