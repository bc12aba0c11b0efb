"""Plain-text inputs (.txt, .md, .html) as one pseudo page of blocks.

The structure stage reads only :class:`~litmap.read.layout.pages.Block` s, so text files
are turned into blocks too: headings get a larger ``size`` than body text so
heading detection treats them like PDF headings.  Words that a text export
split at a lost fi/fl/ff ligature ("gentri fication") are rejoined
(:mod:`litmap.read.repairs.ligatures`), and broken hyphenation ("gentrifica- tion",
"gentri-fication") is repaired (:mod:`litmap.read.repairs.hyphenation`).  In a document that lost
spaces between words ("ofgentrification", "inprovincial cities") they are put back
(:mod:`litmap.read.repairs.glued_words`).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from dataclasses import replace
from typing import Callable, Optional, Sequence

from litmap.errors import ExtractionError
from litmap.read.files import open_regular
from litmap.read.repairs.glued_words import apply_cuts, glued_word_cuts
from litmap.read.repairs.hyphenation import repair_hyphenation
from litmap.read.repairs.ligatures import repair_texts
from litmap.read.repairs.text_furniture import furniture_keys, line_key, split_repeated_lines, text_lines
from litmap.read.tex_codes import spell_tex_codes
from litmap.read.layout.pages import Block, ExtractedPages, LaidOutPage
from litmap.read.layout.furniture import drop_typesetting_marks
from litmap.util.accents import attach_spacing_accents

__all__ = ["read_text_file", "decode_bytes", "sniff_encoding", "NotText", "TEXT_HEAD_KEY", "text_to_blocks", "html_to_blocks", "markdown_to_blocks",
           "repair_block_ligatures", "repair_block_hyphenation", "repair_block_glued_words"]

log = logging.getLogger(__name__)

BODY_SIZE = 10.0
#: Heading sizes by level (h1 largest) so structure/metadata see them as headings.
_HEADING_SIZE = {1: 16.0, 2: 14.0, 3: 12.5, 4: 11.5, 5: 11.0, 6: 11.0}
_PAGE_W, _PAGE_H = 612.0, 792.0
_MEDIA = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


# Download stamps that text exports of publisher PDFs carry glued into the
# running text, even mid-sentence (Wiley's is ~400 characters long).
_INLINE_STAMPS = re.compile(
    r"(?:\b\d{7}[\dX],\s*\d{4},\s*\d+,\s*)?Downloaded from https?://\S+ by .{0,200}? on \[\d{1,2}/\d{1,2}/\d{4}\]\."
    r"\s*See the Terms and Conditions \(https?://\S+\) on Wiley Online Library for rules of use;"
    r"\s*OA articles are governed by the applicable Creative Commons License"
    r"|This content downloaded from [\d.:a-f]+ on .{0,80}?\d\d:\d\d:\d\d (?:UTC|[+-]\d{4})"
    r"(?:\s*All use subject to https?://about\.jstor\.org/terms)?",
    re.S,
)


def strip_inline_stamps(text: str) -> str:
    """Remove publisher download stamps embedded in running text."""
    return _INLINE_STAMPS.sub(" ", text)


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: File signatures of binary formats a user might have saved under a text name.
_MAGIC = ((b"%PDF-", "a PDF file"), (b"\x7fELF", "an ELF executable"), (b"PK\x03\x04", "a ZIP archive (.docx, .epub…)"),
          (b"\x1f\x8b", "a gzip archive"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"SQLite format 3\x00", "an SQLite database"))
_SNIFF = 1 << 16  # bytes looked at to tell UTF-16/32 without a BOM and binary content
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.I)
# Single-byte codecs that read Western text alike: reported as cp1252 when they decode it the same.
_LATIN_LIKE = {"cp1252", "cp1250", "latin_1", "iso8859_1", "iso8859_15", "iso8859_2", "mac_roman", "cp1257"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")  # not \t \n \f \r (\v counts)


class NotText(ExtractionError):
    """The bytes of a .txt/.md/.html file are not text (a binary file under a text name)."""


def decode_bytes(data: bytes, path: str = "") -> tuple[str, list[str]]:
    """Decode file bytes after sniffing their encoding, refusing binary content.

    In order: a byte-order mark (UTF-8, UTF-16 and UTF-32, either byte
    order); UTF-16/32 without a BOM, told by NUL bytes at alternating
    positions; strict UTF-8; an HTML ``<meta charset>``; charset detection
    (charset-normalizer); cp1252, else latin-1.  Content judged binary (NUL
    bytes, control characters) raises :class:`NotText`, an
    :class:`ExtractionError` whose reason says so.

    Returns the text (repaired with ftfy) and warnings.
    """
    import ftfy

    warnings: list[str] = []
    _refuse_known_binary(data, path)
    enc, skip, how = sniff_encoding(data, html=path.lower().endswith((".html", ".htm")))
    text = data[skip:].decode(enc, errors="replace")
    _refuse_binary_text(text, path)
    if how == "bom" and "\ufffd" in text and "\ufffd".encode(enc) not in data[skip:]:
        warnings.append(f"{path or 'input'}: invalid {enc} bytes after its byte-order mark were replaced by \ufffd")
    elif how not in ("bom", "utf-8", "nul pattern"):
        warnings.append(f"{path or 'input'}: not valid UTF-8, decoded as {enc} ({how}); "
                        "save the file as UTF-8 to be sure")
    for msg in warnings:
        log.warning(msg)
    # A dvips font's ligatures, quotes and dashes as TeX's T1 codes, spelt out before ftfy drops them as controls.
    text = spell_tex_codes(text)
    # Keep curly quotes and dashes as printed: they carry meaning in titles and citations.
    return attach_spacing_accents(drop_typesetting_marks(ftfy.fix_text(text, uncurl_quotes=False))), warnings


def sniff_encoding(data: bytes, *, html: bool = False) -> tuple[str, int, str]:
    """(codec, bytes of BOM to skip, how it was found) for the bytes of a text file."""
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            return bom_enc, len(bom), "bom"
    wide = _utf16_or_32_without_bom(data[:_SNIFF])
    if wide:
        return wide, 0, "nul pattern"
    try:
        data.decode("utf-8")
        return "utf-8", 0, "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        m = _META_CHARSET.search(data[:4096])
        enc = _codec(m.group(1).decode("ascii", "replace")) if m else None
        if enc and _decodes(data, enc):
            return enc, 0, "declared in the page"
    enc = _detect(data)
    if enc:
        return enc, 0, "detected"
    return ("cp1252", 0, "guessed") if _decodes(data, "cp1252") else ("latin-1", 0, "guessed")


def _codec(name: str) -> Optional[str]:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decodes(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _utf16_or_32_without_bom(sample: bytes) -> Optional[str]:
    """UTF-16/32 of mostly Latin-script text: the high bytes of most characters are NUL,
    at alternating positions (which binary files do not show)."""
    n = len(sample) // 4 * 4
    if n < 16:
        return None
    zeros = [sample[i:n:4].count(0) / (n // 4) for i in range(4)]
    if min(zeros[1], zeros[2], zeros[3]) > 0.7 and zeros[0] < 0.1:
        return "utf-32-le"
    if min(zeros[0], zeros[1], zeros[2]) > 0.7 and zeros[3] < 0.1:
        return "utf-32-be"
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> Optional[str]:
    """charset-normalizer's best guess, reported as cp1252 when that reads the bytes the same."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    enc = _codec(best.encoding) or best.encoding
    if best.encoding in _LATIN_LIKE and _decodes(data, "cp1252") and data.decode("cp1252") == data.decode(enc):
        return "cp1252"
    return enc


