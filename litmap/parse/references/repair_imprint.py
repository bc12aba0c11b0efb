"""Imprints the CRF misreads: "Title, Place Year" and "Title (Place: Publisher)".

**Continental humanities style: "A. Surname, Title, Place Year".**

Italian, French and German scholarship in classics, history and many
European social-science series print no publisher and put the year last,
after the place of publication:

    G. Nagy, Homeric Questions, Austin 1996a.
    J.P. Holoka, ‘Homer, oral poetry theory …’, in J. Latacz (ed.),
        Zweihundert Jahre Homer-Forschung, Stuttgart 1991, pp. 456-481.
    F. Jacoby, Die Fragmente der griechischen Historiker, Berlin – Leiden 1923-1958.

The CRF, trained mostly on author-date and numeric styles, reads the place
into the title or the book, a one-word title as a publisher, a title of
capitalised words as a second author ("T.W. Allen, Homeri Opera V"), a year
range as no year, and a conference's dates in the book's name ("(Urbino
21-25 luglio 1980)") as the year and the pages.  :func:`place_year_imprint`
reads the style's grammar from the string — initial-first names, title,
"in" book, place and year at the end — and mends the merged fields where
they disagree with it.  It acts only when the string ends in such an
imprint and the year is not printed author-date fashion.

**A bracketed imprint: "Title (London: Macmillan)."** Taylor & Francis's
older house style (*Housing Studies*, *Regional Studies*) and Chicago notes
close a book with its place and publisher in brackets.  The CRF, which
expects "Place: Publisher." after a full stop, took the end of the title
for the place ("Housing in Britain (London" → place "Britain (London") or
a subtitle after a colon for the publisher.  :func:`bracketed_imprint`
reads place and publisher from the brackets and gives a book's title back
the words the CRF cut off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from litmap.models import Author
from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.text import squash
from litmap.parse.references.spans import PUBLISHER_WORDS, is_place

__all__ = ["place_year_imprint", "bracketed_imprint"]

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_YEAR = r"1[5-9]\d\d|20[0-4]\d"
_PLACE_WORD = rf"{_CAP}[\w'’.-]*"
_PLACE = rf"{_PLACE_WORD}(?:(?:\s*[-–—]\s*|\s+(?:and|und|e|et|&|am|an der|on|upon)\s+|\s+){_PLACE_WORD}){{0,5}}"
#: ", Place Year[a][-Year][, pp. 1-10][ (rist. …)][ [c.d.s.]]." at the end.
_IMPRINT = re.compile(
    rf",\s*(?P<place>{_PLACE})\s+(?P<year>{_YEAR})(?P<suffix>[a-z])?(?:\s*[-–]\s*(?:{_YEAR}|\d\d))?"
    rf"(?:\s*,\s*(?:pp?\.\s*)?(?P<pages>\d+\s*(?:[-–]\s*\d+)?)\s*s?\.?)?"
    rf"(?:\s*\.?\s*(?:\([^()]*\)|\[[^\[\]]*\]))*\s*\.?\s*$"
)
_MONTHS = (
    r"(?:jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|dicembre|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"januar|februar|märz|juni|juli|oktober|dezember)"
)
#: A conference's days before its month and year: "21-25 luglio 1980", "October 18-22 1994".
_MEETING_DATE = re.compile(
    rf"\b(?P<days>\d{{1,2}}\s*[-–]\s*\d{{1,2}})\s+{_MONTHS}\.?\s+(?P<y>{_YEAR})\b"
    rf"|\b{_MONTHS}\.?\s+(?P<days2>\d{{1,2}}\s*[-–]\s*\d{{1,2}}),?\s+(?P<y2>{_YEAR})\b",
    re.I,
)
_INITIALS = rf"(?:{_CAP}[a-z]?\.\s?(?:-\s?)?){{1,4}}"
_SURNAME = rf"(?:(?:von der|von|van der|van|de la|de|De|della|Della|di|Di|du|Du|le|Le|O’|O')\s?)?{_CAP}[\w’']+(?:-{_CAP}?[\w’']{{2,}})*(?:\s{_CAP}[a-z][\w’'-]+(?=\s*[,–(]))?"
_NAME = re.compile(rf"(?P<given>{_INITIALS})\s?(?P<family>{_SURNAME})")
_NAMES = re.compile(
    rf"(?P<names>{_INITIALS}\s?{_SURNAME}(?:\s*(?:,|[-–—]|and|&|e|et|und)\s*{_INITIALS}\s?{_SURNAME})*)"
    r"(?P<ed>\s*\((?:eds?|edd|hrsg|hg|éds?|dirs?|a\.?\s?c\.\s?di)\.?\)|,?\s*(?:eds?|edd)\.(?=,))?"
)
#: Where a book's name ends before its editors: ", ed. by …", ", edd. …", ", a c. di …".
_BOOK_EDITORS = re.compile(r",\s*(?:ed\.|edd\.|eds\.|edited by|a\.?\s?c\.\s?di|hrsg\.)\s", re.I)
#: A quoted title and what closes it: "’," or ",’ " or "’ in" (not the apostrophe of "all’epica").
_QUOTED = re.compile(r"^\s*[‘“\"«](?P<t>.+?)(?:[,.][’”\"»]\s+|[’”\"»]\s*,\s*|[’”\"»]\s+(?=[Ii]n\b))")


@dataclass(frozen=True)
class _Imprint:
    start: int
    place: str
    year: str
    suffix: Optional[str]
    pages: Optional[str]


@dataclass(frozen=True)
class _Reading:
    names: Optional[tuple[Author, ...]]  # the authors, when printed as initial-first names
    title: Optional[str]
    container: Optional[str]
    editors: tuple[Author, ...] = ()  # the book's, where printed before it


def _names(text: str) -> tuple[Author, ...]:
    """"E.J. Bakker – F. Fabbricotti", "M. Carlisle-O. Levaniouk" as authors."""
    return tuple(Author(family=m.group("family"), given=m.group("given").strip()) for m in _NAME.finditer(text))


def _imprint(text: str) -> Optional[_Imprint]:
    m = _IMPRINT.search(text)
    if not m or PUBLISHER_WORDS.search(m.group("place")):  # "Oxford University Press 2004"
        return None
    if any(re.fullmatch(_MONTHS + r"\.?", w, re.I) for w in m.group("place").split()):
        return None  # "…, March - December 1994": a date
    pages = re.sub(r"\s*[-–]\s*", "–", m.group("pages")) if m.group("pages") else None
    return _Imprint(m.start(), m.group("place").strip(" ."), m.group("year"), m.group("suffix"), pages)


def _reading(text: str, end: int) -> _Reading:
    """Names, title and book read by the style's grammar from ``text[:end]``."""
    m = _NAMES.match(text)
    if not m or not re.match(r"\s*,\s*", text[m.end():end]):
        return _Reading(None, None, None)
    rest = text[m.end():end].lstrip(" ,")
    q = _QUOTED.match(rest)
    if q:
        title, after = q.group("t").strip(" ,."), rest[q.end():]
    else:
        cut = re.search(r",\s+[Ii]n:?\s+", rest)
        title = (rest[: cut.start()] if cut else rest).strip(" ,.")
        after = rest[cut.start():].lstrip(" ,") if cut else ""
        if not cut and (be := _BOOK_EDITORS.search(title)):
            title = title[: be.start()]
    editors: tuple[Author, ...] = ()
    container, names = None, _names(m.group("names"))
    if b := re.match(r"[Ii]n:?\s+", after):
        book = after[b.end():]
        if (e := _NAMES.match(book)) and (e.group("ed") or re.match(r"\s*,", book[e.end():])):
            book, editors = book[e.end():].lstrip(" ,"), _names(e.group("names"))
        if ed := _BOOK_EDITORS.search(book):
            book, editors = book[: ed.start()], editors or _names(book[ed.end():])
        container = book.strip(" ,.") or None
    elif after:
        return _Reading(names, None, None)  # a journal article: its fields are read well
    return _Reading(names, title or None, container, editors)


