"""Journal, volume, pages and year from a paper's first content page.

Sources: the journal masthead ("Political Geography 112 (2024) 103131",
"Urban Studies, Vol. 45, No. 3, 2008"), journal names above "journal
homepage" lines, a date printed under the title, copyright and
publication-history lines, and the PDF's Info fields (an Elsevier-style
Subject, the creation date as a last resort).
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from litmap.read.layout.pages import LaidOutPage
from litmap.parse.metadata_authors import clean_field

__all__ = ["header_info", "journal_names", "norm_key", "date_line_year", "date_line_year_of", "is_date_line", "subject_info", "pdf_date_year",
           "year_fallback", "MONTHS"]


_YEAR = r"(1[89]\d\d|20[0-4]\d)"


_NOT_LETTER_OR_DIGIT_RUN = re.compile(r"[^a-z0-9]+")


def norm_key(s: str) -> str:
    """Lower-case alphanumeric words, for comparing a line with a journal name."""
    return _NOT_LETTER_OR_DIGIT_RUN.sub(" ", s.lower()).strip()


def journal_names(page: LaidOutPage) -> set[str]:
    """Journal names printed in the masthead ("Cities" above "journal homepage")."""
    names: set[str] = set()
    blocks = page.blocks
    for i, b in enumerate(blocks):
        low = b.text.lower()
        if "journal homepage" in low and i > 0:
            names.add(norm_key(blocks[i - 1].text))
        if "contents lists available" in low and i + 1 < len(blocks):
            names.add(norm_key(blocks[i + 1].text))
        m = _MASTHEAD.search(b.text)
        if m:
            names.add(norm_key(m.group("journal")))
    return names


_MASTHEAD = re.compile(r"(?P<journal>[A-Z][A-Za-z&,.:\s]+?)\s+(?P<vol>\d{1,4})\s*\((?P<year>" + _YEAR + r")\)\s*"
                       r"(?P<pages>\d+(?:\s*[–\-]?\s*\d+)?)?")


_JOURNAL_YEAR_VOLUME = re.compile(r"^(?P<journal>[A-Z][A-Za-z&.,:\s]+?)\s+(?P<year>" + _YEAR + r"),?\s+vol(?:ume|\.)\s*(?P<vol>\d+)",
                                  re.I)


_YEAR_VOLUME = re.compile(r"\(" + _YEAR + r"\),?\s*\d+\s*:\s*\d+")


def header_info(pages: Sequence[LaidOutPage]) -> dict[str, str]:
    """Journal, volume, pages and year from the masthead of the first content page."""
    out: dict[str, str] = {}
    for page in pages[:1]:
        # The masthead may have been removed as a running head: look there first.
        for line in page.furniture:
            m = _MASTHEAD.search(clean_field(line)) if len(line) < 120 else None
            if m:
                out.update(journal=clean_field(m.group("journal")), volume=m.group("vol"), year=m.group("year"))
                if m.group("pages"):
                    out["pages"] = clean_field(m.group("pages")).replace(" ", "–")
                return out
            # "Environment and Planning A 2005, volume 37, pages 127 ^ 139" taken off as a running head.
            m = _JOURNAL_YEAR_VOLUME.search(clean_field(line)) if len(line) < 120 else None
            if m:
                out.update(journal=clean_field(m.group("journal")), volume=m.group("vol"), year=m.group("year"))
                return out
            m = _YEAR_VOLUME.search(clean_field(line)) if len(line) < 120 else None
            if m:
                out["year"] = m.group(1)
                return out
        for b in page.blocks:
            text = clean_field(b.text)
            m = _MASTHEAD.search(text) if len(text) < 120 else None
            if m:
                out.update(journal=clean_field(m.group("journal")), volume=m.group("vol"), year=m.group("year"))
                if m.group("pages"):
                    out["pages"] = clean_field(m.group("pages")).replace(" ", "–")
                return out
            if b not in page.blocks[:10]:
                continue
            m = re.search(r"^(?P<journal>[A-Za-z][A-Za-z&.,:\s]+?)\s*(?:\(?(?P<y1>" + _YEAR + r")\)?,?)?\s*"
                          r"vol(?:ume|\.)?\s*(?P<vol>\d+)(?:,?\s*(?:no\.|issue)\s*(?P<issue>\d+))?.*?(?P<y2>\b" + _YEAR + r"\b)?",
                          text, re.I)
            if m and (b.top < page.height * 0.2 or re.search(r"vol", text, re.I) and re.search(_YEAR, text)):
                years = re.findall(r"\b" + _YEAR + r"\b", text)
                journal = clean_field(m.group("journal"))
                if _DATE_WORDS.fullmatch(journal):
                    # "January 2007, Volume 18, Issue 3." is an issue line: the journal's name is the line above.
                    k = page.blocks.index(b)
                    above = clean_field(page.blocks[k - 1].text) if k else ""
                    journal = above if _JOURNAL_NAME.fullmatch(above) else ""
                out.update(journal=journal, volume=m.group("vol"))
                if m.group("issue"):
                    out["issue"] = m.group("issue")
                if years:
                    out["year"] = years[0]
                pm = re.search(r"(\d+)\s*[–\-]\s*(\d+)\s*(?:https?://\S+)?$", text)
                if pm:
                    out["pages"] = f"{pm.group(1)}–{pm.group(2)}"
                return out
            # "Popul Res Policy Rev (2007) 26:619–633", "International Psychogeriatrics (2014), 26:1, 147–154"
            m = _YEAR_VOLUME.search(text)
            if m:
                out["year"] = m.group(1)
                return out
    return out


#: An English month name or its abbreviation ("Sept.", "March"), as a regex (compile with re.I).
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: A "journal" that is only a month or season, as an issue line's date reads ("January", "Spring").
_DATE_WORDS = re.compile(r"\s*(?:" + MONTHS + r"|spring|summer|autumn|fall|winter)[\s,.]*", re.I)
#: A journal's name alone on a line: capitalised words, no sentence, no digits.
_JOURNAL_NAME = re.compile(r"[A-Z][A-Za-z&'’\-]*(?:[ ,:]+[A-Za-z&'’\-]+){0,9}")
_DATE_LINE = re.compile(r"^(?:\d{1,2}\s+" + MONTHS + r"|" + MONTHS + r"(?:\s+\d{1,2})?,?)\s+" + _YEAR
                        + r"(?:\s+ISSN\b.*)?$", re.I)
_YEAR_LINE = re.compile(r"^" + _YEAR + r"$")


def is_date_line(text: str) -> bool:
    """A date printed alone on its line ("September 2012", "April 22, 2024")."""
    return bool(_DATE_LINE.match(clean_field(text)))


_DATE = (r"(?:\d{1,2}\s+" + MONTHS + r"|" + MONTHS + r"(?:\s+\d{1,2})?,?)\s+" + _YEAR
         + r"|" + _YEAR + r"-[01]\d-[0-3]\d")
#: A line opening with a date and a short note after it: "Dec 2022 (updated)", "2017-11-22", "September 2006
#: (typeset on November 10, 2022)", "2018-12-19, minor revisions 2020-02-08": the first date is the paper's.
_DATE_OPENS_LINE = re.compile(r"^(?:" + _DATE + r")(?:\s*\(.{0,80}\)|\s*[,;]\s*.{0,80})?$", re.I)
#: A stamp of when the document was made: "This version was compiled on April 3, 2022", "processed with vegan
#: 2.6-4 in R version 4.2.1 (2022-06-23) on October 11, 2022", "Last updated: 5 May 2021".
_DATE_STAMP = re.compile(r"\b(?:compiled|processed|typeset|generated|updated|modified)\b.{0,80}?"
                         r"\b(?:on|:)\s*(?:" + _DATE + r")\s*\.?$", re.I)


#: A line opening with when the document was last updated: "Updated May 2021, including new section on stability
#: assessment", "Last updated 5 May 2021" (not "Revised …", a journal history's word).
_UPDATED_OPENS = re.compile(r"^(?:last\s+)?(?:updated|modified|version\s+of)\s*:?\s*(?:on\s+)?(?:" + _DATE
                            + r")(?:\s*[,;(].{0,100})?$", re.I)
#: A software version's line with its date: "For gnm version 1.1-2 , 2022-04-29", "Version 0.3.5 (May 2020)".
_VERSION_DATE = re.compile(r"^(?:for\s+[\w.]+\s+)?(?:version|v\.)\s*\d[\w.\-]*\s*[,;(]?\s*(?:" + _DATE + r")\)?\.?$",
                           re.I)

_HISTORY = re.compile(r"\b(?:received|submitted|accepted|revised|published)\b", re.I)


def date_line_year_of(line: str) -> Optional[int]:
    """The year of a line that is a date, opens with one ("Dec 2022 (updated)"), or stamps when the document
    was made ("This version was compiled on April 3, 2022"); None for any other line."""
    text = clean_field(line)
    if len(text) > 160:
        return None
    m = (_DATE_LINE.match(text) or _DATE_OPENS_LINE.match(text) or _UPDATED_OPENS.match(text)
         or _VERSION_DATE.match(text))
    if m:
        return int(re.search(_YEAR, text).group(1))  # type: ignore[union-attr]
    m = _DATE_STAMP.search(text)
    if m and not _HISTORY.search(text):  # "Submitted: June 7, 2012. Revised version accepted: …" is a history
        return int(re.findall(r"(?:19|20)\d\d", m.group(0))[-1])
    return None


#: A block of small numbers only ("12", "3 45"): page and line numbers.
_SMALL_NUMBERS_ONLY = re.compile(r"\d{1,3}(?:\s+\d{1,3})*")


def date_line_year(page: LaidOutPage) -> Optional[int]:
    """A date printed alone under the title ("April 22, 2024", "05 July 2022", "January 2001 ISSN …"),
    or a year alone in the masthead above it ("Number 9" / "2014")."""
    # Line numbers of a draft ("5 6", "11 12 13 14") set as blocks of their own do not use up the first blocks.
    blocks = [b for b in page.blocks if not _SMALL_NUMBERS_ONLY.fullmatch(b.text.strip())]
    for k, b in enumerate(blocks[:8]):
        text = clean_field(b.text)
        m = _DATE_LINE.match(text) or (_YEAR_LINE.match(text) if k < 3 else None)
        if m:
            return int(m.group(1))
        # A date line of a block of several ("Terry Therneau" / "February 6, 2023"), one with a note
        # ("Dec 2022 (updated)"), or a stamp ("This version was compiled on April 3, 2022").
        for line in b.lines or (b.text,):
            if (year := date_line_year_of(line)) is not None:
                return year
    return None


def subject_info(subject: str) -> dict[str, str]:
    """Elsevier-style Info Subject: "Journal of X, 34 (2014) 274-281. doi:…"."""
    m = re.match(r"^(?P<journal>[^,]+?),\s*(?P<vol>\d+)\s*\((?P<year>\d{4})\)\s*(?P<pages>\d+(?:\s*[–\-]\s*\d+)?)?",
                 subject.strip())
    if not m:
        return {}
    out = {"journal": clean_field(m.group("journal")), "volume": m.group("vol"), "year": m.group("year")}
    if m.group("pages"):
        out["pages"] = re.sub(r"\s*[–\-]\s*", "–", m.group("pages"))
    return out


def pdf_date_year(meta: dict[str, str]) -> Optional[int]:
    """Last resort: the PDF's creation date (right for born-digital drafts)."""
    m = re.match(r"^(?:D:)?" + _YEAR, meta.get("creationdate", "") or meta.get("created", ""))
    return int(m.group(1)) if m else None


