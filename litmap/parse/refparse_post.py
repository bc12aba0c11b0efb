"""Checks on the merged reference fields against the text they came from.

The CRF and the rules each miss forms that the whole string shows plainly;
these functions, run after :func:`refparse._merge`, repair them:

* noise removed before parsing (:func:`strip_noise`): software versions,
  Medline/BibTeX record identifiers and arXiv identifiers;
* the Vancouver date block "2011;4(2):7–14", a year read as a page, a page
  range cut short or printed without its dash ("50:987 1008"), a series
  year before the publication year (:func:`_date_volume`);
* the issue after the volume in the forms "54:1", "44, 3, 87–107", "Vol. 5
  No. 1" (:func:`_issue_after_volume`);
* a volume run into the journal's name, a journal read as names
  (:func:`_volume_in_journal_name`, :func:`_journal_only`);
* a title ending in "?" that runs on into the journal, or a journal that
  took the subtitle after the "?" (:func:`_question_title`);
* the editors of a chapter's book printed without "(eds)" ("in: Deckmyn /
  Thomson, pp.", "in: W. Hummer, Book, Publisher") read as its publisher
  (:func:`_in_names`);
* a title run past its closing quote, GOST's "Title // Journal", Chicago's
  "In Book, ed. M. Taylor." and dates read as an imprint
  (:mod:`litmap.parse.refparse_bounds`).

Each was found in the error analysis of the held-out gold sets and kept only
where it helped without loss on the others (``benchmarks/eval_references.py``).
"""

from __future__ import annotations

import functools
import re
from typing import Any, Optional

from litmap.parse.refparse_authors import parse_authors
from litmap.parse.refparse_bounds import (
    chicago_book_editors,
    date_only_imprint,
    in_book_title,
    newspaper_date,
    quoted_title,
    slashed_container,
    unclosed_bracket,
)
from litmap.parse.refparse_imprint import bracketed_imprint, place_year_imprint
from litmap.parse.refparse_grey import grey_containers
from litmap.parse.refparse_journals import comma_journal

__all__ = ["strip_noise", "tidy_fields"]


#: A software version or medium, as APA and R's citation() print it:
#: "pyActigraphy (version 1.0)", "[Computer software]", "Title. Version
#: 2.1-0.", "R package version 1.17-11".  No field holds it; left in, it
#: runs into the title or reads as a journal "Version" with volume and pages.
_SOFTWARE = re.compile(
    r"\s*\((?:R package )?version\s+v?\d[\w.-]*\)|\s*\[computer (?:software|program)\]"
    r"|(?<=\.)\s*(?:R package version|Version)\s+v?\d+(?:[.-]\w+)*(?=[.,;]?(?:\s|$))",
    re.IGNORECASE,
)


#: Record identifiers of Medline and BibTeX exports ("PubMed PMID:
#: 19412540", "issn: 1476-4687"): their numbers read as pages otherwise.
_IDENTIFIERS = re.compile(
    r"(?<![:/\w])(?:PubMed\s*(?:Central\s*)?)?(?:PMID|PMCID|ISSN|ISBN|eISSN)\s*:?\s*(?:PMC)*[\dXx][\dXx -]*[\dXx]\b[.;]?"
    r"|\bEpub(?: ahead of print)?\s*(?:\d{4}\s*/\s*\d{1,2}\s*/\s*\d{1,2})?[.;]?",
    re.IGNORECASE,
)


#: arXiv identifiers ("arXiv:1502.01589v2 [hep-th]", "arXiv.org:astro-ph/0509330"):
#: read otherwise as volume 1502 and page 01589, or as a year.
_ARXIV = re.compile(
    r"\b(?:arXiv\s*preprint\s*)?arXiv\s*(?:\.\s*org)?\s*:?\s*"
    r"(?:[a-z-]+\s*(?:\.[A-Z]{2})?\s*/\s*\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\s*\[[^\]]{1,40}\])?",
    re.IGNORECASE,
)


#: An author-date year run into the title in PDF text: "eds. 2010.Leben in …".
_GLUED_YEAR = re.compile(r"(?<![\w./:-])((?:1[5-9]|20)\d\d[a-z]?)\.(?=[A-ZÀ-Þ][a-zß-ÿ])")


def strip_noise(raw: str) -> str:
    """The reference string without software versions, record and arXiv
    identifiers, and with a year glued to the title set apart."""
    return _GLUED_YEAR.sub(r"\1. ", _ARXIV.sub(" ", _IDENTIFIERS.sub(" ", _SOFTWARE.sub("", raw))))


