"""Page furniture left in plain-text extractions: lines repeated page after page.

A text file made from a PDF by someone else keeps the PDF's running heads,
footers and typesetting stamps ("2565-2593 USJ_097104.indd 2566 9/2/2008
2:30:49 PM") once per page.  Left in, they become a topic of their own and
noise in keywords.  The PDF path removes furniture by position; text has no
positions, so a line counts as furniture when the same line, with its
numbers masked, recurs on many *pages* of the file:

* with form feeds (``pdftotext`` keeps them), at a page's top or bottom on
  pages of their own;
* without them, a page's worth of text apart (:data:`PAGE_CHARS` at the
  median), never on neighbouring lines: lines that differ only in their
  numbers and stand together are content (a reference list's "World Bank
  (2001) …" / "World Bank (2003) …", numbered items, table rows).

Lines that read like reference entries whose years differ are never
furniture, however they are spaced.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from typing import Callable, Sequence

__all__ = ["FOLIO", "drop_repeated_lines", "split_repeated_lines", "furniture_keys", "line_key", "text_lines", "PAGE_CHARS"]

_NUM = re.compile(r"\d+")
_MAX_CHARS = 200  # running heads and stamps are short; repeated paragraphs are not furniture
_MIN_REPEATS = 3
#: A number standing alone, as a page number, folio, volume or date does ("280", "Vol. 18, 3"), not one inside a
#: word ("S4", "e1071").
FOLIO = re.compile(r"(?<![^\W_])\d+(?![^\W_])")
#: The file's first nonblank lines, where a title sits.
_TITLE_LINES = 3
#: Characters of text a page holds at the least (a journal page holds 3,000–6,000): running heads
#: recur about this far apart, at the median.
PAGE_CHARS = 1200
#: Lines from a page's top or bottom (form-feed pages) where its running heads sit.
_EDGE_LINES = 2
# Repeated, numbered, and still real text: caption labels and footnotes.
_KEEP = re.compile(r"^(?:table|tab\.|fig\.?|figure|map|chart|plate|box)\s*[a-z]?#|\bibid\b")
# A reference entry's start: an optional number, a name (or organisation), then a year in
# parentheses or after a comma or full stop ("World Bank (2001)", "Smith, J., 2003.").
_REF_LINE = re.compile(r"^\W{0,3}(?:\d{1,3}[.)\]]\s*)?[^\W\d_][^\d]{0,80}?[(,.]\s*((?:1[5-9]|20)\d\d)[a-z]?\b")


def line_key(line: str) -> str:
    """A line with its numbers masked, spaces collapsed and lower-cased (one running head's
    key on every page)."""
    return " ".join(_NUM.sub("#", line).split()).lower()


_key = line_key


def _reference_variants(lines: Sequence[str]) -> bool:
    """Lines that read like reference entries and differ in their years."""
    years = set()
    for ln in lines:
        m = _REF_LINE.match(ln.strip())
        if not m:
            return False
        years.add(m.group(1))
    return len(years) > 1


def furniture_keys(lines: Sequence[str], candidate: Callable[[str], bool],
                   min_repeats: int = _MIN_REPEATS) -> set[str]:
    """Keys (:func:`line_key`) of the ``candidate`` lines that recur as page furniture.

    ``lines`` are the file's lines, form feeds kept.  A key is furniture when it
    recurs ``min_repeats`` times or more, at page-like places (see the module
    docstring), and its lines are not reference entries differing in year.
    """
    where: dict[str, list[int]] = defaultdict(list)
    for i, ln in enumerate(lines):
        if ln.strip() and candidate(ln):
            where[line_key(ln)].append(i)
    where = {k: v for k, v in where.items() if len(v) >= min_repeats}
    if not where:
        return set()
    offsets, pages, nonblank = [], [], []
    offset = page = count = 0
    for ln in lines:
        offsets.append(offset)
        offset += len(ln) + 1
        page += ln.count("\f")
        pages.append(page)
        if ln.strip("\f \t"):
            count += 1
        nonblank.append(count)
    paged = page >= 2
    edge: list[bool] = []
    if paged:
        # Nonblank lines from each page's top and bottom.
        first: dict[int, int] = {}
        last: dict[int, int] = {}
        for i, ln in enumerate(lines):
            if ln.strip("\f \t"):
                first.setdefault(pages[i], nonblank[i])
                last[pages[i]] = nonblank[i]
        edge = [bool(ln.strip("\f \t")) and (nonblank[i] - first[pages[i]] < _EDGE_LINES
                                              or last[pages[i]] - nonblank[i] < _EDGE_LINES)
                for i, ln in enumerate(lines)]
    out = set()
    for key, idx in where.items():
        if _reference_variants([lines[i] for i in idx]):
            continue
        if paged:
            at_edge = [i for i in idx if edge[i]]
            if len({pages[i] for i in at_edge}) >= min_repeats and len(at_edge) >= 0.8 * len(idx):
                out.add(key)
            continue
        # Neighbouring lines (blank lines aside) are a list or a table, not furniture.
        if any(nonblank[b] - nonblank[a] <= 1 for a, b in zip(idx, idx[1:])):
            continue
        if statistics.median(offsets[b] - offsets[a] for a, b in zip(idx, idx[1:])) >= PAGE_CHARS:
            out.add(key)
    return out


def text_lines(text: str) -> list[str]:
    """``text``'s lines, a form feed always opening a line of its own page."""
    return re.sub(r"(?<!\n)\f", "\n\f", text).split("\n")


def _numbered_short(line: str) -> bool:
    if len(line) > _MAX_CHARS or not _NUM.search(line):
        return False
    key = line_key(line)
    return bool(re.search(r"[a-z]{3}", key)) and not _KEEP.search(key)


def drop_repeated_lines(text: str, min_repeats: int = _MIN_REPEATS) -> str:
    """``text`` without the short lines that recur (numbers aside) ``min_repeats``
    times or more as page furniture (:func:`furniture_keys`) and carry a number
    (a page number, folio or time stamp).

    Requiring a number keeps repeated headings and list items ("Notes",
    "Source: authors") that are real text; masking numbers lets one running
    footer match itself on every page.
    """
    return split_repeated_lines(text, min_repeats)[0]


def split_repeated_lines(text: str, min_repeats: int = _MIN_REPEATS) -> tuple[str, tuple[str, ...]]:
    """:func:`drop_repeated_lines`, and the lines it dropped, each distinct one once, in order (a text
    file's running heads and feet: "280 Journal of Urban Regeneration and Renewal Vol. 18, 3, 280–287")."""
    lines = text_lines(text)
    furniture = furniture_keys(lines, _numbered_short, min_repeats)
    if not furniture:
        return text, ()
    dropped: dict[str, str] = {}  # one line per key (the same head with another page number is the same line)
    kept: list[str] = []
    head = 0  # nonblank lines seen
    for ln in lines:
        if ln.strip() and _numbered_short(ln) and (key := line_key(ln)) in furniture:
            dropped.setdefault(key, " ".join(ln.split()))
            if not (head < _TITLE_LINES and not FOLIO.search(ln)):
                head += 1
                continue
            # The file's first lines are its title: a running head that repeats it ("kernlab – An S4 Package for
            # Kernel Methods in R") stays there; its numbers are in its words, not a page number's.
        head += bool(ln.strip())
        kept.append(ln)
    return "\n".join(kept), tuple(dropped.values())