def _not_text(path: str, what: str) -> NotText:
    suffix = os.path.splitext(path)[1].lower() or ".txt"
    return NotText(path, f"not text: {what} — is it a binary file named {suffix}?")


def _refuse_known_binary(data: bytes, path: str) -> None:
    """Refuse a known binary signature, or NUL bytes not laid out as in UTF-16/32 text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _not_text(path, f"it starts like {kind}")
    sample = data[:_SNIFF]
    nul = sample.count(0)
    if nul < 4 or nul < 0.01 * len(sample) or any(data.startswith(b) for b, _ in _BOMS):
        return
    # UTF-16 text has its NULs (high bytes of Latin characters) on one parity only.
    even = sample[0::2].count(0)
    if max(even, nul - even) >= 0.9 * nul or _utf16_or_32_without_bom(sample):
        return
    raise _not_text(path, f"{_percent(nul / len(sample))} NUL bytes")


def _refuse_binary_text(text: str, path: str) -> None:
    """Refuse decoded text with many NUL or other control characters."""
    sample = text[:_SNIFF]
    nul = sample.count("\x00")
    if nul >= 4 and nul / len(sample) >= 0.01:
        raise _not_text(path, f"{_percent(nul / len(sample))} NUL bytes")
    n = len(_CONTROL.findall(sample))
    if n >= 4 and n / len(sample) >= 0.05:
        raise _not_text(path, f"{_percent(n / len(sample))} control characters")


def _percent(share: float) -> str:
    return f"{share:.0%}" if share >= 0.01 else "under 1%"


#: Frequent short words of languages written in Latin script: a real text has many of them.
COMMON_WORDS = frozenset("""
the of and to in a is that for on with as by are was be this from or an at which it not have has were their
der die das und in zu den von mit ist des sich auf für dem nicht eine als auch es an werden aus er hat dass
le la les de des et en un une du est que qui dans pour par sur au pas plus ne se ce il sont
el los las y del que en por con para una se al lo como más
il di e che della per non sono gli nel alla
o os as do da dos das em um uma para com não no na ao
het een van en de dat voor op te zijn met niet ook aan
och att det som är på för av med
i w na z się nie do że jest to jak ale
je se na v a že s do ve
ve bir bu ile için da de olarak
ja on että ei se oli
és az hogy nem egy
și în pe cu nu
và của các là trong có những được cho không một
dan yang di untuk dengan ini itu
""".split())
_WORDLIKE = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
_EDGE_PUNCT = "\"'‘’“”«»()[]{}.,;:!?&*"


def _refuse_non_words(text: str, path: str) -> None:
    """Refuse Latin-script "text" in which few tokens are words and almost none common words
    (base64 or hex dumps, decoded binary).  Other scripts are not judged here (CJK has no spaces)."""
    sample = text[: 1 << 17]
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(c < "\u0250" or "\u1e00" <= c <= "\u1eff" for c in letters) / len(letters) < 0.8:
        return
    tokens = [t.strip(_EDGE_PUNCT) for t in sample.split()]
    tokens = [t for t in tokens if t]
    if len(tokens) < 100:
        return
    wordlike = sum(1 for t in tokens if _WORDLIKE.fullmatch(t))
    common = sum(1 for t in tokens if len(t) > 1 and t.lower() in COMMON_WORDS)
    if wordlike / len(tokens) < 0.3 and common / len(tokens) < 0.02:
        raise _not_text(path, f"{_percent(wordlike / len(tokens))} of its {len(tokens)} tokens are words and "
                              f"{_percent(common / len(tokens))} common words (the, und, la…)")


#: Points of pseudo indent per character of a line's leading white space (a tab counts 4).
_INDENT_PER_CHAR = 5.0


def _block(text: str, kind: str = "body", size: float = BODY_SIZE, index: int = 0,
           raw_lines: Sequence[str] = ()) -> Block:
    # Pseudo geometry: one block under the other, so consumers that sort by
    # position keep the file order.  The file's line breaks are kept as the
    # block's lines, with their leading white space as indents, so a
    # reference list is split into entries as the PDF path splits its lines.
    top = float(index) * 12.0
    kept = [ln for ln in raw_lines if ln.strip()]
    lines = tuple(ln.strip() for ln in kept) if len(kept) > 1 else (text,)
    indents = tuple(_indent(ln) for ln in kept) if len(kept) > 1 else (_indent(kept[0]) if kept else 0.0,)
    return Block(page=1, x0=72.0, top=top, x1=540.0, bottom=top + 10.0, text=text, size=size,
                 bold=kind == "heading", kind=kind, lines=lines, indents=indents)


def _indent(line: str) -> float:
    lead = line.expandtabs(4)
    return (len(lead) - len(lead.lstrip())) * _INDENT_PER_CHAR


def _header_candidate(line: str) -> bool:
    return len(line) < 120


def _join_lines(lines: list[str]) -> str:
    # A line-break hyphen before a lower-case letter ("theoret-" + "ical", or
    # the compound "low-" + "income") is kept as "theoret- ical": only the
    # whole document's words tell a break from a compound
    # (:func:`repair_block_hyphenation`).  Before a capital it ends a compound
    # ("Anglo-" + "American", "non-" + "Hispanic"), as in the PDF path.
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isupper():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return out


def text_to_blocks(text: str) -> list[Block]:
    """Split plain text into paragraph blocks.

    Paragraphs are separated by blank lines; a file whose lines are mostly long
    and never blank-separated is taken as one paragraph per line.  Lines that
    repeat often (running headers of pdftotext output) and bare page numbers
    are dropped.  A line-break hyphen is kept as "theoret- ical" for
    :func:`repair_block_hyphenation`, which judges it against the whole
    document (``read_text_file`` calls it).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Running heads: short lines repeated at page-like places (form feeds, or a page of text apart).
    heads = furniture_keys(text_lines(text), _header_candidate)
    text = text.replace("\f", "\n\n")
    raw_lines = text.split("\n")
    nonblank = [ln for ln in raw_lines if ln.strip()]
    long_lines = sum(len(ln) > 300 for ln in nonblank)
    blank_sep = text.count("\n\n")
    one_per_line = bool(nonblank) and (long_lines >= max(1, len(nonblank) // 4) or blank_sep == 0 and len(nonblank) > 3
                                      and all(len(ln) > 200 for ln in nonblank[:3]))
    if one_per_line:
        groups = [[ln] for ln in nonblank]
    else:
        groups, cur = [], []
        for ln in raw_lines:
            if ln.strip():
                cur.append(ln)
            elif cur:
                groups.append(cur)
                cur = []
        if cur:
            groups.append(cur)
    refs_from = _reference_list_start(nonblank)
    # Body text without blank lines is cut into paragraphs at short lines; a reference list
    # is not (its short lines end entries, or are a page range "95–115." that continues one):
    # the entry splitter reads its lines.
    split, seen = [], 0
    for group in groups:
        split += _split_long_group(group, len(group) if refs_from is None else max(0, refs_from - seen))
        seen += len(group)
    groups = split
    if refs_from is not None:  # the heading a group of its own
        groups = _split_at(_split_at(groups, refs_from), refs_from + 1)
    groups = _split_heading_lines(groups)
    blocks: list[Block] = []
    seen = 0  # nonblank lines in the groups so far (groups partition them in order)
    for group in groups:
        seen += len(group)
        # Running heads sit at a group's edge (pdftotext puts them at page tops).
        kept = [ln for j, ln in enumerate(group) if not re.fullmatch(r"\s*\d{1,4}\s*", ln)
                and not (not one_per_line and j in (0, len(group) - 1) and line_key(ln) in heads)]
        para = _join_lines(kept)
        if not para:
            continue
        kind = "heading" if _looks_like_heading(para) else "body"
        size = _HEADING_SIZE[2] if kind == "heading" else BODY_SIZE
        # The reference list keeps its line breaks for the entry splitter; body text is one line a block.
        in_refs = refs_from is not None and seen > refs_from
        blocks.append(_block(para, kind, size, len(blocks), kept if in_refs else ()))
    return blocks


#: A line that is a reference list's heading ("References", "5. Bibliography", "REFERENCES:").
_REF_HEADING = re.compile(
    r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+|[IVX]{1,4}\.\s+)?"
    r"(?:references?(?: (?:and notes|list|cited))?|list of references|cited references|bibliography|bibliographie|"
    r"works cited|literature(?: cited)?|cited literature|literatur(?:verzeichnis)?|références(?: bibliographiques)?|"
    r"referências(?: bibliográficas)?|referencias(?: bibliográficas)?|bibliograf[ií]a|riferimenti bibliografici|"
    r"литература|список литературы|библиография)\s*:?", re.I)
