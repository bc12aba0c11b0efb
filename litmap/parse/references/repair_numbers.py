"""Repairs of the numbers: date, volume, issue and pages checked against the printed string.

* the Vancouver date block "2011;4(2):7–14", a year read as a page, a page
  range cut short or printed without its dash ("50:987 1008"), a series
  year before the publication year (:func:`date_volume`);
* the issue after the volume in the forms "54:1", "44, 3, 87–107", "Vol. 5
  No. 1" (:func:`issue_after_volume`).

Each was found in the error analysis of the held-out gold sets and kept only
where it helped without loss on the others (``benchmarks/eval_references.py``).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, Optional

from litmap.parse.references.record import EntryText, RefFields

__all__ = ["date_volume", "issue_after_volume", "marked_pages", "meeting_days", "roman_volume", "volume_before_range", "year_range_in_title"]


#: Vancouver/ICMJE "Journal. 2011;4(2):7–14" (also "2001 Nov;…", "2001
#: [cited …];…", "2013; (5):1384"): the year before ";" is the date, the
#: numbers after it volume, issue and pages.
_VANCOUVER = re.compile(
    r"(?<![\d(/.-])(?P<y>1[5-9]\d\d|20[0-4]\d)[a-z]?(?:\s+[A-Z][a-z]{2,8}\.?(?:\s*\d{1,2})?(?:\s*[-–]\s*[A-Z][a-z]{2,8})?)?"
    r"(?:\s*\[[^\]]{0,40}\])?\s*;\s*(?P<v>\d{1,4}[A-Z]?)?\s*(?:\((?P<i>[^()]{1,12})\))?"
    r"\s*(?::\s*(?P<p>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?"
)
_ACS = re.compile(
    r"(?<![\d(])(?P<y>1[5-9]\d\d|20[0-4]\d)\s*,\s*(?P<v>\d{1,4})\s*,\s*(?:\(?(?P<i>\d{1,3})\)?\s*,\s*)?"
    r"(?P<p>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\s*\.?\s*$"
)
#: "PoS LATTICE 2014 (2015) 039": a conference or series year in the
#: journal's name, the publication year in brackets after it.
_SERIES_YEAR = re.compile(r"\b(?P<a>(?:19|20)\d\d)\s*\(\s*(?P<b>(?:19|20)\d\d)\s*\)")


_YEAR = re.compile(r"1[5-9]\d\d|20[0-4]\d")
_PAGE_NUMBER = re.compile(r"[A-Za-z]?\d+")
#: A page range after "p." or "pp.": "pp. 12-30".
_MARKED_PAGE_RANGE = re.compile(r"\bpp?\.\s*([A-Za-z]?\d+\s*[-‐‑–—]\s*[A-Za-z]?\d+)")


def date_volume(entry: EntryText, fields: RefFields) -> RefFields:
    """Year, volume, issue and pages from the date block and the page range
    as printed (see the module docstring)."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    year = out.get("year")
    m = _VANCOUVER.search(text)
    if m and (m.group("v") or m.group("p")) and (year is None or str(year) in (m.group("y"), out.get("volume"), out.get("pages"))):
        y = m.group("y")
        out["year"] = int(y)
        for key, group in (("volume", "v"), ("issue", "i"), ("pages", "p")):
            if m.group(group) and (not out.get(key) or out[key] == y):
                out[key] = re.sub(r"\s*[-–]\s*", "–", m.group(group).strip())
            elif out.get(key) == y:
                out[key] = None
    acs = _ACS.search(text)
    if acs and (out.get("volume") == acs.group("y") or (year is None and out.get("volume") in (None, acs.group("v")))):
        # ACS "Biochemistry 2011, 50, 11097–11108": year, volume, pages.
        out["year"], out["volume"] = int(acs.group("y")), acs.group("v")
        if out.get("issue") == acs.group("v"):
            out["issue"] = acs.group("i")
        out["pages"] = out.get("pages") or re.sub(r"\s*[-–]\s*", "–", acs.group("p"))
        year = out["year"]
    pages = out.get("pages")
    if pages and _YEAR.fullmatch(pages) and (year is None or int(pages) == year):
        # "Vol. 12, No. 2, 1998." / "New York Times, June 15, 2005.": the date, not a page.
        if not re.search(rf"\b(?:pp?|S)\.\s*{pages}\b", text):
            out["year"] = out.get("year") or int(pages)
            out["pages"] = pages = None
    if pages and _PAGE_NUMBER.fullmatch(pages):
        # "(2008)228 -502": the end of the range the CRF left out.
        r = re.search(rf"(?<![\w.]){re.escape(pages)}\s*[-‐‑–—]\s*(?P<e>[A-Za-z]?\d+)\b", text)
        if r:
            out["pages"] = f"{pages}–{r.group('e')}"
        else:
            # "50:987 1008", "pages 439 459": the dash lost in extraction.
            r = re.search(rf"(?:(?<=\d):\s*|\bpages\s+|\bpp\.\s*){re.escape(pages)}\s+(?P<e>\d+)\b(?![-–.,]?\d)", text)
            if r and pages.isdigit() and 0 < int(r.group("e")) - int(pages) < 500:
                out["pages"] = f"{pages}–{r.group('e')}"
    elif not pages:
        ranges = _MARKED_PAGE_RANGE.findall(text)
        if len(ranges) == 1:
            out["pages"] = re.sub(r"\s*[-‐‑–—]\s*", "–", ranges[0])
    s = _SERIES_YEAR.search(text)
    if s and year is not None and str(year) == s.group("a") and int(s.group("b")) > year and int(s.group("b")) - year <= 2:
        out["year"] = int(s.group("b"))
    return RefFields.from_values(out)


