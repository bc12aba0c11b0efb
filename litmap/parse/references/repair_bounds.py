"""Where a title ends and its container begins, read from the printed marks.

Three conventions mark the boundary plainly, yet the CRF reads across them:

* a quoted title (Harvard, SAGE, Chicago: "‘When Europe Hits Home’,
  European Integration online Papers 4") ends at its closing quote; words
  after it are the container (or noise such as "rev." when a container was
  found elsewhere) — :func:`quoted_title`;
* GOST (Russian and East-European journals) puts "//" between the title
  and its journal or book: "Title // Security Dialogue. 2003. 34 (4)" and
  "Chapter // Book / ed. by Names, Publisher" — :func:`slashed_container`;
* Chicago's "Chapter. In Book, edited by …" is read as one title
  (:func:`in_book_title`); in "In Book, ed. M. Taylor." the CRF swaps book
  and editors (editors "Rationality, Revolution", container "M. Taylor") —
  :func:`chicago_book_editors`.

A newspaper's day is no volume (:func:`newspaper_date`); a publisher or
place that is only a date ("retr. 24.1.2001") is dropped
(:func:`date_only_imprint`); a place in an unclosed bracket after a book
("… planning (Rotterdam") becomes the place (:func:`unclosed_bracket`).
All run after the merge, on the cleaned reference text, as steps of
:data:`litmap.parse.references.repairs.REPAIRS`.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Optional

from litmap.parse.names.reference_authors import parse_authors
from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.spans import MONTH, is_place
from litmap.parse.references.text import squash

__all__ = [
    "chicago_book_editors", "date_only_imprint", "in_book_title", "in_colon_container", "title_opening_in", "unmarked_boundary", "newspaper_date", "quoted_title",
    "slashed_container", "unclosed_bracket",
]


#: A quoted span: ‘…’ (an apostrophe ’ inside is followed by a letter),
#: “…” or "…", closed before punctuation, "in" or the end — not before a
#: colon, where a quoted phrase opens a title ("‘Saying is believing’:
#: Effects of …").
_QUOTED = re.compile(
    r"(?<!\w)(?:‘(?P<s>[^‘]{3,}?)’(?![A-Za-z])|“(?P<d>[^“”]{3,}?)”|\"(?P<q>[^\"]{3,}?)\")"
    r"(?=\s*(?:[,.;(]|[Ii]n\b|$))"
)


def quoted_title(entry: EntryText, fields: RefFields) -> RefFields:
    """A title that runs past its closing quote is cut there; what it
    swallowed becomes the container when none was found."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    title = out.get("title")
    if not title:
        return RefFields.from_values(out)
    tkey = squash(title)
    for m in _QUOTED.finditer(text):
        quoted = (m.group("s") or m.group("d") or m.group("q")).strip()
        qkey = squash(quoted)
        if len(qkey) < 8 or not tkey.startswith(qkey) or tkey == qkey:
            continue
        tail = text[m.end():]
        # The words of the title after the quote, as printed after it.
        rest = title[len(title) - _tail_length(title, qkey):].strip(" ,.;:’”\"'")
        out["title"] = quoted.rstrip(" ,.;:")
        if rest and not out.get("container") and len(rest.split()) >= 2 and not re.search(r"\d", rest) and tail.lstrip(" ,.;:").startswith(rest):
            out["container"] = rest
        return RefFields.from_values(out)
    return RefFields.from_values(out)


def _tail_length(title: str, qkey: str) -> int:
    """Characters of ``title`` after the part whose key is ``qkey``."""
    seen = 0
    for i, ch in enumerate(title):
        if re.match(r"\w", ch):
            seen += 1
            if seen == len(qkey):
                return len(title) - i - 1
    return 0


_GOST = re.compile(r"(?P<title>[^/]{8,}?)(?<!:)\s+//\s+(?P<cont>[^/]+?)(?=\s*(?:[./]\s|,\s*(?:19|20)\d\d|$))")


#: A " // " between a title and its container, not the "//" of an address.
_SLASHES_BETWEEN_FIELDS = re.compile(r"[^:/]\s+//\s")


