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

The entry-start patterns live in :mod:`litmap.parse.references.entry_starts`;
where the list itself begins and ends (type-size cut, end markers, running
heads, trailing non-references) in :mod:`litmap.parse.references.list_bounds`.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import replace
from typing import Optional, Sequence

from litmap.read.layout.pages import Block
from litmap.parse.references.list_bounds import FURNITURE_KINDS, clean_lines, cut_at_end_marker, same_type, trim_tail
from litmap.parse.references.entry_starts import (
    DASH,
    ENDS_ENTRY,
    ENTRY_START,
    INITIAL_FIRST,
    NAMES_GO_ON,
    NUMBERED,
    ORG_START,
    STRONG_START,
    YEAR,
    Line,
    is_entry_start,
    year_near,
)

__all__ = ["split_references", "split_reference_text", "is_entry_start"]


#: A line end that leaves the names unfinished: an initial, a comma, "&", "and", a colon, a hyphen.
_NAMES_GO_ON_AT_END = re.compile(r"(?:\b[A-Z]\.|,|&|\band|:|-)\s*$")


def _text_starts(lines: Sequence[Line]) -> list[bool]:
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
        if DASH.match(ln.text):
            starts[i] = True
            continue
        if i + 1 < n and _ended(lines[i - 1].text) and _ORG_OVER_LINES.match(f"{ln.text} {lines[i + 1].text}"):
            starts[i] = True
            continue
        if not (ENTRY_START.match(ln.text) or INITIAL_FIRST.match(ln.text) or ORG_START.match(ln.text)) \
                or not year_near(lines, i):
            continue
        prev = lines[i - 1].text
        prev_ends = bool(ENDS_ENTRY.search(prev)) and not _NAMES_GO_ON_AT_END.search(prev)
        short_prev = len(prev) < 0.8 * typical
        ended = _ended(prev)
        strong = bool(STRONG_START.match(ln.text)) and not NAMES_GO_ON.search(prev) and not prev.rstrip().endswith(("-", "‐")) \
            and (ended or not _BARE_NAME_YEAR.match(ln.text) or re.search(r"/\S*$", prev) is not None)
        starts[i] = strong or ln.blank_before or (prev_ends and (short_prev or ended))
    return starts


#: An organisation's name too long for one line, then its bracketed year:
#: "University of Essex Institute of Economic and Social Research, & NatCen" /
#: "Social Research and Kantar Public (2016). https://…" (names and small words only).
_ORG_WORD = r"(?:[A-ZÀ-Þ][\w'’&\-]*|&|of|for|on|in|and|the|für|und|de|des|du|la|le|et|voor|van)"
_ORG_OVER_LINES = re.compile(
    rf"^\s*[A-ZÀ-Þ][\w'’&\-]+(?:,?\s+{_ORG_WORD}){{3,24}}\s*\((?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)[.,:]?(?:\s|$)")


_DIGIT_AT_END = re.compile(r"\d\s*$")


def _ended(prev: str) -> bool:
    """The line ends like a finished entry: a full stop, a bracket, a page number."""
    return prev.rstrip().endswith((".", ")", "]")) or _DIGIT_AT_END.search(prev) is not None


#: A start with no given names, a name and then a range of years ("Revitalisation
#: (2018–2022) …"): strong only after a line that ended; after one that broke off
#: it is the rest of a title ("World Bank (2009)" after "…, Oxford" stays strong).
_BARE_NAME_YEAR = re.compile(
    r"^\s*[A-ZÀ-Þ][\w'’\-‐]*(?:\s+[A-ZÀ-Þ][\w'’\-‐]*)?\s*[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)\s*[-‐–]\s*\d{2,4}")


def _numbered_starts(lines: Sequence[Line]) -> Optional[list[bool]]:
    """Starts at ``[1]``, ``2.``, … when the lines are a numbered list."""
    nums: list[Optional[int]] = []
    for ln in lines:
        m = NUMBERED.match(ln.text)
        nums.append(int(next(g for g in m.groups() if g)) if m else None)
    found = [k for k in nums if k is not None]
    first = next((i for i, k in enumerate(nums) if k is not None), None)
    if len(found) < 3 or first is None or first > 2:
        return None
    starts = [False] * len(lines)
    starts[0] = True
    expected = found[0]  # the first number, nums[first]
    hits = 0
    for i, k in enumerate(nums):
        # Tolerate a few numbers lost to extraction (10, 11 missing), and a
        # number that lost a digit ("1.Lino" for 11) between its neighbours.
        if k is not None and k < expected and _lost_digit(k, expected) \
                and next((x for x in nums[i + 1 :] if x is not None), None) == expected + 1:
            k = expected
        if k is not None and expected <= k <= expected + 3:
            starts[i] = True
            expected = k + 1
            hits += 1
    # A numbered list if most numbers run in sequence.
    return starts if hits >= max(3, 0.6 * len(found)) else None


