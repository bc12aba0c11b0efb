"""Normalisation of names, DOIs and titles, shared by reference parsing and
citation linking.

The keys these functions return are for *matching*, never for display: they
are case-folded, stripped of diacritics and punctuation, so that
``De Landa`` in a citation meets ``DeLanda, M.`` in a reference list.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Optional

__all__ = [
    "PARTICLES",
    "strip_diacritics",
    "normalise_surname",
    "initials_of",
    "normalise_doi",
    "normalise_title",
    "display_surname",
    "shouted",
]

#: Lower-case name particles that belong to the family name
#: ("van der Meer", "de Certeau", "von Thünen", "dos Santos", Dutch "van ’t Klooster").
PARTICLES = frozenset(
    "van von der den de del della des di du da dos das le la ter ten zu vom af al el bin ibn st ’t 't".split()
)

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose but readers treat as plain.
_PLAIN: dict[str, str | int | None] = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D"
}
_PLAIN_LETTERS = str.maketrans(_PLAIN)
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+", re.IGNORECASE)
# Characters that end a DOI as printed but are never part of it there.
_DOI_TRAIL = ".,;:)]}>'\u2019\u201d"
_DOI_QUERY = re.compile(r"(?:#|[?&](?:[a-z_]+=|journal|needaccess)).*$", re.I)


@functools.lru_cache(maxsize=8192)
def strip_diacritics(s: str) -> str:
    """``"Yrjänä"`` → ``"Yrjana"``; also folds ligatures (``ﬁ`` → ``fi``)."""
    decomposed = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.translate(_PLAIN_LETTERS)


@functools.lru_cache(maxsize=8192)
def normalise_surname(s: str) -> str:
    """Matching key of a family name: case-folded, no diacritics, particles
    and hyphens joined (``"De Landa"`` → ``"delanda"``, ``"van der Meer"`` →
    ``"vandermeer"``, ``"Rodríguez-Pose"`` → ``"rodriguezpose"``)."""
    return _NON_WORD.sub("", strip_diacritics(s).casefold())


def initials_of(given: Optional[str]) -> str:
    """Upper-case initials of a given name: ``"Neil"`` → ``"N"``,
    ``"J.-P."`` → ``"JP"``, ``"Jean-Pierre"`` → ``"JP"``, ``"AJ"`` → ``"AJ"``."""
    if not given:
        return ""
    out = []
    for part in re.split(r"[\s.\-‐–]+", strip_diacritics(given)):
        if not part:
            continue
        if part.isupper() and len(part) <= 3:
            out.append(part)  # "AJ" as printed in Vancouver/SAGE styles
        elif part[0].isalpha():
            out.append(part[0].upper())
    return "".join(out)


def normalise_doi(s: Optional[str]) -> Optional[str]:
    """The bare, lower-case DOI found in ``s`` (``https://doi.org/…``,
    ``doi:…``, or the bare form), without trailing punctuation; None if
    there is none."""
    if not s:
        return None
    m = _DOI.search(s.replace("\u2010", "-").replace("\u2011", "-"))
    if not m:
        return None
    # A URL's query string or fragment is not part of the DOI ("…1119646?journalCode=fcit20").
    doi = _DOI_QUERY.sub("", m.group(0)).rstrip(_DOI_TRAIL)
    # A closing bracket is part of some DOIs: keep it only when balanced.
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    return doi.lower() or None


# Old Springer/Taylor & Francis text layers map the "fi" ligature to ® ("point ®elds").
_FI_AS_REGISTERED = re.compile(r"®(?=[a-z])")


def normalise_title(s: Optional[str]) -> str:
    """Matching key of a title: case-folded words without diacritics or
    punctuation, single-spaced (a ligature printed as ® read as "fi")."""
    if not s:
        return ""
    s = _FI_AS_REGISTERED.sub("fi", s)
    return " ".join(_NON_WORD.split(strip_diacritics(s).casefold())).strip()


def shouted(name: str) -> bool:
    """Whether a printed name is set in capitals or small capitals as text
    layers give them: ``"LANGFORD"``, ``"SwyNGEDouw"`` (more capitals than a
    name's ``McDonald``/``DeLanda``/``O'Neill`` would hold)."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    if upper == len(letters):
        return True
    # Capitals inside a word beyond the one of Mc/Mac/De/O' ("SwyNGEDouw": 6 of 10).
    return upper >= 3 and upper * 2 >= len(letters)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def display_surname(name: str, *, capitals: bool = False) -> str:
    """A family name as it should be shown: no trailing dot or comma (OCR and
    some styles print ``"Harvey. D."``), and small capitals as a text layer
    reads them set in ordinary case (``"SwyNGEDouw"`` → ``"Swyngedouw"``).
    With ``capitals``, a name in capitals is too (``"LANGFORD"`` →
    ``"Langford"``, ``"VAN DER MEER"`` → ``"Van der Meer"``, ``"O'NEILL"`` →
    ``"O'Neill"``): only where it is known to be a person's name, since
    ``"ESRI"`` or ``"CIESIN"`` look the same.  Names with letters of their own
    (``"DeLanda"``, ``"McDonald"``) are left alone; organisations too (they
    hold spaces and acronyms such as ``"US Census Bureau"``)."""
    out = name.strip().rstrip(".,;:").strip()
    if not out or not shouted(out) or (out.upper() == out and not capitals):
        return out or name.strip()
    if len(out.split()) > 1 and not _all_words_names(out):
        return out  # "US CENSUS BUREAU"-like: no safe case for an organisation

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.casefold() in PARTICLES and m.start() > 0:
            return w.casefold()
        parts = re.split(r"(['’])", w.casefold())
        return "".join(p[:1].upper() + p[1:] for p in parts)

    return _NAME_WORD.sub(word, out)


def _all_words_names(s: str) -> bool:
    """Every space-separated part is a particle or a word of 2+ letters (not "US", "UK")."""
    words = s.split()
    return all(w.casefold() in PARTICLES or (len(w) > 2 and w.isalpha()) for w in words)
