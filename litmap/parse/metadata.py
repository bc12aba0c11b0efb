"""Header metadata (title, authors, year, DOI, …) from the first pages.

Sources, most trusted first: a publisher/repository cover page's citation
line (Taylor & Francis "To cite this article: …", JSTOR "Author(s): …
Source: …", ResearchGate "Article in …"), the journal header line of the
first content page ("Political Geography 112 (2024) 103131"), the layout of
the first content page (largest type = title, the lines under it =
authors), and the PDF's Info/XMP fields as a cross-check and fallback.

This module finds the title, keywords and abstract and combines the
sources; cover-page citation lines are read in
:mod:`litmap.parse.metadata_cover`, mastheads and dates in
:mod:`litmap.parse.metadata_masthead`, author lines in
:mod:`litmap.parse.metadata_authors` (public names re-exported here).
"""

from __future__ import annotations

import logging
import re
from datetime import date
from dataclasses import replace
from typing import Optional, Sequence

from litmap.read.layout.pages import FURNITURE_KINDS, LaidOutPage
from litmap.models import Author, Metadata
from litmap.parse.headings import NUMBERING, looks_like_section_heading
from litmap.parse.metadata_authors import (
    affiliations_after_title,
    author_like,
    authors_near_title,
    clean_field,
    looks_like_affiliation,
    looks_like_institution,
    mostly_names,
    parse_author_line,
    strip_glued_markers,
)
from litmap.parse.metadata_cover import (
    NIH_CITATION,
    cite_as_doi,
    find_doi,
    is_cover_page,
    jstor_source_block,
    parse_cover,
)
from litmap.parse.metadata_masthead import (
    date_line_year,
    date_line_year_of,
    is_date_line,
    header_info,
    journal_names,
    norm_key,
    pdf_date_year,
    subject_info,
    year_fallback,
)
from litmap.parse.metadata_glued import join_split_words, split_glued_title
from litmap.parse.metadata_locator import folio_range, locator_for
from litmap.parse.metadata_venue import venue_from_subject, venue_lines, venue_on_page, year_in_line
from litmap.parse.metadata_text import (TEXT_HEAD_KEY, arxiv_stamp_year, genre_line_year, names_after_title,
                                       strip_line_markers, text_header, trim_at_name_line, volume_line_year)
from litmap.parse.metadata_title import (citation_as_title, clean_journal, sane_title, tidy_title, without_note_mark, title_from_capitals,
                                         title_from_cite_line)
from litmap.parse.names import normalise_doi
from litmap.parse.structure import Structure

__all__ = ["extract_metadata", "parse_cover", "find_doi", "split_keywords", "parse_author_line",
           "looks_like_affiliation"]


log = logging.getLogger(__name__)


# Lines on a first page that are never the title.
_NOT_TITLE = re.compile(
    r"contents lists available|journal homepage|www\.|https?://|doi|issn|©|copyright|received|accepted|"
    r"published online|^research article$|^original article$|^articles?$|^review$|^editorial$|elsevier|"
    r"all rights reserved|creative commons|open access|downloaded|vol\.|volume \d|pp\.|^\W*$|e-mail|"
    r"discussion paper|available online|sciencedirect|^check for updates$|springer|taylor & francis|public access|"
    r"author manuscript|^\W*(?:research )?articles?\W*$|^(?:chapter|part)\s+(?:\d+|[IVXLC]+)\.?$",
    re.I,
)


def _web_title(t: str) -> str:
    """A web page's title without its site name: "Asking Survey … | Survey Methods: Insights from the Field"."""
    return re.sub(r"\s+\|\s+[^|]{3,80}$", "", t) if " | " in t else t


def _sane_pdf_title(t: str) -> bool:
    t = t.strip()
    if len(t.split()) < 3 or len(t) > 300:
        return False
    bad = re.compile(r"microsoft word|\.docx?\b|\.pdf\b|\.fm\b|\.mdi\b|^pii|^doi|untitled|\\|/|\.\.|^\W|^[\w\-]+\d{3,}",
                     re.I)
    return not bad.search(t) and sum(c.isalpha() for c in t) > 0.7 * len(t.replace(" ", ""))


def _whole_clean_title(title: str, info: str) -> bool:
    """The page's title is as long as the Info title and reads cleanly (a spelling or punctuation
    variant, "Hanover" / "Hannover."): the page, which the reader sees, wins."""
    words = len(title.split())
    if abs(words - len(info.split())) > 1 or len(title) < 0.95 * len(info.rstrip(". ")):
        return False
    return not re.search(r"[\x00-\x1f\ufffd]|\(cid:|\b\w \w \w\b|\w-\s\w", title)


#: Blocks that never hold the title: page furniture, footnotes, captions.
_NOT_TITLE_KINDS = FURNITURE_KINDS | {"footnote", "caption"}


def _heading_not_title(text: str) -> bool:
    """A section heading, so no title: numbered, or a known name in a short line. A long line that opens
    with a heading's word is a title ("Supplementary Material for A re-evaluation of the model selection
    procedure in Pollet & Nettle (2009)")."""
    return looks_like_section_heading(text) and (len(text.split()) <= 8 or bool(NUMBERING.match(text.strip())))