#: Share of a file's text before which a "References" line is a cover page's, not the list's.
_REF_HEADING_AFTER = 0.3


def _reference_list_start(nonblank: Sequence[str]) -> Optional[int]:
    """Index (among the nonblank lines) of the last reference-list heading line past the
    first :data:`_REF_HEADING_AFTER` of the text, or None."""
    total = sum(len(ln) for ln in nonblank)
    done = 0
    found = None
    for i, ln in enumerate(nonblank):
        if done >= _REF_HEADING_AFTER * total and len(ln) < 60 and _REF_HEADING.fullmatch(" ".join(ln.split())):
            found = i
        done += len(ln)
    return found


def _split_at(groups: list[list[str]], line: int) -> list[list[str]]:
    """``groups`` (which partition the nonblank lines in order) with the group holding nonblank
    line ``line`` cut before it, so the reference list's heading opens a group of its own."""
    out: list[list[str]] = []
    seen = 0
    for group in groups:
        k = line - seen
        out += [group[:k], group[k:]] if 0 < k < len(group) else [group]
        seen += len(group)
    return out


def _split_long_group(group: list[str], upto: Optional[int] = None) -> list[list[str]]:
    """Text extracted line by line without blank lines: a line clearly
    shorter than the column width ends a paragraph (or is a heading).
    Only the first ``upto`` lines are cut so (all when None); the rest stay one group."""
    if len(group) < 15:
        return [group]
    lengths = sorted(len(ln.strip()) for ln in group)
    width = lengths[len(lengths) * 3 // 4]  # typical full line
    out: list[list[str]] = []
    cur: list[str] = []
    for i, ln in enumerate(group):
        cur.append(ln)
        t = ln.strip()
        # Rows of a table (mostly numbers) stay together: one row is no paragraph (nor a heading).
        if (upto is None or i < upto) and len(t) < 0.7 * width and not t.endswith("-") \
                and not (_table_row(t) and i + 1 < len(group) and _table_row(group[i + 1])):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


_NUMBER_TOKEN = re.compile(r"[-+−–(]?[\d.,]+[%)]?|[-–—]")


def _table_row(line: str) -> bool:
    """A line of three or more cells, most of them numbers ("P1 0 1 11 55 9", "Covariance 0.175 0.112 0.089")."""
    cells = line.split()
    return len(cells) >= 3 and sum(1 for c in cells if _NUMBER_TOKEN.fullmatch(c)) >= 0.6 * len(cells)


def _split_heading_lines(groups: list[list[str]]) -> list[list[str]]:
    # pdftotext glues a numbered heading to the paragraph under it:
    # "4. Research methods" / "This paper selects ..." -> two groups.
    out: list[list[str]] = []
    for group in groups:
        first = group[0].strip()
        if len(group) > 1 and len(first) < 60 and _looks_like_heading(first) and group[1].strip()[:1].isupper():
            out.append([group[0]])
            out.append(group[1:])
        else:
            out.append(group)
    return out


_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+[A-Z]")


def _looks_like_heading(para: str) -> bool:
    """A short line without final punctuation that is numbered ("1 Introduction")."""
    words = para.split()
    return (len(words) <= 12 and len(para) < 100 and not para.endswith((".", ",", ";", ":"))
            and bool(_NUMBERED.match(para)))


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def markdown_to_blocks(text: str) -> list[Block]:
    """Markdown: ``#`` headings become heading blocks; YAML front matter gives the title."""
    text = text.replace("\r\n", "\n")
    blocks: list[Block] = []
    fm = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if fm:
        text = text[fm.end():]
        title = _front_matter_title(fm.group(1))
        if title:
            blocks.append(_block(title, "heading", _HEADING_SIZE[1] + 2, 0))
    chunks: list[str] = []
    cur: list[str] = []
    for line in text.split("\n"):
        m = _MD_HEADING.match(line)
        if m:
            if cur:
                chunks.append("\n".join(cur))
                cur = []
            chunks.append(line)
        elif line.strip():
            cur.append(line)
        elif cur:
            chunks.append("\n".join(cur))
            cur = []
    if cur:
        chunks.append("\n".join(cur))
    for chunk in chunks:
        m = _MD_HEADING.match(chunk)
        if m:
            level = len(m.group(1))
            blocks.append(_block(m.group(2), "heading", _HEADING_SIZE[level], len(blocks)))
        else:
            para = _join_lines(chunk.split("\n"))
            if para:
                blocks.append(_block(para, "body", BODY_SIZE, len(blocks)))
    return blocks


def _front_matter_title(yaml_text: str) -> Optional[str]:
    import yaml

    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError:
        # Unquoted titles with ": " are common in JOSS papers; read the line.
        m = re.search(r"^title:\s*(.+)$", yaml_text, re.M)
        data = {"title": m.group(1)} if m else None
    title = data.get("title") if isinstance(data, dict) else None
    return str(title).strip(" '\"‘’") if title else None


_DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "noscript", "form", "button")