#: year_fallback's patterns, compiled once (as strings they were compiled again whenever
#: the per-reference patterns of a run had pushed them out of re's cache).
_PUBLISHED_YEARS = tuple(re.compile(pat, re.I) for pat in (
    r"published(?: online)?:\s*(?:\d+\s+)?\w*\s*" + _YEAR, r"©\s*the authors?(?:\(s\))?,?\s*" + _YEAR, r"©\s*(?:\w+\s+)?" + _YEAR, r"copyright\s*(?:©|@|\(c\))?\s*" + _YEAR,
    r"\bvol(?:ume|\.)?\s*\d+,\s*(?:no\.?\s*\d+,?\s*)?(?:[A-Z][a-z]+\.?\s+)?" + _YEAR + r"\b", r"published online:?\s*(?:\d+\s+)?\w*\s*"
    + _YEAR, r"\b" + _YEAR + r"\b\s*(?:the author|elsevier|springer|sage)"))
_SERIES_YEAR = re.compile(r"\b(?:paper|bericht|report)\s+(?:no\.?\s*|nr\.?\s*)?(?:\d{1,3}\s*/\s*" + _YEAR + r"|" + _YEAR
                          + r"\s*/\s*\d{1,3})\b", re.I)
_SUGGESTED_CITATION_YEAR = re.compile(r"(?:suggested citation|empfohlene zitierung|recommended citation)\s*:(?:(?!https?://|urn:).){0,400}?"
                                      r"\b" + _YEAR + r"\b", re.I | re.S)
_DATES_YEAR = re.compile(r"(?:received|accepted|revised)[^;.]{0,40}?\b" + _YEAR, re.I)


def year_fallback(text: str, printed: Optional[int] = None) -> Optional[int]:
    """A year from publication, copyright or received/accepted lines.  ``printed``: the year the paper's venue line
    prints ("… Vol. 18, 3, 280–287 © Henry Stewart Publications (2025)"), which outranks a received or revised
    date up to three years before it: a manuscript is received and revised before it appears."""
    for pat in _PUBLISHED_YEARS:
        m = pat.search(text)
        if m:
            return int(m.group(1))
    # A series number: "Working Paper 2/2008", "Discussion Paper No. 12/2003", "Methodenbericht 2005/08".
    m = _SERIES_YEAR.search(text)
    if m:
        return int(m.group(1) or m.group(2))
    # A repository's suggested citation: "Suggested Citation: Dörrenbächer, Christoph …: National … Berlin, 2002 (…)".
    m = _SUGGESTED_CITATION_YEAR.search(text)
    if m:
        return int(m.group(1))
    dates = _DATES_YEAR.findall(text)
    if dates:
        latest = max(int(y) for y in dates)
        return printed if printed is not None and latest <= printed <= latest + 3 else latest
    return None