def _title_from_layout(page: LaidOutPage, body: float) -> tuple[Optional[str], int]:
    """Largest type in the upper part of the page → (title, index of its last block)."""
    cands = [(i, b) for i, b in enumerate(page.blocks)
             if b.kind not in _NOT_TITLE_KINDS
             and b.top < page.height * 0.6 and len(b.text) >= 3 and not _NOT_TITLE.search(b.text)
             and sum(c.isalpha() for c in b.text) >= 0.6 * len(b.text.replace(" ", ""))]
    journal_like = journal_names(page)
    cands = [(i, b) for i, b in cands if norm_key(b.text) not in journal_like and not norm_key(b.text).startswith("abstract")
             and not _heading_not_title(b.text)]
    if not cands:
        return None, -1
    # An article-type label ("RESEARCH", "REFLECTION") or the journal's name over its issue line, set in the
    # page's largest type above the real title: the title is what follows in smaller type.
    cands = [(i, b) for i, b in cands if not _type_label(page, i) and not _journal_in_large_type(page, i)
             and not _names_over_title(page, i)] or cands
    top_size = max(b.size for _, b in cands)
    if body and top_size < body + 0.5:
        # Nothing larger than body text (plain text, or a plain layout):
        # the first short line without final punctuation.
        # the first short line among the page's first blocks, before any section heading.
        first_heading = next((i for i, b in enumerate(page.blocks) if looks_like_section_heading(b.text)),
                             len(page.blocks))
        for i, b in cands:
            # Masthead lines of text extractions ("Urban Studies" / "2016, Vol. 53(3) 615–625" / "Reprints
            # and permissions:") do not use up the few first blocks where a plain title may stand.
            if i >= first_heading or sum(not _masthead_block(page, k) for k in range(i)) >= 3:
                break
            nxt = page.blocks[i + 1].text if i + 1 < len(page.blocks) else ""
            if _masthead_block(page, i) or (_names_line(b.text) and looks_like_affiliation(nxt)):
                continue  # masthead, or the author's name above the affiliation
            if b.size < body - 1.5:
                continue  # well under the text's size: an abstract or a note beside the title, never the title
            words = b.text.split()
            # A longer block may be a title glued to its author and affiliation lines (text extractions);
            # sane_title cuts it there, and rejects it when it is a paragraph.
            if (2 <= len(words) <= (25 if sane_title(b.text) is None else 60)
                    and not b.text.rstrip().endswith((".", ",", "-")) and not _LABEL.match(b.text)
                    and not b.text.lstrip()[:1].islower() and not (author_like(b.text, "x") and _names_line(b.text))):
                title, last = _continued_title(page, i)
                squashed = re.sub(r"[\W_]+", "", title.lower())
                if len(squashed) <= 45 and any(squashed in re.sub(r"[\W_]+", "", o.text.lower())
                                               for o in page.blocks[:12] if _NOT_TITLE.search(o.text)):
                    continue  # the journal's name, also printed in the DOI/copyright line
                return title, last
        return None, -1
    chosen = [(i, b) for i, b in cands if abs(b.size - top_size) <= 0.15]
    for _ in range(2):
        if not _interleaved_masthead(page, chosen):
            break
        # "FORUM: QUALITATIVE" / "Volume 13, No. 3" / "SOCIAL RESEARCH" / "September 2012": a journal's name
        # set in the largest type between its issue lines, not the title.
        cands = [(i, b) for i, b in cands if (i, b) not in chosen]
        if not cands:
            return None, -1
        top_size = max(b.size for _, b in cands)
        chosen = [(i, b) for i, b in cands if abs(b.size - top_size) <= 0.15]
    while len(chosen) >= 2 and re.search(r"[*∗†‡]\W*$", chosen[0][1].text) and author_like(chosen[0][1].text, ""):
        chosen = chosen[1:]  # the authors set above the title in its type ("Carola Frege *")
    first_i, first_b = chosen[0]
    parts, last_i, last_b = [first_b.text], first_i, first_b
    for i, b in chosen[1:]:
        so_far = " ".join(parts)
        if author_like(b.text, so_far) or (b.bold != first_b.bold and parse_author_line(b.text)):
            break
        if so_far.rstrip().endswith(("?", "!")) and parse_author_line(b.text):
            break  # "… Countries in the North?" / "Julia Preece"
        if b.top - last_b.bottom > 2.5 * max(b.size, 1) or i - last_i > 3 or len(b.text) <= 2:
            if len(b.text) <= 2:
                continue
            break
        parts.append(b.text)
        last_i, last_b = i, b
    title = clean_field(" ".join(parts))
    if re.match(r"^\d{1,3}\s", title) and re.search(r"\s\d{1,3}\s", title):
        title = clean_field(re.sub(r"(?:^|\s)\d{1,3}(?=\s)", " ", title))  # line-numbered drafts
    title = _without_note_mark(title, page, range(first_i, last_i + 1))
    if title.isupper():
        title = re.sub(r"(?<=[A-Z])\s[1-9]$", "", title)  # "… FOR STOCK RETURNS 1"
    title, last_i = _with_subtitle(page, title, last_i, body, top_size)
    return title, last_i


def _without_note_mark(title: str, page: LaidOutPage, title_blocks: range) -> str:
    """``title`` without a footnote mark after its last word ("… An Intergenerational Approach 1"), unless the
    word with its digit is a name the page prints elsewhere too ("Fitting … Models Using lme4": "lme4" again in the
    abstract)."""
    m = re.search(r"(?<=[a-z])(\s?)([1-9])$", title)
    if not m:
        return title
    if not m.group(1):
        word = re.search(r"[\w.-]+$", title).group(0)  # type: ignore[union-attr]
        if any(re.search(rf"(?<![\w.-]){re.escape(word)}(?![\w-])", b.text)
               for k, b in enumerate(page.blocks) if k not in title_blocks):
            return title
    return title[: m.start()]


