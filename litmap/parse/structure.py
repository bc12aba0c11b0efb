"""Blocks in reading order → sections and paragraphs.

Headings are found from font size and weight relative to the body text,
numbering ("1.", "2.1", "IV."), capitals and known section names; each
section gets a kind from :data:`litmap.models.SECTION_KINDS`.

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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

from litmap.layout import Block, LaidOutPage
from litmap.models import Paragraph, Section

__all__ = ["Structure", "structure_document", "body_font_size", "heading_kind", "normalise_heading",
           "looks_like_section_heading"]

_ASIDE_KINDS = {"caption": "caption", "footnote": "footnote", "table": "table"}
_SKIP_KINDS = {"header", "footer", "page_number", "stamp", "cover"}

_REFERENCES = {"references", "reference", "bibliography", "literature", "works cited", "literatur", "reference list",
               "references and notes", "literature cited", "cited literature", "list of references",
               "bibliographie", "referencias", "cited references", "sources", "literaturverzeichnis"}
_ACK = {"acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "funding", "disclosure statement",
        "declaration of competing interest", "competing interests", "conflict of interest", "conflicts of interest",
        "data availability", "data availability statement", "orcid", "notes on contributors", "author contributions",
        "credit authorship contribution statement", "ethics statement", "declaration of interest", "declarations",
        "funding information", "declaration of interests", "competing interest", "author biographies",
        "about the authors", "about the author", "suggested citation", "how to cite", "how to cite this article",
        "author's address", "authors' addresses", "ethical approval", "financial disclosure", "author information"}
#: Back-matter boxes that only count as headings after the reference list
#: (a cover page says "3 authors:").
_BACK_ONLY = {"author", "authors", "the author", "the authors", "citation"}
_NOTES = {"notes", "endnotes", "note", "footnotes", "end notes"}
_ABSTRACT = {"abstract", "summary", "résumé"}
_KEYWORDS = {"keywords", "key words", "keyword", "index terms"}
_BODY = {"introduction", "conclusion", "conclusions", "discussion", "methods", "results", "background",
         "literature review", "methodology", "data", "concluding remarks", "data and methods", "method",
         "materials and methods", "statement of need", "findings", "case study", "theoretical framework",
         "discussion and conclusion", "conclusion and discussion", "analysis", "implementation", "usage",
         "examples", "example", "overview", "features", "software", "related work"}

#: Names of the parts a reference list is divided into ("Primary sources").
_REF_PARTS = {"primary sources", "secondary sources", "primary literature", "secondary literature", "sources",
              "documents", "official documents", "newspaper articles", "newspapers", "press articles", "books",
              "articles", "journal articles", "book chapters", "monographs", "internet sources", "online sources",
              "websites", "web sources", "internet", "legal sources", "legislation", "laws", "archival sources",
              "archives", "reports", "policy documents", "other sources", "further reading", "data sources",
              "datasets", "data", "statistical sources", "interviews", "government publications",
              "grey literature", "gray literature", "cited works", "works cited", "literature"}
_TOC_LEADER = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|…{2,}\s*\d{1,4}\s*$")
_TOC_NAMES = {"contents", "table of contents", "content", "inhalt", "inhaltsverzeichnis", "table des matières"}
_PAGE_NO = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)

_NUMBERING = re.compile(r"^(?:(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVX]{1,5}\.)|(?:[A-H]\.))\s+(?=\S)")
_INLINE_LABEL = re.compile(r"^(abstract|summary|keywords|key words|a b s t r a c t|k e y w o r d s)\s*[:.—–-]?\s+(?=\S)",
                           re.I)
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


def normalise_heading(text: str) -> str:
    """Lower-case heading text without numbering or trailing punctuation."""
    t = " ".join(text.split())
    t = _NUMBERING.sub("", t)
    tokens = t.split()
    if len(tokens) > 3 and all(len(tok) == 1 for tok in tokens):
        t = "".join(tokens)  # letter-spaced "A B S T R A C T"
    elif len(tokens) == 2 and len(tokens[0]) == 1 and t.isupper():
        t = "".join(tokens)  # small caps split off the initial: "L ITERATURE"
    for k in (3, 2):
        # Fake bold printed k times: "RRREEEFFF…" → "REF…".
        if len(t) >= 3 * k and len(t) % k == 0 and all(t[i:i + k] == t[i] * k for i in range(0, len(t), k)):
            t = t[::k]
            break
    return t.strip(" .:—–-").lstrip("„•▪■►◆○●* ").lower()  # bullets some series set before headings


def heading_kind(text: str, *, first: bool = False, after_references: bool = False) -> Optional[str]:
    """The section kind a heading names, or None for an ordinary body heading."""
    name = normalise_heading(text)
    if name in _REFERENCES or name.startswith(("references", "bibliography")):
        return "references"
    if name in _ACK or name.startswith(("acknowledg", "funding", "declaration of", "conflict of interest",
                                        "notes on contributor", "data availability")):
        return "acknowledgements"
    if name in _BACK_ONLY:
        return "acknowledgements" if after_references else None
    if name in _NOTES:
        return "notes"
    if name in _KEYWORDS:
        return "keywords"
    if name in {"abstract", "résumé"} or (name == "summary" and first):
        return "abstract"
    if name.startswith(("appendix", "appendices", "supplementary", "supplemental", "annex")):
        return "appendix"
    if after_references:
        return "appendix"
    return None


def looks_like_section_heading(text: str) -> bool:
    """A numbered heading or a known section name ("2.1 Data", "References")."""
    t = text.strip()
    m = _NUMBERING.match(t)
    return _known(t) or (m is not None and len(t.split()) <= 14 and t[m.end():m.end() + 1].isupper())


def _known(text: str) -> bool:
    name = normalise_heading(text)
    return heading_kind(text, first=True) is not None or name in _BODY


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


def _is_heading(b: Block, body: float, in_refs: bool) -> bool:
    text = " ".join(b.text.split())
    if not text or not any(c.isalpha() for c in text):
        return False
    if b.kind == "heading":
        return True
    nlines = max(1, len(b.lines))
    if len(text) > 160 or len(text.split()) > 20 or nlines > 3:
        return False
    larger = body > 0 and b.size >= body + 0.9
    if in_refs:
        # Reference entries are short lines: only names or much larger type.
        return heading_kind(text) not in (None, "references") or normalise_heading(text) in _BACK_ONLY \
            or (body > 0 and b.size >= body + 1.5 and nlines <= 2)
    if _known(text) and len(text) < 60:
        return True
    if text.endswith((",", ";")) or (text.endswith(".") and not larger and not _NUMBERING.match(text)):
        return False
    numbered = bool(_NUMBERING.match(text)) and len(text.split()) <= 14 and text.lstrip("0123456789IVX.AH ")[:1].isupper()
    caps = text.isupper() and len(text) >= 4 and len(text.split()) <= 10
    not_smaller = body <= 0 or b.size >= body - 0.6
    if larger and nlines <= 3:
        return True
    if b.bold and not_smaller and nlines <= 2:
        return True
    return (numbered or caps) and not_smaller and nlines <= 2 and not text.endswith(".")


def _split_inline_heading(b: Block) -> tuple[Optional[str], Block]:
    """Split "Abstract: text…" or a block whose first line is "References"."""
    m = _INLINE_LABEL.match(b.text)
    if m and len(b.text) > m.end() + 20:
        return m.group(1), replace(b, text=b.text[m.end():])
    if len(b.lines) > 1 and _known(b.lines[0]) and len(b.lines[0]) < 40:
        first = b.lines[0]
        rest = b.text[len(first):].lstrip() if b.text.startswith(first) else " ".join(b.lines[1:])
        return first.strip(), replace(b, text=rest, lines=b.lines[1:], indents=b.indents[1:])
    return None, b


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
    return bool(t) and bool(nxt) and not _TERMINAL.search(t) and nxt[0].islower()


def _join_text(a: str, b: str) -> str:
    a = a.rstrip()
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        return a[:-1] + b.lstrip()
    return f"{a} {b.lstrip()}"


def structure_document(pages: Sequence[LaidOutPage]) -> Structure:
    """Group cleaned pages of blocks into sections and paragraphs."""
    body = body_font_size(pages)
    secs: list[_Sec] = []
    asides: list[tuple[int, _Para]] = []  # (page, paragraph) placed after their page's body
    ref_blocks: list[Block] = []
    open_para: Optional[_Para] = None
    first_page = next((p.number for p in pages if any(b.kind not in _SKIP_KINDS for b in p.blocks)), 1)
    seen_refs = False
    front_chars = 0

    ref_number: Optional[str] = None  # "6" of "6. Bibliography": "6.1 Primary sources" stays inside

    def start(heading: Optional[str], kind: str, page: int) -> None:
        nonlocal open_para, seen_refs, ref_number
        secs.append(_Sec(heading, kind, page))
        open_para = None
        seen_refs = seen_refs or kind == "references"
        if kind == "references":
            m = _NUMBERING.match(heading or "")
            ref_number = m.group(0).strip().rstrip(".") if m else None

    for page in pages:
        toc = _toc_blocks(page)
        for b0 in page.blocks:
            if b0.kind in _SKIP_KINDS or not b0.text.strip():
                continue
            cur = secs[-1] if secs else None
            in_front = cur is None or cur.kind == "front"
            in_refs = cur is not None and cur.kind == "references"
            if b0.kind in _ASIDE_KINDS:
                asides.append((b0.page, _Para(_ASIDE_KINDS[b0.kind], b0.text.strip(), b0.page, b0.page, -1)))
                continue
            if in_refs and _is_ref_part(b0, ref_number):
                continue  # "6.1 Primary sources", "Newspaper articles": parts of the list, not entries
            if id(b0) in toc:
                # A table of contents names every section: none of its lines opens one.
                label, b = None, b0
            else:
                label, b = _split_inline_heading(b0) if not in_refs or _known(b0.lines[0] if b0.lines else "") \
                    else (None, b0)
                if label is None and _is_heading(b, body, in_refs):
                    label, b = b.text, None
            if label is not None:
                heading = " ".join(label.split())
                kind = heading_kind(heading, first=all(s.kind == "front" for s in secs), after_references=seen_refs)
                named = kind is not None or bool(_NUMBERING.match(heading)) or normalise_heading(heading) in _BODY
                real = named or not in_front or b0.page > first_page + 1 or front_chars > 3000
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
                if b is None:
                    continue
            if not secs:
                start(None, "front", b.page)
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


def _toc_blocks(page: LaidOutPage) -> set[int]:
    """``id`` s of the blocks of a table of contents on ``page``: from a
    "Contents" heading or the first entry to the last entry, where entries
    end in dot leaders or have a page number set on their line to the right.
    Three entries (or one under a "Contents" heading) make a contents page."""
    blocks = [b for b in page.blocks if b.kind not in _SKIP_KINDS and b.text.strip()]
    entries: list[int] = []
    named: Optional[int] = None
    for i, b in enumerate(blocks):
        lines = b.lines or (b.text,)
        if named is None and len(lines) == 1 and normalise_heading(b.text) in _TOC_NAMES:
            named = i
        elif sum(1 for ln in lines if _TOC_LEADER.search(ln)) * 2 >= len(lines):
            entries.append(i)
        elif i + 1 < len(blocks):
            nxt = blocks[i + 1]
            # A numbered heading with a page number to its right; a table
            # row ("Men" … "45") is not one unless the page says "Contents".
            if _PAGE_NO.match(nxt.text) and not _PAGE_NO.match(b.text) and nxt.x0 >= b.x1 and \
                    abs(nxt.top - b.top) < 2 and (_NUMBERING.match(b.text) or named is not None):
                entries += [i, i + 1]
    if len(entries) < 3 and not (named is not None and entries):
        return set()
    first = named if named is not None and named < entries[0] else entries[0]
    return {id(b) for b in blocks[first:entries[-1] + 1]}


def _is_ref_part(b: Block, ref_number: Optional[str]) -> bool:
    """A sub-heading that divides a reference list: numbered under the
    list's own number ("6.1." under "6. Bibliography") or a known part name."""
    text = " ".join(b.text.split())
    if not text or len(text) > 60 or len(b.lines) > 2:
        return False
    m = _NUMBERING.match(text)
    if m and ref_number and m.group(0).strip().rstrip(".").startswith(ref_number + "."):
        return True
    return normalise_heading(text) in _REF_PARTS


