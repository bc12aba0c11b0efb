"""Citation lines that publishers and repositories print for a paper.

A cover page's citation line (Taylor & Francis "To cite this article: …",
JSTOR "Author(s): … Source: …", ResearchGate "Article in …", a university
repository's reference) and a PubMed Central manuscript's "Published in
final edited form as: …" are the most trusted header sources, since they
were typeset from the publisher's records; DOIs are read from them too.
What a citation line gives is returned as a :class:`Metadata` with the
fields it holds (title, authors, year, journal, volume, issue, pages, DOI).
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from litmap.read.layout.pages import Block, LaidOutPage
from litmap.models import Author, Metadata
from litmap.parse.metadata_authors import clean_field, family_first, parse_author_line
from litmap.parse.names import normalise_doi

__all__ = ["parse_cover", "jstor_source_block", "find_doi", "cite_as_doi", "is_cover_page", "NIH_CITATION"]


_COVER_MARKERS = ("to cite this article", "jstor is a not-for-profit", "see discussions, stats, and author profiles",
                  "downloaded from helda", "this is an electronic reprint", "stable url:", "full terms & conditions")


_TF_CITE = re.compile(
    r"To cite this article:\s*(?P<authors>.+?)\s*\((?P<year>\d{4})\)\s*(?P<rest>.+?)(?:,?\s*DOI:|\s*To link|$)", re.S)
_TF_REST = re.compile(r"^(?P<title>.+),\s*(?P<journal>[^,]+?),\s*(?P<vol>\d+)(?::(?P<issue>[\w\-–/]+))?,"
                      r"\s*(?P<pages>[\w\-–]+)\s*,?\s*$")
_JSTOR = re.compile(r"^(?P<title>.+?)\s+Author\(s\):\s*(?P<authors>.+?)\s+Source:\s*(?P<source>.+?)"
                    r"(?:\s+Published by|\s+Stable URL|$)", re.S)
_JSTOR_SRC = re.compile(r"^(?P<journal>.+?),\s*Vol\.\s*(?P<vol>\w+),?\s*(?:No\.\s*(?P<issue>[\w/]+))?.*?\((?:[^)]*?)"
                        + r"(?P<year>1[89]\d\d|20[0-4]\d)\)(?:,\s*pp\.\s*(?P<pages>[\d\-–]+))?")
_RG = re.compile(r"Article\s+in\s+(?P<journal>.+?)\s*·\s*(?:\w+\s+)?(?P<year>\d{4})")
_HELDA = re.compile(r"(?P<authors>\b\w[\w\-]*,\s*[\w.\s,&]*?)\s(?P<year>\d{4}),\s*'(?P<title>.+?)',\s*(?P<journal>[^,]+),\s*"
                    r"vol\.\s*(?P<vol>\w+)(?:,\s*no\.\s*(?P<issue>\w+))?,\s*(?P<pages>[\w\-–]+)")


def parse_cover(text: str) -> Metadata:
    """Parse a cover page's citation line; an empty Metadata if there is none."""
    text = " ".join(text.split())
    m = _TF_CITE.search(text)
    if m:
        rest = clean_field(m.group("rest"))
        r = _TF_REST.match(rest)
        title, journal, vol, issue, pages = (rest, None, None, None, None)
        if r:
            title, journal, vol, issue, pages = (r.group("title"), r.group("journal"), r.group("vol"),
                                                 r.group("issue"), r.group("pages"))
        return Metadata(title=clean_field(title), authors=parse_author_line(m.group("authors")), year=int(m.group("year")),
                         journal=clean_field(journal) if journal else None, volume=vol, issue=issue,
                         pages=pages.replace("-", "–") if pages else None, doi=find_doi(text))
    m = _JSTOR.search(text)
    if m:
        src = _JSTOR_SRC.match(m.group("source"))
        return Metadata(title=clean_field(m.group("title")), authors=parse_author_line(m.group("authors")),
                         year=int(src.group("year")) if src else None, journal=clean_field(src.group("journal")) if src else None,
                         volume=src.group("vol") if src else None, issue=src.group("issue") if src else None,
                         pages=src.group("pages") if src else None, doi=find_doi(text))
    m = _HELDA.search(text)
    if m:
        return Metadata(title=clean_field(m.group("title")), authors=family_first(m.group("authors")),
                         year=int(m.group("year")), journal=clean_field(m.group("journal")),
                         volume=m.group("vol"), issue=m.group("issue"), pages=m.group("pages"), doi=find_doi(text))
    m = _RG.search(text)
    if m:
        return Metadata(year=int(m.group("year")), journal=clean_field(m.group("journal")), doi=find_doi(text))
    return Metadata(doi=find_doi(text))


