"""A written synthesis of one debate map, in plain prose from templates (no language model).

Every sentence carries the numbers of the evidence rows it rests on: quotes (or the
strongest passage of an engaging paper) with paper and page.  Input is a map as
:func:`litmap.analyse.debates.maps.to_json` writes it, so the report can build the
synthesis from ``data/debates.json`` and compare with the previous run's snapshot.
See ``docs/debates.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

__all__ = ["Evidence", "Sentence", "Synthesis", "synthesise", "snapshot", "to_json"]

_QUOTE_CHARS = 220
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


@dataclass(frozen=True)
class Evidence:
    """One evidence row: ``ref`` is its number in the synthesis; ``text`` the quote or passage."""

    ref: int
    paper_id: int
    page: Optional[int]
    text: str
    role: str  # what it shows: "engagement", "anchor", "camp", "approving", "critical", "new"


@dataclass(frozen=True)
class Sentence:
    text: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class Synthesis:
    debate_id: str
    sentences: tuple[Sentence, ...]
    evidence: tuple[Evidence, ...]


def _trim(text: str, n: int = _QUOTE_CHARS) -> str:
    """The quote shortened to ``n`` characters, without its closing full stop (the sentence adds one)."""
    text = " ".join(text.split())
    text = text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + " …"
    return text[:-1] if text.endswith(".") else text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _series(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _cited_for(f: Mapping[str, Any]) -> str:
    """What a work is cited for, from its citation functions in the debate."""
    parts = []
    if f.get("uses"):
        parts.append(f"drawn on {_plural(f['uses'], 'time')}")
    if f.get("supports"):
        parts.append(f"cited in support {_plural(f['supports'], 'time')}")
    if f.get("critiques"):
        parts.append(f"criticised {_plural(f['critiques'], 'time')}")
    if f.get("background"):
        parts.append(f"cited as background {_plural(f['background'], 'time')}")
    return _series(parts) if parts else "cited"


class _Builder:
    def __init__(self) -> None:
        self.sentences: list[Sentence] = []
        self.evidence: list[Evidence] = []
        self._seen: dict[tuple[int, str], int] = {}

    def cite(self, paper_id: int, page: Optional[int], text: str, role: str) -> int:
        key = (paper_id, " ".join(text.split()))
        if key in self._seen:
            return self._seen[key]
        ref = len(self.evidence) + 1
        self.evidence.append(Evidence(ref, paper_id, page or None, " ".join(text.split())[:400], role))
        self._seen[key] = ref
        return ref

    def quoted(self, paper_id: int, text: str) -> bool:
        """Whether this sentence of this paper is evidence already."""
        return (paper_id, " ".join(text.split())) in self._seen

    def say(self, text: str, *refs: int) -> None:
        self.sentences.append(Sentence(text, tuple(dict.fromkeys(refs))))


def synthesise(m: Mapping[str, Any], paper_labels: Mapping[int, str],
               concept_labels: Optional[Mapping[str, str]] = None,
               previous: Optional[Mapping[str, Any]] = None) -> Synthesis:
    """The synthesis of the map ``m`` (a dict of :func:`maps.to_json`).  ``paper_labels`` names papers
    ("Wu 2016: Title"); ``previous`` is this debate's entry of the last run's :func:`snapshot`."""
    clabels = concept_labels or {}
    b = _Builder()

    def paper(pid: int) -> str:
        return paper_labels.get(pid, f"paper {pid}")

    papers = list(m.get("papers") or [])
    label = m["label"]
    if not papers:
        b.say(f"No paper of the corpus engages {label}.")
        return Synthesis(m["id"], tuple(b.sentences), ())
    # who engages it and since when
    top = papers[0]
    dated = sorted((e for e in papers if e.get("year")), key=lambda e: (e["year"], e["paper_id"]))
    since = (f" from {m['first_year']} to {m['last_year']}" if m.get("first_year") and m["last_year"] != m["first_year"]
             else (f" in {m['first_year']}" if m.get("first_year") else ""))
    if since and len(dated) < len(papers):  # the years are the dated papers' only
        since = f" ({len(dated)} of them dated,{since})"
    refs = []
    earliest = dated[0] if len(dated) >= 2 and dated[0]["paper_id"] != top["paper_id"] else None  # one dated: none
    for e in [top] + ([earliest] if earliest else []):
        p = next((x for x in e.get("passages") or [] if x.get("text")), None)
        if p:
            refs.append(b.cite(e["paper_id"], p.get("page"), p["text"], "engagement"))
    terms = [clabels.get(t, t) for t, _ in (top.get("terms") or [])[:3]]
    text = (f"{_plural(len(papers), 'paper')} engage{'s' if len(papers) == 1 else ''} {label}{since}; the most engaged is {paper(top['paper_id'])}, "
            f"which names {_series(terms)} {_plural(top['mentions'], 'time')} in all")
    if earliest:
        text += f", and the earliest is {paper(earliest['paper_id'])}"
    b.say(text + ".", *refs)
    # anchor works and what they are cited for
    for a in (m.get("anchors") or [])[:3]:
        # a quote not given yet: two anchors cited in one sentence would otherwise repeat it word for word
        quotes = a.get("quotes") or []
        q = next((x for x in quotes if not b.quoted(x["paper_id"], x["sentence"])), None)
        refs = [b.cite(q["paper_id"], q.get("page"), q["sentence"], "anchor")] if q else []
        b.say(f"{a['label']} anchors it: {_plural(a['citations'], 'citation')} by {_plural(a['papers'], 'paper')}, "
              f"{a['share']:.0%} of all its citations in the corpus, {_cited_for(a['functions'])}"
              + (f"; {paper(q['paper_id'])} writes: “{_trim(q['sentence'])}”" if q else "") + ".", *refs)
    # camps and what separates them
    camps = m.get("camps") or []
    quote_of = {a["work_id"]: a["quotes"][0] for a in m.get("anchors") or [] if a.get("quotes")}
    if len(camps) >= 2:
        parts, refs = [], []
        for c in camps[:4]:
            works = [lab for _, lab, _ in c["works"][:3]]
            terms = [t for t, _ in c.get("terms") or []][:3]
            parts.append(f"camp {c['id'] + 1}, around {_series(works)}" + (f" (distinguished by “{', '.join(terms)}”)"
                                                                            if terms else ""))
            q = next((quote_of[w] for w, _, _ in c["works"] if w in quote_of), None)
            if q:
                refs.append(b.cite(q["paper_id"], q.get("page"), q["sentence"], "camp"))
        shown = "" if len(camps) <= len(parts) else f"; the {_WORDS[len(parts)]} largest"
        b.say(f"Its works fall into {_plural(len(camps), 'camp')} of co-citation{shown}: " + "; ".join(parts) + ".",
              *refs)
    elif camps:
        b.say(f"Its works form one camp, around {_series([lab for _, lab, _ in camps[0]['works'][:3]])}.")
    # contested works, a quote from each side
    stance = m.get("stance_quotes") or []
    labels = {c["work_id"]: c["label"] for c in m.get("contested") or []}
    for w, pro, con in stance[:3]:
        r1 = b.cite(pro["paper_id"], pro.get("page"), pro["sentence"], "approving")
        r2 = b.cite(con["paper_id"], con.get("page"), con["sentence"], "critical")
        b.say(f"{labels.get(w, w)} is contested: {paper(pro['paper_id'])} cites it approvingly "
              f"(“{_trim(pro['sentence'], 140)}”), {paper(con['paper_id'])} critically "
              f"(“{_trim(con['sentence'], 140)}”).", r1, r2)
    if not stance:
        critical = [c for c in m.get("contested") or []][:3]
        if critical:
            b.say("No work is cited both approvingly and critically; cited critically only: "
                  + _series([c["label"] for c in critical]) + ".")
        else:
            b.say("No work is cited critically in its contexts.")
    # what is new since the last run
    if previous is None:
        b.say("There is no earlier run to compare with.")
    else:
        old_papers = set(previous.get("papers") or [])
        old_anchors = set(previous.get("anchors") or [])
        new = [e for e in papers if e["paper_id"] not in old_papers]
        new_anchors = [a["label"] for a in (m.get("anchors") or [])[:5] if a["work_id"] not in old_anchors]
        if not new and not new_anchors:
            b.say("Nothing is new since the last run: the same papers engage it and the same works lead it.")
        else:
            refs = []
            for e in new[:3]:
                p = next((x for x in e.get("passages") or [] if x.get("text")), None)
                if p:
                    refs.append(b.cite(e["paper_id"], p.get("page"), p["text"], "new"))
            bits = []
            if new:
                bits.append(f"{_plural(len(new), 'paper')} newly engage{'s' if len(new) == 1 else ''} it ({_series([paper(e['paper_id']) for e in new[:3]])}"
                            + (" and more" if len(new) > 3 else "") + ")")
            if new_anchors:
                bits.append(f"{_series(new_anchors)} {'is' if len(new_anchors) == 1 else 'are'} new among its top anchors")
            b.say("Since the last run, " + "; ".join(bits) + ".", *refs)
    return Synthesis(m["id"], tuple(b.sentences), tuple(b.evidence))


def snapshot(maps: list[Mapping[str, Any]]) -> dict[str, dict[str, list[Any]]]:
    """What the next run compares with: per debate, its engaging papers and top anchors."""
    return {m["id"]: {"papers": [e["paper_id"] for e in m.get("papers") or []],
                      "anchors": [a["work_id"] for a in (m.get("anchors") or [])[:5]]} for m in maps}


def to_json(s: Synthesis) -> dict[str, Any]:
    """JSON-ready form: sentences (text, refs) and evidence rows."""
    return {"sentences": [{"text": x.text, "refs": list(x.refs)} for x in s.sentences],
            "evidence": [{"ref": e.ref, "paper_id": e.paper_id, "page": e.page, "text": e.text, "role": e.role}
                         for e in s.evidence]}