def _lost_digit(k: int, expected: int) -> bool:
    """``k`` reads like ``expected`` with one digit lost: 1 for 11, 2 for 12 or 21, 10 for 110."""
    a, b = str(k), str(expected)
    return len(b) == len(a) + 1 and any(b[:j] + b[j + 1 :] == a for j in range(len(b)))


def _geometry_starts(lines: Sequence[Line], text_starts: Sequence[bool]) -> Optional[list[bool]]:
    """Starts from indentation, when it agrees with the text cues.

    Hanging indent vs first-line indent is decided per column group, so a
    page of other material swept into the section does not decide for the
    real list; groups without evidence follow the section's majority.
    """
    by_group: dict[int, list[int]] = {}
    x_of: list[float] = []
    for i, ln in enumerate(lines):
        if ln.x is None:
            return None
        x_of.append(ln.x)
        by_group.setdefault(ln.group, []).append(i)
    at_margin = [False] * len(lines)
    for idx in by_group.values():
        xs = sorted(x_of[i] for i in idx)
        margin = xs[max(0, int(len(xs) * 0.05) - 1)] if len(xs) > 20 else xs[0]
        for i in idx:
            at_margin[i] = x_of[i] - margin < 2.5
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
        chosen = choice[ln.group]
        hanging = chosen if chosen is not None else majority
        out.append(at_margin[i] if hanging else not at_margin[i])
    out[0] = True
    # A line at the entry margin that neither starts like an entry nor follows
    # one that ended (a manual line break) continues the entry.
    for i in range(1, len(lines)):
        text = lines[i].text
        if out[i] and not text_starts[i] and not is_entry_start(text) and not YEAR.search(text[:100]) \
                and not re.search(r"[.)\]]\s*$", lines[i - 1].text) and lines[i].group == lines[i - 1].group:
            out[i] = False
    # Indentation cannot see an entry whose start lost its indent to a column
    # or page break; trust strong text starts at a group's first line, unless
    # the line before (the previous column's last) broke off mid-entry ("&").
    for i in range(1, len(lines)):
        if not out[i] and lines[i].group != lines[i - 1].group and text_starts[i] and is_entry_start(lines[i].text) \
                and not re.search(r"(?:[,&:;]|\band)\s*$", lines[i - 1].text):
            out[i] = True
        # A repeated-author dash starts an entry wherever it stands, and so does the full stop or comma left
        # of one OCR lost (". 1996. Modeling sensitivity …"), which sits where the dashes ended, indented.
        if not out[i] and DASH.match(lines[i].text) and re.search(r"[.)\]]\s*$", lines[i - 1].text):
            out[i] = True
    return out


def _block_entry_start(lines: Sequence[Line], i: int) -> bool:
    """A block that begins in capitals after one that ended, with a year
    close by: a new entry in a list set one block per entry."""
    ln = lines[i]
    if not ln.first_in_block or not ln.text[:1].isupper() or i == 0:
        return False
    prev = lines[i - 1].text.rstrip()
    return not prev.endswith((",", "&", ":", "-", "‐")) and not re.search(r"\band$", prev) and year_near(lines, i)


def _block_starts(lines: Sequence[Line], text_starts: Sequence[bool]) -> Optional[list[bool]]:
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
        if t and not starts[i] and STRONG_START.match(lines[i].text) and re.search(r"[.)\]]\s*$", lines[i - 1].text):
            starts[i] = True
    return starts


_HYPHEN_AFTER_LETTER_AT_END = re.compile(r"\w[-‐]$")
#: A URL or DOI that runs to the end of the text.
_ADDRESS_AT_END = re.compile(r"(?:https?://|www\.|\b10\.\d{4,9}/)\S*$")
_ADDRESS_PIECE_AT_START = re.compile(r"^[\w.\-/%?=&#~]+(?:\s|$)")
_ADDRESS_PUNCTUATION = re.compile(r"[./\-_=%]")
#: A capitalised word and a comma or full stop: a name, not the rest of an address ("Smith, J.").
_CAPITALISED_WORD_THEN_PUNCT = re.compile(r"^[A-Z][a-z]+[,.]")


