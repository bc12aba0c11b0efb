"""Find in-text citations in body paragraphs and footnotes.

Three kinds are found:

* parenthetical author-year groups, ``(Brenner, 2004; see Jessop, 2002: 45)``;
* narrative ones, ``Wu (2016)``, ``Li, Chen, and Wu (2020)``,
  ``Brenner et al.'s (2011)``, ``Allen and Cochrane (2007, 2010)``,
  ``Neil Brenner (2004)`` (the given name becomes an initial),
  organisations ``the State Council (2014)``, ``World Bank (2009)``;
* author-year groups in square brackets, ``[Womack et al., 1990]``,
  ``[see Brenner 2004: 12]`` (read as parenthetical ones);
* numeric call-outs, ``[3]``, ``[3–5]``, ``[1, 4, 7]``.

Detection is rule-based: a parenthesis is split on ``;`` and each part must
end in a year list (optionally followed by a locator) and start with
something that reads as author names.  Look-alikes (``(Fig. 2)``,
``(Interview, a government official, NDRC, 03.2023)``, ``(n = 2004)``,
``(March 2019)``) fail the name test.  Organisation authors may carry an
acronym, ``(Ministry of Housing and Urban-Rural Development [MOHURD], 2015)``;
a margin line number inside a group (``(Kuhn 29 & Vaughan, 2024)``, from
line-numbered manuscripts) is dropped when the group reads as a citation
without it.

This module handles years, locators, parentheses and sentences; what reads as
author names, and which names stand before a narrative year, is in
:mod:`litmap.parse.names.in_text`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from bisect import bisect_right
from typing import Iterable, Iterator, Optional, Sequence

from litmap.models import Citation, CitedWork, Paragraph, Section
from litmap.parse.names.in_text import (
    NAME_PARTICLES,
    UPPER,
    clean_names,
    is_name_segment,
    narrative_names,
    parse_authors,
)

__all__ = ["find_citations", "parse_citation_part", "split_sentences", "CITED_KINDS"]

log = logging.getLogger(__name__)

#: Paragraph kinds scanned for citations (humanities venues cite in footnotes).
CITED_KINDS = ("body", "footnote")

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# One year item: 2004, 2004a, 1867/1976, [1974] 1991, 1984 [2008], n.d., in press, forthcoming.
# A bracketed year is the other edition; the year outside the brackets is the one listed.
_YEAR_ITEM = (
    rf"(?:(?:\[\s*{_YEAR}\s*\]\s*)?{_YEAR}(?:\s*/\s*{_YEAR})?(?:[a-z](?![\w]))?(?:\s*\[\s*{_YEAR}\s*\])?"
    r"|n\.\s?d\.?|in\s+press|forthcoming|under\s+review)"
)
_YEAR_LIST = rf"{_YEAR_ITEM}(?:\s*,\s*(?:{_YEAR_ITEM}|[a-z](?![\w.])))*"
# Part = authors, then year list, then an optional locator.
_PART_RE = re.compile(
    rf"^(?P<authors>.*?)[\s,]+(?P<years>{_YEAR_LIST})(?P<rest>.*)$", re.S
)
_YEARS_ONLY_RE = re.compile(rf"^\s*(?P<years>{_YEAR_LIST})(?P<rest>.*)$", re.S)
_LOCATOR_RE = re.compile(
    r"^\s*[:,]\s*(?P<loc>(?:(?:pp?\.?|pages?|chap(?:ter)?\.?|ch\.|para\.?|paras\.|sec\.|fn\.?|n\.|note|vol\.)\s*)?"
    r"[\dixvlc]+(?:\s*[-–—]\s*[\dixvlc]+)?(?:\s*(?:,|and|&)\s*\d+(?:\s*[-–—]\s*\d+)?)*"
    r"(?:\s*ff?\.?)?(?:\s*[,;]?\s*(?:emphasis|original|italics|my|our|translation|own)[^)]{0,40})?)\s*$",
    re.I,
)
# A lead-in before the names: "see", "cf.", "e.g.", "for a review, see",
# "argued later at length in" (any run of lower-case words).
_PREFIX_RE = re.compile(r"^(?:(?:e\.\s?g\.|i\.\s?e\.|cf\.|[a-z][a-z'’-]*|[Ss]ee|[Cc]f\.|[Ee]\.g\.)[,:]?\s+){1,10}")
# Text after the year that is not a locator: "(see Brenner, 2004 for a review)".
_TRAIL_RE = re.compile(
    r"^\s*,?\s*(?:for|among|amongst|inter\s+alia|and\s+(?:the\s+)?references\s+therein)\b[a-z\s,'’-]{0,50}$"
)
# A line number from a line-numbered manuscript's margin, between words.
_LINE_NO_RE = re.compile(r"(?<=[\w,.&])\s+\d{1,3}(?=\s)")
_NUMERIC_RE = re.compile(r"\[(\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)*\s*)\]")
_PAREN_RE = re.compile(r"\(([^()]{1,600})\)")
#: Author-year groups in square brackets, as some journals and theses print
#: them: "[Womack et al., 1990]", "[see Brenner 2004: 12]".
_BRACKET_RE = re.compile(r"\[([^\[\]()]{1,600})\]")

# Sentence splitting: these tokens end with "." but do not end a sentence.
_ABBREV = {
    "al", "e.g", "eg", "i.e", "ie", "cf", "p", "pp", "fig", "figs", "no", "nos", "vol", "vols", "ed",
    "eds", "dr", "mr", "mrs", "ms", "prof", "st", "vs", "ch", "chap", "sec", "para", "n.d", "nd",
    "approx", "ca", "c", "etc.,", "inc", "ltd", "co", "jr", "sr", "u.s", "u.k", "op", "cit", "ibid",
    "viz", "resp", "esp", "incl", "tab", "eq", "art", "trans", "rev",
}
_SENT_END_RE = re.compile(r"[.!?]['’\"”)]*\s+(?=[\"“‘'(\[]?[{UP}0-9])".replace("{UP}", UPPER))


#: An initial or a run of them before a full stop: "Y" of "Y. Li".
_INITIALS_RE = re.compile(rf"(?:[{UPPER}]\.)*[{UPPER}]")


def _last_word(text: str) -> str:
    r"""What ``re.search(r"(\S+)$", text)`` finds ("" for no match), without trying every
    position of a long sentence: the last run of non-spaces, if ``text`` ends in it or in
    it and one newline (``$`` matches before a final newline too)."""
    if text.endswith("\n"):
        text = text[:-1]
    if not text or text[-1].isspace():
        return ""
    return text.rsplit(None, 1)[-1]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; does not split after ``et al.``, ``e.g.``,
    ``p.``, ``cf.``, initials (``Y. Li``) or inside parentheses."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            word = _last_word(text[start:dot])
            token = word.lower().lstrip("(\"“‘'[")
            if token in _ABBREV or token.rstrip(".") in _ABBREV:
                continue
            if _INITIALS_RE.fullmatch(word):
                continue  # an initial: "Y. Li"
        if text.count("(", start, dot) > text.count(")", start, dot):
            continue  # inside a parenthesis
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


_COMMA_WITH_SPACES = re.compile(r"\s*,\s*")
#: An original year in square brackets: "1867 [1990]".
_BRACKETED_YEAR = re.compile(r"\[\s*\d{4}\s*\]")
_YEAR_SUFFIX_ALONE = re.compile(r"[a-z]")
#: "2004a", "1999/2000b": the (last) year and its suffix.
_YEAR_AND_SUFFIX = re.compile(rf"(?:{_YEAR}\s*/\s*)?({_YEAR})([a-z])?")


def _split_years(years: str) -> list[tuple[Optional[int], Optional[str], Optional[str]]]:
    """``"2004a, b, 2010"`` → [(2004, 'a', None), (2004, 'b', None), (2010, None, None)];
    the third item is a year note (n.d., in press, forthcoming)."""
    out: list[tuple[Optional[int], Optional[str], Optional[str]]] = []
    for item in _COMMA_WITH_SPACES.split(years.strip()):
        item = _BRACKETED_YEAR.sub("", item).strip()
        if not item:
            continue
        low = item.lower()
        if _YEAR_SUFFIX_ALONE.fullmatch(item) and out and out[-1][0] is not None:
            out.append((out[-1][0], item, None))
        elif low.startswith("n"):
            out.append((None, None, "n.d."))
        elif low.startswith("in"):
            out.append((None, None, "in press"))
        elif low.startswith("forth"):
            out.append((None, None, "forthcoming"))
        elif low.startswith("under"):
            out.append((None, None, "under review"))
        else:
            m = _YEAR_AND_SUFFIX.fullmatch(item)
            if m:
                out.append((int(m.group(1)), m.group(2), None))
    return out


def _strip_prefix(part: str) -> tuple[Optional[str], str]:
    m = _PREFIX_RE.match(part)
    if not m:
        return None, part
    words = m.group(0).split()
    # give back name particles that belong to the surname ("see van der Meer")
    while words and words[-1].lower() in NAME_PARTICLES:
        words.pop()
    if not words:
        return None, part
    pos = 0
    for w in words:
        pos = part.index(w, pos) + len(w)
    cut = pos
    return part[:cut].strip(" ,:") or None, part[cut:]


def _works(
    years_text: str, rest: str, authors: tuple[str, ...], initials: Optional[str], et_al: bool, prefix: Optional[str]
) -> Optional[list[CitedWork]]:
    locator: Optional[str] = None
    if rest.strip(" ,."):
        lm = _LOCATOR_RE.match(rest)
        if lm is not None:
            locator = lm.group("loc").strip()
        elif not _TRAIL_RE.match(rest):
            return None
    years = _split_years(years_text)
    if not years:
        return None
    return [
        CitedWork(
            surnames=authors,
            year=year,
            year_suffix=suffix,
            initials=initials,
            et_al=et_al,
            locator=locator if i == len(years) - 1 else None,
            prefix=prefix if i == 0 else None,
            year_note=note,
        )
        for i, (year, suffix, note) in enumerate(years)
    ]


def _years_only_part(part: str) -> Optional[list[CitedWork]]:
    """``"2004a, 2004b"`` or ``"2009, p. 68"``: the years of a narrative citation."""
    m = _YEARS_ONLY_RE.match(part)
    if m is None:
        return None
    return _works(m.group("years"), m.group("rest"), (), None, False, None)


def parse_citation_part(part: str) -> Optional[list[CitedWork]]:
    """Parse one ``;``-separated part of a parenthetical group into cited
    works, or None if it is not a citation (``"Fig. 2"``, ``"March 2019"``)."""
    works = _parse_part(part.strip())
    if works is None and _LINE_NO_RE.search(part):
        # "Van der Laan et al., 45 2007": a margin line number leaked into the text
        works = _parse_part(_LINE_NO_RE.sub("", part.strip()))
    return works


def _parse_part(part: str) -> Optional[list[CitedWork]]:
    m = _PART_RE.match(part) if part else None
    if m is None or not m.group("authors").strip(" ,"):
        return None
    prefix, seg = _strip_prefix(m.group("authors"))
    seg = clean_names(seg)
    if not is_name_segment(seg):
        # the prefix may have eaten a lower-case particle ("de Certeau")
        seg = clean_names(m.group("authors"))
        prefix = None
        if not is_name_segment(seg):
            return None
    authors, initials, et_al = parse_authors(seg)
    if not authors:
        return None
    return _works(m.group("years"), m.group("rest"), authors, initials, et_al, prefix)


_SEMICOLON_WITH_SPACES = re.compile(r"\s*;\s*")


def _split_parts(inner: str) -> list[str]:
    return [p for p in _SEMICOLON_WITH_SPACES.split(inner) if p.strip()]


def _next_part(part: str, before: list[CitedWork]) -> list[CitedWork]:
    """Works of one ``;``-part; a part of years only continues the previous
    authors (``(Brenner 2004; 2009)``)."""
    parsed = parse_citation_part(part)
    if parsed is None and before:
        last = before[-1]
        parsed = [
            dataclasses.replace(w, surnames=last.surnames, initials=last.initials, et_al=last.et_al)
            for w in _years_only_part(part) or []
        ]
    return parsed or []


#: What follows the year of a reference-list entry: a title or the entry's end
#: ("(2009), The Challenge for Africa", "(1986) Weighted kappa", "(2008)."),
#: not the next narrative citation of a list ("Boyde (2000), Mulenga (1999)").
_ENTRY_TAIL_RE = re.compile(
    r"\s*[.,:]?\s*(?![{UP}][\w'’-]*(?:\s+(?:et\s+al\.?|and|&)(?:\s+[{UP}][\w'’-]*)?)?\s*\(\s*(?:1[5-9]|20)\d\d)"
    r"(?:[\"“‘'(]?[{UP}]|$)".replace("{UP}", UPPER)
)
#: The text of a sentence before a narrative's names when the entry inverts
#: the first author's name: "Maathai, | Wangari (2009)", "Ansorg, Nadine, and
#: | Felix Haaß (2013)", "Ansorg, Nadine, | Felix Haaß, and Julia Strasheim (2013)",
#: "Salling Olesen, Henning & Weber, | Kirsten (2012)".
_SURNAME_WORDS = rf"[{UPPER}][\w'’-]+(?:[- ][{UPPER}][\w'’-]+)?"
_INVERTED_AUTHOR = rf"{_SURNAME_WORDS},\s*[{UPPER}][\w'’-]+(?:[- ][{UPPER}][\w'’-]+)*(?:\s+[{UPPER}]\.)*"
_INVERTED_HEAD_RE = re.compile(
    rf"(?:^|[.!?]['’\"”)]*\s+)\W*(?:{_INVERTED_AUTHOR}(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*))*"
    rf"(?:{_SURNAME_WORDS},\s*|{_INVERTED_AUTHOR},\s*(?:and\s+|&\s*)?)$"
)
#: A link right after the year: a list of sources, "Proposal (1994) http://www.arl.org/...".
_URL_TAIL_RE = re.compile(r"\s*[.,:]?\s*(?:https?://|www\.)")


def _reference_entry_head(text: str, start: int, end: int, authors: tuple[str, ...], initials: Optional[str]) -> bool:
    """A reference-list line in the body flow read as a narrative citation:
    "Cohen J (1986) Weighted kappa ..." (surname, initials without dots: the
    names read as given name "Cohen" + surname "J") or "Maathai, Wangari
    (2009), The Challenge ..." (surname, comma, given name) -- the year
    followed by a title or the entry's end; or any narrative year followed
    by a link ("Proposal (1994) http://...")."""
    if _URL_TAIL_RE.match(text, end):
        return True
    if not _ENTRY_TAIL_RE.match(text, end):
        return False
    if initials and len(authors) == 1 and re.fullmatch(r"[A-Z]{1,3}", authors[0]):
        return True
    return _INVERTED_HEAD_RE.search(text[max(0, start - 120):start]) is not None


#: Dot leaders after a bracket: a table of contents or list of figures.
_LEADER_RE = re.compile(r"\s*(?:\.\s?){4,}|\s*…{2,}")


def _scan_paragraph(text: str) -> list[tuple[int, int, str, list[CitedWork]]]:
    """(start, end, kind, works) of each citation in one paragraph's text."""
    found: list[tuple[int, int, str, list[CitedWork]]] = []
    for pm in _PAREN_RE.finditer(text):
        if _LEADER_RE.match(text, pm.end()):
            continue  # a contents line: "Figure C-1: MSA Names and Codes (1999) ........ C-3"
        inner = pm.group(1)
        parts = _split_parts(inner)
        if not parts:
            continue
        head = _years_only_part(parts[0])
        if head is not None:
            nm = narrative_names(text[: pm.start()])
            if nm is None:
                continue
            authors, initials, et_al = parse_authors(nm.names + (" et al." if nm.et_al else ""))
            if _reference_entry_head(text, nm.start, pm.end(), authors, nm.initials):
                continue
            works = [
                dataclasses.replace(w, surnames=authors, initials=nm.initials or initials, et_al=et_al) for w in head
            ]
            for extra in parts[1:]:
                works.extend(_next_part(extra, works))
            if works:
                found.append((nm.start, pm.end(), "narrative", works))
            continue
        works = []
        for part in parts:
            works.extend(_next_part(part, works))
        if works:
            found.append((pm.start(), pm.end(), "parenthetical", works))
    for bm in _BRACKET_RE.finditer(text):
        # Each part must read as author and year: "[sic]", "[emphasis added]",
        # "[1990]" and numeric call-outs do not.
        if _NUMERIC_RE.fullmatch(bm.group(0)) or any(s < bm.end() and bm.start() < e for s, e, _, _ in found):
            continue
        works = []
        for part in _split_parts(bm.group(1)):
            works.extend(_next_part(part, works))
        if works:
            found.append((bm.start(), bm.end(), "parenthetical", works))
    for num in _NUMERIC_RE.finditer(text):
        nums: list[int] = []
        for item in re.split(r"\s*[,;]\s*", num.group(1).strip()):
            bounds = re.split(r"\s*[-–—]\s*", item)
            lo, hi = int(bounds[0]), int(bounds[-1])
            if hi < lo or hi - lo > 50:
                hi = lo
            nums.extend(range(lo, hi + 1))
        if nums and all(0 < n for n in nums):
            found.append((num.start(), num.end(), "numeric", [CitedWork(surnames=(), number=n) for n in nums]))
    found.sort(key=lambda f: f[0])
    return found


