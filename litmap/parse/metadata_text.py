"""Title and authors from the first lines of a plain-text input.

Text files (pdftotext output, text exports of publisher pages, notes with
"Title:" lines) have no type sizes, so the layout rules of
:mod:`litmap.parse.metadata` cannot tell a title from body text.  What they
do have is the order of a paper's head: labelled lines ("Title: …",
"Authors: …"), or the title, then the author lines (a name, then its
affiliation, or "A and B" on one line), then "Abstract".  The reader keeps
the file's first raw lines (:mod:`litmap.read.textfiles` passes them as the
``litmap:text_head`` hint) and this module reads the head back from the
"Abstract" line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from litmap.models import Author, Metadata
from litmap.parse.metadata_authors import (clean_field, family_first, looks_like_affiliation, mostly_names, names_only,
                                          parse_author_line)
from litmap.parse.metadata_glued import split_glued_names
from litmap.parse.metadata_masthead import date_line_year_of, is_date_line
from litmap.parse.metadata_thesis import thesis_title_page
from litmap.parse.metadata_title import sane_title, without_note_mark
from litmap.parse.names import normalise_title
from litmap.read.repairs.text_furniture import FOLIO
from litmap.read.textfiles import TEXT_HEAD_KEY

__all__ = ["TEXT_HEAD_KEY", "text_header", "trim_at_name_line", "strip_line_markers", "names_after_title",
           "glued_title_tail", "volume_line_year", "close_hyphen_gaps", "ARXIV_STAMP",
           "arxiv_stamp_year", "researchgate_head", "genre_line_year"]

_LABELLED = re.compile(r"^\s*(?P<key>title|authors?|by|journal|source|year|date|published|doi)\s*:\s*(?P<value>\S.*)$",
                       re.I)
_ABSTRACT = re.compile(r"^\s*(?:abstract|a b s t r a c t|summary)\b\s*[:.]?\s*$", re.I)
_MASTHEAD = re.compile(r"©|doi|https?://|www\.|\bvol\.|issn|received|accepted|published|copyright|reprints|"
                       r"permissions|^\s*(?:research|original|review)\s+article\s*$", re.I)
_PROSE_CHARS = 55
_ADDRESS = re.compile(r"\b\d{3,}(?:-\d+)?\b.*,|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s?\d[A-Z]{2}\b|^\(?e-?mail|"
                      r",\s*(?:USA|U\.S\.A\.|UK|England|Scotland|Germany|France|Japan|China|Canada|Australia|Italy|Spain|"
                      r"(?:The\s+)?Netherlands|Sweden|Switzerland|Brazil|India|Finland|Norway|Denmark|Belgium|Austria|Israel|"
                      r"Korea|Taiwan|Singapore|Portugal|Poland|Hungary|Ireland|South Africa|New Zealand|Mexico|Chile|Russia|"
                      r"Czech Republic|Czechia|Slovakia|Slovenia|Croatia|Serbia|Romania|Bulgaria|Greece|Turkey|Ukraine|"
                      r"Estonia|Latvia|Lithuania|Egypt|Nigeria|Kenya|Ghana|Ethiopia|Argentina|Colombia|Peru|Indonesia|"
                      r"Malaysia|Thailand|Vietnam|Philippines|Pakistan|Bangladesh|Iran|Hong Kong|Luxembourg)\.?\)?$")
_ABSTRACT_INLINE = re.compile(r"^\s*(?:abstract|summary)(?:\s*[.:—–-]\s*\S|\s+[A-Z«»\"“])", re.I)
_ARTICLE_INFO = re.compile(r"^\s*(?:a r t i c l e(?:\s+i n f o)?|article\s*info(?:rmation)?)\s*$", re.I)
#: What marks a line as an author line rather than a capitalised title line: separators, initials, markers.
_AUTHOR_MARKS = re.compile(r"[,&;·*∗†‡]|\band\b|\b[A-Z]\.|\d|\bby\b", re.I)
#: Publication-history and copyright lines set between the author lines and the abstract.
_HISTORY = re.compile(r"^\W{0,2}(?:published|received|accepted|revised|available online|first published|©|copyright|"
                      r"paper first received|date of (?:submission|acceptance|publication))|^.{0,50}\b(?:B\.V\.|Ltd|Inc|GmbH|Media|Press|Publishing|Society|Springer|"
                      r"Elsevier|Wiley|SAGE|Taylor\s*&\s*Francis)\W{0,3}(?:19|20)\d\d\W?$", re.I)
_SPACED = re.compile(r"(?:\w\s){4,}\w")
#: A space an export set inside a number ("December 2 015").
_SPACED_DIGITS = re.compile(r"(?<=\d) (?=\d)")
_KEYWORDS_LABEL = re.compile(r"^\W*(?:key\s*words?|index terms|jel(?: classification)?)\b", re.I)
_GLUED_MARK = re.compile(r"(?<=\w)([*∗†‡§¶]+)(?=[A-Za-z])")
#: A body line with an in-text citation ("… South Africa (Gotham, 2001; Harvey, The State and …"): no title line.
_IN_TEXT_CITE = re.compile(r"\([A-Z][\w'’-]+(?: et al\.)?,? (?:19|20)\d\d[a-z]?[;,)]")
#: Lines standing over a title that are none of it: licence and URL fragments ("4.0/).", "creativecommons.org/"),
#: an article-type label, a journal's name set as one lower-case word ("sustainability").
_PRE_TITLE = re.compile(r"[^A-Za-z]*[/()][^A-Za-z]*|(?:research|original|review)?\s*(?:article|paper|communication|letter|"
                        r"editorial)|(?-i:[a-z]{4,})|\S*(?:https?://|www\.|\.org/|\.com/)\S*", re.I)
#: Where a title glued onto a junk line starts: after ": ", "; ", a closing bracket, a URL, an e-mail address, or a
#: sentence's full stop ("… Aardrijkskundig Genootschap.EXPANDING FRONTIERS OF").
_GLUE_START = re.compile(r"[:;]\s+|\)\s*\.?\s*(?=[A-Z])|https?://\S+?(?=[A-Z][a-z])|(?<=[a-z]{2}\.)(?=[A-Z])|"
                         r"@[\w-]+(?:\.[\w-]+)*?\.(?:edu|com|org|net|gov|ac\.[a-z]{2}|[a-z]{2})(?=[A-Z][a-z])")
_LABEL_PREFIX = re.compile(r"^\s*(?:research|original|review)\s+(?:article|paper)\s+", re.I)


def _is_name_line(line: str) -> tuple[Author, ...]:
    line = line.strip()
    if not line or len(line) > 120 or looks_like_affiliation(line) or line.endswith("."):
        return ()
    # A text export that lost its spaces prints "JanKubeša,ZoltánKovácsb,c,*".
    return parse_author_line(line) or parse_author_line(split_glued_names(line))


def text_header(head: str) -> Metadata:
    """Title, authors and a date line's year read from the first raw lines of a text file (fields may be
    missing)."""
    # A note mark glued to the next word ("Courtney Monk†and Francis Teal") stands apart from it.
    lines = [_GLUED_MARK.sub(r"\1 ", ln.rstrip()) for ln in head.split("\n")]
    meta = _text_header(lines)
    if meta.title:
        # "… FOR STOCK RETURNS1": a note mark after a title in capitals; "… EASTERN GERMANY Authors": a label.
        title = re.sub(r"(?<=[A-Z]{2})\d{1,2}$|\s+(?:Authors?|By)\s*:?$", "", close_hyphen_gaps(meta.title))
        meta = replace(meta, title=title)
    if meta.year is None and (year := _date_line_year(lines)):
        meta = replace(meta, year=year)
    return meta


#: A grey-literature genre line with the year: "Working paper, 2019", "Working Paper 2/2008", "Discussion Paper
#: No. 12/2021", "Preprint (2020)", "Research Paper No 123, March 2019"; not a series' name ("Working Paper Series
#: of the Research Network 1989").
_GENRE_YEAR = re.compile(
    r"^\W*(?:(?:working|discussion|research|policy|occasional|conference|briefing|technical)\s+papers?|preprint|report)"
    r"[\s,.:;(#]*(?:no\.?\s*)?(?:\d{1,4}\s*[/,.-]\s*)?(?:[A-Z][a-z]+\.?\s+)?\(?((?:19|20)\d\d)\b", re.I)


def genre_line_year(lines: Sequence[str]) -> Optional[int]:
    """The year on a genre line among the first lines of a paper (:data:`_GENRE_YEAR`): a working paper
    prints no volume or date line, and its year is the one it is cited by."""
    for ln in [x for x in lines if x.strip()][:_HEAD_LINES]:
        if m := _GENRE_YEAR.match(ln):
            return int(m.group(1))
    return None


#: The lines of a text's head a genre line is looked for in.
_HEAD_LINES = 15


#: The year of a journal's volume line: "2016, Vol. 53(3) 615–625", "Vol. 66(1), 2021, pp. 61-81", "Cities 157 (2025)
#: 105586", "GeoJournal (2021) 86:133–143", "… – 2024, DOI:10.1111/tesg.12575, Vol. 115, No. 1".
_VOLUME_YEAR = (
    re.compile(r"\b((?:19|20)\d\d)\b[^\n]{0,60}?\bVol(?:\.|ume)?\s*\d+", re.I),
    re.compile(r"\bVol(?:\.|ume)?\s*\d+(?:\s*\(\d+(?:[-–]\d+)?\))?\s*,\s*(?:(?:No|Issue)\.?\s*\d+\s*,\s*)?\(?((?:19|20)\d\d)\b",
               re.I),
    re.compile(r"(?<![\d./-])\d{1,4}\s*\(((?:19|20)\d\d)\)\s*(?:\d{3,}|\d+\s*[:(–-]\s*\d+)"),
    re.compile(r"[A-Za-z]\s*\(((?:19|20)\d\d)\)\s*\d+\s*(?:\(\d+\))?\s*:\s*\d+"),
    re.compile(r"\b\d{1,4}\s*\(\d{1,2}\)\s*\d+\s*[–-]\s*\d+,?\s*(?:[A-Z][a-z]+\.?\s+)?((?:19|20)\d\d)\b"),
    # "ZQF 15. Jg., Heft 1‒2/2014, S. 25‒38", "No. 3/2014"
    re.compile(r"\b(?:Heft|No\.|Nr\.|Issue)\s*\d+(?:\s*[‒–-]\s*\d+)?\s*/\s*((?:19|20)\d\d)\b"),
)
#: An arXiv stamp: "arXiv:2301.05883v2 [nucl-th] 22 Jul 2023", the preprint's year where nothing else gives one.
ARXIV_STAMP = re.compile(r"arXiv:\s?(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\s*(?:\[[^\]]{1,30}\])?"
                         r"\s*(?:\d{1,2}\s+[A-Z][a-z]{2}\s+((?:19|20)\d\d))?")


_CITE_THIS = re.compile(r"^\W*(?:to cite this (?:article|paper|chapter)|cite this (?:article|paper)|how to cite(?: this"
                        r" (?:article|paper))?|citation)\s*:", re.I)


def volume_line_year(head: str, max_lines: int = 100) -> Optional[int]:
    """The publication year a journal prints with its volume, on the first lines of a text's head: the year a
    paper is cited by, where the online-first, received or © year ("Published online: 9 August 2019",
    "© 2023 Royal Dutch Geographical Society") may be an earlier one."""
    lines = [x for x in head.split("\n") if x.strip()][:max_lines]
    for k, ln in enumerate(lines):
        if _CITE_THIS.match(ln) and (m := re.search(r"\b((?:19|20)\d\d)\b", " ".join(lines[k:k + 6]))):
            return int(m.group(1))  # "To cite this article: E. Y. Gorbachevskaya 2019 IOP Conf. Ser. … 667 012027"
        for rx in _VOLUME_YEAR:
            m = rx.search(ln)
            if m:
                return int(m.group(1))
    return None


def arxiv_stamp_year(head: str, max_lines: int = 100) -> Optional[int]:
    """The year of an arXiv stamp among a text head's first lines ("arXiv:2301.05883v2 [nucl-th] 22 Jul 2023"):
    a preprint's year, used where no volume, masthead or date line gives one."""
    for ln in [x for x in head.split("\n") if x.strip()][:max_lines]:
        if (m := ARXIV_STAMP.search(ln)) and m.group(1):
            return int(m.group(1))
    return None


