"""What the debate maps read from a store: concept hits per paragraph and
citation contexts with their function.

Kept apart from :mod:`litmap.analyse.debates.maps` so the map itself is a pure
function of :class:`DebateInputs`, and tests can build inputs by hand.
Concept matching runs once per paragraph and once per citing sentence for
the whole lexicon; every debate then reads these counts.  Both matching and
citation-function classification are pure functions of the text, so their
results are remembered in the store (:class:`~litmap.store.memo.TextMemo`):
a refresh only matches the paragraphs of new papers.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from litmap.analyse.debates.citefunction import classify_citation
from litmap.analyse.concepts import Lexicon, match_concepts
from litmap.store.corpusdata import CitationContext, CorpusData, load_corpus_data
from litmap.store.memo import TextMemo

__all__ = ["DebateInputs", "TextMemos", "ProseParagraph", "load_debate_inputs", "prose_paragraphs",
           "text_memos", "classify", "citation_span", "surname_span", "paper_hits"]

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


@dataclass
class TextMemos:
    """Remembered concept matches (text → [word count, concept ids in text
    order]) and citation functions ((sentence, citation) → label)."""

    concepts: TextMemo
    functions: TextMemo

    def save(self, store: Any) -> None:
        self.concepts.save(store)
        self.functions.save(store)


def text_memos(conn: sqlite3.Connection, lexicon: Lexicon) -> TextMemos:
    """The store's memos for ``lexicon`` and the current matching/classification code."""
    import sys

    from litmap.analyse import concepts, textnorm
    from litmap.analyse.debates import citefunction
    from litmap.store.memo import code_fingerprint

    here = sys.modules[__name__]  # the spans a citation is classified at are found here
    fp_concepts = code_fingerprint(concepts, textnorm, here, extra=repr(lexicon.concepts))
    fp_functions = code_fingerprint(citefunction, textnorm, here)
    return TextMemos(TextMemo.load(conn, "concepts", fp_concepts), TextMemo.load(conn, "citefunction", fp_functions))


def _match(text: str, lexicon: Lexicon, memo: Optional[TextMemo], key: Optional[str] = None) -> tuple[int, list[str]]:
    """(words, concept ids in text order) of ``text``; ``key`` is its sha1 when known."""
    if memo is not None:
        key = key or TextMemo.key(text)
        hit = memo.get(key)
        if hit is not None:
            return hit[0], hit[1]
    value = (len(_WORD.findall(text)), [h.concept_id for h in match_concepts(text, lexicon)])
    if memo is not None and key is not None:
        memo.put(key, list(value))
    return value


def classify(sentence: str, span_of: Callable[[], Optional[tuple[int, int]]], memo: Optional[TextMemo],
             *key: str) -> str:
    """``classify_citation(sentence, span_of()).label``, remembered under
    (``sentence``, ``key``): ``key`` is what determines the span."""
    k = TextMemo.key(sentence, *key) if memo is not None else ""
    if memo is not None:
        hit = memo.get(k)
        if hit is not None:
            return str(hit)
    label = classify_citation(sentence, span_of()).label
    if memo is not None:
        memo.put(k, label)
    return label


@dataclass(frozen=True)
class ProseParagraph:
    doc_id: int
    idx: int
    kind: str
    words: int
    concepts: tuple[str, ...]  # concept ids in text order, repeats kept


def prose_paragraphs(conn: sqlite3.Connection, lexicon: Lexicon, papers: Any,
                     memo: Optional[TextMemo] = None) -> list[ProseParagraph]:
    """Every prose paragraph of ``papers`` (ids) with its concept matches, by (paper, idx).

    With a memo only paragraphs whose text was never matched are read and
    matched (their stored ``text_hash`` is the memo key)."""
    marks = ",".join("?" * len(_SKIP_KINDS))
    rows = [r for r in conn.execute(
        f"SELECT document_id, idx, kind, text_hash FROM paragraphs WHERE kind NOT IN ({marks}) "
        "ORDER BY document_id, idx", _SKIP_KINDS) if r[0] in papers]
    known = [memo.get(r[3]) if memo is not None else None for r in rows]
    missing = {r[0] for r, hit in zip(rows, known) if hit is None}
    texts: dict[tuple[int, int], str] = {}
    for doc_id in sorted(missing):
        for idx, text in conn.execute("SELECT idx, text FROM paragraphs WHERE document_id=?", (doc_id,)):
            texts[(doc_id, idx)] = text
    out = []
    for (doc_id, idx, kind, key), hit in zip(rows, known):
        if hit is None:
            text = texts.get((doc_id, idx))
            if text is None:  # the document was replaced between the two reads (a writer committed)
                continue
            hit = _match(text, lexicon, memo, key)
        out.append(ProseParagraph(doc_id, idx, kind, hit[0], tuple(hit[1])))
    return out


def surname_span(sentence: str, surname: Optional[str]) -> Optional[tuple[int, int]]:
    """The citation span in ``sentence`` naming ``surname``, else the first one (None without any)."""
    from litmap.analyse.debates.citefunction import find_citation_spans

    spans = find_citation_spans(sentence)
    if surname:
        low = surname.lower()
        for a, b in spans:
            if low in sentence[a:b].lower():
                return (a, b)
    return spans[0] if spans else None


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


def _contexts(conn: sqlite3.Connection, data: CorpusData,
              memo: Optional[TextMemo] = None) -> tuple[list[CitationContext], list[bool]]:
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
        fn = (classify(sentence, lambda: citation_span(sentence, raw or ""), memo, "raw", raw or "")
              if sentence else "background")
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


def load_debate_inputs(conn: sqlite3.Connection, lexicon: Lexicon, *, data: Optional[CorpusData] = None,
                       paragraphs: Optional[list[ProseParagraph]] = None,
                       memos: Optional[TextMemos] = None) -> DebateInputs:
    """Read a store (read-only) and match the lexicon in paragraphs and citing sentences.

    ``data`` (:func:`load_corpus_data` of ``conn``) and ``paragraphs``
    (:func:`prose_paragraphs`) spare reading them again when the caller has
    them; ``memos`` remember matches and citation functions between runs."""
    data = data if data is not None else load_corpus_data(conn)
    contexts, narrative = _contexts(conn, data, memos.functions if memos else None)
    data = dataclasses.replace(data, contexts=tuple(contexts))
    if paragraphs is None:
        paragraphs = prose_paragraphs(conn, lexicon, data.papers, memos.concepts if memos else None)
    para_concepts: dict[tuple[int, int], dict[str, int]] = {}
    words: Counter[int] = Counter()
    n_paragraphs: Counter[int] = Counter()
    for p in paragraphs:
        if p.doc_id not in data.papers:
            continue
        words[p.doc_id] += p.words
        n_paragraphs[p.doc_id] += 1
        if p.concepts:
            para_concepts[(p.doc_id, p.idx)] = dict(sorted(Counter(p.concepts).items()))
    sentence_cache: dict[str, frozenset[str]] = {}
    ctx_concepts = []
    for c in contexts:
        if c.sentence not in sentence_cache:
            found = _match(c.sentence, lexicon, memos.concepts if memos else None)[1]
            sentence_cache[c.sentence] = frozenset(found)
        ctx_concepts.append(sentence_cache[c.sentence])
    log.info("debate inputs: %d papers, %d contexts, %d paragraphs with concepts",
             len(data.papers), len(contexts), len(para_concepts))
    return DebateInputs(data, tuple(ctx_concepts), tuple(narrative), para_concepts, dict(words), dict(n_paragraphs))


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
