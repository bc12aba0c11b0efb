"""Key-phrase discovery: candidate concepts the lexicon lacks.

Noun-phrase-like candidates are found without a tagger: runs of content words
between stopwords, punctuation and numbers, of which the n-grams that do not
start or end on an adverb or a connective are kept.  Candidates are ranked by
C-value (Frantzi, Ananiadou & Mima 2000), which rewards frequent multi-word
terms and discounts phrases that mostly occur nested inside longer ones.
Phrases a lexicon concept already covers are left out, so the output is a list
of suggestions for growing the lexicon with the corpus.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional, Sequence

from litmap.analyse.concepts import Lexicon, canonical_token, match_concepts
from litmap.analyse.textnorm import normalise
from litmap.errors import InputError

__all__ = ["Candidate", "KeyphraseSettings", "discover_keyphrases", "STOPWORDS"]

STOPWORDS = frozenset(
    """a about above across after again against all almost along already also although always am among an and another
    any are around as at be became because become becomes been before being below between both but by can cannot could
    did do does doing done down during each either else enough especially et etc even ever every for from further
    had has have having he her here hers him his how however i if in into is it its itself just least less like
    made make makes many may me might more most much must my near neither no nor not now of off often on once one only
    or other others our ours out over own per perhaps rather same several shall she should since so some such than
    that the their theirs them themselves then there therefore these they this those though through thus to too
    toward towards under until up upon us very via was we were what whatever when where whereas whether which while
    who whom whose why will with within without would yet you your al ie eg cf pp vol fig figure table tables see
    also new two three first second third paper article study studies research chapter section analysis case cases
    example instance way ways part parts terms term number kind kinds role roles form forms type types level levels
    various different particular certain specific important key main major given based well able using used use
    uses within without among thereby hence still yet moreover furthermore nevertheless instead according regard
    respect order whereby thereof therein towards often always usually mainly mostly largely highly rather quite
    recent recently previous previously current currently existing early late later latter former further""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+|[^\sA-Za-z\d]")
_ADVERB = re.compile(r"ly$")


@dataclass(frozen=True)
class KeyphraseSettings:
    """``min_n``/``max_n``: phrase length in words; ``min_freq``: fewest
    occurrences; ``min_docs``: fewest texts a phrase must occur in."""

    min_n: int = 2
    max_n: int = 4
    min_freq: int = 2
    min_docs: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.min_n <= self.max_n <= 8:
            raise InputError("keyphrase settings: need 1 <= min_n <= max_n <= 8 (words per phrase).")
        if self.min_freq < 1 or self.min_docs < 1:
            raise InputError("keyphrase settings: min_freq and min_docs must be at least 1.")


@dataclass(frozen=True)
class Candidate:
    """A suggested concept: its commonest surface ``phrase``, ``c_value``,
    total frequency ``freq`` and number of texts ``docs`` it occurs in."""

    phrase: str
    c_value: float
    freq: int
    docs: int


def _runs(text: str) -> list[list[str]]:
    """Runs of lower-cased content words between stopwords and punctuation."""
    clean = normalise(text)[0]
    runs: list[list[str]] = []
    cur: list[str] = []
    for m in _TOKEN.finditer(clean):
        tok = m.group(0)
        low = tok.lower().strip("-'")
        if not low or not low[0].isalpha() or low in STOPWORDS or len(low) < 3:
            if cur:
                runs.append(cur)
            cur = []
        else:
            cur.append(low)
    if cur:
        runs.append(cur)
    return runs


def _ok(gram: Sequence[str]) -> bool:
    # An adverb at either edge rarely belongs to a term ("increasingly"); -ing
    # forms do ("rescaling", "zoning"), so they stay.
    return not (_ADVERB.search(gram[0]) or _ADVERB.search(gram[-1]))


def discover_keyphrases(
    texts: Sequence[str],
    lexicon: Optional[Lexicon] = None,
    top: int = 50,
    settings: Optional[KeyphraseSettings] = None,
) -> list[Candidate]:
    """Rank candidate terms in ``texts`` by C-value, best first, leaving out
    those a ``lexicon`` concept already covers entirely."""
    cfg = settings or KeyphraseSettings()
    freq: Counter[tuple[str, ...]] = Counter()
    docs: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
    surface: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for d, text in enumerate(texts):
        for run in _runs(text):
            for n in range(cfg.min_n, cfg.max_n + 1):
                for i in range(len(run) - n + 1):
                    gram = run[i : i + n]
                    if not _ok(gram):
                        continue
                    key = tuple(canonical_token(t) for t in gram)
                    freq[key] += 1
                    docs[key].add(d)
                    surface[key][" ".join(gram)] += 1
    keep = {k for k, f in freq.items() if f >= cfg.min_freq and len(docs[k]) >= cfg.min_docs}
    # Longer candidates that contain each candidate (the nesting set T_a).
    nested_in: defaultdict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for k in keep:
        for n in range(1, len(k)):
            for i in range(len(k) - n + 1):
                sub = k[i : i + n]
                if sub in keep:
                    nested_in[sub].append(k)
    scored = []
    for k in keep:
        longer = nested_in.get(k, [])
        f = freq[k] - (sum(freq[b] for b in longer) / len(longer) if longer else 0.0)
        # log2(1) = 0 would erase single words (min_n == 1); weight them as
        # log2(2) = 1, the common extension of C-value to unigrams.
        weight = math.log2(len(k)) if len(k) > 1 else 1.0
        c_value = weight * f
        if c_value <= 0:
            continue
        phrase = surface[k].most_common(1)[0][0]
        scored.append((c_value, freq[k], phrase, k))
    scored.sort(key=lambda x: (-x[0], -x[1], x[2]))
    out: list[Candidate] = []
    for c_value, f, phrase, k in scored:
        if lexicon is not None and _covered(phrase, lexicon):
            continue
        out.append(Candidate(phrase, round(c_value, 3), f, len(docs[k])))
        if len(out) >= top:
            break
    return out


def _covered(phrase: str, lexicon: Lexicon) -> bool:
    hits = match_concepts(phrase, lexicon)
    return any(h.start == 0 and h.end == len(phrase) for h in hits)
