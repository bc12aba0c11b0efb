"""Find in-text citations in body paragraphs and footnotes.

Three kinds are found:

* parenthetical author-year groups, ``(Brenner, 2004; see Jessop, 2002: 45)``;
* narrative ones, ``Wu (2016)``, ``Li, Chen, and Wu (2020)``,
  ``Brenner et al.'s (2011)``, ``Allen and Cochrane (2007, 2010)``,
  ``Neil Brenner (2004)`` (the given name becomes an initial),
  organisations ``the State Council (2014)``, ``World Bank (2009)``;
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
"""

from __future__ import annotations

import dataclasses
import logging
import re
from bisect import bisect_right
from typing import Optional, Sequence

from litmap.models import Citation, CitedWork, Paragraph, Section

__all__ = ["find_citations", "parse_citation_part", "split_sentences", "CITED_KINDS"]

log = logging.getLogger(__name__)

#: Paragraph kinds scanned for citations (humanities venues cite in footnotes).
CITED_KINDS = ("body", "footnote")

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"  # letters, also decomposed diacritics
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
_NAME_STOP = {
    "fig", "figs", "figure", "figures", "table", "tables", "interview", "interviews", "interviewee",
    "respondent", "informant", "participant", "footnote", "note", "notes", "appendix", "eq", "equation",
    "section", "chapter", "box", "map", "photo", "plate", "source", "sources", "accessed", "retrieved",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "spring", "summer", "autumn", "winter", "fall", "since", "until", "before", "after", "during",
    "from", "in", "around", "circa", "ca", "year", "years", "between", "about", "until", "see", "cf",
    "eg", "ie", "author", "authors", "field", "fieldwork", "translation", "personal", "survey",
    "census", "wave", "phase", "step", "model", "scenario", "group", "case", "no", "vol", "art",
    "article", "law", "act", "decree", "document", "plan", "the", "a", "an", "this", "that",
    # acronyms that stand before a year without naming an author ("(GDP, 2015)", "(RMB 2010)")
    "gdp", "gnp", "gva", "fdi", "cpi", "hdi", "ppp", "rmb", "cny", "usd", "eur", "gbp", "jpy", "hkd",
}
# Sentence adverbs that start a comma chain of "names" ("However, Li and Wu (2020)").
_LEAD_WORDS = set(
    "however moreover thus therefore furthermore similarly indeed here recently first second third finally "
    "also additionally notably likewise conversely instead yet still hence accordingly meanwhile nevertheless "
    "nonetheless specifically consequently importantly interestingly alternatively previously subsequently "
    "later earlier overall again rather in for as following unlike like by while whereas although since "
    "then now today critically crucially similarly elsewhere besides further next".split()
)
# Capitalised words that end titles and events, not author names
# ("the twenty first Century (2014)", "the Eleventh Five-Year Plan (2006)").
_NOT_SURNAMES = set(
    "century decade era war revolution reform reforms plan plans programme program strategy policy report "
    "act law agenda declaration conference summit initiative census survey index edition volume part "
    "games olympics expo treaty accord agreement congress session meeting tour project theory manual handbook "
    "guide finance renewal review journal studies series bulletin yearbook archive faq".split()
)
_CONNECTORS = {"and", "&", "of", "the", "for", "on", "in", "de", "du", "van", "von", "der", "den", "da",
               "di", "dos", "das", "del", "della", "des", "la", "le", "ter", "ten", "zu", "y", "al", "el",
               "bin", "ibn", "st", "und", "et", "al.", "et al.", "to", "at"}
_PARTICLES = {"de", "du", "van", "von", "der", "den", "da", "di", "dos", "das", "del", "della", "des",
              "la", "le", "ter", "ten", "zu", "al", "el", "bin", "ibn", "st"}
