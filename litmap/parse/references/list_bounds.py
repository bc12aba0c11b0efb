"""Where a reference list begins and ends inside its section.

The section a heading opens often carries more than the list: running
heads and page numbers between pages, a "how to cite" box or contributor
notes after it, a publisher's list of books set in other type, appendices.
These rules drop that material before and after the entries are split
(:mod:`litmap.parse.references.splitting`): a cut where the type size changes for
good, end markers, stray furniture and running heads, and a trailing run
of entries that do not read like references.
"""

from __future__ import annotations

import re
import statistics
from typing import Sequence

from litmap.read.layout.pages import FURNITURE_KINDS, Block
from litmap.parse.references.entry_starts import YEAR, Line, is_entry_start, year_near

__all__ = ["FURNITURE_KINDS", "same_type", "clean_lines", "cut_at_end_marker", "trim_tail"]


#: The list's own heading, when it was set as the first line of the first block.
_HEADING = re.compile(r"^\s*(?:references?|bibliography|literature(?: cited)?|works cited|sources|literatur(?:verzeichnis)?|r[ée]f[ée]rences)\s*:?\s*$", re.I)
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|page \d+(?: of \d+)?|[ivxlc]{1,6})\s*$", re.I)


def clean_lines(lines: list[Line]) -> list[Line]:
    """Without blank lines, page numbers, the list's heading and stray running heads."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if not t or _PAGE_NUMBER.match(t) and not _range_end(out, t):
            continue
        if i < 3 and _HEADING.match(t):
            continue
        out.append(ln)
    return _drop_stray_furniture(out)


def _range_end(kept: list[Line], t: str) -> bool:
    """A number alone on its line that ends the page range the line before
    broke off ("… J Abnorm Psychol 114:557–" / "559"): no page number."""
    m = re.search(r"(\d{1,5})\s*[-–—‐]\s*$", kept[-1].text) if kept and t.isdigit() else None
    return m is not None and int(m.group(1)) < int(t) < int(m.group(1)) + 1000


#: A line opening with a bracketed year: an APA year wrapped from a long author
#: line, or an entry whose repeated-author dash the layer lost — list content.
_YEAR_OPENS = re.compile(r"^\s*\((?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)")


def _drop_stray_furniture(lines: list[Line]) -> list[Line]:
    """Drop a running header/footer that slipped through cleaning: the first
    or last line of a page, set at an x that is neither the margin nor the
    list's indent, that does not start an entry."""
    xs = [ln.x for ln in lines if ln.x is not None]
    if len(xs) < 6:
        return lines
    by_group: dict[int, float] = {}
    for ln in lines:
        if ln.x is not None:
            by_group[ln.group] = min(by_group.get(ln.group, ln.x), ln.x)
    offsets = [round(ln.x - by_group[ln.group]) for ln in lines if ln.x is not None]
    indented = [o for o in offsets if o >= 3]
    indent = statistics.median(indented) if indented else 0.0
    keep = []
    for i, ln in enumerate(lines):
        edge = i == 0 or i == len(lines) - 1 or lines[i - 1].page != ln.page or lines[i + 1].page != ln.page
        if edge and ln.x is not None and not is_entry_start(ln.text) and not _YEAR_OPENS.match(ln.text):
            off = ln.x - by_group[ln.group]
            if off > 3 and abs(off - indent) > 8:
                continue
        if _running_head(lines, i):
            continue
        keep.append(ln)
    return keep


def _running_head(lines: Sequence[Line], i: int) -> bool:
    """A page's first line that is a short name or title (no year, no final
    punctuation) set right above an entry start: a running head joined to
    the list's first block ("H. Yrjänä")."""
    ln = lines[i]
    first_on_page = i > 0 and lines[i - 1].page != ln.page and i + 1 < len(lines) and lines[i + 1].page == ln.page
    text = ln.text.strip()
    return first_on_page and len(text) < 40 and not YEAR.search(text) and not re.search(r"[.,;:)\]]$", text) \
        and is_entry_start(lines[i + 1].text) and year_near(lines, i + 1)


#: A "how to cite this paper" box: the list has ended.
_CITE_AS = re.compile(
    r"^\s*(?:cite as|to cite this (?:article|paper|chapter)|suggested citation|recommended citation"
    r"|how to cite(?: this (?:article|paper))?)\s*:",
    re.I,
)


#: A contributor note after the list: "HEATHER MENZIES is an award-winning author".
_BIO = re.compile(
    r"^\s*(?:[A-ZÀ-Þ][A-ZÀ-Þ'’\-]+\.?\s+){1,3}[A-ZÀ-Þ][A-ZÀ-Þ'’\-]+,?\s+"
    r"(?:is|was|teaches|works|holds|has|received|studied|lectures)\s"
)


