"""Sanity rules for a paper's title and journal name.

The layout picks the title block; in text extractions (pdftotext output
without blank lines) and OCR'd scans that block often carries the author
line, the affiliation and an e-mail address, or is a body paragraph.  These
rules cut what follows a title and reject what cannot be one, so the report
shows a title a scholar can read or none at all.  Shared by the PDF and the
text path (both go through :func:`litmap.parse.metadata.extract_metadata`).
"""

from __future__ import annotations

import re
from typing import Optional

from litmap.models import Author, Reference
from litmap.parse.metadata_authors import clean_field, family_first
from litmap.parse.metadata_masthead import MONTHS

__all__ = ["MAX_TITLE_CHARS", "MAX_TITLE_WORDS", "citation_as_title", "sane_title", "without_note_mark", "title_from_cite_line", "clean_journal",
           "title_from_capitals", "tidy_title"]

#: The longest titles in the field run to ~35 words (title + subtitle).
MAX_TITLE_CHARS = 280  # a real title runs to 261 (Schütze 2006, Historical Social Research)
MAX_TITLE_WORDS = 35

# Where an author/affiliation block starts after a title glued to it.
_EMAIL = re.compile(r"\s*(?:\b(?:e-?mail|correspondence)\s*:?\s*)?\S+@\S+", re.I)
_AFFIL_START = re.compile(
    r"\s(?:(?:The\s+)?(?:[A-Z][\w\-]+\s+){0,3}University\b|University\s+of\b|Department\s+of\b|Dept\.\s|"
    r"Faculty\s+of\b|School\s+of\b|Institute\s+(?:of|for)\b|Centre\s+for\b|Center\s+for\b)")
# "… a situational analysis at the Medical Department of Kamuzu Central Hospital": a place the title names.
_NAMED_PLACE = re.compile(r"\b(?:at|of|in|from|for|within)\s+the\s+[A-Z][\w\-]+$")
# "(Davidson and Lees 2005, 2010)", "(Glass 1964)", "Smith (2005)": citations are never in a title;
# a period such as "(1990–2010)" may be.
_CITATION = re.compile(r"\([^()]*[A-Z][a-z]+[^()]*?\b(?:1[89]|20)\d{2}[a-z]?\b[^()]*\)|\((?:1[89]|20)\d{2}[a-z]?\)")
#: A title naming the work it answers, at its end: "A reply to Jessop (1990)", "Supplementary material for a
#: re-evaluation of … in Pollet & Nettle (2009)"; a body sentence ends with a full stop or cites in brackets.
_WORK_NAMED_AT_END = re.compile(r"^[^()]{10,200}\b(?:in|of|by|to|on|for|from)\s+[A-Z][\w'’-]+(?:\s+(?:&|and)\s+[A-Z][\w'’-]+"
                                r"|\s+et al\.)?\s+\((?:1[89]|20)\d\d[a-z]?\)$")
#: A title's own note mark at its end ("… geographies☆", "… cities*", "Support Vector Machines ∗").
_NOTE_MARK_AT_END = re.compile(r"\s*[☆★*∗⁎†‡§¶]+$")


def without_note_mark(title: str) -> str:
    """``title`` without the note mark set after it."""
    return _NOTE_MARK_AT_END.sub("", title)


# A title never ends on a function word; an OCR fragment ("URIALISM: THE") does.
_DANGLING = re.compile(r"\b(?:the|of|and|in|a|an|to|for|on|with|from|by|or|at|have|has|had|is|are|was|were|be|"
                       r"that|which|whose|its|their)\W*$", re.I)
# An author run with affiliation markers glued on: "JanKube ˇsa,Zolt´anKov´acsb,c,*".
_MARKED_RUN = re.compile(r"(?:[,*∗†‡]|\b[a-h](?:,[a-h])+\b)\W*$")