_CHAPTER_LINE = re.compile(r"^(?:chapter\s+)?\d{1,3}\.?\s+(?P<title>[A-Z‘'\"“].{2,150})$", re.I)


def chapter_heading(page: LaidOutPage, body: float) -> tuple[Optional[str], tuple[Author, ...]]:
    """A chapter's numbered title and its author(s) set under it: "15. New-build gentrification" /
    "Mark Davidson" (the number left out), or (None, ()) when the page opens no chapter."""
    big = [(i, b) for i, b in enumerate(page.blocks) if b.kind not in _NOT_TITLE_KINDS and b.size >= body + 1]
    for i, b in sorted(big, key=lambda ib: -ib[1].size)[:3]:
        lines = [clean_field(x) for x in (b.lines or (b.text,)) if clean_field(x)]
        m = _CHAPTER_LINE.match(lines[0]) if lines else None
        if not m or re.match(r"^\d+\.\d", lines[0]):
            continue  # "15.1 INTRODUCTION" is a section
        rest = " ".join(lines[1:]) or (page.blocks[i + 1].text if i + 1 < len(page.blocks) else "")
        authors = parse_author_line(rest)
        title = sane_title(m.group("title"))
        if authors and title:
            return title, authors
    return None, ()


def _interleaved_masthead(page: LaidOutPage, chosen: list) -> bool:
    """Short blocks in the largest type with issue/date lines between them: a journal's masthead."""
    idx = [i for i, _ in chosen[:4]]
    if len(idx) < 2 or any(len(b.text.split()) > 4 and len(b.text.replace(" ", "")) > 24 for _, b in chosen[:4]):
        # (letter-spaced names, "S O C IAL RES EARCH", count by their letters)
        return False
    return any(k not in idx and (_masthead_block(page, k) or is_date_line(page.blocks[k].text))
               for k in range(idx[0] + 1, idx[-1]))


_LETTERS_ONLY = re.compile(r"[^A-Za-zÀ-ÖØ-öø-ÿ]+")
#: An issue line under a journal's name: "January 2007, Volume 18, Issue 3.", "Vol 12(1): 133–135".
_ISSUE_LINE = re.compile(r"\bvol(?:ume|\.)?\s*\d|\bissue\s*\d|\bno\.\s*\d|\b\d{1,4}\s*\(\d{1,3}\)\s*[:,]", re.I)


def _type_label(page: LaidOutPage, i: int) -> bool:
    """One word in capitals ("RESEARCH", "REFLECTIION", "EDITORIAL") set above a longer title-like
    line in the next blocks: the article's type, not its title (a one-word title has its authors next)."""
    text = page.blocks[i].text.strip()
    letters = _LETTERS_ONLY.sub("", text)
    if len(text.split()) != 1 or not 4 <= len(letters) <= 20 or not letters.isupper():
        return False
    for b in page.blocks[i + 1:i + 4]:
        t = clean_field(b.text)
        if parse_author_line(t):
            return False  # the title's authors come next
        if (3 <= len(t.split()) <= 30 and t[:1].isupper() and not t.endswith(".") and not _NOT_TITLE.search(t)
                and not _LABEL.match(t) and not looks_like_affiliation(t)):
            return True
    return False


def _names_line(text: str) -> bool:
    """A line read as names; in capitals only when names make most of its words (a title in capitals
    whose first words parse as a name, "INTERGENERATIONAL SUPPORT AND …", is no author line)."""
    return mostly_names(text) if text.isupper() else bool(parse_author_line(text))


def _names_over_title(page: LaidOutPage, i: int) -> bool:
    """Two or more names set above the title in larger type ("Irina Busygina Mikhail Filippov" over
    "NORTHERN DIMENSION: PARTICIPANT STRATEGIES"): marked as names by separators or initials, or
    printed again as the running head ("Irina Busygina, Mikhail Filippov")."""
    text = clean_field(page.blocks[i].text)
    names = parse_author_line(text)
    if len(names) < 2 or not re.sub(r"[\W\d_]+$", "", text).endswith(names[-1].family):
        return False  # every part a name, to the line's end ("Health Shocks, Job Quality, and …" is a title)
    nxt_b = next((b for b in page.blocks[i + 1:i + 3] if len(b.text.strip()) > 2), None)
    # (the next block's first line: a name over its affiliation and e-mail in one block)
    nxt = clean_field(nxt_b.lines[0] if nxt_b is not None and nxt_b.lines else nxt_b.text if nxt_b else "")
    if nxt and len(nxt.split()) <= 12 and _names_line(nxt) and not looks_like_affiliation(nxt):
        # The authors follow in smaller type ("Censored Quantile Regression Redux" / "Roger Koenker"): four
        # capitalised words read as two names are the title they are under, not names over it.
        return False
    squash = re.sub(r"[\W\d_]+", "", text.lower())
    return author_like(text, "") or any(re.sub(r"[\W\d_]+", "", f.lower()) == squash for f in page.furniture)


