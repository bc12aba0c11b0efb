"""Reference section → one string per entry.

Entries are found from two kinds of evidence, combined per section:

* geometry: the x position of each line relative to its column's left
  margin (hanging indent: entries start at the margin; first-line indent:
  entries start indented), or one entry per block;
* text: a line that starts like an entry (``Surname, X.``, ``Surname X (``,
  ``SURNAME Given``, ``[12]``, ``12.``, ``——.``) with a year close after it,
  following a line that ends like an entry.

Geometry decides when it is consistent with the text; otherwise the text
cues alone split (also what :func:`split_reference_text` does for text
without coordinates, e.g. ``pdftotext`` output).  Linear in the number of
lines.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from litmap.layout import Block

__all__ = ["split_references", "split_reference_text", "is_entry_start"]

_FURNITURE_KINDS = frozenset({"header", "footer", "page_number", "stamp", "cover"})
_HEADING = re.compile(r"^\s*(?:references?|bibliography|literature(?: cited)?|works cited|sources|literatur(?:verzeichnis)?|r[ée]f[ée]rences)\s*:?\s*$", re.I)
# "[12]", "12. ", "12.Alvarado", "(12)"
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?=\s|[A-ZÀ-Þ][a-zà-ÿ])|\((\d{1,4})\))\s*\S")
_DASH = re.compile(r"^\s*(?:[-‐‑‒–—―_]{2,}|—)\s*[.,]?")
_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]+)?)"
_PARTICLE = r"(?:(?:van|von|de|du|da|di|dos|das|le|la|del|della|der|den|ten|ter|el|al)\s+){1,3}"
#: A particle after the surname, as German lists invert it ("Hantelmann von, Dorothea").
_TRAILING_PARTICLE = r"(?:von|van|de|der|den|du|da|di|la|le|zu|vom)(?=[\s,])"
_ENTRY_START = re.compile(
    rf"^\s*(?:{_PARTICLE})?{_NAME}(?:\s+{_TRAILING_PARTICLE})?\s*"
    r"(?:,\s*(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ]+|[A-ZÀ-Þ]{1,3}\b)"  # Surname, X. / Surname, Given
    r"|\s+[A-Z]{1,3}(?:\s*[,(&]|\s+(?:and|&)\s|\s*$)"  # Surname XY (   (SAGE/Springer)
    r"|\s+(?:[A-Z]\.[-\s]?){1,4}"  # Surname J.E.
    r"|\s+[A-Z][a-zà-ÿ]+,"  # SURNAME Given,
    r"|\s*[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d|n\.\s?d\.|in press|forthcoming)"  # Org (2009) / Org. 2009
    r"|\s+(?:and|&)\s"
    r")"
)
#: A corporate author with small words in its name: "City of Helsinki. (2008).", "Ministry for the Environment 2010,".
_ORG_START = re.compile(
    r"^\s*[A-ZÀ-Þ][\w'’&\-]+(?:\s+(?:of|for|on|and|the|für|de|des|du|del|[A-ZÀ-Þ][\w'’&\-]*)){1,6}"
    r"\s*[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]"
)
_INITIAL_FIRST = re.compile(rf"^\s*(?:[A-Z]\.\s?){{1,3}}(?:-[A-Z]\.\s?)?\s*(?:{_PARTICLE})?[A-Z][\w'’\-]+")
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\b|n\.\s?d\.|in press|forthcoming", re.I)
_ENDS_ENTRY = re.compile(r"(?:[.)\]]|\d|[a-z0-9]/\S*|\b\w+)\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|page \d+(?: of \d+)?|[ivxlc]{1,6})\s*$", re.I)


@dataclass(frozen=True)
class _Line:
    text: str
    page: int
    x: Optional[float]  # absolute x0, None without geometry
    group: int  # column/page group the margin is measured in
    block: int
    first_in_block: bool
    blank_before: bool = False


def is_entry_start(line: str) -> bool:
    """Does ``line`` begin the way a reference entry begins?"""
    return bool(
        _NUMBERED.match(line) or _DASH.match(line) or _ENTRY_START.match(line) or _INITIAL_FIRST.match(line)
        or _ORG_START.match(line)
    )


def _year_near(lines: Sequence[_Line], i: int, chars: int = 220) -> bool:
    """A year soon after line ``i``, before the next line that starts an entry."""
    text = lines[i].text
    j = i + 1
    while len(text) < chars and j < len(lines) and j <= i + 2:
        if lines[j].blank_before or is_entry_start(lines[j].text):
            break
        text += " " + lines[j].text
        j += 1
    return bool(_YEAR.search(text[:chars]))


_STRONG_START = re.compile(
    rf"^\s*(?:{_PARTICLE})?{_NAME}(?:,?\s+(?:[A-Z]\.?[\s-]?){{1,4}})?"
    # ", J. K." or ", Given (Middle)"
    r"(?:,\s*(?:[A-Z]\.\s?){1,3}|,\s*[A-ZÀ-Þ][a-zà-ÿ]+(?:[\s-][A-ZÀ-Þ][a-zà-ÿ]+)?(?:\s[A-Z]\.)?)?"
    r"[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]?\s"
)


def _text_starts(lines: Sequence[_Line]) -> list[bool]:
    """Entry starts from text cues alone."""
    n = len(lines)
    if n == 0:
        return []
    numbered = _numbered_starts(lines)
    if numbered is not None:
        return numbered
    blank = [i for i, ln in enumerate(lines) if ln.blank_before]
    if len(blank) >= 2:
        likely = [i for i, ln in enumerate(lines) if i and is_entry_start(ln.text)]
        if likely and sum(1 for i in likely if lines[i].blank_before) >= 0.5 * len(likely):
            return [i == 0 or ln.blank_before for i, ln in enumerate(lines)]
    lengths = [len(ln.text) for ln in lines]
    typical = statistics.median(lengths) if lengths else 0
    starts = [False] * n
    for i, ln in enumerate(lines):
        if i == 0:
            starts[i] = True
            continue
        if _DASH.match(ln.text):
            starts[i] = True
            continue
        if not (_ENTRY_START.match(ln.text) or _INITIAL_FIRST.match(ln.text) or _ORG_START.match(ln.text)) \
                or not _year_near(lines, i):
            continue
        prev = lines[i - 1].text
        prev_ends = bool(_ENDS_ENTRY.search(prev)) and not re.search(r"(?:\b[A-Z]\.|,|&|\band|:|-)\s*$", prev)
        short_prev = len(prev) < 0.8 * typical
        strong = bool(_STRONG_START.match(ln.text)) and not re.search(r"(?:,|&|\band|-)\s*$", prev)
        ended = prev.rstrip().endswith((".", ")", "]")) or re.search(r"\d\s*$", prev) is not None
        starts[i] = strong or ln.blank_before or (prev_ends and (short_prev or ended))
    return starts


def _numbered_starts(lines: Sequence[_Line]) -> Optional[list[bool]]:
    """Starts at ``[1]``, ``2.``, … when the lines are a numbered list."""
    nums: list[Optional[int]] = []
    for ln in lines:
        m = _NUMBERED.match(ln.text)
        nums.append(int(next(g for g in m.groups() if g)) if m else None)
    found = [k for k in nums if k is not None]
    first = next((i for i, k in enumerate(nums) if k is not None), None)
    if len(found) < 3 or first is None or first > 2:
        return None
    starts = [False] * len(lines)
    starts[0] = True
    expected = nums[first]
    hits = 0
    for i, k in enumerate(nums):
        # Tolerate a few numbers lost to extraction (10, 11 missing).
        if k is not None and expected <= k <= expected + 3:
            starts[i] = True
            expected = k + 1
            hits += 1
    # A numbered list if most numbers run in sequence.
    return starts if hits >= max(3, 0.6 * len(found)) else None


def _geometry_starts(lines: Sequence[_Line], text_starts: Sequence[bool]) -> Optional[list[bool]]:
    """Starts from indentation, when it agrees with the text cues.

    Hanging indent vs first-line indent is decided per column group, so a
    page of other material swept into the section does not decide for the
    real list; groups without evidence follow the section's majority.
    """
    by_group: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.x is None:
            return None
        by_group.setdefault(ln.group, []).append(i)
    at_margin = [False] * len(lines)
    for idx in by_group.values():
        xs = sorted(lines[i].x for i in idx)  # type: ignore[misc]
        margin = xs[max(0, int(len(xs) * 0.05) - 1)] if len(xs) > 20 else xs[0]
        for i in idx:
            at_margin[i] = lines[i].x - margin < 2.5  # type: ignore[operator]
    if all(at_margin) or not any(at_margin[1:]) and len(lines) > 2:
        return None  # no indentation signal
    # Votes per group: which reading makes its candidate starts look like entries.
    choice: dict[int, Optional[bool]] = {}  # True = hanging indent
    votes = {True: 0.0, False: 0.0}
    for g, idx in by_group.items():
        scores = {}
        for hanging in (True, False):
            cand = [i for i in idx if at_margin[i] == hanging]
            if not cand:
                scores[hanging] = (0.0, 0)
                continue
            like = sum(1 for i in cand if is_entry_start(lines[i].text) or text_starts[i])
            scores[hanging] = (like / len(cand), like)
        best = max((True, False), key=lambda h: (scores[h][0], scores[h][1]))
        # Only lines that differ in indent carry evidence.
        if scores[best][1] >= 2 and scores[best][0] >= 0.6 and not all(at_margin[i] for i in idx):
            choice[g] = best
            votes[best] += scores[best][1]
        else:
            choice[g] = None
    if votes[True] == 0 and votes[False] == 0:
        return None
    majority = votes[True] >= votes[False]
    # A page or column set flush (no line indented) has no indent evidence:
    # the majority's hanging indent would make every line an entry there.
    flush = {g for g, idx in by_group.items() if choice[g] is None and len(idx) >= 3 and all(at_margin[i] for i in idx)}
    out = []
    for i, ln in enumerate(lines):
        if ln.group in flush:
            out.append(text_starts[i] or _block_entry_start(lines, i))
            continue
        hanging = choice[ln.group] if choice[ln.group] is not None else majority
        out.append(at_margin[i] if hanging else not at_margin[i])
    out[0] = True
    # A line at the entry margin that neither starts like an entry nor follows
    # one that ended (a manual line break) continues the entry.
    for i in range(1, len(lines)):
        text = lines[i].text
        if out[i] and not text_starts[i] and not is_entry_start(text) and not _YEAR.search(text[:100]) \
                and not re.search(r"[.)\]]\s*$", lines[i - 1].text) and lines[i].group == lines[i - 1].group:
            out[i] = False
    # Indentation cannot see an entry whose start lost its indent to a column
    # or page break; trust strong text starts at a group's first line, unless
    # the line before (the previous column's last) broke off mid-entry ("&").
    for i in range(1, len(lines)):
        if not out[i] and lines[i].group != lines[i - 1].group and text_starts[i] and is_entry_start(lines[i].text) \
                and not re.search(r"(?:[,&:;]|\band)\s*$", lines[i - 1].text):
            out[i] = True
    return out


def _block_entry_start(lines: Sequence[_Line], i: int) -> bool:
    """A block that begins in capitals after one that ended, with a year
    close by: a new entry in a list set one block per entry."""
    ln = lines[i]
    if not ln.first_in_block or not ln.text[:1].isupper() or i == 0:
        return False
    prev = lines[i - 1].text.rstrip()
    return not prev.endswith((",", "&", ":", "-", "‐")) and not re.search(r"\band$", prev) and _year_near(lines, i)


def _block_starts(lines: Sequence[_Line], text_starts: Sequence[bool]) -> Optional[list[bool]]:
    """One entry per block, when (nearly) every block begins like an entry."""
    firsts = [i for i, ln in enumerate(lines) if ln.first_in_block]
    if len(firsts) < 2:
        return None
    multi = sum(1 for k, i in enumerate(firsts) if (firsts[k + 1] if k + 1 < len(firsts) else len(lines)) - i > 1)
    like = sum(1 for i in firsts if is_entry_start(lines[i].text))
    if like < 0.9 * len(firsts) or multi < 0.3 * len(firsts):
        return None
    # Within a block, text starts still split two entries run together.
    inner = sum(1 for i, t in enumerate(text_starts) if t and not lines[i].first_in_block)
    if inner > 0.2 * len(firsts):
        return None
    starts = [ln.first_in_block for ln in lines]
    # A block that begins mid-entry (after a column or page break) continues.
    for i in firsts[1:]:
        if not is_entry_start(lines[i].text):
            starts[i] = False
    # Entries run together in one block (a page set without gaps) split at
    # unmistakable starts: "Surname, Given (Year)" after a line that ended.
    for i, t in enumerate(text_starts):
        if t and not starts[i] and _STRONG_START.match(lines[i].text) and re.search(r"[.)\]]\s*$", lines[i - 1].text):
            starts[i] = True
    return starts


def _join(parts: Sequence[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif re.search(r"\w[-‐]$", out) and p[:1].islower():
            out = out[:-1] + p  # line-break hyphenation
        elif out.endswith(("/", "-", "‐")) and not out.endswith(" -"):
            out += p  # URLs and DOIs broken over lines
        elif re.search(r"(?:https?://|www\.|\b10\.\d{4,9}/)\S*$", out) and re.match(r"^[\w.\-/%?=&#~]+(?:\s|$)", p) and re.search(r"[./\-_=%]", p.split()[0]) and not re.match(r"^[A-Z][a-z]+[,.]", p):
            out += p  # a URL continued on the next line
        else:
            out += " " + p
    return out


def _assemble(lines: Sequence[_Line], starts: Sequence[bool]) -> list[tuple[str, int]]:
    entries: list[tuple[str, int]] = []
    current: list[str] = []
    page = 0
    for ln, s in zip(lines, starts):
        if s and current:
            entries.append((_join(current), page))
            current = []
        if not current:
            page = ln.page
        current.append(ln.text)
    if current:
        entries.append((_join(current), page))
    return [(t, p) for t, p in entries if re.search(r"\w", t)]


def _clean_lines(lines: list[_Line]) -> list[_Line]:
    out = []
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if not t or _PAGE_NUMBER.match(t):
            continue
        if i < 3 and _HEADING.match(t):
            continue
        out.append(ln)
    return _drop_stray_furniture(out)


def _drop_stray_furniture(lines: list[_Line]) -> list[_Line]:
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
        if edge and ln.x is not None and not is_entry_start(ln.text):
            off = ln.x - by_group[ln.group]
            if off > 3 and abs(off - indent) > 8:
                continue
        if _running_head(lines, i):
            continue
        keep.append(ln)
    return keep


def _running_head(lines: Sequence[_Line], i: int) -> bool:
    """A page's first line that is a short name or title (no year, no final
    punctuation) set right above an entry start: a running head joined to
    the list's first block ("H. Yrjänä")."""
    ln = lines[i]
    first_on_page = i > 0 and lines[i - 1].page != ln.page and i + 1 < len(lines) and lines[i + 1].page == ln.page
    text = ln.text.strip()
    return first_on_page and len(text) < 40 and not _YEAR.search(text) and not re.search(r"[.,;:)\]]$", text) \
        and is_entry_start(lines[i + 1].text) and _year_near(lines, i + 1)


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


