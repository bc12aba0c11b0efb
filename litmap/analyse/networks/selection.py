"""Which cited works (or concepts) enter a map: thresholds as CiteSpace and VOSviewer users know them.

- **Minimum citing papers** (VOSviewer's "minimum number of citations of a
  cited reference", CiteSpace's threshold): by default chosen from the corpus
  size by :func:`default_min_count`, so a 50-paper corpus keeps works cited by
  at least 2 of its papers and a single paper's own reference list no longer
  makes a cluster of its own.
- **Per time slice** (CiteSpace's node selection): the corpus papers are cut
  into slices of ``slice_years`` by publication year and, in each slice, the
  ``top`` most cited works (``method="top"``) or the top g of the modified
  g-index (``method="g-index"``, scale ``k``) are kept; the map is their union.
  The minimum still applies, so a work picked in a thin slice is not kept on
  one citation unless the user sets the minimum to 1.
- **At most ``max_items`` items** (VOSviewer's "number of items to select",
  default :data:`MAX_ITEMS` = 1,000): when more pass, the most cited are kept
  (ties by id).  A map of 10,000 works is neither readable nor quick to lay
  out (2,000 papers × 60 references at minimum 3 keep 10,763 works and 1.6 M
  links); ``None`` lifts the cap.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, Hashable, Mapping, Optional, Sequence

from litmap.errors import InputError

__all__ = ["MAX_ITEMS", "SELECTIONS", "Selection", "SelectionResult", "default_min_count", "select_cited", "min_count_rule"]

SELECTIONS = ("threshold", "top", "g-index")
MAX_ITEMS = 1000  # VOSviewer's default number of items in a map


def default_min_count(n_papers: int) -> int:
    """The default minimum of citing papers (or occurrences) for ``n_papers`` corpus papers.

    1 below 10 papers (too few to ask more), otherwise ``max(2, round(log10 N))``:
    2 up to 316 papers, 3 up to 3,162, 4 up to 31,622.
    """
    if n_papers < 10:
        return 1
    return max(2, round(math.log10(n_papers)))


def min_count_rule() -> str:
    """The rule of :func:`default_min_count` in words, for captions and docs."""
    return "1 below 10 papers, otherwise max(2, round(log10 N)) for N papers"


@dataclass(frozen=True)
class Selection:
    """How works are selected: ``min_count`` None means :func:`default_min_count`."""

    method: str = "threshold"  # threshold | top | g-index
    min_count: Optional[int] = None
    top: int = 50  # works per slice for method="top"
    k: float = 25.0  # g-index scale for method="g-index"
    slice_years: int = 1
    max_items: Optional[int] = MAX_ITEMS  # the most cited this many at most; None: no cap

    def __post_init__(self) -> None:
        if self.method not in SELECTIONS:
            raise InputError(f"selection must be one of {', '.join(SELECTIONS)}, not {self.method!r}")
        if self.min_count is not None and self.min_count < 1:
            raise InputError("the minimum number of citing papers must be at least 1 (1 keeps every work)")
        if self.top < 1 or self.k <= 0 or self.slice_years < 1:
            raise InputError("top per slice and slice years must be at least 1, and the g-index scale k positive")
        if self.max_items is not None and self.max_items < 2:
            raise InputError("the most items in a map must be at least 2 (or none, for no cap)")

    def minimum(self, n_papers: int) -> int:
        return self.min_count if self.min_count is not None else default_min_count(n_papers)


@dataclass(frozen=True)
class SelectionResult:
    """The kept items and what was left out, for the report's "what was kept" line."""

    kept: frozenset[Any]
    minimum: int
    default_minimum: bool
    method: str
    candidates: int  # items occurring at all
    once: int  # items occurring in one group only
    slices: int = 0
    capped: int = 0  # items that passed but were left out by the max_items cap

    @property
    def restricts(self) -> bool:
        """Whether ``kept`` is more than the minimum (per-slice selection or the cap)."""
        return self.method != "threshold" or self.capped > 0

    def describe(self, noun: str = "works", unit: str = "corpus papers") -> str:
        how = (f"at least {self.minimum} {unit if self.minimum != 1 else unit.rstrip('s')}" +
               (f" (the default for this corpus: {min_count_rule()})" if self.default_minimum else ""))
        text = f"Kept {len(self.kept)} of {self.candidates} {noun}: those cited by {how}"
        if self.method == "top":
            text += f", among the most cited of each of {self.slices} time slices"
        elif self.method == "g-index":
            text += f", within the g-index core of each of {self.slices} time slices"
        text += "."
        if self.capped:
            text += (f" Only the {len(self.kept)} most cited are mapped ({self.capped} more pass the minimum; "
                     "raise --max-items, or max_items, to map them).")
        if self.once and self.minimum > 1:
            text += f" {self.once} {noun} cited by a single paper are left out (all are in works.csv)."
        return text


def select_cited(
    groups: Mapping[Any, Sequence[Any]],
    years: Mapping[Any, Optional[int]],
    selection: Selection,
    *,
    n_papers: Optional[int] = None,
) -> SelectionResult:
    """Items of ``groups`` (paper → cited works) that pass ``selection``.

    ``years`` gives each group's (citing paper's) year for the per-slice
    methods; groups without a year count for the minimum only.
    """
    from litmap.analyse.networks.weights import g_index

    counts: Counter[Hashable] = Counter()
    for members in groups.values():
        counts.update(set(members))
    n = n_papers if n_papers is not None else len(groups)
    minimum = selection.minimum(n)
    kept = {w for w, c in counts.items() if c >= minimum}
    n_slices = 0
    if selection.method != "threshold":
        known = [y for g, y in years.items() if y and g in groups]
        slices: dict[int, Counter[Hashable]] = {}
        if known:
            start = min(known)
            for g, members in groups.items():
                y = years.get(g)
                if y:
                    slices.setdefault((y - start) // selection.slice_years, Counter()).update(set(members))
        n_slices = len(slices)
        chosen: set[Hashable] = set()
        for c in slices.values():
            ranked = sorted(c, key=lambda w: (-c[w], str(w)))
            size = selection.top if selection.method == "top" else g_index(c.values(), selection.k)
            chosen.update(ranked[:size])
        kept &= chosen
    capped = 0
    if selection.max_items is not None and len(kept) > selection.max_items:
        ranked_all = sorted(kept, key=lambda w: (-counts[w], str(w)))
        capped = len(kept) - selection.max_items
        kept = set(ranked_all[: selection.max_items])
    return SelectionResult(
        kept=frozenset(kept), minimum=minimum, default_minimum=selection.min_count is None, method=selection.method,
        candidates=len(counts), once=sum(1 for c in counts.values() if c == 1), slices=n_slices, capped=capped,
    )