def _cut_author_run(title: str) -> str:
    """Drop a trailing name run that ends in affiliation markers or commas."""
    if not _MARKED_RUN.search(title):
        return title
    tokens = title.split()
    # Names are separated by commas; a lone "*" is the title's own footnote mark.
    first_comma = next((k for k, t in enumerate(tokens) if "," in t), None)
    if first_comma is None:
        return re.sub(r"\s*[*∗†‡]+$", "", title)
    start = first_comma
    # Names run back over capitalised tokens (at most two: given + family).
    while start > 0 and first_comma - start < 2 and tokens[start - 1][:1].isupper():
        start -= 1
    kept = " ".join(tokens[:start])
    return kept if len(kept.split()) >= 3 else title


#: An arXiv stamp ("arXiv:1706.09498v1 [cs.CV] 28 Jun 2017", "arXiv:cond-mat/0103183v1 [cond-mat.supr-con] 8 Mar 2001").
_ARXIV_STAMP = re.compile(r"arXiv:\s?(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\s*(?:\[[^\]]{1,30}\])?"
                          r"(?:\s*\d{1,2}\s+[A-Z][a-z]{2}\s+(?:19|20)\d\d)?")


def sane_title(title: Optional[str]) -> Optional[str]:
    """``title`` cut before an e-mail, affiliation or marked author run, or
    ``None`` when what remains cannot be a title (a body paragraph with
    citations, a fragment ending on "THE", hundreds of characters)."""
    if not title:
        return None
    t = clean_field(_ARXIV_STAMP.sub(" ", title))  # the preprint stamp a text export sets into the title's lines
    cut = re.match(r"(.{12,}?)(?:\.\.\.|…)\s+(.+)$", t)
    if cut and cut.group(2).lower().startswith(cut.group(1).lower()):
        t = cut.group(2)  # "Asking Survey … Their Behavio... Asking Survey … Their Behavior: A Split Ballot …"
    if re.match(r"(?:Department|Dept\.|Faculty|School|Institute|University|Centre|Center)\s+(?:of|for)\b", t):
        return None  # an affiliation line
    t0 = t
    m = _EMAIL.search(t)
    if m:
        t = t[: m.start()]
    m = _AFFIL_START.search(t)
    if m and len(t[: m.start()].split()) >= 3 and not _NAMED_PLACE.search(t[: m.start()]):
        t = t[: m.start()]
    if t != t0:  # the cut affiliation's own marker ("… Kovács b,c,* a Department of …")
        t = re.sub(r"(?:\s+[a-h\d]{1,2})+$", "", clean_field(t))
    t = clean_field(_cut_author_run(t))
    if ((_CITATION.search(t) and not _WORK_NAMED_AT_END.search(t)) or len(t) > MAX_TITLE_CHARS
            or len(t.split()) > MAX_TITLE_WORDS):
        return None
    if re.match(r"^\d{1,4}\.?\s", t) and not re.match(r"^(?:1[5-9]|20)\d\d\s+(?:and|as|in|to|of|at)\s", t):
        # A numbered heading or table row ("1995 Census", "112 Category …"), not a title;
        # a year running into a phrase ("1968 and the city") is a title.
        return None
    if _DANGLING.search(t):
        return None  # cut mid-phrase: an OCR fragment or a sentence's first line, not a title
    letters = sum(c.isalpha() for c in t)
    if letters < 6:
        return None
    # A title's own note mark ("… geographies☆", "… cities*") is no part of it.
    return without_note_mark(t)


# "To cite this paper: He, S. (2018) Three waves …", "How to cite this paper: Leite, R. P. (2015). Cities …"
_CITE_LINE = re.compile(r"(?:(?:to|how to)\s+cite\s+this\s+(?:paper|article)|full\s+reference|please\s+cite\s+as|cite\s+as)"
                        r"\s*:\s*(?P<authors>.+?)\s*\(\s*(?P<year>(?:19|20)\d ?\d)"
                        r"[a-z]?\s*\)\s*\.?\s*(?P<rest>.+)", re.I | re.S)


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _cite_authors(text: str) -> tuple[Author, ...]:
    """"He, S.", "Leite , R. P.", "Tulumello S., Allegretti G." → authors (family + initials)."""
    text = re.sub(r"\s+,", ",", text).strip(" ,")
    pairs = re.findall(r"([A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+)?)\s*,?\s*((?:[A-Z]\.\s*-?\s*)+)", text)
    if pairs:
        return tuple(Author(family=fam, given=clean_field(ini)) for fam, ini in pairs)
    return family_first(text)