def html_to_blocks(html: str) -> list[Block]:
    """HTML: h1–h6 → headings, p/li → body, figcaption/caption → caption."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(list(_DROP_TAGS)):
        tag.decompose()
    blocks: list[Block] = []
    wanted = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "figcaption", "caption", "blockquote", "title"]
    seen_title = False
    for el in soup.find_all(wanted):
        # Skip a <p> inside <li>/<figcaption>/<blockquote> already taken whole.
        if el.find_parent(["li", "figcaption", "caption", "blockquote"]) is not None:
            continue
        if el.name in ("li", "blockquote") and el.find(["p", "li"]) is not None:
            continue
        text = " ".join(el.get_text(" ").split())
        if not text:
            continue
        if el.name == "title":
            # <title> only when the page has no h1 (used as the document title).
            if soup.find("h1") is None and not seen_title:
                blocks.append(_block(text, "heading", _HEADING_SIZE[1] + 2, len(blocks)))
                seen_title = True
            continue
        if el.name.startswith("h"):
            level = int(el.name[1])
            blocks.append(_block(text, "heading", _HEADING_SIZE[level], len(blocks)))
        elif el.name in ("figcaption", "caption"):
            blocks.append(_block(text, "caption", BODY_SIZE - 1, len(blocks)))
        else:
            blocks.append(_block(text, "body", BODY_SIZE, len(blocks)))
    return blocks


def repair_block_ligatures(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with words split at a lost fi/fl/ff ligature rejoined.

    Judged against the whole document's vocabulary (all blocks), see
    :mod:`litmap.read.repairs.ligatures`.
    """
    fixed, repairs = repair_texts([b.text for b in blocks])
    if not repairs:
        return list(blocks)
    return _with_lines(blocks, fixed, lambda texts: repair_texts(texts)[0])