def close_hyphen_gaps(title: str) -> str:
    """"Super -gentrification in a post- socialist state" → "Super-gentrification in a post-socialist state":
    the spaces an export set beside a word's hyphen (a dash between spaces, and "pre- and post-war", stay)."""
    return re.sub(r"(?<=\w) -(?=\w)|(?<=\w)- (?!(?:and|or|und|et|to)\b)(?=[a-z])", "-", title)


def _date_line_year(lines: Sequence[str]) -> Optional[int]:
    """A date or a year printed alone on one of the first lines ("January 2008", "2014")."""
    for k, ln in enumerate(x for x in lines[:40] if x.strip()):
        t = _SPACED_DIGITS.sub("", ln.strip())  # "December 2 015"
        if is_date_line(t) or (k < 8 and re.fullmatch(r"(?:19[5-9]\d|20[0-4]\d)", t)):
            return int(re.findall(r"(?:19|20)\d\d", t)[-1])
        if (year := date_line_year_of(t)) is not None:  # "Dec 2022 (updated)", "… compiled on April 3, 2022"
            return year
    return None


def _text_header(lines: list[str]) -> Metadata:
    labelled = _labelled(lines)
    if labelled.title:
        return labelled
    cover = researchgate_head(lines)
    if cover.title:
        return cover
    thesis = thesis_title_page(lines)
    if thesis.title:
        return thesis
    block = title_over_author_block(lines)
    rules = _rules_header(lines)
    if block.title and not (rules.title and _within(rules.title, block.title)):
        # (the rules' title inside the block's: the block took in a masthead, a body line or a history line)
        return block
    if rules.title:
        return rules
    learned = _learned(lines)
    return Metadata(title=learned.title, authors=learned.authors or rules.authors)