#: A back-matter heading on a line of its own after the list, in a text where
#: it did not open a section of its own ("SUPPORTING INFORMATION" / "Additional
#: supporting information may be found online …" after a .txt list).
_BACK_MATTER = re.compile(
    r"^\s*(?:supporting information|supplementary (?:information|materials?|data)|online appendix"
    r"|notes on contributors|author biograph(?:y|ies)|data availability(?: statement)?"
    r"|conflicts? of interests?(?: statement)?|declaration of (?:competing|conflicting) interests?"
    r"|appendix|appendices|anhang|annexes?|videos?|audio(?: files)?)\s*:?\s*$",
    re.I,
)

#: An abstract or keywords in another language after the list, as some journals
#: print them at the end ("Zusammenfassung: In den vergangenen Jahren …",
#: "Schlagwörter: Uganda, …"): the list has ended.
_ABSTRACT_AFTER = re.compile(
    r"^\s*(?:zusammenfassung|abstract|r[ée]sum[ée]|resumen|resumo|riassunto|sommario|samenvatting|аннотация"
    r"|schlagw[öo]rter|keywords|key words|mots[- ]cl[ée]s|palabras clave|palavras[- ]chave|parole chiave"
    r"|ключевые слова)\s*:\s*\S",
    re.I,
)


def cut_at_end_marker(lines: list[Line]) -> list[Line]:
    """The lines before a "cite as" box, a contributor note, a back-matter
    heading or an abstract after the list (never the first line); an
    abstract's title, a block of its own with no year just before it, goes
    with it."""
    end = next((i for i, ln in enumerate(lines)
                if i and (_CITE_AS.match(ln.text) or _BIO.match(ln.text) or _BACK_MATTER.match(ln.text)
                          or ln.first_in_block and _ABSTRACT_AFTER.match(ln.text))), None)
    if end is None:
        return lines
    if _ABSTRACT_AFTER.match(lines[end].text):
        head = end
        while head > 1 and lines[head - 1].block == lines[end - 1].block != lines[end].block:
            head -= 1
        title = " ".join(ln.text for ln in lines[head:end])
        if head < end and lines[head].first_in_block and end - head <= 3 and not YEAR.search(title) \
                and lines[head - 1].block != lines[head].block:
            end = head
    return lines[:end]


def _ref_like(entry: str) -> bool:
    return is_entry_start(entry) and bool(YEAR.search(entry[:300]))


def trim_tail(entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Cut material after the list (publisher adverts, author notes,
    appendices) that the section swept in: from the first run of three
    entries that do not look like references, if little after it does."""
    n = len(entries)
    if n < 6:
        return entries
    like = [_ref_like(t) for t, _ in entries]
    for i in range(3, n - 2):
        if not (like[i] or like[i + 1] or like[i + 2]):
            rest = like[i:]
            if sum(rest) < 0.3 * len(rest):
                return entries[:i]
    return entries


#: Font-size difference (pt) that sets material apart from the list.
_OTHER_TYPE = 0.8


def same_type(blocks: Sequence[Block]) -> list[Block]:
    """Blocks set in the list's type: from the first block where (nearly)
    everything after it is in another size (a publisher's list of books, a
    series' back pages), the rest goes; so do single blocks in another size
    that do not read like an entry (author notes set beside the list).

    The list's size is taken from its start, because what follows it can
    be longer than the list itself.  A back-matter heading in another size
    ends the list.
    """
    body = [b for b in blocks if b.kind not in FURNITURE_KINDS and b.text.strip()]
    if len(body) < 2 or any(b.size <= 0 for b in body):
        return list(blocks)
    weight: dict[float, int] = {}
    seen = 0
    window: list[float] = []
    for b in body:
        weight[round(b.size * 2) / 2] = weight.get(round(b.size * 2) / 2, 0) + len(b.text)
        window.append(b.size)
        seen += len(b.text)
        if seen >= 1000:
            break
    size = max(weight, key=weight.__getitem__)
    if any(0.25 < abs(x - size) < _OTHER_TYPE for x in window):
        return list(blocks)  # sizes that wander within the list (OCR): no signal
    other = [abs(b.size - size) >= _OTHER_TYPE for b in body]
    chars = [len(b.text) for b in body]
    total_other = sum(n for n, o in zip(chars, other) if o)
    rest_chars, rest_other = sum(chars), total_other
    cut = len(body)
    for k, b in enumerate(body):
        if k and other[k] and rest_other >= 0.9 * rest_chars:
            cut = k
            break
        rest_chars -= chars[k]
        rest_other -= chars[k] if other[k] else 0
    # A back-matter heading set in its own size ("Videos", "Appendix") ends the list.
    cut = next((k for k, b in enumerate(body[:cut]) if k and other[k] and _BACK_MATTER.match(b.text)), cut)
    keep = {id(b) for k, b in enumerate(body[:cut])
            if not other[k] or k == 0 or (is_entry_start(b.text) and YEAR.search(b.text[:300])) or _YEAR_OPENS.match(b.text)}
    return [b for b in blocks if id(b) in keep]
