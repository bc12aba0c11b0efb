"""Repair broken hyphenation in text exports: "gentrifica- tion", "gentri-fication".

Text exports of typeset PDFs keep the typesetter's line-break hyphens, either
with the line break turned into a space ("neighbour- hood") or glued
("gentrifi-cation").  Such fragments leak into topic keywords and concept
labels.  Real compounds ("state-led", "city-region", "low- income" broken at
its hyphen) must keep their hyphen.

The decision follows the PDF path's line-break rule
(:func:`litmap.read.layout.furniture.join_lines`: keep the hyphen when the document
writes the compound with one elsewhere, else join), made stricter with what
the whole document and a word list can tell (:func:`decide`):

* Join when the joined form is real (a whole word of the document, or in the
  word list) and either a part is no word ("gentrifica-tion", "dis- placement")
  or the document writes the joined form more often than the hyphenated one
  ("neo-liberal" -> "neoliberal" only where "neoliberal" is the majority).
* Otherwise a glued ``"wo-rd"`` is left as written ("city-region").
* A spaced ``"word- tail"`` (the line-break form) becomes a compound
  ("state- led" -> "state-led") when both parts are words and the document uses
  the compound or the joined form is no word ("low- income"); it is joined
  when the joined form is real ("work- place") or a part is a fragment
  ("neoliberal- ization", the PDF path's default), except after an unknown
  name ("Lefebvre- inspired"), which is left as written.

Words are the document's own (whole tokens, not pieces of breaks or of
lost-ligature splits) and the bundled MiniLM word list
(:func:`~litmap.read.repairs.ligatures.english_words`).  Numbers, ranges,
capitalised tails ("Anglo- American"), acronyms, lone letters ("Salv a- dor")
and suspended hyphens ("pre- and post-war") are never touched.

Measured on the 30 gentrification text exports: 1465 -> 19 broken forms,
3399 repairs, 50/50 of a random sample correct; the two seed texts: 70 -> 0,
and the 14 compounds the old line joining glued ("cityregion") kept
(benchmarks/eval_hyphenation.py).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal, Optional, Sequence

from litmap.errors import SettingsError
from litmap.read.repairs.ligatures import DocVocabulary, apply_repairs, english_words

__all__ = ["HyphenSettings", "HyphenRepair", "HyphenVocabulary", "decide", "find_hyphen_repairs",
           "repair_hyphenation"]

log = logging.getLogger(__name__)

_L = r"[^\W\d_]+"
_H = "\\-\u2010"  # hyphen-minus (escaped for classes) and the Unicode hyphen
# A letter run, a hyphen, then 1-2 spaces and a letter run (the line-break
# form, which may go on as a compound: "gov- ernment-led", or sit at the end
# of one: "socio-spa- tial") or a glued letter run.  Glued pieces of longer
# chains ("state-led-growth") and ranges ("1990-2000") are left alone; see
# :func:`_parts`.
_BROKEN = re.compile(rf"(?<!\w)({_L})([{_H}])(?:([ \t\u00a0]{{1,2}})({_L})(?!\w)|()({_L})(?![\w{_H}]))")
# Whole tokens for the document vocabulary: not glued to a hyphen on either
# side and not the tail of a "word- tail" break.
_TOKEN = re.compile(rf"(?<![\w{_H}])(?<![{_H}] )({_L})(?![\w{_H}])")
# "pre- and post-war": a suspended hyphen before a conjunction.
_SUSPENDED = frozenset("and or to nor und et".split())
# Function words that do not end compounds ("follow-up", "in-depth" do).
_NOT_TAILS = frozenset("the an of by for from with as is it its be we our if not than at this that".split())
# Word endings that the word list holds as words ("ing", "ed") but that never
# end a hyphenated compound: "green- ing" is a break, not "green-ing".
_SUFFIXES = frozenset("ing ings ed es ly ness al ally able ible ist ists er ers ment ments tion tions ity".split())

_DOMAIN = re.compile(r"\.[a-z]{2,4}/")

Decision = Literal["join", "hyphen", "keep"]


def _parts(m: re.Match[str]) -> Optional[tuple[str, str, str, str]]:
    """(first part, hyphen, gap, second part) of a :data:`_BROKEN` match, or
    None for the tail of a glued chain ("led-growth" in "state-led-growth")."""
    if m.group(3):
        return m.group(1), m.group(2), m.group(3), m.group(4)
    if m.start() and m.string[m.start() - 1] in "-\u2010":
        return None
    return m.group(1), m.group(2), "", m.group(6)


@dataclass(frozen=True)
class HyphenSettings:
    """How hyphen breaks are judged.

    ``use_wordlist``: let the English word list vouch for words.
    ``min_doc_word``: whole-token uses that make a document token a word
    (2 keeps one-off extraction debris out).  ``join_fragments``: join a
    "word- tail" break whose joined form is unknown when a part is no word
    (the PDF path's default; "neoliberal- ization").
    """

    use_wordlist: bool = True
    min_doc_word: int = 2
    join_fragments: bool = True

    def __post_init__(self) -> None:
        if self.min_doc_word < 1:
            raise SettingsError(f"min_doc_word must be at least 1, got {self.min_doc_word}; use 2 (the default)")


@dataclass(frozen=True)
class HyphenRepair:
    """One repaired break: ``before`` at ``start`` of text number ``text``."""

    text: int
    start: int
    before: str
    after: str


@dataclass(frozen=True)
class HyphenVocabulary:
    """Lower-case counts of one document: whole tokens and glued compounds."""

    tokens: Counter[str]
    #: "a-b" written glued with a hyphen (both compounds and glued breaks).
    compounds: Counter[str]
    #: Uses of a token as one side of a lost-ligature split ("gentri fication"):
    #: such fragments are not words, however often they occur.
    seam_parts: Counter[str]

    @classmethod
    def build(cls, texts: Sequence[str]) -> "HyphenVocabulary":
        tokens: Counter[str] = Counter()
        compounds: Counter[str] = Counter()
        for text in texts:
            tokens.update(m.group(1).lower() for m in _TOKEN.finditer(text))
            for m in _BROKEN.finditer(text):
                parts = _parts(m)
                if parts and not parts[2]:
                    compounds[f"{parts[0]}-{parts[3]}".lower()] += 1
        return cls(tokens, compounds, DocVocabulary.build(texts).seam_parts)

    def whole(self, word: str) -> int:
        """Uses of ``word`` (lower case) as a whole token, not as a ligature fragment."""
        return max(self.tokens[word] - self.seam_parts[word], 0)


def _in_url(text: str, start: int) -> bool:
    """The word at ``start`` is part of a URL or path ("…/the-neglected-bihari-
    community"), whose hyphens are real."""
    head = text[max(text.rfind(" ", 0, start), 0):start]
    # Not a bare slash: "land/prop- erty", "middle/high- income" are prose.
    return "://" in head or "www." in head or bool(_DOMAIN.search(head))


def decide(p: str, s: str, spaced: bool, vocab: HyphenVocabulary, words: frozenset[str],
           settings: HyphenSettings = HyphenSettings()) -> Decision:
    """What to do with ``p`` + hyphen + ``s``: "join", "hyphen" (glue as a
    compound, for the spaced form) or "keep" (leave as written)."""
    pl, sl = p.lower(), s.lower()
    # Typesetters leave at least two letters on each side of a break; a lone
    # letter is OCR debris ("Salv a- dor", "l o- cal").
    if not s.islower() or p.isupper() or len(pl) < 2 or len(sl) < 2 or len(pl + sl) < 4:
        # "Anglo- American", "EU-wide", "x-ray": names, acronyms, symbols; and
        # "cities- But" may be a dash.  No evidence to act on.
        return "keep"
    if spaced and sl in _SUSPENDED:
        return "keep"
    joined, hyph = pl + sl, f"{pl}-{sl}"
    n_joined, n_hyph = vocab.whole(joined), vocab.compounds[hyph]
    wordlist = words if settings.use_wordlist else frozenset()
    real_joined = n_joined > 0 or _listed(joined, wordlist)

    def is_word(w: str) -> bool:
        return w in wordlist or vocab.whole(w) >= settings.min_doc_word

    both_words = is_word(pl) and is_word(sl) and sl not in _SUFFIXES
    if real_joined and (not both_words or n_joined > n_hyph):
        # A fragment ("gentrifica-tion") or the document's majority form
        # ("neo-liberal" -> "neoliberal" where "neoliberal" is more common).
        return "join"
    if not spaced:
        return "keep"
    if both_words and n_hyph and n_hyph >= n_joined:
        return "hyphen"  # "state- led" where "state-led" occurs
    if real_joined:
        return "join"  # "work- place": "workplace" is a word, "work-place" unused
    if both_words:
        # "low- income": a compound broken at its own hyphen; but "lower- by"
        # is a stray dash, not a compound.
        return "keep" if sl in _NOT_TAILS else "hyphen"
    # An unknown joined form with a fragment side ("neoliberal- ization",
    # "hin- der"): a break, as the PDF path assumes.  But a word after an
    # unknown name ("Lefebvre- inspired" in a text naming him once) or a
    # function word ("dash- the") has no evidence of a break: left as written.
    name_compound = p[0].isupper() and is_word(sl) and sl not in _SUFFIXES
    return "join" if settings.join_fragments and not name_compound and sl not in _NOT_TAILS else "keep"


def _listed(word: str, wordlist: frozenset[str]) -> bool:
    """``word`` or its stem before a plural/past ending is in the word list
    (which holds "framework" and "undertake", not "frameworks", "undertakes")."""
    if word in wordlist:
        return True
    for end in ("s", "es", "d", "ed"):
        if word.endswith(end) and len(word) - len(end) >= 4 and word[:-len(end)] in wordlist:
            return True
    return False


def find_hyphen_repairs(texts: Sequence[str], settings: HyphenSettings = HyphenSettings(),
                        words: Optional[frozenset[str]] = None) -> list[HyphenRepair]:
    """All hyphen breaks to repair in the texts of one document (its blocks).

    ``words`` defaults to :func:`~litmap.read.repairs.ligatures.english_words`.
    """
    words = english_words() if words is None else words
    vocab = HyphenVocabulary.build(texts)
    out: list[HyphenRepair] = []
    for i, text in enumerate(texts):
        for m in _BROKEN.finditer(text):
            parts = _parts(m)
            if parts is None or _in_url(text, m.start()):
                continue
            p, hy, gap, s = parts
            spaced = bool(gap)
            verdict = decide(p, s, spaced, vocab, words, settings)
            if verdict == "join":
                after = p + s
            elif verdict == "hyphen" and spaced:
                after = p + hy + s
            else:
                continue
            out.append(HyphenRepair(i, m.start(), m.group(0), after))
    return out


def repair_hyphenation(texts: Sequence[str], settings: HyphenSettings = HyphenSettings(),
                       words: Optional[frozenset[str]] = None) -> tuple[list[str], list[HyphenRepair]]:
    """The texts with hyphen breaks repaired, and the repairs made."""
    repairs = find_hyphen_repairs(texts, settings, words)
    if repairs:
        log.debug("repaired %d hyphen breaks", len(repairs))
    return apply_repairs(texts, repairs), repairs
