"""Header metadata (title, authors, year, DOI, …) from the first pages.

Sources, most trusted first: a publisher/repository cover page's citation
line (Taylor & Francis "To cite this article: …", JSTOR "Author(s): …
Source: …", ResearchGate "Article in …"), the journal header line of the
first content page ("Political Geography 112 (2024) 103131"), the layout of
the first content page (largest type = title, the lines under it =
authors), and the PDF's Info/XMP fields as a cross-check and fallback.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Optional, Sequence

from litmap.layout import LaidOutPage
from litmap.models import Author, Metadata
from litmap.parse.names import normalise_doi
from litmap.parse.structure import Structure, looks_like_section_heading

__all__ = ["extract_metadata", "CoverInfo", "parse_cover", "find_doi", "split_keywords", "parse_author_line",
           "looks_like_affiliation"]

log = logging.getLogger(__name__)

_YEAR = r"(1[89]\d\d|20[0-4]\d)"
_COVER_MARKERS = ("to cite this article", "jstor is a not-for-profit", "see discussions, stats, and author profiles",
                  "downloaded from helda", "this is an electronic reprint", "stable url:", "full terms & conditions")
# Lines on a first page that are never the title.
_NOT_TITLE = re.compile(
    r"contents lists available|journal homepage|www\.|https?://|doi|issn|©|copyright|received|accepted|"
    r"published online|^research article$|^original article$|^articles?$|^review$|^editorial$|elsevier|"
    r"all rights reserved|creative commons|open access|downloaded|vol\.|volume \d|pp\.|^\W*$|e-mail|"
    r"discussion paper|available online|sciencedirect|^check for updates$|springer|taylor & francis|public access|"
    r"author manuscript|^\W*(?:research )?articles?\W*$",
    re.I,
)


@dataclass(frozen=True)
class CoverInfo:
    """What a cover page's citation line gives."""

    title: Optional[str] = None
    authors: tuple[Author, ...] = ()
    year: Optional[int] = None
    journal: Optional[str] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    doi: Optional[str] = None


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


def _clean(s: str) -> str:
    return " ".join(s.split()).strip(" ,;")


def parse_cover(text: str) -> CoverInfo:
    """Parse a cover page's citation line; empty CoverInfo if there is none."""
    text = " ".join(text.split())
    m = _TF_CITE.search(text)
    if m:
        rest = _clean(m.group("rest"))
        r = _TF_REST.match(rest)
        title, journal, vol, issue, pages = (rest, None, None, None, None)
        if r:
            title, journal, vol, issue, pages = (r.group("title"), r.group("journal"), r.group("vol"),
                                                 r.group("issue"), r.group("pages"))
        return CoverInfo(title=_clean(title), authors=parse_author_line(m.group("authors")), year=int(m.group("year")),
                         journal=_clean(journal) if journal else None, volume=vol, issue=issue,
                         pages=pages.replace("-", "–") if pages else None, doi=find_doi(text))
    m = _JSTOR.search(text)
    if m:
        src = _JSTOR_SRC.match(m.group("source"))
        return CoverInfo(title=_clean(m.group("title")), authors=parse_author_line(m.group("authors")),
                         year=int(src.group("year")) if src else None, journal=_clean(src.group("journal")) if src else None,
                         volume=src.group("vol") if src else None, issue=src.group("issue") if src else None,
                         pages=src.group("pages") if src else None, doi=find_doi(text))
    m = _HELDA.search(text)
    if m:
        return CoverInfo(title=_clean(m.group("title")), authors=_family_first(m.group("authors")),
                         year=int(m.group("year")), journal=_clean(m.group("journal")),
                         volume=m.group("vol"), issue=m.group("issue"), pages=m.group("pages"), doi=find_doi(text))
    m = _RG.search(text)
    if m:
        return CoverInfo(year=int(m.group("year")), journal=_clean(m.group("journal")), doi=find_doi(text))
    return CoverInfo(doi=find_doi(text))


