"""Kleinberg burst detection on yearly citation counts (two-state, batched).

The "enumerated" variant (Kleinberg 2003, §4) that CiteSpace and tethne
use: in year t a work receives ``r_t`` of the ``d_t`` citations made that
year.  The base state emits at rate ``p0 = Σr/Σd``, the burst state at
``s·p0``; entering the burst state costs ``gamma·ln(n)``.  The cheapest
state sequence (Viterbi) gives the bursts; a burst's strength is the cost
saved by being in the burst state over its years.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from litmap.errors import InputError

from litmap.store.corpusdata import CorpusData

__all__ = ["Burst", "kleinberg_bursts", "work_bursts", "citing_years", "why_no_bursts"]


@dataclass(frozen=True)
class Burst:
    start: int  # first year (or index) in the burst state
    end: int  # last year (or index), inclusive
    strength: float


def _cost(r: int, d: int, p: float) -> float:
    if d == 0:
        return 0.0
    return -(r * math.log(p) + (d - r) * math.log(1.0 - p))


def kleinberg_bursts(
    counts: Sequence[int], totals: Sequence[int], *, s: float = 2.0, gamma: float = 1.0
) -> list[Burst]:
    """Bursts in ``counts`` relative to ``totals`` (same length); start/end are indices."""
    if len(counts) != len(totals):
        raise InputError("counts and totals must have one value per time slice")
    if s <= 1.0 or gamma < 0:
        raise InputError("burst detection needs s > 1 and gamma >= 0 (CiteSpace defaults: s=2, gamma=1)")
    if any(r < 0 or r > d for r, d in zip(counts, totals)):
        raise InputError("each count must lie between 0 and the total for its slice")
    n, R, D = len(counts), sum(counts), sum(totals)
    if n < 2 or R == 0 or R == D:
        return []
    p = (R / D, min(s * R / D, 0.9999))
    up = gamma * math.log(n)
    cost = [[_cost(r, d, p[i]) for r, d in zip(counts, totals)] for i in (0, 1)]
    # Viterbi over two states, starting in the base state.
    best = [cost[0][0], up + cost[1][0]]
    back: list[tuple[int, int]] = []
    for t in range(1, n):
        from0 = (best[0], 0) if best[0] <= best[1] else (best[1], 1)  # into 0: free from either
        into1 = (best[0] + up, 0) if best[0] + up < best[1] else (best[1], 1)
        back.append((from0[1], into1[1]))
        best = [from0[0] + cost[0][t], into1[0] + cost[1][t]]
    state = 0 if best[0] <= best[1] else 1
    states = [state]
    for t in range(n - 2, -1, -1):
        state = back[t][state]
        states.append(state)
    states.reverse()
    bursts: list[Burst] = []
    t = 0
    while t < n:
        if states[t] == 1:
            u = t
            while u + 1 < n and states[u + 1] == 1:
                u += 1
            strength = sum(cost[0][i] - cost[1][i] for i in range(t, u + 1))
            bursts.append(Burst(t, u, strength))
            t = u + 1
        else:
            t += 1
    return bursts


def citing_years(data: CorpusData) -> dict[int, int]:
    """Corpus papers with a year and a reference list, per publication year (the bursts' ``d_t``)."""
    out: Counter[int] = Counter()
    for pid, works in data.references.items():
        p = data.papers.get(pid)
        if p and p.year and works:
            out[p.year] += 1
    return dict(sorted(out.items()))


def work_bursts(
    data: CorpusData, *, s: float = 2.0, gamma: float = 1.0, min_citations: int = 2
) -> dict[str, list[Burst]]:
    """Bursts of each work's yearly citations (by citing papers' years); start/end are years.

    In year t a work is cited by ``r_t`` of the ``d_t`` corpus papers of that
    year that have a reference list: each paper cites it or not, so the
    two-state model's rates are shares of papers.  (Counting ``d_t`` as all
    references made that year, as before, put the base rate near 1/60 and the
    highest possible share near 1/40, so a burst state at twice the base rate
    could barely be told from the base state and none fired on real corpora.)
    Works cited by fewer than ``min_citations`` papers are skipped.
    """
    per_year = citing_years(data)
    if not per_year:
        return {}
    y0, y1 = min(per_year), max(per_year)
    totals = [per_year.get(y, 0) for y in range(y0, y1 + 1)]
    per_work: dict[str, Counter[int]] = {}
    for pid, works in data.references.items():
        p = data.papers.get(pid)
        if not p or not p.year or not works:
            continue
        for w in set(works):
            per_work.setdefault(w, Counter())[p.year - y0] += 1
    out: dict[str, list[Burst]] = {}
    for w, c in per_work.items():
        if sum(c.values()) < min_citations:
            continue
        found = kleinberg_bursts([c.get(i, 0) for i in range(len(totals))], totals, s=s, gamma=gamma)
        if found:
            out[w] = [Burst(b.start + y0, b.end + y0, b.strength) for b in found]
    return out


def why_no_bursts(data: CorpusData, *, s: float = 2.0, gamma: float = 1.0) -> str:
    """Why :func:`work_bursts` finds nothing on ``data``, in words for the report."""
    import statistics

    per_year = citing_years(data)
    if not per_year:
        return "no corpus paper has both a publication year and a reference list, so citations cannot be placed in time"
    y0, y1 = min(per_year), max(per_year)
    span = y1 - y0 + 1
    if len(per_year) < 3:
        return (f"the citing papers fall in {len(per_year)} publication year(s) only; a burst needs citations "
                "spread over several years to stand out from")
    most = Counter(w for pid, works in data.references.items()
                   if (p := data.papers.get(pid)) and p.year for w in set(works)).most_common(1)
    top = most[0][1] if most else 0
    if top <= 2:
        return (f"no cited work is cited by more than {top} of the {sum(per_year.values())} citing papers: their "
                "reference lists barely overlap, so no work has citations enough to bunch in some years")
    median = statistics.median(per_year.values())
    enter = gamma * math.log(span)
    return (f"the {sum(per_year.values())} citing papers spread over {span} years ({y0}–{y1}), {len(per_year)} of "
            f"them with any paper and a median of {median:g} paper(s) per such year. Entering a burst costs "
            f"gamma·ln({span}) = {enter:.1f}, and no work is cited by a share of papers {s:g} times its usual share "
            "for long enough to pay that: its citing papers are spread evenly over the span, not bunched in a few years")