def _strip_place(value: Optional[str], imp: _Imprint) -> Optional[str]:
    """A title or book with the imprint run on: "… Homer, Lanham-Boulder-New York-Oxford 1999"."""
    if not value:
        return value
    words = [re.escape(w) for w in re.findall(r"[^\W\d_]+", imp.place)]
    place = r"\W+".join(words)
    pattern = rf"[\s,.]*{place}(?:\s+{imp.year}[a-z]?(?:\s*[-–]\s*\d{{2,4}})?)?[\s,.]*$"
    return re.sub(pattern, "", value).strip() or None


def place_year_imprint(entry: EntryText, fields: RefFields) -> RefFields:
    """Continental "A. Surname, Title, Place Year" with no publisher: the
    place read into the title or book, a year range or a conference's days
    read as pages, title words read as an author (see the module docstring)."""
    text, values = entry.text, fields.as_dict()
    imp = _imprint(text)
    if imp is None:
        return fields
    out = dict(values)
    year, meeting = out.get("year"), _MEETING_DATE.search(text[: imp.start])
    meeting_year = meeting and (meeting.group("y") or meeting.group("y2"))
    if year and str(year) != imp.year and str(year) != meeting_year:
        return fields  # an author-date entry that happens to end in "Place Year"
    if squash(imp.place) == squash(out.get("container")) and not is_place(imp.place):
        return fields  # "…, Urban Studies 2004": a journal and its year
    out["year"], out["year_suffix"] = int(imp.year), imp.suffix or out.get("year_suffix")
    if meeting and out.get("pages") and squash(out["pages"]) == squash(meeting.group("days") or meeting.group("days2")):
        out["pages"] = None  # the conference's days
    if imp.pages and not out.get("pages"):
        out["pages"] = imp.pages
    for key in ("title", "container"):
        out[key] = _strip_place(out.get(key), imp)
    if squash(out.get("publisher")) == squash(imp.place):
        out["publisher"] = None
    out["place"] = imp.place
    reading = _reading(text, imp.start)
    if reading.names is None:
        return RefFields.from_values(out)
    names = reading.names
    authors = tuple(out.get("authors") or ())
    if len(authors) > len(names) and reading.title:
        # "T.W. Allen, Homeri Opera V": title words read as a second author.
        if all(squash(a.family) in squash(reading.title) for a in authors[len(names):]):
            out["authors"] = authors[: len(names)]
            if [a.family for a in out.get("editors") or ()] == [a.family for a in out["authors"]]:
                out["authors"] = ()  # "E.C. Armstrong (ed.), Book": an edited book (see parser._merge)
    if out.get("publisher") and any(squash(out["publisher"]) in squash(v) for v in (reading.title, reading.container) if v):
        out["publisher"] = None  # "W. Schadewalt, Iliasstudien, Leipzig 1938": the title read as a publisher
    for key in ("title", "container"):
        new, old = getattr(reading, key), out.get(key)
        if new and (not old or (squash(new) != squash(old) and (_part_of(old, new) or _editors_after(new, old)))):
            out[key] = new
    if reading.editors and [a.family for a in out.get("editors") or ()] != [a.family for a in reading.editors]:
        out["editors"] = reading.editors  # "in D. Lanza – O. Longo, Book": one editor to the CRF
    if reading.title and not reading.container and squash(out.get("container")) == squash(reading.title):
        out["title"], out["container"] = reading.title, None  # a book's title read as a container
    return RefFields.from_values(out)