#: "Butler with Robson (2003)", "(Butler with Robson, 2003, p. 127)": a
#: co-author joined by "with", as the reference list prints it.
_WITH_RE = re.compile(rf"(?<![\w’'-])([{UPPER}][\w’'-]+) with (?=[{UPPER}][\w’'-]+(?:,? \(?\d{{4}}|,? et al))")
_NOT_WITH = {"together", "along", "compared", "combined", "working", "alongside", "beginning", "starting", "dealing"}


def _co_authors_with(text: str) -> str:
    """``text`` with " with " between two names read as " and  " (same length, so spans hold)."""
    if " with " not in text:
        return text
    return _WITH_RE.sub(lambda m: m.group(0) if m.group(1).lower() in _NOT_WITH else f"{m.group(1)} and  ", text)


#: A journal masthead or running head, "Applied Geography 58 (2015) 1–10",
#: "Cities 157 (2025) 105586", "HSR 41 (2016) 4 │ 216": title words, a volume,
#: a year in brackets, then page or article numbers.  Never an author-year
#: citation; page furniture that survived into a paragraph (a .txt input, or a
#: head that differs per page) and would otherwise sit in the citing sentence.
_MASTHEAD_RE = re.compile(
    rf"(?<![\w(])(?P<head>(?:[{UPPER}][\w&’'.:-]*\s+){{1,6}}\d{{1,4}}\s*\(\s*{_YEAR}\s*\))"
    r"(?P<pages>\s*\d[\d–-]*(?:\s*[│|]\s*\d+)?)?"
)