def _join(parts: Sequence[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if not out:
            out = p
        elif _HYPHEN_AFTER_LETTER_AT_END.search(out) and p[:1].islower():
            out = out[:-1] + p  # line-break hyphenation
        elif out.endswith(("/", "-", "‐")) and not out.endswith(" -"):
            out += p  # URLs and DOIs broken over lines
        elif _ADDRESS_AT_END.search(out) and _ADDRESS_PIECE_AT_START.match(p) and _ADDRESS_PUNCTUATION.search(p.split()[0]) and not _CAPITALISED_WORD_THEN_PUNCT.match(p):
            out += p  # a URL continued on the next line
        else:
            out += " " + p
    return out


_WORD_CHARACTER = re.compile(r"\w")


def _assemble(lines: Sequence[Line], starts: Sequence[bool]) -> list[tuple[str, int]]:
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
    return [(t, p) for t, p in entries if _WORD_CHARACTER.search(t)]


#: Bullet marks that open an entry of a bulleted list; the text layer may
#: put one at the end of the line before ("… 3-17. •").
_BULLETS = "•◦▪■●○‣∙"
_LEAD_BULLET = re.compile(rf"^\s*[{_BULLETS}]\s*")
_TRAIL_BULLET = re.compile(rf"\s+[{_BULLETS}]\s*$")


def _bullet_starts(lines: Sequence[Line]) -> Optional[tuple[list[Line], list[bool]]]:
    """A bulleted list: the lines without their bullets, and an entry start
    at each bullet (at a line's start, or at the end of the line before).
    None unless the list opens with a bullet (on its first line, or at the
    end of one of its first lines) and three lines carry one: bullets later
    on are another list ("• Convenient online submission" after a BMC
    paper's references) or bulleted body text."""
    lead = [bool(_LEAD_BULLET.match(ln.text)) for ln in lines]
    trail = [bool(_TRAIL_BULLET.search(ln.text)) for ln in lines]
    if sum(lead) + sum(trail) < 3 or not (lead[0] or any(trail[:6])):
        return None
    starts = [i == 0 or lead[i] or trail[i - 1] for i in range(len(lines))]
    clean = [replace(ln, text=_TRAIL_BULLET.sub("", _LEAD_BULLET.sub("", ln.text))) for ln in lines]
    return clean, starts


#: A line that holds only an entry's number: "12.", "[12]", "(12)".
_NUMBER_ONLY = re.compile(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})\.|\((\d{1,4})\))\s*$")


def _numbers_joined(lines: list[Line]) -> list[Line]:
    """A Vancouver list with its numbers in a column of their own, read as
    lines of their own ("1." / "Brenner N. …"): each number joined to the
    line after it, when at least three such numbers rise in order."""
    nums = [(i, int(next(g for g in m.groups() if g))) for i, ln in enumerate(lines) if (m := _NUMBER_ONLY.match(ln.text))]
    if len(nums) < 3 or sum(1 for (_, a), (_, b) in zip(nums, nums[1:]) if b > a) < 0.8 * (len(nums) - 1):
        return lines
    out: list[Line] = []
    skip = False
    for i, ln in enumerate(lines):
        if skip:
            skip = False
            continue
        if _NUMBER_ONLY.match(ln.text) and i + 1 < len(lines) and not _NUMBER_ONLY.match(lines[i + 1].text):
            out.append(replace(ln, text=f"{ln.text.strip()} {lines[i + 1].text}"))
            skip = True
        else:
            out.append(ln)
    return out


def _letters_closed(lines: list[Line]) -> list[Line]:
    """A line set letter by letter in the text layer ("S m i t h ,T . ,N o b l e ,M .")
    read closed up ("Smith, T., Noble, M."), so that it can start an entry: only
    lines of at least 12 pieces, nearly all of one character, that then begin
    like an entry."""
    out = []
    for ln in lines:
        pieces = ln.text.split()
        if len(pieces) >= 12 and sum(1 for p in pieces if len(p) == 1) >= 0.7 * len(pieces):
            closed = re.sub(r"\s*&\s*", " & ", re.sub(r"([,;])(?=\S)", r"\1 ", "".join(pieces)))
            if ENTRY_START.match(closed):
                ln = replace(ln, text=closed)
        if _SPACED_RUN.search(ln.text):
            ln = replace(ln, text=_close_spaced_runs(ln.text))
        out.append(ln)
    return out


#: A run of pieces of one or two characters inside a line: text set letter by letter.
_SPACED_RUN = re.compile(r"(?<!\S)(?:\S{1,2}|[^\w\s]{2}\w)(?:\s(?:\S{1,2}|[^\w\s]{2}\w)){5,}(?!\S)")


