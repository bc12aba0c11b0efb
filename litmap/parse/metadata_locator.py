"""A paper's own volume, issue and pages, read from the line that names its venue.

The running head, masthead, cover line or self-citation that names the journal usually goes on to say where in
it the paper sits, in one of a few notations:

* labelled: "Vol. 26, No. 3, March 2012, 495–517", "volume 37, pages 127 ^ 139", "Jg. 24 (2011), Heft 1,
  S. 3-20", "4. Jg., Heft 3", "Volume 5, Issue 2, pp. 33-51";
* compact: "45(12) 2449–2470", "53(3) 455–470", "26:619–633", "26:1, 147–154", "70, 3:303-15";
* an article number for a page range: "Cities 157 (2025) 105586", "2020;26:e2327";
* an issue of a year: "Africa Spectrum 2/2014: 53-77".

Where no line prints the pages, the numbers printed on the pages themselves give them (:func:`folio_range`).

The text *after* the venue's name is read (a title or an author before it may hold numbers); only when it says
nothing, the compact notations just before the name ("45(12) 2449–2470, November 2008 © 2008 Urban Studies
Journal Limited").  Lines that are a locator by themselves (a labelled volume, or opening with a compact one) add
what the named lines left out, never from another volume.  Links, DOIs, ISSNs and copyright tails are taken out
first.  A number that reads as a year is never a volume or an issue, and a page range must run forwards
("303-15" is 303–315, as printed abbreviated).  What the lines do not say stays None: a guess would travel into
every export.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

if TYPE_CHECKING:
    from litmap.read.layout.pages import LaidOutPage


__all__ = ["Locator", "locator_in_line", "locator_for", "expand_pages", "folio_range", "MIN_FOLIOS"]


@dataclass(frozen=True)
class Locator:
    volume: Optional[str] = None
    issue: Optional[str] = None
    #: "455–470" (an en dash), one page, or an article number ("105586", "e2327").
    pages: Optional[str] = None

    def __bool__(self) -> bool:
        return bool(self.volume or self.issue or self.pages)


_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
# Old Springer layers print the dash "±", Pion's "127 ^ 139", and some Elsevier fonts "100e108".
_DASH = r"(?:\s*(?:[–—‒‐−±^-]|--)\s*|(?<=\d)e(?=\d))"
_NUM = r"\d{1,4}[A-Za-z]?"
_PAGE = r"[eS]?\d{1,6}"

#: Spans whose digits are no locator.
_NOISE = re.compile(
    r"https?://\S+|www\.\S+|\bdoi\s*:?\s*\S+|\b10\.\d{4,9}/\S+|\b[EeP]?-?ISSNs?\b[\s:]*(?:\(?[\w-]+\)?\s*)?[\dX]{4}-?[\dX]{4}"
    r"|\bISBN[\s:]*[\dX-]{10,17}|©.*$|\(c\)\s*\d{4}.*$|\bcopyright\b.*$",
    re.I)

_VOLUME = re.compile(rf"(?<!(?-i:[a-z]))(?:Vol(?:ume)?\.?|Jg\.?|Jahrgang|Bd\.|Band|Tome|Tomo)(?![a-z])\s*:?\s*"
                     rf"(?P<v>{_NUM}|(?-i:[IVXLC]{{1,6}}))\b"
                     rf"|\b(?P<v2>\d{{1,3}})\.\s*(?:Jg\.|Jahrgang)", re.I)
# (the label ends its word: "Issues", "Note" and "Not" are no label; a letter issue is a capital: "Issue S1")
_ISSUE = re.compile(r"\b(?:No\.?|Nos\.?|Nr\.?|Number|Issue|Iss\.|Heft|Fasc\.?|Fascicle)(?![a-z])\s*:?\s*"
                    r"(?P<i>\d{1,4}(?:\s*[–‒/-]\s*\d{1,4})?|(?-i:[A-Z])\d{0,3})\b", re.I)
_PAGES = re.compile(rf"(?:\bpp\.?|\bp\.|\bpages?\b|\bS\.|\bSeiten\b)\s*:?\s*(?P<a>{_PAGE})(?:{_DASH}(?P<b>{_PAGE}))?", re.I)
_ARTICLE = re.compile(r"\b(?:Article|Art\.)\s*(?:No\.?|Number|ID)?\s*:?\s*(?P<a>[eE]?\d{1,8})\b", re.I)

# Compact notations, tried in order on the text after the name.
_COMPACT = tuple(re.compile(p) for p in (
    # a labelled volume's unlabelled issue: "Vol. 66(1), 2021", "Vol. 18, 3, 280–287"
    rf"(?<![a-z])(?:Vol(?:ume)?\.?)\s*(?P<v>{_NUM})\s*\(\s*(?P<i>\d{{1,3}}(?:\s*[–/-]\s*\d{{1,3}})?)\s*\)",
    rf"(?<![a-z])(?:Vol(?:ume)?\.?)\s*(?P<v>{_NUM})\s*,\s*(?P<i>\d{{1,3}})\s*,\s*(?:pp?\.\s*)?(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # "41 (2016) 4, 214-238", "5 (2017), 2, pp. 241-249": volume, year, issue, pages
    rf"(?<![\d.])(?P<v>{_NUM})\s*\(\s*{_YEAR}\s*\)\s*,?\s*(?P<i>\d{{1,3}})\s*,\s*(?:pp?\.\s*)?(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # "Africa Spectrum, 49, 2, 53-77": volume, issue and pages, unlabelled
    rf"(?<![\d.])(?P<v>{_NUM})\s*,\s*(?P<i>\d{{1,3}})\s*,\s*(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # MDPI: "Sustainability 2022, 14, 10077": a year, the volume and an article number
    rf"(?<!\d){_YEAR}\s*,\s*(?P<v>\d{{1,4}})\s*,\s*(?P<a>\d{{3,6}})\b(?!\s*[–‒—-])",
    # "(2013) 45, 238–258", "2015, 3, 175- 186": a year, then the volume and pages
    rf"(?<!\d){_YEAR}\)?\s*[,;]?\s*(?P<v>\d{{1,4}})\s*,\s*(?:pp?\.\s*)?(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # Elsevier: "157 (2025) 105586", "34 (2014) 274-281"
    rf"(?<![\d.])(?P<v>{_NUM})\s*\(\s*{_YEAR}\s*\)\s*[,:]?\s*(?P<a>{_PAGE})(?:{_DASH}(?P<b>{_PAGE}))?(?![\d/])",
    # "26:1, 147–154" (Taylor & Francis), "70, 3:303-15"
    rf"(?<![\d.])(?P<v>{_NUM})\s*:\s*(?P<i>\d{{1,3}})\s*,\s*(?:pp?\.\s*)?(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    rf"(?<![\d.])(?P<v>{_NUM})\s*,\s*(?P<i>\d{{1,3}})\s*:\s*(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # "45(12) 2449–2470", "53(3) 455–470", "20(6) 568", "12(3-4): 45-67"
    rf"(?<![\d.])(?P<v>{_NUM})\s*\(\s*(?P<i>\d{{1,4}}(?:\s*[–/-]\s*\d{{1,4}})?|[A-Z]\d{{0,3}})\s*\)\s*[:,.]?\s*"
    rf"(?:pp?\.\s*)?(?P<a>{_PAGE})(?:{_DASH}(?P<b>{_PAGE}))?(?![\d/])",
    # "2/2014: 53-77": an issue of a year
    rf"(?<![\d./])(?P<i>\d{{1,2}})\s*/\s*{_YEAR}\s*:\s*(?P<a>{_PAGE}){_DASH}(?P<b>{_PAGE})(?![\d/])",
    # "26:619–633", "2020;26:e2327", "26: 1–20"
    rf"(?<![\d./])(?P<v>{_NUM})\s*:\s*(?P<a>{_PAGE})(?:{_DASH}(?P<b>{_PAGE}))?(?![\d/])",
    # "Sociology 2005, 42, No. 1": a volume before its labelled issue
    rf"(?<![\d./])(?P<v>{_NUM})\s*,\s*(?:No\.?|Nr\.?|Issue)\s*\d",
    # a volume with its issue and no pages: "45(12)", "53 (3)"
    rf"(?<![\d./])(?P<v>{_NUM})\s*\(\s*(?P<i>\d{{1,3}}(?:\s*[–/-]\s*\d{{1,3}})?)\s*\)(?!\s*\d)",
))
#: A bare page range after a labelled volume: "Vol. 26, No. 3, March 2012, 495–517".
_RANGE = re.compile(rf"(?<![\d./:])(?P<a>\d{{1,5}}){_DASH}(?P<b>\d{{1,5}})(?![\d/])")
_IS_YEAR = re.compile(rf"^{_YEAR}$")


def expand_pages(first: str, last: Optional[str]) -> Optional[str]:
    """"303", "15" → "303–315"; None when ``last`` cannot follow ``first`` (a range running backwards or too far)."""
    if not last:
        return first
    pre_a, pre_b = re.match(r"^[A-Za-z]*", first).group(0), re.match(r"^[A-Za-z]*", last).group(0)  # type: ignore[union-attr]
    a, b = first[len(pre_a):], last[len(pre_b):]
    if pre_b and pre_b != pre_a:
        return None
    if len(b) < len(a):
        b = a[: len(a) - len(b)] + b
    if int(b) < int(a) or int(b) - int(a) > 600:
        return None
    return f"{pre_a}{a}–{pre_a}{b}"


def _volume_ok(v: Optional[str]) -> bool:
    # "00(0)": an online-first article's placeholder, no volume yet
    return bool(v) and not _IS_YEAR.match(v or "") and bool((v or "").strip("0"))


def locator_in_line(text: str, venue: Optional[str] = None) -> Locator:
    """The volume, issue and pages a venue line prints (module doc): the text after ``venue`` when the line names
    it, else the text before it (a masthead that prints the locator first: "45(12) 2449–2470, November 2008 ©
    2008 Urban Studies Journal Limited").  An empty :class:`Locator` when the line says none."""
    line = " ".join(text.split())
    named = _name_pattern(venue).search(line) if venue else None
    if not named:
        return _read(line)
    return _read(line[named.end():]) or _read(line[max(named.start() - 80, 0):named.start()], compact_only=True)


def _name_pattern(venue: str) -> "re.Pattern[str]":
    """``venue`` as printed, in any case, with or without the spaces and dots between its words (text layers
    glue them: "PopulSpacePlace.2020;26:e2327", "November 2024Cities 157 (2025)")."""
    words = re.findall(r"[A-Za-z0-9]+", venue)
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![A-Za-z])" + r"[^A-Za-z0-9]*".join(map(re.escape, words)) + r"(?![a-z])", re.I)