def _journal_in_large_type(page: LaidOutPage, i: int) -> bool:
    """A short block that is the journal's name: its issue line follows it ("Journal of Statistical
    Software" / "January 2007, Volume 18, Issue 3."), or the page cites it with volume numbers
    ("Africa Spectrum" / "…, in: Africa Spectrum, 49, 2, 53-77")."""
    b = page.blocks[i]
    name = clean_field(b.text)
    if not 1 <= len(name.split()) <= 6 or name.endswith(("?", "!", ":")):
        return False
    if any(abs(o.size - b.size) <= 0.15 for o in page.blocks[i + 1:i + 4]):
        return False  # a name over several lines between its issue lines: see _interleaved_masthead
    nxt = next((o for o in page.blocks[i + 1:i + 3] if len(o.text.strip()) > 2), None)
    if nxt is not None and _ISSUE_LINE.search(nxt.text) and len(nxt.text) < 80 and nxt.size < b.size:
        return True
    cited = re.compile(re.escape(name) + r"\s*[,:]?\s*(?:vol\.?\s*)?\d{1,4}\s*(?:[,/(]\s*\d|:\s*\d)", re.I)
    return any(cited.search(o.text) for k, o in enumerate(page.blocks) if k != i)


def _affiliation_line(text: str, after: str) -> bool:
    """An affiliation rather than a subtitle: an institution's name ("Vrije Universiteit Amsterdam",
    "Department of Geography"), unless the author line follows it (a subtitle stands between the title
    and its authors; "Academics' life in the globally wired university" is a subtitle)."""
    if not looks_like_affiliation(text) or text.rstrip().endswith("?"):
        return False
    if parse_author_line(after) and not looks_like_affiliation(after):
        return False
    return looks_like_institution(text)



def _with_subtitle(page: LaidOutPage, title: str, last_i: int, body: float, top_size: float) -> tuple[str, int]:
    """The title with the subtitle set under it in smaller type than the title, larger than the text
    ("The Two Futures of Governing" / "Decentering and Recentering Processes in Governing")."""
    nxt = next(((k, b) for k, b in enumerate(page.blocks[last_i + 1:last_i + 3], start=last_i + 1)
                if len(b.text.strip()) > 2), None)
    if nxt is None or not body:
        return title, last_i
    k, b = nxt
    text = clean_field(b.text)
    words = text.split()
    if not (body + 1.9 <= b.size < top_size - 0.15) or b.kind in _NOT_TITLE_KINDS or not 1 <= len(words) <= 20:
        return title, last_i
    after = page.blocks[k + 1].text if k + 1 < len(page.blocks) else ""
    if (_NOT_TITLE.search(text) or _LABEL.match(text) or parse_author_line(text) or author_like(text, title)
            or _affiliation_line(text, after) or looks_like_section_heading(text) or text.endswith((".", ","))
            or date_line_year_of(text) is not None  # "January 12, 2021" set in the subtitle's size
            or text[:1].islower() or sane_title(f"{title} {text}") is None):
        return title, last_i
    title = without_note_mark(title)  # "Support Vector Machines ∗" / "The Interface to libsvm …"
    sep = " " if title.endswith((":", "?", ".", "!", "—", "–", "-")) else ": "
    return title + sep + re.sub(r"(?<=[a-z])\s?[1-9]$", "", text), k


_VOLUME_LINE = re.compile(r"\bvol\.?\s*\d|^\W*(?:19|20)\d{2}\b.*\d+\s*[–-]\s*\d+|journal limited|permissions|©|/C211",
                          re.I)


def _masthead_block(page: LaidOutPage, i: int) -> bool:
    """A journal masthead line, or the journal's name printed above its volume line."""
    t = page.blocks[i].text
    if _NOT_TITLE.search(t) or _LABEL.match(t) or _VOLUME_LINE.search(t):
        return True
    nxt = page.blocks[i + 1].text if i + 1 < len(page.blocks) else ""
    return len(t.split()) <= 6 and bool(_VOLUME_LINE.search(nxt))


def _continued_title(page: LaidOutPage, i: int) -> tuple[str, int]:
    """The plain-layout title block ``i`` with the lines that continue it.

    Text extracted line by line (no blank lines) splits a title over
    several short blocks ("Unequal Displacement: Gentrification, Racial" /
    "Stratification, and Residential Destinations" / "in Philadelphia1");
    they are joined until the author line, an affiliation or a sentence.
    """
    parts, last = [page.blocks[i].text], i
    if sane_title(parts[0]) not in (None, clean_field(parts[0])):
        return clean_field(parts[0]), i  # already runs into its authors: sane_title cuts it
    first = page.blocks[i]
    j, examined = i, 0
    while examined < 3 and j + 1 < min(i + 7, len(page.blocks)):
        j += 1
        o = page.blocks[j]
        if abs(o.size - first.size) > 0.5 and (o.x0 >= first.x1 or o.x1 <= first.x0):
            continue  # a column beside the title (an abstract set next to it), not its next line
        examined += 1
        t = clean_field(o.text)
        if page.blocks[i].bold and not page.blocks[j].bold and not parts[-1].rstrip().endswith(":"):
            break  # a bold title over its translation in roman type (multilingual title pages)
        words = t.split()
        joined = " ".join(parts + [t])
        if (not 1 <= len(words) <= 12 or t.endswith((".", ";")) or ";" in t or _NOT_TITLE.search(t) or _LABEL.match(t)
                or re.search(r"\b(?:abstract|keywords?)\W*$", t, re.I)
                or looks_like_affiliation(t) or parse_author_line(t) or author_like(t, " ".join(parts))
                or looks_like_section_heading(t) or sane_title(joined) is None or len(joined.split()) > 30):
            break
        parts.append(t)
        last = j
    title = clean_field(" ".join(parts))
    if last > i:
        title = re.sub(r"(?<=[a-z])\d{1,2}$", "", title)  # a footnote mark on the title's last line
    return title, last