#: What closes a head's author block: a section ("Abstract", "Contents", "1 Introduction", "1.1 Overview", a page
#: or section number alone) or the body's first sentence.
_BLOCK_END = re.compile(r"^\W*(?:abstract|summary|contents|table of contents|introduction|keywords?|overview|preface|"
                        r"foreword)\b|^\d{1,2}(?:\.\d{1,2})*\.?(?:\s+[A-Z]\S*.*)?$", re.I)
#: A corporate author or an organisation's line in an author block: "zoo Development Team", "GKX Associates Inc.",
#: "Mayo Clinic".
_ORG_LINE = re.compile(r"\b(?:team|project|clinic|hospital|inc|ltd|gmbh|associates|corporation|company|foundation|"
                       r"council|group|lab)\b\.?$", re.I)
_BY_NAMES = re.compile(r"^by\s+(?=[A-Z])")
#: A masthead's, venue's or identifier's words on a line over the title.
_NOT_TITLE_ROW = re.compile(r"\b(?:journal|proceedings|vol\.|volume|no\.|number|pp\.|issn|isbn|doi|issue)\b|https?://|"
                            r"©|copyright|^\W*(?:1[89]|20)\d\d\W*$", re.I)
#: A note mark set as a digit after a title line's last word ("An Intergenerational Approach1"; not "lme4").
_DIGIT_MARK = re.compile(r"(?<=[a-z]{5})\d$")
_LOGO_WORD = re.compile(r"[a-z]{2,10}")
_CONTACT = re.compile(r"@|https?://|www\.|\.(?:org|com|edu|net)\b")


def _block_line(line: str) -> Optional[tuple[Author, ...]]:
    """The names of a line of an author block, ``()`` for the block's other lines (an affiliation, address, e-mail,
    date, organisation, a logo's word), None for a line no author block holds."""
    if date_line_year_of(line) is not None or looks_like_affiliation(line) or _CONTACT.search(line):
        return ()
    if _LOGO_WORD.fullmatch(line) or (_ORG_LINE.search(line) and len(line.split()) <= 5):
        return ()
    names = parse_author_line(line) if len(line) <= 160 and mostly_names(line) else ()
    return names or None


