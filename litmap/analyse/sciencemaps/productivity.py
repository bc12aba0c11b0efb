"""Author productivity: Lotka's law, the most productive and the most cited authors (as bibliometrix).

- **Lotka**: how many authors wrote 1, 2, 3 … corpus papers, beside Lotka's
  inverse-square law (``share(n) = share(1) / n²``) and the exponent ``β``
  fitted by least squares on log share against log n (bibliometrix's
  ``lotka``; β ≈ 2 is Lotka's law).
- **Most productive**: papers per author, and fractionalised (each paper
  shared among its authors).
- **Most cited**: corpus papers citing a work by the author (the first author
  of each cited work, as in WoS CR fields), bibliometrix's local citations.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Mapping, Optional

__all__ = ["author_productivity", "author_key"]


def author_key(name: str) -> str:
    """``"Brenner, N."`` / ``"Brenner N"`` / ``"N. Brenner"`` → ``"brenner n"`` (family name and first initial)."""
    name = " ".join(name.replace(".", " ").split())
    if "," in name:
        family, _, given = name.partition(",")
    else:
        parts = name.split(" ")
        family, given = (parts[-1], " ".join(parts[:-1])) if len(parts) > 1 and len(parts[-1]) > 1 else (parts[0], " ".join(parts[1:]))
    given = given.strip()
    return f"{family.strip().lower()} {given[:1].lower()}".strip()


def _family_initial(key: str) -> tuple[str, str]:
    """``"van der berg n"`` → ``("van der berg", "n")``; ``"smith"`` → ``("smith", "")`` (an :func:`author_key`)."""
    parts = key.split(" ")
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 and len(parts[-1]) == 1 else (key, "")


def author_productivity(
    authors: Mapping[Any, Iterable[str]], cited_first_authors: Optional[Mapping[Any, Iterable[str]]] = None,
    *, top: int = 20, printed_forms: Iterable[str] = (),
) -> dict[str, Any]:
    """``{"authors", "papers", "lotka": {...}, "productive": [...], "cited": [...]}``.

    ``authors`` maps each corpus paper to its author names; ``cited_first_authors``
    each paper to the first authors of the works it cites; ``printed_forms`` are more printings of names
    ("Fisher, P. F." from each reference citing him) that only vote on how a person is named.
    """
    # A person's name as most papers print it, in their headers and in the references citing them: one
    # header's misprint ("Peter I;. Fisher" for Peter F. Fisher) must not name the person everywhere.
    forms: dict[str, Counter[str]] = {}
    for source in (authors, cited_first_authors or {}, {"": printed_forms}):
        for _, names in sorted(source.items(), key=lambda kv: str(kv[0])):
            for n in names:
                if n and n.strip():
                    forms.setdefault(author_key(n), Counter())[n.strip()] += 1
    # A surname printed without initials ("Smith" of a work cited by name and year only) is the one person of
    # that surname when the rest of the corpus knows only one (one "smith n"); with several it stays apart.
    initialed: dict[str, set[str]] = {}
    for k in forms:
        family, initial = _family_initial(k)
        if initial:
            initialed.setdefault(family, set()).add(k)
    canon = {k: next(iter(initialed[k])) for k in forms if not _family_initial(k)[1] and len(initialed.get(k, ())) == 1}
    for bare, k in canon.items():
        forms[k].update(forms.pop(bare))
    shown = {k: c.most_common(1)[0][0] for k, c in forms.items()}  # ties: the form seen first
    papers_of: Counter[str] = Counter()
    fractional: dict[str, float] = {}
    for _, names in sorted(authors.items(), key=lambda kv: str(kv[0])):
        keys = list(dict.fromkeys(canon.get(k, k) for k in (author_key(n) for n in names
                                                             if n and n.strip() and "anonymous" not in n.lower())))
        for k in keys:
            papers_of[k] += 1
            fractional[k] = fractional.get(k, 0.0) + 1.0 / len(keys)
    dist = Counter(papers_of.values())
    total = sum(dist.values())
    lotka: dict[str, Any] = {"distribution": [], "beta": None, "c": None, "r2": None}
    if total:
        ones = dist.get(1, 0) / total
        lotka["distribution"] = [
            {"papers": n, "authors": dist[n], "share": round(dist[n] / total, 4), "lotka_share": round(ones / n ** 2, 4)}
            for n in sorted(dist)]
        if len(dist) >= 2:
            xs = [math.log10(n) for n in sorted(dist)]
            ys = [math.log10(dist[n] / total) for n in sorted(dist)]
            mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
            sxx = sum((x - mx) ** 2 for x in xs)
            slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
            ss_tot = sum((y - my) ** 2 for y in ys)
            ss_res = sum((y - (my + slope * (x - mx))) ** 2 for x, y in zip(xs, ys))
            lotka.update(beta=round(-slope, 3), c=round(10 ** (my - slope * mx), 4),
                         r2=round(1 - ss_res / ss_tot, 3) if ss_tot else None)
    productive = [{"author": shown.get(k, k), "papers": papers_of[k], "fractional": round(fractional[k], 2)}
                  for k in sorted(papers_of, key=lambda k: (-papers_of[k], -fractional[k], k))[:top]]
    cited_by: Counter[str] = Counter()
    for _, names in sorted((cited_first_authors or {}).items(), key=lambda kv: str(kv[0])):
        cited_keys: set[str] = set()
        for n in names:
            if n and n.strip():
                k = author_key(n)
                cited_keys.add(canon.get(k, k))
        cited_by.update(cited_keys)
    # A bare surname that fits two or more people ("Smith" beside "Smith, N." and "Smith, D. P.") names no author.
    ambiguous = {k for k in cited_by if not _family_initial(k)[1] and len(initialed.get(k, ())) >= 2}
    cited = [{"author": shown.get(k, k), "citing_papers": c}
             for k, c in sorted(cited_by.items(), key=lambda kv: (-kv[1], kv[0])) if k not in ambiguous][:top]
    return {"authors": len(papers_of), "papers": len(authors), "lotka": lotka, "productive": productive, "cited": cited}
