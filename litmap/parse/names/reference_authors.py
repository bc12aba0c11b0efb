"""Author lists of reference strings → :class:`Author` records.

Handles the orders the field's styles print: ``Surname, X. Y.`` (APA,
Harvard, T&F), ``Surname XY`` (SAGE, Springer, Vancouver), ``X. Y. Surname``
(Elsevier numeric, Chicago second authors), ``SURNAME Given`` (EXCITE-like
social science), organisations, particles (``van der``, ``De Landa``) and
``et al.``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from litmap.models import Author
from litmap.parse.names.in_text import COMPOUND_SPACE
from litmap.parse.names.normalise import PARTICLES

__all__ = ["parse_authors", "looks_like_organisation"]

_ORG_WORDS = re.compile(
    r"\b(?:bank|ministry|department|office|council|commission|committee|agency|association|"
    r"institute|institution|organi[sz]ation|foundation|government|authority|board|bureau|"
    r"united nations|un-habitat|oecd|world|unesco|european|union|statistics|census|city of|"
    r"republic|municipality|trust|centre|center|society|group|program(?:me)?|network|"
    r"federal|national|state of|secretariat|parliament|corporation|company|ltd|inc|press|"
    r"university|school|coalition|forum|party|league|house|administration)\b",
    re.IGNORECASE,
)
#: Words no person's name holds: an organisation even inside a list of persons.
_STRONG_ORG = re.compile(
    r"\b(?:team|foundation|consortium|collaboration|contributors|developers|project|institute|"
    r"ministry|department|council|committee|commission|agency|association|organi[sz]ation|university|"
    r"secretariat|bureau|office|centre|center|society|inc|ltd|gmbh)\b",
    re.IGNORECASE,
)
_ET_AL = re.compile(r",?\s*\bet\.?\s*al\.?,?|,?\s*\bu\.\s*a\.|…|\.\.\.", re.IGNORECASE)
# One initial: "J.", "J", "J.-P.", "Th."
_GLUED_INITIALS = re.compile(r"(?<![\w.])((?:[A-ZÀ-Þ]\.[-‐]?){1,3})(?=[A-ZÀ-Þ][a-zà-ÿ]{2,})")
#: A generational suffix after a name ("King, Martin Luther, Jr.", "Martin Jr, R. L.").
_SUFFIX = re.compile(r"(?:,\s*|\s+)(?P<s>Jr|Sr|Jnr|Snr)\.?(?=\s*(?:[,;&]|\band\b|$))")
def _with_suffixes(authors: list[Author], text: str, suffixes: list[tuple[int, str]]) -> list[Author]:
    """Each suffix (cut from ``text`` at the offset given) put at the end of
    the given names of the author printed last before it: family "King",
    given "Martin Luther Jr." (as CSL's family/given/suffix print)."""
    out = list(authors)
    for at, suffix in suffixes:
        where = [text.rfind(a.family, 0, at + 1) for a in out]
        k = max(range(len(out)), key=lambda i: where[i], default=None)
        if k is not None and where[k] >= 0 and not out[k].organisation:
            a = out[k]
            out[k] = Author(family=a.family, given=f"{a.given or ''} {suffix}.".strip(), organisation=a.organisation)
    return out
#: An initial, Latin or Cyrillic ("J.", "Ch.", "J.-P.", "И.", "Ю.").
_INITIAL = r"(?:(?:[A-ZА-ЯЁ]\.?|[A-ZА-ЯЁ][a-zа-яё]\.)(?:[-‐][A-ZА-ЯЁ]\.?)?)"
_INITIALS_ONLY = re.compile(rf"^(?:{_INITIAL}\s*){{1,4}}$")
_CAPS_INITIALS = re.compile(r"^[A-ZА-ЯЁ]{1,3}$")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’`\-‐]*\.?$")


def looks_like_organisation(text: str) -> bool:
    """True for author strings such as "World Bank" or "UN-Habitat"."""
    words = text.split()
    if len(words) >= 2 and words[0] in ("The", "THE") and words[1][:1].isupper():
        return True  # "The Times", "The Guardian": no person's given name is "The"
    if _ORG_WORDS.search(text) and not _INITIALS_ONLY.match(words[-1] if words else ""):
        return len(words) >= 2 or "-" in text or text.isupper()
    # Acronyms ("OECD", "ARA") standing alone.
    return len(words) == 1 and text.isupper() and len(text) >= 2 and "." not in text


def _is_initials(chunk: str) -> bool:
    c = chunk.strip()
    return bool(c) and (bool(_INITIALS_ONLY.match(c)) or bool(_CAPS_INITIALS.match(c)))


def _is_given_words(chunk: str) -> bool:
    """Full given names after a comma: "David", "Neil J.", "Jean-Pierre"."""
    words = chunk.split()
    # A particle printed after the given name: "Tocqueville, Alexis de", "Lippe, Holger von der".
    while len(words) > 1 and words[-1].lower() in PARTICLES:
        words.pop()
    if not 1 <= len(words) <= 3:
        return False
    return all(_NAME_WORD.match(w) or _is_initials(w) for w in words) and not _ORG_WORDS.search(chunk)


def _person_from_words(chunk: str, given_first: bool = False, alone: bool = True) -> Author:
    """A name without a comma: "Brenner N", "N. Brenner", "Neil Brenner",
    "van der Meer J", "APPELBAUM Eileen".  ``given_first``: the list prints
    names given-first (Chicago), so "JJ Allaire" is not "JJ" in capitals;
    ``alone``: the chunk is the whole author string."""
    words = chunk.split()
    if len(words) == 1:
        return Author(family=words[0].rstrip("."))
    # "R Core Team", "Python Software Foundation" inside a list of persons.
    if _STRONG_ORG.search(chunk):
        return Author(family=chunk.rstrip("."), organisation=True)
    # "Human Rights Watch": three or more capitalised words, no initials —
    # but not within a list of persons ("Christine Delisle Nyström").
    if alone and not given_first and len(words) >= 3 and not any(_is_initials(w) or w.lower() in PARTICLES for w in words):
        return Author(family=chunk, organisation=True)
    if given_first and len(words) >= 2 and not _is_initials(words[-1]):
        i = len(words) - 1
        while i > 1 and words[i - 1].lower() in PARTICLES:
            i -= 1
        return Author(family=" ".join(words[i:]), given=" ".join(words[:i]))
    # Trailing initials: Surname AB / Surname A.B.
    tail: list[str] = []
    while len(words) > 1 and _is_initials(words[-1]):
        tail.insert(0, words.pop())
    if tail:
        return Author(family=" ".join(words), given=" ".join(tail))
    # Leading SURNAME in capitals: "APPELBAUM Eileen".
    if _is_caps_surname_first(words):
        return Author(family=words[0], given=" ".join(words[1:]))
    # Given-first: the family name is the last word plus any particles.
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i > 0 and words[i - 1].lower() in PARTICLES and i - 1 > 0:
        i -= 1
    return Author(family=" ".join(words[i:]), given=" ".join(words[:i]) or None)


def _clean(chunk: str) -> str:
    return chunk.strip(" ,;:").strip()


#: A conjunction left at the end of a span that stops before the last name: "Burns, J. H., and".
_CONJUNCTION_AT_END = re.compile(r"[\s,]+(?:and|und|&)$")
_INITIAL_AT_END = re.compile(r"\b[A-ZА-ЯЁ]\.$")
#: The second half of a hyphenated given name set apart: "Lam, N. S. -N.".
_SPACED_HYPHEN_BETWEEN_INITIALS = re.compile(r"(?<=\b[A-Z]\.)\s+[-‐]\s?(?=[A-Z]\.)")
_EDITORS_MARK = re.compile(r"\(\s*(?:eds?|hrsg|hg|coords?)\.?\s*\)|,?\s*\b(?:eds?|editors?)\.?$", re.I)
#: A German-style slash between names: "Lippold, S./Lohr, K.".
_SLASH_BETWEEN_NAMES = re.compile(r"(?<=[\w.])\s*/\s*(?=[A-ZÀ-Þ])")
#: "&" (also without its space: "&Majoor"), "and", "und", "et", "y" between names.
_CONJUNCTION = re.compile(r"\s*(?:,\s*)?(?:(?<![^\s,])&\s*(?=[^\W\d_])|(?:\band\b|\bund\b|\bet\b|\by\b)\s+)")
#: "with" before a co-author: "Butler, T. with Robson, G.".
_WITH_BEFORE_COAUTHOR = re.compile(r"(?<=\.)\s+with\s+(?=[A-Z][\w'’-]+,)")


@functools.lru_cache(maxsize=4096)
def parse_authors(text: str) -> tuple[tuple[Author, ...], bool]:
    """Split an author (or editor) string into authors; returns (authors, et_al).  Cached: the
    rules and the CRF's spans often read the same author string (the result is immutable)."""
    # A span that stops before the last name keeps its conjunction: "Burns, J. H., and".
    text = _CONJUNCTION_AT_END.sub("", text.strip(" ,;:")).strip(" ,;:")
    if text.endswith(".") and not _INITIAL_AT_END.search(text):
        text = text[:-1]
    # "Brown ‐Saracino, J.": a space the text layer left before a compound surname's hyphen.
    text = COMPOUND_SPACE.sub(r"\1", text)
    # "Lam, N. S. -N.": the second half of a hyphenated given name (Siu-Ngan) set apart.
    text = _SPACED_HYPHEN_BETWEEN_INITIALS.sub("-", text)
    # "King, Martin Luther, Jr.", "Martin Jr, R. L.": a generational suffix is no author or part of a surname.
    suffixes: list[tuple[int, str]] = []
    for m in reversed(list(_SUFFIX.finditer(text))):
        text = text[: m.start()] + text[m.end():]
        suffixes = [(m.start(), m.group("s"))] + [(at - (m.end() - m.start()), x) for at, x in suffixes]
    suffixed = text
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip(" ,;:")
    text = _EDITORS_MARK.sub("", text).strip(" ,;:")
    if not text:
        return (), et_al
    if looks_like_organisation(text) and not re.search(r",\s*" + _INITIAL + r"\s*(?:,|&|and\b|$)", text):
        return (Author(family=text.strip(" .,"), organisation=True),), et_al
    # Initials glued to the surname they precede ("J.M.Fernández-Varea", "F.Salvat"): a space lost in extraction.
    text = _GLUED_INITIALS.sub(r"\1 ", text)
    # Conjunctions and German-style slashes ("Lippold, S./Lohr, K.") separate names.
    text = _SLASH_BETWEEN_NAMES.sub(" ; ", text)
    # "&" may lose its space in PDF text ("Gualini, E., &Majoor, S."); not inside a name ("AT&T").
    text = _CONJUNCTION.sub(" ; ", text)
    # "Butler, T. with Robson, G.": a co-author after "with" (not "with the collaboration of …").
    text = _WITH_BEFORE_COAUTHOR.sub(" ; ", text)
    groups = [g for g in (_clean(g) for g in text.split(";")) if g]
    authors: list[Author] = []
    # Chicago/MLA: only the first name is inverted ("Bassett, David R.,
    # Richard P. Troiano, and Dana L. Wolff"); once the first author had a
    # full given name, a later multi-word chunk is a whole given-first name.
    chicago = False
    single = len(groups) == 1 and "," not in groups[0]
    for group in groups:
        chunks = [c for c in (_clean(c) for c in group.split(",")) if c]
        i = 0
        while i < len(chunks):
            chunk = chunks[i]
            nxt = chunks[i + 1] if i + 1 < len(chunks) else None
            words = chunk.split()
            if chicago and len(words) >= 2 and _is_person_words(words) and (
                nxt is None or (len(nxt.split()) >= 2 and not _is_initials(nxt))
            ):
                authors.append(_person_from_words(chunk, given_first=True))
                i += 1
                continue
            has_own_initials = len(words) > 1 and (
                _is_initials(words[-1]) or _is_initials(words[0]) or _is_caps_surname_first(words)
            )
            # The very first "Surname, Given Middle" ("Hansen, Holger Bernt").
            first_pair = i == 0 and (not authors or len(chunks) == 2) and len(words) == 1 and nxt is not None and len(nxt.split()) == 2
            if nxt is not None and not has_own_initials and (
                _is_initials(nxt) or (_is_given_words(nxt) and (first_pair or not _is_name_pair(nxt)))
            ):
                if not authors and not _is_initials(nxt) and not _INITIALS_ONLY.match(nxt):
                    chicago = True
                authors.append(Author(family=chunk, given=nxt))
                i += 2
                continue
            if nxt is None and not has_own_initials and len(chunks) == 1 and len(groups) == 1 and _is_initials(chunk):
                i += 1
                continue
            authors.append(_person_from_words(chunk, given_first=chicago, alone=single))
            i += 1
    authors = [_given_repeated(a) for a in authors]
    return tuple(_with_suffixes([a for a in authors if a.family], suffixed, suffixes)), et_al


def _given_repeated(author: Author) -> Author:
    """A given-first name with its given name printed again after a comma,
    as reference managers leave it ("and Gabriele Peitz, Gabriele", "and
    Dirk Konietzka, Dirk"): the surname is the rest, not "Gabriele Peitz".
    Only a whole given name (never an initial: "Ruiz Jiménez, R." stays)."""
    words = author.family.split()
    given = (author.given or "").strip()
    if len(words) >= 2 and len(given) >= 2 and " " not in given and not given.endswith(".") and words[0] == given:
        return replace(author, family=" ".join(words[1:]), given=given)
    return author


def _is_person_words(words: list[str]) -> bool:
    """"Corina de Jong", "JJ Allaire", "Richard P. Troiano": capitalised
    words, initials and particles, no organisation word."""
    return len(words) <= 5 and all(_NAME_WORD.match(w) or _is_initials(w) or w.lower() in PARTICLES for w in words) and not _STRONG_ORG.search(" ".join(words))


def _is_name_pair(chunk: str) -> bool:
    """"Neil Smith" (a full given-first name) rather than "Neil"; never
    given names with a particle after them ("Johann Wolfgang von", "Holger
    von der"): a name does not end with a lower-case particle."""
    words = chunk.split()
    if len(words) >= 2 and words[-1] in PARTICLES:
        return False
    return len(words) >= 2 and not any(_is_initials(w) for w in words) and all(w[:1].isupper() or w.lower() in PARTICLES for w in words)


def _is_caps_surname_first(words: list[str]) -> bool:
    """"APPELBAUM Eileen": a surname in capitals, then given names."""
    return (
        len(words) >= 2
        and len(words[0]) > 1
        and words[0].isupper()
        and "." not in words[0]
        and not any(w.isupper() for w in words[1:])
    )
