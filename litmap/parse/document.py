"""Assemble a :class:`~litmap.models.Document` from extracted pages.

structure (sections, paragraphs) → header metadata → reference list
(split, then parsed entry by entry) → in-text citations, linked to the
reference entries.  Each step degrades to a warning rather than failing the
whole document: a paper with an unparseable reference list still yields its
text and citations.
"""

from __future__ import annotations

import logging
import re

from litmap.read.layout.pages import ExtractedPages
from litmap.models import Citation, Document, Reference, Source

__all__ = ["build_document"]

log = logging.getLogger(__name__)


def build_document(source: Source, extracted: ExtractedPages) -> Document:
    from litmap.parse.citations import find_citations
    from litmap.parse.linking import link_citations
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.references.splitting import split_references
    from litmap.parse.references.parser import parse_references
    from litmap.parse.structure import structure_document

    warnings = list(extracted.warnings)
    structure = structure_document(extracted.pages)
    metadata = extract_metadata(extracted.pages, structure, extracted.pdf_metadata, path=source.path)

    references = []
    if structure.reference_blocks:
        entries = split_references(structure.reference_blocks)
        # Parsed as a list so that `——.` repeated-author dashes take the previous entry's authors.
        references = parse_references(entries)
        if not references:
            warnings.append("reference section found but no entries could be split from it")
    elif source.media_type == "pdf":
        warnings.append("no reference list found")

    citations = find_citations(structure.paragraphs, structure.sections)
    citations = link_citations(_stray_numbers_dropped(citations, references), references)
    warnings += _garbled_signs(references, citations)

    return Document(
        source=source,
        metadata=metadata,
        text=structure.text,
        sections=structure.sections,
        paragraphs=structure.paragraphs,
        references=tuple(references),
        citations=tuple(citations),
        warnings=tuple(dict.fromkeys(warnings)),
    )


#: A reference entry longer than this is text the splitter could not cut: a garbled layer, or no list.
MAX_ENTRY_CHARS = 5000
#: This many entries and not one citation in the text: the body is unreadable or the list is not one.
MIN_ENTRIES_UNCITED = 10


def _garbled_signs(references: list[Reference], citations: list[Citation]) -> list[str]:
    """Warnings for a reference list that betrays a garbled text layer (litmap.read.garbled)."""
    from litmap.read.garbled import GARBLED_MARK

    out = []
    longest = max((len(r.raw) for r in references), default=0)
    if longest > MAX_ENTRY_CHARS:
        out.append(f"{GARBLED_MARK} suspected: a reference entry of {longest:,} characters")
    if len(references) >= MIN_ENTRIES_UNCITED and not citations:
        out.append(f"{GARBLED_MARK} suspected: {len(references)} reference entries but no citation in the text")
    return out


#: The number that opens a numbered reference: "[12]", "12. ", "12) ".
_ENTRY_NUMBER = re.compile(r"\s*(?:\[\d{1,4}\]|\d{1,4}[.)]\s)")


def _stray_numbers_dropped(citations: list[Citation], references: list[Reference]) -> list[Citation]:
    """Bracketed numbers in a paper whose reference list is not numbered
    and that cites author-year ("[52]", "[3] d" in a table's bins, equation
    numbers) are no citations; linked by position they would name a random
    entry."""
    if not references or not any(c.kind != "numeric" for c in citations):
        return citations
    numbered = sum(1 for r in references if _ENTRY_NUMBER.match(r.raw))
    if numbered >= len(references) / 2:
        return citations
    return [c for c in citations if c.kind != "numeric"]