def tidy_fields(text: str, crf_text: str, values: dict[str, Any]) -> dict[str, Any]:
    """Merged field values checked against ``text`` (the cleaned string;
    ``crf_text`` without its numbering)."""
    out = _issue_after_volume(text, _date_volume(text, values))
    out = _journal_only(crf_text, _volume_in_journal_name(text, out))
    out = _in_names(text, _question_title(text, out))
    out = chicago_book_editors(text, slashed_container(text, quoted_title(text, out)))
    out = in_book_title(text, out)
    out = newspaper_date(text, unclosed_bracket(date_only_imprint(out)))
    out = comma_journal(text, bracketed_imprint(text, place_year_imprint(text, out)))
    out = grey_containers(text, out)
    for key in ("title", "container", "publisher", "place"):
        if out.get(key):
            # A bracket closing what opened in another field, or opening what
            # was cut off: ") Revitalizing cities", "under review) The …", "… sustainable (".
            value = re.sub(r"^(?:(?:under review|in press|forthcoming|submitted)\s*)?[)\]]\s*", "", out[key], flags=re.I)
            out[key] = re.sub(r"\s*[(\[]$", "", value) or None
        if out.get(key) and not re.search(r"[^\W\d_]", out[key]):
            out[key] = None  # "45巻 1号" left as "45 1": numbers are no title
    return out


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


