"""Resolve the works named across a corpus to stable work ids.

A work reaches us in three ways: as a reference-list entry, as an in-text
citation in a paper without a reference list (surnames + year only), or as a
corpus paper itself (its header metadata).  A corpus paper cited by another
corpus paper must resolve to the same work: that gives the direct-citation
network.

Rules, in order:

1. equal DOIs are one work;
2. entries with titles: same first-author surname (fuzzy) and year (±1 when
   the titles agree closely, for online-first vs issue years), titles similar
   enough, and no disagreeing DOI or initials;
3. reference entries read without a title or DOI, then citation-only items,
   join the titled work their surnames, year (+suffix), co-authors and
   initials agree with, when exactly one does; otherwise they group with
   identical mentions of their kind;
4. a mention whose names OCR read joins the one work its distinctive title
   matches across blocks (``title_links``, :mod:`litmap.corpus.ocr_titles`).

Ids are ``"W"`` + a hash of the cluster's canonical key (DOI, or
``surname|year|title prefix``), so they do not depend on input order.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Mapping, Optional, Sequence

from rapidfuzz import fuzz, process

from litmap.errors import SettingsError
from litmap.models import CitedWork, Metadata, Reference
from litmap.parse.linking import surname_similarity
from litmap.parse.names import initials_of as _initials_of
from litmap.parse.names import normalise_doi
from litmap.parse.names import normalise_surname as _normalise_surname
from litmap.parse.names import normalise_title as _normalise_title

__all__ = [
    "WorkInput",
    "WorkSettings",
    "Work",
    "work_key_candidates",
    "work_label",
    "resolve_works",
    "build_works",
    "display_title",
]

log = logging.getLogger(__name__)

_SOURCES = ("reference", "citation", "paper")

# The same surnames and titles are normalised many times per resolution
# (every comparison, every canonical key); both are pure, so memoise them.
normalise_surname = lru_cache(maxsize=1 << 16)(_normalise_surname)
initials_of = lru_cache(maxsize=1 << 16)(_initials_of)


@lru_cache(maxsize=1 << 16)
def _title_key(s: str) -> str:
    return _normalise_title(s)


def normalise_title(s: Optional[str]) -> str:
    return _title_key(s) if s else ""


@dataclass(frozen=True)
class WorkInput:
    """One mention of a work.

    ``source`` is ``"reference"`` (an entry of ``doc_id``'s reference list,
    ``ref_index``), ``"citation"`` (an in-text citation without a reference
    entry) or ``"paper"`` (the corpus paper ``doc_id`` itself).  Build them
    with :meth:`from_reference`, :meth:`from_cited_work`, :meth:`from_metadata`.
    """

    item_id: str
    source: str
    doc_id: str
    surnames: tuple[str, ...] = ()
    first_initials: str = ""
    et_al: bool = False
    year: Optional[int] = None
    year_suffix: Optional[str] = None
    title: Optional[str] = None
    doi: Optional[str] = None
    ref_index: Optional[int] = None
    context: str = ""  # a citation-only mention's sentence: it tells apart works its names and year fit alike

    def __post_init__(self) -> None:
        if self.source not in _SOURCES:
            raise SettingsError.unknown("WorkInput.source", self.source, _SOURCES)

    @classmethod
    def from_reference(cls, item_id: str, doc_id: str, ref: Reference) -> "WorkInput":
        people = ref.people
        return cls(
            item_id=item_id,
            source="reference",
            doc_id=doc_id,
            surnames=tuple(a.family for a in people),
            first_initials=initials_of(people[0].given) if people else "",
            et_al=ref.et_al,
            year=ref.year,
            year_suffix=ref.year_suffix,
            title=ref.title,
            doi=normalise_doi(ref.doi),
            ref_index=ref.index,
        )

    @classmethod
    def from_cited_work(cls, item_id: str, doc_id: str, work: CitedWork, context: str = "") -> "WorkInput":
        return cls(
            item_id=item_id,
            source="citation",
            doc_id=doc_id,
            surnames=work.surnames,
            first_initials=initials_of(work.initials),
            et_al=work.et_al,
            year=work.year,
            year_suffix=work.year_suffix,
            context=context,
        )

    @classmethod
    def from_metadata(cls, item_id: str, doc_id: str, meta: Metadata) -> "WorkInput":
        return cls(
            item_id=item_id,
            source="paper",
            doc_id=doc_id,
            surnames=tuple(a.family for a in meta.authors),
            first_initials=initials_of(meta.authors[0].given) if meta.authors else "",
            year=meta.year,
            title=meta.title,
            doi=normalise_doi(meta.doi),
        )


@dataclass(frozen=True)
class WorkSettings:
    """``min_title`` is the title similarity (0–100, rapidfuzz) two titled
    mentions need to be one work; ``min_surname`` the surname similarity (0–1)."""

    min_title: float = 88.0
    min_surname: float = 0.85

    def __post_init__(self) -> None:
        if not 0 < self.min_title <= 100:
            raise SettingsError(f"min_title must be in (0, 100], got {self.min_title}; use 88 (the default)")
        if not 0 < self.min_surname <= 1:
            raise SettingsError(f"min_surname must be in (0, 1], got {self.min_surname}; use 0.85 (the default)")


@dataclass(frozen=True)
class Work:
    """A resolved work: its id, display label and the mentions it gathers."""

    work_id: str
    label: str
    key: str
    year: Optional[int]
    title: Optional[str]
    doi: Optional[str]
    items: tuple[str, ...]
    #: Named by surnames and year only, and several titled works of the corpus fit those names alike
    #: ("(Smith, 1979)" beside two Smith 1979 works): their ids.  Empty for a resolved work.
    fits: tuple[str, ...] = ()


def _surname_key(item: WorkInput) -> str:
    return normalise_surname(item.surnames[0]) if item.surnames else ""


def work_key_candidates(item: WorkInput) -> list[str]:
    """Keys under which ``item`` may meet other mentions of the same work,
    most specific first: ``doi:…``, ``t:surname|year|title``, ``s:surname|year``."""
    keys = []
    if item.doi:
        keys.append(f"doi:{item.doi}")
    sur = _surname_key(item)
    when = f"{item.year}{item.year_suffix or ''}" if item.year else "nd"
    title = normalise_title(item.title)
    if sur and title:
        keys.append(f"t:{sur}|{item.year or 'nd'}|{title[:60]}")
    if sur:
        keys.append(f"s:{sur}|{when}")
    return keys


def work_label(surnames: Sequence[str], year: Optional[int], year_suffix: Optional[str] = None, et_al: bool = False) -> str:
    """``"Brenner 2004"``, ``"Li & Wu 2012"``, ``"Brenner et al. 2011"``."""
    when = f"{year}{year_suffix or ''}" if year else "n.d."
    if not surnames:
        return f"Anonymous {when}"
    if len(surnames) >= 3 or (et_al and len(surnames) >= 1):
        return f"{surnames[0]} et al. {when}"
    return f"{' & '.join(surnames)} {when}"


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same_surname(a: str, b: str, settings: WorkSettings) -> bool:
    if a == b:
        return True
    return surname_similarity(a, b) >= settings.min_surname


def _initials_clash(a: WorkInput, b: WorkInput) -> bool:
    x, y = a.first_initials, b.first_initials
    return bool(x and y) and not (x.startswith(y) or y.startswith(x))


#: An edition statement at the end of a (normalised) title: "Gentrification, 1st edition" is the book
#: "Gentrification" (a reference list's edition is no other work; the year still tells editions apart).
_EDITION = re.compile(r"\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|revised|new|rev|expanded|updated)"
                      r"\s+(?:edition|ed|edn)$")


#: DOIs that archives give their copy of an article (JSTOR, ResearchGate, Zenodo, figshare): the article
#: keeps its publisher's DOI beside it, so two DOIs, one of them a copy's, are no sign of two works
#: (Waley 2016 as a JSTOR text and as the SAGE PDF in one folder).
_COPY_DOI = ("10.2307/", "10.13140/", "10.5281/", "10.6084/")


def copy_doi(doi: Optional[str]) -> bool:
    return bool(doi) and str(doi).lower().startswith(_COPY_DOI)


def _titled_match(a: WorkInput, b: WorkInput, settings: WorkSettings) -> bool:
    if a.doi and b.doi and a.doi != b.doi and not (copy_doi(a.doi) or copy_doi(b.doi)):
        return False
    if a.year is None or b.year is None or abs(a.year - b.year) > 1:
        return False
    if not _same_surname(_surname_key(a), _surname_key(b), settings):
        return False
    ta, tb = _EDITION.sub("", normalise_title(a.title)), _EDITION.sub("", normalise_title(b.title))
    if not ta or not tb:
        return False
    ratio = fuzz.ratio(ta, tb)
    # token_set_ratio forgives a subtitle missing on one side
    tset = fuzz.token_set_ratio(ta, tb) if min(len(ta), len(tb)) >= 20 else ratio
    score = max(ratio, tset)
    if _initials_clash(a, b) and not (ratio >= 95 and _same_letters(a, b)) and not _same_team(a, b, settings):
        # "Bloom, L. M." and "Bloom, M. L." with one title: the initials swapped, one person;
        # "Anderson, I.R, E.E. Hardy, J.T. Roach …" is "Anderson, J. R., E. E. Hardy …" misread.
        return False
    if a.year != b.year:
        return score >= max(settings.min_title, 95.0)
    # A year suffix is local to its reference list: "Harvey 2002a" in one
    # paper is "Harvey 2002b" in another that lists a second Harvey 2002.
    if a.doc_id == b.doc_id and a.year_suffix and b.year_suffix and a.year_suffix != b.year_suffix:
        return False
    return score >= settings.min_title


def _same_team(a: WorkInput, b: WorkInput, settings: WorkSettings) -> bool:
    """Same co-authors, in order (two names or more, no et al.), and the first
    initials sharing a letter: one work whose initials were misprinted or misread."""
    if len(a.surnames) < 2 or len(a.surnames) != len(b.surnames) or a.et_al or b.et_al:
        return False
    if not set(a.first_initials) & set(b.first_initials):
        return False
    return all(_same_surname(normalise_surname(x), normalise_surname(y), settings)
               for x, y in zip(a.surnames[1:], b.surnames[1:]))


def _same_letters(a: WorkInput, b: WorkInput) -> bool:
    return sorted(a.first_initials) == sorted(b.first_initials)


def _citation_fits(c: WorkInput, t: WorkInput, settings: WorkSettings) -> bool:
    """Whether a citation-only mention can name the titled mention ``t``."""
    if c.year is None or c.year != t.year:
        return False
    if c.doc_id == t.doc_id and c.year_suffix and t.year_suffix and c.year_suffix != t.year_suffix:
        return False
    if not c.surnames or not t.surnames or not _same_surname(_surname_key(c), _surname_key(t), settings):
        return False
    if _initials_clash(c, t):
        return False
    for i, name in enumerate(c.surnames[1:], start=1):
        if i >= len(t.surnames) or not _same_surname(normalise_surname(name), normalise_surname(t.surnames[i]), settings):
            return False
    n = len(t.surnames) + (3 if t.et_al else 0)
    if c.et_al:
        return n >= 2
    if len(c.surnames) == 1:
        return n == 1  # "Li 2023" names a sole-authored work
    return len(c.surnames) == n


# Publisher stamps and download notices that leak into a reference entry's title.
_STAMP = re.compile(r"©|\(c\)\s*(?:19|20)\d{2}|downloaded\s+(?:from|by)|all rights reserved|published by|"
                    r"https?://|www\.|terms and conditions|\blicen[cs]ed?\b|for personal use", re.I)


def _strip_stamp(title: str) -> str:
    m = _STAMP.search(title)
    if m and len(title[: m.start()].split()) >= 3:
        return title[: m.start()].strip(" ,;:.-–")
    return title


def display_title(items: Sequence[WorkInput]) -> Optional[str]:
    """The title to show for a cluster: the one most mentions agree on,
    never one carrying ©/"Downloaded from"/stamp text when a clean one
    exists; ties go to the paper's own header, then references, then the
    longer form (a subtitle kept)."""
    titled = [i for i in items if i.title and i.title.strip()]
    if not titled:
        return None
    clean = [i for i in titled if not _STAMP.search(i.title or "")]
    pool = clean or titled
    votes = Counter(normalise_title(i.title) for i in pool)
    rank = {"paper": 0, "reference": 1, "citation": 2}
    # Among spellings of the winning title, one not set in capitals ("THE
    # OVERLAID NETWORK …" in a header, "The overlaid network …" in a list).
    chosen = min(
        pool,
        key=lambda i: (-votes[normalise_title(i.title)], _shouting(i.title or ""), rank[i.source], -len(i.title or ""), i.item_id),
    )
    title = chosen.title or ""  # never empty: pool holds titled items only
    return _tidy_display(title if clean else _strip_stamp(title))


def _shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


#: TeX quotes (``…'') and note marks (☆ of Elsevier, * †) left at a title's ends.
_DISPLAY_JUNK = re.compile(r"^(?:``|`|'')\s*|\s*(?:''|[☆★*†‡§¶]+)$")


def _tidy_display(title: str) -> str:
    return _DISPLAY_JUNK.sub("", title.strip()).strip() or title


def _canonical(items: Sequence[WorkInput]) -> tuple[str, WorkInput]:
    """The cluster's key and the mention that best describes it."""
    rank = {"paper": 0, "reference": 1, "citation": 2}
    best = min(items, key=lambda i: (rank[i.source], -len(i.title or ""), work_key_candidates(i), i.item_id))
    dois = sorted({i.doi for i in items if i.doi}, key=lambda d: (copy_doi(d), d))  # the publisher's first
    if dois:
        return f"doi:{dois[0]}", best
    sur = min((_surname_key(i) for i in items if i.source != "citation" and i.surnames), default=_surname_key(best))
    titled = sorted(normalise_title(i.title)[:40] for i in items if i.title)
    when = min((f"{i.year}{i.year_suffix or ''}" for i in items if i.year), default="nd")
    if titled:
        return f"{sur}|{when}|{titled[0]}", best
    names = min(("+".join(normalise_surname(s) for s in i.surnames) for i in items), default=sur)
    return f"{names}|{when}|{best.first_initials}", best


