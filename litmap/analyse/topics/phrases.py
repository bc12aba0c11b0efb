"""Phrase labels for topics: 2–4 word noun phrases a scholar can read.

No tagger (the machine is offline and nothing is downloaded): candidate
n-grams are cut from a topic's passages at punctuation and filtered by a
part-of-speech-like rule — no filler or stop word at either end, no adverb
("-ly") and no adjective-like ending ("-ive", "-ous", "-ical", "-ed") at the
end, at most two small connecting words inside ("right to the city",
"state-led gentrification in Helsinki"), and at least one of the topic's
keywords.  Each candidate scores on how often it occurs in the topic, how
much of its use falls in this topic, how widely it is used across the
topic's papers, and (KeyBERT-style) how close its embedding lies to the
topic centroid; maximal marginal relevance then keeps labels of different
topics apart.  Acronyms show their spelled-out form.

A label speaks for the topic's papers, not for the one that repeats a phrase
most: frequency is counted as Σ log(1 + uses in each paper), the score is
weighted by the share of the topic's passages whose paper uses the phrase
and by the share of the phrase's words that are among the topic's keywords
("state rescaling" over "management committee" for a topic whose keywords
are state, rescaling, management…), and where the topic draws on two or more
papers (each with ≥ 10% of its passages), only phrases used in at least two
papers qualify (when any does).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

from litmap.analyse.speech import WordUsage
from litmap.analyse.topics.languages import foreign_stop_words, passage_language
from litmap.analyse.topics.words import FILLER_WORDS, base_stop_words, normalise

if TYPE_CHECKING:
    import numpy as np

    from litmap.analyse.topics.embed import Embedder

__all__ = ["phrase_labels", "candidate_phrases", "is_label_phrase", "PhraseCounts", "CONNECTORS"]

#: The small words a label phrase may hold inside ("right to the city").
CONNECTORS = frozenset({"of", "in", "and", "for", "on", "to", "the", "from", "between", "with", "as", "at"})
# "-eed" ends a participle too ("free the refereed", "agreed"), but not "need", "speed" or "greed"
_BAD_END = re.compile(r"(?:ly|ive|ous|ical|ful|less|[^e]ed|\w{3}eed)$")
_TOKEN = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*|[.,;:!?()\[\]\"“”]|\d+")
_PER_TOPIC = 300  # passages read per topic (the most central)
_USAGE_PER_TOPIC = 100  # of which read for each word's part of speech (litmap.analyse.speech)
_MMR_LAMBDA = 0.7


def is_label_phrase(tokens: Sequence[str], stop: frozenset[str]) -> bool:
    """The part-of-speech-like filter (module doc) on lower-case ``tokens``."""
    if not 2 <= len(tokens) <= 4:
        return False
    first, last = tokens[0], tokens[-1]
    if first in stop or last in stop or first in CONNECTORS or last in CONNECTORS:
        return False
    if any(t in FILLER_WORDS for t in tokens) or _BAD_END.search(last) or first.endswith("ly"):
        return False
    if last.endswith("'s") or len({t[:5] for t in tokens}) < len(tokens):  # "own's", "change in changes"
        return False
    inner = [t for t in tokens[1:-1] if t in stop]
    if any(t not in CONNECTORS for t in inner) or len(inner) > 2:
        return False
    return len(set(tokens)) == len(tokens)


@dataclass
class PhraseCounts:
    """What :func:`candidate_phrases` counts in a set of passages."""

    counts: Counter[str]  # uses of each label-like 2–4 word phrase
    forms: dict[str, Counter[str]]  # each (lower-case) word's written forms
    name_tails: Counter[str]  # uses as the tail of a longer name
    next_words: dict[str, Counter[str]]  # the content word right after each use (plural folded), if any

    def add(self, other: "PhraseCounts") -> None:
        """Count ``other``'s uses, tails and next words in too (its forms are the caller's to merge)."""
        self.counts.update(other.counts)
        self.name_tails.update(other.name_tails)
        for phrase, nxt in other.next_words.items():
            self.next_words.setdefault(phrase, Counter()).update(nxt)

    def fragments(self) -> set[str]:
        """Phrases that are mostly part of a longer one, so name nothing alone: the tail of a name in half
        their uses or more, or followed by one and the same content word in :data:`_BOUND_SHARE` of them
        ("clinical psychiatric" + "syndromes", "geographic information" + "systems", "differential cross"
        + "section").  The longer phrase stays a candidate where it is one."""
        out = {p for p, n in self.name_tails.items() if 2 * n >= self.counts[p]}
        for p, nxt in self.next_words.items():
            top = max(nxt.values())
            if top >= 2 and top >= _BOUND_SHARE * self.counts[p]:
                out.add(p)
        return out


#: The share of a phrase's uses followed by one same content word that makes it a fragment of the longer
#: phrase ("areal interpolation" + "methods" is 23% of its uses; "land cover" + "data" 38%).
_BOUND_SHARE = 0.6


def _fold(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def candidate_phrases(texts: Sequence[str], stop: frozenset[str]) -> PhraseCounts:
    """Label-like 2–4 word phrases in ``texts`` with their uses, written forms and contexts.

    A name tail is a capitalised phrase whose word before is capitalised too and no stop word: "River
    Delta" in "Yangtze River Delta" and "Pearl River Delta", "Bay Area" in "Greater Bay Area".  Cut from
    its name it names nothing (:meth:`PhraseCounts.fragments`)."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    tails: Counter[str] = Counter()
    nexts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        seg: list[str] = []
        caps: list[bool] = []  # each word of seg written with a capital
        ended: list[str] = []  # phrases ending at the word before
        langs = passage_language(text)  # a passage in German or Spanish: its own stop words too
        text_stop = stop | foreign_stop_words(langs) if langs else stop
        for m in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
            tok = m.group(0)
            if not tok[0].isalpha():
                seg = []
                caps = []
                ended = []
                continue
            low = normalise(tok)
            if ended and low not in text_stop and low not in CONNECTORS:
                word = _fold(low)
                for phrase in ended:
                    nexts[phrase][word] += 1
            ended = []
            forms[low][tok] += 1
            seg.append(low)
            caps.append(tok[0].isupper())
            for n in (2, 3, 4):
                if len(seg) >= n and is_label_phrase(seg[-n:], text_stop):
                    phrase = " ".join(seg[-n:])
                    counts[phrase] += 1
                    ended.append(phrase)
                    if (len(seg) > n and caps[-n - 1] and seg[-n - 1] not in text_stop
                            and all(c for c, w in zip(caps[-n:], seg[-n:]) if w not in CONNECTORS)):
                        tails[phrase] += 1
    return PhraseCounts(counts, forms, tails, nexts)