def _split_lines(lines: list[_Line]) -> list[tuple[str, int]]:
    lines = _clean_lines(lines)
    end = next((i for i, ln in enumerate(lines) if i and (_CITE_AS.match(ln.text) or _BIO.match(ln.text))), None)
    if end is not None:
        lines = lines[:end]
    if not lines:
        return []
    text_starts = _text_starts(lines)
    starts = None
    if _numbered_starts(lines) is None:
        starts = _geometry_starts(lines, text_starts) if lines[0].x is not None else None
        if starts is None:
            starts = _block_starts(lines, text_starts)
    return _trim_tail(_assemble(lines, starts if starts is not None else text_starts))


def _ref_like(entry: str) -> bool:
    return is_entry_start(entry) and bool(_YEAR.search(entry[:300]))


def _trim_tail(entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
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


def split_references(blocks: Sequence[Block]) -> list[tuple[str, int]]:
    """The entries of a reference section as ``(raw text, page)`` in order.

    ``blocks`` are the section's blocks in reading order; furniture blocks
    (running headers, page numbers) are skipped.  Repeated-author dashes
    are kept as printed (the parser expands them).
    """
    lines: list[_Line] = []
    prev: Optional[Block] = None
    blocks = _same_type(blocks)
    for b_idx, block in enumerate(blocks):
        if block.kind in _FURNITURE_KINDS:
            continue
        texts = block.lines or tuple(block.text.splitlines()) or (block.text,)
        group = block.page * 10 + block.column
        if lines and prev is not None and _same_row(prev, block) and len(texts) == 1:
            # A widely spaced (justified) line cut into pieces by layout: one line again.
            last = lines[-1]
            lines[-1] = replace(last, text=f"{last.text} {texts[0]}")
            continue
        prev = block
        for k, t in enumerate(texts):
            indent = block.indents[k] if k < len(block.indents) else None
            x = block.x0 + indent if indent is not None else None
            lines.append(_Line(t, block.page, x, group, b_idx, k == 0))
    if any(ln.x is None for ln in lines):
        lines = [_Line(ln.text, ln.page, None, ln.group, ln.block, ln.first_in_block) for ln in lines]
    return _split_lines(lines)


#: Font-size difference (pt) that sets material apart from the list.
_OTHER_TYPE = 0.8


def _same_type(blocks: Sequence[Block]) -> list[Block]:
    """Blocks set in the list's type: from the first block where (nearly)
    everything after it is in another size (a publisher's list of books, a
    series' back pages), the rest goes; so do single blocks in another size
    that do not read like an entry (author notes set beside the list).

    The list's size is taken from its start, because what follows it can
    be longer than the list itself.
    """
    body = [b for b in blocks if b.kind not in _FURNITURE_KINDS and b.text.strip()]
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
    keep = {id(b) for k, b in enumerate(body[:cut])
            if not other[k] or k == 0 or (is_entry_start(b.text) and _YEAR.search(b.text[:300]))}
    return [b for b in blocks if id(b) in keep]


def _same_row(a: Block, b: Block) -> bool:
    """``b`` continues the last line of ``a`` on the same baseline."""
    height = (b.bottom - b.top) or 1.0
    # Same column and baseline, to the right of ``a``'s start (a block does
    # not keep the extent of its last line).
    same_line = abs(a.bottom - b.bottom) < 0.3 * height and b.x0 > a.x0 + height
    return a.page == b.page and a.column == b.column and same_line


def split_reference_text(text: str) -> list[str]:
    """Entries of a plain-text reference list (one line per printed line,
    as ``pdftotext`` gives it); blank lines count as weak separators."""
    lines: list[_Line] = []
    blank = False
    # pdftotext may give decomposed accents ("e" + U+0301), which name patterns do not match.
    for raw in unicodedata.normalize("NFC", text or "").splitlines():
        if not raw.strip():
            blank = True
            continue
        lines.append(_Line(raw.strip(), 0, None, 0, 0, False, blank))
        blank = False
    return [t for t, _ in _split_lines(lines)]