def find_doi(text: str) -> Optional[str]:
    """The first DOI in ``text``, lower-cased, without trailing punctuation."""
    # PDFs break "https://doi. org/10.1068/a45" and "10.1016/ j.cities" at line ends.
    text = re.sub(r"(10\.\d{4,9}/)\s+", r"\1", text)
    # Text extraction glues the next word to all-digit DOIs (SAGE, T&F):
    # "10.1177/0969776418763010European Urban…".
    text = re.sub(r"(10\.\d{4,9}/[\d.]{8,}\d)(?=[A-Za-z]{3,})", r"\1 ", text)
    return normalise_doi(text)


def _is_cover_page(page: LaidOutPage) -> bool:
    if page.blocks and all(b.kind == "cover" for b in page.blocks):
        return True
    text = " ".join(b.text for b in page.blocks).lower()
    return any(m in text for m in _COVER_MARKERS) and page.number == 1


def _sane_pdf_title(t: str) -> bool:
    t = t.strip()
    if len(t.split()) < 3 or len(t) > 300:
        return False
    bad = re.compile(r"microsoft word|\.docx?\b|\.pdf\b|\.fm\b|\.mdi\b|^pii|^doi|untitled|\\|/|\.\.|^\W|^[\w\-]+\d{3,}",
                     re.I)
    return not bad.search(t) and sum(c.isalpha() for c in t) > 0.7 * len(t.replace(" ", ""))


def _title_from_layout(page: LaidOutPage, body: float) -> tuple[Optional[str], int]:
    """Largest type in the upper part of the page → (title, index of its last block)."""
    cands = [(i, b) for i, b in enumerate(page.blocks)
             if b.kind not in ("cover", "footnote", "caption", "header", "footer", "page_number", "stamp")
             and b.top < page.height * 0.6 and len(b.text) >= 3 and not _NOT_TITLE.search(b.text)
             and sum(c.isalpha() for c in b.text) >= 0.6 * len(b.text.replace(" ", ""))]
    journal_like = _journal_names(page)
    cands = [(i, b) for i, b in cands if _norm(b.text) not in journal_like and not _norm(b.text).startswith("abstract")
             and not looks_like_section_heading(b.text)]
    if not cands:
        return None, -1
    top_size = max(b.size for _, b in cands)
    if body and top_size < body + 0.5:
        # Nothing larger than body text (plain text, or a plain layout):
        # the first short line without final punctuation.
        # the first short line among the page's first blocks, before any section heading.
        first_heading = next((i for i, b in enumerate(page.blocks) if looks_like_section_heading(b.text)),
                             len(page.blocks))
        for i, b in cands:
            if i >= min(first_heading, 3):
                break
            words = b.text.split()
            if (2 <= len(words) <= 25 and not b.text.rstrip().endswith((".", ",", "-")) and not _LABEL.match(b.text)
                    and not b.text.lstrip()[:1].islower() and not _author_like(b.text, "x")):
                return _clean(b.text), i
        return None, -1
    chosen = [(i, b) for i, b in cands if abs(b.size - top_size) <= 0.15]
    first_i, first_b = chosen[0]
    parts, last_i, last_b = [first_b.text], first_i, first_b
    for i, b in chosen[1:]:
        if b.bold != first_b.bold or _author_like(b.text, " ".join(parts)):
            break
        if b.top - last_b.bottom > 2.5 * max(b.size, 1) or i - last_i > 3 or len(b.text) <= 2:
            if len(b.text) <= 2:
                continue
            break
        parts.append(b.text)
        last_i, last_b = i, b
    title = _clean(" ".join(parts))
    if re.match(r"^\d{1,3}\s", title) and re.search(r"\s\d{1,3}\s", title):
        title = _clean(re.sub(r"(?:^|\s)\d{1,3}(?=\s)", " ", title))  # line-numbered drafts
    return title, last_i


