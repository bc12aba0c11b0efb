"""Author names in in-text citations: which text reads as names, and which
names stand right before a narrative citation's year parenthesis.

Split from :mod:`litmap.parse.citations`, which handles years, locators,
parentheses and sentences; this module holds the name vocabulary and rules:

* :func:`is_name_segment`: an author list or organisation name, not a
  look-alike (``Fig. 2``, ``Interview``, ``March``, ``GDP``);
* :func:`parse_authors`: surnames, first-author initials and "et al." of an
  author segment, keeping an organisation (``Ministry of Housing and
  Urban-Rural Development``) as one author;
* :func:`narrative_names`: the authors ending the text before ``(2016)``:
  ``Wu``, ``Li, Chen, and Wu``, ``Brenner et al.'s``, full names (``Neil
  Brenner`` → initial ``N.``; ``Liz Bondi and Damaris Rose``) and
  organisations by their head noun (``the State Council``, ``World Bank``),
  while proper nouns (``Southern Tour``, ``Pearl River Delta``, ``the 21st
  Century``) are refused.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Optional

from litmap.parse.names.organisations import ORG_HEADS, ORG_LINKS

__all__ = [
    "UPPER",
    "COMPOUND_SPACE",
    "NAME_PARTICLES",
    "Narrative",
    "clean_names",
    "is_name_segment",
    "parse_authors",
    "narrative_names",
]

#: Upper-case letters for regex classes, with the Latin diacritics of European names.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"  # letters, also decomposed diacritics
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
    "then now today critically crucially similarly elsewhere besides further next if though unless whether because "
    "but and or nor perhaps".split()
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
#: Lower-case particles that begin a surname ("van der Meer", "de Certeau"); a
#: lead-in such as "see" must give them back.
NAME_PARTICLES = {"de", "du", "van", "von", "der", "den", "da", "di", "dos", "das", "del", "della", "des",
                  "la", "le", "ter", "ten", "zu", "al", "el", "bin", "ibn", "st"}
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
_NOUN_ENDS = ("ity", "ities", "ness", "ism", "isms", "tion", "tions")
# A capitalised given name ending the text before a surname: "Neil ", "Jean-Pierre ".
_GIVEN = rf"(?<![\w\u0300-\u036f'’-])([{UPPER}][a-z\u00df-\u00ff\u0300-\u036f]{{1,12}}(?:-[{UPPER}][a-z]{{1,12}})?)"
_GIVEN_RE = re.compile(_GIVEN + r"\s+$")
# "Neil Brenner, " / "Peter Moss and ": an earlier author of a full-name list.
_FULL_PAIR_RE = re.compile(
    _GIVEN + rf"\s+([{UPPER}]{_LETTER}+(?:-{_LETTER}+)?)(?P<sep>\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*)$"
)
# A bracketed acronym after an organisation's name: "[MOHURD]", "(NBS)".
_ACRONYM_RE = re.compile(rf"\s*[\[(][{UPPER}][A-Za-z&-]{{1,12}}[\])]$")
_INITIAL_RE = re.compile(rf"^(?:[{UPPER}]\.(?:\s?-?[{UPPER}]\.)*|[{UPPER}]{{1,2}}\.?-[{UPPER}]\.)$")
_ET_AL_RE = re.compile(r",?\s*\bet\.?\s*al\.?,?", re.I)  # also "et. al."
_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*")

# Narrative: names right before a "(years ...)" parenthesis.
_NAME = (
    r"(?<![\w\u0300-\u036f'’-])"  # a whole word: not the "st" of "21st"
    rf"(?:(?:[{UPPER}]\.\s?(?:-?[{UPPER}]\.\s?)*)\s*)?"  # initials
    rf"(?:(?:{'|'.join(sorted(NAME_PARTICLES, key=len, reverse=True))}|De|Van|Von|Le|La|Di|Da|Du|Del)\s+)*"
    rf"[{UPPER}]{_LETTER}*(?:['’]{_LETTER}+)?(?:-\s?{_LETTER}+)*"
)
_NAME_LIST = rf"{_NAME}(?:(?:\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*){_NAME})*"
_NARRATIVE_TAIL_RE = re.compile(
    rf"(?P<names>{_NAME_LIST})(?P<etal>,?\s+et\.?\s*al\.?)?(?P<poss>['’]s?)?\s*$"
)


#: A space the text layer left before the hyphen of a compound surname: "Brown ‐Saracino".
COMPOUND_SPACE = re.compile(r"(?<=[a-zà-ÿ])\s+([-‐])(?=[A-ZÀ-Þ][a-zà-ÿ])")


#: A hyphen that broke a word at a line end: "Bren- ner".
_LINE_BREAK_HYPHEN_RE = re.compile(rf"({_LETTER})-\s+({_LETTER})")
_WHITESPACE_RUN_RE = re.compile(r"\s+")


def clean_names(s: str) -> str:
    """``s`` with line-break hyphens rejoined (``Bren- ner``), compound
    surnames closed up (``Brown ‐Saracino``) and spaces collapsed."""
    s = _LINE_BREAK_HYPHEN_RE.sub(lambda m: m.group(1) + m.group(2) if m.group(2).islower() else m.group(0), s)
    s = COMPOUND_SPACE.sub(r"\1", s)
    return _WHITESPACE_RUN_RE.sub(" ", s).strip(" ,;")


#: Digits, symbols and brackets that no author list or organisation name holds.
_NOT_IN_NAMES_RE = re.compile(r"[=<>%+×*/\d\[\]\"“”$€£¥§]")
_SPACES_AND_COMMAS_RE = re.compile(r"[\s,]+")


def is_name_segment(seg: str) -> bool:
    """Whether ``seg`` reads as an author list or an organisation name."""
    seg = _ACRONYM_RE.sub("", seg)
    if not seg or len(seg) > 160 or _NOT_IN_NAMES_RE.search(seg):
        return False
    words = [w for w in _SPACES_AND_COMMAS_RE.split(seg) if w]
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
        if low in _CONNECTORS or (caps and low in ORG_HEADS):  # "R Core team"
            continue
        return False
    return caps > 0


def parse_authors(seg: str) -> tuple[tuple[str, ...], Optional[str], bool]:
    """Surnames, first-author initials and the et-al flag of an author segment."""
    et_al = bool(_ET_AL_RE.search(seg))
    seg = _ET_AL_RE.sub("", seg).strip(" ,")
    words = seg.split()
    # "Ministry of Housing ...", "World Travel and Tourism Council": one author, not a list
    is_org = (any(w.lower() in ORG_LINKS for w in words) and len(words) >= 3) or (
        len(words) >= 2 and "," not in seg and words[-1].lower().strip("’'") in ORG_HEADS
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


@dataclasses.dataclass(frozen=True)
class Narrative:
    """Authors found right before a narrative year parenthesis."""

    start: int  # offset of the first name in the text before the parenthesis
    names: str  # author text, cleaned, without "et al." and possessive
    et_al: bool = False
    initials: Optional[str] = None  # from a given name: "Neil Brenner" -> "N."


# An organisation's name right before "(2014)": capitalised words and
# connectors, maybe an acronym and a possessive ("the World Bank's (2009)").
_ORG_TAIL_RE = re.compile(
    rf"(?P<names>(?:[{UPPER}][\w’'&.-]*|of|for|and|on|the|&)(?:\s+(?:[{UPPER}][\w’'&.-]*|of|for|and|on|the|&)){{0,11}})"
    rf"(?P<acr>\s*[\[(][{UPPER}][A-Za-z&-]{{1,12}}[\])])?(?P<poss>['’]s?)?\s*$"
)
_POSS_RE = re.compile(r"['’]s?$")


def _narrative_org(tail: str) -> Optional[Narrative]:
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
    if not words or not any(_POSS_RE.sub("", w).lower() in ORG_HEADS for _, w in words):
        return None
    start = m.start("names") + words[0][0]
    names = _POSS_RE.sub("", tail[start:m.end("names")]) + (m.group("acr") or "")
    if not is_name_segment(clean_names(names)):
        return None
    return Narrative(start=start, names=clean_names(names))


def narrative_names(before: str) -> Optional[Narrative]:
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
    seps = _SEP_RE.findall(names)
    # "In China, Wu (2016)": a comma chain must end in "and"/"&" (or et al.)
    if seps and not m.group("etal") and not re.search(r"and|&", seps[-1]):
        cut = names.rfind(",")
        m = _NARRATIVE_TAIL_RE.search(tail, m.start("names") + cut + 1)
    found = _narrative_names_check(tail, m)
    if found is None:
        return None
    nm, given = found
    start = given.start(1) if given else nm.start("names")
    names = _POSS_RE.sub("", clean_names(nm.group("names")))
    initials = given.group(1)[0] + "." if given else None
    if given:
        first, earlier, first_given = _earlier_full_names(tail, start)
        if earlier:  # "Liz Bondi and Damaris Rose (2003)"
            start, names, initials = first, ", ".join(earlier + [names]), first_given[0] + "."
    return Narrative(start=start + offset, names=names, et_al=bool(nm.group("etal")), initials=initials)


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


_LONG_WORD_RE = re.compile(r"[^\W\d_]{5,}")
_LAST_WORD_RE = re.compile(r"(\S+)\s+$")


def _narrative_names_check(
    tail: str, m: Optional[re.Match[str]]
) -> Optional[tuple[re.Match[str], Optional[re.Match[str]]]]:
    """``m`` and the given name before it (or None), or None if not authors."""
    if m is None:
        return None
    names = clean_names(m.group("names"))
    first = names.split()[0].rstrip(".,").lower() if names else ""
    if first in _LEAD_WORDS and "," in m.group("names"):
        cut = m.start("names") + m.group("names").index(",") + 1
        return _narrative_names_check(tail, _NARRATIVE_TAIL_RE.search(tail, cut))
    if not names or first in _NAME_STOP or not is_name_segment(names):
        return None
    if _POSS_RE.sub("", names).split()[-1].lower() in _NOT_SURNAMES:
        return None
    # Abstract nouns are no surnames: "People, Places and Prosperity (2005)" is a title.
    if any(w.lower().endswith(_NOUN_ENDS) for w in _LONG_WORD_RE.findall(names)):
        return None
    # A capitalised word right before the names, mid-sentence, makes it a
    # proper noun ("Southern Tour (1992)", "Science Park (2022)"), unless it
    # is a given name ("the work of Neil Brenner (2004)").
    pre = tail[: m.start("names")]
    pw = _LAST_WORD_RE.search(pre)
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