def slashed_container(entry: EntryText, fields: RefFields) -> RefFields:
    """GOST "Title // Container. Year." read as one title."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    title = out.get("title") or ""
    if not _SLASHES_BETWEEN_FIELDS.search(text) or "//" not in title and out.get("container"):
        return RefFields.from_values(out)
    m = _GOST.search(text)
    if not m:
        return RefFields.from_values(out)
    cont = m.group("cont").strip(" ,.;:")
    # The title is the part of the span after the authors, i.e. the tail the predicted title starts with.
    head = title.split("//")[0].strip(" ,.;:") if "//" in title else title
    if not head or squash(head) not in squash(m.group("title")):
        return RefFields.from_values(out)
    out["title"] = head
    if cont and len(squash(cont)) >= 3:
        out["container"] = cont
        if out.get("publisher") and squash(out["publisher"]) in squash(cont):
            out["publisher"] = None
    return RefFields.from_values(out)


#: One editor's name: initials ("M. Taylor", "M, Taylor") or given names ("Leonid Hurwicz").
_ED_NAME = r"(?:(?:[A-Z][.,]\s?)+|(?:[A-Z][a-zà-ÿ]+\s+){1,2})[A-Z][\w'-]+"
_IN_BOOK_ED = re.compile(
    r"\b[Ii]n:?\s+(?P<book>[A-Z][^.]{3,}?),?\s+(?:eds?\.|edited by|ed\. by)\s+"
    rf"(?P<names>{_ED_NAME}(?:(?:,|,?\s+and|\s*&)\s+{_ED_NAME})*)\s*[.,]"
)


def chicago_book_editors(entry: EntryText, fields: RefFields) -> RefFields:
    """"In Book, ed. M. Taylor." / "In Book ed. Leonid Hurwicz, David
    Schmeidler and Hugo Sonnenschein.": the book read as editors and the
    editors as the container are put back."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    m = _IN_BOOK_ED.search(text)
    if not m:
        return RefFields.from_values(out)
    book, names = m.group("book").strip(), m.group("names")
    cont = out.get("container")
    if squash(cont) == squash(book) or squash(book) in squash(out.get("title")):
        return RefFields.from_values(out)  # read right already, or run into the title (in_book_title's case)
    if cont and squash(cont) not in squash(names) and squash(names) not in squash(cont):
        return RefFields.from_values(out)
    editors, _ = parse_authors(re.sub(r"(?<=[A-Z]),\s", ". ", names))
    if not editors or any(a.organisation for a in editors):
        return RefFields.from_values(out)
    out["container"], out["editors"] = book, editors
    return RefFields.from_values(out)


_IN_BOOK = re.compile(r"\.\s+In:?\s+(?=[A-Z\d])")
_EDITED = re.compile(r"\bedited by\b|\(eds?\.?\)|\beds?\.\s|\(hrsg\.?\)|\(dir\.?\)", re.I)


