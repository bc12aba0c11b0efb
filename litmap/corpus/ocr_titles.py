"""Works whose names OCR misread, found by their titles (pure).

Works are blocked and matched by (year, first surname) (:mod:`litmap.corpus.works`), so a scanned
paper whose header OCR read as ``Muaeuin, A. S.; Caruin, B. P. … 1998`` never meets the references
that cite it as ``Mugglin, A., B. Carlin … 1999``.  Here a mention whose names are doubtful (read by
OCR: the header of a paper whose first page was OCR'd, or an entry on an OCR'd page) is looked up in an
index of every titled mention by its title, across blocks (:func:`title_matches`): a long, distinctive
title (``min_content_words``, no "Introduction", "Editorial", "Book review", "Reply to …") that agrees
near-exactly (rapidfuzz ratio ``min_ratio`` after ``normalise_title``), with years at most one apart,
no disagreeing DOI, and the same number of authors or the same initials in order.  Surname matching
is not loosened for anyone else.

:func:`header_correction` then corrects such a header from the citing entries when that is
unambiguous: every citing entry read from a text layer prints the same names, as many as the header,
each with the header's initial at its position; the year only when at least two citing papers all
print one year and the header's is the only dissent.  A header read from a text layer, or a field a
library set, is never corrected.

:func:`header_citers` finds, for every corpus paper's header, the entries citing it by the same
distinctive title and the same first surname (years, when both print one, at most one apart): a
header that prints no year is linked that way, since works are blocked by year.  :func:`citer_fill`
then fills a header's missing year and venue from those entries, read from a text layer, when at
least two citing papers print them and none disagrees.  A value the header or a library gave is
never replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from litmap.errors import SettingsError
from litmap.parse.linking import surname_similarity
from litmap.parse.names import normalise_surname, normalise_title

__all__ = [
    "CiterFill",
    "HeaderCorrection",
    "TitleLinkSettings",
    "TitledMention",
    "citer_fill",
    "distinctive_title",
    "header_citers",
    "header_correction",
    "normalise_venue",
    "title_matches",
]

#: Words that carry no content in a title.
_STOP = frozenset(
    "a an the of and or in on for to from with by at as into its their his her our is are be was were this that "
    "these those via between among about over under towards toward against within without de la le les des du "
    "der die das und von zur zum el los las y en".split())
#: Titles that many unrelated works share.
_GENERIC = re.compile(
    r"^(?:introduction|editorial|book reviews?|reviews?|reply|replies|response|rejoinder|comment|commentary|"
    r"comments|erratum|errata|corrigendum|correction|preface|foreword|afterword|index|contents|"
    r"acknowledg\w*|obituary|in memoriam|letter|letters|discussion|guest editorial|abstracts?|"
    r"conclusions?|notes? on contributors|list of contributors)\b")


@dataclass(frozen=True)
class TitleLinkSettings:
    """``min_ratio``: title similarity (rapidfuzz ratio of normalised titles, 0–100);
    ``min_content_words``: words outside a stop list a title needs to be distinctive;
    ``max_year_gap``: years at most this far apart; ``min_year_citers``: citing papers that must all
    print one year before a header's year is corrected."""

    min_ratio: float = 95.0
    min_content_words: int = 6
    max_year_gap: int = 1
    min_year_citers: int = 2
    min_surname: float = 0.85

    def __post_init__(self) -> None:
        if not 80 <= self.min_ratio <= 100:
            raise SettingsError(f"min_ratio must be in [80, 100], got {self.min_ratio}; use 95 (the default)")
        if self.min_content_words < 3:
            raise SettingsError(f"min_content_words must be 3 or more, got {self.min_content_words}; use 6")
        if not 0 <= self.max_year_gap <= 2:
            raise SettingsError(f"max_year_gap must be 0, 1 or 2, got {self.max_year_gap}; use 1 (the default)")
        if self.min_year_citers < 2:
            raise SettingsError(f"min_year_citers must be 2 or more, got {self.min_year_citers}; use 2")
        if not 0.5 <= self.min_surname <= 1:
            raise SettingsError(f"min_surname must be in [0.5, 1], got {self.min_surname}; use 0.85 (the default)")


