"""Spacing accents left beside their letter by PDF text extraction.

TeX-made PDFs draw "ö" as an "o" and a separate "¨"; text extracted
without geometry (pdftotext, other tools' .txt, gold strings) keeps the
accent as its own character, after the letter ("Yrja¨na¨") or before it
("S¨oderbom", "Mart´ın", "R´ıos").  A diaeresis or an acute on a vowel is
what European names hold, so the accent goes to the neighbouring vowel —
the one before it first; a tilde may sit on an "n".  A caron goes to the
neighbour that carries one more often in Central European names: č, š, ž,
ř, ě, ň before ď, ť before any other letter, a capital after a small letter
(a word glued on), else the one before it ("Dvorˇák" → ř, "Budˇejovice" → ě,
"Dˇzeroski" → ž, "inˇCeské" → Č).  A caron set with a
space before a small letter ("Kube ˇs") was drawn just left of it: the space
goes too ("Kubeš"); so does a space before any other accent inside a word
("Lo ´pez" → López).  An accent between consonants or before a possessive
"s" ("EU´s") is an apostrophe typed wrongly and stays.  The result is NFC.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["attach_spacing_accents"]

_COMBINING = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c", "˚": "\u030a"}
_LOOSE = re.compile(r"(?P<before>[^\W\d_]?)(?P<accent>[¨´`ˆ˜ˇ˚])(?P<after>[^\W\d_]?)")
#: "Kube ˇs": a letter, a space, then a caron on a small letter.
_SPACED_CARON = re.compile(r"(?<=[^\W\d_]) ˇ(?P<letter>[^\W\d_A-Z])")
#: "Lo ´pez-Morales": a space between a letter and a spacing accent that a small letter follows (mid-word).
_SPACED_ACCENT = re.compile(r"(?P<before>[^\W\d_]) (?=(?P<accent>[¨´`˜˚])(?P<after>[^\W\d_A-Z]))")
def _could_carry(letter: str, accent: str) -> bool:
    """Whether ``letter`` could carry ``accent`` (a vowel; an "n" under a tilde)."""
    return letter in _VOWELS or (accent == "˜" and letter in "nN")


#: How often a letter carries a caron in names (č š ž ř ě ň, then ď ť); 0 for any other letter.
_CARON_LETTERS = {**dict.fromkeys("csznreCSZNRE", 2), **dict.fromkeys("dtDT", 1)}
_VOWELS = set("aeiouyAEIOUYıæøÆØ")
#: TeX's dotless i and j carry the accent in place of the dot.
_DOTLESS = {"ı": "i", "ȷ": "j"}


def attach_spacing_accents(text: str) -> str:
    """``text`` with each spacing accent that touches a letter it can sit on combined with it."""
    if not any(a in text for a in _COMBINING):
        return text
    if " ˇ" in text:
        text = _SPACED_CARON.sub(lambda m: m.group("letter") + "\u030c", text)
    if " " in text:
        # "Lo ´pez": the accent set a space after its vowel; when both neighbours could carry it ("Buda ¨orsi") the
        # space does not tell which, and the text is left as it is.
        text = _SPACED_ACCENT.sub(lambda m: m.group(0) if _could_carry(m.group("before"), m.group("accent"))
                                  and _could_carry(m.group("after"), m.group("accent")) else m.group("before"), text)

    def takes(letter: str, accent: str) -> bool:
        if not letter:
            return False
        if accent == "ˇ":
            return True  # č, š, ř, ž, ě
        return letter in _VOWELS or (accent == "˜" and letter in "nN")

    def attach(m: re.Match) -> str:
        before, accent, after = m.group("before"), m.group("accent"), m.group("after")
        mark = _COMBINING[accent]
        if accent in "´`" and after == "s" and not m.string[m.end():m.end() + 1].isalpha():
            return m.group(0)  # "the EU´s policy": a possessive's apostrophe
        if accent == "ˇ" and before and after and (
                _CARON_LETTERS.get(after, 0) > _CARON_LETTERS.get(before, 0)
                or (after.isupper() and before.islower())):  # "inˇCeské": a word glued on
            return before + _DOTLESS.get(after, after) + mark
        if takes(before, accent):
            return _DOTLESS.get(before, before) + mark + after
        if takes(after, accent):
            return before + _DOTLESS.get(after, after) + mark
        return m.group(0)  # "EU´s": an apostrophe typed as an accent, or an accent alone

    return unicodedata.normalize("NFC", _LOOSE.sub(attach, text))
