"""The candidate terms of cluster labels, counted by citing paper (:mod:`litmap.analyse.networks.labels`
scores them).

A label is a noun phrase ("division of labor", "Yangtze River Delta") or a head noun ("assemblage").  No
tagger is at hand offline, so the part of speech is guessed from how the corpus uses each word
(:class:`HeadCounts`): before a content word it modifies ("regulatory framework"), after "to", a modal or
an auxiliary or before an article it is a verb ("to adapt", "is known", "remain the"), and a noun ends its
phrase.  Phrases come from :func:`litmap.analyse.topics.phrases.candidate_phrases`, the filter topic labels
use, without the pieces of longer names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Mapping, Sequence

__all__ = ["ClusterCounts", "HeadCounts", "count_terms"]


@dataclass(frozen=True)
class ClusterCounts:
    """What the labellers read of one cluster: its citing papers and, per candidate term, the papers using
    it and its uses, and each word's written forms (for capitals in names: "Yangtze River Delta")."""

    papers: int
    by_paper: Counter[str]
    uses: Counter[str]
    texts: tuple[str, ...]

    def display(self, term: str) -> str:
        """``term`` as the cluster's sentences most often write it inside a sentence: "Semantic Scholar",
        "Greater Bay Area", "China", but "social mixing" (capitalised only where a sentence opens)."""
        found = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, term.split())) + r"(?![\w-])", re.I)
        forms: Counter[str] = Counter()
        first = term.split()[0]
        for text in self.texts:
            if first not in text.lower():
                continue
            for m in found.finditer(text.replace("’", "'")):
                before = text[:m.start()].rstrip()
                if before and before[-1] not in ".!?:;\"“(":
                    forms[" ".join(m.group(0).split())] += 1
        if not forms:
            return term
        best = max(sorted(forms), key=forms.__getitem__)
        return best if best != best.lower() and forms[best] * 2 > sum(forms.values()) else term


class HeadCounts:
    """Single words and how they are used, a part-of-speech guess without a tagger (nothing is downloaded):
    a word that mostly modifies the content word after it ("regulatory framework", "early stage"), or often
    follows "to" or a modal or precedes an article ("to adapt", "can extend", "remain the"), names no
    subject; a noun heads its phrase (followed by a stop word, punctuation or nothing)."""

    def __init__(self) -> None:
        self.uses: Counter[str] = Counter()
        self.modifying: Counter[str] = Counter()
        self.verbal: Counter[str] = Counter()
        self.determined: Counter[str] = Counter()  # uses after "the", "a", "their" ...
        self.name_tails: Counter[str] = Counter()

    def add(self, texts: Sequence[str], stop: frozenset[str]) -> None:
        """Count how the words of ``texts`` are used."""
        for text in texts:
            written = [m.group(0) for m in _HEAD_TOKEN.finditer(text)]
            toks = [w.lower().replace("’", "'") for w in written]
            for i, w in enumerate(toks):
                if i and written[i][:1].isupper() and written[i - 1][:1].isupper() and toks[i - 1] not in stop:
                    self.name_tails[w] += 1  # "Areas" of "National New Areas", "Delta" of "Pearl River Delta"
                if i and toks[i - 1] in _DETERMINERS:
                    self.determined[w] += 1
                if w in stop or not w[:1].isalpha():
                    continue
                self.uses[w] += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else ""
                if nxt[:1].isalpha() and nxt not in stop and len(nxt) > 2:
                    self.modifying[w] += 1
                # after "to" or a modal, or before an article ("remain the", "avoid a"): a verb
                if (i and toks[i - 1] in _VERB_CUES) or nxt in _ARTICLES:
                    self.verbal[w] += 1

    def heads(self) -> set[str]:
        """The single words that may be labels: heads, and not mostly the last word of a longer name."""
        return {w for w, n in self.uses.items() if self.is_head(w) and 2 * self.name_tails[w] < n}

    def is_head(self, word: str) -> bool:
        """Used as a noun that ends its phrase: mostly not before a content word, rarely after "to" or a modal."""
        n = self.uses[word]
        return self.modifying[word] < 0.5 * n and not self.is_verbal(word)

    def is_verbal(self, word: str) -> bool:
        return self.verbal[word] >= 0.25 * self.uses[word] > 0

    def phrase(self, phrase: str) -> bool:
        """Whether ``phrase`` reads as a noun phrase: it ends in no verb or adjective ("housing policies", not
        "housing policies remain" or "urban and regional"), opens with no verb ("avoid class dispositions") or participle ("linked to
        displacement"), nor with a verb's -ing form ("producing graduated sovereignty") unless a determiner
        has been seen before it ("the housing market": "housing production" may), and joins its words with
        :data:`_LABEL_CONNECTORS` only ("area as mixed tenure" is no label)."""
        words = phrase.split()
        first, last = words[0], words[-1]
        if any(w in _JOINERS and w not in _LABEL_CONNECTORS for w in words[1:-1]):
            return False
        if (first.endswith("ed") and not first.endswith("eed")) or self.is_verbal(first):
            return False
        if first.endswith("ing") and not self.determined[first]:
            return False
        # a noun often modifies the next one ("labor market", "dependency theory"), an adjective nearly always
        # ("regional" 89% of its uses, "ethnic" 85%, "traditional" 78%; "labor" 69%, "housing" 63%): a phrase
        # may end in a noun that is often a modifier ("division of labor", "path dependency")
        return not self.is_verbal(last) and self.modifying[last] < _PHRASE_END_MODIFYING * self.uses[last]


