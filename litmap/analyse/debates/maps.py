"""Debate maps: who engages a debate, which works anchor it, its camps,
contested and bridging works, and how it moved over time.

A *debate* is a set of lexicon concepts (``Lexicon.in_debate``); a single
concept can be mapped the same way.  A citation belongs to a debate when
its sentence (``scope="sentence"``) or its paragraph (``"paragraph"``,
the default) mentions one of the debate's concepts.  From those citation
contexts:

* anchors are the works cited in most of them, with quotes;
* camps are Louvain communities of the co-citation network among the
  debate's works (co-cited in one paragraph, counted per paragraph), with
  critical citations left out: citing a work to argue against it says
  nothing about belonging with it.  Labels come from the citing sentences
  (:mod:`litmap.analyse.networks.labels`);
* contested works are cited both approvingly (uses/supports) and
  critically (critiques) by :func:`~litmap.analyse.debates.citefunction.classify_citation`;
* bridges are works and concepts with high betweenness in the corpus-wide
  concept × work graph (paragraph co-occurrence) that reach other debates.

Everything is sorted and the clustering seeded, so a map is reproducible.
The maps are a pure function of :class:`DebateInputs`
(:func:`debate_maps_from_inputs`); :func:`litmap.analyse.debates.data.debate_maps`
reads them from a store.  See ``docs/debates.md``.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from litmap.analyse.concepts import Lexicon
from litmap.analyse.debates.anchors import anchors, function_counts, quotes
from litmap.analyse.debates.engagement import engagements
from litmap.analyse.debates.parts import BridgeGraph, bridge_graph, build_camps, topic_overlap
from litmap.analyse.debates.records import (
    AnchorWork, Bridge, Camp, CooccurringConcept, DebateInputs, DebateMap, DebateSettings, Engagement,
    FunctionCounts, Quote, TopicOverlap, YearCount,
)
from litmap.analyse.debates.render import render_debates_text
from litmap.errors import InputError
from litmap.progress import Progress, ProgressEvent, resolve

__all__ = [
    "DebateSettings", "DebateMap", "debate_maps_from_inputs", "check_targets", "paper_hits", "to_json",
    "render_debates_text",
    "AnchorWork", "Bridge", "Camp", "CooccurringConcept", "Engagement", "FunctionCounts", "Quote",
    "TopicOverlap", "YearCount",
]

log = logging.getLogger(__name__)

def _targets(lexicon: Lexicon, ids: Optional[Sequence[str]]) -> list[tuple[str, str, str, str, frozenset[str]]]:
    """(id, kind, label, gloss, concept ids) for each map asked for.

    A name is a debate id first, then a concept id; ``concept:ID`` forces
    the concept when a debate has the same id.
    """
    known = set(lexicon.ids())
    if ids is None:
        ids = list(lexicon.debates)
    out = []
    for raw in dict.fromkeys(ids):
        name = raw.split(":", 1)[1] if raw.startswith(("concept:", "debate:")) else raw
        if raw.startswith("debate:") or (not raw.startswith("concept:") and name in lexicon.debates):
            if name not in lexicon.debates:
                raise InputError(f"unknown debate {name!r}; known debates: {', '.join(sorted(lexicon.debates))}")
            d = lexicon.debates[name]
            members = frozenset(c.id for c in lexicon.in_debate(name))
            out.append((name, "debate", d.label, d.gloss, members))
        elif name in known:
            c = lexicon.get(name)
            out.append((name, "concept", c.label, c.gloss, frozenset({name})))
        else:
            raise InputError(
                f"{raw!r} is neither a debate nor a concept of the lexicon; "
                "list them with the default concepts file (litmap/data/concepts.yaml) or add it with --concepts FILE"
            )
    return out


def check_targets(lexicon: Lexicon, ids: Optional[Sequence[str]]) -> None:
    """Raise :class:`~litmap.errors.InputError` when a name in ``ids`` is neither a debate nor a concept."""
    _targets(lexicon, ids)


def paper_hits(inputs: DebateInputs, concept_ids: frozenset[str]) -> dict[int, tuple[int, int]]:
    """Per paper: (mentions of ``concept_ids``, paragraphs mentioning any of them)."""
    out: dict[int, list[int]] = {}
    for (pid, _), found in inputs.para_concepts.items():
        n = sum(v for k, v in found.items() if k in concept_ids)
        if n:
            acc = out.setdefault(pid, [0, 0])
            acc[0] += n
            acc[1] += 1
    return {pid: (a, b) for pid, (a, b) in sorted(out.items())}


def _in_scope(inputs: DebateInputs, members: frozenset[str], scope: str) -> list[int]:
    """Indexes of the citation contexts that belong to a debate."""
    out = []
    for i, c in enumerate(inputs.data.contexts):
        if inputs.context_concepts[i] & members:
            out.append(i)
        elif scope == "paragraph" and members.intersection(inputs.para_concepts.get((c.paper_id, c.paragraph), ())):
            out.append(i)
    return out


def debate_maps_from_inputs(
    inputs: DebateInputs,
    lexicon: Lexicon,
    settings: DebateSettings = DebateSettings(),
    concepts: Optional[Sequence[str]] = None,
    *,
    topic_result: object = None,
    progress: Optional[Progress] = None,
) -> list[DebateMap]:
    """Maps for every debate of ``lexicon`` (``concepts=None``) or for the
    named debates / concepts, in the order given, over inputs already loaded
    (pure); ``topic_result`` is a :class:`~litmap.analyse.topics.result.TopicResult`
    or None.  :func:`litmap.analyse.debates.data.debate_maps` reads both from a store."""
    report = resolve(progress)
    targets = _targets(lexicon, concepts)
    all_debates = _targets(lexicon, None)
    scoped = {d[0]: _in_scope(inputs, d[4], settings.scope) for d in all_debates}
    for t in targets:
        scoped.setdefault(f"{t[1]}:{t[0]}", _in_scope(inputs, t[4], settings.scope))
    # Citations of each work in each debate: how strongly a work ties debates.
    work_debates: dict[str, Counter[str]] = defaultdict(Counter)
    for did, idxs in scoped.items():
        if ":" in did:
            continue
        for i in idxs:
            for w in inputs.data.contexts[i].work_ids:
                work_debates[w][did] += 1
    bridges = bridge_graph(inputs, seed=settings.seed, samples=settings.bridge_samples)
    cx = _Corpus(inputs, lexicon, settings, work_debates, bridges, topic_result)
    maps = []
    for n, (tid, kind, label, gloss, members) in enumerate(targets, start=1):
        idxs = scoped[tid] if kind == "debate" else scoped[f"concept:{tid}"]
        maps.append(_one_map(cx, tid, kind, label, gloss, members, idxs))
        report(ProgressEvent("debates", n, len(targets), item=tid))
    return maps


@dataclass(frozen=True)
class _Corpus:
    """What every map of one run shares."""

    inputs: DebateInputs
    lexicon: Lexicon
    settings: DebateSettings
    work_debates: Mapping[str, Counter[str]]  # work -> debate -> citations of it there
    bridges: BridgeGraph
    topic_result: object


def _engagement(cx: _Corpus, debate_id: Optional[str], members: frozenset[str]) -> list[Engagement]:
    return engagements(cx.inputs, cx.lexicon, debate_id, members, cx.settings)


def _timeline(cx: _Corpus, papers: Sequence[Engagement], idxs: Sequence[int]) -> tuple[YearCount, ...]:
    years: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for e in papers:
        if e.year is not None:
            years[e.year][0] += e.mentions
            years[e.year][1] += 1
    for i in idxs:
        y = cx.inputs.data.papers[cx.inputs.data.contexts[i].paper_id].year
        if y is not None:
            years[y][2] += 1
    return tuple(YearCount(y, *v) for y, v in sorted(years.items()))


def _strongest(strength: Mapping[str, float], own: Optional[str], n: int = 5) -> tuple[str, ...]:
    """The ``n`` debates other than ``own`` with the most weight, strongest first."""
    ranked = sorted(((d, v) for d, v in strength.items() if d != own and v > 0), key=lambda kv: (-kv[1], kv[0]))
    return tuple(d for d, _ in ranked[:n])


def _bridges(cx: _Corpus, idxs: Sequence[int], members: frozenset[str],
             own: Optional[str]) -> tuple[tuple[Bridge, ...], tuple[Bridge, ...]]:
    """Bridging works (cited here and in other debates) and concepts (linked
    by paragraphs to works cited in other debates), by betweenness."""
    data, b = cx.inputs.data, cx.bridges
    works = []
    for w in sorted({w for i in idxs for w in data.contexts[i].work_ids}):
        others = _strongest(cx.work_debates.get(w, Counter()), own)
        value = b.betweenness.get(f"w:{w}", 0.0)
        if others and value > 0 and not data.works[w].ocr_suspect:  # no bridge from a likely OCR misreading
            works.append(Bridge(w, data.works[w].label, round(value, 6), others))
    concepts = []
    for cid in sorted(members):
        value = b.betweenness.get(f"c:{cid}", 0.0)
        reach: Counter[str] = Counter({d: 1 for d in cx.lexicon.get(cid).debates})
        for w, weight in b.neighbours.get(cid, ()):
            for d in cx.work_debates.get(w, ()):
                reach[d] += weight
        others = _strongest(reach, own)
        if value > 0 and others:
            concepts.append(Bridge(cid, cx.lexicon.get(cid).label, round(value, 6), others))
    top = cx.settings.top_bridges
    key = lambda x: (-x.betweenness, x.label, x.id)  # noqa: E731
    return tuple(sorted(works, key=key)[:top]), tuple(sorted(concepts, key=key)[:top])


def _cooccurring(cx: _Corpus, members: frozenset[str], engaged: set[int]) -> tuple[CooccurringConcept, ...]:
    co: Counter[str] = Counter()
    n_paras = 0
    for (pid, _), found in cx.inputs.para_concepts.items():
        if pid in engaged and members.intersection(found):
            n_paras += 1
            co.update(k for k in found if k not in members)
    ranked = sorted(co.items(), key=lambda kv: (-kv[1], kv[0]))[: cx.settings.top_concepts]
    return tuple(
        CooccurringConcept(k, cx.lexicon.get(k).label, n, round(n / n_paras, 3),
                           tuple(sorted(cx.lexicon.get(k).debates)))
        for k, n in ranked
    )


def _one_map(cx: _Corpus, tid: str, kind: str, label: str, gloss: str, members: frozenset[str],
             scoped: Sequence[int]) -> DebateMap:
    data, s = cx.inputs.data, cx.settings
    notes: list[str] = []
    mentions: Counter[str] = Counter()
    for found in cx.inputs.para_concepts.values():
        mentions.update({k: v for k, v in found.items() if k in members})
    papers = _engagement(cx, tid if kind == "debate" else None, members)
    engaged = {e.paper_id for e in papers}
    idxs = [i for i in scoped if data.contexts[i].paper_id in engaged]
    if len(idxs) < len(scoped):
        notes.append(f"{len(scoped) - len(idxs)} citation(s) near the concepts left out: their papers do not "
                     f"engage the debate (fewer than {s.min_mentions} counted mentions, too little evidence against "
                     "the corpus, or only weak terms without strong ones beside them)")
    undated = sum(1 for e in papers if e.year is None)
    if undated:
        notes.append(f"{undated} engaging paper(s) without a year are not on the timeline")
    functions = function_counts(cx.inputs, idxs)
    camps = build_camps(data, [data.contexts[i] for i in idxs], s) if idxs else ()
    if idxs and not camps:
        notes.append("no camps: the debate's works are too few or never co-cited in one paragraph")
    elif camps and len({p for c in camps for p, _ in c.papers}) == 1:
        notes.append("the camps rest on one paper's citations: they show how that paper groups its sources")
    contested = sorted(
        (f for f in functions.values() if f.critiques),
        key=lambda f: (not f.contested, -f.critiques, -(f.uses + f.supports), f.label, f.work_id),
    )
    bridging_works, bridging_concepts = _bridges(cx, idxs, members, tid if kind == "debate" else None)
    topics = None
    if cx.topic_result is not None:
        topics = topic_overlap(cx.topic_result, {k for k, f in cx.inputs.para_concepts.items()
                                                 if k[0] in engaged and members.intersection(f)})
    else:
        notes.append("no topic model in the store (run `litmap topics` first): topic overlap omitted")
    dated = [e.year for e in papers if e.year is not None]
    return DebateMap(
        id=tid, kind=kind, label=label, gloss=gloss, concepts=tuple(sorted(members)),
        mentions=tuple(sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))),
        papers=tuple(papers), first_year=min(dated) if dated else None, last_year=max(dated) if dated else None,
        timeline=_timeline(cx, papers, idxs), n_contexts=len(idxs),
        anchors=anchors(cx.inputs, idxs, members, functions, top=s.top_works, n_quotes=s.quotes),
        camps=camps, contested=tuple(contested[: s.top_works]),
        bridging_works=bridging_works, bridging_concepts=bridging_concepts,
        cooccurring=_cooccurring(cx, members, engaged), topics=topics, notes=tuple(notes),
        stance_quotes=_stance_quotes(cx, idxs, members, [f.work_id for f in contested if f.contested][:5]),
    )


def _stance_quotes(cx: _Corpus, idxs: Sequence[int], members: frozenset[str],
                   works: Sequence[str]) -> tuple[tuple[str, Quote, Quote], ...]:
    """For each contested work, one sentence citing it approvingly and one citing it critically."""
    ctx = cx.inputs.data.contexts
    out = []
    for w in works:
        own = [i for i in idxs if w in ctx[i].work_ids]
        pro = quotes(cx.inputs, [i for i in own if ctx[i].function in ("uses", "supports")], members, 1)
        con = quotes(cx.inputs, [i for i in own if ctx[i].function == "critiques"], members, 1)
        if pro and con:
            out.append((w, pro[0], con[0]))
    return tuple(out)


def to_json(maps: Sequence[DebateMap]) -> list[dict]:
    """The maps as JSON-ready data: dicts, lists, strings and numbers only,
    so ``json.loads(json.dumps(x)) == x``."""
    from dataclasses import asdict

    def plain(x: object) -> object:
        if isinstance(x, dict):
            return {str(k): plain(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [plain(v) for v in x]
        return x

    return [plain(asdict(m)) for m in maps]  # type: ignore[misc]