_ORG_WORDS = {"of", "the", "for", "on", "in", "to", "at", "und"}
# Head nouns of organisation authors ("the State Council (2014)", "R Core team").
_ORG_NOUNS = set(
    "council bank commission ministry bureau committee office department agency organization organisation "
    "institute government assembly forum fund union nations authority board association federation "
    "secretariat administration centre center foundation society parliament team group alliance "
    "corporation consortium observatory academy commissioner habitat".split()
)
# Capitalised words that, before a surname, are not a given name ("Southern Tour", "New Town").
_NOT_GIVEN = set(
    "southern northern eastern western central national new old great greater upper lower north south east west "
    "general urban rural chinese british european american english french german global local regional federal "
    "state city county province district river delta bay street road square park zone area lake mount saint "
    "st king queen president premier chairman mayor secretary minister professor dr mr mrs ms sir lord "
    "according following unlike like both while whereas although after before during since when where which "
    "what why how who whom whose there these those their our its his her and but only even most some many "
    "other others early recent classic so yet thus hence also this that social training trade neighbourhood "
    "neighborhood".split()
)
# Word endings of adjectives and abstract nouns, not given names ("Political", "Modern").
_NOT_GIVEN_ENDS = (
    "cial", "ical", "ics", "ral", "onal", "tic", "ous", "ism", "ity", "ment", "ness", "hood", "ist", "ern", "ese",
)
# A capitalised given name ending the text before a surname: "Neil ", "Jean-Pierre ".
_GIVEN = rf"(?<![\w\u0300-\u036f'’-])([{_UP}][a-z\u00df-\u00ff\u0300-\u036f]{{1,12}}(?:-[{_UP}][a-z]{{1,12}})?)"
_GIVEN_RE = re.compile(_GIVEN + r"\s+$")
# "Neil Brenner, " / "Peter Moss and ": an earlier author of a full-name list.
_FULL_PAIR_RE = re.compile(
    _GIVEN + rf"\s+([{_UP}]{_LETTER}+(?:-{_LETTER}+)?)(?P<sep>\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)$"
)
# A bracketed acronym after an organisation's name: "[MOHURD]", "(NBS)".
_ACRONYM_RE = re.compile(rf"\s*[\[(][{_UP}][A-Za-z&-]{{1,12}}[\])]$")
# Text after the year that is not a locator: "(see Brenner, 2004 for a review)".
_TRAIL_RE = re.compile(
    r"^\s*,?\s*(?:for|among|amongst|inter\s+alia|and\s+(?:the\s+)?references\s+therein)\b[a-z\s,'’-]{0,50}$"
)
# A line number from a line-numbered manuscript's margin, between words.
_LINE_NO_RE = re.compile(r"(?<=[\w,.&])\s+\d{1,3}(?=\s)")
_INITIAL_RE = re.compile(rf"^(?:[{_UP}]\.(?:\s?-?[{_UP}]\.)*|[{_UP}]{{1,2}}\.?-[{_UP}]\.)$")
_ET_AL_RE = re.compile(r",?\s*\bet\s*al\.?,?", re.I)
_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")

# Narrative: names right before a "(years ...)" parenthesis.
_NAME = (
    r"(?<![\w\u0300-\u036f'’-])"  # a whole word: not the "st" of "21st"
    rf"(?:(?:[{_UP}]\.\s?(?:-?[{_UP}]\.\s?)*)\s*)?"  # initials
    rf"(?:(?:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))}|De|Van|Von|Le|La|Di|Da|Du|Del)\s+)*"
    rf"[{_UP}]{_LETTER}*(?:['’]{_LETTER}+)?(?:-\s?{_LETTER}+)*"
)
_NAME_LIST = rf"{_NAME}(?:(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*){_NAME})*"
_NARRATIVE_TAIL_RE = re.compile(
    rf"(?P<names>{_NAME_LIST})(?P<etal>,?\s+et\s*al\.?)?(?P<poss>['’]s?)?\s*$"
)
_NUMERIC_RE = re.compile(r"\[(\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-–—]\s*\d{1,3})?)*\s*)\]")
_PAREN_RE = re.compile(r"\(([^()]{1,600})\)")