def _similar_keys(blocks: dict[tuple[int, str], list[int]], settings: WorkSettings) -> dict[tuple[int, str], tuple[str, ...]]:
    """(year, key) → the surname keys of that year (and the next) close enough to it."""
    by_year: dict[int, set[str]] = defaultdict(set)
    for year, key in blocks:
        by_year[year].add(key)
    out: dict[tuple[int, str], tuple[str, ...]] = {}
    for year, keys in by_year.items():
        pool = sorted(keys | by_year.get(year + 1, set()) | by_year.get(year - 1, set()))
        long_keys = [k for k in pool if len(k) > 4]
        for key in keys:
            near = {key}
            if len(key) > 4:
                for other, _score, _ in process.extract(
                    key, long_keys, scorer=fuzz.ratio, score_cutoff=settings.min_surname * 100 - 20, limit=None
                ):
                    if _same_surname(key, other, settings):
                        near.add(other)
            out[(year, key)] = tuple(sorted(near))
    return out


def build_works(items: Sequence[WorkInput], settings: WorkSettings = WorkSettings(),
                title_links: Mapping[str, Sequence[str]] = {}) -> tuple[dict[str, str], dict[str, Work]]:
    """Resolve ``items``: (item_id → work_id, work_id → :class:`Work`).

    ``title_links`` maps a mention whose names OCR read to the mentions its title matches across
    blocks (:func:`litmap.corpus.ocr_titles.title_matches`): it joins them when, after the rules
    above, they all sit in one work (never two works the rules kept apart)."""
    order = sorted(range(len(items)), key=lambda i: items[i].item_id)
    its = [items[i] for i in order]
    uf = _Union(len(its))
    by_doi: dict[str, int] = {}
    for i, it in enumerate(its):
        if it.doi:
            if it.doi in by_doi:
                uf.union(by_doi[it.doi], i)
            else:
                by_doi[it.doi] = i
    # Block by (year, surname key) so large corpora stay near-linear; OCR
    # variants of a surname ("miiller"/"muller") are joined per year first.
    blocks: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, it in enumerate(its):
        if it.source != "citation" and it.year is not None:
            blocks[(it.year, _surname_key(it))].append(i)
    similar = _similar_keys(blocks, settings)

    def candidates(year: int, key: str) -> list[int]:
        return [j for k in similar.get((year, key), (key,)) for j in blocks.get((year, k), ())]

    for (year, key), members in sorted(blocks.items()):
        for i in members:
            for j in candidates(year, key) + candidates(year + 1, key):
                if j != i and (its[j].year != year or j > i) and _titled_match(its[i], its[j], settings):
                    uf.union(i, j)
    if title_links:
        at = {it.item_id: i for i, it in enumerate(its)}
        for item_id, others in sorted(title_links.items()):
            if item_id not in at:
                continue
            linked = {uf.find(at[o]) for o in others if o in at} - {uf.find(at[item_id])}
            if len(linked) == 1:
                uf.union(at[item_id], linked.pop())
            elif linked:
                log.debug("%s matches the titles of %d works; kept apart", item_id, len(linked))
    # Reference entries read without a title ("Glass, R. (1964) London: Aspects of Change, London: …", the
    # title taken for a place) first join the one titled work that fits them as a citation would, or group
    # with identical untitled entries; then citation-only mentions attach the same way (to a work those
    # entries are now part of, not beside it).
    untitled = [i for i, it in enumerate(its)
                if it.source == "reference" and not it.title and not it.doi and it.surnames and it.year is not None]
    unsure = _attach_by_names(its, untitled, uf, candidates, settings, titled_only=True)
    unsure.update(_attach_by_names(its, [i for i, it in enumerate(its) if it.source == "citation"], uf, candidates,
                                   settings))
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(its)):
        clusters[uf.find(i)].append(i)
    mapping: dict[str, str] = {}
    works: dict[str, Work] = {}
    wid_of_root: dict[int, str] = {}
    for root, members in clusters.items():
        group = [its[i] for i in members]
        key, best = _canonical(group)
        wid = "W" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        if wid in works:  # two clusters with one key (kept apart on purpose)
            salt = min(g.item_id for g in group)
            wid = "W" + hashlib.sha1(f"{key}#{salt}".encode("utf-8")).hexdigest()[:12]
        works[wid] = Work(
            work_id=wid,
            # A suffix the mentions disagree on ("2002a" here, "2002b" there) names no one work.
            label=work_label(best.surnames, best.year, _agreed_suffix(group), best.et_al),
            key=key,
            year=best.year,
            title=display_title(group),
            doi=next((g.doi for g in group if g.doi and not copy_doi(g.doi)), None)
            or next((g.doi for g in group if g.doi), None),
            items=tuple(sorted(g.item_id for g in group)),
        )
        wid_of_root[root] = wid
        for g in group:
            mapping[g.item_id] = wid
    for i, roots in sorted(unsure.items()):  # the works a name-only mention fits alike, once all are built
        wid = mapping[its[i].item_id]
        fits = tuple(sorted({wid_of_root[uf.find(r)] for r in roots} - {wid}))
        if len(fits) > 1 and not works[wid].title:
            works[wid] = replace(works[wid], fits=fits)
    return mapping, works


