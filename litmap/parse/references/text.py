"""Text-level helpers shared by the reference parser's stages.

* :func:`strip_noise` — what no field holds, removed before parsing:
  software versions, Medline/BibTeX record identifiers, arXiv identifiers,
  and an author-date year glued to the title set apart;
* :func:`squash` — a comparison key (letters and digits, lower case).
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["squash", "strip_noise"]


_NON_WORD_RUN = re.compile(r"\W+")


def squash(s: Optional[str]) -> str:
    """``s`` as a comparison key: letters and digits only, lower case."""
    return _NON_WORD_RUN.sub("", s or "").lower()


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
#: A PubMed id whose label was an image or a link, glued after the pages at the end: "122:881–891.27840464".
_GLUED_PMID = re.compile(r"(?P<p>(?::|\d\s?[-–]\s?)\d{1,6})\.\d{7,8}\s*$")


#: arXiv identifiers ("arXiv:1502.01589v2 [hep-th]", "arXiv.org:astro-ph/0509330"):
#: read otherwise as volume 1502 and page 01589, or as a year.
_ARXIV = re.compile(
    r"\b(?:arXiv\s*preprint\s*)?arXiv\s*(?:\.\s*org)?\s*:?\s*"
    r"(?:[a-z-]+\s*(?:\.[A-Z]{2})?\s*/\s*\d{7}|\d{4}\.\d{4,5})(?:v\d+)?(?:\s*\[[^\]]{1,40}\])?",
    re.IGNORECASE,
)


#: An author-date year run into the title in PDF text: "eds. 2010.Leben in …".
_GLUED_YEAR = re.compile(r"(?<![\w./:-])((?:1[5-9]|20)\d\d[a-z]?)\.(?=[A-ZÀ-Þ][a-zß-ÿ])")


#: The Italian editors' mark "(a c. di)", "(a cura di)": read as "(ed.)", which every stage knows.
_A_CURA_DI = re.compile(r"\(\s*a\s?(?:c\.|cura)\s?di\s*\)", re.I)


#: A closing note on the original edition: "(ed. or. Paris 1983)", "[Orig. 1936]", "(first published 1925)".
_ORIGINAL_EDITION = re.compile(
    r"\s*[\[(](?:ed\.\s*or\.|orig(?:inal)?\.?(?:\s*(?:ed\.|edn\.|edition|publ\.))?|first published|erstmals|"
    r"urspr(?:\.|ünglich))\s[^\[\]()]*(?:1[5-9]\d\d|20[0-4]\d)[^\[\]()]*[\])]\.?\s*$", re.I)


#: The noise strip_noise removes first, in order, with the words (lower case) one of which every match holds.
_MARKED_NOISE = (
    (_SOFTWARE, "", ("version", "computer")),
    (_IDENTIFIERS, " ", ("pmid", "pmcid", "issn", "isbn", "epub")),
    (_ARXIV, " ", ("arxiv",)),
)
#: The characters an IGNORECASE pattern reads as an ASCII letter that ``str.lower`` does not turn into it
#: ("ı" matches i, "ſ" matches s, "İ" matches I but lower-cases to two characters; the Kelvin sign gives k).
_CASE_TRAPS = frozenset("İıſ")


def _may_hold(text: str, words: tuple[str, ...]) -> bool:
    """False only where no case-insensitive match of any of ``words`` occurs in ``text`` (a cheap pre-test:
    the noise patterns try every position, and most references hold none)."""
    low = text.lower()
    return any(w in low for w in words) or (not text.isascii() and not _CASE_TRAPS.isdisjoint(text))


def strip_noise(raw: str) -> str:
    """The reference string without software versions, record and arXiv
    identifiers (also a PubMed id glued after the pages, "881–891.27840464")
    and a closing note on the original edition ("(ed. or.
    Paris 1983)", "[Orig. 1936]": its year is not the entry's), with a year
    glued to the title set apart and the Italian editors' mark "(a c. di)"
    written "(ed.)"."""
    text = raw
    for pattern, repl, words in _MARKED_NOISE:
        if _may_hold(text, words):
            text = pattern.sub(repl, text)
    text = _GLUED_YEAR.sub(r"\1. ", text)
    if text[-1:].isdigit():
        text = _GLUED_PMID.sub(r"\g<p>.", text)
    if ("(" in text or "[" in text) and _ORIGINAL_EDITION.search(text):
        cut = _ORIGINAL_EDITION.sub(lambda m: "." if m.group(0).rstrip().endswith(".") else "", text)
        text = cut if re.search(r"(?:1[5-9]\d\d|20[0-4]\d)", cut) else text  # another year is printed
    return _A_CURA_DI.sub("(ed.)", text) if "di" in text else text