def _within(inner: str, outer: str) -> bool:
    """Whether title ``inner`` is a shorter part of title ``outer`` (compared as matching keys)."""
    a, b = normalise_title(inner), normalise_title(outer)
    return bool(a) and len(a) < len(b) and a in b and not inner.rstrip().endswith(":")  # (a title cut at its colon)


def _labelled_title(rows: Sequence[str], i: int) -> bool:
    """Whether the line labeller of :mod:`litmap.parse.text_head_model` reads row ``i`` of a head as part of its
    title (False without its model)."""
    from litmap.parse.text_head_model import label_head, load_model

    model = load_model()
    return model is not None and label_head(list(rows[:60]), model)[i] == "title"


def title_over_author_block(lines: Sequence[str]) -> Metadata:
    """Title and authors of a head set as title lines, the author block (names, affiliations, e-mail, a date, one
    item a line) and then the body, with no "Abstract" line to read back from and no blank line under the title
    ("The Relaxed Lasso" / "Trevor Hastie" / "Balasubramanian Narasimhan" / "November 25, 2022" / "Contents";
    "Support Vector Machines ∗" / "The Interface to libsvm in package e1071" / "by David Meyer" / "FH Technikum
    Wien, Austria"): a vignette or report exported as text.  The block opens with a line of names alone (or "by"
    and names, or a corporate author) under one to four title lines, and ends at a section, a number alone or the
    body's first long line; every line between is one of the block's."""
    rows = [" ".join(ln.split()) for ln in lines[:40] if ln.strip()]
    for i in range(1, min(5, len(rows))):
        line = rows[i]
        opener = names_only(_BY_NAMES.sub("", line))
        corporate = not opener and bool(_ORG_LINE.search(line)) and len(line.split()) <= 4 and line[:1].isalnum()
        if not opener and not corporate:
            continue
        if opener and _title_line_over_names(rows, i, opener):
            continue  # "… minority displacement in the" / "Global South-East" / "Yael Shmaryahu-Yeshurun"
        if opener and len(opener) == 1 and not _AUTHOR_MARKS.search(line) and _labelled_title(rows, i):
            continue  # a title's last line that reads as a name ("… for Estimating" / "Normalizing Constants")
        title_rows = [_DIGIT_MARK.sub("", without_note_mark(r)) for r in rows[:i]]
        if any(_block_line(r) == () or _BLOCK_END.match(r) or _NOT_TITLE_ROW.search(r) or len(FOLIO.findall(r)) >= 2
               or len(r) > 160 for r in title_rows):
            # A date, address, section, masthead or volume line above ("45(12) 2449–2470, November 2008", "In
            # Proceedings of …", "ISSN 2196-3940"): this is no title over the block (a title may read as names).
            return Metadata()
        authors = list(opener)
        end = None
        for k in range(i + 1, min(i + 14, len(rows))):
            r = rows[k]
            if _BLOCK_END.match(r) or (len(r) >= 60 and not looks_like_affiliation(r)):
                end = k
                break
            names = _block_line(r)
            if names is None:
                return Metadata()
            authors += [a for a in names if not _ORG_LINE.search(r)]
        if end is None and i + 14 < len(rows):
            return Metadata()
        title = sane_title(clean_field(" ".join(title_rows)))
        return Metadata(title=title, authors=tuple(authors)) if title else Metadata()
    return Metadata()


_RG_START = re.compile(r"^\s*See discussions, stats,? and author profiles for this publication", re.I)
_RG_KIND = re.compile(r"^\s*(?:(?:Article|Chapter|Conference Paper|Preprint|Thesis|Book|Technical Report|Working Paper|"
                      r"Research|Presentation|Data)\b.*·|DOI:|CITATIONS\s*$|READS\s*$)", re.I)
_RG_IN = re.compile(r"^\s*(?:Article|Chapter|Conference Paper|Preprint)\s+in\s+(?P<venue>.+?)\s*·\s*(?:[A-Z][a-z]+\s+)?"
                    r"(?P<year>(?:19|20)\d\d)\b")
_RG_END = re.compile(r"^\s*(?:All content following this page|The user has requested enhancement)", re.I)
_RG_NOISE = re.compile(r"PUBLICATIONS|CITATIONS|SEE PROFILE|READS|^\s*\d+\s*$|authors?(?:, including)?:\s*$", re.I)


def researchgate_head(lines: Sequence[str]) -> Metadata:
    """Title, authors, venue and year from the ResearchGate cover page at the top of a text export ("See
    discussions, stats, and author profiles for this publication at: …" / the title / "Article in The
    Professional Geographer · May 2011" / … / "2 authors:" / the names, their affiliations, "SEE PROFILE")."""
    top = [ln.strip() for ln in lines[:4]]
    if not any(_RG_START.match(ln) for ln in top):
        return Metadata()
    k = next(i for i, ln in enumerate(lines) if _RG_START.match(ln)) + 1
    parts: list[str] = []
    venue: Optional[str] = None
    year: Optional[int] = None
    while k < len(lines) and len(parts) < 6:
        ln = lines[k].strip()
        k += 1
        if not ln or re.match(r"^\S*(?:https?://|www\.)\S*$", ln):
            continue  # the link line under the notice
        if _RG_KIND.match(ln):
            if m := _RG_IN.match(ln):
                venue, year = clean_field(m.group("venue")), int(m.group("year"))
            break
        parts.append(ln)
    authors: list[Author] = []
    for ln in lines[k:k + 60]:
        ln = ln.strip()
        if _RG_END.match(ln):
            break
        if not ln or _RG_NOISE.search(ln) or _RG_KIND.match(ln) or looks_like_affiliation(ln) or ln.endswith("…"):
            continue
        names = _is_name_line(ln)
        if names and len(names) == 1 and mostly_names(ln):
            authors.append(names[0])
    title = sane_title(clean_field(" ".join(parts))) if parts else None
    return Metadata(title=title, authors=tuple(authors), year=year, journal=venue) if title else Metadata()


