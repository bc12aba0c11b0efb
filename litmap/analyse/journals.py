"""One spelling per journal: abbreviations and print variants merged.

A corpus names one journal several ways: "Comput., Environ. and Urban
Systems" on an old masthead beside "Computers, Environment and Urban
Systems", "Gender, Place & Culture" beside "Gender, Place and Culture",
"GEOFORUM" beside "Geoforum".  Counting them apart splits a journal's papers
in the report.  :func:`canonical_journals` maps every name to the form the
corpus prints in full, most often.  Names that differ in words (a journal
renamed, "Annals of the Association of American Geographers" → "Annals of
the American Association of Geographers") stay apart: that is history,
not spelling.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

__all__ = ["canonical_journals"]

_STOP = frozenset({"and", "of", "the", "for", "in", "on", "a"})


def _words(name: str) -> list[str]:
    name = name.replace("&", " and ")
    return [w for w in re.findall(r"[^\W_]+\.?", name.lower()) if w.rstrip(".") not in _STOP]


def _key(name: str) -> str:
    return " ".join(w.rstrip(".") for w in _words(name))


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """Each word of ``short`` is ``full``'s word or its start ("comput." of "computers")."""
    if len(short) != len(full) or short == full:
        return False
    cut = False
    for s, f in zip(short, full):
        f = f.rstrip(".")
        if s.rstrip(".") == f:
            continue
        # only a word printed with its dot is cut short: "Area" is no abbreviation of "Areas"
        if not s.endswith(".") or len(s) < 2 or not f.startswith(s[:-1]):
            return False
        cut = True
    return cut


def canonical_journals(names: Iterable[str]) -> dict[str, str]:
    """Every name in ``names`` → its journal's canonical spelling."""
    counts = Counter(n.strip() for n in names if n and n.strip())
    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(_key(name), []).append(name)

    def best(forms: list[str]) -> str:
        # the commonest; then a form not set in capitals; then the longest
        return max(forms, key=lambda f: (counts[f], not f.isupper(), len(f), f))

    spelled = {k: best(forms) for k, forms in by_key.items()}
    printed = {k: _words(spelled[k]) for k in spelled}  # with their dots
    target: dict[str, str] = {}
    for k in spelled:
        fulls = [o for o in spelled if o != k and _abbreviates(printed[k], printed[o])]
        if len(fulls) == 1:  # one journal it can stand for; two would be a guess
            target[k] = fulls[0]
    out: dict[str, str] = {}
    for k, forms in by_key.items():
        final = target.get(k, k)
        for form in forms:
            out[form] = spelled[final]
    return out
