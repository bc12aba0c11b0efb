"""Author names and affiliations in a paper's header.

Parses author lines as printed under a title ("Robert G. Cromley, Jie Lin
& David A. Merwin", with affiliation markers, e-mail addresses and ORCID
ids mixed in) and in repository citations ("Yrjana, H & Smith, JA"), finds
the author line near the title, tells affiliations from names, and strips
affiliation letters glued to surnames.  Used by :mod:`litmap.parse.metadata`
and :mod:`litmap.parse.metadata_cover`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from litmap.read.layout.pages import Block, LaidOutPage
from litmap.models import Author

__all__ = ["parse_author_line", "looks_like_affiliation", "looks_like_institution", "mostly_names", "names_only", "family_first", "author_like", "authors_near_title",
           "affiliations_after_title", "strip_glued_markers", "clean_field"]


def clean_field(s: str) -> str:
    """``s`` on one line, single-spaced, without edge spaces, commas or semicolons."""
    return " ".join(s.split()).strip(" ,;")


_AFFIL = re.compile(r"universit|department|dept\.|institut|school of|\bcent(?:re|er)s?\b|laborator|college|faculty|"
                    r"research|@|\bstreet\b|\broad\b|\bP\.?O\. box|ministry|agency|academy|\bUSA\b|\bUK\b|bureau",
                    re.I)
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "des", "di", "du", "da", "dos", "das", "le", "la",
              "ter", "ten", "zu", "vom", "af", "al", "el", "bin", "ibn", "st", "st."}
#: Capitals of Latin Extended-A that open Central European names ("Łukasz", "Šťastný", "Żaneta").
_EXT_CAPS = "ĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_NAME_TOKEN = re.compile(rf"^(?:[A-ZÀ-ÖØ-Þ{_EXT_CAPS}](?:[\w'’\-.]*[\w.])?|[A-Z]\.(?:-?[A-Z]\.)*)$")
_NOT_NAME = re.compile(r"\b(?:abstract|keywords|introduction|article|journal|review|received|the|of|for|in|on|with|"
                       r"by|from|to|is|are|this|paper|study|cid|guide|report|data|release|edition|version|volume|chapter|prepared|"
                       r"university|department|series|science|sciences|studies|working|discussion)\b", re.I)


def looks_like_affiliation(text: str) -> bool:
    """Whether a header line is an affiliation/address rather than names."""
    return bool(_AFFIL.search(text))


#: An institution's name, not merely a line that holds "research" or "center": "Vrije Universiteit Amsterdam",
#: "Department of Geography", "London School of Economics".
_INSTITUTION = re.compile(
    r"\b(?i:Universit\w*|Department|Dept\.|Institut\w*|School|College|Faculty|Cent(?:re|er)|Laborator\w*|Ministry|"
    r"Agency|Academy|Bureau)\s+(?i:of|for|de|di|für|d')\b|\b[A-Z][\w'’\-]+\s+(?i:Universit\w*|Institut\w*|College)\b|"
    r"^\s*(?i:(?:The\s+)?Universit)|@|\bUSA\b|\bUK\b|\b\d{4,5}\b|\b(?i:Research\s+(?:Cent|Institut|Group|Unit|Council))")


def looks_like_institution(text: str) -> bool:
    """Whether an affiliation-like line names an institution (stricter than :func:`looks_like_affiliation`:
    "Prevalence of venous ulcers … of a health center in Vitória" is a translated title, not an address)."""
    return bool(_INSTITUTION.search(text))

#: Endings of English nouns that no family name has: a title's last line ("Resampling Methods", "Multivariate
#: Analysis", "Covariance Matrix Estimators", "Ordered Observations") is no name. Endings real surnames share
#: ("-ness": Furness, "-ments": Clements, "-ors": Connors, "-ata": Mata) are left out.
_NOUN_ENDING = re.compile(r"(?<=\w{3})(?:ations?|tions?|sions?|ysis|yses|ities|ity|ology|ologies|ators|ctors|isms?)$"
                          r"|(?<=\w{4})(?:ics|ods)$", re.I)


def _title_case(token: str) -> str:
    if token.isupper() and len(token.rstrip(".")) > 1:
        return "-".join(p.capitalize() for p in token.split("-"))
    return token


#: An affiliation marker or stray superscript set apart as a token: "a,b", "1", "*".
_AFFILIATION_MARKER = re.compile(r"[a-h\d*†‡§¶,]{1,4}")


def _person(part: str) -> Optional[Author]:
    tokens = [t.strip(",;") for t in part.split()]
    # Affiliation markers and stray superscripts: "a,b", "1", "*".
    # A particle inside a name ("Marianne de Jong", "Patrícia da Silva") is no marker.
    tokens = [t for k, t in enumerate(tokens) if t and not (_AFFILIATION_MARKER.fullmatch(t) and not (
        t in _PARTICLES and 0 < k < len(tokens) - 1 and tokens[k + 1][:1].isupper()))]
    if not 2 <= len(tokens) <= 5 or _NOT_NAME.search(" ".join(tokens)) or _NOUN_ENDING.search(tokens[-1]):
        return None
    if any(c.isdigit() for t in tokens for c in t):
        return None  # an address ("ZUMA Quadrat B2"), not a name
    if not all(_NAME_TOKEN.match(t) or t.lower() in _PARTICLES for t in tokens):
        return None
    if (len(tokens) in (2, 3) and len(tokens[0]) >= 2 and tokens[0].isupper() and tokens[0].isalpha()
            and all(not t.isupper() and t[:1].isupper() for t in tokens[1:])):
        # The family name first, in capitals (Chinese and Hungarian usage): "SONG Weixuan", "ZHANG Xiao Ming".
        return Author(family=_title_case(tokens[0]), given=" ".join(tokens[1:]))
    tokens = [_title_case(t) for t in tokens]
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:
        i -= 1  # "Ludwig van der Meer" → family "van der Meer"
    family = " ".join(tokens[i:])
    if len(family.rstrip(".")) < 2 or family.endswith("."):
        return None
    return Author(family=family, given=" ".join(tokens[:i]) or None)


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
#: E-mail and web addresses, PDF glyph codes and ORCID iDs in an author line.
_ADDRESSES_AND_IDS = re.compile(r"\S+@\S+|https?://\S+|\(cid:\d+\)|orcid\S*|\d{4}-\d{4}-\d{4}-\d{3}[\dX]", re.I)
_NOTE_MARKS_BETWEEN_NAMES = re.compile(r"(?<=[a-zà-ÿ])\s?(?:[*∗⁎†‡§¶⇑✉☆•♠♢♡♣]\s?)+(?=\s[A-ZÀ-Þ][a-zà-ÿ])")
_NOTE_MARKS = re.compile(r"[*∗⁎†‡§¶⇑✉☆•]|\(\s*\)")
_NUMBERED_AFFILIATIONS_AT_END = re.compile(r"\.?\s+\(\d{1,2}\)\s+\S.*$")
_NAME_THEN_NUMBERED_AFFILIATION = re.compile(r"[a-z]\S*\s+\(\d{1,2}\)\s+\S")
_GLUED_AFFILIATION_MARKERS = re.compile(r"(?<=[a-zà-ÿ])\d+(?:,\d+)*\b|(?<=[a-zà-ÿ])[a-h](?:,[a-h])+\b")
_BRACKETED_AFFILIATION_NUMBERS = re.compile(r"(?<=[a-zà-ÿ])\s*\(\d{1,2}(?:\s*,\s*\d{1,2})*\)")
_INITIAL_GLUED_TO_NAME = re.compile(r"\b([A-Z][a-z]?\.)(?=[A-Z])")
_AFFILIATION_MARKERS_SET_APART = re.compile(r"(?<=[a-zà-ÿ])\s+(?:[a-h]|\d{1,2})(?:\s*,\s*(?:[a-h]|\d{1,2})\b)*(?=\s*(?:[,·;&]|and\b|$))")
_OCR_PUNCTUATION_AFTER_INITIAL = re.compile(r"(?<=\b[A-Z])[;:]\.")
_ACADEMIC_RANK = re.compile(r"\b(?:(?:Associate|Assistant|Full|Emeritus)\s+)?(?:Professor|Prof\.|Dr\.|Independent Scholar)\s+")
_REPEATED_COMMAS = re.compile(r"(?:\s*,)+\s*,")
_DATE_AT_END = re.compile(r"\s+(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november"
                          r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
                          r"\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d\s*$", re.I)
_TWO_WORDS_IN_CAPITALS = re.compile(r"\b[A-Z]{2,}\s+[A-Z]{2,}\b")
#: The last name in capitals before a capitalised word (an affiliation): "… MONTY HINDMAN Minnesota".
_CAPITALS_BEFORE_WORD = re.compile(r"\b[A-Z][A-Z'’-]+\s+(?=[A-Z][a-z])")
_NAME_SEPARATOR = re.compile(r",|;|\s&\s|\sand\s|\sAND\s")


def parse_author_line(text: str) -> tuple[Author, ...]:
    """Names from a header author line ("Robert G. Cromley, Jie Lin & David A. Merwin")."""
    text = text.translate(_SUPERSCRIPTS)  # "Oliveira¹, Daniela Arruda Soares²": markers like "Wu1,2"
    # A date set after the names ("LUCAS PUENTE JULY 2015", "Terry Therneau February 6, 2023") is no part of
    # them; cut before the day could pass for an affiliation marker ("February 6," → "February,").
    t = _DATE_AT_END.sub("", _ADDRESSES_AND_IDS.sub(" ", text).rstrip())
    # A note mark after a name and before the next one is their separator: "Kyle Lo†∗ Lucy Lu Wang†∗ Mark Neumann†".
    t = _NOTE_MARKS_BETWEEN_NAMES.sub(",", t)
    t = _NOTE_MARKS.sub(" ", t)
    t = "".join(" " if unicodedata.category(c) in ("So", "Sm") and c not in "&" else c for c in t)  # "Krishna ♠"
    # An affiliation list numbered in parentheses after the names: "J. Raimbault1,2,3. (1) CASA, UCL, …".
    t = _NUMBERED_AFFILIATIONS_AT_END.sub("", t) if _NAME_THEN_NUMBERED_AFFILIATION.search(t) else t
    t = _GLUED_AFFILIATION_MARKERS.sub(" ", t)  # "Wu1,2", "Lia,b"
    t = _BRACKETED_AFFILIATION_NUMBERS.sub(" ", t)  # "Mirta B. Gordon (1), Jean-Pierre Nadal (2,3)"
    t = _INITIAL_GLUED_TO_NAME.sub(r"\1 ", t)  # initials glued to the name: "Yu.A.Pusep"
    # Markers set apart from the name: "Jie Lin a, ⁎, Robert G. Cromley b,1", "Fang Qiu 1", "Jukka Hirvonen 1 · …".
    t = _AFFILIATION_MARKERS_SET_APART.sub("", t)
    t = _OCR_PUNCTUATION_AFTER_INITIAL.sub(".", t)  # OCR: "Peter I;. Fisher"
    # Academic ranks before a name: "Associate Professor Michael PHILLIPS-ANDERSON".
    t = _ACADEMIC_RANK.sub("", t)
    t = _REPEATED_COMMAS.sub(",", t).strip(" ,·")
    t = t.replace(" Æ ", ", ").replace("·", ",")
    aff = _AFFIL.search(t)
    if aff and aff.start() > 0:
        t = re.sub(r"(?:\s+[A-Z][a-z]+){0,2}\s*$", "", t[: aff.start()]) if aff.group(0).lower() in (
            "research", "laborator") else _without_modifier(t[: aff.start()], t[aff.start():])
    if _TWO_WORDS_IN_CAPITALS.search(t) and (caps_end := _CAPITALS_BEFORE_WORD.search(t)):
        t = t[: caps_end.end()]  # "… and MONTY HINDMAN Minnesota Population": names in capitals end at the affiliation
    listed = _family_first_list(t)
    if listed:
        return listed
    words = t.split()
    if len(words) == 2 or (len(words) >= 2 and "," in t and t.count(",") == 1):
        fam, _, given = t.partition(",")
        if given and len(fam.split()) == 1 and 1 <= len(given.split()) <= 3 and not _AFFIL.search(t):
            # "Yrjana, Hanna" (repository covers): family first.
            person = _person(f"{given} {fam}")
            return (person,) if person else ()
    parts = _NAME_SEPARATOR.split(t)
    out: list[Author] = []
    for part in parts:
        if not part.strip():
            continue
        person = _person(part)
        words = part.split()
        if len(words) in (4, 6, 8) and all(len(w) > 2 and w[0].isupper() and w.lower() not in _PARTICLES
                                           for w in words) and not re.search(r",|\band\b|&", t):
            # "Robin Flowerdew Mick Green Evangelos Kehris": names without separators.
            pairs = [_person(" ".join(words[k:k + 2])) for k in range(0, len(words), 2)]
            if all(pairs):
                out.extend(p for p in pairs if p)
                continue
        if person is not None and len(parts) == 1 and (run := _split_run(words)):
            out.extend(run)
            continue
        if person is None:
            if out:
                break  # names end where the affiliation begins
            return ()
        out.append(person)
    return tuple(out)


def _without_modifier(names: str, rest: str) -> str:
    """The names before an institution whose name opens with a modifier word ("D. H. Jakubassa-Amundsen
    Mathematics Institute, …"): that word goes with the institution when the names keep a family name
    after their initials; "Department of …", "University of …" open the affiliation themselves."""
    if re.match(r"\w+\s+(?:of|for)\b", rest):
        return names
    tokens = names.split()
    if (len(tokens) >= 3 and re.fullmatch(r"[A-Z][a-z]+", tokens[-1]) and _NAME_TOKEN.match(tokens[-2])
            and not re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*", tokens[-2]) and re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*", tokens[0])):
        return " ".join(tokens[:-1])
    return names


def _split_run(words: list[str]) -> Optional[list[Author]]:
    """"Ruifang Ge Raymond J. Mooney": names without separators, split where a middle initial shows
    the second name's start (Given Family Given I. Family)."""
    initials = [k for k, w in enumerate(words) if re.fullmatch(r"[A-Z]\.", w)]
    if len(words) != 5 or initials != [3]:
        return None
    pair = [_person(" ".join(words[:2])), _person(" ".join(words[2:]))]
    return [p for p in pair if p] if all(pair) else None


def mostly_names(text: str) -> bool:
    """Most of the line's words are the names read from it ("JANE DOE", "Jie Lin a, Robert G. Cromley b,1"),
    not a title in capitals whose first words parse as a name ("INTERGENERATIONAL SUPPORT AND …")."""
    names = parse_author_line(text)
    used = sum(len(f"{a.given or ''} {a.family}".split()) for a in names)
    return bool(names) and used >= 0.6 * len(re.findall(r"[^\W\d_]{2,}", text))


#: Words of a title, never of an author line ("A." is an initial, not the article).
_TITLE_WORD = re.compile(r"\b(?:of|the|in|for|on|to|with|from|an?(?!\.)|at|by|using|via|versus|vs)\b", re.I)


def names_only(line: str) -> tuple[Author, ...]:
    """The names of a short line that is nothing but names ("Terry Therneau", "John Fox and Sanford Weisberg"),
    or ``()``: a title's words ("of", "the", "using" ...) or other words left over say it is no author line."""
    text = line.strip()
    if not text or len(text.split()) > 8 or _TITLE_WORD.search(text) or not mostly_names(text):
        return ()
    return parse_author_line(text)


def _family_first_list(t: str) -> tuple[Author, ...]:
    """"Della Porta, Donatella; Caiani, Manuela" (repository covers): every ";" part is "Family, Given"."""
    parts = [p.strip() for p in t.split(";") if p.strip()]
    if len(parts) < 2 or any(p.count(",") != 1 for p in parts):
        return ()
    out = []
    for part in parts:
        fam, _, given = part.partition(",")
        fam, given = clean_field(fam), clean_field(given)
        if not 1 <= len(fam.split()) <= 3 or not 1 <= len(given.split()) <= 3:
            return ()
        person = _person(f"{given} {fam}")
        if person is None:
            return ()
        out.append(Author(family=fam, given=given))
    return tuple(out)


def family_first(text: str) -> tuple[Author, ...]:
    """"Yrjana, H & Smith, JA" → authors (repository citation style)."""
    out = []
    for chunk in re.split(r"\s*&\s*|\s+and\s+|;\s*", text.strip()):
        fam, _, given = chunk.partition(",")
        if fam.strip() and given.strip():
            out.append(Author(family=clean_field(fam), given=clean_field(given)))
    return tuple(out)


def author_like(text: str, title_so_far: str) -> bool:
    """An author line set in the title's type (not a title's second line)."""
    names = parse_author_line(text)
    if not names:
        return False
    return (len(names) >= 2 or bool(re.search(r"[,&*∗†]|\band\b|\b[A-Z]\.", text))
            or title_so_far.isupper() != text.isupper())


def authors_near_title(page: LaidOutPage, title_i: int) -> tuple[Author, ...]:
    """The author line under the title block ``title_i`` (or, in some layouts, above it)."""
    found = _authors_after_title(page, title_i)
    if found:
        return found
    # Some layouts print the authors above the title.
    start = max(0, title_i - 5)
    before = [b for b in page.blocks[start:title_i] if b.size > 0]
    for k in range(len(before)):
        names = parse_author_line(" ".join(b.text for b in before[k:]) if len(before) - k <= 2 else before[k].text)
        if names:
            return names
    return ()


def _authors_after_title(page: LaidOutPage, title_i: int) -> tuple[Author, ...]:
    """The author lines under the title: the first names found, and the names of later
    blocks that follow them (one name per block, each with its affiliation under it)."""
    zone = _by_rows(page.blocks[title_i + 1:title_i + 16])
    for k, b in enumerate(zone[:7]):
        names = _first_author_block(b)
        if names is None and k < 3 and _names_after_institution(zone, k):
            continue  # an institute's logo and name set above its author ("ifgi" / "Institute for …" / "Edzer Pebesma")
        if not names:
            # The author line last in a block of subtitle lines ("… by ZUMA, Germany" / "Evi Scholz, Janet
            # Harkness and Timo Faaß"): a line of its own that is names only.
            tail = next((ln for ln in b.lines[1:] if not looks_like_affiliation(ln) and mostly_names(ln)
                         and (len(parse_author_line(ln)) >= 2 or re.search(r",|\band\b|&", ln))), None)
            if tail:
                return parse_author_line(tail)
        if names is None:
            break
        if names:
            return names + _more_author_blocks(zone[k + 1:k + 9], b.size)
    return ()


def _names_after_institution(zone: list[Block], k: int) -> bool:
    """Block ``k`` names an institution and the next block is a short line of names alone: the
    affiliation is set above the author."""
    if not looks_like_institution(zone[k].text) or k + 1 >= len(zone):
        return False
    nxt = zone[k + 1].text.strip()
    return (len(nxt.split()) <= 8 and not looks_like_affiliation(nxt) and mostly_names(nxt)
            and bool(parse_author_line(nxt)))


def _by_rows(blocks: tuple[Block, ...]) -> list[Block]:
    """Blocks in reading order by rows: names set side by side on one line ("Kobbi Nissim", "Sofya
    Raskhodnikova", "Adam Smith" at one height) come left to right, whatever order the layout gave them."""
    out = list(blocks)
    if not any(abs(a.top - b.top) <= 2 and a is not b for a in out for b in out):
        return out
    rows: list[list[Block]] = []
    for b in sorted(out, key=lambda b: b.top):
        if rows and abs(b.top - rows[-1][0].top) <= 2:
            rows[-1].append(b)
        else:
            rows.append([b])
    return [b for row in rows for b in sorted(row, key=lambda b: b.x0)]


def _more_author_blocks(blocks: list[Block], names_size: float = 0.0) -> tuple[Author, ...]:
    out: list[Author] = []
    for b in blocks:
        if names_size and b.size < names_size - 0.5:
            continue  # set smaller than the names: their affiliations ("Dirk Eddelbuettel" / "Debian Project")
        text = b.text.strip().lstrip("·&,; ")
        text = re.sub(r"^and\s+", "", text)
        if len(text) <= 3 or re.fullmatch(r"[\W\da-z,]+", text):
            continue
        if looks_like_affiliation(text):
            continue
        if len(text) > 120 or text.lower().startswith(("abstract", "keywords", "a b s t r a c t", "received")):
            break
        names = parse_author_line(text)
        if not names:
            break
        out.extend(names)
    return tuple(out)


_BY_LABEL = re.compile(r"^(?:prepared by|written by|by|authors?(?:\(s\))?)\s*:?\s*(?:\d{1,2}\.\s+)?", re.I)
#: A line of names that goes on in the next line: it ends with a separator.
_LIST_GOES_ON = re.compile(r"(?:,|;|&|\band)\s*$")


#: A note on the document's version set under its title.
_UPDATE_NOTE = re.compile(r"(?:last\s+)?(?:updated|modified|revised|version|draft)\b.*\b(?:19|20)\d\d\b", re.I)


def _first_author_block(b: Block) -> Optional[tuple[Author, ...]]:
    """Names in block ``b`` (empty: none, look further), or None: the author zone has ended."""
    # "By", "Prepared by", "Authors 1. Andreas Klärner, associate professor at: …" (a label and a list number).
    text = _BY_LABEL.sub("", b.text.strip())
    if len(text) <= 3 or re.fullmatch(r"[\W\da-z,]+", text):
        return ()  # stray superscript markers
    if _UPDATE_NOTE.match(text):
        return ()  # "Updated May 2021, including new section on …" between the title and the names
    lines = [ln for ln in b.lines if ln.strip()]
    if len(lines) >= 2 and not _LIST_GOES_ON.search(lines[0]):
        # A name over its affiliation in one block ("Douglas Bates" / "R Core Development Group" / an e-mail;
        # "by David Meyer" / "FH Technikum Wien, Austria"): the first line's names, when the block read as one
        # line gives none or runs the affiliation into a single long name ("David Meyer Fh Technikum Wien").
        first = parse_author_line(_BY_LABEL.sub("", lines[0].strip()))
        whole = parse_author_line(text)
        if first and (not whole or (len(whole) == 1 and whole[0].family not in lines[0])):
            return first
    if looks_like_affiliation(text) or text.lower().startswith(("abstract", "keywords", "a b s t r a c t")):
        if looks_like_affiliation(text) and not text.lower().startswith(("abstract", "keywords")):
            # "P F Fisher, M Langford Midlands Regional Research Laboratory…": names before the affiliation;
            # a line naming no institution (a translated title with "center" in it) is looked past.
            return parse_author_line(text) or (None if looks_like_institution(text) else ())
        return None
    return parse_author_line(text)


def affiliations_after_title(page: LaidOutPage, title_i: int) -> tuple[str, ...]:
    """Affiliation lines among the blocks after the title, without their markers."""
    out = []
    for b in page.blocks[title_i + 1:title_i + 10]:
        if looks_like_affiliation(b.text) and len(b.text) < 400:
            out.append(clean_field(re.sub(r"^[a-z\d*†‡]{1,2}\s+", "", b.text)))
    return tuple(out)


def strip_glued_markers(authors: tuple[Author, ...], page: LaidOutPage) -> tuple[Author, ...]:
    """"Murakamia" → "Murakami": an affiliation letter glued to the name.

    Only when an affiliation on the page starts with that letter ("a Graduate
    School …") and every surname ends in it, so "Costa" and "Silva" stay.
    """
    if not authors:
        return authors
    last = {a.family[-1] for a in authors if len(a.family) > 3}
    if len(last) != 1 or len(authors) != sum(len(a.family) > 3 for a in authors):
        return authors
    letter = last.pop()
    if letter not in "abcdef" or not any(a.family[-2].islower() for a in authors):
        return authors
    marked = any(re.match(rf"^{letter}\s+[A-Z]", b.text.strip()) and looks_like_affiliation(b.text) for b in page.blocks)
    if not marked:
        return authors
    # A surname printed with that letter elsewhere (contact line, e-mail) is real.
    elsewhere = " ".join(b.text for b in page.blocks if not all(a.family in b.text for a in authors)).lower()
    if any(re.search(rf"{re.escape(a.family.lower())}\b", elsewhere) for a in authors):
        return authors
    return tuple(Author(family=a.family[:-1], given=a.given, organisation=a.organisation) for a in authors)
