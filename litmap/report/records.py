"""Typed records of a report: papers, works, the overview and "What changed".

:func:`litmap.report.data.gather_report_data` builds them; the page,
``report.md``, the figures and the CSV exports read them.  The page embeds
them as JSON for its script: :func:`to_json` gives the plain values (as
``dataclasses.asdict`` would), so field order here is the key order the
page has always had; do not reorder fields.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Optional

from litmap.store.report_read import FinishedRun

__all__ = [
    "ReportRef", "ReportPaper", "ReportContext", "ReportWork", "ContextRow", "UnreferencedPaper", "FlaggedPaper",
    "FailedFile", "MostCited", "CentralPaper", "Burst", "ReportOverview", "CountChange", "TopicChange",
    "CampChange", "ReportChanges", "to_json",
]


# -- papers and works ----------------------------------------------------------------

#: Shown after the label of a work whose names are likely OCR misreadings (WorkInfo.ocr_suspect).
OCR_SUSPECT_MARK = "[OCR?]"
#: Shown after the label of a work cited by surnames and year only, where several works of the corpus fit
#: those alike (WorkInfo.fits): "Smith 1979 [which?]" beside "Smith 1979, Toward a theory of gentrification".
NAME_ONLY_MARK = "[which?]"


@dataclass(frozen=True)
class ReportRef:
    """One entry of a paper's reference list; ``work`` is the cited work's id when the report has it."""

    raw: str
    work: Optional[str]


@dataclass(frozen=True)
class ReportPaper:
    """A corpus paper as the report shows it (``file`` is the file's name, not its path)."""

    id: int
    label: str  # "Brenner 2004", or the file name when the paper has no authors
    title: str
    authors: tuple[str, ...]
    year: Optional[int]
    journal: Optional[str]
    doi: Optional[str]
    volume: Optional[str]
    issue: Optional[str]
    pages: Optional[str]
    file: str
    n_pages: Optional[int]
    ocr: bool
    warnings: tuple[str, ...]
    abstract: str
    work: Optional[str]  # the work this paper resolves to
    refs: tuple[ReportRef, ...]
    n_citations: int
    cited_in_corpus: tuple[int, ...] = ()  # other corpus papers citing it
    topics: tuple[tuple[int, float], ...] = ()  # (topic id, share of its passages), largest first
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportContext:
    """A sentence citing a work, as shown on the work's page; ``function`` only for classified ones."""

    paper: int
    page: Optional[int]
    section: str
    sentence: str
    function: Optional[str] = None


@dataclass(frozen=True)
class ReportWork:
    """A cited work (or a corpus paper as a work); ``contexts`` holds the first citing sentences."""

    id: str
    label: str
    title: str
    year: Optional[int]
    doi: Optional[str]
    author: Optional[str]  # first author's surname
    paper: Optional[int]  # the corpus paper that is this work
    cited_by: tuple[int, ...]
    contexts: tuple[ReportContext, ...]
    n_contexts: int  # all citing sentences, shown or not
    functions: dict[str, int]  # citation function -> sentences, of those shown
    initials: Optional[str] = None  # the first author's initials as the references print them ("PF"), if any


@dataclass(frozen=True)
class ContextRow:
    """A row of ``data/contexts.csv``: every sentence citing a work."""

    work: str
    paper: int
    page: Optional[int]
    section: str
    sentence: str


# -- overview ----------------------------------------------------------------------------

@dataclass(frozen=True)
class UnreferencedPaper:
    id: int
    path: str  # file name


@dataclass(frozen=True)
class FlaggedPaper:
    """A paper the extraction-health section lists, with what is wrong (garbled layer, guessed fields)."""

    id: int
    path: str  # file name
    note: str


@dataclass(frozen=True)
class FailedFile:
    path: str  # file name
    reason: str


@dataclass(frozen=True)
class MostCited:
    work: str
    papers: int  # citing corpus papers


@dataclass(frozen=True)
class CentralPaper:
    paper: int
    pagerank: float
    coupling_strength: int
    cited_in_corpus: int


@dataclass(frozen=True)
class Burst:
    work: str
    start: int
    end: int
    strength: float


@dataclass(frozen=True)
class ReportOverview:
    papers: int
    failed: int
    removed: int
    pages: int
    works: int
    references: int
    citations: int
    year_min: Optional[int]
    year_max: Optional[int]
    years: tuple[tuple[int, int], ...]  # (year, papers)
    no_year: int
    journals: tuple[tuple[str, int], ...]  # (journal, papers), most papers first
    n_journals: int
    no_references: tuple[UnreferencedPaper, ...]
    ocr: tuple[int, ...]  # ids of papers read with OCR
    failures: tuple[FailedFile, ...]
    most_cited: tuple[MostCited, ...] = ()
    most_central: tuple[CentralPaper, ...] = ()
    bursts: tuple[Burst, ...] = ()
    bursts_note: str = ""  # why no burst was found (empty when some were)
    burst_span: tuple[int, ...] = ()  # (first, last) citing year, for the burst bars
    garbled: tuple[FlaggedPaper, ...] = ()  # papers whose text layer is garbled (litmap.read.garbled)
    ocr_pages: int = 0  # pages read by OCR, over every paper
    guessed: tuple[FlaggedPaper, ...] = ()  # papers with guessed header fields ("year")
    #: (label, why) of the works whose names are likely OCR misreadings only scanned lists cite:
    #: marked OCR_SUSPECT_MARK where listed, never ranked.
    ocr_suspect: tuple[tuple[str, str], ...] = ()
    #: (label, the works it may be) of the works cited by surnames and year only that several works fit:
    #: marked NAME_ONLY_MARK where listed.
    name_only: tuple[tuple[str, str], ...] = ()
    #: (paper id, its files) of the papers held in more than one file: one work, counted once everywhere,
    #: from the file with the most reference entries.
    same_paper: tuple[tuple[int, str], ...] = ()


# -- what changed ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CountChange:
    """A count of the two last runs (None where a run did not record it)."""

    name: str
    before: Any
    after: Any


#: A topic's change in passages worth naming: at least NOTABLE_PASSAGES and NOTABLE_SHARE of its old size,
#: or NOTABLE_ALWAYS passages whatever its size.  Adding one paper moves a few passages into many topics
#: ("German interviewees 182 -> 183"); those are counted, not listed one by one.
NOTABLE_PASSAGES = 3
NOTABLE_SHARE = 0.05
NOTABLE_ALWAYS = 10


@dataclass(frozen=True)
class TopicChange:
    label: str
    before: int  # passages in the previous report
    after: int

    @property
    def notable(self) -> bool:
        """Whether the change is large enough to name (:data:`NOTABLE_PASSAGES` and :data:`NOTABLE_SHARE`, or
        :data:`NOTABLE_ALWAYS`)."""
        change = abs(self.after - self.before)
        return change >= NOTABLE_ALWAYS or (change >= NOTABLE_PASSAGES and change >= NOTABLE_SHARE * max(self.before, 1))


@dataclass(frozen=True)
class CampChange:
    """A co-citation camp that split (one before, several after) or several that merged."""

    kind: str  # split | merged
    before: tuple[str, ...]  # camp labels
    after: tuple[str, ...]
    works: int  # works that moved


@dataclass(frozen=True)
class ReportChanges:
    """Changes since the previous report built into the same folder (``first``: there was none)
    and the counts of the last two recorded runs.

    ``newly_central`` and ``camp_changes`` are None when the previous
    snapshot was written before litmap kept what they compare."""

    first: bool
    runs: tuple[FinishedRun, ...]
    run_counts: tuple[CountChange, ...] = ()
    new_papers: tuple[str, ...] = ()
    removed_papers: tuple[str, ...] = ()
    new_topics: tuple[str, ...] = ()
    grown_topics: tuple[TopicChange, ...] = ()
    shrunk_topics: tuple[TopicChange, ...] = ()
    gone_topics: tuple[str, ...] = ()
    new_bursts: tuple[str, ...] = ()
    new_concepts: tuple[str, ...] = ()
    newly_central: Optional[tuple[str, ...]] = None
    camp_changes: Optional[tuple[CampChange, ...]] = None
    new_paper_ids: tuple[int, ...] = ()  # the paper of each entry of new_papers (for links)
    run: Optional[int] = None  # the run this report was built in (None outside a run)
    since_run: Optional[int] = None  # the run of the previous report compared with
    # Nothing changed since the previous report: ``last`` holds the last real changes (their run and since_run).
    unchanged: bool = False
    last: Optional["ReportChanges"] = None


def to_json(record: Any, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record as ``json.dumps`` writes ``dataclasses.asdict(record)``, without the fields in ``skip``.

    Only nested records are converted (tuples and dicts are left for
    ``json.dumps``): ``asdict`` deep-copies every value, which took a second
    per page of 2,000 papers.  A :class:`ReportContext` without a citation
    function has no ``function`` key, as the page's script has always read it.
    """
    if isinstance(record, ReportContext) and record.function is None:
        skip = (*skip, "function")
    out: dict[str, Any] = {}
    for name in _field_names(type(record)):
        if name in skip:
            continue
        value = getattr(record, name)
        if _is_record(value):
            value = to_json(value)
        elif isinstance(value, tuple) and value and _is_record(value[0]):
            value = [to_json(v) for v in value]
        out[name] = value
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _is_record(value: Any) -> bool:
    return is_dataclass(value) and not isinstance(value, type)