#: What every masthead holds, "157 (2025)": a paragraph without it is not searched for the whole form,
#: whose attempts start at every capital letter.
_MASTHEAD_VOLUME_YEAR = re.compile(rf"\d\s*\(\s*{_YEAR}\s*\)")


def _mastheads(text: str) -> Iterator[re.Match[str]]:
    """``_MASTHEAD_RE.finditer(text)``, skipped where no volume and year in brackets occur."""
    if _MASTHEAD_VOLUME_YEAR.search(text) is None:
        return iter(())
    return _MASTHEAD_RE.finditer(text)


def _masthead_spans(found: Sequence[re.Match[str]], repeated: set[str]) -> list[tuple[int, int]]:
    """Spans of running heads among a paragraph's masthead matches ``found``: the full
    masthead form (with pages), or its head alone where the document repeats it (one per page)."""
    return [
        (m.start(), m.end())
        for m in found
        if m.group("pages") or " ".join(m.group("head").split()) in repeated
    ]


def _repeated_mastheads(found: Iterable[Sequence[re.Match[str]]]) -> set[str]:
    """The heads that more than one masthead match of the document's paragraphs hold."""
    seen: dict[str, int] = {}
    for matches in found:
        for m in matches:
            key = " ".join(m.group("head").split())
            seen[key] = seen.get(key, 0) + 1
    return {k for k, n in seen.items() if n > 1}


