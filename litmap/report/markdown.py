"""``report.md``: a readable review summary with the same structure as the page.

Deterministic (no timestamps, stable ordering), so it can be diffed between
runs and pasted into notes.  Text from PDFs is escaped: ``<``/``>``/``&``
become entities (Markdown renderers pass raw HTML through) and Markdown
punctuation that would restyle a title is backslash-escaped.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Optional, Sequence

from litmap.report.records import NAME_ONLY_MARK, OCR_SUSPECT_MARK

__all__ = ["render_markdown", "md"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
#: An "&" that a renderer would read as an entity ("&amp;", "&#60;"); a
#: plain "Allen & Cochrane" stays readable in the .md file itself.
_ENTITY_AMP = re.compile(r"&(?=#?\w+;)")



def _page(page: object) -> str:
    """", p. 12" for a quote's page; nothing when it has none (a text file's quotes)."""
    return f", p. {page}" if page else ""

def _html_safe(s: str) -> str:
    return _ENTITY_AMP.sub("&amp;", s).replace("<", "&lt;").replace(">", "&gt;")


def topic_changes_line(title: str, topics: Sequence[Any]) -> str:
    """The What-changed line of grown or shrunk topics (:class:`~litmap.report.records.TopicChange`): the
    notable ones named, the small changes counted ("1: 1 more by a few passages" when none was named)."""
    named = [t for t in topics if t.notable]
    few = len(topics) - len(named)
    line = f"- {title}: {len(topics)}" + ("" if not named else ": " + "; ".join(
        f"{md(t.label)} ({t.before} → {t.after})" for t in named))
    if few and named:
        return line + f"; {few} more by a few passages"
    return line + ((", each by a few passages" if few > 1 else ", by a few passages") if few else "")


def md(text: Any) -> str:
    """Escape one string from a PDF for Markdown (inline, one line)."""
    s = " ".join(str(text if text is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", _html_safe(s))


def _note(text: str) -> str:
    """Our own messages (they hold `commands`): only HTML-breaking characters are escaped."""
    return _html_safe(" ".join(text.split()))


def _table(head: list[str], rows: Iterable[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out + [""]


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _quote(text: str, n: int = 400) -> str:
    t = " ".join(text.split())
    return md(t if len(t) <= n else t[: n - 1] + "…")


def _debates(DB: dict[str, Any], paper_ref: Callable[[Optional[int]], str], work_ref: Callable[[str], str],
             short: Callable[[int], str]) -> list[str]:
    """One sub-section per debate map (fields as in docs/debates.md); ``short`` names a paper
    by its label only, for the long lists of camps and contested works."""
    labels, clabels = DB.get("labels", {}), DB.get("concept_labels", {})

    def years(m: dict[str, Any]) -> str:
        if not m["first_year"]:
            return ""
        return f", {m['first_year']}" + (f"–{m['last_year']}" if m["last_year"] != m["first_year"] else "")
    L = ["Debates are sets of lexicon concepts; a citation belongs to a debate when its paragraph mentions "
         "them. Full data: data/debates.json.", ""]
    L += [f"- {md(m['label'])}: {_n(len(m['papers']), 'paper')}{years(m)}" for m in DB["maps"]]
    if DB.get("skipped"):
        L.append(f"- Not engaged by any paper: {md(', '.join(DB['skipped']))}")
    L.append("")
    for m in DB["maps"]:
        L += [f"### {md(m['label'])} ({m['kind']})", ""]
        if m["gloss"]:
            L += [md(m["gloss"]), ""]
        L += [f"{_n(len(m['papers']), 'engaging paper')}{years(m)}; {_n(m['n_contexts'], 'citation')} in its "
              "contexts. Concept mentions: " + ", ".join(f"{md(clabels.get(c, c))} ({n})" for c, n in m["mentions"])
              + ".", ""]
        if m["timeline"]:
            L += ["Timeline (mentions / engaging papers / citations per year): " + "; ".join(
                f"{t['year']}: {t['mentions']}/{t['papers']}/{t['citations']}" for t in m["timeline"]) + ".", ""]
        L += ["#### Engaging papers", ""] + _table(
            ["Paper", "Mentions", "Per 1,000 words", "Share of paragraphs"],
            ([paper_ref(e["paper_id"]), e["mentions"], f"{e['per_1000_words']:.1f}", f"{e['paragraph_share']:.0%}"]
             for e in m["papers"][:25]))
        if m["anchors"]:
            L += ["#### Anchor works", ""]
            for a in m["anchors"]:
                f = a["functions"]
                fn = ", ".join(f"{k} {f[k]}" for k in ("uses", "supports", "critiques", "background") if f[k])
                L.append(f"- {work_ref(a['work_id'])}: score {a['score']:.2f}; {_n(a['citations'], 'citation')} by "
                         f"{_n(a['papers'], 'paper')}; {a['share']:.0%} of its citations in this debate"
                         + (f" ({fn})" if fn else ""))
                for q in a["quotes"][:2]:
                    L.append(f"  > {_quote(q['sentence'])} — {paper_ref(q['paper_id'])}{_page(q['page'])} "
                             f"({md(q['function'])})")
            L.append("")
        if m["camps"]:
            L += ["#### Camps", ""]
            for c in m["camps"]:
                L.append(f"- Camp {c['id'] + 1}: {md(c['label'])}. Works: "
                         + ", ".join(f"{md(lab)} ({n})" for _, lab, n in c["works"]) + "."
                         + (" Cited approvingly or neutrally by: " + "; ".join(
                             f"{short(p)} ({n})" for p, n in c["papers"]) + "." if c["papers"] else "")
                         + (" Cited critically by: " + "; ".join(short(p) for p in c["critics"]) + "."
                            if c["critics"] else ""))
            L.append("")
        if m["contested"]:
            L += ["#### Contested and critiqued works", ""] + _table(
                ["Work", "Uses", "Supports", "Critiques", "Approving papers", "Critical papers"],
                ([work_ref(f["work_id"]) + (" (contested)" if f["contested"] else ""), f["uses"], f["supports"],
                  f["critiques"], "; ".join(short(p) for p in f["supporters"]),
                  "; ".join(short(p) for p in f["critics"])] for f in m["contested"]))
        if m["bridging_works"] or m["bridging_concepts"]:
            L += ["#### Bridges to other debates", ""]
            for kind, items in (("Work", m["bridging_works"]), ("Concept", m["bridging_concepts"])):
                for b in items:
                    name = work_ref(b["id"]) if kind == "Work" else md(b["label"])
                    L.append(f"- {kind} {name} (betweenness {b['betweenness']:.3f}) → "
                             + ", ".join(md(labels.get(x, x)) for x in b["debates"]))
            L.append("")
        if m["cooccurring"]:
            L += ["Concepts mentioned alongside: " + ", ".join(
                f"{md(c['label'])} ({c['paragraphs']}, {c['share']:.0%})" for c in m["cooccurring"]) + ".", ""]
        if m["topics"]:
            L += ["Topics of its paragraphs: " + "; ".join(
                f"{md(t['label'])} ({_n(t['passages'], 'passage')}, {t['share_of_debate']:.0%} of the debate, "
                f"{t['share_of_topic']:.0%} of the topic)" for t in m["topics"]) + ".", ""]
        if m["notes"]:
            L += ["Notes:", ""] + [f"- {_note(n)}" for n in m["notes"]] + [""]  # ours, with `commands`
    return L


def _syntheses(DB: dict[str, Any], short: Callable[[int], str]) -> list[str]:
    """A written synthesis per debate (:mod:`litmap.analyse.debates.synthesis`): prose whose sentences
    point at numbered evidence rows ([E1]) with paper, page and quote."""
    L = ["## Debates in brief", "",
         "Written from the debate maps by templates; each [E*n*] points at the evidence row below the "
         "paragraph (paper, page, quote). The full maps are under *Debates and concepts*. \"Cited critically\" "
         "counts only critiques a sentence states in words; implicit disagreement reads as background (three blind "
         "tests, 1,304 sentences: 1 of 27 critiques found).", ""]
    for m in DB["maps"]:
        syn = m.get("synthesis")
        if not syn:
            continue
        L += [f"### {md(m['label'])}", ""]
        L += [" ".join(md(x["text"]) + "".join(f" [E{r}]" for r in x["refs"]) for x in syn["sentences"]), ""]
        if syn["evidence"]:
            L += _table(["Ref", "Paper", "Page", "Evidence"], (
                [f"E{e['ref']}", short(e["paper_id"]), e["page"] or "", _quote(e["text"], 300)]
                for e in syn["evidence"]))
    return L


def render_markdown(data: Any, figures: dict[str, str]) -> str:
    papers = {p.id: p for p in data.papers}
    works = data.works

    def paper_ref(pid: Optional[int]) -> str:
        p = papers.get(pid)
        if p is None:
            return f"paper {pid}"
        return md(p.label) + (f", *{md(p.title)}*" if p.title else "")

    def work_ref(wid: str) -> str:
        w = works.get(wid)
        if w is None:
            return md(wid)
        return md(w.label) + (f", *{md(w.title)}*" if w.title else "")

    ov = data.overview
    L: list[str] = [f"# {md(data.title)}", ""]
    if (getattr(data, "debates", {}) or {}).get("maps"):
        L += _syntheses(data.debates, lambda pid: md(papers[pid].label) if pid in papers else f"paper {pid}")
    L += ["## Overview", ""]
    years = f"{ov.year_min}–{ov.year_max}" if ov.year_min else "unknown years"
    L.append(
        f"{ov.papers} papers ({years}; {ov.pages} pages) in {ov.n_journals} journals, with "
        f"{ov.references} reference entries resolving to {ov.works} distinct works and "
        f"{ov.citations} in-text citations."
    )
    L.append("")
    if "years" in figures:
        L += [f"![Papers per publication year]({figures['years']})", ""]
    if ov.journals:
        L += ["### Journals", ""] + _table(["Journal", "Papers"], ([md(j), n] for j, n in ov.journals))
    L += ["### Extraction health", ""]
    def named(pid: int, path: str) -> str:  # the paper as the report names it, and its file to find it by
        return f"{md(papers[pid].label)} ({md(path)})" if pid in papers else md(path)

    L.append(f"- Papers with no reference list found: {len(ov.no_references)}"
             + (": " + ", ".join(named(x.id, x.path) for x in ov.no_references[:20]) if ov.no_references else ""))
    L.append(f"- Papers with a garbled text layer: {len(ov.garbled)}"
             + (": " + "; ".join(f"{named(x.id, x.path)}: {md(x.note)}" for x in ov.garbled[:20]) if ov.garbled
                else ""))
    L.append(f"- Papers read with OCR: {len(ov.ocr)} ({ov.ocr_pages} pages)")
    L.append(f"- Cited works named only by a scan, under names likely misread by OCR (marked {OCR_SUSPECT_MARK}, "
             f"never ranked): {len(ov.ocr_suspect)}"
             + (": " + "; ".join(f"{md(label)} ({md(why)})" for label, why in ov.ocr_suspect[:20]) if ov.ocr_suspect else ""))
    L.append(f"- Works cited by name and year only, where several works of the corpus fit (marked {NAME_ONLY_MARK}): "
             f"{len(ov.name_only)}"
             + (": " + "; ".join(f"{md(label)} (may be: {md(fits)})" for label, fits in ov.name_only[:20])
                if ov.name_only else ""))
    if ov.same_paper:
        L.append(f"- The same paper in more than one file (one work, counted once): "
                 f"{len(ov.same_paper)}: " + "; ".join(f"{md(papers[pid].label) if pid in papers else pid} "
                                                       f"({md(files)})" for pid, files in ov.same_paper[:20]))
    L.append(f"- Papers with guessed metadata: {len(ov.guessed)}"
             + (": " + "; ".join(f"{named(x.id, x.path)}: {md(x.note)}" for x in ov.guessed[:20]) if ov.guessed else ""))
    L.append(f"- Files that could not be read: {len(ov.failures)}")
    L += [f"  - {md(f.path)}: {md(f.reason)}" for f in ov.failures]
    L.append("")
    if ov.most_cited:
        L += ["### Most cited works", ""] + _table(
            ["Work", "Citing papers"], ([work_ref(r.work), r.papers] for r in ov.most_cited)
        )
    if ov.most_central:
        L += ["### Most central papers", "", "PageRank in the bibliographic coupling network.", ""] + _table(
            ["Paper", "PageRank", "Shared references", "Cited in corpus"],
            ([paper_ref(r.paper), f"{r.pagerank:.4f}", r.coupling_strength, r.cited_in_corpus]
             for r in ov.most_central),
        )
    if ov.bursts:
        L += ["### Citation bursts", "", "Works cited unusually often in a run of years (Kleinberg).", ""] + _table(
            ["Work", "From", "To", "Strength"],
            ([work_ref(b.work), b.start, b.end, f"{b.strength:.2f}"] for b in ov.bursts),
        )
    elif ov.bursts_note:
        L += ["### Citation bursts", "", f"No citation burst was found: {_note(ov.bursts_note)}.", ""]

    L += ["## Topics", ""]
    T = data.topics
    if T.get("missing"):
        L += [f"Not available: {_note(T['missing'])}.", ""]
    else:
        L.append(f"{len(T['topics'])} topics over {T['passages']} passages ({T['outliers']} unassigned); "
                 f"model `{md(T['model'])}`.")
        L.append("")
        if "topics_over_time" in figures:
            L += [f"![Topic shares by publication year]({figures['topics_over_time']})", ""]
        for t in T["topics"]:
            L += [f"### {md(t['label'])}", ""]
            L.append(f"{t['size']} passages in {t['n_papers']} papers. Keywords: {md(', '.join(t['keywords']))}.")
            L.append("")
            for r in t["passages"]:
                page = _page(r["page"])
                L.append(f"> {_quote(r['text'])}  ")
                L.append(f"> — {paper_ref(r['paper'])}{page}")
                L.append("")

    L += ["## Networks", ""]
    for name, v in data.networks.items():
        L += [f"### {md(v['title'])}", ""]
        if v.get("missing"):
            L += [f"Not available: {_note(v['missing'])}.", ""]
            continue
        L.append(f"{md(v['caption'])} {v['total_nodes']} nodes and {v['total_edges']} links in full "
                 f"(data/network_{name}_nodes.csv); the {len(v['nodes'])} largest are drawn."
                 + (f" Modularity {v['modularity']:.3f}." if v.get("modularity") is not None else ""))
        L.append("")
        if f"network_{name}" in figures:
            L += [f"![{md(v['title'])}]({figures['network_' + name]})", ""]
        L += _table(["Cluster", "Label", "Nodes"], ([c["id"], md(c["label"]), c["size"]] for c in v["clusters"]))

    L += ["## Debates and concepts", ""]
    DB = getattr(data, "debates", {}) or {}
    if DB.get("maps"):
        L += _debates(DB, paper_ref, work_ref, lambda pid: md(papers[pid].label) if pid in papers else f"paper {pid}")
    elif DB.get("missing"):
        L += [f"Debate maps not available: {_note(DB['missing'])}.", ""]
    C = data.concepts
    L += ["### Concepts", ""]
    if C.get("missing"):
        L += [f"Not available: {_note(C['missing'])}.", ""]
    else:
        L += _table(["Concept", "Mentions", "Papers", "Debates"],
                    ([md(c["label"]), c["mentions"], c["papers"], md(", ".join(c["debates"]))] for c in C["concepts"]))
        if C.get("left_out"):
            L += [f"Mentions are counted where the term is meant in the lexicon's sense: {_n(C['left_out'], 'mention')} "
                  "of ambiguous terms with no evidence of their debate beside them in the paragraph or paper "
                  "were left out.", ""]

    L += ["## Key works and how they are cited", ""]
    for r in ov.most_cited[:10]:
        w = works.get(r.work)
        if not w:
            continue
        L += [f"### {work_ref(r.work)}", ""]
        fn = ", ".join(f"{k} {n}" for k, n in sorted(w.functions.items(), key=lambda kv: (-kv[1], kv[0])))
        L.append(f"Cited by {_n(len(w.cited_by), 'paper')} in {_n(w.n_contexts, 'sentence')}"
                 + (f" (citation function of those shown: {fn})" if fn else "") + ".")
        L.append("")
        for c in w.contexts[:3]:
            L.append(f"> {_quote(c.sentence)}  ")
            L.append(f"> — {paper_ref(c.paper)}{_page(c.page)} ({md(c.function or '')})")
            L.append("")

    def changes_list(ch: Any) -> None:
        for items, title in ((ch.new_papers, "New papers"), (ch.removed_papers, "Removed papers"),
                             (ch.new_topics, "New topics"), (ch.new_concepts, "Concepts found for the first time")):
            L.append(f"- {title}: {len(items)}" + ("" if not items else ": " + "; ".join(md(x) for x in items[:30])))
        for topics, title in ((ch.grown_topics, "Grown topics"), (ch.shrunk_topics, "Shrunk topics")):
            L.append(topic_changes_line(title, topics))
        gone = ch.gone_topics
        L.append(f"- Topics no longer found: {len(gone)}" + ("" if not gone else ": " + "; ".join(
            md(x) for x in gone)))
        bursts = ch.new_bursts
        L.append(f"- Newly bursting works: {len(bursts)}" + ("" if not bursts else ": " + "; ".join(
            work_ref(w) for w in bursts)))
        if ch.newly_central is not None:
            central = ch.newly_central
            L.append(f"- Newly among the most co-cited works: {len(central)}" + ("" if not central else ": " + "; ".join(
                work_ref(w) for w in central)))
        if ch.camp_changes is not None:
            camps = ch.camp_changes
            L.append(f"- Co-citation camps that split or merged: {len(camps)}" + ("" if not camps else ": " + "; ".join(
                f"{c.kind}: {md(' + '.join(c.before))} → {md(', '.join(c.after))} ({c.works} works)"
                for c in camps)))

    L += ["## What changed", ""]
    ch = data.changes
    if ch.first:
        L.append("There is no earlier report of this store to compare with yet.")
    elif ch.unchanged:
        L.append("No changes since " + (f"run {ch.since_run}." if ch.since_run else "the previous report."))
        if ch.last is not None:
            at = (f": run {ch.last.run}" if ch.last.run else "") + (
                f", compared with run {ch.last.since_run}" if ch.last.since_run else "")
            L += ["", f"Last changes{at}:", ""]
            changes_list(ch.last)
    else:
        if ch.since_run:
            L += [f"Compared with the report of run {ch.since_run}.", ""]
        changes_list(ch)
    L.append("")
    if ch.run_counts:
        L += ["Counts of the last two recorded runs:", ""] + _table(
            ["Count", f"Previous (run {ch.runs[1].id})", f"Latest (run {ch.runs[0].id})"], ([md(c.name), c.before if c.before is not None else "–",
                                               c.after if c.after is not None else "–"] for c in ch.run_counts))
    return "\n".join(L).rstrip() + "\n"
