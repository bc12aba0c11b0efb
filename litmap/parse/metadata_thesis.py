"""Title and author from a thesis's title page in a plain-text input.

A dissertation's title page prints its title, then a block of degree boilerplate ("A DISSERTATION" /
"SUBMITTED TO THE DEPARTMENT OF …" / "IN PARTIAL FULFILLMENT OF THE REQUIREMENTS" / "FOR THE DEGREE OF" /
"DOCTOR OF PHILOSOPHY"), and the author's name under it (often over "by", or above the block after "by"),
then the date.  The boilerplate is neither title nor author, but the head readers of
:mod:`litmap.parse.metadata_text` take its lines for either ("IN PARTIAL FULFILLMENT … LUCAS PUENTE" as the
title, "A DISSERTATION" read as a name); a title set over several lines in capitals, with blank lines between
them as double-spaced exports print it, is cut at its first blank line.  This module finds the block by its
degree line and reads the title over it and the name beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from litmap.models import Author, Metadata
from litmap.parse.metadata_authors import (
    clean_field,
    looks_like_affiliation,
    mostly_names,
    parse_author_line,
)
from litmap.parse.metadata_masthead import is_date_line
from litmap.parse.metadata_title import sane_title

__all__ = ["thesis_title_page"]

#: The line that makes a block a thesis's degree statement.
_DEGREE = re.compile(r"\bpartial\s+ful+fil+ment\b|\bful+fil+ment\s+of\s+the\s+requirements\b|\bfor\s+the\s+degree\s+of\b|"
                     r"\bin\s+accordance\s+with\s+the\s+requirements\b|\brequirements\s+for\s+the\s+degree\b", re.IGNORECASE)
#: The first line of the statement: "A DISSERTATION", "A Thesis submitted …", "Doctoral thesis", "PhD Thesis".
_OPENER = re.compile(r"^\s*(?:an?\s+)?(?:[\w.']+\s+)?(?:dissert\w*|thesis)\b", re.IGNORECASE)
#: A line of the statement: it opens on the words of one.
_BLOCK_LINE = re.compile(
    r"^\s*(?:an?\s+)?(?:[\w.']+\s+)?(?:dissert\w*|thesis)\b"
    r"|^\s*(?:submitted|presented|offered)\b"
    r"|^\s*(?:in\s+)?partial\s+ful+fil+ment\b"
    r"|^\s*(?:(?:and|of|to|at|for|in)\s+)?(?:the\s+)?(?:department|school|faculty|committee|graduate|division|institute|"
    r"program(?:me)?|college|university|requirements?|degree|board|senate)\b"
    r"|^\s*(?:of|at)\s+(?:the\s+)?[\w.&'’ -]{0,60}\b(?:university|college|institute|school)\b"
    r"|^\s*(?:doctor|master|bachelor|licentiate)(?:'?s)?\s+(?:of|in|degree)\b|^\s*ph\.?\s?d\.?\s*$"
    r"|^\s*(?:in|of|for|to|and|at|the)\s*$",
    re.IGNORECASE)
#: A statement line whose next line finishes it ("… DEPARTMENT OF CIVIL AND" / "ENVIRONMENTAL ENGINEERING").
_OPEN_END = re.compile(r"\b(?:in|of|for|to|and|at|the)\s*$", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s*:?\s*$", re.IGNORECASE)
_BY_NAME = re.compile(r"^\s*by\s+(?=[A-ZÀ-Þ])", re.IGNORECASE)
_JUNK = re.compile(r"©|\(c\)|copyright|https?://|www\.|@|all rights reserved", re.IGNORECASE)
#: A university or a department over a title page's title ("UNIVERSITY OF LEEDS" / "School of Geography").
_INSTITUTION = re.compile(r"\b(?:university|college)\b|^\s*(?:department|faculty|school|institute)\s+(?:of|for)\b", re.IGNORECASE)
#: How far down the head the statement is looked for, and how many of its lines it may hold.
_HEAD_LINES = 80
_MAX_BLOCK = 16
_MAX_TITLE_LINES = 6
#: How many non-blank lines down the degree statement, and the title's first line, may stand.
_STATEMENT_WITHIN = 25
_TITLE_WITHIN = 12
#: A title page sets each line of the statement apart; a longer line is running prose.
_MAX_LINE = 100


def _nonblank(lines: Sequence[str]) -> list[int]:
    return [k for k, ln in enumerate(lines) if ln.strip()]


def _name(line: str) -> tuple[Author, ...]:
    """One person's name alone on a line ("LUCAS PUENTE", "Matthew S. DeMers", "by Erin Hult"), else ()."""
    t = _BY_NAME.sub("", line.strip())
    if (not t or len(t) > 60 or len(t.split()) > 5 or re.search(r"\d", t) or (t.endswith(".") and not
            re.search(r"\b[A-Z]\.$", t)) or looks_like_affiliation(t) or _BLOCK_LINE.match(t) or is_date_line(t)):
        return ()
    names = parse_author_line(t)
    return names if len(names) == 1 and mostly_names(t) else ()