_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|spring|summer|autumn|fall|winter"
    r"|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
_DATE_ISSUE = re.compile(rf"^(?:(?:{_MONTH})[\s,/–-]*)+(?:\d{{1,2}},?\s*)?(?:1[5-9]\d\d|20[0-4]\d)?$|^(?:1[5-9]\d\d|20[0-4]\d)$", re.IGNORECASE)
_PAGE_RANGE = r"(?:pp?\.\s*|S\.\s*)?[A-Za-z]?\d+\s*[-–]\s*[A-Za-z]?\d+"


#: What may follow the volume when the issue is printed after it (see
#: :func:`_issue_after_volume`), each preceded by the volume itself, which
#: must not follow a word character or a dot.
_ISSUE_TAILS = (
    r"\s*,?\s*\((?P<i>\d{1,4}(?:\s*[-–/]\s*\d{1,4})?)\)",
    rf"\s*:\s*(?P<i>\d{{1,3}})\s*,\s*{_PAGE_RANGE}",
    rf"\s*,\s*(?P<i>\d{{1,3}})\s*,\s*{_PAGE_RANGE}",
    r"\s*,?\s*(?:no|nr|n°|nº|issue|heft)\.?\s*(?P<i>\d{1,4}(?:\s*[-–/]\s*\d{1,4})?)\b",
    r"/(?P<i>\d{1,2})\b(?!/)",
    r"\s*\(\s*(?:1[5-9]\d\d|20[0-4]\d)\s*\)\s*(?:no\.\s*)?(?P<i>\d{1,3})\s*,\s*\d",
)
_ISSUE_TAIL_RES = tuple(re.compile(t, re.IGNORECASE) for t in _ISSUE_TAILS)
_OPEN_BEFORE = re.compile(r"(?<![\w.])")


@functools.lru_cache(maxsize=1024)
def _issue_patterns(vol: str) -> tuple[re.Pattern[str], ...]:
    """The patterns with the volume in front, compiled once per volume."""
    v = re.escape(vol)
    return tuple(re.compile(r"(?<![\w.])" + v + t, re.IGNORECASE) for t in _ISSUE_TAILS)


def _issue_search(text: str, vol: str, k: int) -> Optional[re.Match[str]]:
    """``re.search`` of issue pattern ``k`` for volume ``vol``.  A volume of
    digits (case plays no part) is found by a plain string search and only
    the pattern's tail is matched after it: no pattern compiled per volume."""
    if not vol.isdigit():
        return _issue_patterns(vol)[k].search(text)
    tail = _ISSUE_TAIL_RES[k]
    at = text.find(vol)
    while at >= 0:
        if _OPEN_BEFORE.match(text, at):
            m = tail.match(text, at + len(vol))
            if m:
                return m
        at = text.find(vol, at + 1)
    return None


