"""Which papers engage a debate, decided in context, with the evidence.

A mention of a debate's concept is evidence of the debate in its paragraph:

* **strong** when the lexicon does not mark the concept ``weak`` for that
  debate ("state rescaling", "assemblage theory", "gentrification");
* **weak** when it does ("metropolitan area", "topology", "territory",
  "neoliberal" for state rescaling): a weak mention counts only in a
  paragraph that also holds strong evidence of the debate, or that cites
  one of the debate's **core works** (works cited in the debate's strong
  paragraphs by at least two papers);
* mentions in the wrong sense never reach this module: the lexicon's
  ``not_near`` words void a concept in the paragraph that holds them
  (:mod:`litmap.analyse.concepts`).

The strong/weak rule is :mod:`litmap.analyse.concept_sense`'s, which the
concept views (concept network, thematic map, three-field plot, timelines)
apply too.

A paper's ``score`` is the evidence summed over its paragraphs.  It engages
the debate when its counted mentions reach ``min_mentions`` and its density (score
per 1,000 words) reaches ``relative_threshold`` times the median density of
the papers with any evidence, and at least :data:`DEBATE_MIN_DENSITY` (:data:`MIN_DENSITY` for a single
concept's map): the bar is set by the corpus, so a paper that
mentions a debate in passing is not listed beside those written about it.
Every engagement carries its evidence: the terms counted and the strongest
paragraphs (their text is added by :mod:`litmap.analyse.debates.data`).

That rule decides a single concept's map.  For a debate, when the package ships
its weights, :mod:`litmap.analyse.debates.engagement_model` decides instead: a
logistic regression over the paper's strong and weak density, breadth and the
debate's share of its lexicon mentions, for papers with two counted mentions
(one strong) above the same corpus bar.  See ``docs/debates.md``.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from litmap.analyse.concept_sense import split_by_strength, weak_supported
from litmap.analyse.concepts import Lexicon
from litmap.analyse.debates.engagement_model import (
    EngagementEvidence,
    EngagementModel,
    MODEL_MIN_WORDS,
    eligible,
    feature_vector,
    load_model,
)
from litmap.analyse.debates.records import (
    DebateInputs,
    DebateSettings,
    Engagement,
    EvidencePassage,
)

__all__ = [
    "BREADTH",
    "DEBATE_MIN_DENSITY",
    "MIN_DENSITY",
    "ParagraphEvidence",
    "core_works",
    "debate_evidence",
    "engagements",
    "paper_evidence",
    "paper_mentions",
    "paragraph_evidence",
]

# Evidence per 1,000 words below which no paper engages, whatever the corpus.
MIN_DENSITY = 1.0
# The same floor for a debate (a set of concepts, so more words to say it with): below 1.4 per 1,000 words a
# paper touches the debate in passing.  Chosen by leave-one-paper-out over the 73 gold papers (grid 0.5-2.0 by
# 0.1, the setting of the other 72 papers' best F1): 1.4 in 72 of 73 folds; LOPO precision 0.948, recall 0.887
# (1.0: 0.905/0.919, all three papers it drops were the seeds' minor debates).  See docs/debates.md.
DEBATE_MIN_DENSITY = 1.4
# A paper's strong evidence must name at least two of the debate's concepts, or
# one of them this many times, or the debate's head concept (the one named like
# the debate, else its most mentioned) min_mentions times: a debate is a set of
# ideas, and a paper that repeats one side term a few times is not engaging it.
BREADTH = (2, 5)


@dataclass(frozen=True)
class ParagraphEvidence:
    """The evidence of one debate in one paragraph."""

    strong: int
    weak: int  # weak mentions, counted or not
    core_citations: int  # citations of the debate's core works in the paragraph
    terms: Mapping[str, int]

    @property
    def score(self) -> float:
        """Strong mentions, weak ones beside strong evidence or a core work, 0.5 per core citation
        in a paragraph that mentions the debate."""
        if not self.strong and not self.weak:
            return 0.0
        supported = weak_supported(self.strong, self.core_citations)
        return float(self.strong) + (float(self.weak) if supported else 0.0) + (
            0.5 * self.core_citations if supported else 0.0)


def core_works(inputs: DebateInputs, strong_paragraphs: set[tuple[int, int]], min_papers: int = 2,
               min_share: float = 0.5) -> frozenset[str]:
    """Works cited in the debate's strong paragraphs by at least ``min_papers`` papers, with at
    least ``min_share`` of all their citations there (specific to the debate, not cited everywhere)."""
    papers: dict[str, set[int]] = defaultdict(set)
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for c in inputs.data.contexts:
        here = (c.paper_id, c.paragraph) in strong_paragraphs
        for w in c.work_ids:
            total[w] += 1
            if here:
                inside[w] += 1
                papers[w].add(c.paper_id)
    return frozenset(w for w, ps in papers.items() if len(ps) >= min_papers and inside[w] >= min_share * total[w])


def paragraph_evidence(inputs: DebateInputs, lexicon: Lexicon, debate_id: str | None,
                       members: frozenset[str]) -> dict[tuple[int, int], ParagraphEvidence]:
    """Evidence of a debate in every paragraph that mentions one of its concepts."""
    strong_ids, weak_ids = split_by_strength(lexicon, debate_id, members)
    strong_paras = {k for k, found in inputs.para_concepts.items() if strong_ids.intersection(found)}
    core = core_works(inputs, strong_paras)
    cites: Counter[tuple[int, int]] = Counter()
    if core:
        for c in inputs.data.contexts:
            n = sum(1 for w in c.work_ids if w in core)
            if n:
                cites[(c.paper_id, c.paragraph)] += n
    out = {}
    for key, found in inputs.para_concepts.items():
        terms = {k: v for k, v in found.items() if k in members}
        if not terms:
            continue
        out[key] = ParagraphEvidence(sum(v for k, v in terms.items() if k in strong_ids),
                                     sum(v for k, v in terms.items() if k in weak_ids), cites.get(key, 0), terms)
    return out


def paper_mentions(inputs: DebateInputs) -> Counter[int]:
    """Each paper's mentions of any lexicon concept (the denominator of a debate's ``share``)."""
    out: Counter[int] = Counter()
    for (pid, _), found in inputs.para_concepts.items():
        out[pid] += sum(found.values())
    return out


def paper_evidence(paras: list[tuple[int, ParagraphEvidence]], strong_ids: frozenset[str], words: int,
                   mentions: int) -> EngagementEvidence:
    """A paper's evidence of a debate for :mod:`~litmap.analyse.debates.engagement_model`: its strong and
    weak mentions (weak ones counted or not), distinct strong concepts, words and lexicon mentions."""
    return EngagementEvidence(sum(ev.strong for _, ev in paras), sum(ev.weak for _, ev in paras),
                              len({k for _, ev in paras for k in ev.terms if k in strong_ids}), words, mentions,
                              sum(ev.weak for _, ev in paras if ev.score > 0))


def debate_evidence(inputs: DebateInputs, lexicon: Lexicon, debate_id: str,
                    members: frozenset[str]) -> dict[int, EngagementEvidence]:
    """:func:`paper_evidence` of every paper with any mention of the debate (for fitting the model)."""
    by_paper: dict[int, list[tuple[int, ParagraphEvidence]]] = defaultdict(list)
    for (pid, idx), ev in paragraph_evidence(inputs, lexicon, debate_id, members).items():
        by_paper[pid].append((idx, ev))
    strong_ids, _ = split_by_strength(lexicon, debate_id, members)
    total = paper_mentions(inputs)
    return {pid: paper_evidence(paras, strong_ids, inputs.words.get(pid, 0), total[pid])
            for pid, paras in by_paper.items()}


def engagements(inputs: DebateInputs, lexicon: Lexicon, debate_id: str | None, members: frozenset[str],
                settings: DebateSettings, n_passages: int = 3, *, use_model: bool = True,
                model: EngagementModel | None = None) -> list[Engagement]:
    """The papers engaging a debate (or one concept, ``debate_id=None``), most engaged first.

    For a debate the shipped :class:`EngagementModel` (or ``model``) decides, when there is one and
    ``use_model``; otherwise, and for a single concept, the lexicon rule (density floor and breadth)."""
    evidence = paragraph_evidence(inputs, lexicon, debate_id, members)
    by_paper: dict[int, list[tuple[int, ParagraphEvidence]]] = defaultdict(list)
    for (pid, idx), ev in evidence.items():
        by_paper[pid].append((idx, ev))
    if debate_id is not None and use_model:
        model = model if model is not None else load_model()
        if model is not None:
            judged = _model_engagements(inputs, lexicon, debate_id, members, settings, by_paper, model, n_passages)
            short = {pid for pid in by_paper if inputs.words.get(pid, 0) < MODEL_MIN_WORDS}
            if not short:
                return judged
            ruled = engagements(inputs, lexicon, debate_id, members, settings, n_passages, use_model=False)
            return sorted([e for e in judged if e.paper_id not in short] + [e for e in ruled if e.paper_id in short],
                          key=lambda e: (-e.density, -(e.probability or 0.0), -e.score, e.paper_id))
    scored = []
    for pid, paras in sorted(by_paper.items()):
        score = sum(ev.score for _, ev in paras)
        words = inputs.words.get(pid, 0)
        density = 1000.0 * score / words if words else 0.0
        scored.append((pid, paras, score, density))
    dens = [d for _, _, s, d in scored if s > 0]
    floor = MIN_DENSITY if debate_id is None else DEBATE_MIN_DENSITY
    bar = max(floor, settings.relative_threshold * statistics.median(dens)) if dens else floor
    strong_ids, _ = split_by_strength(lexicon, debate_id, members)
    head = debate_id if debate_id in strong_ids else max(
        sorted(strong_ids), key=lambda k: sum(f.get(k, 0) for f in inputs.para_concepts.values()), default=None)
    out = []
    for pid, paras, score, density in scored:
        if sum(sum(ev.terms.values()) for _, ev in paras if ev.score > 0) < settings.min_mentions or density < bar:
            continue
        strong: Counter[str] = Counter()
        cited_weak = 0  # weak mentions in paragraphs that cite a core work: the citation fixes their sense
        for _, ev in paras:
            if ev.score > 0:
                strong.update({k: v for k, v in ev.terms.items() if k in strong_ids})
                if ev.core_citations:
                    cited_weak += ev.weak
        # The head concept named, and repeated by itself or by weak terms beside the debate's core works
        # ("rescaling is contested, as Brenner (2004) argues"), is broad enough.
        head_n = strong.get(head or "", 0)
        head_ok = head_n >= settings.min_mentions or (head_n >= 1 and head_n + cited_weak >= settings.min_mentions)
        if (debate_id is not None and len(strong) < BREADTH[0] and sum(strong.values()) < BREADTH[1]
                and not head_ok):
            continue
        p = inputs.data.papers[pid]
        counted = [(idx, ev) for idx, ev in paras if ev.score > 0]
        terms: Counter[str] = Counter()
        weak_dropped = 0
        for _, ev in paras:
            if ev.score > 0:
                terms.update(ev.terms)
            else:
                weak_dropped += ev.weak
        best = sorted(counted, key=lambda x: (-x[1].score, x[0]))[:n_passages]
        passages = tuple(
            EvidencePassage(idx, round(ev.score, 2), tuple(sorted(ev.terms.items(), key=lambda kv: (-kv[1], kv[0]))),
                            ev.core_citations)
            for idx, ev in best)
        mentions = sum(sum(ev.terms.values()) for _, ev in counted)
        words = inputs.words.get(pid, 0)
        out.append(Engagement(
            pid, p.title, p.year, mentions, round(1000.0 * mentions / words, 2) if words else 0.0,
            round(len(counted) / inputs.paragraphs[pid], 3) if inputs.paragraphs.get(pid) else 0.0,
            score=round(score, 2), density=round(density, 3),
            terms=tuple(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))),
            weak_dropped=weak_dropped, passages=passages,
        ))
    return sorted(out, key=lambda e: (-e.density, -e.score, e.paper_id))


def _passages(counted: list[tuple[int, ParagraphEvidence]], n: int, raw: bool = False) -> tuple[EvidencePassage, ...]:
    """The ``n`` strongest paragraphs (by their score, or with ``raw`` by every mention plus 0.5 per core citation)."""
    def score(ev: ParagraphEvidence) -> float:
        return float(ev.strong + ev.weak) + 0.5 * ev.core_citations if raw else ev.score

    best = sorted(counted, key=lambda x: (-score(x[1]), x[0]))[:n]
    return tuple(EvidencePassage(idx, round(score(ev), 2),
                                 tuple(sorted(ev.terms.items(), key=lambda kv: (-kv[1], kv[0]))), ev.core_citations)
                 for idx, ev in best)


def _model_engagements(inputs: DebateInputs, lexicon: Lexicon, debate_id: str, members: frozenset[str],
                       settings: DebateSettings, by_paper: Mapping[int, list[tuple[int, ParagraphEvidence]]],
                       model: EngagementModel, n_passages: int) -> list[Engagement]:
    """Engagement decided by the model over each paper's evidence (:func:`eligible` papers whose density
    reaches ``relative_threshold`` x the debate's median density over the papers with any evidence).
    Every mention of the debate's concepts is evidence here (the model weighs weak ones by the paper's share
    and strong density), so ``terms`` and ``passages`` show them all; ``score``/``density`` stay the rule's
    (strong + supported weak + core citations), the order of the list."""
    strong_ids, _ = split_by_strength(lexicon, debate_id, members)
    total = paper_mentions(inputs)
    dens = [1000.0 * sum(e.score for _, e in paras) / inputs.words[pid] for pid, paras in by_paper.items()
            if inputs.words.get(pid) and any(e.score > 0 for _, e in paras)]
    bar = settings.relative_threshold * statistics.median(dens) if dens else 0.0
    out = []
    for pid, paras in sorted(by_paper.items()):
        words = inputs.words.get(pid, 0)
        ev = paper_evidence(paras, strong_ids, words, total[pid])
        if not eligible(ev, settings.min_mentions) or 1000.0 * sum(e.score for _, e in paras) / words < bar:
            continue
        prob = model.probability(feature_vector(ev))
        if prob < model.threshold:
            continue
        p = inputs.data.papers[pid]
        score = sum(e.score for _, e in paras)
        terms: Counter[str] = Counter()
        for _, e in paras:
            terms.update(e.terms)
        mentions = ev.strong + ev.weak
        out.append(Engagement(
            pid, p.title, p.year, mentions, round(1000.0 * mentions / words, 2),
            round(len(paras) / inputs.paragraphs[pid], 3) if inputs.paragraphs.get(pid) else 0.0,
            score=round(score, 2), density=round(1000.0 * score / words, 3),
            terms=tuple(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))),
            weak_dropped=0, passages=_passages(paras, n_passages, raw=True), probability=round(prob, 3),
        ))
    return sorted(out, key=lambda e: (-e.density, -(e.probability or 0.0), -e.score, e.paper_id))