# Sentence splitting: these tokens end with "." but do not end a sentence.
_ABBREV = {
    "al", "e.g", "eg", "i.e", "ie", "cf", "p", "pp", "fig", "figs", "no", "nos", "vol", "vols", "ed",
    "eds", "dr", "mr", "mrs", "ms", "prof", "st", "vs", "ch", "chap", "sec", "para", "n.d", "nd",
    "approx", "ca", "c", "etc.,", "inc", "ltd", "co", "jr", "sr", "u.s", "u.k", "op", "cit", "ibid",
    "viz", "resp", "esp", "incl", "tab", "eq", "art", "trans", "rev",
}
_SENT_END_RE = re.compile(r"[.!?]['’\"”)]*\s+(?=[\"“‘'(\[]?[{UP}0-9])".replace("{UP}", _UP))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; does not split after ``et al.``, ``e.g.``,
    ``p.``, ``cf.``, initials (``Y. Li``) or inside parentheses."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            word = re.search(r"(\S+)$", text[start:dot])
            token = word.group(1).lower().lstrip("(\"“‘'[") if word else ""
            if token in _ABBREV or token.rstrip(".") in _ABBREV:
                continue
            if re.fullmatch(rf"(?:[{_UP}]\.)*[{_UP}]", word.group(1) if word else ""):
                continue  # an initial: "Y. Li"
        if text.count("(", start, dot) > text.count(")", start, dot):
            continue  # inside a parenthesis
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _clean_names(s: str) -> str:
    s = re.sub(rf"({_LETTER})-\s+({_LETTER})", lambda m: m.group(1) + m.group(2) if m.group(2).islower() else m.group(0), s)
    return re.sub(r"\s+", " ", s).strip(" ,;")


def _is_name_segment(seg: str) -> bool:
    """Whether ``seg`` reads as an author list or an organisation name."""
    seg = _ACRONYM_RE.sub("", seg)
    if not seg or len(seg) > 160 or re.search(r"[=<>%+×*/\d\[\]\"“”$€£¥§]", seg):
        return False
    words = [w for w in re.split(r"[\s,]+", seg) if w]
    if not words or len(words) > 16:
        return False
    caps = 0
    first = True
    for w in words:
        bare = w.strip("’'")
        low = bare.lower().rstrip(".")
        if first and low in _NAME_STOP:
            return False
        first = False
        if bare in ("&",) or low in ("et", "al", "etal", "and"):
            continue
        if _INITIAL_RE.match(bare):
            continue
        if bare[0].isupper():
            if low in _NAME_STOP:
                return False
            caps += 1
            continue
        if low in _CONNECTORS or (caps and low in _ORG_NOUNS):  # "R Core team"
            continue
        return False
    return caps > 0


def _split_years(years: str) -> list[tuple[Optional[int], Optional[str], Optional[str]]]:
    """``"2004a, b, 2010"`` → [(2004, 'a', None), (2004, 'b', None), (2010, None, None)];
    the third item is a year note (n.d., in press, forthcoming)."""
    out: list[tuple[Optional[int], Optional[str], Optional[str]]] = []
    for item in re.split(r"\s*,\s*", years.strip()):
        item = re.sub(r"\[\s*\d{4}\s*\]", "", item).strip()
        if not item:
            continue
        low = item.lower()
        if re.fullmatch(r"[a-z]", item) and out and out[-1][0] is not None:
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
            m = re.fullmatch(rf"(?:{_YEAR}\s*/\s*)?({_YEAR})([a-z])?", item)
            if m:
                out.append((int(m.group(1)), m.group(2), None))
    return out


