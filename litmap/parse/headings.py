"""Which blocks are headings, and what kind of section each one opens.

Headings are found from font size and weight relative to the body text,
numbering ("1.", "2.1", "IV."), capitals and known section names; a known
name gives the section its kind (:data:`litmap.models.SECTION_KINDS`).
Also here: contents pages, whose lines name every section but open none,
and the sub-headings that divide a reference list ("Primary sources").
Used by :mod:`litmap.parse.structure` and the header-metadata stage.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Optional

from litmap.read.layout.pages import FURNITURE_KINDS, Block, LaidOutPage

__all__ = ["SKIP_KINDS", "NUMBERING", "BODY_NAMES", "normalise_heading", "heading_kind", "looks_like_section_heading",
           "known_heading", "is_heading", "split_inline_heading", "is_ref_part", "toc_blocks"]

#: Page furniture: never text of a section, never a heading.
SKIP_KINDS = FURNITURE_KINDS

_REFERENCES = {"references", "reference", "bibliography", "literature", "works cited", "literatur", "reference list",
               "references and notes", "literature cited", "cited literature", "list of references",
               "bibliographie", "referencias", "cited references", "sources", "literaturverzeichnis",
               # Russian (GOST) lists: "Литература", "Список литературы", "Библиография"
               "литература", "список литературы", "список использованной литературы", "библиографический список",
               "библиография", "références", "referências", "bibliografia", "bibliografía", "riferimenti bibliografici"}
_ACK = {"acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "funding", "disclosure statement",
        "declaration of competing interest", "competing interests", "conflict of interest", "conflicts of interest",
        "data availability", "data availability statement", "orcid", "notes on contributors", "author contributions",
        "credit authorship contribution statement", "ethics statement", "declaration of interest", "declarations",
        "funding information", "declaration of interests", "competing interest", "author biographies",
        "about the authors", "about the author", "suggested citation", "how to cite", "how to cite this article",
        "author's address", "authors' addresses", "ethical approval", "financial disclosure", "author information",
        # the publisher's pages: a journal's self-description and licence between abstract and introduction
        "terms of use", "terms and conditions", "about the journal", "about this journal", "about the publisher",
        "rights and permissions", "publisher's note", "editorial board", "copyright notice"}
#: Back-matter boxes that only count as headings after the reference list
#: (a cover page says "3 authors:").
_BACK_ONLY = {"author", "authors", "the author", "the authors", "citation"}
_NOTES = {"notes", "endnotes", "note", "footnotes", "end notes"}
_KEYWORDS = {"keywords", "key words", "keyword", "index terms"}
#: Names of ordinary body sections (no special kind, but surely headings).
BODY_NAMES = {"introduction", "conclusion", "conclusions", "discussion", "methods", "results", "background",
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

NUMBERING = re.compile(r"^(?:(?:\d{1,2}(?:\.\d{1,2})*\.?)|(?:[IVX]{1,5}\.)|(?:[A-H]\.))\s+(?=\S)")
_INLINE_LABEL = re.compile(r"^(abstract|summary|keywords|key words|a b s t r a c t|k e y w o r d s)\s*[:.—–-]?\s+(?=\S)",
                           re.I)


@functools.lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    """Lower-case heading text without numbering or trailing punctuation (cached: a block's text
    is asked about by several tests)."""
    t = " ".join(text.split())
    t = NUMBERING.sub("", t)
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


def heading_kind(text: str, *, first: bool = False, after_references: bool = False,
                 before_body: bool = False) -> Optional[str]:
    """The section kind a heading names, or None for an ordinary body heading.

    ``before_body``: no body section has opened yet, where "About Federal Governance" is the journal
    describing itself (its words would count as the paper's)."""
    name = normalise_heading(text)
    if name in _REFERENCES or name.startswith(("references", "bibliography")):
        return "references"
    if name in _ACK or name.startswith(("acknowledg", "funding", "declaration of", "conflict of interest",
                                        "notes on contributor", "data availability")):
        return "acknowledgements"
    if before_body and name.startswith("about ") and len(name.split()) <= 5:
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


def names_body_section(heading: str) -> bool:
    """A usual body section name, alone or before a colon ("Summary: Why regioncode?",
    "Background: rescaling in China") — enough to end the front matter."""
    if normalise_heading(heading) in BODY_NAMES:
        return True
    head, colon, rest = heading.partition(":")
    return bool(colon and rest.strip()) and normalise_heading(head) in BODY_NAMES | {"summary"}


def looks_like_section_heading(text: str) -> bool:
    """A numbered heading or a known section name ("2.1 Data", "References")."""
    t = text.strip()
    m = NUMBERING.match(t)
    return known_heading(t) or (m is not None and len(t.split()) <= 14 and t[m.end():m.end() + 1].isupper())


def known_heading(text: str) -> bool:
    """A section name we know: one with a kind, or a usual body name ("Introduction")."""
    name = normalise_heading(text)
    return heading_kind(text, first=True) is not None or name in BODY_NAMES


def is_heading(b: Block, body: float, in_refs: bool) -> bool:
    """Whether block ``b`` is a heading, given the body font size; inside a
    reference list (``in_refs``) only names and much larger type count."""
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
    if known_heading(text) and len(text) < 60:
        return True
    if text.endswith((",", ";")) or (text.endswith(".") and not larger and not NUMBERING.match(text)):
        return False
    numbered = bool(NUMBERING.match(text)) and len(text.split()) <= 14 and text.lstrip("0123456789IVX.AH ")[:1].isupper()
    caps = text.isupper() and len(text) >= 4 and len(text.split()) <= 10
    not_smaller = body <= 0 or b.size >= body - 0.6
    if larger and nlines <= 3:
        return True
    if b.bold and not_smaller and nlines <= 2:
        return True
    return (numbered or caps) and not_smaller and nlines <= 2 and not text.endswith(".")


def split_inline_heading(b: Block) -> tuple[Optional[str], Block]:
    """Split "Abstract: text…" or a block whose first line is "References"."""
    m = _INLINE_LABEL.match(b.text)
    if m and len(b.text) > m.end() + 20:
        return m.group(1), replace(b, text=b.text[m.end():])
    if len(b.lines) > 1 and known_heading(b.lines[0]) and len(b.lines[0]) < 40:
        first = b.lines[0]
        rest = b.text[len(first):].lstrip() if b.text.startswith(first) else " ".join(b.lines[1:])
        return first.strip(), replace(b, text=rest, lines=b.lines[1:], indents=b.indents[1:])
    return None, b


def _toc_leader(line: str) -> bool:
    """``_TOC_LEADER.search(line)``, tried only on a line that ends in a digit (every match does:
    ``\\d{1,4}\\s*$``); the search tries each full stop of a line of prose."""
    return line.rstrip()[-1:].isdecimal() and _TOC_LEADER.search(line) is not None


def toc_blocks(page: LaidOutPage) -> set[int]:
    """``id`` s of the blocks of a table of contents on ``page``: from a
    "Contents" heading or the first entry to the last entry, where entries
    end in dot leaders or have a page number set on their line to the right.
    Three entries (or one under a "Contents" heading) make a contents page."""
    blocks = [b for b in page.blocks if b.kind not in SKIP_KINDS and b.text.strip()]
    entries: list[int] = []
    named: Optional[int] = None
    for i, b in enumerate(blocks):
        lines = b.lines or (b.text,)
        if named is None and len(lines) == 1 and normalise_heading(b.text) in _TOC_NAMES:
            named = i
        elif sum(1 for ln in lines if _toc_leader(ln)) * 2 >= len(lines):
            entries.append(i)
        elif i + 1 < len(blocks):
            nxt = blocks[i + 1]
            # A numbered heading with a page number to its right; a table
            # row ("Men" … "45") is not one unless the page says "Contents".
            if _PAGE_NO.match(nxt.text) and not _PAGE_NO.match(b.text) and nxt.x0 >= b.x1 and \
                    abs(nxt.top - b.top) < 2 and (NUMBERING.match(b.text) or named is not None):
                entries += [i, i + 1]
    if len(entries) < 3 and not (named is not None and entries):
        return set()
    first = named if named is not None and named < entries[0] else entries[0]
    return {id(b) for b in blocks[first:entries[-1] + 1]}


def is_ref_part(b: Block, ref_number: Optional[str]) -> bool:
    """A sub-heading that divides a reference list: numbered under the
    list's own number ("6.1." under "6. Bibliography") or a known part name."""
    text = " ".join(b.text.split())
    if not text or len(text) > 60 or len(b.lines) > 2:
        return False
    m = NUMBERING.match(text)
    if m and ref_number and m.group(0).strip().rstrip(".").startswith(ref_number + "."):
        return True
    return normalise_heading(text) in _REF_PARTS
