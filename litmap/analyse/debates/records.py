"""The records of a debate map: settings, the inputs a map is built from,
the map, and its parts (engaging papers, anchors, quotes, camps, bridges,
topic overlap).  Plain frozen data, imported by every other module of
:mod:`litmap.analyse.debates`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional

from litmap.errors import InputError
from litmap.store.corpusdata import CorpusData

__all__ = [
    "SCOPES", "DebateSettings", "DebateInputs", "DebateMap", "Engagement", "EvidencePassage", "YearCount", "Quote", "FunctionCounts",
    "AnchorWork", "Camp", "Bridge", "CooccurringConcept", "TopicOverlap",
]


@dataclass(frozen=True)
class DebateInputs:
    """Everything a debate map needs, decoupled from SQL.

    ``data`` is the network layer's corpus view whose ``contexts`` carry a
    citation ``function`` (uses | supports | critiques | background);
    ``context_concepts[i]`` are the concept ids mentioned in the sentence of
    ``data.contexts[i]`` and ``narrative[i]`` whether that citation is
    integral to the sentence ("Wu (2016) argues"), not parenthetical;
    ``para_concepts`` counts concept mentions per body paragraph
    ``(paper_id, paragraph idx)``; ``words`` and ``paragraphs`` are each
    paper's body word and paragraph counts.  Built by
    :func:`litmap.analyse.debates.data.load_debate_inputs`.
    """

    data: CorpusData
    context_concepts: tuple[frozenset[str], ...]
    narrative: tuple[bool, ...]
    para_concepts: Mapping[tuple[int, int], Mapping[str, int]]
    words: Mapping[int, int]
    paragraphs: Mapping[int, int]


@dataclass(frozen=True)
class EvidencePassage:
    """A paragraph that counts toward a paper's engagement: its ``score``,
    the debate's ``terms`` in it (concept id, mentions) and citations of the
    debate's core works; ``page`` and ``text`` (shortened) are filled in
    when the map is read from a store."""

    paragraph: int
    score: float
    terms: tuple[tuple[str, int], ...]
    core_citations: int = 0
    page: Optional[int] = None
    text: str = ""


@dataclass(frozen=True)
class Engagement:
    """A paper engaging a debate: counted concept ``mentions`` in its body
    (weak ones only beside strong evidence), per 1,000 words, and the share
    of its paragraphs that count; ``score`` is the evidence (strong + counted
    weak mentions + 0.5 per core-work citation), ``density`` the score per
    1,000 words; ``terms`` the concepts counted, ``weak_dropped`` weak
    mentions left out (no strong evidence beside them), ``passages`` the
    strongest paragraphs (see :mod:`litmap.analyse.debates.engagement`); ``probability`` the engagement
    model's (``None`` when the lexicon rule decided)."""

    paper_id: int
    title: Optional[str]
    year: Optional[int]
    mentions: int
    per_1000_words: float
    paragraph_share: float
    score: float = 0.0
    density: float = 0.0
    terms: tuple[tuple[str, int], ...] = ()
    weak_dropped: int = 0
    passages: tuple[EvidencePassage, ...] = ()
    # the engagement model's probability (None: the lexicon rule decided, see engagement_model)
    probability: Optional[float] = None


@dataclass(frozen=True)
class YearCount:
    """One year of a debate: concept mentions, engaging papers, citations in its contexts."""

    year: int
    mentions: int
    papers: int
    citations: int


@dataclass(frozen=True)
class Quote:
    sentence: str
    paper_id: int
    title: Optional[str]
    year: Optional[int]
    page: int
    function: str


@dataclass(frozen=True)
class FunctionCounts:
    """How a work is cited in a debate's contexts; ``supporters`` are the
    papers citing it with uses/supports, ``critics`` with critiques."""

    work_id: str
    label: str
    uses: int
    supports: int
    critiques: int
    background: int
    supporters: tuple[int, ...]
    critics: tuple[int, ...]
    contested: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "contested", self.critiques > 0 and self.uses + self.supports > 0)


@dataclass(frozen=True)
class AnchorWork:
    """A work most cited in a debate's contexts, ranked by ``score``: each
    citation weighs 1 when its sentence names the debate, 0.5 when only its
    paragraph does, narrative citations 1.5 times that; per citing paper
    the weights sum to s and the spread adds log2(1 + s) over papers; the score is
    the spread times the work's specificity to the debate (see anchors.specificity).  ``share``:
    the part of all the work's citations in the corpus in this debate."""

    work_id: str
    label: str
    year: Optional[int]
    score: float
    citations: int
    papers: int
    share: float
    functions: FunctionCounts
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Camp:
    """A co-citation community of a debate's works.  ``works`` are
    (work id, label, citations in the debate), ``papers`` (paper id,
    approving or neutral citations of the camp's works), ``critics`` the
    papers citing the camp's works critically."""

    id: int
    label: str
    terms: tuple[tuple[str, float], ...]
    works: tuple[tuple[str, str, int], ...]
    papers: tuple[tuple[int, int], ...]
    critics: tuple[int, ...]