_LABEL = re.compile(r"^\s*(?:keywords?|key words|fig(?:ure)?\.?\s*\d|table\s*\d|abstract|summary|citation|reprints|"
                    r"received|research article|original article|special issue|doi|\d)\b|:$", re.I)


def _author_like(text: str, title_so_far: str) -> bool:
    """An author line set in the title's type (not a title's second line)."""
    names = parse_author_line(text)
    if not names:
        return False
    return (len(names) >= 2 or bool(re.search(r"[,&*∗†]|\band\b|\b[A-Z]\.", text))
            or title_so_far.isupper() != text.isupper())


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def _journal_names(page: LaidOutPage) -> set[str]:
    """Journal names printed in the masthead ("Cities" above "journal homepage")."""
    names: set[str] = set()
    blocks = page.blocks
    for i, b in enumerate(blocks):
        low = b.text.lower()
        if "journal homepage" in low and i > 0:
            names.add(_norm(blocks[i - 1].text))
        if "contents lists available" in low and i + 1 < len(blocks):
            names.add(_norm(blocks[i + 1].text))
        m = _MASTHEAD.search(b.text)
        if m:
            names.add(_norm(m.group("journal")))
    return names


_MASTHEAD = re.compile(r"(?P<journal>[A-Z][A-Za-z&,.:\s]+?)\s+(?P<vol>\d{1,4})\s*\((?P<year>\d{4})\)\s*"
                       r"(?P<pages>\d+(?:\s*[–\-]?\s*\d+)?)?")


def _header_info(pages: Sequence[LaidOutPage]) -> dict[str, str]:
    """Journal, volume, pages and year from the masthead of the first content page."""
    out: dict[str, str] = {}
    for page in pages[:1]:
        # The masthead may have been removed as a running head: look there first.
        for line in page.furniture:
            m = _MASTHEAD.search(_clean(line)) if len(line) < 120 else None
            if m:
                out.update(journal=_clean(m.group("journal")), volume=m.group("vol"), year=m.group("year"))
                if m.group("pages"):
                    out["pages"] = _clean(m.group("pages")).replace(" ", "–")
                return out
        for b in page.blocks:
            text = _clean(b.text)
            m = _MASTHEAD.search(text) if len(text) < 120 else None
            if m:
                out.update(journal=_clean(m.group("journal")), volume=m.group("vol"), year=m.group("year"))
                if m.group("pages"):
                    out["pages"] = _clean(m.group("pages")).replace(" ", "–")
                return out
            if b not in page.blocks[:10]:
                continue
            m = re.search(r"^(?P<journal>[A-Za-z][A-Za-z&.,:\s]+?)\s*(?:\(?(?P<y1>" + _YEAR + r")\)?,?)?\s*"
                          r"vol(?:ume|\.)?\s*(?P<vol>\d+)(?:,?\s*no\.\s*(?P<issue>\d+))?.*?(?P<y2>\b" + _YEAR + r"\b)?",
                          text, re.I)
            if m and (b.top < page.height * 0.2 or re.search(r"vol", text, re.I) and re.search(_YEAR, text)):
                years = re.findall(r"\b" + _YEAR + r"\b", text)
                out.update(journal=_clean(m.group("journal")), volume=m.group("vol"))
                if m.group("issue"):
                    out["issue"] = m.group("issue")
                if years:
                    out["year"] = years[0]
                pm = re.search(r"(\d+)\s*[–\-]\s*(\d+)\s*(?:https?://\S+)?$", text)
                if pm:
                    out["pages"] = f"{pm.group(1)}–{pm.group(2)}"
                return out
            m = re.search(r"\(" + _YEAR + r"\)\s*\d+\s*:\s*\d+", text)  # "Popul Res Policy Rev (2007) 26:619–633"
            if m:
                out["year"] = m.group(1)
                return out
    return out


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(r"^(?:\d{1,2}\s+" + _MONTHS + r"|" + _MONTHS + r"(?:\s+\d{1,2})?,?)\s+" + _YEAR + r"$", re.I)


