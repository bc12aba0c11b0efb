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
from dataclasses import dataclass
from typing import Optional, Sequence

from litmap.layout import Block

__all__ = ["split_references", "split_reference_text", "is_entry_start"]

_FURNITURE_KINDS = frozenset({"header", "footer", "page_number", "stamp", "cover"})
_HEADING = re.compile(r"^\s*(?:references?|bibliography|literature(?: cited)?|works cited|sources|literatur(?:verzeichnis)?|r[ée]f[ée]rences)\s*:?\s*$", re.I)
_NUMBERED = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.(?=\s)|\((\d{1,4})\))\s*\S")
_DASH = re.compile(r"^\s*(?:[-‐‑‒–—―_]{2,}|—)\s*[.,]?")
_NAME = r"(?:[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’`´\-‐]+)?)"
_PARTICLE = r"(?:(?:van|von|de|du|da|di|dos|das|le|la|del|della|der|den|ten|ter|el|al)\s+){1,3}"
_ENTRY_START = re.compile(
    rf"^\s*(?:{_PARTICLE})?{_NAME}\s*"
    r"(?:,\s*(?:[A-ZÀ-Þ]\.|[A-ZÀ-Þ][a-zà-ÿ]+|[A-ZÀ-Þ]{1,3}\b)"  # Surname, X. / Surname, Given
    r"|\s+[A-Z]{1,3}(?:\s*[,(&]|\s+(?:and|&)\s|\s*$)"  # Surname XY (   (SAGE/Springer)
    r"|\s+(?:[A-Z]\.[-\s]?){1,4}"  # Surname J.E.
    r"|\s+[A-Z][a-zà-ÿ]+,"  # SURNAME Given,
    r"|\s*[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d|n\.\s?d\.|in press|forthcoming)"  # Org (2009) / Org. 2009
    r"|\s+(?:and|&)\s"
    r")"
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
    rf"^\s*(?:{_PARTICLE})?{_NAME}(?:,?\s+(?:[A-Z]\.?[\s-]?){{1,4}})?(?:,\s*(?:[A-Z]\.\s?){{1,3}})?[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]?\s"
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
        if not (_ENTRY_START.match(ln.text) or _INITIAL_FIRST.match(ln.text)) or not _year_near(lines, i):
            continue
        prev = lines[i - 1].text
        prev_ends = bool(_ENDS_ENTRY.search(prev)) and not re.search(r"(?:\b[A-Z]\.|,|&|\band|:|-)\s*$", prev)
        short_prev = len(prev) < 0.8 * typical
        strong = bool(_STRONG_START.match(ln.text)) and not re.search(r"(?:,|&|\band|-)\s*$", prev)
        starts[i] = strong or ln.blank_before or (prev_ends and (short_prev or prev.rstrip().endswith((".", ")")) or re.search(r"\d\s*$", prev) is not None))
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
    out = []
    for i, ln in enumerate(lines):
        hanging = choice[ln.group] if choice[ln.group] is not None else majority
        out.append(at_margin[i] if hanging else not at_margin[i])
    out[0] = True
    # Indentation cannot see an entry whose start lost its indent to a column
    # or page break; trust strong text starts at a group's first line.
    for i in range(1, len(lines)):
        if not out[i] and lines[i].group != lines[i - 1].group and text_starts[i] and is_entry_start(lines[i].text):
            out[i] = True
    return out


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
        keep.append(ln)
    return keep


def _split_lines(lines: list[_Line]) -> list[tuple[str, int]]:
    lines = _clean_lines(lines)
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
    for b_idx, block in enumerate(blocks):
        if block.kind in _FURNITURE_KINDS:
            continue
        texts = block.lines or tuple(block.text.splitlines()) or (block.text,)
        group = block.page * 10 + block.column
        for k, t in enumerate(texts):
            indent = block.indents[k] if k < len(block.indents) else None
            x = block.x0 + indent if indent is not None else None
            lines.append(_Line(t, block.page, x, group, b_idx, k == 0))
    if any(ln.x is None for ln in lines):
        lines = [_Line(ln.text, ln.page, None, ln.group, ln.block, ln.first_in_block) for ln in lines]
    return _split_lines(lines)


def split_reference_text(text: str) -> list[str]:
    """Entries of a plain-text reference list (one line per printed line,
    as ``pdftotext`` gives it); blank lines count as weak separators."""
    lines: list[_Line] = []
    blank = False
    for raw in (text or "").splitlines():
        if not raw.strip():
            blank = True
            continue
        lines.append(_Line(raw.strip(), 0, None, 0, 0, False, blank))
        blank = False
    return [t for t, _ in _split_lines(lines)]