@dataclass(frozen=True)
class TitledMention:
    """A mention with a title: ``item_id`` as in works resolution (``p:DOC`` a corpus paper's header,
    ``r:DOC:IDX`` an entry), the ``names`` printed (family, initials) in order, ``doubtful`` when they
    were read by OCR."""

    item_id: str
    doc_id: int
    title: str
    year: int | None
    doi: str | None
    names: tuple[tuple[str, str], ...]
    et_al: bool = False
    doubtful: bool = False
    venue: str | None = None  # the journal or container printed

    @property
    def is_header(self) -> bool:
        return self.item_id.startswith("p:")


#: A title is looked up among the titles sharing one of its this many rarest content words.
_RARE_WORDS = 3


def _content(key: str) -> list[str]:
    return [w for w in key.split() if w not in _STOP and len(w) > 1 and not w.isdigit()]


def distinctive_title(title: str | None, settings: TitleLinkSettings = TitleLinkSettings()) -> str:
    """The normalised ``title`` when it is long and specific enough to name one work, else ``""``."""
    key = normalise_title(title)
    if not key or _GENERIC.match(key):
        return ""
    return key if len(_content(key)) >= settings.min_content_words else ""


def _initials(m: TitledMention) -> list[str]:
    return [i[:1] for _, i in m.names]


def _names_agree(a: TitledMention, b: TitledMention) -> bool:
    """The same number of authors (no et al. on either side), or the same initials in order
    (all known; the shorter list may end in et al.)."""
    if a.names and len(a.names) == len(b.names) and not a.et_al and not b.et_al:
        return True
    ia, ib = _initials(a), _initials(b)
    short, long_, short_m = (ia, ib, a) if len(ia) <= len(ib) else (ib, ia, b)
    if not short or not all(short) or not all(long_[:len(short)]):
        return False
    if short != long_[:len(short)]:
        return False
    return len(short) == len(long_) or short_m.et_al


def _match(a: TitledMention, b: TitledMention, settings: TitleLinkSettings) -> bool:
    if a.doc_id == b.doc_id and (a.is_header or b.is_header):
        return False  # a paper's own list does not cite the paper
    if a.doi and b.doi and a.doi != b.doi:
        return False
    if a.year is None or b.year is None or abs(a.year - b.year) > settings.max_year_gap:
        return False
    return _names_agree(a, b)


def title_matches(mentions: Sequence[TitledMention],
                  settings: TitleLinkSettings = TitleLinkSettings()) -> dict[str, tuple[str, ...]]:
    """Each doubtful mention with a distinctive title → the other mentions whose title agrees with it
    near-exactly and whose years, DOI and names fit (sorted item ids; absent: none)."""
    near = _TitleIndex(mentions, settings)
    out: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if not m.doubtful:
            continue
        hits = {o.item_id for o in near(m) if _match(m, o, settings)}
        if hits:
            out[m.item_id] = tuple(sorted(hits))
    return out


class _TitleIndex:
    """The titled mentions by distinctive title; called with a mention, the others whose title agrees
    with its own near-exactly (rapidfuzz ratio ``min_ratio`` of the normalised titles)."""

    def __init__(self, mentions: Sequence[TitledMention], settings: TitleLinkSettings) -> None:
        self.settings = settings
        self.index: dict[str, list[TitledMention]] = {}
        for m in mentions:
            key = distinctive_title(m.title, settings)
            if key:
                self.index.setdefault(key, []).append(m)
        # Titles a near-exact match can be among: those sharing one of the title's rarest words (a
        # title 95% alike keeps most words whole), so a large corpus is not compared title by title.
        self.by_word: dict[str, set[str]] = {}
        for key in self.index:
            for w in set(_content(key)):
                self.by_word.setdefault(w, set()).add(key)

    def __call__(self, m: TitledMention) -> list[TitledMention]:
        key = distinctive_title(m.title, self.settings)
        if not key:
            return []
        rare = sorted(set(_content(key)), key=lambda w: (len(self.by_word.get(w, ())), w))[:_RARE_WORDS]
        pool = sorted(set().union(*(self.by_word.get(w, set()) for w in rare)))
        return [o for other_key, _score, _ in process.extract(key, pool, scorer=fuzz.ratio,
                                                              score_cutoff=self.settings.min_ratio, limit=None)
                for o in self.index[other_key] if o.item_id != m.item_id]


