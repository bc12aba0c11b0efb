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
"Dˇzeroski" → ž, "inˇCeské" → Č).  An accent both neighbours could carry
("Gda´nsk") goes to the side the text sets its other accents on, when at
least three of them say so ("Zolt´an", "Kov´acs", "Łód´z": after).  A caron
set with a space before a small letter ("Kube ˇs") was drawn just left of
it: the space goes too ("Kubeš"); so does a space before any other accent
inside a word ("Lo ´pez" → López), and a space on both sides where the text prints the joined word
elsewhere ("Lo ´ pez" beside "López-Morales").  An accent between consonants or before a possessive
"s" ("EU´s") is an apostrophe typed wrongly and stays.  The result is NFC.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Optional

__all__ = ["attach_spacing_accents"]

_COMBINING = {"¨": "\u0308", "´": "\u0301", "`": "\u0300", "ˆ": "\u0302", "˜": "\u0303", "ˇ": "\u030c", "˚": "\u030a",
              "¸": "\u0327"}
_LOOSE = re.compile(r"(?P<before>[^\W\d_]?)(?P<accent>[¨´`ˆ˜ˇ˚¸])(?P<after>[^\W\d_]?)")
#: "Kube ˇs": a letter, a space, then a caron on a small letter.
_SPACED_CARON = re.compile(r"(?<=[^\W\d_]) ˇ(?P<letter>[^\W\d_A-Z])")
#: "Lo ´pez-Morales", "vis-a `-vis", "Tarlabas ¸ı": a space between a letter and a spacing accent that a small letter
#: (or a hyphen) follows, inside a word.  (With spaces on both sides, "Lo ´ pez" cannot be told from an accent
#: named between two words, "press the ¨ key", and stays.)
_SPACED_ACCENT = re.compile(r"(?P<before>[^\W\d_]) (?P<accent>[¨´`˜˚¸])(?=(?P<after>[^\W\d_A-Z]|-))")
#: How often a letter carries a caron in names (č š ž ř ě ň, then ď ť); 0 for any other letter.
_CARON_LETTERS = {**dict.fromkeys("csznreCSZNRE", 2), **dict.fromkeys("dtDT", 1)}
_VOWELS = set("aeiouyAEIOUYıæøÆØ")
#: Consonants that carry an acute in Polish and Serbo-Croatian names (ć ń ś ź): "Łód´z" is Łódź.
_ACUTE_CONSONANTS = set("cnszCNSZ")
#: Consonants under a cedilla: ç, ş, ţ ("Tarlabaşı").
_CEDILLA_LETTERS = set("cstCST")
#: What follows an apostrophe typed as an accent: "EU´s", "don´t", "we´ll", "they´re", "I´ve", "I´m", "she´d".
_CONTRACTION = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})
#: TeX's dotless i and j carry the accent in place of the dot.
_DOTLESS = {"ı": "i", "ȷ": "j"}


def _could_carry(letter: str, accent: str) -> bool:
    """Whether ``letter`` could carry ``accent`` at all (no letter: no)."""
    if not letter:
        return False
    if accent == "¸":
        return letter in _CEDILLA_LETTERS
    return letter in _VOWELS or (accent == "˜" and letter in "nN") or (accent == "´" and letter in _ACUTE_CONSONANTS)


def _convention(text: str) -> Optional[str]:
    """"before" or "after": the side of its letter a text sets its spacing accents on ("Zolt´an", "Kov´acs": after;
    "Yrja¨na¨": before), from the accents only one neighbour could carry; None below three of them, or when fewer
    than four in five agree (a text mixing both)."""
    sides: Counter[str] = Counter()
    for m in _LOOSE.finditer(text):
        before, accent, after = m.group("before"), m.group("accent"), m.group("after")
        if accent == "ˇ" or not (before or after):
            continue  # a caron could sit on any letter
        on_before, on_after = _could_carry(before, accent), _could_carry(after, accent)
        if on_before != on_after:
            sides["before" if on_before else "after"] += 1
    total = sum(sides.values())
    if total >= _CONVENTION_MIN:
        side, n = sides.most_common(1)[0]
        if n >= 0.8 * total:
            return side
    return None


#: Accents a text must set unambiguously before its side decides the ambiguous ones.
_CONVENTION_MIN = 3