_LABEL = re.compile(r"^\s*(?:keywords?|key words|fig(?:ure)?\.?\s*\d|table\s*\d|abstract|summary|citation|reprints|"
                    r"received|research article|original article|special issue|doi|\d)\b|:$", re.I)


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
    text_head = str((pdf_metadata or {}).get(TEXT_HEAD_KEY) or "")
    meta = {str(k).lower(): str(v) for k, v in (pdf_metadata or {}).items() if v and k != TEXT_HEAD_KEY}
    provenance: list[str] = []
    cover_pages = [p for p in pages[:2] if is_cover_page(p)]
    content = [p for p in pages if p not in cover_pages and any(b.kind != "cover" for b in p.blocks)]
    cover_text = " ".join(b.text for p in cover_pages for b in p.blocks)
    cover_text += " " + " ".join(b.text for p in content[:1] for b in p.blocks if b.kind == "cover")
    cover = parse_cover(cover_text) if cover_text.strip() else Metadata()
    if cover_pages and not cover.title:
        # "How to cite this article: Lau C.Q., & McHenry G. (2014). Asking Survey …" on a web page's print-out.
        c_title, c_authors, c_year = title_from_cite_line(cover_text, _web_title(str(meta.get("title") or "")) or None)
        if c_title:
            cover = replace(cover, title=c_title, authors=cover.authors or c_authors, year=cover.year or c_year)
    if cover_pages and not cover.year:
        src = jstor_source_block(cover_pages)
        if src.year:
            # Keep what the citation line gave (DOI); the source block adds journal, volume and year.
            cover = replace(src, doi=cover.doi, title=cover.title or src.title, authors=cover.authors or src.authors)
    nih = NIH_CITATION.search(" ".join(" ".join(b.text for b in p.blocks) for p in content[:1]))
    if nih and not cover.year:
        # PubMed Central author manuscripts cite the final version on page 1.
        cover = replace(cover, year=int(nih.group("year")), journal=clean_field(nih.group("journal")),
                        volume=nih.group("vol"), issue=nih.group("issue"), pages=nih.group("pages"))
    # A text file is one pseudo page: its masthead is among the first blocks, never a reference line
    # ("Science 314(5806):1687") deep in the text.
    # (not a text file's repeated lines: they may be reference fragments, "Vol. 54 (2006), pp. 2699.")
    header = header_info([replace(content[0], blocks=content[0].blocks[:_TEXT_MASTHEAD_BLOCKS], furniture=())]
                         if text_head and content else content)
    body = structure.body_size
    if text_head:
        # A text file's head: its title and author lines read back from "Abstract" (no type sizes to go by),
        # and the layout rules kept to its first blocks, never a heading deep in the body.
        hint = text_header(text_head)
        if hint.title and not cover.title:
            provenance.append("title:text head")
    else:
        hint = Metadata()
    head_page = replace(content[0], blocks=content[0].blocks[:_TEXT_HEAD_BLOCKS]) if text_head and content else None

    title, title_i = _title_from_layout(head_page or content[0], body) if content else (None, -1)
    pdf_title = _web_title(meta.get("title", "").strip())
    if not cover.title and title and (cited := citation_as_title(title)):
        # A library's citation line above a scan is the paper's own reference.
        cover = replace(cover, title=cited.title, authors=cover.authors or cited.authors, year=cover.year or cited.year,
                        journal=cover.journal or cited.container, volume=cover.volume or cited.volume,
                        issue=cover.issue or cited.issue, pages=cover.pages or cited.pages)
    if cover.title:
        title = cover.title
    elif pdf_title and _sane_pdf_title(pdf_title):
        from rapidfuzz import fuzz

        squash = re.compile(r"[\W_]+")
        same = title and squash.sub("", title.lower()) == squash.sub("", pdf_title.lower())
        if not title or (not same and fuzz.token_sort_ratio(pdf_title.lower(), title.lower()) >= 80
                         and not _whole_clean_title(title, pdf_title)):
            log.debug("%s: title from PDF Info (%r) rather than the page (%r)", path, pdf_title, title)
            title = pdf_title  # the clean form of a title the page shows garbled or cut
    cite_title: Optional[str] = None
    cite_authors: tuple[Author, ...] = ()
    cite_year: Optional[int] = None
    if not cover.title and content:
        # "To cite this paper: He, S. (2018) Three waves …" bounds a title that runs on into its authors.
        page_text = " ".join(b.text for b in content[0].blocks[: max(title_i, 0) + 6])
        cite_title, cite_authors, cite_year = title_from_cite_line(page_text, hint.title or title)
        title = cite_title or hint.title or title
    elif not cover.title and hint.title:
        title = hint.title  # a text file whose one page reads as a cover page (history, DOI, licence lines)
    if text_head and title and not hint.title and not cover.title:
        title = trim_at_name_line(title, text_head)  # a text block's title that runs on into its author line
    sane = sane_title(title)
    if title and not sane and pdf_title and _sane_pdf_title(pdf_title):
        sane = sane_title(pdf_title)
    if title != sane:
        log.debug("%s: title %r cut or rejected as %r", path, title, sane)
    # "intheGlobalNorth –Aliterature review": lost spaces put back; "in Engl and": stray ones taken out
    title = join_split_words(split_glued_title(sane, structure.text), structure.text)
    title = tidy_title(title_from_capitals(title, structure.text))  # "EXPANDING FRONTIERS OF …" → "Expanding Frontiers of …"
    review = _book_review(content) if content and not cover.title else None
    if review is not None:
        # A book review: the reviewed book's title marked as reviewed, and the reviewers who sign at the end
        # (the name under the book's title is the book's author, not this text's).
        title, review_authors = review
        cover = replace(cover, authors=review_authors)
        hint = replace(hint, authors=())
        title_i = -1
    chapter_authors: tuple[Author, ...] = ()
    if not title and not cover.title and content:
        # A book chapter: "15. New-build gentrification" / "Mark Davidson" in the page's largest type.
        title, chapter_authors = chapter_heading(content[0], body)
    authors = cover.authors or cite_authors or hint.authors or chapter_authors or (
        authors_near_title(content[0], title_i) if content and title_i >= 0 else ())
    if content and not cover.authors and not cite_authors:
        authors = strip_glued_markers(authors, content[0])
        if text_head:
            authors = strip_line_markers(authors, text_head)  # "Konstantin Krivoruchkoa" over a lone "a" line
    if not authors and text_head and title:
        authors = names_after_title(title, text_head)  # "Information Synthesis …" / "Rui Wang1 and Günter Neumann2"
    if not authors and meta.get("author"):
        # "Neven, Damien J.; Röller, Lars-Hendrik" (repository Info) is read family first as it stands.
        authors = parse_author_line(meta["author"]) or parse_author_line(meta["author"].replace(";", ","))
        authors = _as_printed(authors, " ".join(b.text for p in content[:2] for b in p.blocks[:30]))
    affiliations = affiliations_after_title(content[0], title_i) if content and title_i >= 0 else ()

    # A text file is one pseudo page: its "first pages" are its first blocks, not the whole text (a
    # "© 1983" in a reference list is not the paper's year).
    first_text = " ".join(b.text for p in content[:2] for b in (p.blocks[:_TEXT_MASTHEAD_BLOCKS] if text_head
                                                                else p.blocks))
    doi = _best_doi([normalise_doi(meta.get("doi")), cover.doi,
                     # (a text file's first page is the whole text: a DOI in its reference list is a cited work's)
                     find_doi(" ".join(b.text for p in content[:1]
                                       for b in (p.blocks[:_TEXT_MASTHEAD_BLOCKS] if text_head else p.blocks))),
                     # the first page's foot ("http://dx.doi.org/10.1016/… © 2015 Elsevier"), set aside as furniture
                     find_doi(" ".join(f for p in content[:1] for f in p.furniture)),
                     normalise_doi(meta.get("subject")), normalise_doi(meta.get("title")), find_doi(first_text),
                     cite_as_doi(" ".join(b.text for p in content[:1] for b in p.blocks)) if text_head else None])
    subject = subject_info(meta.get("subject", ""))
    for key, val in subject.items():
        header.setdefault(key, val)
    journal = cover.journal or header.get("journal") or hint.journal
    venue_text = None
    if not journal and (content or cover_pages):
        # A running head, copyright or proceedings line of page one ("Urban Studies 45(12) 2449–2470"), then the
        # PDF's Subject when it is a journal's name; a text file's first lines only, never its reference list.
        found = venue_on_page([*cover_pages, *content[:2]], frozenset(structure.reference_blocks), title,
                              text_head or None)
        if found and clean_journal(found[0]):
            journal, venue_text = found
            provenance.append("journal:printed line")
        elif journal := venue_from_subject(meta.get("subject", "")):
            provenance.append("journal:pdf subject")
    year = (cover.year or cite_year or (volume_line_year(text_head) if text_head else None)
            or (int(header["year"]) if header.get("year") else None)
            or (date_line_year(content[0]) if content else None)
            or (hint.year if text_head else None)  # a text's date line ("September 2012") before any "… 1983)"
            # "Working paper, 2019" under a title (the year a working paper is cited by)
            or (genre_line_year([ln for b in content[0].blocks[:_TEXT_HEAD_BLOCKS] for ln in b.text.split("\n")])
                if content else None)
            or (arxiv_stamp_year(text_head) if text_head else None)
            or year_fallback(cover_text + " " + first_text,
                             year_in_line(venue_text, date.today().year + 1) if venue_text else None)
            or _footer_citation_year(
                [replace(content[0], blocks=content[0].blocks[:_TEXT_MASTHEAD_BLOCKS])] if text_head and content
                else content[:2]) or _please_cite_year(first_text) or hint.year
            or _self_citation_year(cover_text + " " + first_text, title))
    if year is None and venue_text and (year := year_in_line(venue_text, date.today().year + 1)):
        provenance.append("year:venue line")  # "Proceedings of … , pages 84–91 … June 1 - 6, 2018"
    if year is None and (guess := pdf_date_year(meta)):
        # The file's creation date: right for born-digital drafts, wrong for a scan or a re-saved copy.
        # Used only when the cited years do not contradict it, and marked as a guess.
        newest = _newest_cited_year(structure.text)
        # A file citing nothing readable (a scan without OCR, a garbled text layer) gives no evidence that its
        # creation date is the paper's: a scanner's date ("Fisher & Langford 1996" -> 2011) is not guessed.
        if newest is not None and newest <= guess <= newest + _DRAFT_LAG:
            year = guess
            provenance.append("year:pdf-date guess")
        else:
            log.info("%s: no year in the text; the PDF's creation year %d is not used (newest cited year %s)",
                     path, guess, newest)
    abstract = _abstract(structure)
    kw_sec = structure.section_of_kind("keywords")
    keywords = split_keywords(kw_sec.text) if kw_sec and kw_sec.text.strip() else ()
    if not keywords:
        m = re.search(r"(?:Keywords|KEYWORDS|Key words|Index Terms)\s*[:.—]?\s*([^\n]{3,300})", structure.text[:20000])
        if m:
            keywords = split_keywords(m.group(1).split("\n\n")[0])
    if not keywords and meta.get("keywords"):
        keywords = split_keywords(meta["keywords"])
    journal = clean_journal(journal)
    volume, issue, span = (cover.volume or header.get("volume"), cover.issue or header.get("issue"),
                            cover.pages or header.get("pages"))
    if content or cover_pages:
        # The line naming the venue goes on to say where in it the paper sits ("Urban Studies 2016, Vol. 53(3)
        # 455–470").  It is read more fully than the masthead's pattern reads it ("41 (2016) 4, 214-238" is an
        # issue and pages, "100e108" a range): its fields win over the masthead's, and fill what a cover page left
        # out; never from a line giving another volume.
        lines = [*([venue_text] if venue_text else []), *(b.text for p in cover_pages for b in p.blocks),
                 *venue_lines([*cover_pages, *content[:2]], frozenset(structure.reference_blocks), text_head or None)]
        loc = locator_for(lines, journal)
        if loc and (not volume or not loc.volume or loc.volume == volume):
            on_cover = bool(cover.volume or cover.issue or cover.pages)
            new = ((volume or loc.volume, issue or loc.issue, span or loc.pages) if on_cover else
                   (loc.volume or volume, loc.issue or issue, loc.pages or span))
            if new != (volume, issue, span):
                provenance.append("locator:venue line")
            volume, issue, span = new
    if not span and not text_head and (folios := folio_range([p for p in pages if p not in cover_pages])):
        span = folios
        provenance.append("pages:page numbers")
    return Metadata(title=title or None, authors=tuple(authors), affiliations=tuple(affiliations), year=year,
                    journal=journal, volume=volume, issue=issue, pages=span, doi=doi,
                    keywords=keywords, abstract=abstract, provenance=tuple(provenance))