def _block(lines: Sequence[str], idx: list[int], d: int) -> tuple[int, int]:
    """Positions in ``idx`` (the non-blank lines) of the statement's first and last lines around degree line
    ``idx[d]``."""
    opener = next((p for p in range(d, max(d - _MAX_BLOCK, -1), -1) if _OPENER.match(lines[idx[p]])), None)
    start = d
    if opener is not None:
        start = opener  # "A DISSERTATION" over the lines that say to whom and for what
    else:
        while start > 0 and d - start < _MAX_BLOCK:
            above = lines[idx[start - 1]]
            if not (_BLOCK_LINE.match(above) or _OPEN_END.search(above)):
                break
            start -= 1
    end = d
    while end + 1 < len(idx) and end - start < _MAX_BLOCK:
        here, nxt = lines[idx[end]], lines[idx[end + 1]]
        if _BLOCK_LINE.match(nxt) or _DEGREE.search(nxt) or _OPEN_END.search(here):
            end += 1  # a statement line, or the line that finishes an open one ("DOCTOR OF PHILOSOPHY" / "IN" / "…")
        elif (end + 2 < len(idx) and not _name(nxt) and not is_date_line(nxt)
              and _BLOCK_LINE.match(lines[idx[end + 2]]) and not _OPENER.match(lines[idx[end + 2]])):
            end += 2  # a line set between two statement lines ("… DEPARTMENT OF ELECTRICAL" / "ENGINEERING" / "AND …")
        else:
            break
    return start, end


def _title_over(lines: Sequence[str], idx: list[int], start: int) -> tuple[str | None, tuple[Author, ...]]:
    """The title's lines over the statement (a double-spaced title's blank lines walked over), and a name set
    between them after "by" ("TITLE" / "by" / "NAME" / "A thesis submitted …")."""
    j = start - 1
    authors: tuple[Author, ...] = ()
    if j >= 0 and (names := _name(lines[idx[j]])):
        above = lines[idx[j - 1]] if j >= 1 else ""
        if _BY_NAME.match(lines[idx[j]]):
            authors, j = names, j - 1
        elif _BY.match(above):
            authors, j = names, j - 2
    parts: list[str] = []
    while j >= 0 and len(parts) < _MAX_TITLE_LINES:
        ln = lines[idx[j]].strip()
        if parts and idx[j + 1] - idx[j] > 3:
            break  # a wide gap: what stands over it is no part of the title
        if (len(ln) > _MAX_LINE or ln.endswith((".", ";")) or _JUNK.search(ln) or is_date_line(ln)
                or _INSTITUTION.search(ln) or _BY.match(ln) or re.match(r"[a-z]", ln)):
            break  # (a line opening in lower case is running prose)
        parts.insert(0, ln)
        j -= 1
    if j + 1 >= _TITLE_WITHIN:
        return None, authors  # a title page's title stands at the top of the text
    title = sane_title(clean_field(" ".join(parts))) if parts else None
    return title, authors


def _name_under(lines: Sequence[str], idx: list[int], end: int) -> tuple[Author, ...]:
    """The author's name under the statement, over "by" or not, before the date."""
    for k in idx[end + 1:end + 4]:
        ln = lines[k]
        if _BY.match(ln):
            continue
        if is_date_line(ln) or _JUNK.search(ln):
            return ()
        if names := _name(ln):
            return names
    return ()


def thesis_title_page(lines: Sequence[str]) -> Metadata:
    """Title and author of a thesis whose title page opens a text's head, or an empty Metadata when the head holds
    no degree statement (":func:`_DEGREE`": "in partial fulfillment of the requirements", "for the degree of") or
    no title over it."""
    head = list(lines[:_HEAD_LINES])
    idx = _nonblank(head)
    d = next((p for p, k in enumerate(idx[:_STATEMENT_WITHIN]) if _DEGREE.search(head[k])), None)
    if d is None:
        return Metadata()
    start, end = _block(head, idx, d)
    if not _BLOCK_LINE.match(head[idx[start]]) or any(len(head[k].strip()) > _MAX_LINE for k in idx[start:end + 1]):
        return Metadata()  # a sentence wrapped as prose ("This paper draws on a thesis submitted in partial …")
    title, authors = _title_over(head, idx, start)
    if not title:
        return Metadata()
    return Metadata(title=title, authors=authors or _name_under(head, idx, end))
