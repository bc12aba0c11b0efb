"""What the debate maps read from a store: concept hits per paragraph and
citation contexts with their function.

The one module of :mod:`litmap.analyse.debates` that is handed a store
connection: it reads the store's read models (:mod:`litmap.store.corpusdata`,
:mod:`litmap.store.contexts`, :mod:`litmap.store.memo`) and builds
:class:`DebateInputs` from them, so the map itself
(:func:`litmap.analyse.debates.maps.debate_maps_from_inputs`) is a pure
function of its inputs, and tests can build inputs by hand.
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
from typing import Any, Callable, Optional, Sequence

from litmap.analyse.concepts import Lexicon, match_concepts
from litmap.analyse.debates.citefunction import classify_citation
from litmap.analyse.debates.maps import check_targets, debate_maps_from_inputs
from litmap.analyse.debates.records import DebateInputs, DebateMap, DebateSettings, Engagement, EvidencePassage
from litmap.progress import Progress, ProgressEvent, resolve
from litmap.store.contexts import CitationGroup, load_citation_groups, load_paragraph_keys, load_paragraph_texts
from litmap.store.corpusdata import CitationContext, CorpusData, load_corpus_data
from litmap.store.memo import TextMemo

__all__ = ["DebateInputs", "TextMemos", "ProseParagraph", "debate_maps", "load_debate_inputs", "debate_inputs",
           "prose_paragraphs", "citation_contexts", "text_memos", "classify", "citation_span", "surname_span"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
# Paragraph kinds that are not the paper's own prose.
_SKIP_KINDS = ("reference", "front", "caption", "footnote")
#: Sections whose paragraphs are no prose of the paper: acknowledgements, funding, data statements and the
#: journal's pages ("About Federal Governance" describes the journal in the debate's words).
_SKIP_SECTIONS = ("acknowledgements",)


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
    from litmap.analyse.debates import citemodel

    fp_functions = code_fingerprint(citefunction, citemodel, textnorm, here, extra=citemodel.model_text())
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
    rows = [k for k in load_paragraph_keys(conn, _SKIP_KINDS, _SKIP_SECTIONS) if k.doc_id in papers]
    known = [memo.get(k.text_hash) if memo is not None else None for k in rows]
    missing = {k.doc_id for k, hit in zip(rows, known) if hit is None}
    texts = load_paragraph_texts(conn, sorted(missing))
    out = []
    for k, hit in zip(rows, known):
        if hit is None:
            text = texts.get((k.doc_id, k.idx))
            if text is None:  # the document was replaced between the two reads (a writer committed)
                continue
            hit = _match(text, lexicon, memo, k.text_hash)
        out.append(ProseParagraph(k.doc_id, k.idx, k.kind, hit[0], tuple(hit[1])))
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


def citation_contexts(groups: Sequence[CitationGroup], data: CorpusData,
                      memo: Optional[TextMemo] = None) -> tuple[list[CitationContext], list[bool]]:
    """The citations of ``data``'s papers naming some of its works, each
    classified by function, and whether each is narrative."""
    out: list[CitationContext] = []
    narrative: list[bool] = []
    for g in groups:
        if g.paper_id not in data.papers:
            continue
        wids = dict.fromkeys(w for w in g.work_ids if w in data.works)
        if not wids:
            continue
        sentence, raw = g.sentence or "", g.raw or ""
        fn = (classify(sentence, lambda: citation_span(sentence, raw), memo, "raw", raw)
              if sentence else "background")
        out.append(CitationContext(g.paper_id, tuple(wids), sentence, g.paragraph or 0, g.section, g.page or 0, fn))
        narrative.append(g.kind == "narrative")
    return out, narrative


def load_debate_inputs(conn: sqlite3.Connection, lexicon: Lexicon, *, data: Optional[CorpusData] = None,
                       paragraphs: Optional[list[ProseParagraph]] = None,
                       memos: Optional[TextMemos] = None) -> DebateInputs:
    """Read a store (read-only) and match the lexicon in paragraphs and citing sentences.

    ``data`` (:func:`load_corpus_data` of ``conn``) and ``paragraphs``
    (:func:`prose_paragraphs`) spare reading them again when the caller has
    them; ``memos`` remember matches and citation functions between runs."""
    data = data if data is not None else load_corpus_data(conn)
    groups = load_citation_groups(conn)
    if paragraphs is None:
        paragraphs = prose_paragraphs(conn, lexicon, data.papers, memos.concepts if memos else None)
    return debate_inputs(data, groups, paragraphs, lexicon, memos)


def debate_inputs(data: CorpusData, groups: Sequence[CitationGroup], paragraphs: Sequence[ProseParagraph],
                  lexicon: Lexicon, memos: Optional[TextMemos] = None) -> DebateInputs:
    """:class:`DebateInputs` of ``data`` from its citations and prose paragraphs (pure but for the memos)."""
    contexts, narrative = citation_contexts(groups, data, memos.functions if memos else None)
    data = dataclasses.replace(data, contexts=tuple(contexts))
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


def debate_maps(
    conn: sqlite3.Connection,
    lexicon: Lexicon,
    settings: DebateSettings = DebateSettings(),
    concepts: Optional[Sequence[str]] = None,
    *,
    progress: Optional[Progress] = None,
    inputs: Optional[DebateInputs] = None,
) -> list[DebateMap]:
    """Maps for every debate of ``lexicon`` (``concepts=None``) or for the
    named debates / concepts, in the order given.  Reads the store only.
    ``inputs`` (:func:`load_debate_inputs` of ``conn``) spares reading them again.

    A name is a debate id, else a concept id; ``concept:ID`` / ``debate:ID``
    say which when both exist (the default lexicon has debates and concepts
    both called ``assemblage``, ``state-rescaling``, ``city-regionalism``).
    Raises :class:`~litmap.errors.InputError` for an unknown name.
    """
    from litmap.analyse.topics.result import load_topic_result

    check_targets(lexicon, concepts)  # fail on a bad name before reading anything
    resolve(progress)(ProgressEvent("debates", 0, 0, message="reading citations and matching concepts"))
    if inputs is None:  # remembered concept matches and citation functions (a report stores them) spare redoing them
        inputs = load_debate_inputs(conn, lexicon, memos=text_memos(conn, lexicon))
    try:
        topic_result = load_topic_result(conn)
    except Exception as exc:  # an unreadable or older artifact must not stop the map
        log.warning("topic result not readable (%s); maps omit topic overlap", exc)
        topic_result = None
    maps = debate_maps_from_inputs(inputs, lexicon, settings, concepts, topic_result=topic_result, progress=progress)
    return _with_passage_texts(conn, inputs, maps)


def _with_passage_texts(conn: sqlite3.Connection, inputs: DebateInputs, maps: list[DebateMap]) -> list[DebateMap]:
    """Each engagement's evidence passages with their text (shortened to 600 characters) and page (the page
    of a citation in the paragraph, when it has one), so the report can show them."""
    wanted = {e.paper_id for m in maps for e in m.papers if e.passages}
    if not wanted:
        return maps
    texts = load_paragraph_texts(conn, sorted(wanted))
    pages: dict[tuple[int, int], int] = {}
    for c in inputs.data.contexts:
        if c.page:
            pages.setdefault((c.paper_id, c.paragraph), c.page)

    def fill(e: Engagement) -> Engagement:
        passages = tuple(dataclasses.replace(
            p, text=" ".join(texts.get((e.paper_id, p.paragraph), "").split())[:600],
            page=p.page or pages.get((e.paper_id, p.paragraph))) for p in e.passages)
        return dataclasses.replace(e, passages=readable_first(passages))

    return [dataclasses.replace(m, papers=tuple(fill(e) for e in m.papers)) for m in maps]


def readable_first(passages: tuple[EvidencePassage, ...]) -> tuple[EvidencePassage, ...]:
    """The passages in their order, those with broken words ("regiongssen;‘_blage": a text layer read across
    an abstract's keyword column) moved last, so that the quote shown first is one a scholar can read."""
    from litmap.read.garbled import broken_words

    return tuple(sorted(passages, key=lambda p: broken_words(p.text or "") > 0))