def repair_block_hyphenation(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with broken hyphenation repaired ("gentrifica- tion",
    "gentri-fication"), compounds kept ("state- led" -> "state-led").

    Judged against the whole document's vocabulary, see
    :mod:`litmap.read.repairs.hyphenation`.
    """
    fixed, repairs = repair_hyphenation([b.text for b in blocks])
    if not repairs:
        return list(blocks)
    return _with_lines(blocks, fixed, lambda texts: repair_hyphenation(texts)[0])


def repair_block_glued_words(blocks: Sequence[Block]) -> list[Block]:
    """Blocks with the spaces a text export lost between words put back ("ofgentrification" → "of
    gentrification"), in a document that shows the failure; others are returned as they are.

    Judged against the whole document, see :mod:`litmap.read.repairs.glued_words`.  A run is cut the same
    way wherever it stands, so each line of a block is cut as its text is.
    """
    cuts = glued_word_cuts([b.text for b in blocks])
    if not cuts:
        return list(blocks)
    out: list[Block] = []
    for b in blocks:
        text = apply_cuts(b.text, cuts)
        if text == b.text:
            out.append(b)
        else:
            out.append(replace(b, text=text, lines=tuple(apply_cuts(ln, cuts) for ln in b.lines)))
    return out


def _with_lines(blocks: Sequence[Block], fixed: Sequence[str],
                repair: Callable[[list[str]], Sequence[str]]) -> list[Block]:
    """``blocks`` with their repaired texts; a repaired block of several lines keeps its
    lines: cut from the repaired text where the old lines began (the repairs only delete
    spaces and hyphens; a word rejoined over a line break stays on the first line), else
    each line repaired against the document's words."""
    out: list[Block] = []
    loose: list[int] = []
    for i, (b, t) in enumerate(zip(blocks, fixed)):
        if t == b.text:
            out.append(b)
        elif len(b.lines) < 2:
            out.append(replace(b, text=t, lines=(t,)))
        else:
            lines = _recut_lines(b.text, b.lines, t)
            if lines is None:
                loose.append(i)
            out.append(replace(b, text=t, lines=lines or b.lines))
    if loose:
        texts = [b.text for b in blocks]
        flat = [ln for i in loose for ln in blocks[i].lines]
        repaired = list(repair([*texts, *flat]))[len(texts):]
        k = 0
        for i in loose:
            n = len(blocks[i].lines)
            out[i] = replace(out[i], lines=tuple(repaired[k:k + n]))
            k += n
    return out


def _recut_lines(old: str, lines: Sequence[str], new: str) -> Optional[tuple[str, ...]]:
    """``new`` (``old`` with characters deleted) cut into lines where ``lines`` began in ``old``,
    or None when ``new`` is not ``old`` with characters deleted."""
    starts = []
    pos = 0
    for ln in lines:
        at = old.find(ln, pos)
        if at < 0:
            return None
        starts.append(at)
        pos = at + len(ln)
    where = [0] * (len(old) + 1)  # old position -> new position of the first character kept from there
    j = 0
    for i, ch in enumerate(old):
        where[i] = j
        if j < len(new) and new[j] == ch:
            j += 1
    where[len(old)] = j
    if j != len(new):
        return None
    cuts = []
    for at in starts:
        p = where[at]
        if at > 0 and p > 0 and not new[p - 1].isspace() and old[at - 1].isspace():
            # The space before this line was deleted: the rejoined word ends the line before.
            nxt = new.find(" ", p)
            p = len(new) if nxt < 0 else nxt
        cuts.append(p)
    cuts.append(len(new))
    out = tuple(new[a:b].strip() for a, b in zip(cuts, cuts[1:]))
    return out if all(out) else None  # a line emptied by the move: the indents would not match


def read_text_file(path: str) -> ExtractedPages:
    """Read a .txt, .md or .html file as one pseudo page of blocks.

    Raises :class:`ExtractionError` for unreadable or empty files.
    """
    ext = os.path.splitext(path)[1].lower()
    media = _MEDIA.get(ext)
    if media is None:
        raise ExtractionError(path, f"unsupported file type {ext!r}: use .txt, .md or .html")
    try:
        with open_regular(path) as fh:  # a FIFO or device put here since the walk: refused, never blocks
            data = fh.read()
    except OSError as exc:
        raise ExtractionError(path, f"cannot read file ({exc.strerror}); check the path and permissions") from exc
    text, warnings = decode_bytes(data, path)
    text, furniture = split_repeated_lines(strip_inline_stamps(text))
    if not text.strip():
        raise ExtractionError(path, "empty: no text")
    if media == "html":
        blocks = html_to_blocks(text)
    elif media == "md":
        blocks = markdown_to_blocks(text)
    else:
        blocks = text_to_blocks(text)
    if not blocks:
        raise ExtractionError(path, "empty: no text")
    _refuse_non_words("\n".join(b.text for b in blocks), path)
    # Hyphens first: "gentri fica- tion" becomes a ligature split only once
    # the hyphen break is joined.
    blocks = repair_block_ligatures(repair_block_hyphenation(blocks))
    # Lost spaces last: a word rejoined at a hyphen or a ligature is then a word of the document.
    blocks = repair_block_glued_words(blocks)
    hints = {TEXT_HEAD_KEY: _head_lines(text, blocks)} if media == "txt" else {}
    page = LaidOutPage(number=1, width=_PAGE_W, height=max(_PAGE_H, len(blocks) * 12.0 + 20), blocks=tuple(blocks),
                       body_size=BODY_SIZE, warnings=tuple(warnings), furniture=furniture[:_FURNITURE_KEPT])
    return ExtractedPages(pages=(page,), page_count=1, text_layer=True, ocr=False, engine="text",
                          media_type=media, pdf_metadata=hints, warnings=tuple(warnings))


#: The key under which the first raw lines of a text file travel to metadata extraction
#: (:mod:`litmap.parse.metadata_text` reads the title and authors from them).
TEXT_HEAD_KEY = "litmap:text_head"
_HEAD_LINES = 150
#: Running heads and feet kept as the pseudo page's furniture (one of each; metadata reads the journal there).
_FURNITURE_KEPT = 20


def _head_lines(text: str, blocks: Sequence[Block]) -> str:
    """The file's first raw lines (line breaks kept: they tell a title line from an author line),
    with lost-ligature splits rejoined as in the blocks ("Gentri fication")."""
    head = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:_HEAD_LINES]]
    fixed, _ = repair_texts([*head, *(b.text for b in blocks)])
    return "\n".join(fixed[: len(head)])
