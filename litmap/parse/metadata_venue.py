"""The venue a paper prints on its first page, when no cover page, masthead or citation line named it.

Publishers print the journal's (or proceedings') name on page one in a handful of line shapes, whatever the
field:

* a running head or masthead with the volume: "Urban Studies 45(12) 2449–2470, November 2008",
  "Popul Res Policy Rev (2007) 26:619–633", "International Psychogeriatrics (2014), 26:1, 147–154",
  "Journal of Housing and the Built Environment (2019) 34:1033–1052";
* a copyright line naming the journal: "© 2008 Urban Studies Journal Limited",
  "Time & Society copyright © 2008 SAGE (Los Angeles, …)";
* a proceedings footer: "Proceedings of the 58th Annual Meeting of the Association for Computational
  Linguistics, pages 4969–4983";
* a note of where the text appeared: "Published in: Journal of X, 12(3)", "To appear in Journal of X";
* the PDF's Subject when it is a journal's name and nothing else ("Journal of Statistical Software").

Each shape captures a name of capitalised words with the small words names hold ("of", "and", "&", "the",
"for", "in", "on"); a name that reads as a date, a publisher or a sentence is refused.

The same shapes name cited works in a reference list, so only the page's furniture (running heads and feet)
and the blocks in its top and bottom bands are read, never a reference block; a text file has no page
geometry, so its first blocks are read instead.  A block citing the paper itself ("Suggested Citation: …",
"To cite this article: …", "Please cite this article as: …") is parsed as a reference and gives its container
("… The Europeanization of public discourse in Italy: a top-down process? European Union Politics, 7(1)").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Collection, Iterable, Optional, Sequence

from litmap.parse.metadata_masthead import MONTHS
from litmap.parse.names import normalise_title

if TYPE_CHECKING:
    from litmap.read.layout.pages import Block, LaidOutPage

__all__ = ["printed_venue", "venue_from_subject", "venue_on_page", "venue_lines", "year_in_line", "BAND"]

#: The share of a page's height, at its top and at its foot, where running heads, mastheads and footers sit.
BAND = 0.15
#: A line ending mid-phrase: the next line continues it.
_CONTINUED = re.compile(r"(?:[,;:&]|\b(?:of|and|the|for|in|on|de|und|für))\s*$")
#: A text file's first lines read for its masthead.
_TEXT_LINES = 80

_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
_YEAR_RE = re.compile(rf"\b{_YEAR}\b")
#: A word of a venue's name: capitalised (or an abbreviation with dots), or one of the small words names hold.
_SMALL = (r"(?:of|and|the|for|in|on|from|to|at|with|an|&|"
          r"de|des|du|la|le|les|et|für|und|zur|der|die|das|voor|en|van|het|di|del|della|e|y|i)")
_CAP = r"(?:[A-Z][\w'’.\-]*|[A-Z]{2,})"
_NAME = rf"(?P<venue>{_CAP}(?:(?:[ ,:]{{1,2}}{_SMALL})*[ ,:]{{1,2}}{_CAP}){{0,14}}?)"  # never ends on a small word
#: After a cited title any words may follow the first ("Tijdschrift voor economische en sociale geografie").
_LOOSE_NAME = r"(?P<venue>[A-Z][\w&'’.\-]*(?:[ ,:]{1,2}[^\W\d][\w&'’.\-]*){0,14}?)"
#: A dash in a page range; old Springer text layers print it as "±" ("1:323±346").
_DASH = r"[–—±-]"

#: What follows a venue's name in a masthead: a volume, an ISSN or a year with numbers.
_VOLUME_CUE = (
    rf"(?:\s*\([^()]{{1,40}}\))?"  # "(Hum.)", "(ISSN: 2183–2803)"
    rf"(?:\s+[A-Z]{{2,8}})?"  # an acronym: "… Mentalities EQPAM Volume 5"
    rf"\s*[,.]?\s*(?:(?:[–—-]\s*)?\(?{_YEAR}\)?\s*[,;]?\s*(?:DOI:?\s*\S+\s*,?\s*)?)?"
    rf"(?:(?:Vol(?:ume|\.)?|Jg\.|Bd\.|ISSN)\s*:?\s*\d"  # "Vol. 53(3)", "Volume 5", "Jg. 24", "ISSN: 2300-2697"
    rf"|\d{{1,2}}\.\s*Jg\."  # "4. Jg., Heft 3"
    rf"|\d{{1,4}}\s*\(\d{{1,4}}(?:[–/-]\d{{1,4}})?\)\s*[:,]?\s*(?:pp\.\s*)?e?\d+"  # "45(12) 2449–2470", "20(6) 568"
    rf"|\d{{1,4}}\s*[a-z]?\s*[:,]\s*(?:\d{{1,4}}\s*[,:]\s*)?e?\d+\s*{_DASH}\s*\d+"  # "26:619–633", "3, 175- 186",
    # "70, 3:303-15", "54 a, 272-273"
    rf"|\d+\s*{_DASH}\s*\d+\s*©"  # SAGE OnlineFirst: "European Urban and Regional Studies 1 –15 © The Author(s)"
    rf"|\d{{1,2}}\s*/\s*{_YEAR}\s*:\s*\d+"  # "Africa Spectrum 2/2014: 53-77"
    rf"|\d{{1,4}}\s*:\s*e\d+"  # "2020;26:e2327"
    rf"|\d{{1,4}}\s*,\s*No\.\s*\d"  # "2005, 42, No. 1"
    rf"|\d{{1,4}}\s*\({_YEAR}\)\s*(?:\d+\s*[–-]\s*\d+|\d{{4,}})"  # Elsevier: "Cities 157 (2025) 105586"
    rf"|\d{{1,4}}\s*\(\d{{1,3}}\)\s*,\s*Art\.\s*\d"  # "FQS 9(2), Art. 62"
    rf"|\d{{1,4}}\s*\(\d{{1,3}}\)\s*$)"  # a running head ending on its volume and issue: "280 ETHNICITIES 5(2)"
)
_SHAPES = tuple(re.compile(p) for p in (
    # A masthead or running head: "Urban Studies 2016, Vol. 53(3) 455–470", "Popul Res Policy Rev (2007) 26:619–633",
    # "Historical Social Research, Vol. 34 — 2009", "BIOS, Jg. 24 (2011)", "Chin. Geogra. Sci. 2010 20(6) 568–576",
    # "Popul Space Place . 2020;26:e2327"; a page number may lead ("280 Journal of Urban Regeneration …").
    rf"^(?:\d{{1,4}}\s*)?{_NAME}{_VOLUME_CUE}",  # (Springer's "123" logo reads glued: "123GeoJournal (2021) 86:133")
    # BMC-style running heads after the authors: "Agyeman-Duah et al. BMC Health Services Research 2014, 14:1"
    rf"^[A-Z][\w'’-]+(?: et al\.| and [A-Z][\w'’-]+)\s+{_NAME}\s+{_YEAR},\s*\d+\s*:\s*\d+",
    # A journal's name over its DOI (Springer): "Journal of Housing and the Built Environment https://doi.org/10.1007/…";
    # a title may stand over a DOI too, so the name must hold a venue's word (_VENUE_WORD)
    rf"^{_NAME}\s+(?:https?://(?:dx\.)?doi\.org/|doi:?\s*)10\.\d(?P<needs_word>)",
    # "© 2008 Urban Studies Journal Limited" ("/C211" is how some text exports print the ©)
    rf"(?:©|/C211)\s*(?:{_YEAR}\s+)?{_NAME}\s+Journal\s+Limited",
    # "Time & Society copyright © 2008 SAGE", "Urban Studies Copyright © 2005 The Editors of Urban Studies"
    rf"^{_NAME}\s+[Cc]opyright\s*©\s*{_YEAR}",
    # ACL-style proceedings footers and front matter
    r"^(?:In\s+)?(?P<venue>Proceedings of (?:the )?[^,;]{5,160}?)(?:,|\s+pages\b|\s+\(|\s*$)",
    # A conference footnote: "1st Conference on Robot Learning (CoRL 2017), Mountain View, United States."
    r"^(?P<venue>(?:\d+(?:st|nd|rd|th)\s+)?(?:Annual\s+|International\s+)*(?:Conference|Workshop|Symposium)\s+on\s+"
    r"[A-Z][^,;()]{2,100}?\s*\([A-Za-z-]+\s*['’]?\d{2,4}\))",
    # "Published in: Journal of X, 12(3)", "To appear in Journal of X", "Accepted for publication in X"
    rf"^(?:Published in|Appeared in|To appear in|Accepted for publication in|Forthcoming in)\s*:?\s+(?:the\s+)?{_NAME}"
    rf"(?:[,.;(]|\s+\d|\s*$)",
))
#: A numeric DOI glued to the journal's name ("https://doi.org/10.1177/0969776418763010European Urban and …").
# (a DOI's suffix may hold lower-case letters: "https://doi.org/10.1002/psp.2327PopulSpacePlace.2020;26:e2327")
_LEADING_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/[a-z\d.]*\d(?=[A-Z])")
#: Springer's text layer starts page one with "Vol.:(0123456789)", glued to the running head.
_SPRINGER_MARK = re.compile(r"Vol\.:\(0123456789\)")

#: Words that make a captured name something other than a venue.
_NOT_VENUE = re.compile(
    r"^(?:" + MONTHS + r"|spring|summer|autumn|fall|winter|"
    r"vol(?:ume)?\.?|no\.?|issue|page|pages|received|accepted|published|copyright|doi|figure|table)$"
    r"|\b(?:Springer|Elsevier|Wiley|Blackwell|Routledge|Taylor|SAGE Publications|Press|Ltd|Inc|GmbH|Verlag)\b"
    r"|\b(?:is|are|was|were|has|have|we|this|these|our)\b",
    re.I)
#: A name cut after an adjective ("FORUM: QUALITATIVE" of a masthead set in two columns) is no whole name.
_ADJECTIVE_END = re.compile(r"(?:ive|ous|ical|ic)\W*$", re.I)
#: Words a venue's name holds (used for the PDF Subject, which may be any text).
_VENUE_WORD = re.compile(
    r"\b(?:journal|review|studies|annals|quarterly|letters|proceedings|transactions|bulletin|magazine|research|"
    r"geograph\w*|society|science|sciences|economics|planning|policy|forum|archives?|zeitschrift|revue|rivista)\b",
    re.I)


#: A journal's three-letter running head ("FQS", "ZQF", "AJS"): a venue only before a full locator.
_ACRONYM = re.compile(r"[A-Z]{3}")
_LOCATOR_AFTER = re.compile(r"\s*(?:\d{1,4}\s*\(\d{1,3}\)\s*[,:]\s*(?:Art\.\s*\d|\d+\s*[–-]\s*\d)|\d{1,2}\.\s*Jg\.|"
                            r"Vol(?:ume|\.)?\s*\d{1,4}\s*,?\s*(?:No\.|Number|Issue)\s*\d)")


def _acceptable(name: str) -> Optional[str]:
    name = name.strip(" ,:;.")
    if len(name) < 4 or len(name) > 160 or not re.search(r"[a-z]{2}|[A-Z]{3}", name):
        return None
    if _NOT_VENUE.search(name) or _ADJECTIVE_END.search(name):
        return None
    return name


def printed_venue(lines: Iterable[str], starts: bool = True) -> Optional[str]:
    """The venue named by the first line, among ``lines`` (a first page's, in reading order), that has one of the
    shapes in the module doc; None when none does.  ``starts`` False: the lines continue others (a block's later
    lines), so only the shapes that need no line start are tried ("… © 2008 Urban Studies Journal Limited")."""
    found = _printed(lines, starts)
    return found[0] if found else None


#: What every printed venue line holds: a digit, "©", "Proceedings", "published", "to appear".
_VENUE_SIGN = re.compile(r"\d|©|/C211|Proceedings|ublished|ppear")


def _printed(lines: Iterable[str], starts: bool = True) -> Optional[tuple[str, str]]:
    """:func:`printed_venue`, and the line it was read from."""
    shapes = _SHAPES if starts else tuple(s for s in _SHAPES if not s.pattern.startswith("^"))
    for line in lines:
        text = _LEADING_DOI.sub("", _SPRINGER_MARK.sub(" ", " ".join(line.split())).strip())
        if len(text) > 300 or not _VENUE_SIGN.search(text):  # every shape holds one
            continue
        for shape in shapes:
            m = shape.search(text)
            if m and _ACRONYM.fullmatch(m.group("venue").strip(" ,:;.")) and _LOCATOR_AFTER.match(text, m.end("venue")):
                return m.group("venue").strip(" ,:;."), text  # "FQS 9(2), Art. 62", "ZQF 15. Jg., Heft 1-2/2014"
            if m and (name := _acceptable(m.group("venue"))):
                if "needs_word" in shape.groupindex and not _VENUE_WORD.search(name):
                    continue
                return name, text
    return None


def year_in_line(text: str, latest: int) -> Optional[int]:
    """The first year printed in a venue line or citation ("Cities 157 (2025) 105586", "… July 5 - 10, 2020"), not
    part of a number range or ISSN ("1861-1303", "1981-1990"), and no later than ``latest``."""
    for m in _LINE_YEAR.finditer(text):
        if int(m.group(1)) <= latest:
            return int(m.group(1))
    return None


_LINE_YEAR = re.compile(rf"(?<![\d–—-])({_YEAR})(?![\d–—-])")


#: A venue name after a cited title, up to its volume, pages, year, link or the end.
_AFTER_TITLE = re.compile(rf"{_LOOSE_NAME}(?=\s*[,.;]?\s*(?:\(?\d|[Vv]ol\b|Retrieved|https?:|pp\b|¿|\(in press\)|$))"
                          rf"(?!,\s*{_YEAR}\b(?!\s*[,;]\s*\d))")  # "Berlin, 2002": a place and a year, no volume
_SELF_CITE = re.compile(r"(?:Suggested Citation|Empfohlene Zitierung|To cite this (?:article|paper)|Please cite this article as|"
                        r"Cite this article as|How to cite this (?:article|paper)|Full reference|Citation)\s*[:/]\s*(?:Suggested Citation\s*:\s*)?(?P<ref>.{20,500})", re.I | re.S)


def venue_on_page(pages: "Sequence[LaidOutPage]", skip: "Collection[Block]", title: Optional[str] = None,
                  text_head: Optional[str] = None) -> Optional[tuple[str, str]]:
    """The venue the paper's first pages print (module doc): ``pages`` are its cover page(s), if any, then its
    first two content pages.  ``skip``: blocks not to read (the reference list's); ``title``: the paper's
    title, to know a block that cites the paper itself; ``text_head``: a text file's first raw lines, read
    instead of the blocks (it has no geometry).  Returns the venue and the text it was read from (its year may be
    the paper's), or None."""
    if not pages:
        return None
    units, later, cite_texts = _head_units(pages, skip, text_head)
    key = normalise_title(title) if title and len(title) >= 20 else ""
    cited: list[str] = []  # self-citations without the title, parsed as references if nothing else names the venue
    for text in cite_texts:
        text = " ".join(text.split())
        m = _SELF_CITE.search(text)
        if m and (venue := _after_title(m.group("ref"), title)):
            return venue, m.group("ref")
        if m:
            cited.append(m.group("ref"))
        if key and len(text) < 600 and _YEAR_RE.search(text) and key in normalise_title(text):
            # A block citing this very paper (a JOSS footer, "Full reference: …"): the name after its title.
            if (venue := _after_title(text, title)) and normalise_title(venue) != key:
                return venue, text
    # A name broken over two or three lines ("Urban Studies" / "2016, Vol. 53(3) 455–470") is read joined too.
    lines = [t for t, _ in units]
    starts = [t for t, ok in units if ok]
    pairs = [f"{a} {b}" for (a, ok), b in zip(units, lines[1:]) if ok]
    triples = [f"{a} {b} {c}" for (a, ok), b, c in zip(units, lines[1:], lines[2:]) if ok]
    return (_printed([*pages[0].furniture, *starts, *pairs, *triples, *later])
            or _printed([t for t, ok in units if not ok], starts=False)
            or next(((v, ref) for ref in cited if (v := _cited_container(ref))), None))


def _head_units(pages: "Sequence[LaidOutPage]", skip: "Collection[Block]", text_head: Optional[str]
                ) -> tuple[list[tuple[str, bool]], list[str], list[str]]:
    """The lines :func:`venue_on_page` reads: (the first page's head and foot lines, each with whether a name
    may start it), page two's running heads, and the texts that may cite the paper itself."""
    # Lines as (text, may start a name): not after a line ending mid-phrase ("…Study of Health," / "Illness and
    # Medicine …", "Group Processes &" / "Intergroup Relations"), and in a PDF a block's first line only (a wrapped
    # reference's "Future Generation Computer Systems, 29(8), 1981-1990." is a block's later line).
    if text_head is not None:
        raw = [" ".join(ln.split()) for ln in text_head.split("\n")[:_TEXT_LINES] if ln.strip()]
        units = [(ln, not _CONTINUED.search(prev)) for prev, ln in zip(["."] + raw, raw)]
        cite_texts = [" ".join(raw)]
        later: list[str] = []
    else:
        cite_texts = [*(b.text for p in pages for b in p.blocks if b not in skip), *(f for p in pages for f in p.furniture)]
        first = next((p for p in pages if any(b.kind != "cover" for b in p.blocks)), pages[0])
        low, high = first.height * BAND, first.height * (1 - BAND)
        # Running heads and feet: blocks in the top and bottom bands, or the first and last two of the page (a
        # journal's foot can sit under a short text area: "International Journal of Action Research 2(2), 198-221").
        order = sorted(first.blocks, key=lambda b: b.top)
        ends = {id(b) for b in order[:2] + order[-2:]}
        read = [(" ".join(line.split()), k == 0, b) for b in first.blocks
                if b not in skip and (b.bottom <= low or b.top >= high or id(b) in ends)
                for k, line in enumerate(b.lines or (b.text,)) if len(line.strip()) > 2]
        # A block's first line continues the block just above it only when the two touch.
        units = [(read[0][0], read[0][1])] if read else []
        units += [(ln, first_line and not (_CONTINUED.search(prev) and 0 <= b.top - above.bottom < 1.5 * max(b.size, 6.0)))
                  for (prev, _, above), (ln, first_line, b) in zip(read, read[1:])]
        # Page two's running heads name the journal when page one does not ("Industrielle Beziehungen, 4. Jg.").
        later = [line for p in pages if p is not first
                 for line in [*p.furniture, *((b.lines or (b.text,))[0] for b in p.blocks if b.bottom <= p.height * BAND)]]
    return units, later, cite_texts


def venue_lines(pages: "Sequence[LaidOutPage]", skip: "Collection[Block]", text_head: Optional[str] = None) -> list[str]:
    """Every line :func:`venue_on_page` reads for a venue, in the order it trusts them (running heads and feet,
    lines that may start a name, the same joined by twos and threes, page two's heads, then the rest); for
    reading what the venue's line says of the paper's volume, issue and pages."""
    if not pages:
        return []
    units, later, _ = _head_units(pages, skip, text_head)
    lines = [t for t, _ in units]
    starts = [t for t, ok in units if ok]
    pairs = [f"{a} {b}" for (a, ok), b in zip(units, lines[1:]) if ok]
    triples = [f"{a} {b} {c}" for (a, ok), b, c in zip(units, lines[1:], lines[2:]) if ok]
    return [*pages[0].furniture, *starts, *pairs, *triples, *later, *(t for t, ok in units if not ok)]


def _after_title(text: str, title: Optional[str]) -> Optional[str]:
    """The name printed right after the paper's own ``title`` in a citation of it ("…, Ethiopia, Survey Methods:
    Insights from the Field. Retrieved from …", "… Toolkit. Journal of Open Source Software, 4(43), 1807")."""
    words = re.findall(r"\w+", title or "")
    if len(words) < 3:
        return None
    m = re.search(r"\W+".join(map(re.escape, words)), text, re.I)
    if not m:
        return None
    rest = re.sub(r"^[\s\"”’'.:,;?!]+(?:In\s*:?\s+)?", "", text[m.end():])
    v = _AFTER_TITLE.match(rest)
    return _acceptable(v.group("venue")) if v else None


def _cited_container(text: str) -> Optional[str]:
    """The container of ``text`` read as a reference with a year (a journal, a book, proceedings), or None."""
    from litmap.parse.references.parser import parse_reference  # noqa: PLC0415 (the CRF loads on first use)

    ref = parse_reference(text)
    return _acceptable(ref.container) if ref.container and ref.year else None


def venue_from_subject(subject: str) -> Optional[str]:
    """The PDF's Subject when it is a journal's name alone ("Journal of Statistical Software"), not a description."""
    s = re.sub(r"\s*(?:https?://|www\.)\S+\s*$", "", " ".join(subject.split()))  # "… Systems http://nips.cc/"
    if not s or len(s) > 100 or re.search(r"\d|[.;!?]\s|https?:|@", s):
        return None
    if not re.fullmatch(rf"{_NAME}", s) or not _VENUE_WORD.search(s):
        return None
    return _acceptable(s)