def _date_line_year(page: LaidOutPage) -> Optional[int]:
    """A date printed alone under the title ("April 22, 2024", "05 July 2022")."""
    for b in page.blocks[:8]:
        m = _DATE_LINE.match(_clean(b.text))
        if m:
            return int(m.group(1))
    return None


def _subject_info(subject: str) -> dict[str, str]:
    """Elsevier-style Info Subject: "Journal of X, 34 (2014) 274-281. doi:…"."""
    m = re.match(r"^(?P<journal>[^,]+?),\s*(?P<vol>\d+)\s*\((?P<year>\d{4})\)\s*(?P<pages>\d+(?:\s*[–\-]\s*\d+)?)?",
                 subject.strip())
    if not m:
        return {}
    out = {"journal": _clean(m.group("journal")), "volume": m.group("vol"), "year": m.group("year")}
    if m.group("pages"):
        out["pages"] = re.sub(r"\s*[–\-]\s*", "–", m.group("pages"))
    return out


def _strip_glued_markers(authors: tuple[Author, ...], page: LaidOutPage) -> tuple[Author, ...]:
    """"Murakamia" → "Murakami": an affiliation letter glued to the name.

    Only when an affiliation on the page starts with that letter ("a Graduate
    School …") and every surname ends in it, so "Costa" and "Silva" stay.
    """
    if not authors:
        return authors
    last = {a.family[-1] for a in authors if len(a.family) > 3}
    if len(last) != 1 or len(authors) != sum(len(a.family) > 3 for a in authors):
        return authors
    letter = last.pop()
    if letter not in "abcdef" or not any(a.family[-2].islower() for a in authors):
        return authors
    marked = any(re.match(rf"^{letter}\s+[A-Z]", b.text.strip()) and looks_like_affiliation(b.text) for b in page.blocks)
    if not marked:
        return authors
    # A surname printed with that letter elsewhere (contact line, e-mail) is real.
    elsewhere = " ".join(b.text for b in page.blocks if not all(a.family in b.text for a in authors)).lower()
    if any(re.search(rf"{re.escape(a.family.lower())}\b", elsewhere) for a in authors):
        return authors
    return tuple(Author(family=a.family[:-1], given=a.given, organisation=a.organisation) for a in authors)


_NIH = re.compile(r"Published in final edited form as:\s*(?P<journal>[^.]+)\.\s*(?P<year>\d{4})\b[^;]*;\s*"
                  r"(?P<vol>\d+)(?:\((?P<issue>[\w\-]+)\))?:\s*(?P<pages>[\d\-–]+)")


def _pdf_date_year(meta: dict[str, str]) -> Optional[int]:
    """Last resort: the PDF's creation date (right for born-digital drafts)."""
    m = re.match(r"^(?:D:)?" + _YEAR, meta.get("creationdate", "") or meta.get("created", ""))
    return int(m.group(1)) if m else None


def _best_doi(candidates: list[Optional[str]]) -> Optional[str]:
    """The first DOI found, unless a later source has a longer form of it
    (a DOI cut at a line break on a cover page)."""
    found = [c for c in candidates if c]
    if not found:
        return None
    best = found[0]
    for c in found[1:]:
        if c.startswith(best) and len(c) > len(best):
            best = c
    return best


def _family_first(text: str) -> tuple[Author, ...]:
    """"Yrjana, H & Smith, JA" → authors (repository citation style)."""
    out = []
    for chunk in re.split(r"\s*&\s*|\s+and\s+|;\s*", text.strip()):
        fam, _, given = chunk.partition(",")
        if fam.strip() and given.strip():
            out.append(Author(family=_clean(fam), given=_clean(given)))
    return tuple(out)


