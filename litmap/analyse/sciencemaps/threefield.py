"""Three-field plot (bibliometrix's ``threeFieldsPlot``): authors → cited works → concepts.

Each corpus paper joins its authors to the works it cites, and those works to
the concepts it mentions, so a flow's value is the number of corpus papers
behind it.  The ``top`` items of each field (by papers) are kept, as
bibliometrix shows 20 per field by default; flows between kept items only.
By default only papers with items in all three fields take part: in a mixed
folder, the authors and works of papers that mention no concept (GIS methods
papers beside urban theory) would otherwise fill the left and middle fields
with flows that reach no concept.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Mapping, Optional

__all__ = ["three_fields"]


def three_fields(
    left: Mapping[Any, Iterable[str]], middle: Mapping[Any, Iterable[str]],
    right: Mapping[Any, Iterable[str]], *, top: int = 15,
    labels: Optional[Mapping[str, Mapping[str, str]]] = None, names: tuple[str, str, str] = ("Authors", "Cited works", "Concepts"),
    complete: bool = True,
) -> dict[str, Any]:
    """``{"fields", "nodes": [[{id, label, value}] × 3], "links": [[field, source, target, papers]], "papers"}``.

    ``left``/``middle``/``right`` map each paper to its items in that field
    (authors, cited works, concepts); ``labels`` optionally maps field name → item → label.
    ``links`` field 0 joins left to middle items, field 1 middle to right.  With ``complete``
    only papers with items in all three fields count (``papers`` says how many);
    otherwise every paper does, as bibliometrix.
    """
    fields = [left, middle, right]
    papers = set(left) | set(middle) | set(right)
    items = [{p: sorted(set(f.get(p, ()))) for p in papers} for f in fields]
    if complete:
        papers = {p for p in papers if all(per[p] for per in items)}
        items = [{p: per[p] for p in papers} for per in items]
    chosen: list[list[str]] = []
    for per in items:
        count: Counter[str] = Counter(x for xs in per.values() for x in xs)
        chosen.append(sorted(count, key=lambda x: (-count[x], x))[:top])
    kept = [set(c) for c in chosen]
    links: Counter[tuple[int, str, str]] = Counter()
    for p in sorted(papers, key=str):
        for k in (0, 1):
            for a in items[k][p]:
                if a in kept[k]:
                    for b in items[k + 1][p]:
                        if b in kept[k + 1]:
                            links[(k, a, b)] += 1
    value: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for (k, a, b), n in links.items():
        value[k][a] += n
        value[k + 1][b] += n
    nodes = []
    for k, c in enumerate(chosen):
        lab = (labels or {}).get(names[k], {})
        nodes.append([{"id": x, "label": lab.get(x, x), "value": value[k][x]} for x in c if value[k][x]])
    return {"fields": list(names), "nodes": nodes, "papers": len(papers),
            "links": [[k, a, b, n] for (k, a, b), n in sorted(links.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0]))]}