def title_from_cite_line(text: str, title: Optional[str]) -> tuple[Optional[str], tuple[Author, ...], Optional[int]]:
    """The part of ``title`` that a "To cite this paper: …" line on the page
    confirms, with that line's authors and year.

    The layout title may run on into the author line ("Three waves … in China
    Shenjing He"); the citation line prints the title followed by the
    journal, so their longest common start is the title.  Returns ``(None,
    (), None)`` when the page has no such line or it does not match.
    """
    m = _CITE_LINE.search(text)
    if not m:
        return None, (), None
    authors = _cite_authors(m.group("authors"))
    quoted = re.match(r"\s*,?\s*[“\"‘'](?P<t>[^”\"’]{10,300})[”\"’]", m.group("rest"))
    if not title:
        # No title on the page (a cover note first): a quoted title in the citation is one.
        if quoted:
            return clean_field(quoted.group("t")).rstrip(",."), authors, int(m.group("year").replace(" ", ""))
        return None, (), None
    rest = _squash(m.group("rest")[:600])
    words = title.split()
    best = None
    for n in range(len(words), 2, -1):
        if rest.startswith(_squash(" ".join(words[:n]))):
            best = " ".join(words[:n])
            break
    if best is None:
        return None, (), None
    return clean_field(best), authors, int(m.group("year").replace(" ", ""))


_JOURNAL_TAIL = re.compile(
    rf"(?:\s*[,;:.]\s*(?:(?:{MONTHS}|spring|summer|autumn|fall|winter)\s*(?:\d{{1,2}},?\s*)?(?:19|20)\d{{2}}"
    rf"|(?:19|20)\d{{2}}|vol(?:ume)?\.?\s*\d+.*|no\.\s*\d+.*|\d+\s*\(\d+\).*|\d+(?:\s*[,–-]\s*\d+)*))+\s*$",
    re.I)


def clean_journal(journal: Optional[str]) -> Optional[str]:
    """"Annals of the Association of American Geographers , March 2012" →
    "Annals of the Association of American Geographers": dates, volume and
    page tails are not part of a journal's name."""
    if not journal:
        return None
    j = clean_field(journal)
    j = _JOURNAL_TAIL.sub("", j)
    j = re.sub(r"[,\s]+(?:Jg|Vol|Volume|Bd|Heft|No)\.?$", "", j)  # "BIOS, Jg. 24 (2011)": the volume's word
    j = re.sub(r"\s+([,.;:])", r"\1", j).strip(" ,;:.")
    return _as_name(j) or None


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "to", "at", "an", "&"})  # not "a": "Environment and Planning A"


def _name_case(j: str) -> str:
    if j.isupper() and any(len(w) >= 5 for w in re.findall(r"[^\W\d_]+", j)):
        words = j.split(" ")
        j = " ".join(w.lower() if w.lower() in _SMALL_WORDS and k else w if len(w) <= 3 else w.capitalize()
                     for k, w in enumerate(words))
    return j


def _as_name(j: str) -> str:
    """A venue name as a scholar writes it: a running head set in capitals ("ETHNICITIES", "URBAN STUDIES") in
    capitals and lower case, short words kept as the acronyms they are ("BMC PUBLIC HEALTH" → "BMC Public
    Health"); words a text layer glued together ("PopulSpacePlace") apart, where it glued two or more."""
    # each part before and after a colon on its own: "PAPERS IN REGIONAL SCIENCE: The Journal of the RSAI"
    j = ": ".join(_name_case(part) for part in j.split(": "))
    if " " not in j and len(re.findall(r"[a-z][A-Z]", j)) >= 2:
        j = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", j)
    return j


#: Words a title in capitals and lower case sets in lower case, unless first or after a colon.
_TITLE_SMALL = frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to", "by", "with",
                          "from", "as", "into", "via", "vs", "per", "upon"})
_CAPS_WORD = re.compile(r"[^\W\d_]+")