def issue_after_volume(entry: EntryText, fields: RefFields) -> RefFields:
    """The issue printed after the volume in the forms the CRF misses:
    "54:1, 133–155", "44, 3, 87–107", "95, (2), 649–655", "Vol. 5 No. 1",
    "39/2", "D 92 (2015) no.11, 114508"; a date read as the issue
    ("20, no. 3 (November 1948)") is dropped."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    issue, vol = out.get("issue"), out.get("volume")
    # A season alone ("76 (Winter)") is the issue; a month or a year is the date.
    seasonal = re.fullmatch(r"(?:spring|summer|autumn|fall|winter)", issue.strip(" ()"), re.I) if issue else None
    if issue and ((_DATE_ISSUE.match(issue.strip(" ()")) and not seasonal) or not re.search(r"\w", issue)):
        out["issue"] = issue = None
    if issue or not vol or not re.fullmatch(r"\d{1,4}[A-Z]?", vol) or vol == str(out.get("year")):
        return RefFields.from_values(out)
    for k in range(len(_ISSUE_TAILS)):
        m = _issue_search(text, vol, k)
        if m and m.group("i") != out.get("pages") and not re.search(r"\b(?:1[89]\d\d|20[0-4]\d)\b", m.group("i")):
            out["issue"] = re.sub(r"\s+", "", m.group("i"))
            break
    return RefFields.from_values(out)


_YEAR_RANGE = re.compile(r"(?P<a>1[5-9]\d\d|20[0-4]\d)–(?P<b>1[5-9]\d\d|20[0-4]\d)")


def year_range_in_title(entry: EntryText, fields: RefFields) -> RefFields:
    """A year range that ends a book's title ("The Age of Empire,
    1875-1914.") read as its pages: the range goes back to the title."""
    m = _YEAR_RANGE.fullmatch(fields.pages or "")
    if not m or fields.volume or fields.issue or int(m.group("b")) < int(m.group("a")):
        return fields
    text = entry.text
    printed = re.search(rf"(?P<sep>[,:]?\s*){m.group('a')}\s*[-–]\s*{m.group('b')}(?!\d)", text)
    if not printed or re.search(r"\b(?:pp?|S|pages?)\.?\s*$", text[: printed.start()], re.I):
        return fields
    head = (fields.title or fields.container or "").rstrip(" ,.:")
    if not head or not text[: printed.start()].rstrip(" ,.:").endswith(head):
        return fields
    whole = f"{head}{printed.group(0)}"  # the range as printed
    if fields.title:
        return dataclasses.replace(fields, title=whole, pages=None)
    return dataclasses.replace(fields, title=whole, container=None, pages=None)


_MONTHS_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_RANGE = re.compile(r"(?<![\d.])(?P<a>\d{1,4})\s*[-–]\s*(?P<b>\d{1,4})(?![\d])")


_MONTH_AHEAD = re.compile(rf"\s*{_MONTHS_NAME}")
_MONTH_BEHIND = re.compile(rf"{_MONTHS_NAME}\s*$")

#: A number printed on its own (its whole run of digits): meeting_days keeps those that are the
#: volume (no pattern compiled per volume).
_PRINTED_NUMBER = re.compile(r"(?<![\d.,:/-])\d+(?!\d)")


_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
#: A range of days of a month: "12–14".
_DAY_RANGE = re.compile(r"\d{1,2}–\d{1,2}")


