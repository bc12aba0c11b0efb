"""A part-of-speech guess without a tagger (nothing is downloaded), read off how a corpus uses each word.

Labels (topics' and clusters') must be noun phrases, and offline there is no tagger, so each word's uses
are counted: a word mostly before another content word modifies it ("regulatory framework", "early
stage"); one after a modal, "we" or an auxiliary, or before an article, is a verb ("can extend", "is
known", "remain the"); a noun heads its phrase (followed by a stop word, punctuation or nothing).  Nouns
modify nouns too ("labor market"), so a phrase may end in one that often does, but not in a word that
nearly always does: an adjective.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Sequence

__all__ = ["WordUsage", "WORD_TOKEN"]


class WordUsage:
    """How each word of the texts added is used (module doc): before a content word, after a verb cue or
    before an article, after a determiner, as the capitalised tail of a name, capitalised inside a sentence."""

    def __init__(self) -> None:
        self.uses: Counter[str] = Counter()
        self.modifying: Counter[str] = Counter()
        self.verbal: dict[str, float] = defaultdict(float)
        self.determined: Counter[str] = Counter()  # uses after "the", "a", "their" ...
        self.name_tails: Counter[str] = Counter()
        self.capitalised: Counter[str] = Counter()  # uses with a capital inside a sentence

    def add(self, texts: Sequence[str], stop: frozenset[str]) -> None:
        """Count how the words of ``texts`` are used."""
        for text in texts:
            written = [m.group(0) for m in WORD_TOKEN.finditer(text)]
            toks = [w.lower().replace("’", "'") for w in written]
            for i, w in enumerate(toks):
                if i and written[i][:1].isupper() and written[i - 1][:1].isupper() and toks[i - 1] not in stop:
                    self.name_tails[w] += 1  # "Areas" of "National New Areas", "Delta" of "Pearl River Delta"
                if i and toks[i - 1] in _DETERMINERS:
                    self.determined[w] += 1
                if w in stop or not w[:1].isalpha():
                    continue
                self.uses[w] += 1
                if i and written[i][:1].isupper() and toks[i - 1] not in _SENTENCE_ENDS:
                    self.capitalised[w] += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else ""
                if nxt[:1].isalpha() and nxt not in stop and len(nxt) > 2:
                    self.modifying[w] += 1
                # after a modal or an auxiliary, or before an article ("can extend", "remain the"): a verb;
                # after "to", as likely a noun ("from source zones to target zones"): weighs _TO_WEIGHT
                if (i and toks[i - 1] in _VERB_CUES) or nxt in _ARTICLES:
                    self.verbal[w] += 1.0
                elif i and toks[i - 1] == "to":
                    self.verbal[w] += _TO_WEIGHT

    def heads(self) -> set[str]:
        """The single words that may be labels: heads, and not mostly the last word of a longer name."""
        return {w for w, n in self.uses.items() if self.is_head(w) and 2 * self.name_tails[w] < n}

    def is_head(self, word: str) -> bool:
        """Used as a noun that ends its phrase: mostly not before a content word, seldom a verb (:meth:`is_verbal`)."""
        n = self.uses[word]
        return self.modifying[word] < 0.5 * n and not self.is_verbal(word)

    def is_name(self, word: str) -> bool:
        """Written with a capital in most of its uses inside a sentence."""
        return 2 * self.capitalised[word] > self.uses[word]

    def is_verbal(self, word: str) -> bool:
        return self.verbal[word] >= 0.25 * self.uses[word] > 0

    def opens_phrase(self, phrase: str) -> bool:
        """Whether ``phrase`` opens as a noun phrase: not with a verb ("takes time"), a participle ("linked to
        displacement", "filed building permits"; "mixed income" is lost with them, "mixed-income" is one word),
        nor with a verb's -ing form ("producing graduated sovereignty") unless a determiner has been seen before
        it ("the housing market": "housing production" may)."""
        first = phrase.split(" ", 1)[0]
        if self.is_verbal(first):
            return False
        # a participle; not a compound ("state-led") nor a name ("United States")
        if first.endswith("ed") and not first.endswith("eed") and "-" not in first and not self.is_name(first):
            return False
        return not first.endswith("ing") or self.determined[first] > 0

    def phrase(self, phrase: str) -> bool:
        """Whether ``phrase`` reads as a noun phrase: it opens as one (:meth:`opens_phrase`) and ends in no verb or
        adjective ("housing policies", not "housing policies remain" or "urban and regional")."""
        return self.opens_phrase(phrase) and self.ends_phrase(phrase) and not self.is_verbal(phrase.rsplit(" ", 1)[-1])

    def ends_phrase(self, phrase: str) -> bool:
        """Whether ``phrase`` ends in no adjective ("urban and regional", "free the refereed" of "... literature").
        A noun often modifies the next one ("labor market", "dependency theory"), an adjective nearly always
        (:data:`_PHRASE_END_MODIFYING`): a phrase may end in a noun that is often a modifier ("division of labor")."""
        last = phrase.rsplit(" ", 1)[-1]
        return self.modifying[last] < _PHRASE_END_MODIFYING * self.uses[last]


#: The share of its uses before a content word above which a word cannot end a label phrase (an adjective:
#: "regional" 89% of its uses in a 157-paper folder, "ethnic" 85%, "traditional" 78%; nouns "labor" 69%,
#: "housing" 63%).
_PHRASE_END_MODIFYING = 0.75

#: Words, punctuation and numbers, in order: each word's neighbours are what the guess reads.
WORD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]|\d+")
_ARTICLES = frozenset({"the", "a", "an"})
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "("})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"})
#: Words before a verb or a participle ("can extend", "which entails", "is known", "has held"); "to" is a
#: preposition as often as not ("from source zones to target zones"): a use after it counts 0.4 ("to frame
#: state rescaling" alone makes "frame" a verb; one in two uses of "target" after it does not).
_TO_WEIGHT = 0.4
_VERB_CUES = frozenset({"can", "could", "may", "might", "will", "would", "should", "must", "we", "they", "it",
                        "not", "also", "often", "which", "who", "is", "are", "was", "were", "be", "been", "being",
                        "has", "have", "had"})