#: A text file's title and authors are looked for among its first blocks only.
_TEXT_HEAD_BLOCKS = 15
#: …and its journal masthead among its first page's worth of blocks.
_TEXT_MASTHEAD_BLOCKS = 40
#: Years a born-digital draft is saved after the newest work it cites, at most.
_DRAFT_LAG = 4
_CITED_YEAR = re.compile(r"(?:\(|,\s|;\s|\s)((?:19[0-9]|20[0-4])\d)[a-z]?(?=\)|[;,.:]\s|\.$)")


_TRANSLIT = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)", "Ae": "(?:Ae|Ä)", "Oe": "(?:Oe|Ö)",
             "Ue": "(?:Ue|Ü)"}


def _as_printed(authors: tuple[Author, ...], text: str) -> tuple[Author, ...]:
    """Info-field names in the spelling the pages print: "Hoenig" (ASCII Info) → "Hönig" (page)."""
    out = []
    for a in authors:
        parts = re.split(r"(ae|oe|ue|ss|Ae|Oe|Ue)", a.family)
        if len(parts) == 1:
            out.append(a)
            continue
        pattern = "".join(_TRANSLIT.get(p, re.escape(p)) for p in parts)
        m = re.search(rf"\b{pattern}\b", text)
        out.append(replace(a, family=m.group(0)) if m else a)
    return tuple(out)


