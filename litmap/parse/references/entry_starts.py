"""What the first line of a reference entry looks like.

Shared by the entry splitter (:mod:`litmap.parse.references.splitting`) and the
list-boundary rules (:mod:`litmap.parse.references.list_bounds`): the patterns
for entry starts (``Surname, X.``, ``Surname X (``, ``SURNAME Given``,
``[12]``, ``12.``, ``——.``), the year cue that confirms one, and the
:class:`Line` record both stages work on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

__all__ = ["Line", "is_entry_start", "year_near", "NUMBERED", "DASH", "ENTRY_START", "ORG_START", "INITIAL_FIRST",
           "STRONG_START", "YEAR", "ENDS_ENTRY", "NAMES_GO_ON"]


# "[12]", "12. ", "12.Alvarado", "(12)"
# (also glued to a Cyrillic or Greek name: "12.Иванов"); never a bracketed year, which
# opens the line after a long APA author line ("… & Walker, A." / "(2009). New retail …")
NUMBERED = re.compile(
    r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?=\s|[A-ZÀ-ÞА-ЯЁΑ-Ω][a-zà-ÿа-яёα-ω])|\((?!(?:1[5-9]\d\d|20[0-4]\d)\))(\d{1,4})\))\s*\S")
#: A repeated-author dash "——." — or the comma or full stop after one the text layer lost (", 1988: Title", ". 1996. Title").
DASH = re.compile(r"^\s*(?:[-‐‑‒–—―_]{2,}|—|(?=[,.]\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?\s*[:.,;]))\s*[.,]?")
#: A surname, also compound with a space left before its hyphen by the text layer ("Brown ‐Saracino").
_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]*(?:\s[\-‐][A-ZÀ-ÖØ-Þ][\w'’`´\-‐]+)?(?:\s+[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]+)?)"
_PARTICLE = r"(?:(?:van|von|de|du|da|di|dos|das|le|la|del|della|der|den|ten|ter|el|al)\s+){1,3}"
#: A particle after the surname, as German lists invert it ("Hantelmann von, Dorothea").
_TRAILING_PARTICLE = r"(?:von|van|de|der|den|du|da|di|la|le|zu|vom)(?=[\s,])"
ENTRY_START = re.compile(
    rf"^\s*(?:{_PARTICLE})?{_NAME}(?:\s+{_TRAILING_PARTICLE})?\s*"
    r"(?:,\s*(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ]+|[A-ZÀ-Þ]{1,3}\b)"  # Surname, X. / Surname, Given
    r"|\s+[A-Z]{1,3}(?:\s*[,(&]|\s+(?:and|&)\s|\s*$)"  # Surname XY (   (SAGE/Springer)
    r"|\s+(?:[A-Z]\.[-\s]?){1,4}"  # Surname J.E.
    r"|\s+[A-Z][a-zà-ÿ]+,"  # SURNAME Given,
    r"|\s*[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d|n\.\s?d\.|in press|forthcoming)"  # Org (2009) / Org. 2009
    r"|\s+(?:and|&)\s"
    # OCR reads the comma after a small-caps surname as a dot: "Harvey. D. (1973):", "Gurr. T. R. and"
    r"|\.\s+(?:[A-Z]\.[\s-]?){1,3}\s*(?:\((?:1[5-9]\d\d|20[0-4]\d)|and\s|&)"
    r")"
)
#: A corporate author with small words in its name: "City of Helsinki. (2008).", "Ministry for the Environment 2010,".
#: Also with commas in the name, an acronym before the year and no mark after
#: a bracketed year: "Ministry of Housing, Communities and Local Government
#: (2019),", "Greater London Authority (GLA) (2004),", "Office for National Statistics (2011) Census".
ORG_START = re.compile(
    r"^\s*[A-ZÀ-Þ][\w'’&\-]+(?:(?:\s+|,\s+(?=[A-ZÀ-Þ]))(?:of|for|on|and|the|für|und|de|des|du|del|la|le|et|voor|van|[A-ZÀ-Þ][\w'’&\-]*)){1,8}"
    r"\s*(?:\([A-ZÀ-Þ][\w&.\-]{1,12}\)\s*)?"
    r"(?:[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]|\((?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)\s)"
)
INITIAL_FIRST = re.compile(rf"^\s*(?:[A-Z]\.\s?){{1,3}}(?:-[A-Z]\.\s?)?\s*(?:{_PARTICLE})?[A-Z][\w'’\-]+")
YEAR = re.compile(r"\b(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\b|n\.\s?d\.|in press|forthcoming", re.I)
#: A line that breaks off inside an author list: after a comma, "&" or "and",
#: or after the initials of a last author whose surname is on the next line
#: ("R. Kleinhans & V.H." / "Maarten (2019), …").
NAMES_GO_ON = re.compile(r"(?:,|&|\band|(?:&|\band)\s+(?:[A-Z]\.\s?-?){1,3})\s*$")
ENDS_ENTRY = re.compile(r"(?:[.)\]]|\d|[a-z0-9]/\S*|\b\w+)\s*$")


@dataclass(frozen=True)
class Line:
    """One printed line of a reference section, with where it sits."""

    text: str
    page: int
    x: Optional[float]  # absolute x0, None without geometry
    group: int  # column/page group the margin is measured in
    block: int
    first_in_block: bool
    blank_before: bool = False


def is_entry_start(line: str) -> bool:
    """Does ``line`` begin the way a reference entry begins?"""
    return bool(
        NUMBERED.match(line) or DASH.match(line) or ENTRY_START.match(line) or INITIAL_FIRST.match(line)
        or ORG_START.match(line)
    )


def year_near(lines: Sequence[Line], i: int, chars: int = 220) -> bool:
    """A year soon after line ``i``, before the next line that starts an entry."""
    text = lines[i].text
    j = i + 1
    while len(text) < chars and j < len(lines) and j <= i + 2:
        if lines[j].blank_before or is_entry_start(lines[j].text) and not NAMES_GO_ON.search(text):
            break
        text += " " + lines[j].text
        j += 1
    return bool(YEAR.search(text[:chars]))


STRONG_START = re.compile(
    rf"^\s*(?:{_PARTICLE})?{_NAME}(?:,?\s+(?:[A-Z]\.?[\s-]?){{1,4}})?"
    # ", J. K." or ", Given (Middle)"
    r"(?:,\s*(?:[A-Z]\.\s?){1,3}|,\s*[A-ZÀ-Þ][a-zà-ÿ]+(?:[\s-][A-ZÀ-Þ][a-zà-ÿ]+)?(?:\s[A-Z]\.)?)?"
    r"[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]?\s"
)