def jstor_source_block(pages: list[LaidOutPage]) -> Metadata:
    """Old JSTOR covers print the source as its own line without "Source:"
    ("Geografiska Annaler. Series B, Human Geography, Vol. 71, No. 1, … (1989),
    pp. 3-17."); read journal, volume, issue, year and pages from that block."""
    for page in pages:
        for k, b in enumerate(page.blocks):
            t = clean_field(b.text)
            if len(t) > 400 or "Vol." not in t or not re.search(r"\((?:[^)]*?)(?:1[89]\d\d|20[0-4]\d)\),\s*pp\.", t):
                continue
            src = _JSTOR_SRC.match(t)
            if src:
                title, authors = _title_and_authors_above(page.blocks[:k])
                return Metadata(title=title, authors=authors, year=int(src.group("year")),
                                journal=clean_field(src.group("journal")), volume=src.group("vol"),
                                issue=src.group("issue"), pages=src.group("pages"))
    return Metadata()


def _title_and_authors_above(blocks: Sequence[Block]) -> tuple[Optional[str], tuple[Author, ...]]:
    """The title lines and the author line printed above an old JSTOR cover's source line
    (the JSTOR logo, read as "STOR" and "®", left out)."""
    lines = [clean_field(b.text) for b in blocks
             if sum(c.isalpha() for c in b.text) >= 6 and not re.match(r"^J?STOR\b", b.text.strip())]
    if len(lines) < 2:
        return None, ()
    authors = parse_author_line(lines[-1])
    if not authors:
        return None, ()
    title = clean_field(" ".join(lines[:-1]))
    return (title if 3 <= len(title.split()) <= 45 else None), authors


def find_doi(text: str) -> Optional[str]:
    """The first DOI in ``text``, lower-cased, without trailing punctuation."""
    # PDFs break "https://doi. org/10.1068/a45" and "10.1016/ j.cities" at line ends.
    text = re.sub(r"(10\.\d{4,9}/)\s+", r"\1", text)
    # Text extraction glues the next word to all-digit DOIs (SAGE, T&F):
    # "10.1177/0969776418763010European Urban…".
    text = re.sub(r"(10\.\d{4,9}/[\d.]{8,}\d)(?=[A-Za-z]{3,})", r"\1 ", text)
    return normalise_doi(text)


_CITE_AS = re.compile(r"\bCite this article as\s*:", re.I)
_DOI_BEFORE = re.compile(r"\bdoi\s*:?\s*(10\.\d{4,9}/\S+)\s*$", re.I)


def cite_as_doi(text: str) -> Optional[str]:
    """The DOI a paper prints with its own "Cite this article as:" line, which BMC and SpringerOpen set at its
    end: "doi:10.1186/1472-6963-14-1" right over it, or the DOI in the citation after it."""
    for m in _CITE_AS.finditer(text):
        before = _DOI_BEFORE.search(text[max(m.start() - 80, 0):m.start()])
        if before and (doi := find_doi(before.group(1))):
            return doi
        if doi := find_doi(text[m.end():m.end() + 400].split("\n\n")[0]):
            return doi
    return None


def is_cover_page(page: LaidOutPage) -> bool:
    """A publisher's or repository's cover page (first page only, unless laid out as cover)."""
    if page.blocks and all(b.kind == "cover" for b in page.blocks):
        return True
    text = " ".join(b.text for b in page.blocks).lower()
    return any(m in text for m in _COVER_MARKERS) and page.number == 1


#: PubMed Central author manuscripts cite the final version on page 1.
NIH_CITATION = re.compile(r"Published in final edited form as:\s*(?P<journal>[^.]+)\.\s*(?P<year>\d{4})\b[^;]*;\s*"
                          r"(?P<vol>\d+)(?:\((?P<issue>[\w\-]+)\))?:\s*(?P<pages>[\d\-–]+)")