def _parse_authors(seg: str) -> tuple[tuple[str, ...], Optional[str], bool]:
    """Surnames, first-author initials and the et-al flag of an author segment."""
    et_al = bool(_ET_AL_RE.search(seg))
    seg = _ET_AL_RE.sub("", seg).strip(" ,")
    words = seg.split()
    # "Ministry of Housing ...", "World Travel and Tourism Council": one author, not a list
    is_org = (any(w.lower() in _ORG_WORDS for w in words) and len(words) >= 3) or (
        len(words) >= 2 and "," not in seg and words[-1].lower().strip("’'") in _ORG_NOUNS
    )
    chunks = [seg] if is_org else [c for c in _SEP_RE.split(seg) if c and c.strip()]
    surnames: list[str] = []
    initials: Optional[str] = None
    for i, chunk in enumerate(chunks):
        toks = chunk.split()
        lead: list[str] = []
        while len(toks) > 1 and _INITIAL_RE.match(toks[0]):
            lead.append(toks.pop(0))
        if i == 0 and lead:
            initials = " ".join(lead)
        if toks:
            surnames.append(" ".join(toks))
    return tuple(surnames), initials, et_al


def _strip_prefix(part: str) -> tuple[Optional[str], str]:
    m = _PREFIX_RE.match(part)
    if not m:
        return None, part
    words = m.group(0).split()
    # give back name particles that belong to the surname ("see van der Meer")
    while words and words[-1].lower() in _PARTICLES:
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
    seg = _clean_names(seg)
    if not _is_name_segment(seg):
        # the prefix may have eaten a lower-case particle ("de Certeau")
        seg = _clean_names(m.group("authors"))
        prefix = None
        if not _is_name_segment(seg):
            return None
    authors, initials, et_al = _parse_authors(seg)
    if not authors:
        return None
    return _works(m.group("years"), m.group("rest"), authors, initials, et_al, prefix)


def _split_parts(inner: str) -> list[str]:
    return [p for p in re.split(r"\s*;\s*", inner) if p.strip()]


@dataclasses.dataclass(frozen=True)
class _Narrative:
    """Authors found right before a narrative year parenthesis."""

    start: int  # offset of the first name in the text before the parenthesis
    names: str  # author text, cleaned, without "et al." and possessive
    et_al: bool = False
    initials: Optional[str] = None  # from a given name: "Neil Brenner" -> "N."


# An organisation's name right before "(2014)": capitalised words and
# connectors, maybe an acronym and a possessive ("the World Bank's (2009)").
_ORG_TAIL_RE = re.compile(
    rf"(?P<names>(?:[{_UP}][\w’'&.-]*|of|for|and|on|the|&)(?:\s+(?:[{_UP}][\w’'&.-]*|of|for|and|on|the|&)){{0,11}})"
    rf"(?P<acr>\s*[\[(][{_UP}][A-Za-z&-]{{1,12}}[\])])?(?P<poss>['’]s?)?\s*$"
)
_POSS_RE = re.compile(r"['’]s?$")


def _narrative_org(tail: str) -> Optional[_Narrative]:
    """``the State Council (2014)``, ``World Bank (2009)``: an organisation,
    recognised by a head noun (council, bank, ministry, ...)."""
    m = _ORG_TAIL_RE.search(tail)
    if m is None:
        return None
    words = [(w.start(), w.group(0)) for w in re.finditer(r"\S+", m.group("names"))]
    # drop sentence openers and articles: "In the World Bank", "According to the ..."
    while words and (words[0][1][:1].islower() or words[0][1] in ("The", "&")
                     or words[0][1].lower().rstrip(",") in _LEAD_WORDS | _NAME_STOP):
        words.pop(0)
    while words and (words[-1][1][:1].islower() or words[-1][1] == "&"):
        return None  # ends in a connector: "Ministry of" is cut short
    if not words or not any(_POSS_RE.sub("", w).lower() in _ORG_NOUNS for _, w in words):
        return None
    start = m.start("names") + words[0][0]
    names = _POSS_RE.sub("", tail[start:m.end("names")]) + (m.group("acr") or "")
    if not _is_name_segment(_clean_names(names)):
        return None
    return _Narrative(start=start, names=_clean_names(names))