def _attach_by_names(its: Sequence[WorkInput], mentions: Sequence[int], uf: "_Union",
                     candidates: Callable[[int, str], list[int]], settings: WorkSettings,
                     titled_only: bool = False) -> dict[int, tuple[int, ...]]:
    """Join each of ``mentions`` (names and year, no title) to the one cluster that fits it
    (:func:`_citation_fits`; a citing sentence's rare title words decide between several), else to
    identical mentions that fit the same clusters.  ``titled_only``: only clusters through a titled
    mention count (untitled entries must not fit each other first).  Returns the mentions that fit
    several clusters alike, with those clusters' roots."""
    key_of: dict[tuple, int] = {}
    unsure: dict[int, tuple[int, ...]] = {}
    rare: Optional[frozenset[str]] = None  # computed once, when a mention first fits several works
    for i in mentions:
        it = its[i]
        pool = candidates(it.year, _surname_key(it)) if it.year is not None else []
        fits = [j for j in pool if j != i and (its[j].title or not titled_only) and _citation_fits(it, its[j], settings)]
        roots = sorted({uf.find(j) for j in fits} - {uf.find(i)})
        if len(roots) > 1 and it.context:
            if rare is None:
                rare = _rare_title_words(its, uf)
            roots = _named_by_context(it.context, roots, [(uf.find(j), its[j].title) for j in fits], rare) or roots
        if len(roots) == 1:
            uf.union(roots[0], i)
            continue
        if len(roots) > 1:
            log.debug("%s %s fits %d works; kept apart", it.surnames, it.year, len(roots))
            unsure[i] = tuple(roots)
        mention = (tuple(normalise_surname(s) for s in it.surnames), it.et_al, it.year, it.year_suffix,
                   it.first_initials[:1], tuple(roots))
        if mention in key_of:
            uf.union(key_of[mention], i)
        else:
            key_of[mention] = i
    return unsure