@dataclass(frozen=True)
class Bridge:
    """A work or concept linking this debate to ``debates`` (strongest
    link first: most citations of the work there, or most paragraphs
    linking the concept to works cited there)."""

    id: str
    label: str
    betweenness: float
    debates: tuple[str, ...]


@dataclass(frozen=True)
class CooccurringConcept:
    """A concept outside the debate mentioned in ``paragraphs`` of the
    debate's paragraphs (``share`` of them)."""

    id: str
    label: str
    paragraphs: int
    share: float
    debates: tuple[str, ...]


@dataclass(frozen=True)
class TopicOverlap:
    """Passages of the debate's paragraphs in a topic: their ``share_of_debate``
    and the ``share_of_topic`` that they make up."""

    topic_id: int
    label: str
    passages: int
    share_of_debate: float
    share_of_topic: float


SCOPES = ("sentence", "paragraph")


@dataclass(frozen=True)
class DebateSettings:
    """How debate maps are built.

    ``scope``: a citation is in a debate when its sentence or its paragraph
    mentions the debate's concepts.  ``min_mentions``: mentions a paper
    needs to count as engaging the debate.  ``top_works``: anchors listed.
    ``camp_works``: the most-cited works of the debate that camps are
    formed from.  ``min_camp_size``: smaller communities are not reported.
    ``quotes``: representative sentences per anchor.  ``cluster_method``
    (``leiden`` or ``louvain``), ``resolution`` and ``seed``: the camp
    clustering's.  ``label_method``: ``llr`` or ``ctfidf``.
    ``bridge_samples``: source nodes sampled for betweenness in the concept
    × work graph (exact below that many nodes; seeded above).
    ``relative_threshold``: a paper engages a debate when its evidence per
    1,000 words reaches this share of the median over the papers with any
    evidence of it (and its evidence reaches ``min_mentions``).
    """

    scope: str = "paragraph"
    min_mentions: int = 2
    top_works: int = 15
    camp_works: int = 40
    min_camp_size: int = 2
    quotes: int = 2
    top_concepts: int = 10
    top_bridges: int = 10
    cluster_method: str = "leiden"
    resolution: float = 1.0
    seed: int = 42
    label_method: str = "llr"
    label_terms: int = 5
    bridge_samples: int = 200
    relative_threshold: float = 0.25

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise InputError(f"scope must be one of {', '.join(SCOPES)}, not {self.scope!r}")
        if self.label_method not in ("llr", "ctfidf"):
            raise InputError(f"label_method must be 'llr' or 'ctfidf', not {self.label_method!r}")
        if self.cluster_method not in ("leiden", "louvain"):
            raise InputError(f"cluster_method must be 'leiden' or 'louvain', not {self.cluster_method!r}")
        for name in ("min_mentions", "top_works", "camp_works", "min_camp_size", "top_concepts", "top_bridges",
                     "label_terms", "bridge_samples"):
            if getattr(self, name) < 1:
                raise InputError(f"{name} must be at least 1 (got {getattr(self, name)})")
        if self.quotes < 0:
            raise InputError("quotes must be 0 or more")
        if not 0 <= self.relative_threshold <= 10:
            raise InputError("relative_threshold must be between 0 and 10 (a share of the corpus median density)")
        if self.resolution <= 0:
            raise InputError("resolution must be positive (1.0 is standard modularity; higher gives smaller camps)")


@dataclass(frozen=True)
class DebateMap:
    """The map of one debate (``kind="debate"``) or one concept (``"concept"``)."""

    id: str
    kind: str
    label: str
    gloss: str
    concepts: tuple[str, ...]
    mentions: tuple[tuple[str, int], ...]  # (concept id, mentions in the corpus), most first
    papers: tuple[Engagement, ...]
    first_year: Optional[int]
    last_year: Optional[int]
    timeline: tuple[YearCount, ...]
    n_contexts: int
    anchors: tuple[AnchorWork, ...]
    camps: tuple[Camp, ...]
    contested: tuple[FunctionCounts, ...]
    bridging_works: tuple[Bridge, ...]
    bridging_concepts: tuple[Bridge, ...]
    cooccurring: tuple[CooccurringConcept, ...]
    topics: Optional[tuple[TopicOverlap, ...]]
    notes: tuple[str, ...] = ()
    # per contested work (the first five): (work id, a quote citing it approvingly, a quote citing it critically)
    stance_quotes: tuple[tuple[str, Quote, Quote], ...] = ()