def attach_spacing_accents(text: str) -> str:
    """``text`` with each spacing accent that touches a letter it can sit on combined with it."""
    if not any(a in text for a in _COMBINING):
        return text
    if " ˇ" in text:
        text = _SPACED_CARON.sub(lambda m: m.group("letter") + "\u030c", text)
    if " " in text:
        # The accent set a space away from its letter; when both neighbours could carry it ("Buda ¨orsi") the space
        # does not tell which, and the text is left as it is.
        def join(m: re.Match) -> str:
            before, accent, after = m.group("before"), m.group("accent"), m.group("after")
            if _could_carry(before, accent) and _could_carry(after, accent):
                return m.group(0)
            return before + accent

        text = _SPACED_ACCENT.sub(join, text)
    side = _convention(text)

    def takes(letter: str, accent: str, consonants: bool = False) -> bool:
        """Whether ``letter`` takes ``accent``; an acute's consonants (ć ń ś ź) only when ``consonants``."""
        if not letter:
            return False
        if accent == "ˇ":
            return True  # č, š, ř, ž, ě
        if accent == "¸":
            return letter in _CEDILLA_LETTERS
        if accent == "´" and consonants:
            return letter in _ACUTE_CONSONANTS
        return letter in _VOWELS or (accent == "˜" and letter in "nN")

    def attach(m: re.Match) -> str:
        before, accent, after = m.group("before"), m.group("accent"), m.group("after")
        mark = _COMBINING[accent]
        tail = re.match(r"[^\W\d_]*", m.string[m.end("accent"):]).group(0)  # type: ignore[union-attr]
        if accent in "´`" and tail.lower() in _CONTRACTION:
            return m.group(0)  # "the EU´s policy", "don´t": an apostrophe typed as an accent
        if side and accent != "ˇ" and _could_carry(before, accent) and _could_carry(after, accent):
            # Both could carry it ("Gda´nsk"): the side this text sets its accents on decides.
            return (_DOTLESS.get(before, before) + mark + after if side == "before"
                    else before + _DOTLESS.get(after, after) + mark)
        if accent == "ˇ" and before and after and (
                _CARON_LETTERS.get(after, 0) > _CARON_LETTERS.get(before, 0)
                or (after.isupper() and before.islower())):  # "inˇCeské": a word glued on
            return before + _DOTLESS.get(after, after) + mark
        for consonants in (False, True):  # a vowel first; then ć ń ś ź ("Łód´z"), the letter after first
            if consonants and takes(after, accent, True):
                return before + after + mark
            if takes(before, accent, consonants):
                return _DOTLESS.get(before, before) + mark + after
            if not consonants and takes(after, accent):
                return before + _DOTLESS.get(after, after) + mark
        return m.group(0)  # "EU´s": an apostrophe typed as an accent, or an accent alone

    text = unicodedata.normalize("NFC", _LOOSE.sub(attach, text))
    return _join_spaced_both_sides(text) if " " in text else text


#: "Lo ´ pez": an accent with a space on both sides, between two letters.
_SPACED_BOTH = re.compile(r"(?P<before>[^\W\d_]+) (?P<accent>[¨´`˜˚¸]) (?P<after>[^\W\d_A-Z][^\W\d_]*)")


def _join_spaced_both_sides(text: str) -> str:
    """"Lo ´ pez" → "López" where the text prints the joined word elsewhere ("López-Morales"): spaces on both
    sides cannot tell a broken word from an accent named between two words ("press the ¨ key") by themselves,
    but the text's own words can."""
    if not _SPACED_BOTH.search(text):
        return text
    words = set(re.findall(r"[^\W\d_]+", text))

    def join(m: re.Match) -> str:
        before, accent, after = m.group("before"), m.group("accent"), m.group("after")
        mark = _COMBINING[accent]
        forms = {unicodedata.normalize("NFC", before + mark + after) if _could_carry(before[-1], accent) else "",
                 unicodedata.normalize("NFC", before + after[0] + mark + after[1:]) if _could_carry(after[0], accent)
                 else ""}
        known = [f for f in forms if f and f in words]
        return known[0] if len(known) == 1 else m.group(0)

    return _SPACED_BOTH.sub(join, text)