def _narrative_names(before: str) -> Optional[_Narrative]:
    """The author names ending ``before`` (text right before a year parenthesis)."""
    tail = before[-200:]
    offset = len(before) - len(tail)
    org = _narrative_org(tail)
    if org is not None:
        return dataclasses.replace(org, start=org.start + offset)
    m = _NARRATIVE_TAIL_RE.search(tail)
    if m is None:
        return None
    names = m.group("names")
    seps = re.findall(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*", names)
    # "In China, Wu (2016)": a comma chain must end in "and"/"&" (or et al.)
    if seps and not m.group("etal") and not re.search(r"and|&", seps[-1]):
        cut = names.rfind(",")
        m = _NARRATIVE_TAIL_RE.search(tail, m.start("names") + cut + 1)
    found = _narrative_names_check(tail, m)
    if found is None:
        return None
    nm, given = found
    start = given.start(1) if given else nm.start("names")
    names = _POSS_RE.sub("", _clean_names(nm.group("names")))
    initials = given.group(1)[0] + "." if given else None
    if given:
        first, earlier, first_given = _earlier_full_names(tail, start)
        if earlier:  # "Liz Bondi and Damaris Rose (2003)"
            start, names, initials = first, ", ".join(earlier + [names]), first_given[0] + "."
    return _Narrative(start=start + offset, names=names, et_al=bool(nm.group("etal")), initials=initials)


def _earlier_full_names(tail: str, pos: int) -> tuple[int, list[str], str]:
    """Authors written as full names before the one at ``pos`` (``Neil
    Brenner, Jamie Peck and ``): their start, surnames and the first given
    name.  The nearest separator must be "and"/"&", as in a name list."""
    surnames: list[str] = []
    first_given = ""
    while len(surnames) < 5:
        m = _FULL_PAIR_RE.search(tail[:pos])
        if m is None or (not surnames and not re.search(r"and|&", m.group("sep"))):
            break
        if not _plausible_given(m.group(1)) or m.group(2).lower() in _NOT_SURNAMES | _NOT_GIVEN:
            break
        surnames.insert(0, m.group(2))
        first_given, pos = m.group(1), m.start(1)
    return pos, surnames, first_given


def _plausible_given(word: str) -> bool:
    low = word.lower()
    return low not in _NOT_GIVEN | _NAME_STOP | _LEAD_WORDS and not low.endswith(_NOT_GIVEN_ENDS)


def _given_name(pre: str, names: str) -> Optional[re.Match[str]]:
    """A given name ending ``pre`` before a single surname, mid-sentence
    (``the work of Neil Brenner (2004)``), not a proper noun's first word
    (``Southern Tour``, ``Science Park``)."""
    g = _GIVEN_RE.search(pre)
    if g is None or " " in names or "," in names:
        return None
    if not _plausible_given(g.group(1)):
        return None
    if names.lower().rstrip("’'s") in _NOT_GIVEN or names.lower() in _NOT_SURNAMES:
        return None
    # a third capitalised word before it makes a longer proper noun ("Pearl River Delta")
    prev = re.search(r"(\S+)\s+$", pre[: g.start(1)])
    if prev and prev.group(1)[:1].isupper() and prev.group(1)[-1] not in ".,;:!?)\"”’":
        return None
    return g


def _narrative_names_check(
    tail: str, m: Optional[re.Match[str]]
) -> Optional[tuple[re.Match[str], Optional[re.Match[str]]]]:
    """``m`` and the given name before it (or None), or None if not authors."""
    if m is None:
        return None
    names = _clean_names(m.group("names"))
    first = names.split()[0].rstrip(".,").lower() if names else ""
    if first in _LEAD_WORDS and "," in m.group("names"):
        cut = m.start("names") + m.group("names").index(",") + 1
        return _narrative_names_check(tail, _NARRATIVE_TAIL_RE.search(tail, cut))
    if not names or first in _NAME_STOP or not _is_name_segment(names):
        return None
    if _POSS_RE.sub("", names).split()[-1].lower() in _NOT_SURNAMES:
        return None
    # A capitalised word right before the names, mid-sentence, makes it a
    # proper noun ("Southern Tour (1992)", "Science Park (2022)"), unless it
    # is a given name ("the work of Neil Brenner (2004)").
    pre = tail[: m.start("names")]
    pw = re.search(r"(\S+)\s+$", pre)
    if pw:
        word = pw.group(1)
        ends_clause = word[-1] in ".,;:!?)\"”’"
        # "the 21st Century (2014)", "a Commission (2019)": not author names
        if (word[:1].isdigit() and not ends_clause) or word in ("the", "a", "an", "The", "A", "An"):
            return None
        if word[:1].isupper() and not ends_clause and word.lower() not in _NAME_STOP | _LEAD_WORDS:
            given = _given_name(pre, _POSS_RE.sub("", names))
            before = pre[: pw.start(1)].rstrip()
            if before and before[-1] not in ".!?:;\"“(" and given is None:
                return None
            return m, given
    return m, None


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


def _scan_paragraph(text: str) -> list[tuple[int, int, str, list[CitedWork]]]:
    """(start, end, kind, works) of each citation in one paragraph's text."""
    found: list[tuple[int, int, str, list[CitedWork]]] = []
    for pm in _PAREN_RE.finditer(text):
        inner = pm.group(1)
        parts = _split_parts(inner)
        if not parts:
            continue
        head = _years_only_part(parts[0])
        if head is not None:
            nm = _narrative_names(text[: pm.start()])
            if nm is None:
                continue
            authors, initials, et_al = _parse_authors(nm.names + (" et al." if nm.et_al else ""))
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
    for nm in _NUMERIC_RE.finditer(text):
        nums: list[int] = []
        for item in re.split(r"\s*[,;]\s*", nm.group(1).strip()):
            bounds = re.split(r"\s*[-–—]\s*", item)
            lo, hi = int(bounds[0]), int(bounds[-1])
            if hi < lo or hi - lo > 50:
                hi = lo
            nums.extend(range(lo, hi + 1))
        if nums and all(0 < n for n in nums):
            found.append((nm.start(), nm.end(), "numeric", [CitedWork(surnames=(), number=n) for n in nums]))
    found.sort(key=lambda f: f[0])
    return found


def find_citations(paragraphs: Sequence[Paragraph], sections: Sequence[Section]) -> list[Citation]:
    """All in-text citations in the body paragraphs and footnotes.

    Spans index into :attr:`Document.text` (``paragraph.char_start`` plus the
    offset in the paragraph); ``paragraph`` is the index into ``paragraphs``.
    """
    out: list[Citation] = []
    for p_index, para in enumerate(paragraphs):
        if para.kind not in CITED_KINDS or not para.text:
            continue
        heading = sections[para.section].heading if 0 <= para.section < len(sections) else None
        sentences = split_sentences(para.text)
        starts = [s for s, _ in sentences]
        for start, end, kind, works in _scan_paragraph(para.text):
            si = max(0, bisect_right(starts, start) - 1)
            s0, s1 = sentences[si] if sentences else (0, len(para.text))
            out.append(
                Citation(
                    raw=para.text[start:end],
                    kind=kind,
                    page=para.page,
                    section=heading,
                    sentence=para.text[s0:max(s1, end)].strip(),
                    paragraph=p_index,
                    cites=tuple(works),
                    char_start=para.char_start + start,
                    char_end=para.char_start + end,
                )
            )
    log.debug("found %d citation groups in %d paragraphs", len(out), len(paragraphs))
    return out