# Words of a title that say nothing about which work it is.
_TITLE_FILLER = frozenset("""about after against among and from into over their there these this those through under
upon what when where which while with within without towards toward between beyond study case some other more""".split())
_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_words(text: str) -> set[str]:
    words = {w.lower() for w in _WORD.findall(text)}
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in words} - _TITLE_FILLER


#: A title word in at most this many of the corpus's works, and this long, names a subject, not a field:
#: "entrepreneurialism", not "data", "urban" or "interpolation".
RARE_WORK_COUNT = 3
RARE_WORD_LETTERS = 7


def _rare_title_words(its: Sequence[WorkInput], uf: "_Union") -> frozenset[str]:
    """The title words that stand in at most :data:`RARE_WORK_COUNT` works (clusters so far)."""
    by_root: dict[int, set[str]] = defaultdict(set)
    for i, it in enumerate(its):
        if it.title:
            by_root[uf.find(i)] |= _title_words(it.title)
    df: Counter[str] = Counter(w for ws in by_root.values() for w in ws)
    return frozenset(w for w, n in df.items() if n <= RARE_WORK_COUNT and len(w) >= RARE_WORD_LETTERS)


def _named_by_context(context: str, roots: Sequence[int], titled: Sequence[tuple[int, Optional[str]]],
                      rare: frozenset[str]) -> list[int]:
    """Of the works a citation's names and year fit alike ("(Harvey, 1989)": three Harvey 1989 works), the one
    whose title alone shares a rare word with the citing sentence ("urban entrepreneurialism" and "From
    Managerialism to Entrepreneurialism"); none when no title, or more than one, does.  Common words ("data",
    "urban", "interpolation") prove nothing: a sentence names a field's words whichever work it cites."""
    words: dict[int, set[str]] = {r: set() for r in roots}
    for root, title in titled:
        if title:
            words[root] |= _title_words(title) & rare
    said = _title_words(context)
    own = [r for r in roots if (words[r] - set().union(*(words[o] for o in roots if o != r))) & said]
    return own if len(own) == 1 else []


def _agreed_suffix(group: Sequence[WorkInput]) -> Optional[str]:
    """The year suffix every mention prints, if they all print the same one."""
    suffixes = {g.year_suffix or None for g in group}
    return suffixes.pop() if len(suffixes) == 1 else None


def resolve_works(items: Sequence[WorkInput], settings: WorkSettings = WorkSettings()) -> dict[str, str]:
    """item_id → stable work id (see the module docstring for the rules)."""
    return build_works(items, settings)[0]
