"""bibliometrix's views for the report page: author productivity (Lotka), thematic map, three-field plot.

The analyses live in :mod:`litmap.analyse.sciencemaps`; this module feeds them
the gathered report data (the same inputs as ``figures/thematic_map`` and
``figures/three_field``) and returns the tables the page shows beside those
figures.
"""

from __future__ import annotations

import logging
from typing import Any

__all__ = ["science_maps", "science_json", "THREE_FIELD_TOP"]

log = logging.getLogger(__name__)

THREE_FIELD_TOP = 12  # items per field, as in figures/three_field


def _concept_docs(data: Any) -> tuple[dict[int, list[str]], dict[str, str]]:
    by_paper = data.concepts.get("by_paper") or {}
    labels = {c["id"]: c["label"] for c in data.concepts.get("concepts") or []}
    return {int(pid): [c for c, _ in items] for pid, items in by_paper.items()}, labels


def _productivity(data: Any) -> dict[str, Any]:
    from litmap.analyse.sciencemaps.productivity import author_productivity

    authors = {p.id: list(p.authors) for p in data.papers}
    cited_first: dict[int, list[str]] = {}
    printed: list[str] = []  # the first author's name with initials, once per citing paper: votes for its form
    for w in data.works.values():
        if w.author:
            # with initials where the reference gave them, so two people of one surname (Neil and David Smith)
            # are counted apart; a bare surname joins the one person of that name (author_productivity)
            name = f"{w.author}, {' '.join(i + '.' for i in w.initials)}" if w.initials else w.author
            for pid in w.cited_by:
                cited_first.setdefault(pid, []).append(name)
            if w.initials:
                printed += [name] * len(w.cited_by)
    return author_productivity(authors, cited_first, top=15, printed_forms=printed)


def _thematic(data: Any) -> dict[str, Any]:
    from litmap.analyse.sciencemaps.thematic import QUADRANTS, thematic_map

    docs, labels = _concept_docs(data)
    got = thematic_map(docs, labels=labels)
    got["quadrant_names"] = {k: v.split(":")[0] for k, v in QUADRANTS.items()}
    got["themes"] = sorted(got["themes"], key=lambda t: (-t["size"], t["label"]))
    for t in got["themes"]:  # the papers behind a theme, those holding most of its concepts first (the page's hover)
        terms = set(t.get("term_ids") or ())
        held = sorted(((len(terms.intersection(cs)), pid) for pid, cs in docs.items() if terms.intersection(cs)),
                      key=lambda x: (-x[0], x[1]))
        t["papers"] = [[pid, n] for n, pid in held[:10]]
    return got


def _three_field(data: Any) -> dict[str, Any]:
    from litmap.analyse.sciencemaps.threefield import three_fields

    concepts, concept_labels = _concept_docs(data)
    authors = {p.id: list(p.authors) for p in data.papers}
    cited: dict[int, list[str]] = {}
    for wid, w in data.works.items():
        for pid in w.cited_by:
            cited.setdefault(pid, []).append(wid)
    got = three_fields(authors, cited, concepts, top=THREE_FIELD_TOP,
                       labels={"Cited works": {k: w.label for k, w in data.works.items()}, "Concepts": concept_labels})
    names = [{n["id"]: n["label"] for n in nodes} for nodes in got["nodes"]]
    # the strongest flows of each step, with labels, for the table under the figure
    got["flows"] = [[{"from": names[k].get(a, a), "to": names[k + 1].get(b, b), "papers": n, "work": b if k == 0 else a}
                     for kk, a, b, n in got["links"] if kk == k][:15] for k in (0, 1)]
    return got


def science_maps(data: Any) -> dict[str, Any]:
    """``{"productivity", "thematic", "three_field"}`` for the page; a view that fails is left out (logged)."""
    out: dict[str, Any] = {}
    for name, fn in (("productivity", _productivity), ("thematic", _thematic), ("three_field", _three_field)):
        try:
            out[name] = fn(data)
        except Exception as exc:  # one view must not break the whole report
            log.warning("the %s view could not be computed (%s); the report leaves it out", name, exc)
    return out


def science_json(science: dict[str, Any]) -> dict[str, Any]:
    """What the page's interactive thematic map and three-field plot draw from (small: no tables)."""
    out: dict[str, Any] = {}
    tm = science.get("thematic")
    if tm and len(tm.get("themes") or ()) >= 2:
        out["thematic"] = {
            "splits": tm["splits"], "documents": tm["documents"], "quadrant_names": tm["quadrant_names"],
            "themes": [{k: t[k] for k in ("id", "label", "quadrant", "centrality", "density", "rank_centrality",
                                                 "rank_density", "size", "occurrences")}
                       | {"terms": t["terms"][:15], "papers": t.get("papers", [])} for t in tm["themes"]],
        }
    tf = science.get("three_field")
    if tf and tf.get("links"):
        out["three_field"] = {"fields": tf["fields"], "nodes": tf["nodes"], "links": tf["links"]}
    return out