#: The share of its uses before a content word above which a word cannot end a label phrase (an adjective).
_PHRASE_END_MODIFYING = 0.75


@lru_cache(maxsize=2)  # a report labels a dozen sets of clusters of one corpus
def _usage(texts: tuple[str, ...], stop: frozenset[str]) -> HeadCounts:
    heads = HeadCounts()
    heads.add(texts, stop)
    return heads


_HEAD_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]|\d+")
#: The small words a label phrase may hold inside ("division of labor", "right to the city", "state-led
#: gentrification in Helsinki"); topic labels also allow "as", "on", "for" ... (:mod:`..topics.phrases`).
_LABEL_CONNECTORS = frozenset({"of", "and", "the", "to", "in", "between"})
_JOINERS = frozenset({"of", "in", "and", "for", "on", "to", "the", "from", "between", "with", "as", "at"})
_ARTICLES = frozenset({"the", "a", "an"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her"})
#: Words before a verb or a participle ("to adapt", "can extend", "which entails", "is known", "has held").
_VERB_CUES = frozenset({"to", "can", "could", "may", "might", "will", "would", "should", "must", "we", "they", "it",
                        "not", "also", "often", "which", "who", "is", "are", "was", "were", "be", "been", "being",
                        "has", "have", "had"})
_ADJECTIVE_END = re.compile(r"(?:ly|ive|ous|ical|ful|less|able|ible|[^e]ed|ing)$")


_Terms = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], tuple[tuple[str, str, int], ...],
               tuple[tuple[str, int], ...]]


@lru_cache(maxsize=16384)  # about 4.5 KB a sentence (its phrases): at most ~75 MB
def _text_terms(text: str, stop: frozenset[str]) -> _Terms:
    """The candidate phrases (their uses, uses as a name's tail, next words) and single words of one
    sentence, read once: a sentence is labelled in each view and debate whose clusters it cites (a report
    labels a dozen sets of clusters).  The words' written forms are not kept: :meth:`ClusterCounts.display`
    reads them from the text."""
    from litmap.analyse.topics.phrases import candidate_phrases

    found = candidate_phrases([text], stop)
    return (tuple(found.counts.items()), tuple(found.name_tails.items()),
            tuple((p, w, n) for p, c in found.next_words.items() for w, n in c.items()),
            tuple(_single_words([text], stop).items()))


def _single_words(texts: Sequence[str], stop: frozenset[str]) -> Counter[str]:
    """The uses of each single word of ``texts`` that may be a label (:func:`_single_candidate`)."""
    return Counter(w for text in texts for m in _HEAD_TOKEN.finditer(text)
                   if _single_candidate(w := m.group(0).lower().replace("’", "'"), stop))


def _single_candidate(word: str, stop: frozenset[str]) -> bool:
    return (len(word) >= 4 and word not in stop and not _ADJECTIVE_END.search(word)
            and word.replace("-", "").isalpha())


def count_terms(grouped: Mapping[int, Mapping[Hashable, Sequence[str]]], stop: frozenset[str],
                usage: Sequence[str] = ()) -> dict[int, ClusterCounts]:
    """Candidate terms of each cluster (``grouped``: its sentences by citing paper), counted by citing
    paper: noun phrases of 2-4 words (:func:`litmap.analyse.topics.phrases.candidate_phrases`, the filter
    topic labels use: "division of labor", "sites of accumulation") that are not mostly part of a longer one
    ("river delta" of "Yangtze River Delta"), and single words used as a phrase's head (:class:`HeadCounts`:
    "assemblage", "scale"; not "regulatory" or "early", which modify the word after them), the parts of
    speech guessed from the clusters' sentences and ``usage``."""
    from litmap.analyse.topics.phrases import PhraseCounts

    # How each word is used is read in every cluster's sentences and ``usage`` (the corpus's citing
    # sentences), each once: one cluster has too few ("highlights" is a verb 5 times in 12 in a corpus).
    own = (t for groups in grouped.values() for g in groups.values() for t in g)
    heads = _usage(tuple(dict.fromkeys([*usage, *own])), stop)
    good = heads.heads()
    out: dict[int, ClusterCounts] = {}
    for cl, groups in grouped.items():
        seen = PhraseCounts(Counter(), {}, Counter(), defaultdict(Counter))
        per_paper: list[Counter[str]] = []
        for key in sorted(groups, key=repr):
            paper: Counter[str] = Counter()
            for text in groups[key]:
                counts, tails, nexts, singles = _text_terms(text, stop)
                seen.counts.update(dict(counts))
                seen.name_tails.update(dict(tails))
                for phrase, word, n in nexts:
                    seen.next_words[phrase][word] += n
                paper.update(dict(counts))
                paper.update(dict(singles))
            per_paper.append(paper)
        fragments = seen.fragments()
        by_paper: Counter[str] = Counter()
        uses: Counter[str] = Counter()
        loose_papers: Counter[str] = Counter()
        loose_uses: Counter[str] = Counter()
        for c in per_paper:
            for t, n in c.items():
                if " " not in t:  # any word, for text with no phrases at all (keyword lists, titles)
                    loose_papers[t] += 1
                    loose_uses[t] += n
                if t in fragments or not (t in good if " " not in t else heads.phrase(t)):
                    continue
                by_paper[t] += 1
                uses[t] += n
        if not by_paper:
            by_paper, uses = loose_papers, loose_uses
        out[cl] = ClusterCounts(len(groups), by_paper, uses, tuple(t for g in groups.values() for t in g))
    return out