def _date_volume(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """Year, volume, issue and pages from the date block and the page range
    as printed (see the module docstring)."""
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
    if pages and re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", pages) and (year is None or int(pages) == year):
        # "Vol. 12, No. 2, 1998." / "New York Times, June 15, 2005.": the date, not a page.
        if not re.search(rf"\b(?:pp?|S)\.\s*{pages}\b", text):
            out["year"] = out.get("year") or int(pages)
            out["pages"] = pages = None
    if pages and re.fullmatch(r"[A-Za-z]?\d+", pages):
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
        ranges = re.findall(r"\bpp?\.\s*([A-Za-z]?\d+\s*[-‐‑–—]\s*[A-Za-z]?\d+)", text)
        if len(ranges) == 1:
            out["pages"] = re.sub(r"\s*[-‐‑–—]\s*", "–", ranges[0])
    s = _SERIES_YEAR.search(text)
    if s and year is not None and str(year) == s.group("a") and int(s.group("b")) > year and int(s.group("b")) - year <= 2:
        out["year"] = int(s.group("b"))
    return out


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


def _issue_after_volume(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """The issue printed after the volume in the forms the CRF misses:
    "54:1, 133–155", "44, 3, 87–107", "95, (2), 649–655", "Vol. 5 No. 1",
    "39/2", "D 92 (2015) no.11, 114508"; a date read as the issue
    ("20, no. 3 (November 1948)") is dropped."""
    out = dict(values)
    issue, vol = out.get("issue"), out.get("volume")
    # A season alone ("76 (Winter)") is the issue; a month or a year is the date.
    seasonal = re.fullmatch(r"(?:spring|summer|autumn|fall|winter)", issue.strip(" ()"), re.I) if issue else None
    if issue and ((_DATE_ISSUE.match(issue.strip(" ()")) and not seasonal) or not re.search(r"\w", issue)):
        out["issue"] = issue = None
    if issue or not vol or not re.fullmatch(r"\d{1,4}[A-Z]?", vol) or vol == str(out.get("year")):
        return out
    for k in range(len(_ISSUE_TAILS)):
        m = _issue_search(text, vol, k)
        if m and m.group("i") != out.get("pages") and not re.search(r"\b(?:1[89]\d\d|20[0-4]\d)\b", m.group("i")):
            out["issue"] = re.sub(r"\s+", "", m.group("i"))
            break
    return out


def _journal_only(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """"Nucl. Phys. B 897 (2015) 39", "Journal of Biotechnology 121 (2006)
    291–298": a journal, volume and pages with no author or title (the
    later items of a grouped physics reference) — the CRF reads the
    journal's words as names."""
    out = dict(values)
    authors, vol = out.get("authors") or (), out.get("volume")
    if not authors or out.get("title") or not vol:
        return out
    cont = out.get("container")
    if cont:
        # The rules read "Nucl. Phys. B 897" before the year as an organisation.
        if len(authors) == 1 and re.search(r"\d", authors[0].family) and cont.split()[0] in authors[0].family:
            out["authors"], out["et_al"] = (), False
        return out
    m = re.match(rf"(?P<head>[^\d,;:()]+?)\s*{re.escape(vol)}\b", text)
    if not m or len(m.group("head")) < 4:
        return out
    head_words = set(re.findall(r"[^\W\d_]+", m.group("head").lower()))
    name_words = set(re.findall(r"[^\W\d_]+", " ".join(f"{a.family} {a.given or ''}" for a in authors).lower()))
    if name_words and name_words <= head_words:
        out["container"], out["authors"], out["et_al"] = m.group("head").strip(" ,."), (), False
    return out


def _volume_in_journal_name(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """"Physical Review Letters61, 2412", "Can. J. Chem. 67, 1-9": a volume
    run into (or read with) the journal's name of an article with pages.
    Not a series number ("Perkin Trans. 1"), a year, "CogSci08", or the
    book of a chapter ("In … Proceedings 2001, pp.")."""
    out = dict(values)
    cont = out.get("container")
    if not cont or out.get("volume") or out.get("editors") or not (out.get("pages") or out.get("issue")):
        return out
    m = re.fullmatch(r"(?P<c>.*[^\W\d_]{2}\.?)\s?(?P<v>[1-9]\d{0,3})", cont)
    if not m or m.group("v") == out.get("pages") or re.fullmatch(r"1[5-9]\d\d|20[0-4]\d", m.group("v")):
        return out
    if re.search(r"(?:trans|series|part|sect|ser)\.?$", m.group("c"), re.I):
        return out
    at = text.find(cont)
    if at >= 0 and re.search(r"\bin:?\s*$", text[max(0, at - 5) : at], re.I):
        return out
    out["container"], out["volume"] = m.group("c").strip(), m.group("v")
    return out


#: What follows a journal's name: "(Zurich) 162", "2001 Jan-Abr; 10(1)", "12,".
_AFTER_JOURNAL = r"[\s.,]*(?:\([^()]{1,30}\)[\s.,]*)?(?:(?:1[5-9]\d\d|20[0-4]\d)[^;\d]{0,12};\s*)?"


def _asked(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` followed by "?", a closing quote
    between them or not (a literal search: no pattern compiled per title)."""
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if text[end:end + 1] == "?" or (text[end:end + 1] in _CLOSING_QUOTES and text[end + 1:end + 2] == "?"):
            return True
        at = text.find(words, at + 1)
    return False


_CLOSING_QUOTES = ('"', "”", "’", "'")


def _question_title(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """A title that asks a question, split wrongly at or past its "?":
    "Why do cities grow? Urban Studies 12" (the journal after the "?" read
    into the title) and "Model? Labour Policies of … Europe. European
    Journal of …, 7" (the subtitle after the "?" read into the journal)."""
    out = dict(values)
    title, cont, vol = out.get("title"), out.get("container"), out.get("volume")
    if not title or not vol:
        return out
    head, q, tail = title.rpartition("?")
    tail = tail.strip(" ,.(")
    if q and head and tail and len(tail.split()) <= 4 and not re.search(r"[?:]", tail):
        # The tail is the journal only when the volume (or the journal the
        # CRF found) follows it directly.
        at = text.find(tail, text.find(head) + len(head) if head in text else 0)
        after = text[at + len(tail):] if at >= 0 else ""
        if at >= 0 and re.match(_AFTER_JOURNAL + re.escape(vol) + r"\b", after):
            out["title"], out["container"] = head.strip() + "?", tail
        elif at >= 0 and cont and re.match(r"\s*,\s*" + re.escape(cont), after):
            out["title"], out["container"] = head.strip() + "?", f"{tail}, {cont}"
        return out
    if not cont or not _asked(text, title.rstrip("?")):
        return out
    # "Subtitle words. Journal": the journal's head is a sentence of plain
    # words (no abbreviation like "Soc." — that is a journal's own name).
    m = re.fullmatch(r"(?P<sub>(?:[^.?]|(?<=\d)\.)+)\.\s+(?P<j>[A-Z][^?]+)", cont)
    if m and len(m.group("sub").split()) >= 3 and text.find(m.group("sub")) > text.find(title.rstrip("?")) >= 0:
        out["title"], out["container"] = f"{title.rstrip()} {m.group('sub').strip()}", m.group("j").strip()
    return out


#: "in: Deckmyn / Thomson, pp." (a short form of an edited book listed
#: elsewhere) and "in: W. Hummer, Title, …": editors printed bare.
_IN_SLASH = re.compile(r"\bin:?\s+(?P<n>[A-Z][\w'-]+(?:\s*/\s*[A-Z][\w'-]+)+)\s*,\s*(?:pp?\.|S\.)")
_IN_INITIALS = re.compile(r"\bin:?\s+(?P<n>(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+(?:(?:,|\s+and|\s*&)\s+(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+)*),\s+")
_PUBLISHER_WORDS = re.compile(r"verlag|press|publish|buchhandlung|books\b|editions?\b|university", re.I)


def _in_names(text: str, values: dict[str, Any]) -> dict[str, Any]:
    """Editors printed without "(eds)" after "in", read by the CRF as the
    publisher or the journal, become the editors."""
    out = dict(values)
    if out.get("editors") or out.get("volume"):
        return out
    for pat in (_IN_SLASH, _IN_INITIALS):
        m = pat.search(text)
        if not m:
            continue
        names = m.group("n")
        key = re.sub(r"\W+", "", names).lower()
        hit = [k for k in ("publisher", "container") if out.get(k) and re.sub(r"\W+", "", out[k]).lower() == key]
        if not hit:
            continue
        editors, _ = parse_authors(names)
        if not editors or any(a.organisation for a in editors):
            continue
        out["editors"] = editors
        for k in hit:
            out[k] = None
        cont = out.get("container")
        if cont and not out.get("publisher") and ", " in cont:
            # "Book, Manzsche Verlags- und Universitätsbuchhandlung": the
            # publisher the names displaced is the book's last part.
            book, _, pub = cont.rpartition(", ")
            if _PUBLISHER_WORDS.search(pub):
                out["container"], out["publisher"] = book, pub
        break
    return out