_REF_START = re.compile(
    r"^\[\d{1,3}\]\s*\S|^(?:\[?\d{1,3}[\].]\s+)?(?:[A-ZÀ-Ý][\w'’\-]+(?:\s+[a-z]{1,3})?(?:\s[A-ZÀ-Ý][\w'’\-]+)?,?\s+"
    r"(?:[A-Z]\.|[A-Z][a-zà-ÿ]+|[A-Z]{1,3}\b)|[A-Z][A-Z'’\-]+,?\s+[A-Z])")
_REF_YEAR = re.compile(r"\b(?:1[89]\d\d|20[0-4]\d)[a-z]?\b|\bn\.d\.|in press|forthcoming", re.I)


def _ref_like(p: _Para) -> bool:
    """A paragraph that reads like reference entries: name-first line starts and years."""
    lines = [ln for b in p.blocks for ln in (b.lines or (b.text,))] or [p.text]
    starts = sum(bool(_REF_START.match(ln.strip())) for ln in lines)
    years = len(_REF_YEAR.findall(p.text))
    return starts >= max(1, len(lines) // 5) and years >= max(1, starts // 2) and not _TERMINAL_Q.search(p.text[:200])


_TERMINAL_Q = re.compile(r"\b(?:we|our|this paper|this article|in this)\b", re.I)


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
            if _ref_like(items[begin - 1]):
                begin -= 1
                misses = 0
            elif begin - 1 > 0 and _ref_like(items[begin - 2]):
                begin -= 1
                misses += 1
            else:
                break
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
