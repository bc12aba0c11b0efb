"""What ``litmap concepts`` shows: the lexicon's concepts, searched by a
query, with their mentions in a corpus when a store is at hand.

A query matches a concept when it occurs (case, spaces and hyphens not
minding) in its id, label, a variant, its gloss, or the id or label of one
of its debates, so ``litmap concepts gentrification`` lists the concepts of
that debate too.  Mentions are counted as the report counts them: concept
matches in the papers' body paragraphs, read from the store's remembered
matches where the lexicon is unchanged.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any, Optional

from litmap.analyse.concepts import Concept, Lexicon, name_key

__all__ = ["ConceptRow", "search_concepts", "concept_mentions", "concept_rows", "close_names"]


@dataclass(frozen=True)
class ConceptRow:
    """One concept as listed; ``mentions``/``papers`` are None without a store."""

    id: str
    label: str
    debates: tuple[str, ...]
    variants: tuple[str, ...]
    gloss: str
    mentions: Optional[int] = None
    papers: Optional[int] = None


def _haystack(concept: Concept, lexicon: Lexicon) -> list[str]:
    debates = [d for i in concept.debates for d in (i, lexicon.debates[i].label if i in lexicon.debates else "")]
    return [name_key(t) for t in (concept.id, concept.label, *concept.variants, concept.gloss, *debates) if t]


def search_concepts(lexicon: Lexicon, query: Optional[str] = None) -> list[Concept]:
    """The lexicon's concepts (in lexicon order) that ``query`` matches; all without a query."""
    key = name_key(query or "")
    if not key:
        return list(lexicon.concepts)
    return [c for c in lexicon.concepts if any(key in h for h in _haystack(c, lexicon))]


def close_names(lexicon: Lexicon, query: str, n: int = 3) -> list[str]:
    """Concept and debate ids whose id or label is close to ``query`` (for "did you mean")."""
    pool: dict[str, str] = {}
    for i, d in lexicon.debates.items():
        pool.setdefault(name_key(i), i)
        pool.setdefault(name_key(d.label), i)
    for c in lexicon.concepts:
        pool.setdefault(name_key(c.id), c.id)
        pool.setdefault(name_key(c.label), c.id)
    close = difflib.get_close_matches(name_key(query), list(pool), n=n, cutoff=0.6)
    return list(dict.fromkeys(pool[k] for k in close))


def concept_mentions(conn: sqlite3.Connection, lexicon: Lexicon, papers: Any) -> dict[str, tuple[int, int]]:
    """Per concept id: (mentions, papers mentioning it) in the body paragraphs of ``papers`` (ids),
    counting the mentions whose sense fits, as the report does
    (:func:`litmap.analyse.concept_sense.fitting_mentions`)."""
    from litmap.analyse.concept_sense import fitting_mentions
    from litmap.analyse.debates.data import prose_paragraphs, text_memos

    memos = text_memos(conn, lexicon)
    mentions: Counter[str] = Counter()
    docs: dict[str, set[int]] = {}
    raw = {(p.doc_id, p.idx): list(p.concepts)
           for p in prose_paragraphs(conn, lexicon, set(papers), memos.concepts) if p.kind == "body" and p.concepts}
    for (doc_id, _), found in fitting_mentions(raw, lexicon).items():
        mentions.update(found)
        for cid in set(found):
            docs.setdefault(cid, set()).add(doc_id)
    return {cid: (n, len(docs[cid])) for cid, n in mentions.items()}


def concept_rows(concepts: list[Concept], counts: Optional[dict[str, tuple[int, int]]] = None) -> list[ConceptRow]:
    """Rows for ``concepts``; with ``counts`` each row carries its mentions (0 when none)."""
    out = []
    for c in concepts:
        n, docs = counts.get(c.id, (0, 0)) if counts is not None else (None, None)
        out.append(ConceptRow(c.id, c.label, c.debates, c.variants, c.gloss, n, docs))
    return out