def _part_of(old: str, new: str) -> bool:
    """``old`` is a piece of ``new``: its start or end was cut off."""
    o, n = squash(old), squash(new)
    return len(o) >= 3 and (n.endswith(o) or n.startswith(o))


def _editors_after(new: str, old: str) -> bool:
    """``old`` is ``new`` and its editors: "Book, a c. di F. Bertolini"."""
    return old.startswith(new) and bool(_BOOK_EDITORS.match(old[len(new):] + " "))


#: "(London: Macmillan)", "(Cambridge, MA: MIT Press, 1999)" at the end, maybe before pages.
_BRACKETED = re.compile(
    rf"\((?P<place>{_PLACE}(?:,\s*[A-Z]{{2}}\.?)?)\s*:\s*(?P<pub>[^():;,]{{2,80}}?)(?:,\s*(?:{_YEAR})[a-z]?)?\)"
    r"(?:\s*[,.]?\s*(?:pp?\.\s*)?\d+\s*[-–]\s*\d+)?\s*\.?\s*$"
)
#: "… Unpublished PhD thesis (University of Liverpool)."
_THESIS_SCHOOL = re.compile(r"\b(?:thesis|dissertation)\s*\((?P<school>[^():;]{4,80})\)\s*\.?\s*$", re.I)
#: What a book's title does not run on into: a series number, a thesis, a report, a chapter's book.
_NOT_TITLE = re.compile(r"\d|\b(?:thesis|dissertation|paper|report|series|eds?\.|in:)|[(\[]", re.I)


def bracketed_imprint(entry: EntryText, fields: RefFields) -> RefFields:
    """Place, publisher and a book's whole title from "Title (Place: Publisher)"."""
    text, values = entry.text, fields.as_dict()
    if t := _THESIS_SCHOOL.search(text):
        if not values.get("publisher"):
            return RefFields.from_values({**values, "publisher": t.group("school").strip()})
        return fields
    m = _BRACKETED.search(text)
    if not m:
        return fields
    out = dict(values)
    out["place"], out["publisher"] = m.group("place").strip(), m.group("pub").strip()
    title = (out.get("title") or "").rstrip(" ([")  # "Title, T. Bahti (" before "trans.)"
    if title and not out.get("container"):
        head = text[: m.start()].rstrip(" ,.")
        at = head.find(title[:25])
        if at >= 0 and len(head) > at + len(title) and not _NOT_TITLE.search(head[at + len(title):]):
            out["title"] = head[at:]
        if at > 0 and re.search(r"\)\s*[.:]?\s*In\s+$", head[:at]):
            out["title"] = "In " + out["title"]  # "(1990) In Praise of Sociology": no chapter's "In"
    return RefFields.from_values(out)