def _year_fallback(text: str) -> Optional[int]:
    for pat in (r"published(?: online)?:\s*(?:\d+\s+)?\w*\s*" + _YEAR, r"©\s*(?:\w+\s+)?" + _YEAR, r"copyright\s*(?:©)?\s*" + _YEAR, r"published online:?\s*(?:\d+\s+)?\w*\s*"
                + _YEAR, r"\b" + _YEAR + r"\b\s*(?:the author|elsevier|springer|sage)"):
        m = re.search(pat, text, re.I)
        if m:
            return int(m.group(1))
    dates = re.findall(r"(?:received|accepted|revised)[^;.]{0,40}?\b" + _YEAR, text, re.I)
    if dates:
        return max(int(y) for y in dates)
    return None


_KW_LABEL = re.compile(r"^\s*(?:keywords|key words|keyword|index terms|k e y w o r d s)\s*[:.—–-]?\s*", re.I)


def split_keywords(text: str) -> tuple[str, ...]:
    """"Keywords: a; b; c" → ("a", "b", "c")."""
    text = _KW_LABEL.sub("", " ".join(text.split()))
    text = text.replace("(cid:1)", ";").replace("·", ";").replace("•", ";").replace("|", ";")
    sep = ";" if ";" in text else ","
    out = [k.strip(" .;,") for k in text.split(sep)]
    # Keywords are short; longer items are abstract text interleaved by the layout.
    return tuple(k for k in out if k and len(k) < 80 and len(k.split()) <= 6)


def extract_metadata(pages: Sequence[LaidOutPage], structure: Structure, pdf_metadata: dict,
                     *, path: str = "") -> Metadata:
    """Header metadata of one document (every field may be missing)."""
    meta = {str(k).lower(): str(v) for k, v in (pdf_metadata or {}).items() if v}
    cover_pages = [p for p in pages[:2] if _is_cover_page(p)]
    content = [p for p in pages if p not in cover_pages and any(b.kind != "cover" for b in p.blocks)]
    cover_text = " ".join(b.text for p in cover_pages for b in p.blocks)
    cover_text += " " + " ".join(b.text for p in content[:1] for b in p.blocks if b.kind == "cover")
    cover = parse_cover(cover_text) if cover_text.strip() else CoverInfo()
    nih = _NIH.search(" ".join(" ".join(b.text for b in p.blocks) for p in content[:1]))
    if nih and not cover.year:
        # PubMed Central author manuscripts cite the final version on page 1.
        cover = replace(cover, year=int(nih.group("year")), journal=_clean(nih.group("journal")),
                        volume=nih.group("vol"), issue=nih.group("issue"), pages=nih.group("pages"))
    header = _header_info(content)
    body = structure.body_size

    title, title_i = _title_from_layout(content[0], body) if content else (None, -1)
    pdf_title = meta.get("title", "").strip()
    if cover.title:
        title = cover.title
    elif pdf_title and _sane_pdf_title(pdf_title):
        from rapidfuzz import fuzz

        squash = re.compile(r"[\W_]+")
        same = title and squash.sub("", title.lower()) == squash.sub("", pdf_title.lower())
        if not title or (not same and fuzz.token_sort_ratio(pdf_title.lower(), title.lower()) >= 80):
            log.debug("%s: title from PDF Info (%r) rather than the page (%r)", path, pdf_title, title)
            title = pdf_title  # the clean form of a title the page shows garbled or cut
    authors = cover.authors or (_authors_near_title(content[0], title_i) if content and title_i >= 0 else ())
    if content and not cover.authors:
        authors = _strip_glued_markers(authors, content[0])
    if not authors and meta.get("author"):
        authors = parse_author_line(meta["author"].replace(";", ","))
    affiliations = _affiliations(content[0], title_i) if content and title_i >= 0 else ()

    first_text = " ".join(b.text for p in content[:2] for b in p.blocks)
    doi = _best_doi([normalise_doi(meta.get("doi")), cover.doi,
                     find_doi(" ".join(b.text for p in content[:1] for b in p.blocks)),
                     normalise_doi(meta.get("subject")), normalise_doi(meta.get("title")), find_doi(first_text)])
    subject = _subject_info(meta.get("subject", ""))
    for key, val in subject.items():
        header.setdefault(key, val)
    year = (cover.year or (int(header["year"]) if header.get("year") else None)
            or (_date_line_year(content[0]) if content else None) or _year_fallback(cover_text + " " + first_text)
            or _pdf_date_year(meta))
    abstract = _abstract(structure)
    kw_sec = structure.section_of_kind("keywords")
    keywords = split_keywords(kw_sec.text) if kw_sec and kw_sec.text.strip() else ()
    if not keywords:
        m = re.search(r"(?:Keywords|KEYWORDS|Key words|Index Terms)\s*[:.—]?\s*([^\n]{3,300})", structure.text[:20000])
        if m:
            keywords = split_keywords(m.group(1).split("\n\n")[0])
    if not keywords and meta.get("keywords"):
        keywords = split_keywords(meta["keywords"])
    return Metadata(title=title or None, authors=tuple(authors), affiliations=tuple(affiliations), year=year,
                    journal=cover.journal or header.get("journal"), volume=cover.volume or header.get("volume"),
                    issue=cover.issue or header.get("issue"), pages=cover.pages or header.get("pages"), doi=doi,
                    keywords=keywords, abstract=abstract)