def _learned(lines: Sequence[str]) -> Metadata:
    """Title and authors from the line labeller of :mod:`litmap.parse.text_head_model` (empty without its
    model), for a head the rules read no title from.  Measured (benchmarks/train_text_head.py): on held-out
    GROBID heads rules alone 23% titles / 34% first authors, rules then labeller 64% / 76%, labeller alone
    69% / 78%; labeller alone lost titles on the spent gentrification texts (17 vs 19 of 34), so it only
    fills in where the rules read nothing."""
    from litmap.parse.text_head_model import head_fields, load_model

    model = load_model()
    if model is None:
        return Metadata()
    title, authors = head_fields("\n".join(lines), model)
    title = sane_title(_LABEL_PREFIX.sub("", clean_field(title))) if title else None
    return Metadata(title=title or None, authors=authors)


def _rules_header(lines: list[str]) -> Metadata:
    abstract_at = next((i for i, ln in enumerate(lines[:120]) if _ABSTRACT.match(ln)
                        or (len(ln) >= 40 and _ABSTRACT_INLINE.match(ln))), None)
    info_at = next((i for i, ln in enumerate(lines[:120]) if _ARTICLE_INFO.match(ln)), None)
    if info_at is not None and (abstract_at is None or info_at < abstract_at):
        abstract_at = info_at  # Elsevier: the head ends at "a r t i c l e i n f o" (history, keywords follow)
    if abstract_at is None:
        # No "Abstract" label: the head ends at the first line of prose.
        short = 0
        for i, ln in enumerate(lines[:40]):
            if len(ln.strip()) >= _PROSE_CHARS and short >= 3:
                abstract_at = i
                break
            short += bool(ln.strip())
    if abstract_at is None:
        return _by_line(lines)
    i = abstract_at - 1
    authors: list[Author] = []
    seen_names = seen_marked = False
    # Backwards over the author block: names, each maybe followed by its affiliation lines.
    while i >= 0:
        ln = lines[i].strip()
        if (not ln or re.fullmatch(r"[\W\d]{0,4}|[\W_]+", ln) or re.fullmatch(r"[a-h](?:\s*,\s*[a-h])*[*∗]?", ln)
                or _SPACED.fullmatch(ln) or (not seen_names and is_date_line(_SPACED_DIGITS.sub("", ln)) and i > 0 and (
                    looks_like_affiliation(lines[i - 1]) or _is_name_line(lines[i - 1])))):
            # Blank, a rule ("_____"), a lone affiliation letter ("a"), a letter-spaced label ("a r t i c l e
            # i n f o"), or the date under the author block ("University of Oxford" / "January 2008").
            i -= 1
            continue
        if seen_names and re.fullmatch(r"by:?", ln, re.I):
            i -= 1  # "Thin-film Magneto-Inductive Cables" / "by" / "R.R.A. Syms, …": the title is above "by"
            break
        if looks_like_affiliation(ln) and len(ln) < 200 and not (seen_names and re.match(r"[a-z]+(?:\s|$)", ln)):
            i -= 1  # (over the names, a line opening in lower case is the title's: "in Central Cape Town, South Africa")
            continue
        if (not seen_names and i > 0 and len(ln) < 80 and re.match(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\b", ln)
                and re.search(r"@[\w.-]*[.-]$", lines[i - 1].rstrip())):
            i -= 1  # an e-mail address run on to the next line ("… E- mail: haogu@hnu." / "edu.cn (Corresponding author)")
            continue
        if not seen_names and _HISTORY.search(ln) and len(ln) < 160:
            i -= 1  # "Published online: 11 August 2009" / "© Kiel Institute 2009" between the names and "Abstract"
            continue
        names = () if _continues_title(lines, i) else _is_name_line(ln)
        if not names and i > 0 and re.match(r"(?:and|&)\s+[A-ZÀ-Þ]", ln) and _is_name_line(lines[i - 1]):
            names = _is_name_line(re.sub(r"^(?:and|&)\s+", "", ln))  # "Eric Allender, Danilo Bruschi" / "and Giovanni …"
        if (not seen_names and _ADDRESS.search(ln) and len(ln) < 120
                and (not names or len(ln.split()) <= 3 or not mostly_names(ln))):
            # (a city and country read as "Family, Given": "Irkutsk, Russia")
            i -= 1  # the rest of an address under the names: "Tokyo 113-8656, Japan", "Leicester LEI 7RH, England"
            continue
        if names and seen_names and _title_line_over_names(lines, i, names):
            break  # "Discrete Choices under Social Influence:" / "Generic Properties" / "Mirta B. Gordon (1), …"
        if names and seen_names and not mostly_names(ln) and re.search(r"\b(?:in|of|the|for|on|to|with|from|at)\b", ln):
            break  # "Health Shocks, Job Quality, and Self-Employment in Africa∗" over "Courtney Monk† and …"
        if names and seen_marked and not _AUTHOR_MARKS.search(ln):
            break  # over "Lindsey L. Johnston a , Andrew J. Ursini a , …", a bare capitalised line is the title's
        if names and (len(ln.split()) <= 8 or "," in ln or " and " in ln):
            seen_marked = seen_marked or bool(_AUTHOR_MARKS.search(ln))
            authors[:0] = names
            seen_names = True
            i -= 1
            continue
        if (i > 0 and len(ln.split()) <= 8 and not ln.endswith(".") and _is_name_line(lines[i - 1])
                and len(lines[i - 1].split()) <= 4 and not re.match(r"[a-z]+(?:\s|$)", ln)):
            i -= 1  # an affiliation without a telling word ("Federal Reserve Bank of Philadelphia") under its name
            continue
        if not seen_names and (bio := _bio_start(lines, i)) is not None:
            i = bio - 1  # "Mzuchumile Makalima has a BSc degree in …": the author's note between names and abstract
            continue
        break
    if not seen_names:
        return _names_over_title(lines, abstract_at) or _by_line(lines)
    parts: list[str] = []
    while i >= 0 and len(parts) < 5:
        ln = lines[i].strip()
        if not ln:
            break
        if not parts and _HISTORY.search(ln) and len(ln) < 80:
            i -= 1  # "Received (in revised form): 17th August, 2023" between the title and the names
            continue
        if len(ln) > 140 or _MASTHEAD.search(ln) or _IN_TEXT_CITE.search(ln):
            # A title glued after the first lines of the body (pdftotext of a page whose head
            # overlays the introduction): the tail after the last ": " or "; ".
            tail = glued_title_tail(ln)
            if parts and tail and tail != ln:
                parts.insert(0, tail)
            break
        if ((ln.endswith((".", ",", ";")) and not parts) or (_PRE_TITLE.fullmatch(ln) and (parts or not ln.islower()))
                or (parts and re.search(r"[a-z)]{2}\.$", ln) and len(ln.split()) >= 6)):
            # "4.0/)." of a licence, "Article", a journal's name in lower case ("sustainability"), and over a title
            # line a sentence ("Errors and omissions are the sole responsibility of the author(s).")
            break
        parts.insert(0, ln)
        if re.match(r"\d{1,2}[A-Z][a-z]", ln):
            break  # "1Gentrification: causes …": the footnote mark stands on the title's first line
        i -= 1
    if parts and (_ADDRESS.search(parts[-1]) or looks_like_affiliation(parts[-1])) and not re.match(r"[a-z]+\s", parts[-1]):
        return Metadata()  # the walk stopped in another author's address: no head read here
    title = _LABEL_PREFIX.sub("", clean_field(" ".join(parts)))
    title = re.sub(r"(?<=[a-z])\d{1,2}$|^\d{1,2}(?=[A-Z][a-z])", "", title)  # a footnote mark: "…Philadelphia1", "1Gentrification"
    return Metadata(title=sane_title(title) if title else None, authors=tuple(authors))


def glued_title_tail(line: str) -> Optional[str]:
    """The start of a title glued onto the end of a masthead, licence or body line, or None:
    "…license ( http://creativecommons.org/licenses/by/4.0/ ).Retheorizing state-led gentrification …",
    "…Collection (https://hstalks.com/business/)Gentrification and affordable", "… (Gotham, 2001; Harvey, The
    State and New-build Gentrification" (the last cited author of a cut citation list dropped)."""
    cuts = [m.end() for m in _GLUE_START.finditer(line)]
    if not cuts:
        return None
    tail = line[cuts[-1]:].strip()
    if re.search(r"\((?:[^()]*\b(?:19|20)\d\d[a-z]?;)", line[:cuts[-1]]) and (m := re.match(r"[A-Z][\w'’-]+,\s+(?=[A-Z])", tail)):
        tail = tail[m.end():]  # "(Gotham, 2001; Harvey, The State …": a citation list cut by the title
    if not tail[:1].isupper() or len(tail.split()) > 12 or ")" in tail or _IN_TEXT_CITE.search(tail) or tail.endswith("."):
        return None  # (a title's first line ends in no full stop: "Elsevier Ltd.All rights reserved.")
    return tail


#: A title line that ends on a word no title or name line ends on: the line under it goes on with the title.
_DANGLING_END = re.compile(r"\b(?:the|of|in|and|for|on|a|an|to|from|with|by|at|between|into)$", re.I)


def _continues_title(lines: Sequence[str], i: int) -> bool:
    """Line ``i`` is a short line under one that ends on a function word ("Parameterization and Visualization of
    the Errors in" / "Areal Interpolation"): the title's last line, whatever names it looks like."""
    if i <= 0:
        return False
    above = lines[i - 1].strip()
    return bool(above) and len(lines[i].split()) <= 6 and bool(_DANGLING_END.search(above)) and len(above) <= 140


def _names_over_title(lines: Sequence[str], abstract_at: int) -> Optional[Metadata]:
    """A head whose author line stands over the title ("14 Łukasz Drozda1" / "Super-gentrification in a
    post-socialist state …" / "Abstract: …"): up to three title lines right over the abstract, and a name
    line (after a page number) right over them."""
    j = abstract_at - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    parts: list[str] = []
    while j >= 0 and lines[j].strip() and len(parts) < 3:
        ln = lines[j].strip()
        if (len(ln) > 160 or ln.endswith((".", ";", ",")) or _MASTHEAD.search(ln) or _HISTORY.search(ln)
                or (_is_name_line(ln) and not _continues_title(lines, j)) or looks_like_affiliation(ln)
                or _KEYWORDS_LABEL.match(ln) or is_date_line(ln)
                or re.match(r"[a-z(]", ln) or re.search(r"\babstract\b|[a-z]\.\s+[A-Z][a-z]", ln, re.I)
                or re.search(r"[^\W\d_]\s?\d(?:,\d)*\s*,", ln)):
            break  # (no label, date, sentence, line in lower case, or names with their marks: "Hazmi 4,5 , Samia …")
        parts.insert(0, ln)
        j -= 1
    gap = False
    while j >= 0 and not lines[j].strip():
        j -= 1
        gap = True
    if not parts or j < 0:
        return None
    names: tuple[Author, ...] = ()
    name_lines: list[str] = []
    while j >= 0 and lines[j].strip():
        # a page number before the name; "and" opening the last line of a list ("… Peter F. Fisher" / "and Mitchel
        # Langford")
        above = re.sub(r"^\d{1,4}\s+|^(?:and|&)\s+(?=[A-ZÀ-Þ])", "", lines[j].strip())
        found = _is_name_line(above)
        if not found or not mostly_names(above):
            break
        names = found + names  # "Irina Busygina" / "Mikhail Filippov": one name a line
        name_lines.append(lines[j])
        j -= 1
    marked = any(re.search(r"[\d*∗†‡]", ln) for ln in name_lines)
    if not names or not (gap or marked or len(names) >= 2):
        return None  # one bare two-word line over a title block ("Venous Thromboembolism" / "Prophylaxis in …")
    title = sane_title(_LABEL_PREFIX.sub("", clean_field(" ".join(parts))))
    return Metadata(title=title, authors=names) if title else None


_BY_LINE = re.compile(r"^\s*by\s+(?P<names>[A-ZÀ-Þ].{2,200})$", re.I)


def _by_line(lines: Sequence[str]) -> Metadata:
    """A head whose authors follow "by" under the title ("ABSTRACT" / "Diffusion of ISO 9000 Standards and
    International Trade" / "by Michal Grajek*"), wherever its abstract label stands."""
    for k, ln in enumerate(lines[:40]):
        m = _BY_LINE.match(ln)
        if not m or k == 0 or re.fullmatch(r"\s*[\w\-]+,\s*[\w\-]+\s*", m.group("names")):
            continue  # "by ZUMA, Germany": an organisation and its country, not given-first names
        authors = parse_author_line(m.group("names"))
        if not authors or not mostly_names(m.group("names")) or m.group("names").rstrip().endswith("."):
            continue  # "by Badros, Borning, Marriott and Stuckey [4]. It is …": a sentence of the abstract
        parts: list[str] = []
        j = k - 1
        while j >= 0 and len(parts) < 4:
            t = lines[j].strip()
            if not t or _ABSTRACT.match(t) or _MASTHEAD.search(t) or t.endswith((".", ";")) or len(t) > 140:
                break
            parts.insert(0, t)
            j -= 1
        title = sane_title(_LABEL_PREFIX.sub("", clean_field(" ".join(parts)))) if parts else None
        if title:
            return Metadata(title=title, authors=authors)
    return Metadata()


def _marker_letters(lines: Sequence[str]) -> set[str]:
    """Affiliation letters the head prints: alone on a line ("a"), or before an affiliation, glued or spaced
    ("aHarvard University", "b University of Szeged")."""
    out: set[str] = set()
    for ln in lines:
        if re.fullmatch(r"[a-h](?:\s*,\s*[a-h])*[*∗]?", ln):
            out.update(re.findall(r"[a-h]", ln))
        elif (m := re.match(r"([a-h])\s?(?=[A-Z][a-z])", ln)) and looks_like_affiliation(ln[m.end():]):
            out.add(m.group(1))
    return out


def strip_line_markers(authors: tuple[Author, ...], head: str) -> tuple[Author, ...]:
    """"Krivoruchkoa", "Hwanga" → "Krivoruchko", "Hwang": a surname ending in an affiliation letter that the
    head prints before an affiliation or alone on a line ("a" / "Environmental Systems Research Institute",
    "aHarvard University").  Stripped when every surname ends in that letter, or, name by name, when the head
    prints the surname without it elsewhere ("Corresponding Author: Jackelyn Hwang"); never when a surname is
    printed with the letter elsewhere (an e-mail, a contact line)."""
    fams = [a.family for a in authors]
    if not fams:
        return authors
    lines = [ln.strip() for ln in head.split("\n")[:80]]
    letters = _marker_letters(lines)
    if not letters:
        return authors
    rest_lines = [ln for ln in lines if not all(f in ln for f in fams)]
    rest = " ".join(rest_lines).lower()

    def marked(f: str) -> bool:
        return len(f) > 3 and f[-1] in letters and f[-2].islower()

    def printed(word: str) -> bool:
        # a word of its own, or after an initial ("J.Kubeš"), never inside an e-mail domain ("@pf.kubes")
        return bool(re.search(rf"(?:(?<![\w@.])|(?<=(?<![\w@.])[a-z]\.)){re.escape(word.lower())}\b", rest))

    if any(marked(f) and printed(f) for f in fams):
        return authors  # "Costa" printed so in a contact line: a real surname
    evidence = [marked(f) and printed(f[:-1]) for f in fams]
    # Without any surname printed bare elsewhere, all ending in the one letter; else name by name.
    same = not any(evidence) and len({f[-1] for f in fams}) == 1 and all(marked(f) for f in fams)
    out: list[Author] = []
    for a in authors:
        f = a.family
        if marked(f) and (same or evidence[len(out)]):
            a = Author(family=f[:-1], given=a.given, organisation=a.organisation)
        out.append(a)
    return tuple(out)


def names_after_title(title: str, head: str) -> tuple[Author, ...]:
    """The author line right under the raw lines that hold ``title`` (a title the layout rules found
    in a text file whose head could not be read back from "Abstract")."""
    flat = re.sub(r"[\W_]+", "", title.lower())
    lines = head.split("\n")[:60]
    for k, ln in enumerate(lines):
        key = re.sub(r"[\W_]+", "", ln.lower())
        if len(key) < 8 or not flat.endswith(key):
            continue
        nxt = next((x.strip() for x in lines[k + 1:k + 3] if x.strip()), "")
        names = _is_name_line(nxt)
        if names and (_AUTHOR_MARKS.search(nxt) or len(names) >= 2 or len(nxt.split()) <= 4):
            return names
    return ()


def trim_at_name_line(title: str, head: str) -> str:
    """``title`` (a text block joined from several raw lines) cut before the first of its lines that is
    an author line ("Information Synthesis for Answer Validation" / "Rui Wang1 and Günter Neumann2")."""
    flat = " ".join(title.split())
    for ln in head.split("\n")[:60]:
        ln = " ".join(ln.split())
        at = flat.find(ln) if len(ln) > 3 else -1
        if at <= 0:
            continue
        names = _is_name_line(ln)
        if ln.isupper() and not mostly_names(ln):
            continue  # "FREE MOVEMENT OF CAPITAL, THE REAL ESTATE MARKET …": a title line in capitals
        kept = re.sub(r"\s+(?:authors?|by)\s*:?$", "", flat[:at].strip(), flags=re.I)
        if names and (_AUTHOR_MARKS.search(ln) or len(names) >= 2) and len(kept.split()) >= 3 and sane_title(kept):
            return kept  # (not where the kept part dangles: "… Measurements for" / "Delayed Sensor Networks *")
    return title


_BIO = re.compile(r"^(?:(?:Dr|Prof)\.?\s+)?[A-ZÀ-Þ][\w'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-ZÀ-Þ][\w'’-]+){1,2}\s+(?:has|is|was|holds|"
                  r"received|earned|works|teaches|completed|joined)\b")


def _bio_start(lines: Sequence[str], i: int) -> Optional[int]:
    """The first line of an author's note that line ``i`` belongs to ("Mzuchumile Makalima has a BSc degree in
    construction studies …" / "University of Witwatersrand. He also holds …"), when that first line names a
    person of the name line over it; None otherwise."""
    for k in range(i, max(i - 6, -1), -1):
        ln = lines[k].strip()
        if not ln:
            return None
        if _BIO.match(ln):
            who = re.match(r"^(?:(?:Dr|Prof)\.?\s+)?(.+?)\s+(?:has|is|was|holds|received|earned|works|teaches|"
                           r"completed|joined)\b", ln)
            above = " ".join(x.strip() for x in lines[max(k - 4, 0):k])
            return k if who and who.group(1) in above else None
    return None


def _title_line_over_names(lines: Sequence[str], i: int, names: tuple[Author, ...]) -> bool:
    """Line ``i`` reads as one name but is the title's last line over the author lines: no separator,
    initial or marker in it, the author line right under it, and a title line above it that ends in ":"
    or shares its capitals where the names under it do not ("THE COMPLEXITY OF COMPUTING" /
    "MAXIMAL WORD FUNCTIONS" / "Eric Allender, Danilo Bruschi")."""
    ln = re.sub(r"(?<=[a-z])\d{1,2}$", "", lines[i].strip())  # "An Intergenerational Approach1": a title's note mark
    if len(names) != 1 or re.search(r"[,&*\d]|\band\b|\b[A-Z]\.", ln) or i == 0:
        return False
    above = lines[i - 1].strip()
    below = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
    if not above or _is_name_line(above) or not _is_name_line(below):
        return False
    if re.search(r"\b(?:the|of|in|and|for|on|a|an|to|from|with|by|at)$", above):
        return True  # "… minority displacement in the" / "Global South-East" / "Yael Shmaryahu-Yeshurun"
    return above.endswith(":") or (ln.isupper() and above.isupper() and not below.isupper())


def _labelled(lines: Sequence[str]) -> Metadata:
    """"Title: …" / "Authors: …" / "Year: …" lines among the first lines."""
    found: dict[str, str] = {}
    for ln in lines[:40]:
        m = _LABELLED.match(ln)
        if m:
            found.setdefault(m.group("key").lower().rstrip("s"), clean_field(m.group("value")))
    title = found.get("title")
    if not title:
        return Metadata()
    who = found.get("author") or found.get("by") or ""
    if ";" in who and all(c.count(",") == 1 for c in who.split(";")):
        authors = family_first(who)  # "Li, Wei; Chen, Ming"
    else:
        authors = parse_author_line(who) if who else ()
    year: Optional[int] = None
    for key in ("year", "date", "published"):
        m = re.search(r"\b(1[89]\d\d|20[0-4]\d)\b", found.get(key, ""))
        if m:
            year = int(m.group(1))
            break
    journal = found.get("journal") or found.get("source")
    return Metadata(title=sane_title(title), authors=authors, year=year, journal=journal or None)