def _same_first_surname(a: TitledMention, b: TitledMention, settings: TitleLinkSettings) -> bool:
    if not a.names or not b.names:
        return False
    x, y = normalise_surname(a.names[0][0]), normalise_surname(b.names[0][0])
    return bool(x and y) and (x == y or surname_similarity(x, y) >= settings.min_surname)


def header_citers(mentions: Sequence[TitledMention],
                  settings: TitleLinkSettings = TitleLinkSettings()) -> dict[str, tuple[str, ...]]:
    """Each corpus paper's header with a distinctive title → the entries of other papers whose title
    agrees with it near-exactly, with the same first surname, no disagreeing DOI and, when both print
    a year, years at most ``max_year_gap`` apart (sorted item ids; absent: none).  Unlike
    :func:`title_matches` a header with no year is looked up too."""
    near = _TitleIndex(mentions, settings)
    out: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if not m.is_header:
            continue
        hits = set()
        for o in near(m):
            if o.is_header or o.doc_id == m.doc_id or (m.doi and o.doi and m.doi != o.doi):
                continue
            if m.year is not None and o.year is not None and abs(m.year - o.year) > settings.max_year_gap:
                continue
            if _same_first_surname(m, o, settings):
                hits.add(o.item_id)
        if hits:
            out[m.item_id] = tuple(sorted(hits))
    return out


_ABBREV = {"j": "journal", "jnl": "journal", "int": "international", "intl": "international",
           "rev": "review", "res": "research", "stud": "studies",
           "sci": "science", "soc": "society", "am": "american", "ann": "annals", "assoc": "association",
           "environ": "environment", "plan": "planning", "q": "quarterly", "urb": "urban", "reg": "regional",
           "syst": "systems", "inf": "information", "inform": "information"}


_VENUE_STOP = frozenset({"and", "of", "the", "for", "in", "on"})


def normalise_venue(venue: str | None) -> str:
    """A journal or container name as a matching key: lower case, punctuation, "&", "and", "of" and
    "the" dropped, common abbreviations spelt out: "Environment and Planning A", "Environment &
    Planning A" and "Environ. Plan. A" are all ``"envir plann a"``."""
    if not venue:
        return ""
    words = re.sub(r"[^\w\s]", " ", venue.lower()).split()
    # Words cut to five letters, so "Geogr." meets both "Geography" and "Geographical".
    return " ".join(_ABBREV.get(w, w)[:5] for w in words if w not in _VENUE_STOP)


@dataclass(frozen=True)
class CiterFill:
    """Corpus paper ``doc_id``'s missing ``year`` and ``venue`` (None: left missing) as the entries
    citing it print them, and the citing papers each rests on."""

    doc_id: int
    year: int | None
    venue: str | None
    year_citing: tuple[int, ...] = ()
    venue_citing: tuple[int, ...] = ()

    def provenance(self) -> list[str]:
        """Metadata provenance entries: ``"year:from citing papers 5, 18 (guess)"``, ``"journal:…"``."""
        out = []
        if self.year is not None:
            out.append("year:from citing papers " + ", ".join(map(str, self.year_citing)) + " (guess)")
        if self.venue is not None:
            out.append("journal:from citing papers " + ", ".join(map(str, self.venue_citing)))
        return out


def _agreed(values: Sequence[tuple[int, str]], min_docs: int) -> tuple[str, tuple[int, ...]] | None:
    """The one value (by key) ``values`` (citing paper, key) hold, when at least ``min_docs`` papers
    print it and none prints another."""
    keys = {k for _, k in values}
    if len(keys) != 1:
        return None
    docs = tuple(sorted({d for d, _ in values}))
    return (keys.pop(), docs) if len(docs) >= min_docs else None