def meeting_days(entry: EntryText, fields: RefFields) -> RefFields:
    """A conference's days ("Berlin, 12-14 June 2001, 45-60", "June
    12–14, 2001") read as the pages: the pages are the range printed apart
    from a month, or none.  A day read as the volume ("… Association, 31
    May–2 June, Madison") when the number is printed only as a day is none."""
    vol = fields.volume
    if vol and _ONE_OR_TWO_DIGITS.fullmatch(vol):
        uses = [m for m in _PRINTED_NUMBER.finditer(entry.text) if m.group() == vol]
        if uses and all(_MONTH_AHEAD.match(entry.text[m.end():]) for m in uses):
            fields = dataclasses.replace(fields, volume=None)
    pages = fields.pages
    if not pages or not _DAY_RANGE.fullmatch(pages):
        return fields
    text = entry.text
    a, b = pages.split("–")
    ranges = [r for r in _RANGE.finditer(text)]
    days = [r for r in ranges if (r.group("a"), r.group("b")) == (a, b)
            and (_MONTH_AHEAD.match(text[r.end():]) or _MONTH_BEHIND.search(text[: r.start()]))]
    if not days:
        return fields
    rest = [r for r in ranges if r.start() > days[-1].end() and not re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", r.group("a"))]
    return dataclasses.replace(fields, pages=f"{rest[-1].group('a')}–{rest[-1].group('b')}" if rest else None)


_ROMAN = re.compile(r"(?P<c>.*\S)\s+(?P<v>M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))")


def roman_volume(entry: EntryText, fields: RefFields) -> RefFields:
    """A volume in roman numerals read into the journal's name
    ("Annales de Géographie XCIX: 12-30"): it becomes the volume."""
    cont = fields.container
    if not cont or fields.volume or not (fields.pages or fields.issue):
        return fields
    m = _ROMAN.fullmatch(cont)
    # Two numerals at least: "Physical Review C", "Part D" name a series, not a volume.
    if not m or len(m.group("v")) < 2 or not re.search(r"[^\W\d_]{3}", m.group("c")):
        return fields
    after = entry.text[entry.text.find(cont) + len(cont):] if cont in entry.text else ""
    if not re.match(r"\s*(?:\(|[,:.]\s*\d|\d)", after):
        return fields
    return dataclasses.replace(fields, container=m.group("c").rstrip(" ,."), volume=m.group("v"))


#: Pages after their mark: "(p.410)", "(pp.11- 98)", ", pp. 47-83" (not German "S.", an initial as often).
_MARKED_PAGES = re.compile(r"(?<![\w.])pp?\.\s?(?P<a>[A-Z]?\d{1,6})(?:\s*[-‐–—]+\s*(?P<b>[A-Z]?\d{1,6}))?(?![\d.,]\d)")


def marked_pages(entry: EntryText, fields: RefFields) -> RefFields:
    """Pages printed after "p."/"pp." while another number was read as the
    pages ("Sculpture project Münster 07 (p.410)" → pages "07", "(pp.11-
    98)" → pages "98"): the marked pages win, when there is one mark."""
    marks = list(_MARKED_PAGES.finditer(entry.text))
    if len(marks) != 1:
        return fields
    a, b = marks[0].group("a"), marks[0].group("b")
    if not b and re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", a):
        return fields  # "p. 1994": more likely a year
    pages = f"{a}–{b}" if b else a
    have = fields.pages or ""
    if have == pages or (have and have.split("–")[0] == a):
        return fields
    if have and re.search(rf"(?<![\w.])pp?\.\s?{re.escape(have.split('–')[0])}", entry.text):
        return fields  # the pages read are marked too
    out = fields.as_dict()
    out["pages"] = pages
    cont = fields.container
    if cont and re.fullmatch(r"\d{1,4}", have) and not fields.volume and re.search(rf"{re.escape(cont)}\s+{have}\b", entry.text):
        out["container"] = f"{cont} {have}"  # "Sculpture project Münster 07": the number was the name's
    return RefFields.from_values(out)


def volume_before_range(entry: EntryText, fields: RefFields) -> RefFields:
    """A journal's volume read as the pages when the page range follows it
    after a full stop ("In: Schmollers Jahrbuch 127. 335-342." → pages
    "127"): the number is the volume, the range the pages."""
    pages = fields.pages
    if not pages or fields.volume or not re.fullmatch(r"\d{1,4}", pages) or not fields.container:
        return fields
    m = re.search(rf"{re.escape(fields.container)}[,.]?\s+{pages}[.,;:]\s+(?P<a>\d{{1,5}})\s*[-‐–—]+\s*(?P<b>\d{{1,5}})(?![\d])", entry.text)
    if not m or re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", pages):
        return fields
    return dataclasses.replace(fields, volume=pages, pages=f"{m.group('a')}–{m.group('b')}")