def title_from_capitals(title: Optional[str], doc_text: str = "") -> Optional[str]:
    """A title printed in capitals ("EXPANDING FRONTIERS OF COMMERCIAL GENTRIFICATION: RENT GAP …") in capitals
    and lower case as a reference list would cite it ("Expanding Frontiers of Commercial Gentrification: Rent
    Gap …").  A word the document prints in capitals more often than not outside the title is an acronym and
    stays so ("NCDB", "GIS", "USA"), counted where it stands alone on lines not themselves in capitals; a title with any lower-case letter is returned as it is."""
    if not title or not title.isupper() or len(_CAPS_WORD.findall(title)) < 3:
        return title
    caps: dict[str, int] = {}
    other: dict[str, int] = {}
    # Only lines in capitals and lower case tell: a running head repeats the title in capitals.
    mixed = " ".join(ln for ln in doc_text.split("\n") if not _mostly_capitals(ln))
    words = [w for w in _CAPS_WORD.findall(mixed) if len(w) >= 2]
    for k, w in enumerate(words):
        key = w.lower()
        if not w.isupper():
            other[key] = other.get(key, 0) + 1
        elif not (k and words[k - 1].isupper()) and not (k + 1 < len(words) and words[k + 1].isupper()):
            caps[key] = caps.get(key, 0) + 1  # alone among lower-case words: a run in capitals is a heading
    out: list[str] = []
    first = True
    for piece in re.split(r"(\s+)", title):
        if not piece.strip():
            out.append(piece)
            continue

        def case(m: re.Match) -> str:
            w = m.group(0)
            key = w.lower()
            if len(w) >= 2 and caps.get(key, 0) > other.get(key, 0):
                return w  # an acronym in the text too
            if not (first and m.start() == 0) and key in _TITLE_SMALL:
                return key
            return w[0] + w[1:].lower()

        out.append(_CAPS_WORD.sub(case, piece))
        first = piece.endswith((":", "?", "!", "—", "–")) or piece in ("-", "–", "—")
    return "".join(out)


_KEEP_STOP = re.compile(r"\b(?:etc|al|Inc|Ltd|Co|St|vs|[A-Z])\.$")


def tidy_title(title: Optional[str]) -> Optional[str]:
    """A title as a reference list prints it: without the full stop a text layer ends it with ("Diffusion of
    ISO 9000 standards and international trade."; kept after a capital, "… in the U.S.", "… paludosa Roxb."), and without
    the space set before a colon ("… multinational corporations : some remarks")."""
    if not title:
        return title
    out = re.sub(r"(?<=[^\W\d_]) +:(?=\s)", ":", title)  # (a ratio "3 : 1" keeps its spaces)
    if re.search(r"(?<![\w.])[a-z][a-z-]{2,}\.$", out) and not _KEEP_STOP.search(out):
        out = out[:-1]  # only after a word in lower case: "Phoenix paludosa Roxb." ends on an abbreviation
    return out


def _mostly_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) * 2 > len(letters)


#: "Goodchild, M.F. and Lam, N.S., 1980. Areal interpolation … Geo-Processing, 1:297-312.":
#: a surname and initials first, a year, and a volume with its pages.
_CITATION_SHAPE = re.compile(r"^[A-Z][\w'’-]+,\s*(?:[A-Z]\.\s?){1,3}.*\b(?:19|20)\d\d[a-z]?\b.*\d+\s*[:(,]\s*\(?\d+")


def citation_as_title(title: str) -> Optional[Reference]:
    """The reference a library printed above a scanned paper ("Goodchild,
    M.F. and Lam, N.S., 1980. Areal interpolation: …. Geo-Processing,
    1:297-312."), read as the title block: parsed as a reference when it has
    authors, a year, a title and a journal."""
    if not _CITATION_SHAPE.match(title):
        return None
    from litmap.parse.references.parser import parse_reference  # noqa: PLC0415 (the CRF loads on first use)

    ref = parse_reference(title)
    if ref.authors and ref.year and ref.title and ref.container and len(ref.title.split()) >= 3:
        return ref
    return None