_REVIEW_LABEL = re.compile(r"^\s*(?:book\s+reviews?|reviews?\s+of\s+books|rezension(?:en)?|compte\s+rendu)\s*$", re.I)
_BOOK_LINE = re.compile(r"\bISBN\b|\b\d{2,4}\s*pp\.|\bpp\.\s*\d", re.I)


def _book_review(content: Sequence[LaidOutPage]) -> Optional[tuple[Optional[str], tuple[Author, ...]]]:
    """A book review: a "Book review" label and a book's title over its publication line ("Sarah Franklin.
    Durham, NC, Duke University Press, 2007. 253 pp. ISBN …") on the first page → ("Book review: <book
    title>", the reviewers signing at the end: a name over its affiliation), or None."""
    blocks = content[0].blocks[:8]
    label = next((k for k, b in enumerate(blocks) if _REVIEW_LABEL.match(b.text)), None)
    if label is None:
        return None
    book = next((k for k in range(label + 1, len(blocks) - 1) if _BOOK_LINE.search(blocks[k + 1].text)
                 and not _BOOK_LINE.search(blocks[k].text)), None)
    if book is None:
        return None
    title = sane_title(blocks[book].text)
    lines = [ln for b in content[-1].blocks[-8:] for ln in (b.lines or (b.text,))]
    reviewers: list[Author] = []
    for ln, nxt in zip(lines, lines[1:]):
        if len(ln.split()) <= 4 and mostly_names(ln) and looks_like_affiliation(nxt) and not looks_like_affiliation(ln):
            reviewers.extend(parse_author_line(ln))
    return (f"Book review: {title}" if title else None), tuple(reviewers)