def _authors_near_title(page: LaidOutPage, title_i: int) -> tuple[Author, ...]:
    found = _authors_after_title(page, title_i)
    if found:
        return found
    # Some layouts print the authors above the title.
    start = max(0, title_i - 5)
    before = [b for b in page.blocks[start:title_i] if b.size > 0]
    for k in range(len(before)):
        names = parse_author_line(" ".join(b.text for b in before[k:]) if len(before) - k <= 2 else before[k].text)
        if names:
            return names
    return ()


def _authors_after_title(page: LaidOutPage, title_i: int) -> tuple[Author, ...]:
    for b in page.blocks[title_i + 1:title_i + 8]:
        text = re.sub(r"^(?:prepared by|written by|by)\s*:?\s*", "", b.text.strip(), flags=re.I)
        if len(text) <= 3 or re.fullmatch(r"[\W\da-z,]+", text):
            continue  # stray superscript markers
        if looks_like_affiliation(text) or text.lower().startswith(("abstract", "keywords", "a b s t r a c t")):
            if looks_like_affiliation(text) and not text.lower().startswith(("abstract", "keywords")):
                # "P F Fisher, M Langford Midlands Regional Research Laboratory…": names before the affiliation.
                names = parse_author_line(text)
                if names:
                    return names
            break
        names = parse_author_line(text)
        if names:
            return names
    return ()


def _affiliations(page: LaidOutPage, title_i: int) -> tuple[str, ...]:
    out = []
    for b in page.blocks[title_i + 1:title_i + 10]:
        if looks_like_affiliation(b.text) and len(b.text) < 400:
            out.append(_clean(re.sub(r"^[a-z\d*†‡]{1,2}\s+", "", b.text)))
    return tuple(out)


def _abstract(structure: Structure) -> Optional[str]:
    sec = structure.section_of_kind("abstract")
    if sec and len(sec.text) > 100:
        return sec.text.split("\n\n")[0] if len(sec.text.split("\n\n")[0]) > 100 else sec.text
    for p in structure.paragraphs:
        if p.kind == "front" and re.match(r"^\s*abstract\b", p.text, re.I):
            return re.sub(r"^\s*abstract\s*[:.—–-]?\s*", "", p.text, flags=re.I) or None
    fronts = [p.text for p in structure.paragraphs if p.kind == "front" and len(p.text) > 300]
    if fronts:
        return max(fronts, key=len)
    return None


