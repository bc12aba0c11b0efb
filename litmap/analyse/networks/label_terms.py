"""The candidate terms of cluster labels, counted by citing paper (:mod:`litmap.analyse.networks.labels`
scores them).

A label is a noun phrase ("division of labor", "Yangtze River Delta") or a head noun ("assemblage").  No
tagger is at hand offline, so the part of speech is guessed from how the corpus uses each word
(:class:`litmap.analyse.speech.WordUsage`).  Phrases come from
:func:`litmap.analyse.topics.phrases.candidate_phrases`, the filter topic labels use, without the pieces
of longer names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Hashable, Mapping, Sequence

from litmap.analyse.speech import WORD_TOKEN, WordUsage

__all__ = ["ClusterCounts", "count_terms"]


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


@lru_cache(maxsize=2)  # a report labels a dozen sets of clusters of one corpus
def _usage(texts: tuple[str, ...], stop: frozenset[str]) -> WordUsage:
    heads = WordUsage()
    heads.add(texts, stop)
    return heads


#: The small words a label phrase may hold inside ("division of labor", "right to the city", "state-led
#: gentrification in Helsinki"); topic labels also allow "as", "on", "for" ... (:mod:`..topics.phrases`).
_LABEL_CONNECTORS = frozenset({"of", "and", "the", "to", "in", "between"})
_ADJECTIVE_END = re.compile(r"(?:ly|ive|ous|ical|ful|less|able|ible|[^e]ed|ing)$")


_Terms = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], tuple[tuple[str, str, int], ...]]


@lru_cache(maxsize=16384)  # about 4.5 KB a sentence (its phrases): at most ~75 MB
def _text_terms(text: str, stop: frozenset[str]) -> _Terms:
    """The candidate phrases and single words of one sentence (their uses, uses as a name's tail; the
    phrases' next words), read once: a sentence is labelled in each view and debate whose clusters it
    cites (a report labels a dozen sets of clusters).  The words' written forms are not kept:
    :meth:`ClusterCounts.display` reads them from the text."""
    from litmap.analyse.topics.phrases import candidate_phrases

    found = candidate_phrases([text], stop)
    singles, tails = _single_words(text, stop)
    return (tuple((found.counts + singles).items()), tuple((found.name_tails + tails).items()),
            tuple((p, w, n) for p, c in found.next_words.items() for w, n in c.items()))


def _single_words(text: str, stop: frozenset[str]) -> tuple[Counter[str], Counter[str]]:
    """The uses of each single word of ``text`` that may be a label (:func:`_single_candidate`), and of
    those the uses as the tail of a name ("Areas" of "National New Areas")."""
    uses: Counter[str] = Counter()
    tails: Counter[str] = Counter()
    written = [m.group(0) for m in WORD_TOKEN.finditer(text)]
    for i, tok in enumerate(written):
        w = tok.lower().replace("’", "'")
        if _single_candidate(w, stop):
            uses[w] += 1
            if i and tok[:1].isupper() and written[i - 1][:1].isupper() and written[i - 1].lower() not in stop:
                tails[w] += 1
    return uses, tails


def _single_candidate(word: str, stop: frozenset[str]) -> bool:
    return (len(word) >= 4 and word not in stop and not _ADJECTIVE_END.search(word)
            and word.replace("-", "").isalpha())


def _label_phrase(phrase: str, usage: WordUsage) -> bool:
    """A noun phrase (:meth:`WordUsage.phrase`) joined by :data:`_LABEL_CONNECTORS` only ("area as mixed
    tenure" is no label)."""
    from litmap.analyse.topics.phrases import CONNECTORS

    words = phrase.split()
    return not any(w in CONNECTORS and w not in _LABEL_CONNECTORS for w in words[1:-1]) and usage.phrase(phrase)


def count_terms(grouped: Mapping[int, Mapping[Hashable, Sequence[str]]], stop: frozenset[str],
                usage: Sequence[str] = ()) -> dict[int, ClusterCounts]:
    """Candidate terms of each cluster (``grouped``: its sentences by citing paper), counted by citing
    paper: noun phrases of 2-4 words (:func:`litmap.analyse.topics.phrases.candidate_phrases`, the filter
    topic labels use: "division of labor", "sites of accumulation") that are not mostly part of a longer one
    ("river delta" of "Yangtze River Delta"), and single words used as a phrase's head (:class:`WordUsage`:
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
                counts, tails, nexts = _text_terms(text, stop)  # phrases and single words
                seen.counts.update(dict(counts))
                seen.name_tails.update(dict(tails))
                for phrase, word, n in nexts:
                    seen.next_words[phrase][word] += n
                paper.update(dict(counts))
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
                if t in fragments or not (t in good if " " not in t else _label_phrase(t, heads)):
                    continue
                by_paper[t] += 1
                uses[t] += n
        if not by_paper:
            by_paper, uses = loose_papers, loose_uses
        out[cl] = ClusterCounts(len(groups), by_paper, uses, tuple(t for g in groups.values() for t in g))
    return out