def in_book_title(entry: EntryText, fields: RefFields) -> RefFields:
    """Chicago "Chapter. In Book, edited by …" read as one title: the
    book after ". In" is the container (with any part of it the CRF had
    already read as the container).  Without editors only after "In:",
    which opens a container ("Title. In: Book. London: Batsford")."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    title = out.get("title") or ""
    m = _IN_BOOK.search(title)
    marked = m is not None and title[m.start(): m.end()].rstrip().endswith(":")  # "In:" opens a container, never a subtitle
    if not m or not (out.get("editors") or _EDITED.search(text) or marked) or len(title[: m.start()].split()) < 2:
        return RefFields.from_values(out)
    book = title[m.end():].strip(" ,.;:")
    cont = out.get("container")
    if cont:
        at = text.find(book)
        between = text[at + len(book): text.find(cont, at)] if at >= 0 and cont in text[at:] else None
        if between is None or not re.fullmatch(r"[\s.,:;]*", between):
            return RefFields.from_values(out)
        book = f"{book}{between}{cont}".strip(" ,;:")
    out["title"], out["container"] = title[: m.start()].strip(), book
    return RefFields.from_values(out)


#: "In" after a number (a year's last digit), as title_opening_in's pattern has it.
_IN_AFTER_NUMBER = re.compile(r"\d[a-z]?[).,:]?\s+In\s")


def title_opening_in(entry: EntryText, fields: RefFields) -> RefFields:
    """A title that opens with "In" right after the year ("Marzluff JM,
    Angell T 2005 In the company of crows and ravens. New Haven: Yale"),
    read without it as if "In" marked a container: with no container
    found, the "In" is the title's."""
    title = fields.title
    if not title or fields.container or fields.year is None:
        return fields
    # What the pattern below needs, tested first: most entries have no "2005 In" (a pattern
    # compiled per entry cost ~1% of a run's CPU).
    if title[:12] not in entry.text or not _IN_AFTER_NUMBER.search(entry.text):
        return fields
    m = re.search(rf"\b{fields.year}[a-z]?[).,:]?\s+(In\s+){re.escape(title[:12])}", entry.text)
    if not m:
        return fields
    return RefFields.from_values({**fields.as_dict(), "title": f"In {title}"})


#: A field boundary the printed string marks: a sentence end, a comma, a colon.
_MARKED_END = re.compile(r"[.?!,;:]\s+(?=\S)")
_WORDS_MOVED = 5


def unmarked_boundary(entry: EntryText, fields: RefFields) -> RefFields:
    """A title/container or container/publisher boundary read between two
    words with no mark between them, while the string marks one a few
    words away ("Freeing the Refereed | Journal Corpus Online. Computer Law
    & Security Report", "…in Southern Europe, 2010–11. South European |
    Society and Politics"): the boundary moves to that mark (the nearest,
    at most five words away, forward first).  A first part ending in
    "for", "of", "and" … takes the second whole when it holds no mark
    ("… A Subversive Proposal for | Electronic Publishing. Washington")."""
    out = fields.as_dict()
    text = entry.text
    changed = False
    for a_key, b_key in (("title", "container"), ("container", "publisher")):
        a, b = out.get(a_key), out.get(b_key)
        if not a or not b:
            continue
        at = text.find(a)
        bt = text.find(b, at + len(a)) if at >= 0 else -1
        # Letters on both sides: a string without marks ("… 2003 COSIT 2003") is left alone.
        if at < 0 or bt < 0 or not text[at + len(a): bt].isspace() or not (a[-1:].isalpha() and b[:1].isalpha()):
            continue
        fwd = next((m for m in _MARKED_END.finditer(b) if not _abbreviation_before(b, m.start())), None)
        back = [m for m in _MARKED_END.finditer(a) if a[m.start()] in ".?!" and not _abbreviation_before(a, m.start())]
        if fwd and len(b[: fwd.start()].split()) <= _WORDS_MOVED and b[fwd.end():].strip() \
                and not re.search(r"\d", b[: fwd.start()]):
            out[a_key] = f"{a} {b[: fwd.start()]}"
            out[b_key] = b[fwd.end():].strip()
            changed = True
        elif re.search(r"\s(?:for|of|the|and|&|in|on|to|with|a|an)$", a, re.I) and not _MARKED_END.search(b) \
                and b[:1].isupper() and not re.search(r"\d", b) and len(b.split()) <= _WORDS_MOVED:
            # "… A Subversive Proposal for | Electronic Publishing": no name ends with "for";
            # "…, University of | Chicago Press": the publisher's start, after the last comma.
            tail = re.search(r",\s+(?P<t>(?:University|Univ\.|Universit\w+|Institute|Presses)\b[^,]*)$", a)
            if b_key == "publisher" and tail:
                out[a_key], out[b_key] = a[: tail.start()].strip(), f"{tail.group('t')} {b}"
            else:
                out[a_key], out[b_key] = f"{a} {b}", None
            changed = True
        elif back and len(a[back[-1].end():].split()) <= _WORDS_MOVED and a[: back[-1].start()].strip() \
                and not re.search(r"\d", a[back[-1].end():]):
            moved = a[back[-1].end():]
            out[a_key] = a[: back[-1].start()].strip()
            out[b_key] = b if re.fullmatch(r"[Ii]n:?", moved.strip()) else f"{moved} {b}"  # "In" marks the container
            changed = True
    return RefFields.from_values(out) if changed else fields


def _abbreviation_before(text: str, at: int) -> bool:
    """The mark at ``at`` is the full stop of an abbreviation ("Int.", "J.", "Proc.")."""
    word = re.search(r"(\S+)$", text[:at])
    return text[at] == "." and word is not None and bool(re.fullmatch(r"[A-Z][a-z]{0,3}|[A-Z]{1,3}|[a-z]{1,3}", word.group(1)))


#: "in:" / "In:" with its colon inside a container value: where the container begins.
_IN_COLON = re.compile(r"[,.;]?\s+[Ii]n:\s+(?=\S)")


def in_colon_container(entry: EntryText, fields: RefFields) -> RefFields:
    """"Title, in: Journal" / "Title. In: Book" with the title's last words
    read as the start of the container ("Démocratie de “Mouvement”,
    Légitimité et Pouvoir en Ouganda, in: Politique Africaine", container
    "…Ouganda, in: Politique Africaine"): the container begins after "in:",
    and what stood before it goes back to the title, as printed."""
    out = fields.as_dict()
    title, cont = out.get("title"), out.get("container")
    if not title or not cont:
        return fields
    m = _IN_COLON.search(cont)
    if not m or m.start() == 0 or re.search(r"\d", cont[: m.start()]):
        return fields
    text = entry.text
    at = text.find(title[: min(len(title), 20)])
    prefix_at = text.find(cont[: m.start()], at + 1) if at >= 0 else -1
    # Only a quote, "in" or punctuation the labeller dropped may lie between them.
    if at < 0 or prefix_at < 0 or prefix_at - (at + len(title)) > 8 or re.search(r"\d", text[at + len(title): prefix_at]):
        return fields
    out["title"] = text[at: prefix_at + m.start()].strip(" ,.;:")
    out["container"] = cont[m.end():].strip() or None
    return RefFields.from_values(out)


def unclosed_bracket(entry: EntryText, fields: RefFields) -> RefFields:
    """A title or book that ends in an unclosed "(" and a place: "Strong
    stories (Rotterdam" (of "(pp. 140–152) (Rotterdam, 010 publishers)")
    — the bracket is cut and the place kept as the place."""
    values = fields.as_dict()
    out = dict(values)
    for key in ("container", "title"):
        text = out.get(key)
        if not text or text.count("(") <= text.count(")"):
            continue
        head, _, tail = text.rpartition("(")
        if ")" in tail or len(head.split()) < 2 or not is_place(tail):
            continue
        out[key] = head.rstrip(" ,.;:")
        out["place"] = out.get("place") or tail.strip(" ,.;:")
    return RefFields.from_values(out)




def newspaper_date(entry: EntryText, fields: RefFields) -> RefFields:
    """A newspaper's day read as the volume: "Toronto Star, February 16, p.
    O1", "The Times, 22 August, p. 13"."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    vol = out.get("volume")
    if not vol or not vol.isdigit() or not 1 <= int(vol) <= 31:
        return RefFields.from_values(out)
    # (a month next to any number first: most entries print none, and need no day pattern)
    if not _MONTH_NEXT_TO_NUMBER.search(text) or not _day_pattern(vol).search(text):
        return RefFields.from_values(out)
    out["volume"] = None
    if out.get("container"):
        out["container"] = _MONTH_END.sub("", out["container"]) or None
    return RefFields.from_values(out)


_MONTH_END = re.compile(rf"[,\s]+{MONTH}$")
#: What every _day_pattern match holds: a month, then a number, or a number, then a month.
_MONTH_NEXT_TO_NUMBER = re.compile(rf"\b{MONTH}\s+\d|\d\s+{MONTH}")


@functools.lru_cache(maxsize=64)
def _day_pattern(day: str) -> re.Pattern[str]:
    """A month next to the day ``day`` (1–31), compiled once per day."""
    return re.compile(rf"\b{MONTH}\s+{day}\b(?!\s*[(:])|\b{day}\s+{MONTH}(?=[\s,.;]|$)")


#: "retr. 24.1.2001", "3.1.2001, in", "rev. 17.11.2000": a date, no imprint.
_DATE_ONLY = re.compile(r"(?:retr|rev|accessed|retrieved|consulted|last)?\.?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*,?\s*(?:in)?", re.I)


def date_only_imprint(entry: EntryText, fields: RefFields) -> RefFields:
    """A publisher or place that is only a date ("retr. 24.1.2001",
    "3.1.2001, in") is dropped."""
    values = fields.as_dict()
    out = dict(values)
    for key in ("publisher", "place"):
        if out.get(key) and _DATE_ONLY.fullmatch(out[key].strip(" ,.;:()")):
            out[key] = None
    return RefFields.from_values(out)
