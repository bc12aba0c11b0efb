"""How much a printed family name looks like a real one (pure).

OCR misreads names in scanned reference lists (``Mototcu`` for ``Molotch``,
``Cocksurn`` for ``Cockburn``, ``Berkow!7z`` for ``Berkowitz``).  When no
other paper of the corpus prints the name, nothing can correct it, but the
misreading can still be *recognised*: its letters are unlike those of real
surnames, or its shape is (a digit or stray mark among the letters, capitals
in the middle of a word as small capitals are misread: ``GerTLer``).

:func:`name_score` is the mean log-probability per letter of a name under a
character trigram model of real surnames (``litmap/data/surname_ngrams.json``,
trained by ``benchmarks/train_name_model.py`` on the author names of
AnyStyle's (BSD-2-Clause) and GROBID's (CC-BY 4.0) labelled references);
:func:`name_doubt` says why a name looks misread, or None.  :func:`case_fixed`
sets misread small capitals in ordinary case (``GerTLer`` → ``Gertler``,
``MacGreGor`` → ``MacGregor``) while leaving ``McDonald`` and ``DeLanda`` alone.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional
import zlib

from litmap.parse.names import PARTICLES, strip_diacritics

__all__ = ["NameModel", "load_name_model", "name_score", "name_doubt", "case_fixed", "odd_capitals",
           "junk_characters", "cleaned_name", "word_hash", "visibly_broken", "SCORE_THRESHOLD",
           "NOISY_SCORE_THRESHOLD"]

#: Names scoring below this (mean log2-probability per letter) are unlike real surnames: 0.5% of
#: held-out real surname words (``benchmarks/train_name_model.py``).
SCORE_THRESHOLD = -5.0
#: The looser threshold for names of a noisy list (:func:`name_doubt`).
NOISY_SCORE_THRESHOLD = -4.6

_BOS, _EOS = "^", "$"
_ALPHABET = 27  # a-z and the end mark
_MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "surname_ngrams.json"


@dataclass(frozen=True)
class NameModel:
    """Letter counts of real surnames: ``tri`` (three letters), ``bi`` (two), ``uni`` (one), with
    ``^`` before and ``$`` after each word; interpolation weights ``weights`` (trigram, bigram, unigram)."""

    tri: Mapping[str, int]
    bi: Mapping[str, int]
    uni: Mapping[str, int]
    weights: tuple[float, float, float] = (0.6, 0.3, 0.1)
    known: frozenset[int] = frozenset()  # 32-bit hashes of the surname words counted (:func:`word_hash`)

    def is_known(self, word: str) -> bool:
        """Whether ``word`` (lower case a-z) is one of the surname words the model was counted from."""
        return word_hash(word) in self.known

    @functools.cached_property
    def _contexts(self) -> tuple[dict[str, int], dict[str, int], int]:
        """Counts of each two-letter and one-letter context, and all letters."""
        tri_ctx: dict[str, int] = {}
        for g, n in self.tri.items():
            tri_ctx[g[:2]] = tri_ctx.get(g[:2], 0) + n
        bi_ctx: dict[str, int] = {}
        for g, n in self.bi.items():
            bi_ctx[g[:1]] = bi_ctx.get(g[:1], 0) + n
        return tri_ctx, bi_ctx, sum(self.uni.values())

    def logprob(self, context: str, letter: str) -> float:
        """log2 P(letter | the two letters before it)."""
        tri_ctx, bi_ctx, total = self._contexts
        l3, l2, l1 = self.weights
        p1 = (self.uni.get(letter, 0) + 1) / (total + _ALPHABET)
        c2 = bi_ctx.get(context[-1:], 0)
        p2 = self.bi.get(context[-1:] + letter, 0) / c2 if c2 else p1
        c3 = tri_ctx.get(context, 0)
        p3 = self.tri.get(context + letter, 0) / c3 if c3 else p2
        return math.log2(l3 * p3 + l2 * p2 + l1 * p1)

    def word_score(self, word: str) -> float:
        """Mean log2-probability per letter of one word of lower-case letters a-z (its end included)."""
        padded = _BOS + _BOS + word + _EOS
        logs = [self.logprob(padded[i - 2:i], padded[i]) for i in range(2, len(padded))]
        return sum(logs) / len(logs)

    def to_json(self) -> dict[str, object]:
        packed = b"".join(h.to_bytes(4, "big") for h in sorted(self.known))
        return {"weights": list(self.weights), "tri": dict(self.tri), "bi": dict(self.bi), "uni": dict(self.uni),
                "known": base64.b64encode(zlib.compress(packed, 9)).decode("ascii")}


def word_hash(word: str) -> int:
    """A 32-bit hash of a surname word: the model ships these, not the names."""
    return int.from_bytes(hashlib.sha1(word.encode("utf-8")).digest()[:4], "big")


@functools.lru_cache(maxsize=1)
def load_name_model(path: Optional[str] = None) -> NameModel:
    """The shipped model (or the one at ``path``)."""
    data = json.loads(Path(path or _MODEL_FILE).read_text(encoding="utf-8"))
    packed = zlib.decompress(base64.b64decode(data.get("known", "")) or zlib.compress(b""))
    known = frozenset(int.from_bytes(packed[i:i + 4], "big") for i in range(0, len(packed), 4))
    w3, w2, w1 = (float(x) for x in data["weights"])
    return NameModel(data["tri"], data["bi"], data["uni"], (w3, w2, w1), known)


_WORD = re.compile(r"[a-z]+")
_LETTERS_ONLY = re.compile(r"[^\W\d_]+(?:[-'’ ][^\W\d_]+)*", re.UNICODE)


def _words(name: str) -> list[str]:
    """The scored words of a name: lower-case, no diacritics, particles left out."""
    folded = strip_diacritics(name).casefold()
    return [w for w in _WORD.findall(folded) if w not in PARTICLES]


def name_score(name: str, model: Optional[NameModel] = None) -> Optional[float]:
    """The lowest word score of ``name`` (``"Rodríguez-Pose"``: the lower of its two words);
    None when there is nothing to score (no Latin letters, or only words of one or two letters)."""
    m = model or load_name_model()
    words = [w for w in _words(name) if len(w) >= 3]
    if not words:
        return None
    return min(m.word_score(w) for w in words)


#: A name prefix after which a capital is printed (``McDonald``, ``DeLanda``, ``O'Neill``, ``FitzGerald``).
_PREFIXES = tuple(sorted({"mc", "mac", "fitz", "o'", "o’", "d'", "d’"} | {p for p in PARTICLES if p.isalpha()},
                         key=len, reverse=True))


_LETTER_RUN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _prefix_end(word: str) -> int:
    """Where a name prefix followed by its own capital ends (``Mac|Gregor``, ``De|Landa``), else 0."""
    low = word.casefold()
    for p in _PREFIXES:
        if low.startswith(p) and len(word) > len(p) and word[len(p)].isupper():
            return len(p)
    return 0


def _odd_capitals_word(word: str) -> bool:
    """A capital right after a small letter, past any prefix, in a word of four letters or more
    that starts with a capital."""
    if len(word) < 4 or not word[0].isupper() or word.isupper():  # "CoV" is an acronym
        return False
    rest = word[_prefix_end(word):]
    return any(c.isupper() and rest[i].islower() for i, c in enumerate(rest[1:]))


def odd_capitals(name: str) -> bool:
    """Capitals inside a word where no name has them: small capitals misread (``GerTLer``,
    ``LyaL``, ``NoyeLLe``); ``McDonald``, ``DeLanda``, ``LeMoli``, ``O'Neill``, ``LANGFORD``,
    ``DCLG (Department of …)`` are not."""
    return any(_odd_capitals_word(m.group(0)) for m in _LETTER_RUN.finditer(name))


def case_fixed(name: str) -> str:
    """``name`` with misread small capitals set in ordinary case, a prefix's capital kept
    (``GerTLer`` → ``Gertler``, ``MacGreGor`` → ``MacGregor``); other names unchanged."""
    if not odd_capitals(name):
        return name

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if not _odd_capitals_word(w):
            return w
        k = _prefix_end(w)
        return w[:k] + w[k] + w[k + 1:].casefold()

    return _LETTER_RUN.sub(fix, name)


#: Marks OCR leaves inside a name: digits, brackets, bars and stray symbols.
_JUNK = re.compile(r"[0-9!|()\[\]{}<>@#$%^&*_=+/\\~§°©®?;:\"]")
#: A bracketed part an organisation's name may hold: "DCLG (Department of Communities and Local Government)".
_BRACKETED = re.compile(r"\([^()\d]*\)|\[[^\[\]\d]*\]")


def junk_characters(name: str) -> bool:
    """A digit or stray mark among the letters (``Berkow!7z``, ``Gershmel| Philip``, ``Goodchild)``);
    a trailing dot or comma is punctuation, and a closed bracket holding words is part of a name
    (``GLA (Greater London Authority)``), not junk."""
    return bool(_JUNK.search(_BRACKETED.sub(" ", name.strip().rstrip(".,;:"))))


#: A hyphen set apart or a lone small letter: "Mo -enkopr", "a Crackel" (not "Otero M", an initial).
_BROKEN = re.compile(r"\s-|-\s|(?:^|\s)[a-z](?:\s|$)")


def cleaned_name(name: str) -> Optional[str]:
    """The surname inside a name OCR broke, when there is one to read: the first word of four
    letters or more once stray characters and lone small letters are dropped (``Goodchild) Michael``
    → ``Goodchild``, ``a Crackel`` → ``Crackel``); None for a name not broken so."""
    bare = name.strip().rstrip(".,;:").strip()
    if not (junk_characters(bare) or _BROKEN.search(bare)) or re.search(r"\s-|-\s", bare):
        return None  # a hyphen set apart cuts the name itself ("Mo -enkopr")
    words = [w for w in re.split(r"[\s\d!|()\[\]{}<>@#$%^&*_=+/\\~§°©®?;:\"]+", bare) if w]
    return next((w.strip(".,") for w in words if len(w.strip(".,")) >= 4 and w[0].isupper()), None)


def name_doubt(name: str, model: Optional[NameModel] = None, *, noisy: bool = False,
               organisation: bool = False) -> Optional[str]:
    """Why ``name`` looks misread by OCR, or None when it looks like a real surname.

    Always: stray characters, a name broken apart, or letters very unlike a surname's
    (:data:`SCORE_THRESHOLD`); in a ``noisy`` list (one where OCR visibly broke many names, so
    that a misreading is likely), letters less unlike (:data:`NOISY_SCORE_THRESHOLD`).  A word
    the model was counted from is never doubted, nor are an ``organisation``'s letters."""
    bare = name.strip().rstrip(".,;:").strip()
    if not bare:
        return None
    if junk_characters(bare):
        return "stray characters"
    if _BROKEN.search(bare):
        return "broken apart"  # "Mo -enkopr", "a Crackel"
    m = model or load_name_model()
    if organisation:
        return None  # the letter model knows surnames, not "IPUMS" or "Statistics Canada"
    # An acronym in capitals ("ESRI", "IPUMS") is no surname to score.
    shown = " ".join(w for w in re.split(r"\s+", case_fixed(bare)) if not (w.isupper() and len(w) <= 5))
    words = [w for w in _words(shown) if len(w) >= 3 and not m.is_known(w)]
    threshold = NOISY_SCORE_THRESHOLD if noisy else SCORE_THRESHOLD
    if any(m.word_score(w) < threshold for w in words):
        return "unlike a surname"
    return None


def visibly_broken(name: str) -> bool:
    """Whether OCR visibly broke ``name``: stray characters, broken apart, or misread small capitals."""
    bare = name.strip().rstrip(".,;:").strip()
    return bool(bare) and (junk_characters(bare) or odd_capitals(bare) or bool(_BROKEN.search(bare)))