def citer_fill(header: TitledMention, citers: Iterable[TitledMention], *, fixed_fields: Iterable[str] = (),
               settings: TitleLinkSettings = TitleLinkSettings()) -> CiterFill | None:
    """The year and venue ``header`` lacks, as the entries ``citers`` read from a text layer print
    them, or None.  A field is filled only when at least ``min_year_citers`` citing papers print it
    and none prints another (venues compared by :func:`normalise_venue`); the header's own values and
    ``fixed_fields`` ("year", "journal": a library set them) are never replaced."""
    if not header.is_header:
        return None
    plain = [c for c in citers if not c.is_header and not c.doubtful and c.doc_id != header.doc_id]
    fixed = set(fixed_fields)
    year: int | None = None
    year_docs: tuple[int, ...] = ()
    if header.year is None and "year" not in fixed:
        got = _agreed([(c.doc_id, str(c.year)) for c in plain if c.year is not None], settings.min_year_citers)
        if got:
            year, year_docs = int(got[0]), got[1]
    venue: str | None = None
    venue_docs: tuple[int, ...] = ()
    if not (header.venue or "").strip() and "journal" not in fixed:
        printed = [(c.doc_id, normalise_venue(c.venue), c.venue.strip()) for c in plain
                   if c.venue and normalise_venue(c.venue)]
        got = _agreed([(d, k) for d, k, _ in printed], settings.min_year_citers)
        if got:
            # The form most entries print (ties: the longest, then the first in order).
            forms = [v for _, _, v in printed]
            venue = max(forms, key=lambda v: (forms.count(v), len(v), -forms.index(v)))
            venue_docs = got[1]
    if year is None and venue is None:
        return None
    return CiterFill(header.doc_id, year, venue, year_docs, venue_docs)


@dataclass(frozen=True)
class HeaderCorrection:
    """Corpus paper ``doc_id``'s header, read by OCR, corrected from the entries citing it:
    ``names`` (printed, corrected) at each position that changed, ``year`` (printed, corrected) or
    None, ``citing`` the citing papers the correction rests on."""

    doc_id: int
    names: tuple[tuple[int, str, str], ...]
    year: tuple[int, int] | None
    citing: tuple[int, ...]

    def source(self) -> str:
        """Provenance source: ``"OCR header corrected from citing papers 4, 5, 18"``."""
        return "OCR header corrected from citing papers " + ", ".join(str(d) for d in self.citing)

    def describe(self) -> list[str]:
        """``["Muaeuin → Mugglin (OCR header; citing papers 4, 5, 18)", "1998 → 1999 (…)"]``."""
        why = "OCR header; citing papers " + ", ".join(str(d) for d in self.citing)
        out = [f"{old} → {new} ({why})" for _, old, new in self.names]
        if self.year:
            out.append(f"{self.year[0]} → {self.year[1]} ({why})")
        return out


def header_correction(header: TitledMention, citers: Iterable[TitledMention], *,
                      fixed_fields: Iterable[str] = (),
                      settings: TitleLinkSettings = TitleLinkSettings()) -> HeaderCorrection | None:
    """The correction of a doubtful ``header`` that the entries ``citers`` (its title matches) make
    unambiguous, or None.  ``fixed_fields`` ("authors", "year") are never changed (a library set them)."""
    if not header.is_header or not header.doubtful:
        return None
    plain = [c for c in citers if not c.is_header and not c.doubtful and c.doc_id != header.doc_id]
    if not plain:
        return None
    fixed = set(fixed_fields)
    names: tuple[tuple[int, str, str], ...] = ()
    full = [c for c in plain if not c.et_al and len(c.names) == len(header.names)]
    if "authors" not in fixed and full and len(full) == len([c for c in plain if not c.et_al]):
        printed = {tuple(normalise_surname(f) for f, _ in c.names) for c in full}
        if len(printed) == 1 and _initials_line_up(header, full):
            first = full[0]
            names = tuple((pos, h, first.names[pos][0]) for pos, (h, _) in enumerate(header.names)
                          if normalise_surname(h) != normalise_surname(first.names[pos][0]))
    year: tuple[int, int] | None = None
    years = {c.year for c in plain}
    citing_docs = {c.doc_id for c in plain}
    if ("year" not in fixed and len(years) == 1 and header.year is not None
            and len(citing_docs) >= settings.min_year_citers):
        y = years.pop()
        if y is not None and y != header.year and abs(y - header.year) <= settings.max_year_gap:
            year = (header.year, y)
    if not names and not year:
        return None
    return HeaderCorrection(header.doc_id, names, year, tuple(sorted(citing_docs)))


def _initials_line_up(header: TitledMention, citers: Sequence[TitledMention]) -> bool:
    """Every position's initial is known on both sides and the same."""
    for c in citers:
        for (_, hi), (_, ci) in zip(header.names, c.names):
            if not hi or not ci or hi[:1] != ci[:1]:
                return False
    return bool(header.names)

