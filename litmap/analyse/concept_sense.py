"""Whether a concept mention is meant in the lexicon's sense, decided in context.

One rule serves the debate maps (:mod:`litmap.analyse.debates.engagement`)
and the concept views (the concept network, thematic map, three-field plot
and concept timelines), so a term that a debate map refuses is not counted
by the concept views either:

* **another sense**: the lexicon's ``not_near`` words ("zoning" beside
  "areal units" or "MAUP", "topographic" beside "terrain" or "TIGER",
  "metropolitan area" beside "census" or "MSA") void a concept in the text
  that holds them; that happens at matching (:mod:`litmap.analyse.concepts`);
* **strong and weak**: a mention is *strong* evidence of a debate unless the
  lexicon marks the concept ``weak`` there ("metropolitan area", "territory",
  "topography" and "zoning" are words of every field); a weak mention counts
  only beside strong evidence of the same debate (:func:`weak_supported`).

For the debate maps the support is the paragraph's strong mentions or its
citations of the debate's core works.  The concept views serve no single
debate: there a mention counts (:func:`fitting_mentions`) when its concept is
strong in one of its debates, or when, for a debate it is weak in, the same
paragraph holds a strong mention of that debate, or the same paper holds at
least :data:`PAPER_SUPPORT` of them (a gentrification paper's "displacement"
in a paragraph that does not repeat "gentrification"), or the paper holds at
least :data:`FIELD_SUPPORT` strong mentions of any debate: a paper written in
the lexicon's field uses its words in that field's sense (Harvey's "urban
governance"), while a census guide saying "metropolitan area" a hundred times
and "gentrification" once does not.  Everything is read from the lexicon, so a
user's lexicon decides for its own terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Hashable, Mapping, Optional, Sequence, TypeVar

from litmap.analyse.concepts import Lexicon

__all__ = ["PAPER_SUPPORT", "FIELD_SUPPORT", "split_by_strength", "weak_supported", "SenseIndex", "fitting_mentions"]

K = TypeVar("K", bound=Hashable)

# Strong mentions of a debate that a paper needs before its weak terms count in
# paragraphs without strong evidence of their own (1 would let one stray word
# decide every ambiguous term of a paper).
PAPER_SUPPORT = 2
# Strong mentions of the lexicon (any debate) that make a paper one of the field's: its weak terms
# then count throughout (their other senses are still voided by ``not_near``).
FIELD_SUPPORT = 5


def split_by_strength(lexicon: Lexicon, debate_id: Optional[str],
                      members: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(strong, weak) concept ids among ``members`` for ``debate_id``; with no debate (a single
    concept's map) every member is strong."""
    if debate_id is None:
        return members, frozenset()
    weak = frozenset(c for c in members if lexicon.get(c).weak_in(debate_id))
    return members - weak, weak


def weak_supported(strong: int, citations: int = 0) -> bool:
    """Whether weak mentions count: beside ``strong`` mentions of the same debate or ``citations``
    of its core works."""
    return strong > 0 or citations > 0


class SenseIndex:
    """Each concept's debates split by strength, read once from a lexicon."""

    def __init__(self, lexicon: Lexicon):
        self.strong_in: dict[str, frozenset[str]] = {}
        self.weak_in: dict[str, frozenset[str]] = {}
        for c in lexicon.concepts:
            weak = frozenset(d for d in c.debates if c.weak_in(d))
            self.weak_in[c.id] = weak
            # a concept in no debate is its own field: strong unless marked weak
            self.strong_in[c.id] = frozenset(c.debates) - weak if c.debates else (
                frozenset() if c.weak else frozenset({c.id}))
        self.weak_alone = frozenset(c.id for c in lexicon.concepts if not c.debates and c.weak)

    def always(self, concept_id: str) -> bool:
        """Whether every mention counts: the concept is strong evidence of one of its debates
        (ids the lexicon does not know count, as the matcher never gives them)."""
        strong = self.strong_in.get(concept_id)
        return strong is None or bool(strong)

    def strong_debates(self, found: Sequence[str]) -> Counter[str]:
        """Strong mentions per debate among the concept ids ``found`` (repeats count)."""
        out: Counter[str] = Counter()
        for cid in found:
            out.update(self.strong_in.get(cid, ()))
        return out

    def fits(self, concept_id: str, here: Mapping[str, int], paper: Mapping[str, int], paper_strong: int = 0,
             paper_support: int = PAPER_SUPPORT, field_support: int = FIELD_SUPPORT) -> bool:
        """Whether one mention of ``concept_id`` counts, given the strong mentions per debate in its
        paragraph (``here``) and in its paper (``paper``), and the paper's strong mentions in all
        (``paper_strong``, each mention once)."""
        if self.always(concept_id):
            return True
        if paper_strong >= field_support:
            return True
        if concept_id in self.weak_alone:  # weak and in no debate: beside any strong mention
            return weak_supported(sum(here.values()))
        return any(weak_supported(here.get(d, 0)) or paper.get(d, 0) >= paper_support
                   for d in self.weak_in.get(concept_id, ()))


def _paper_of(key: Hashable) -> Hashable:
    return key[0] if isinstance(key, tuple) and key else key


def fitting_mentions(units: Mapping[K, Sequence[str]], lexicon: Lexicon, *,
                     paper_of: Callable[[K], Hashable] = _paper_of,
                     paper_support: int = PAPER_SUPPORT, field_support: int = FIELD_SUPPORT) -> dict[K, list[str]]:
    """The mentions of each unit (a paragraph: concept ids in text order, repeats kept, as the
    matcher gives them) whose sense fits, in the same order; units left with none are dropped.

    ``paper_of`` names the paper of a unit (the first item of a tuple key such as
    ``(paper, paragraph)`` by default); a paper's strong mentions support weak terms in its
    other paragraphs once they reach ``paper_support`` for the weak term's debate, or
    ``field_support`` over all debates."""
    index = SenseIndex(lexicon)
    here = {k: index.strong_debates(found) for k, found in units.items()}
    per_paper: dict[Hashable, Counter[str]] = defaultdict(Counter)
    strong_total: Counter[Hashable] = Counter()
    for k, found in units.items():
        per_paper[paper_of(k)].update(here[k])
        strong_total[paper_of(k)] += sum(1 for cid in found if index.always(cid))
    out: dict[K, list[str]] = {}
    for k, found in units.items():
        p = paper_of(k)
        kept = [cid for cid in found
                if index.fits(cid, here[k], per_paper[p], strong_total[p], paper_support, field_support)]
        if kept:
            out[k] = kept
    return out