_SPACE_RUN = re.compile(r"\s{2,}")


def _citing_sentence(text: str, s0: int, s1: int, start: int, end: int, furniture: list[tuple[int, int]]) -> str:
    """``text[s0:s1]`` without running heads (those not overlapping the citation)."""
    pieces = []
    pos = s0
    for a, b in furniture:
        if b <= s0 or a >= s1 or (a < end and start < b):
            continue
        pieces.append(text[pos:max(pos, a)])
        pos = max(pos, b)
    pieces.append(text[pos:s1])
    return _SPACE_RUN.sub(" ", " ".join(p.strip() for p in pieces if p.strip())).strip()


def find_citations(paragraphs: Sequence[Paragraph], sections: Sequence[Section]) -> list[Citation]:
    """All in-text citations in the body paragraphs and footnotes.

    Spans index into :attr:`Document.text` (``paragraph.char_start`` plus the
    offset in the paragraph); ``paragraph`` is the index into ``paragraphs``.
    """
    out: list[Citation] = []
    # Each paragraph searched for mastheads once: the repeated heads and each paragraph's spans both need them.
    mastheads = [list(_mastheads(para.text or "")) for para in paragraphs]
    repeated = _repeated_mastheads(mastheads)
    for p_index, para in enumerate(paragraphs):
        if para.kind not in CITED_KINDS or not para.text:
            continue
        heading = sections[para.section].heading if 0 <= para.section < len(sections) else None
        sentences = split_sentences(para.text)
        starts = [s for s, _ in sentences]
        furniture = _masthead_spans(mastheads[p_index], repeated)
        for start, end, kind, works in _scan_paragraph(_co_authors_with(para.text)):
            if any(a < end and start < b for a, b in furniture):
                continue  # "Urban Studies 45 (2008)": a masthead, not a citation
            si = max(0, bisect_right(starts, start) - 1)
            s0, s1 = sentences[si] if sentences else (0, len(para.text))
            out.append(
                Citation(
                    raw=para.text[start:end],
                    kind=kind,
                    page=para.page,
                    section=heading,
                    sentence=_citing_sentence(para.text, s0, max(s1, end), start, end, furniture),
                    paragraph=p_index,
                    cites=tuple(works),
                    char_start=para.char_start + start,
                    char_end=para.char_start + end,
                )
            )
    log.debug("found %d citation groups in %d paragraphs", len(out), len(paragraphs))
    return out