_AFFIL = re.compile(r"universit|department|dept\.|institut|school of|centre|center|laborator|college|faculty|"
                    r"research|@|\bstreet\b|\broad\b|\bP\.?O\. box|ministry|agency|academy|\bUSA\b|\bUK\b|bureau",
                    re.I)
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "des", "di", "du", "da", "dos", "das", "le", "la",
              "ter", "ten", "zu", "vom", "af", "al", "el", "bin", "ibn", "st", "st."}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ](?:[\w'’\-.]*[\w.])?|[A-Z]\.(?:-?[A-Z]\.)*)$")
_NOT_NAME = re.compile(r"\b(?:abstract|keywords|introduction|article|journal|review|received|the|of|for|in|on|with|"
                       r"by|from|to|is|are|this|paper|study|cid|guide|report|data|release|edition|version|volume|chapter|prepared|"
                       r"university|department)\b", re.I)


def looks_like_affiliation(text: str) -> bool:
    """Whether a header line is an affiliation/address rather than names."""
    return bool(_AFFIL.search(text))


def _title_case(token: str) -> str:
    if token.isupper() and len(token.rstrip(".")) > 1:
        return "-".join(p.capitalize() for p in token.split("-"))
    return token


def _person(part: str) -> Optional[Author]:
    tokens = [t.strip(",;") for t in part.split()]
    # Affiliation markers and stray superscripts: "a,b", "1", "*".
    tokens = [t for t in tokens if t and not re.fullmatch(r"[a-h\d*†‡§¶,]{1,4}", t)]
    if not 2 <= len(tokens) <= 5 or _NOT_NAME.search(" ".join(tokens)):
        return None
    if not all(_NAME_TOKEN.match(t) or t.lower() in _PARTICLES for t in tokens):
        return None
    tokens = [_title_case(t) for t in tokens]
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:
        i -= 1  # "Ludwig van der Meer" → family "van der Meer"
    family = " ".join(tokens[i:])
    if len(family.rstrip(".")) < 2 or family.endswith("."):
        return None
    return Author(family=family, given=" ".join(tokens[:i]) or None)


def parse_author_line(text: str) -> tuple[Author, ...]:
    """Names from a header author line ("Robert G. Cromley, Jie Lin & David A. Merwin")."""
    t = re.sub(r"\S+@\S+|https?://\S+|\(cid:\d+\)|orcid\S*|\d{4}-\d{4}-\d{4}-\d{3}[\dX]", " ", text, flags=re.I)
    t = re.sub(r"[*∗†‡§¶⇑✉☆•]|\(\s*\)", " ", t)
    t = re.sub(r"(?<=[a-zà-ÿ])\d+(?:,\d+)*\b|(?<=[a-zà-ÿ])[a-h](?:,[a-h])+\b", " ", t)  # "Wu1,2", "Lia,b"
    t = t.replace(" Æ ", ", ").replace("·", ",")
    aff = _AFFIL.search(t)
    if aff and aff.start() > 0:
        t = re.sub(r"(?:\s+[A-Z][a-z]+){0,2}\s*$", "", t[: aff.start()]) if aff.group(0).lower() in (
            "research", "laborator") else t[: aff.start()]
    words = t.split()
    if len(words) == 2 or (len(words) >= 2 and "," in t and t.count(",") == 1):
        fam, _, given = t.partition(",")
        if given and len(fam.split()) == 1 and 1 <= len(given.split()) <= 3 and not _AFFIL.search(t):
            # "Yrjana, Hanna" (repository covers): family first.
            person = _person(f"{given} {fam}")
            return (person,) if person else ()
    parts = re.split(r",|;|\s&\s|\sand\s|\sAND\s", t)
    out: list[Author] = []
    for part in parts:
        if not part.strip():
            continue
        person = _person(part)
        words = part.split()
        if len(words) in (4, 6, 8) and all(len(w) > 2 and w[0].isupper() and w.lower() not in _PARTICLES
                                           for w in words) and not re.search(r",|\band\b|&", t):
            # "Robin Flowerdew Mick Green Evangelos Kehris": names without separators.
            pairs = [_person(" ".join(words[k:k + 2])) for k in range(0, len(words), 2)]
            if all(pairs):
                out.extend(p for p in pairs if p)
                continue
        if person is None:
            if out:
                break  # names end where the affiliation begins
            return ()
        out.append(person)
    return tuple(out)