def _close_spaced_runs(text: str) -> str:
    """Runs inside a line that the text layer set letter by letter, closed
    up ("methodology .L o n d o n :" → "methodology. London:", "T h ec a s
    eo ft h eA y l e s b u r y" → "The case of the Aylesbury", "Z h u ,J .
    ,L i ,B . ,&H e" → "Zhu, J., Li, B., & He"): the letters of a word are
    pieces of their own, and a piece of two characters (or two marks and a
    letter) holds the end of one word and the start of the next, whose
    spaces the layer lost.  Only runs of six or more pieces, most of them a
    single character and at least three a lower-case letter."""
    def close(m: re.Match[str]) -> str:
        pieces = m.group(0).split()
        # Mostly single characters, several of them lower-case letters (initials
        # without dots, "Leith B M, Ng S C C", are capitals).
        if sum(1 for p in pieces if len(p) == 1) < 0.6 * len(pieces) or sum(1 for p in pieces if p.islower() and len(p) == 1) < 3:
            return m.group(0)
        return "".join(" ".join(p) for p in pieces)

    closed = _SPACED_RUN.sub(close, text)
    return re.sub(r"\s+([.,;:)])(?=\s|$)", r"\1", re.sub(r"\s+([.,;:])(?=\s[A-Z])", r"\1", closed)) if closed != text else text


#: The end of a page range broken over lines, then the next entry's number:
#: "…Rehabil 1992, 73:482-" / "5. 37. McGrory BJ, …".
_RANGE_END_THEN_NUMBER = re.compile(r"^(\s*\d{1,4}[.,;]?)\s+((?:\[(\d{1,4})\]|(\d{1,4})\.)\s+\S.*)$")


def _range_ends_apart(lines: list[Line]) -> list[Line]:
    """In a numbered list, a line holding the end of the previous entry's
    page range and then the next entry's number becomes two lines, so that
    the number opens its entry: only where the number follows the last one
    seen and the line before broke off after a dash."""
    out: list[Line] = []
    last: Optional[int] = None
    for ln in lines:
        m = NUMBERED.match(ln.text)
        glued = _RANGE_END_THEN_NUMBER.match(ln.text)
        if glued and last is not None and out and re.search(r"[-‐–]\s*$", out[-1].text):
            k = int(glued.group(3) or glued.group(4))
            if k == last + 1:
                out.append(replace(ln, text=glued.group(1).strip()))
                out.append(replace(ln, text=glued.group(2), first_in_block=False))
                last = k
                continue
        if m:
            k = int(next(g for g in m.groups() if g))
            if last is None or last < k <= last + 3:
                last = k
        out.append(ln)
    return out


#: An entry's last full stop glued to the next entry's "Family, I." by the text
#: layer: "…London: Palgrave Macmillan.Jeong, Y., J. Heo & C. Jung (2015), …",
#: "…pp. 1071– 1093.Zheng, J. (2011), …", "…6 0 –67.Zhu, J., He, S., & Hao, J. (2022)".
_GLUED_START = re.compile(
    r"(?<=[a-z0-9)])\.(?=(?:[A-ZÀ-ÖØ-Þ][\w'’\-‐]+,\s?(?:[A-ZÀ-Þ]\.\s?-?){1,3})[,\s(&]"
    r".{0,80}?\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]?\s)")
#: An entry that opens "Family, I." (the shape a glued start must share with the list).
_FAMILY_INITIAL = re.compile(r"^\s*[A-ZÀ-ÖØ-Þ][\w'’\-‐]+,\s?[A-ZÀ-Þ]\.")
#: … or "Family, Given" (Chicago author-date).
_FAMILY_GIVEN = re.compile(r"^\s*[A-ZÀ-ÖØ-Þ][\w'’\-‐]+,\s[A-ZÀ-Þ][a-zà-ÿ]+")
_YEAR_AFTER_NAMES = r".{0,80}?\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]?\s"
#: An address's end glued to the next entry: "…https://doi. org/10.1016/j.jue.2009.08.003Morgan, S., & Winship, C. (2014)".
_GLUED_AFTER_ADDRESS = re.compile(
    rf"(?<=[0-9a-z/])(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’\-‐]+,\s?(?:[A-ZÀ-Þ]\.\s?-?){{1,3}}[,\s(&]{_YEAR_AFTER_NAMES})")