def _display(phrase: str, forms: Mapping[str, Counter[str]], acronyms: Mapping[str, str]) -> str:
    out = []
    for w in phrase.split():
        if w in acronyms:
            out.append(f"{w.upper()} ({acronyms[w]})")
            continue
        seen = forms.get(w)
        form = seen.most_common(1)[0][0] if seen else w
        # Capitals only where the word is a name (capitalised mid-sentence too), not a sentence start.
        out.append(form if form.isupper() or (form[:1].isupper() and seen and seen[w] * 2 < seen[form]) else w)
    return " ".join(out)


#: The share of a corpus-wide word's uses (in all topics' central passages) a topic must hold to own it.
_OWN_SHARE = 0.85


def _owned_words(wide: frozenset[str], forms: Mapping[int, Mapping[str, Counter[str]]], sizes: Mapping[int, int],
                 keywords: Mapping[int, Sequence[tuple[str, float]]],
                 top_paper: Mapping[int, Counter[str]]) -> dict[int, dict[str, float]]:
    """Per topic, the corpus-wide words it holds at least :data:`_OWN_SHARE` of the uses of (counted in each
    topic's central passages, scaled to its size), with that share; only words its passages use at least half
    as often as its top keyword's words (a word that would have been a top keyword, not a passing one), and
    no more than half of them in one paper ("City of Helsinki" in a paper on Helsinki is no theme)."""
    uses: dict[int, dict[str, float]] = {}
    top: dict[int, int] = {}
    for t, f in forms.items():
        read = min(sizes[t], _PER_TOPIC)  # the central passages the forms were counted on
        uses[t] = {w: sum(f[w].values()) * sizes[t] / read for w in wide if w in f}
        top[t] = max((sum(f[w].values()) for k, _ in list(keywords.get(t, ()))[:3] for w in k.split() if w in f),
                     default=0)
    total: Counter[str] = Counter()
    for u in uses.values():
        total.update(u)
    return {t: {w: n / total[w] for w, n in u.items()
                if n >= _OWN_SHARE * total[w] and (m := sum(forms[t][w].values())) >= 0.5 * top[t]
                and top_paper[t][w] <= 0.5 * m}
            for t, u in uses.items()}


