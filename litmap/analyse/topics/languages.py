"""Which language a passage is written in, and the stop words to leave out of it.

Scholars' folders are not all English: an SSOAR paper in German, a nursing
paper with its Portuguese and Spanish abstracts.  English stop words leave
such passages' function words in the counts, so a topic of Spanish passages
was described as "la, que, las, da, en" and labelled "se trata".  A
language's stop words cannot simply be added for every passage: German's
include "war", "die" and "will", Danish's "man", Italian's "con", all of
them English words that may carry a topic.

So each passage is judged alone: the share of its words that are stop words
of each language (words of English's lists not counted for the others).  A
passage whose best language is not English, with at least
:data:`MIN_SHARE` of its words in that language's list, loses the stop words
of that language and of the languages scoring near it (Spanish, Portuguese
and Catalan share many).  English passages are left as they were.

The lists are those of the ``stop-words`` package (BSD-3-Clause, 33
languages), read offline from the installed package; without it no passage
is judged.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from typing import Mapping

__all__ = ["passage_language", "foreign_stop_words", "without_foreign_stop_words", "MIN_SHARE"]

log = logging.getLogger(__name__)

#: Least share of a passage's words in its language's whole list for the passage to be in that language
#: (English prose has 0.4-0.5 of its words in the English lists).
MIN_SHARE = 0.2
#: Least share of a passage's words that are stop words of its language alone (in no English list).
_MIN_OWN = 0.05
#: Languages scoring at least this share of the best one's score lose their stop words too.
_NEAR = 0.6
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@functools.lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], Mapping[str, frozenset[str]], Mapping[str, frozenset[str]]]:
    """(English stop words, each other language's stop words, each word's languages), lower case."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    english = set(ENGLISH_STOP_WORDS)
    try:
        from stop_words import AVAILABLE_LANGUAGES, get_stop_words
    except ImportError:  # the package is a dependency; a broken install only loses this refinement
        log.info("stop-words is not installed: passages in other languages keep their stop words")
        return frozenset(english), {}, {}
    lists: dict[str, frozenset[str]] = {}
    for lang in sorted(set(AVAILABLE_LANGUAGES)):
        try:
            words = frozenset(w.strip().lower() for w in get_stop_words(lang) if w.strip())
        except Exception as exc:  # an unreadable list: skip that language
            log.debug("stop words of %s not read: %s", lang, exc)
            continue
        if lang == "english":
            english |= words
        else:
            lists[lang] = words
    index: dict[str, set[str]] = {}
    for lang, words in lists.items():
        for w in words - english:
            index.setdefault(w, set()).add(lang)
    return frozenset(english), lists, {w: frozenset(ls) for w, ls in index.items()}


def passage_language(text: str) -> tuple[str, ...]:
    """The languages whose stop words ``text`` is written in, best first; ``()`` for English
    (or too short to tell: under 20 words).

    The candidate is the language with most words of its own (in no English list); the passage is in
    it when at least :data:`MIN_SHARE` of its words are in that language's whole list and more of them
    than are English stop words outside that list (Spanish and English share "a", "de", "no")."""
    english, lists, index = _lists()
    if not index:
        return ()
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 20:
        return ()
    votes: Counter[str] = Counter()
    for w in words:
        langs = index.get(w)
        if langs:
            votes.update(langs)
    if not votes:
        return ()
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    best, top = ranked[0]
    own = lists[best]
    in_own = sum(1 for w in words if w in own)
    english_only = sum(1 for w in words if w in english and w not in own)
    if top < _MIN_OWN * len(words) or in_own < MIN_SHARE * len(words) or in_own <= english_only:
        return ()
    return tuple(lang for lang, n in ranked if n >= _NEAR * top)


def foreign_stop_words(languages: tuple[str, ...]) -> frozenset[str]:
    """The stop words of ``languages`` (from :func:`passage_language`)."""
    return _union(languages)


@functools.lru_cache(maxsize=64)
def _union(languages: tuple[str, ...]) -> frozenset[str]:
    lists = _lists()[1]
    out: set[str] = set()
    for lang in languages:
        out |= lists.get(lang, frozenset())
    return frozenset(out)


def without_foreign_stop_words(text: str) -> str:
    """``text`` with the stop words of its language left out when it is not English (unchanged otherwise).
    Bigrams then span the gap, as they do over English stop words in scikit-learn's vectoriser."""
    langs = passage_language(text)
    if not langs:
        return text
    stop = foreign_stop_words(langs)
    return _WORD.sub(lambda m: " " if m.group(0).lower() in stop else m.group(0), text)