#: A sentence end, a space and the next entry, where the text reader joined two lines:
#: "…11 (4): 345 –69. Papachristos, Andrew V., Chris M. Smith, … 2011. “More Coffee …".
_SPACED_START = re.compile(r"(?<=[a-z0-9)\]’”\"])\.\s+(?=[A-ZÀ-ÖØ-Þ][\w'’\-‐]+,\s[A-ZÀ-Þ])")
_NAMES_THEN_YEAR = re.compile(r"^(?P<names>[^()]{4,160}?)[.,]?\s*\(?(?:1[5-9]\d\d|20[0-4]\d)[a-z]?\)?[.,:]\s")


def _glued_entries_apart(entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Entries run together mid-line, split where the next one's "Family,
    I." (or "Family, Given") and its year follow: after a full stop with no
    space ("…Palgrave Macmillan.Jeong, Y., …") or after the end of an
    address ("…2009.08.003Morgan, S., …") as the text layer glues them, or
    after a full stop and a space, where a text reader joined two lines
    ("…345 –69. Papachristos, Andrew V., …, and Melissa A. Fugiero. 2011.")
    — then only what follows is names alone up to the year and what
    precedes holds a year of its own.  Only in a list where most entries
    open that way (at least three), so an abbreviation glued to a capital
    elsewhere stays."""
    initial = sum(1 for t, _ in entries if _FAMILY_INITIAL.match(t))
    given = sum(1 for t, _ in entries if _FAMILY_GIVEN.match(t) and not _FAMILY_INITIAL.match(t))
    shaped = max(initial, given)
    if shaped < 3 or shaped < 0.5 * len(entries):
        return entries
    shape = _FAMILY_INITIAL if initial >= given else _FAMILY_GIVEN
    out: list[tuple[str, int]] = []
    for text, page in entries:
        cuts = [m.end() for m in _GLUED_START.finditer(text)] if shape is _FAMILY_INITIAL else []
        cuts += [m.start() for m in _GLUED_AFTER_ADDRESS.finditer(text) if shape is _FAMILY_INITIAL
                 and re.search(r"https?:|doi|www\.|\.html?$|10\.\d{4,9}/", text[: m.start()].split()[-1] if text[: m.start()].split() else "")]
        for m in _SPACED_START.finditer(text):
            rest = text[m.end():]
            names = _NAMES_THEN_YEAR.match(rest)
            if shape.match(rest) and names and not re.search(r"[a-zà-ÿ]{3,}[.:;]\s", names.group("names")) \
                    and YEAR.search(text[: m.start()]):
                cuts.append(m.end())
        start = 0
        for cut in sorted(cuts):
            if cut - start >= 20:  # a whole entry before it
                out.append((text[start:cut].strip(), page))
                start = cut
        out.append((text[start:].strip(), page))
    return out


def _split_lines(lines: list[Line]) -> list[tuple[str, int]]:
    lines = _letters_closed(clean_lines(lines))
    lines = cut_at_end_marker(_numbers_joined(lines))
    if _numbered_starts(lines) is not None:
        lines = _range_ends_apart(lines)
    if not lines:
        return []
    bulleted = _bullet_starts(lines)
    if bulleted is not None:
        return trim_tail(_assemble(*bulleted))
    text_starts = _text_starts(lines)
    starts = None
    if _numbered_starts(lines) is None:
        starts = _geometry_starts(lines, text_starts) if lines[0].x is not None else None
        if starts is None:
            starts = _block_starts(lines, text_starts)
    return trim_tail(_glued_entries_apart(_assemble(lines, starts if starts is not None else text_starts)))


def split_references(blocks: Sequence[Block]) -> list[tuple[str, int]]:
    """The entries of a reference section as ``(raw text, page)`` in order.

    ``blocks`` are the section's blocks in reading order; furniture blocks
    (running headers, page numbers) are skipped.  Repeated-author dashes
    are kept as printed (the parser expands them).
    """
    lines: list[Line] = []
    prev: Optional[Block] = None
    blocks = same_type(blocks)
    for b_idx, block in enumerate(blocks):
        if block.kind in FURNITURE_KINDS:
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
            lines.append(Line(t, block.page, x, group, b_idx, k == 0))
    if any(ln.x is None for ln in lines):
        lines = [Line(ln.text, ln.page, None, ln.group, ln.block, ln.first_in_block) for ln in lines]
    return _split_lines(lines)


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
    lines: list[Line] = []
    blank = False
    # pdftotext may give decomposed accents ("e" + U+0301), which name patterns do not match.
    for raw in unicodedata.normalize("NFC", text or "").splitlines():
        if not raw.strip():
            blank = True
            continue
        lines.append(Line(raw.strip(), 0, None, 0, 0, False, blank))
        blank = False
    return [t for t, _ in _split_lines(lines)]
