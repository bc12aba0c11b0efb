"""Passages: paragraph-sized chunks of body text, the units topics are fitted on."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from litmap.store.topics import BodyParagraph

__all__ = ["Passage", "make_passages", "iter_passages", "split_chunks", "EXCLUDED_SECTIONS"]

#: Sections whose paragraphs say nothing about what a paper is about.
EXCLUDED_SECTIONS = ("references", "front", "acknowledgements", "notes", "appendix", "keywords")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
# Paragraphs that are mostly digits/punctuation (tables, running heads) or
# licence/copyright lines: not prose.
_BOILERPLATE = re.compile(
    r"(©|\bcopyright\b|\ball rights reserved\b|creative commons|downloaded from|\bdoi:|https?://)",
    re.I,
)


@dataclass(frozen=True)
class Passage:
    doc_id: int
    para_idx: int
    chunk: int
    text: str
    text_hash: str
    page: Optional[int]
    year: Optional[int]
    journal: Optional[str]

    @property
    def key(self) -> str:
        """Stable identity of the passage within its document."""
        return f"{self.doc_id}:{self.para_idx}:{self.chunk}"


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_boilerplate(text: str) -> bool:
    letters = sum(map(str.isalpha, text))  # bools summed in C (a generator cost 1.7M Python steps a first run)
    if letters < 0.6 * len(text):
        return True
    # Short paragraphs dominated by licence/URL matter.
    return len(text) < 600 and _BOILERPLATE.search(text) is not None


def split_chunks(text: str, size: int) -> list[str]:
    """Cut ``text`` into chunks of about ``size`` characters at sentence ends.

    Texts up to 1.5 x ``size`` stay whole, so an ordinary paragraph keeps its
    own hash (the embedding cache key shared with the paragraphs table).
    """
    if len(text) <= size * 3 // 2:
        return [text]
    sentences = _SENTENCE_END.split(text)
    chunks: list[str] = []
    cur = ""
    for s in sentences:
        while len(s) > size * 3 // 2:  # one run-on "sentence": cut at a space
            cut = s.rfind(" ", 0, size)
            cut = cut if cut > size // 2 else size
            head, s = s[:cut].strip(), s[cut:].strip()
            if cur:
                chunks.append(cur)
                cur = ""
            chunks.append(head)
        if cur and len(cur) + 1 + len(s) > size:
            chunks.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}" if cur else s
    if cur:
        # A short tail joins the previous chunk rather than stand alone.
        if chunks and len(cur) < size // 3:
            chunks[-1] = f"{chunks[-1]} {cur}"
        else:
            chunks.append(cur)
    return chunks


def iter_passages(paragraphs: Iterable[BodyParagraph], *, min_chars: int = 200,
                  chunk_chars: int = 1000) -> Iterator[Passage]:
    """Stream the passages of ``paragraphs`` in their order (see :func:`make_passages`)."""
    for para in paragraphs:
        if para.section_kind is not None and para.section_kind in EXCLUDED_SECTIONS:
            continue
        doc_id, idx, page, thash, year, journal = (para.document_id, para.idx, para.page, para.text_hash,
                                                   para.year, para.journal)
        text = " ".join(str(para.text).split())
        if len(text) < min_chars or _is_boilerplate(text):
            continue
        journal = journal.strip() if isinstance(journal, str) and journal.strip() else None
        year = int(year) if year is not None else None
        parts = split_chunks(text, chunk_chars)
        if len(parts) == 1:
            h = thash if thash and thash == _sha1(text) else _sha1(text)
            yield Passage(doc_id, idx, 0, text, h, page, year, journal)
            continue
        for i, part in enumerate(parts):
            yield Passage(doc_id, idx, i, part, _sha1(part), page, year, journal)


def make_passages(paragraphs: Iterable[BodyParagraph], *, min_chars: int = 200,
                  chunk_chars: int = 1000) -> list[Passage]:
    """Passages of the store's body paragraphs (:func:`litmap.store.topics.iter_body_paragraphs`).

    Paragraphs outside references/front/notes/acknowledgements/appendix/keywords
    sections, whitespace-normalised; those under ``min_chars`` or mostly
    non-letters/licence text are dropped; long ones are split into
    ~``chunk_chars`` chunks at sentence boundaries.
    """
    return list(iter_passages(paragraphs, min_chars=min_chars, chunk_chars=chunk_chars))
