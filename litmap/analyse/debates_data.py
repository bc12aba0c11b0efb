"""What the debate maps read from a store: concept hits per paragraph and
citation contexts with their function.

Kept apart from :mod:`litmap.analyse.debates` so the map itself is a pure
function of :class:`DebateInputs`, and tests can build inputs by hand.
Concept matching runs once per paragraph and once per citing sentence for
the whole lexicon; every debate then reads these counts.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Optional

from litmap.analyse.citefunction import classify_citation
from litmap.analyse.concepts import Lexicon, match_concepts
from litmap.analyse.corpusdata import CitationContext, CorpusData, load_corpus_data

__all__ = ["DebateInputs", "load_debate_inputs", "citation_span", "paper_hits"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# Paragraph kinds that are not the paper's own prose.
_SKIP_KINDS = ("reference", "front", "caption", "footnote")


@dataclass(frozen=True)
class DebateInputs:
    """Everything a debate map needs, decoupled from SQL.

    ``data`` is the network layer's corpus view whose ``contexts`` carry a
    citation ``function`` (uses | supports | critiques | background);
    ``context_concepts[i]`` are the concept ids mentioned in the sentence of
    ``data.contexts[i]`` and ``narrative[i]`` whether that citation is
    integral to the sentence ("Wu (2016) argues"), not parenthetical; ``para_concepts`` counts concept mentions per body
    paragraph ``(paper_id, paragraph idx)``; ``words`` and ``paragraphs``
    are each paper's body word and paragraph counts.
    """

    data: CorpusData
    context_concepts: tuple[frozenset[str], ...]
    narrative: tuple[bool, ...]
    para_concepts: Mapping[tuple[int, int], Mapping[str, int]]
    words: Mapping[int, int]
    paragraphs: Mapping[int, int]


def citation_span(sentence: str, raw: str) -> Optional[tuple[int, int]]:
    """Where a citation's raw text sits inside its sentence.

    ``citations.char_start`` indexes the whole document, so the span inside
    the stored sentence is found again by searching for the raw text (then
    for it with whitespace runs folded, as line breaks may differ).  None
    when it cannot be found; the classifier then uses the first citation.
    """
    if not raw or not sentence:
        return None
    i = sentence.find(raw)
    if i >= 0:
        return i, i + len(raw)
    parts = [re.escape(p) for p in raw.split()]
    if not parts:
        return None
    m = re.search(r"\s*".join(parts), sentence)
    return (m.start(), m.end()) if m else None


def _contexts(conn: sqlite3.Connection, data: CorpusData) -> tuple[list[CitationContext], list[bool]]:
    """Citation groups with resolved works, each classified by function,
    and whether each is narrative."""
    out: list[CitationContext] = []
    narrative: list[bool] = []
    current: Optional[tuple[int, int]] = None
    head: tuple = ()
    wids: dict[str, None] = {}

    def flush() -> None:
        if current is None or not wids:
            return
        doc_id, _, raw, sentence, para, section, page, kind = head
        sentence = sentence or ""
        fn = classify_citation(sentence, citation_span(sentence, raw or "")).label if sentence else "background"
        out.append(CitationContext(doc_id, tuple(wids), sentence, para or 0, section, page or 0, fn))
        narrative.append(kind == "narrative")

    for r in conn.execute(
        "SELECT c.document_id, c.idx, c.raw, c.sentence, c.paragraph_idx, c.section, c.page, c.kind, cd.work_id "
        "FROM citations c JOIN cited cd ON cd.document_id = c.document_id AND cd.citation_idx = c.idx "
        "WHERE cd.work_id IS NOT NULL ORDER BY c.document_id, c.idx, cd.pos"
    ):
        if r[0] not in data.papers or r[8] not in data.works:
            continue
        key = (r[0], r[1])
        if key != current:
            flush()
            current, head, wids = key, tuple(r[:8]), {}
        wids[r[8]] = None
    flush()
    return out, narrative


def load_debate_inputs(conn: sqlite3.Connection, lexicon: Lexicon) -> DebateInputs:
    """Read a store (read-only) and match the lexicon in paragraphs and citing sentences."""
    data = load_corpus_data(conn)
    contexts, narrative = _contexts(conn, data)
    data = dataclasses.replace(data, contexts=tuple(contexts))
    para_concepts: dict[tuple[int, int], dict[str, int]] = {}
    words: Counter[int] = Counter()
    paragraphs: Counter[int] = Counter()
    marks = ",".join("?" * len(_SKIP_KINDS))
    for doc_id, idx, text in conn.execute(
        f"SELECT document_id, idx, text FROM paragraphs WHERE kind NOT IN ({marks}) ORDER BY document_id, idx",
        _SKIP_KINDS,
    ):
        if doc_id not in data.papers:
            continue
        words[doc_id] += len(_WORD.findall(text))
        paragraphs[doc_id] += 1
        found = Counter(h.concept_id for h in match_concepts(text, lexicon))
        if found:
            para_concepts[(doc_id, idx)] = dict(sorted(found.items()))
    sentence_cache: dict[str, frozenset[str]] = {}
    ctx_concepts = []
    for c in contexts:
        if c.sentence not in sentence_cache:
            sentence_cache[c.sentence] = frozenset(h.concept_id for h in match_concepts(c.sentence, lexicon))
        ctx_concepts.append(sentence_cache[c.sentence])
    log.info("debate inputs: %d papers, %d contexts, %d paragraphs with concepts",
             len(data.papers), len(contexts), len(para_concepts))
    return DebateInputs(data, tuple(ctx_concepts), tuple(narrative), para_concepts, dict(words), dict(paragraphs))


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
