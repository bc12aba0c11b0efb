"""Anchor works of a debate, how each is cited (function counts), and
representative quotes.  Used by :mod:`litmap.analyse.debates.maps`."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Sequence

from litmap.analyse.debates.records import AnchorWork, DebateInputs, FunctionCounts, Quote

__all__ = ["function_counts", "anchor_scores", "specificity", "anchors", "quotes"]


def _by_work(inputs: DebateInputs, idxs: Sequence[int]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i in idxs:
        for w in inputs.data.contexts[i].work_ids:
            out[w].append(i)
    return out


def function_counts(inputs: DebateInputs, idxs: Sequence[int]) -> dict[str, FunctionCounts]:
    """How each work is cited in the contexts ``idxs``."""
    ctx = inputs.data.contexts
    out = {}
    for w, own in _by_work(inputs, idxs).items():
        fn = Counter(ctx[i].function or "background" for i in own)
        critics = tuple(sorted({ctx[i].paper_id for i in own if ctx[i].function == "critiques"}))
        backers = tuple(sorted({ctx[i].paper_id for i in own if ctx[i].function in ("uses", "supports")}))
        out[w] = FunctionCounts(w, inputs.data.works[w].label, fn["uses"], fn["supports"], fn["critiques"],
                                fn["background"], backers, critics)
    return out


def anchor_scores(
    inputs: DebateInputs, idxs: Sequence[int], members: frozenset[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """(score, fractional score) of each work cited in the contexts ``idxs``.

    A citation counts 1 when its sentence names the debate, 0.5 when only
    its paragraph does, and 1.5 times that when it is narrative: an
    integral citation ("Deleuze and Guattari (1987) introduced …") makes the
    work the subject.  Per paper the sum s is damped to log2(1 + s), so a
    work anchors a debate by being cited across papers rather than many
    times in one.  The fractional score divides each citation among the
    works cited with it, to break ties in favour of works cited alone.
    """
    per_paper: dict[tuple[str, int], float] = defaultdict(float)
    frac: dict[str, float] = defaultdict(float)
    for i in idxs:
        c = inputs.data.contexts[i]
        weight = (1.0 if inputs.context_concepts[i] & members else 0.5) * (1.5 if inputs.narrative[i] else 1.0)
        for w in c.work_ids:
            per_paper[(w, c.paper_id)] += weight
            frac[w] += weight / len(c.work_ids)
    score: dict[str, float] = defaultdict(float)
    for (w, _), s in sorted(per_paper.items()):
        score[w] += math.log2(1.0 + s)
    return score, frac


def specificity(inputs: DebateInputs, idxs: Sequence[int], members: frozenset[str]) -> dict[str, float]:
    """How specific each work is to the debate: its citations in the debate's contexts (1 when the
    sentence names the debate, 0.5 when only the paragraph does) over all its citations in the corpus
    plus one.  A canon cited everywhere (or a paper cited for something else) scores low; the +1
    keeps a work cited once from counting as wholly specific."""
    inside: dict[str, float] = defaultdict(float)
    for i in idxs:
        weight = 1.0 if inputs.context_concepts[i] & members else 0.5
        for w in inputs.data.contexts[i].work_ids:
            inside[w] += weight
    total: Counter[str] = Counter(w for c in inputs.data.contexts for w in c.work_ids)
    return {w: v / (total[w] + 1.0) for w, v in inside.items()}


def anchors(
    inputs: DebateInputs, idxs: Sequence[int], members: frozenset[str], functions: dict[str, FunctionCounts],
    *, top: int, n_quotes: int,
) -> tuple[AnchorWork, ...]:
    """The ``top`` works by :func:`anchor_scores` times :func:`specificity`, each with quotes."""
    data = inputs.data
    by_work = _by_work(inputs, idxs)
    spread, frac = anchor_scores(inputs, idxs, members)
    spec = specificity(inputs, idxs, members)
    # Anchor = cited across the debate's papers (spread) x specific to the debate (not to the corpus).
    score = {w: spread[w] * spec.get(w, 0.0) for w in spread}
    everywhere: Counter[str] = Counter(w for c in data.contexts for w in c.work_ids)

    def papers(w: str) -> int:
        return len({data.contexts[i].paper_id for i in by_work[w]})

    # A work whose names are likely OCR misreadings (only scans cite it) anchors nothing.
    ranked = sorted((w for w in by_work if not data.works[w].ocr_suspect),
                    key=lambda w: (-round(score[w], 9), -round(frac[w], 9), -papers(w), data.works[w].label, w))
    out = []
    for w in ranked[:top]:
        own = by_work[w]
        info = data.works[w]
        out.append(AnchorWork(
            w, info.label, info.year, round(score[w], 3), len(own), papers(w),
            round(len(own) / everywhere[w], 3) if everywhere[w] else 0.0, functions[w],
            quotes(inputs, own, members, n_quotes),
        ))
    return tuple(out)


def quotes(inputs: DebateInputs, idxs: Sequence[int], members: frozenset[str], n: int) -> tuple[Quote, ...]:
    """Sentences that say most about a work: ones naming a debate concept
    and taking a stance first, one per paper before any second."""
    ctx = inputs.data.contexts

    def rank(i: int) -> tuple:
        c = ctx[i]
        return (not inputs.context_concepts[i] & members, c.function in (None, "background"), c.paper_id,
                c.paragraph, c.sentence)

    seen_papers: set[int] = set()
    seen_sentences: set[str] = set()
    first: list[int] = []
    rest: list[int] = []
    for i in sorted(idxs, key=rank):
        c = ctx[i]
        if c.sentence in seen_sentences or not c.sentence.strip():
            continue
        seen_sentences.add(c.sentence)
        (rest if c.paper_id in seen_papers else first).append(i)
        seen_papers.add(c.paper_id)
    out = []
    for i in (first + rest)[:n]:
        c = ctx[i]
        p = inputs.data.papers[c.paper_id]
        out.append(Quote(" ".join(c.sentence.split()), c.paper_id, p.title, p.year, c.page, c.function or "background"))
    return tuple(out)
