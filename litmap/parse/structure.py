"""Blocks in reading order → sections and paragraphs.

Which blocks are headings and what kind of section each opens is decided
in :mod:`litmap.parse.headings` (re-exported here); this module groups the
blocks under them.

Choices worth knowing:

* Everything before the first real heading on the first content page is the
  ``front`` section (title, authors, affiliations, an unheaded abstract).
* Captions, footnotes and tables are paragraphs of their own kind placed
  after the body paragraphs *of their page* (after a paragraph that starts on
  that page and runs on to the next), so they never split the body flow.
* Body paragraphs that run over a column or page break (a block without
  sentence-final punctuation followed by one starting in lower case) are
  joined.
* Inside a reference section only a known section name, an explicit heading
  block or clearly larger type starts a new section, because reference
  entries are short lines that would otherwise look like headings.
* A reference list without a heading is found from its reference-like
  paragraphs at the end of the last sections.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from litmap.read.layout.pages import Block, LaidOutPage
from litmap.models import Paragraph, Section
from litmap.parse.headings import (
    NUMBERING,
    SKIP_KINDS,
    heading_kind,
    is_heading,
    is_ref_part,
    known_heading,
    looks_like_section_heading,
    names_body_section,
    normalise_heading,
    split_inline_heading,
    toc_blocks,
)

__all__ = ["Structure", "structure_document", "body_font_size", "heading_kind", "normalise_heading",
           "looks_like_section_heading"]


_ASIDE_KINDS = {"caption": "caption", "footnote": "footnote", "table": "table"}
_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$")


@dataclass(frozen=True)
class Structure:
    """The document as sections and paragraphs over one body-flow string.

    ``paragraphs`` and ``sections`` hold char offsets into ``text``;
    ``reference_blocks`` are the blocks of the reference section(s) in
    reading order, for the reference splitter.
    """

    text: str = ""
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    reference_blocks: tuple[Block, ...] = ()
    body_size: float = 0.0

    def section_of_kind(self, kind: str) -> Optional[Section]:
        return next((s for s in self.sections if s.kind == kind), None)


def body_font_size(pages: Sequence[LaidOutPage]) -> float:
    """The font size carrying most body characters (rounded to 0.5 pt)."""
    counts: Counter[float] = Counter()
    for page in pages:
        for b in page.blocks:
            if b.kind == "body" and b.size > 0:
                counts[round(b.size * 2) / 2] += len(b.text)
    if counts:
        return counts.most_common(1)[0][0]
    given = [p.body_size for p in pages if p.body_size]
    return float(given[0]) if given else 0.0


@dataclass
class _Para:
    kind: str
    text: str
    page: int
    page_end: int
    section: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Sec:
    heading: Optional[str]
    kind: str
    page: int
    items: list[_Para] = field(default_factory=list)


def _joins(prev: _Para, b: Block) -> bool:
    t = prev.text.rstrip()
    nxt = b.text.lstrip()
    return bool(t) and bool(nxt) and not _ends_sentence(t) and nxt[0].islower()


def _ends_sentence(t: str) -> bool:
    """``_TERMINAL.search(t)`` for ``t`` without trailing space, read from the end: the search tried every
    full stop of a paragraph that grows block by block."""
    return t.rstrip(_CLOSERS).endswith(_TERMINAL_CHARS)


#: _TERMINAL's two character sets: what ends a sentence, and the quotes and brackets that may follow it.
_TERMINAL_CHARS = tuple(".!?…:;")
_CLOSERS = "\"”’')]"


def _join_text(a: str, b: str) -> str:
    a = a.rstrip()
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        return a[:-1] + b.lstrip()
    return f"{a} {b.lstrip()}"


#: Characters of front matter (cover page, title, names, affiliations, an unheaded abstract) after which the
#: front section ends: a heading is then a real one, and without one the prose that follows is body.
FRONT_MAX = 3000


def structure_document(pages: Sequence[LaidOutPage]) -> Structure:
    """Group cleaned pages of blocks into sections and paragraphs."""
    body = body_font_size(pages)
    secs: list[_Sec] = []
    asides: list[tuple[int, _Para]] = []  # (page, paragraph) placed after their page's body
    ref_blocks: list[Block] = []
    open_para: Optional[_Para] = None
    first_page = next((p.number for p in pages if any(b.kind not in SKIP_KINDS for b in p.blocks)), 1)
    seen_refs = False
    front_chars = 0

    ref_number: Optional[str] = None  # "6" of "6. Bibliography": "6.1 Primary sources" stays inside

    def start(heading: Optional[str], kind: str, page: int) -> None:
        nonlocal open_para, seen_refs, ref_number
        secs.append(_Sec(heading, kind, page))
        open_para = None
        seen_refs = seen_refs or kind == "references"
        if kind == "references":
            m = NUMBERING.match(heading or "")
            ref_number = m.group(0).strip().rstrip(".") if m else None

    for page in pages:
        toc = toc_blocks(page)
        for b0 in page.blocks:
            if b0.kind in SKIP_KINDS or not b0.text.strip():
                continue
            cur = secs[-1] if secs else None
            in_front = cur is None or cur.kind == "front"
            in_refs = cur is not None and cur.kind == "references"
            # An entry's number set in a column of its own is small and short enough
            # for the layout to call it a footnote; inside the list it is the list's.
            if b0.kind in _ASIDE_KINDS and not (in_refs and _NUMBER_ONLY.match(b0.text)):
                asides.append((b0.page, _Para(_ASIDE_KINDS[b0.kind], b0.text.strip(), b0.page, b0.page, -1)))
                continue
            if in_refs and is_ref_part(b0, ref_number):
                continue  # "6.1 Primary sources", "Newspaper articles": parts of the list, not entries
            if id(b0) in toc:
                # A table of contents names every section: none of its lines opens one.
                label, b = None, b0
            else:
                label, b = split_inline_heading(b0) if not in_refs or known_heading(b0.lines[0] if b0.lines else "") \
                    else (None, b0)
                if label is None and is_heading(b, body, in_refs):
                    label, b = b.text, None
            if label is not None:
                heading = " ".join(label.split())
                kind = heading_kind(heading, first=all(s.kind == "front" for s in secs), after_references=seen_refs,
                                    before_body=not any(s.kind == "body" for s in secs))
                named = kind is not None or bool(NUMBERING.match(heading)) or names_body_section(heading)
                real = named or not in_front or b0.page > first_page + 1 or front_chars > FRONT_MAX
                back = cur is not None and cur.kind in ("acknowledgements", "notes") and not named
                if back and b0.kind != "heading":
                    # Bold names in a CRediT statement, contributor notes: not sections.
                    label, b = None, b0
                elif in_front and not real:
                    # Title, author lines etc. in large type: front matter.
                    if cur is None:
                        start(None, "front", b0.page)
                    secs[-1].items.append(_Para("front", heading, b0.page, b0.page, 0))
                    open_para = None
                else:
                    start(heading, kind or "body", b0.page)
            if b is None:  # the whole block was the heading
                continue
            if not secs:
                start(None, "front", b.page)
            elif secs[-1].kind == "front" and (front_chars >= FRONT_MAX or b.page > first_page + 1):
                # Front matter is a title, names and an abstract: past that much text, or past the first
                # content page and the next, the paper's prose has begun under no heading the layout could
                # see (a text export whose headings run inline: "... 1 Introduction After fifty years ...").
                start(None, "body", b.page)
            sec = secs[-1]
            if sec.kind == "references":
                ref_blocks.append(b)
                sec.items.append(_Para("reference", b.text.strip(), b.page, b.page, 0))
                open_para = None
                continue
            pkind = "front" if sec.kind == "front" else "body"
            if pkind == "front":
                front_chars += len(b.text)
            if open_para is not None and open_para.kind == pkind and _joins(open_para, b):
                open_para.text = _join_text(open_para.text, b.text)
                open_para.page_end = b.page
                open_para.blocks.append(b)
                continue
            open_para = _Para(pkind, " ".join(b.text.split()), b.page, b.page, 0, [b])
            sec.items.append(open_para)
    if not secs and asides:
        start(None, "front", asides[0][0])
    if not ref_blocks:
        ref_blocks = _unheaded_references(secs)
    return _assemble(secs, asides, ref_blocks, body)


_REF_START = re.compile(
    r"^\[\d{1,3}\]\s*\S|^(?:\[?\d{1,3}[\].]\s+)?(?:[A-ZÀ-Ý][\w'’\-]+(?:\s+[a-z]{1,3})?(?:\s[A-ZÀ-Ý][\w'’\-]+)?,?\s+"
    r"(?:[A-Z]\.|[A-Z][a-zà-ÿ]+|[A-Z]{1,3}\b)|[A-Z][A-Z'’\-]+,?\s+[A-Z])")
_REF_YEAR = re.compile(r"\b(?:1[89]\d\d|20[0-4]\d)[a-z]?\b|\bn\.d\.|in press|forthcoming", re.I)


def _ref_like(p: _Para) -> bool:
    """A paragraph that reads like reference entries: name-first line starts and years."""
    lines = [ln for b in p.blocks for ln in (b.lines or (b.text,))] or [p.text]
    starts = sum(bool(_REF_START.match(ln.strip())) for ln in lines)
    # A numbered list reflowed into one paragraph: "[1] … (2020) [2] … (2018)",
    # at least three numbers in a row.
    marks = [int(k) for k in re.findall(r"(?:^|\s)\[(\d{1,3})\]\s", p.text)]
    if len(marks) >= 3 and all(b == a + 1 for a, b in zip(marks, marks[1:])):
        starts = max(starts, len(marks))
    years = len(_REF_YEAR.findall(p.text))
    return starts >= max(1, len(lines) // 5) and years >= max(1, starts // 2) and not _TERMINAL_Q.search(p.text[:200])


_NUMBER_ONLY = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.|\(\d{1,4}\))\s*$")
_TERMINAL_Q = re.compile(r"\b(?:we|our|this paper|this article|in this)\b", re.I)


def _over_fragments(items: list[_Para], begin: int) -> Optional[int]:
    """Where the run of reference-like paragraphs goes on past short
    fragments before ``begin``: an author list or a title broken into blocks
    of a line or two ("M.Gorchtein," / "X.Roca-Maza and", "arXiv preprint"),
    with a reference-like paragraph before them; None when there is none."""
    k = begin
    while k > 0 and begin - k < 12:
        p = items[k - 1]
        lines = [ln for b in p.blocks for ln in (b.lines or (b.text,))] or [p.text]
        if len(lines) > 2 or len(p.text) >= 60 or _ref_like(p):
            break
        k -= 1
    return k - 1 if k < begin and k > 0 and _ref_like(items[k - 1]) else None


def _unheaded_references(secs: list[_Sec]) -> list[Block]:
    """Fallback for a reference list without a recognisable heading: the
    trailing run of reference-like paragraphs of the last body section
    becomes a ``references`` section."""
    examined = 0
    for si in range(len(secs) - 1, -1, -1):
        sec = secs[si]
        if sec.kind not in ("body", "front", "acknowledgements", "notes") or not sec.items:
            continue
        examined += 1
        if examined > 3:
            return []
        items = sec.items
        end = len(items)
        while end > 0 and len(items) - end < 15 and not _ref_like(items[end - 1]):
            end -= 1
        begin, misses = end, 0
        while begin > 0 and misses <= 1:
            bridged = _over_fragments(items, begin)
            if _ref_like(items[begin - 1]):
                begin -= 1
                misses = 0
            elif bridged is not None:
                begin = bridged
                misses = 0
            elif begin - 1 > 0 and _ref_like(items[begin - 2]):
                begin -= 1
                misses += 1
            else:
                break
        # A Vancouver list's first number set in a column of its own ("1." a block
        # of its own, with no year) opens the list; later numbers ride on misses.
        if begin > 0 and _NUMBER_ONLY.match(items[begin - 1].text):
            begin -= 1
        run = items[begin:end]
        n_lines = sum(len(b.lines or (b.text,)) for p in run for b in p.blocks)
        if not run or (len(run) < 3 and n_lines < 6):
            continue  # two-column order can put the list before the last section
        blocks = [b for p in run for b in p.blocks]
        ref_sec = _Sec(None, "references", run[0].page,
                       [_Para("reference", b.text.strip(), b.page, b.page, 0, [b]) for b in blocks])
        tail = _Sec(sec.heading, sec.kind, items[end].page, items[end:]) if end < len(items) else None
        sec.items = items[:begin]
        secs[si + 1:si + 1] = [ref_sec] + ([tail] if tail else [])
        return blocks
    return []


def _assemble(secs: list[_Sec], asides: list[tuple[int, _Para]], ref_blocks: list[Block], body: float) -> Structure:
    parts: list[str] = []
    pos = 0
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    pending = sorted(asides, key=lambda a: a[0])

    def emit(p: _Para, sec_index: int) -> None:
        nonlocal pos
        text = " ".join(p.text.split()) if p.kind != "reference" else p.text
        if parts:
            pos += 2
        parts.append(text)
        paragraphs.append(Paragraph(text=text, page=p.page, section=sec_index, kind=p.kind,
                                    char_start=pos, char_end=pos + len(text)))
        pos += len(text)

    def flush_asides(before_page: Optional[int], sec_index: int) -> None:
        while pending and (before_page is None or pending[0][0] < before_page):
            emit(pending.pop(0)[1], max(sec_index, 0))

    spans: list[tuple[int, int, int]] = []  # (char_start, char_end, page_end) per section
    for i, sec in enumerate(secs):
        flush_asides(sec.page, i - 1)
        start_pos = pos + (2 if parts else 0)
        page_end = sec.page
        for p in sec.items:
            flush_asides(p.page, i)
            emit(p, i)
            page_end = max(page_end, p.page_end)
        spans.append((min(start_pos, pos) if not sec.items else start_pos, pos, page_end))
    flush_asides(None, len(secs) - 1)
    text = "\n\n".join(parts)
    for i, sec in enumerate(secs):
        s, e, page_end = spans[i]
        # Asides flushed at the end of a section belong to its span too.
        nxt = spans[i + 1][0] - 2 if i + 1 < len(spans) else len(text)
        e = max(e, min(nxt, len(text))) if sec.items else e
        sections.append(Section(heading=sec.heading, kind=sec.kind, page=sec.page, page_end=page_end,
                                text=text[s:e], char_start=s, char_end=e))
    return Structure(text=text, sections=tuple(sections), paragraphs=tuple(paragraphs),
                     reference_blocks=tuple(ref_blocks), body_size=body)