def phrase_labels(
    texts: Sequence[str], topics: Sequence[int], embeddings: "np.ndarray",
    keywords: Mapping[int, Sequence[tuple[str, float]]], embedder: Optional["Embedder"], *,
    extra_stop_words: Sequence[str] = (), acronyms: Optional[Mapping[str, str]] = None,
    undefined_acronyms: Sequence[str] = (), papers: Optional[Sequence[int]] = None,
    corpus_terms: Sequence[str] = (),
) -> dict[int, str]:
    """A 2–4 word label for each topic (its top keywords when no phrase qualifies).

    ``papers``: each passage's paper (one paper per passage when absent), for the spread (module doc).
    ``corpus_terms``: words left out of the keywords as corpus-wide (in over half the papers).  A phrase
    made of them may still label the topic that holds most of its uses: in a folder that is half
    areal-interpolation papers, "areal interpolation" names that half's topic, though no keyword holds it.
    """
    import numpy as np

    acronyms = acronyms or {}
    stop = base_stop_words(extra_stop_words) | frozenset(undefined_acronyms)
    arr = np.asarray(topics)
    ids = sorted(set(int(t) for t in topics) - {-1})
    paper_of = list(papers) if papers is not None else list(range(len(texts)))
    per_topic: dict[int, Counter[str]] = {}
    spread: dict[int, dict[str, tuple[float, float, int]]] = {}  # phrase -> (Σ√uses, passage share, papers)
    forms: dict[int, dict[str, Counter[str]]] = {}
    centroids: dict[int, np.ndarray] = {}
    multi: dict[int, bool] = {}
    fragments: dict[int, set[str]] = {}  # phrases mostly part of a longer one (PhraseCounts.fragments)
    wide = frozenset(corpus_terms)
    top_paper: dict[int, Counter[str]] = defaultdict(Counter)  # a corpus-wide word's uses in its top paper
    usage = WordUsage()  # how the central passages use each word: no label opens with a verb ("takes time")
    for t in ids:
        idx = np.flatnonzero(arr == t)
        c = embeddings[idx].mean(axis=0)
        c = c / (np.linalg.norm(c) or 1.0)
        centroids[t] = c
        near = idx[np.argsort(-(embeddings[idx] @ c), kind="stable")[:_PER_TOPIC]]
        scale = len(idx) / len(near)
        by_paper: dict[int, list[int]] = defaultdict(list)
        for i in near:
            by_paper[paper_of[int(i)]].append(int(i))
        usage.add([texts[int(i)] for i in near[:_USAGE_PER_TOPIC]], stop)
        forms[t] = defaultdict(Counter)
        uses: dict[str, list[tuple[int, int]]] = defaultdict(list)  # phrase -> (count, passages of that paper)
        seen = PhraseCounts(Counter(), {}, Counter(), defaultdict(Counter))  # summed over the papers
        for paper in sorted(by_paper):
            found = candidate_phrases([texts[i] for i in by_paper[paper]], stop)
            got, got_forms = found.counts, found.forms
            seen.add(found)
            for w, f in got_forms.items():
                forms[t][w].update(f)
                if w in wide:
                    top_paper[t][w] = max(top_paper[t][w], sum(f.values()))
            for ph, n in got.items():
                uses[ph].append((n, len(by_paper[paper])))
        per_topic[t] = Counter({p: n * scale for p, n in seen.counts.items()})
        fragments[t] = seen.fragments()
        spread[t] = {ph: (sum(math.log1p(n) for n, _ in u) * scale, sum(m for _, m in u) / len(near), len(u))
                     for ph, u in uses.items()}
        multi[t] = sum(len(v) >= 0.1 * len(near) for v in by_paper.values()) >= 2
    total: Counter[str] = Counter()
    for c in per_topic.values():
        total.update(c)
    owned = _owned_words(wide, forms, {t: len(np.flatnonzero(arr == t)) for t in ids}, keywords, top_paper)
    scored: dict[int, list[tuple[float, str]]] = {}
    for t in ids:
        kw_tokens = {part for w, _ in list(keywords.get(t, ()))[:10] for part in w.split()}
        # each keyword word weighs as its c-TF-IDF score against the top keyword's: a phrase holding the
        # topic's defining word ("gentrification") outranks one made of two lesser keywords ("public and private")
        kw_top = max((float(sc) for _, sc in list(keywords.get(t, ()))[:10]), default=0.0) or 1.0
        kw_weight: dict[str, float] = {}
        for w, sc in list(keywords.get(t, ()))[:10]:
            for part in w.split():
                kw_weight[part] = max(kw_weight.get(part, 0.0), float(sc) / kw_top)
        min_n = 3 if sum(arr == t) >= 60 else 2
        cands = [(p, n) for p, n in per_topic[t].items()
                 if n >= min_n and p not in fragments[t] and set(p.split()) & (kw_tokens | set(owned[t]))
                 and sum(w in acronyms for w in p.split()) <= 1 and usage.opens_phrase(p)]
        if multi[t] and any(spread[t][p][2] >= 2 for p, _ in cands):
            cands = [(p, n) for p, n in cands if spread[t][p][2] >= 2]
        cands.sort(key=lambda x: (-spread[t][x[0]][0], x[0]))
        cands = cands[:40]
        if not cands:
            scored[t] = []
            continue
        top = max(spread[t][p][0] for p, _ in cands)
        rel = []
        for p, n in cands:
            share = n / total[p]
            freq, covered, _ = spread[t][p]
            content = [w for w in p.split() if w not in CONNECTORS]
            on_topic = sum(max(kw_weight.get(w, 0.0), owned[t].get(w, 0.0)) for w in content) / len(content)
            rel.append(math.log1p(freq) / math.log1p(top) * math.sqrt(share) * math.sqrt(covered)
                       * (0.5 + 0.5 * on_topic) * (1.0 + 0.1 * (len(p.split()) - 2)))
        scored[t] = sorted(zip(rel, (p for p, _ in cands)), reverse=True)
    # KeyBERT-style closeness to the centroid, then MMR across topics (largest first).
    phr = sorted({p for lst in scored.values() for _, p in lst})
    vec: dict[str, np.ndarray] = {}
    if embedder is not None and phr:
        e = embedder.encode(phr)
        vec = {p: e[i] for i, p in enumerate(phr)}
    labels: dict[int, str] = {}
    chosen: list[np.ndarray] = []
    chosen_text: list[set[str]] = []
    sizes = {t: int(np.sum(arr == t)) for t in ids}
    for t in sorted(ids, key=lambda t: (-sizes[t], t)):
        best: Optional[tuple[float, str]] = None
        for r, p in scored[t]:
            sim = float(vec[p] @ centroids[t]) if p in vec else 0.0
            closeness = r * (0.5 + 0.5 * max(sim, 0.0))
            red_e = max((float(vec[p] @ v) for v in chosen), default=0.0) if p in vec else 0.0
            red_w = max((len(set(p.split()) & s) / len(set(p.split())) for s in chosen_text), default=0.0)
            score = _MMR_LAMBDA * closeness - (1 - _MMR_LAMBDA) * max(red_e, red_w)
            if red_w >= 1.0:
                continue  # the same words label a larger topic already
            if best is None or score > best[0]:
                best = (score, p)
        if best is None:
            words = [w for w, _ in list(keywords.get(t, ()))[:3]
                     if not set(w.split()) & FILLER_WORDS]
            labels[t] = ", ".join(_display(w, forms.get(t, {}), acronyms) for w in words) or f"topic {t}"
            continue
        labels[t] = _display(best[1], forms[t], acronyms)
        if best[1] in vec:
            chosen.append(vec[best[1]])
        chosen_text.append(set(best[1].split()))
    return labels