def _newest_cited_year(text: str) -> Optional[int]:
    """The newest year the text cites ("(Smith, 1995)", "Urban Studies 32 (1995)."); None if it cites fewer than 3.
    Years after this one are plans and projections ("Amsterdam 2040"), not citations."""
    import datetime

    now = datetime.date.today().year
    years = sorted(y for y in map(int, _CITED_YEAR.findall(text)) if y <= now)
    return years[-1] if len(years) >= 3 else None


_PLEASE_CITE = re.compile(r"please cite this (?:article|paper)(?: in press)? as:?.{0,400}?\((?P<year>(?:19|20)\d\d)\)",
                          re.I | re.S)


def _please_cite_year(text: str) -> Optional[int]:
    """Elsevier author versions: "Please cite this article as: Savini, F., …, Cities (2016), http://…"."""
    m = _PLEASE_CITE.search(text)
    return int(m.group("year")) if m else None


_FOOTER_CITATION = re.compile(r"^(?P<journal>[A-Z][A-Za-z&.,:\s]+?),?\s+Vol\.?\s*\d+,?\s*(?:No\.?\s*\w+,?\s*)?"
                              r"(?:\w+\.?\s+)?(?P<year>(?:19|20)\d\d),?\s*(?:pp\.?\s*)?\d+\s*[–-]\s*\d+\s*$"
                              # German volume lines: "Industrielle Beziehungen, 4. Jg., Heft 3, 1997"
                              r"|^(?P<journal2>[A-Z][\w&.,:\s]+?),?\s+\d+\.\s*Jg\.,?\s*(?:Heft\s*[\d‒–/-]+\s*[,/]\s*)?"
                              r"(?P<year2>(?:19|20)\d\d)\b")


def _footer_citation_year(pages: Sequence[LaidOutPage]) -> Optional[int]:
    """A journal's citation line at the foot of the first page
    ("Cartography and Geographic Information Science, Vol. 37, No. 3, 2010, pp. 215-228")."""
    for page in pages:
        for line in [*page.furniture, *(b.text for b in page.blocks)]:
            m = _FOOTER_CITATION.match(clean_field(line)) if len(line) < 160 else None
            if m:
                return int(m.group("year") or m.group("year2"))
    return None


def _self_citation_year(text: str, title: Optional[str]) -> Optional[int]:
    """The year of the paper's own citation line: "Marinana Andrade e Barros 2010, “Outlooks for …”"."""
    if not title or len(title) < 15:
        return None
    head = re.escape(title[:20].lower())
    m = re.search(r"\b((?:19|20)\d\d)[a-z]?\)?[,.:]?\s*[“\"‘']?" + head, text.lower())
    return int(m.group(1)) if m else None


#: Longer than this, an "abstract" has run on into the paper (a text export whose lines hold whole pages);
#: abstracts of the shared papers run to 3,555 characters, most to about 1,000.
ABSTRACT_MAX = 4000
_INLINE_INTRO = re.compile(r"(?:^|\s)(?:1\.?|I\.)?\s*Introduction\s+(?=[A-Z])")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+(?=[A-Z])")


def _bounded_abstract(text: str) -> str:
    """``text`` cut where the introduction starts inline ("... Egypt . 1 Introduction After fifty years"),
    or at the last sentence end within :data:`ABSTRACT_MAX` characters; shorter text as it is."""
    if len(text) <= ABSTRACT_MAX:
        return text
    intro = _INLINE_INTRO.search(text, 200)
    if intro and intro.start() <= ABSTRACT_MAX:
        return text[:intro.start()].rstrip()
    ends = [m.start() + 1 for m in _SENTENCE_END.finditer(text, 0, ABSTRACT_MAX)]
    return text[:ends[-1]] if ends else text[:ABSTRACT_MAX].rsplit(" ", 1)[0]


def _abstract(structure: Structure) -> Optional[str]:
    found = _abstract_text(structure)
    return _bounded_abstract(found) if found else found


def _abstract_text(structure: Structure) -> Optional[str]:
    sec = structure.section_of_kind("abstract")
    if sec and len(sec.text) > 100:
        return sec.text.split("\n\n")[0] if len(sec.text.split("\n\n")[0]) > 100 else sec.text
    for p in structure.paragraphs:
        if p.kind == "front" and re.match(r"^\s*abstract\b", p.text, re.I):
            return re.sub(r"^\s*abstract\s*[:.—–-]?\s*", "", p.text, flags=re.I) or None
    fronts = [p.text for p in structure.paragraphs if p.kind == "front" and len(p.text) > 300]
    if fronts:
        # The longest unheaded front paragraph, in the body's language: a journal that prints the abstract
        # again in Spanish ("Resumen", longer) after the English one has the English one read.
        body = _function_share(" ".join(p.text for p in structure.paragraphs[:60] if p.kind != "front"))
        same = [t for t in fronts if _function_share(t) >= 0.5 * body]
        return max(same or fronts, key=len)
    return None


_FUNCTION_WORDS = frozenset({"the", "of", "and", "in", "to", "is", "that", "for", "are", "with", "as", "by", "on", "this",
                             "be", "it", "from", "which", "an", "at", "or", "we", "was", "were", "these", "has", "have"})


def _function_share(text: str) -> float:
    """The share of ``text``'s words that are English function words: about 0.4 in English prose, near 0 in
    Spanish, German or a transliterated abstract."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) if words else 0.0