def _read(line: str, compact_only: bool = False) -> Locator:
    line = _NOISE.sub(" ", line)
    volume = issue = pages = None
    if not compact_only:
        m = _VOLUME.search(line)
        if m and _volume_ok(m.group("v") or m.group("v2")):
            volume = m.group("v") or m.group("v2")
        m = _ISSUE.search(line)
        if m and not _IS_YEAR.match(m.group("i")) and m.group("i").strip("0"):
            issue = re.sub(r"\s+", "", m.group("i")).replace("‒", "-")
        m = _PAGES.search(line)
        if m:
            pages = expand_pages(m.group("a"), m.group("b"))
        if not pages and (m := _ARTICLE.search(line)):
            pages = m.group("a")
    if not (volume and issue and pages):
        for shape in _COMPACT:
            c = shape.search(line)
            if not c:
                continue
            names = c.groupdict()
            v = names.get("v")
            if v is not None and not _volume_ok(v):
                continue
            if volume and v != volume:
                continue  # another volume, or none to check the shape against: not this paper's
            got = expand_pages(names["a"], names.get("b")) if names.get("a") else None
            if names.get("a") and got is None:
                continue
            volume = volume or v
            issue = issue or (re.sub(r"\s+", "", names["i"]).replace("‒", "-") if names.get("i") else None)
            pages = pages or got
            break
    labelled = None if compact_only else _VOLUME.search(line)
    if volume and not pages and labelled:
        r = _RANGE.search(line[labelled.end():])
        if r and not (_IS_YEAR.match(r.group("a")) and _IS_YEAR.match(r.group("b"))):
            pages = expand_pages(r.group("a"), r.group("b"))
    return Locator(volume, issue, pages)


