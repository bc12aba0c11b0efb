"""Page furniture left in plain-text extractions: lines repeated page after page.

A text file made from a PDF by someone else keeps the PDF's running heads,
footers and typesetting stamps ("2565-2593 USJ_097104.indd 2566 9/2/2008
2:30:49 PM") once per page.  Left in, they become a topic of their own and
noise in keywords.  The PDF path removes furniture by position; text has no
positions, so a line counts as furniture when the same line, with its
numbers masked, recurs on many "pages" of the file.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["drop_repeated_lines"]

_NUM = re.compile(r"\d+")
_MAX_CHARS = 200  # running heads and stamps are short; repeated paragraphs are not furniture
_MIN_REPEATS = 3
# Repeated, numbered, and still real text: caption labels and footnotes.
_KEEP = re.compile(r"^(?:table|tab\.|fig\.?|figure|map|chart|plate|box)\s*[a-z]?#|\bibid\b")


def _key(line: str) -> str:
    return " ".join(_NUM.sub("#", line).split()).lower()


def drop_repeated_lines(text: str, min_repeats: int = _MIN_REPEATS) -> str:
    """``text`` without the short lines that recur (numbers aside) ``min_repeats``
    times or more and carry a number (a page number, folio or time stamp).

    Requiring a number keeps repeated headings and list items ("Notes",
    "Source: authors") that are real text; masking numbers lets one running
    footer match itself on every page.
    """
    lines = text.split("\n")
    counts = Counter(_key(ln) for ln in lines if ln.strip() and len(ln) <= _MAX_CHARS and _NUM.search(ln))
    furniture = {k for k, n in counts.items()
                 if n >= min_repeats and re.search(r"[a-z]{3}", k) and not _KEEP.search(k)}
    if not furniture:
        return text
    return "\n".join(ln for ln in lines
                     if not (ln.strip() and len(ln) <= _MAX_CHARS and _NUM.search(ln) and _key(ln) in furniture))
