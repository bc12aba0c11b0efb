"""Text normalisation with an offset map back to the original string.

Concept matching, key-phrase discovery and citation-function cues all work on
a cleaned copy of the text (straight quotes, no ligatures, line-break
hyphenation joined, single spaces) but must report offsets into the text the
caller gave; :func:`normalise` returns both.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise", "fold"]

_QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
}
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00ad": ""}
_SPACES = {"\u00a0", "\u2009", "\u202f", "\u2002", "\u2003", "\u200b"}
# "rescal-\ning" or a leftover "re- scaling": a hyphen, then whitespace that
# contains a line break or follows a lower-case letter at a line end.
_CHUNK = re.compile(
    r"(?P<join>(?<=[a-z])-[ \t]*\r?\n[ \t]*(?=[a-z]))|(?P<plain>[!-,.-~]+)"
    r"|(?P<space>\s+)|(?P<other>.)",
    re.S,
)


def normalise(text: str) -> tuple[str, list[int]]:
    """Return ``(clean, offsets)``: ``offsets[i]`` is the index in ``text`` of
    ``clean[i]`` (plus a final entry equal to ``len(text)``).

    Curly quotes become straight, ligatures and compatibility forms are
    decomposed (NFKC), soft hyphens vanish, whitespace runs become one space,
    and a hyphen at a line end between lower-case letters is dropped
    ("rescal-\\ning" → "rescaling").  Hyphens followed by a space on the same
    line ("re- scaling") are kept here; matchers allow for them.
    """
    out: list[str] = []
    offs: list[int] = []
    last_space = False
    for m in _CHUNK.finditer(text):
        chunk = m.group(0)
        i = m.start()
        if m.lastgroup == "plain":  # ASCII without spaces or hyphens: copy in bulk
            out.append(chunk)
            offs.extend(range(i, m.end()))
            last_space = False
        elif m.lastgroup == "join":
            continue
        elif m.lastgroup == "space":
            if not last_space:
                out.append(" ")
                offs.append(i)
                last_space = True
        else:
            ch = chunk
            if ch in _QUOTES:
                rep = _QUOTES[ch]
            elif ch in _DASHES:
                rep = _DASHES[ch]
            elif ch in _SPACES:
                if last_space:
                    continue
                rep = " "
            else:
                rep = unicodedata.normalize("NFKC", ch)
            if rep:
                out.append(rep)
                offs.extend([i] * len(rep))
                last_space = rep == " "
    offs.append(len(text))
    return "".join(out), offs


def fold(text: str) -> str:
    """Lower-case, normalised text for matching without offsets."""
    return normalise(text)[0].lower()