def locator_for(lines: Iterable[str], venue: Optional[str]) -> Locator:
    """What ``lines`` (a first page's running heads and feet, masthead and cover lines, never a reference list, in
    the order they are trusted) say of the paper's volume, issue and pages: first the lines that name ``venue``,
    then lines that are a locator by themselves, with a labelled volume ("VOL. 17 No. 1 (2008), pp. 47–61",
    "Volume 13, No. 3, Art. 22") or opening with one ("45(12) 2449–2470, November 2008" over a foot naming the
    journal).  A line adds only what the earlier ones left out, and never from another volume.  Without a
    ``venue``, only the lines that are a locator by themselves are read."""
    lines = [" ".join(line.split()) for line in lines]
    found = Locator()
    named = _name_pattern(venue) if venue else None
    for line in lines:
        if named is not None and named.search(line):
            found = _merge(found, locator_in_line(line, venue))
    for line in lines:
        if found.volume and found.issue and found.pages:
            break
        if _VOLUME.search(line) or _LEADING.match(line):
            loc = _read(line)
            if loc.volume and (loc.issue or loc.pages):
                found = _merge(found, loc)
    return found


#: A line opening with a compact locator: "45(12) 2449–2470, November 2008", "26:619–633".
_LEADING = re.compile(rf"^(?:{_NUM}\s*\(\s*\d{{1,4}}\s*\)\s*[:,]?\s*|{_NUM}\s*:\s*){_PAGE}{_DASH}{_PAGE}\b")


def _merge(known: Locator, more: Locator) -> Locator:
    if not more or (known.volume and more.volume and known.volume != more.volume):
        return known
    return Locator(known.volume or more.volume, known.issue or more.issue, known.pages or more.pages)


#: Pages whose printed number must agree on the paper's first page before a range is read from them.
MIN_FOLIOS = 3


def folio_range(pages: "Sequence[LaidOutPage]") -> Optional[str]:
    """The page range the pages' own printed numbers give ("247–261" for a chapter numbered 248 … 261 from its
    second page), or None.  Each printed number says which number the first page carries (it less the page's
    place); a range is read only when at least :data:`MIN_FOLIOS` pages, and two thirds of those with a number,
    agree, so a figure or a stray number on a few pages cannot move it.  Numbering from 1 or 2 is the document's
    own (a preprint, a working paper, a print-out), not its place in a journal or book: no range.  ``pages``:
    the document's pages after any cover page."""
    if not pages:
        return None
    starts = Counter(p.folio - (p.number - pages[0].number) for p in pages if p.folio is not None)
    if not starts:
        return None
    first, votes = starts.most_common(1)[0]
    if votes < MIN_FOLIOS or votes * 3 < 2 * sum(starts.values()) or first <= 2:
        return None
    return f"{first}–{first + pages[-1].number - pages[0].number}"
