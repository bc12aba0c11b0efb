"""Plain-text rendering of debate maps (``litmap debates`` without ``--json``)."""

from __future__ import annotations

from typing import Mapping, Optional, Sequence

from litmap.analyse.debates.records import DebateMap

__all__ = ["render_debates_text"]

_QUOTE_CHARS = 240


def _short(text: Optional[str], n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def render_debates_text(maps: Sequence["DebateMap"], *, papers: int = 10, quotes: bool = True,
                        labels: Optional[Mapping[int, str]] = None) -> str:
    """A readable report of each map: engagement, timeline, anchors with
    quotes, camps, contested and bridging works, co-occurring concepts,
    topics and notes.  ``papers`` caps the engaging papers listed; ``labels`` names a paper that has no title
    (``Paper.label``: "Political Geography 2024", "paper 2, title unknown"), never "untitled"."""
    names = labels or {}

    def _paper(pid: int, title: Optional[str], year: Optional[int]) -> str:
        if title:
            return f"[{pid}] {_short(title, 60)} ({year or 'n.d.'})"
        return f"[{pid}] {names.get(pid) or f'paper {pid}, title unknown'}"

    out: list[str] = []
    for m in maps:
        span = f"{m.first_year}–{m.last_year}" if m.first_year else "no dated papers"
        out.append(f"== {m.label} ({m.kind} {m.id}) ==")
        if m.gloss:
            out.append(m.gloss)
        out.append("Concepts: " + (", ".join(f"{c} ({n})" for c, n in m.mentions) or "none found in the corpus"))
        out.append(f"{len(m.papers)} papers engage it, {span}; {m.n_contexts} citations in its contexts.")
        if not m.papers:
            out.extend(f"  note: {n}" for n in m.notes)
            out.append("")
            continue
        if m.timeline:
            out.append("Timeline (year: papers, mentions, citations):")
            out.extend(f"  {y.year}: {y.papers} papers, {y.mentions} mentions, {y.citations} citations"
                       for y in m.timeline)
        out.append("Papers engaging it (mentions per 1,000 words; share of paragraphs):")
        for e in m.papers[:papers]:
            out.append(f"  {_paper(e.paper_id, e.title, e.year)}  {e.per_1000_words:g}/1k words, "
                       f"{e.mentions} mentions, {e.paragraph_share:.0%} of paragraphs")
        if len(m.papers) > papers:
            out.append(f"  … and {len(m.papers) - papers} more")
        if m.anchors:
            out.append("Anchors (works most cited in its contexts):")
        for n, a in enumerate(m.anchors, start=1):
            f = a.functions
            out.append(f"  {n:>2}. {a.label}  score {a.score:g}: {a.citations} citations in {a.papers} papers "
                       f"(uses {f.uses}, supports {f.supports}, critiques {f.critiques}, background {f.background})")
            if quotes:
                for q in a.quotes:
                    where = f"{_paper(q.paper_id, q.title, q.year)}" + (f", p. {q.page}" if q.page else "")
                    out.append(f"      “{_short(q.sentence, _QUOTE_CHARS)}” — {where} [{q.function}]")
        if m.camps:
            out.append("Camps (co-citation communities of its works):")
        for c in m.camps:
            works = ", ".join(label for _, label, _ in c.works)
            cited_by = ", ".join(f"[{pid}]" for pid, _ in c.papers[:8])
            line = f"  {c.id + 1}. {c.label}: {works}"
            line += f"; cited by {cited_by}" if cited_by else ""
            line += f"; critiqued by {', '.join(f'[{p}]' for p in c.critics)}" if c.critics else ""
            out.append(line)
        if m.contested:
            out.append("Contested and critiqued works (uses/supports vs critiques):")
        for f in m.contested:
            tag = "contested" if f.contested else "critiqued"
            out.append(f"  {f.label} [{tag}]: uses {f.uses}, supports {f.supports}, critiques {f.critiques}; "
                       f"approving papers {list(f.supporters)}, critical papers {list(f.critics)}")
        for title, items in (("Bridging works", m.bridging_works), ("Bridging concepts", m.bridging_concepts)):
            if items:
                out.append(f"{title} (betweenness → other debates):")
                out.extend(f"  {b.label} ({b.betweenness:g}) → {', '.join(b.debates)}" for b in items)
        if m.cooccurring:
            out.append("Co-occurring concepts (paragraphs; share of the debate's paragraphs): " + ", ".join(
                f"{c.label} ({c.paragraphs}, {c.share:.0%})" for c in m.cooccurring))
        if m.topics:
            out.append("Topics of its paragraphs: " + ", ".join(
                f"{t.topic_id} {t.label} ({t.share_of_debate:.0%} of the debate, {t.share_of_topic:.0%} of the topic)"
                for t in m.topics))
        out.extend(f"  note: {n}" for n in m.notes)
        out.append("")
    return "\n".join(out).rstrip() + "\n" if out else "No debates to map.\n"
