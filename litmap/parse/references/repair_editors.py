"""Repair of editors printed bare after "in", read as the publisher or the journal.

"in: Deckmyn / Thomson, pp." (a short form of an edited book listed
elsewhere) and "in: W. Hummer, Book, Publisher" name a chapter's editors
without "(eds)"; the CRF reads them as the publisher or the journal
(:func:`in_names`).
"""

from __future__ import annotations

import re
from typing import Any

from litmap.parse.names.reference_authors import parse_authors
from litmap.parse.references.record import EntryText, RefFields

__all__ = ["editors_in_container", "in_names", "in_names_book"]


#: "in: Deckmyn / Thomson, pp." (a short form of an edited book listed
#: elsewhere) and "in: W. Hummer, Title, …": editors printed bare.
_IN_SLASH = re.compile(r"\bin:?\s+(?P<n>[A-Z][\w'-]+(?:\s*/\s*[A-Z][\w'-]+)+)\s*,\s*(?:pp?\.|S\.)")
_IN_INITIALS = re.compile(r"\bin:?\s+(?P<n>(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+(?:(?:,|\s+and|\s*&)\s+(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+)*),\s+")
_PUBLISHER_WORDS = re.compile(r"verlag|press|publish|buchhandlung|books\b|editions?\b|university", re.I)
#: "In Sigmund Freud, Standard edition (Vol. 14 …" / "In Erich Trunz, Werke." (given names first) and
#: Vancouver "In: Jorge SA, Dantas SRPE. Abordagem … de feridas." (surname and initials): the names, then the book.
_PERSON = r"(?:[A-Z][a-zà-ÿ]+\s+){1,2}[A-Z][a-zà-ÿ'-]+"
_VANCOUVER = r"[A-Z][a-zà-ÿ'-]+\s+[A-Z]{1,4}"
_IN_NAMES_BOOK = re.compile(
    rf"\b[Ii]n:?\s+(?P<n>{_PERSON}(?:(?:,|\s+and|\s*&)\s+{_PERSON})*|{_VANCOUVER}(?:,\s+{_VANCOUVER})*)[,.]\s+"
    r"(?P<b>[A-Z][^.(\[]*?[^\s.,(])(?=\s*(?:\(|\[|\.\s|\.?$|,\s*(?:pp?\.|\d)))"
)


def in_names(entry: EntryText, fields: RefFields) -> RefFields:
    """Editors printed without "(eds)" after "in", read by the CRF as the
    publisher or the journal, become the editors."""
    text, values = entry.text, fields.as_dict()
    out = dict(values)
    if out.get("editors") or out.get("volume"):
        return RefFields.from_values(out)
    for pat in (_IN_SLASH, _IN_INITIALS):
        m = pat.search(text)
        if not m:
            continue
        names = m.group("n")
        key = re.sub(r"\W+", "", names).lower()
        hit = [k for k in ("publisher", "container") if out.get(k) and re.sub(r"\W+", "", out[k]).lower() == key]
        if not hit:
            continue
        editors, _ = parse_authors(names)
        if not editors or any(a.organisation for a in editors):
            continue
        out["editors"] = editors
        for k in hit:
            out[k] = None
        cont = out.get("container")
        if cont and not out.get("publisher") and ", " in cont:
            # "Book, Manzsche Verlags- und Universitätsbuchhandlung": the
            # publisher the names displaced is the book's last part.
            book, _, pub = cont.rpartition(", ")
            if _PUBLISHER_WORDS.search(pub):
                out["container"], out["publisher"] = book, pub
        break
    return RefFields.from_values(out)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def in_names_book(entry: EntryText, fields: RefFields) -> RefFields:
    """Editors printed bare after "In" with full given names or in Vancouver
    form, then the book ("In Sigmund Freud, Standard edition (Vol. 14,
    pp.159-204)", "In: Jorge SA, Dantas SRPE. Abordagem multiprofissional
    no tratamento de feridas."), the names read as the container: they are
    the editors and the book is the container."""
    out = fields.as_dict()
    cont = out.get("container")
    if not cont:
        return fields
    m = _IN_NAMES_BOOK.search(entry.text)
    if not m:
        return fields
    names, book = m.group("n"), m.group("b").strip()
    key, names_key = _key(cont), _key(names)
    pieces = [_key(p) for p in re.split(r",\s+|\s+and\s+|\s*&\s+", names) if p.strip()]
    # The container read is the names, or opens with a Vancouver name ("Dantas SRPE. Abordagem …"):
    # a book's title can look like given names ("In Unnatural Narratives, Unnatural Narratology").
    vancouver = re.fullmatch(rf"{_VANCOUVER}(?:,\s+{_VANCOUVER})*", names) is not None
    if not (key == names_key or vancouver and any(key.startswith(p) for p in pieces)):
        return fields
    if re.match(r"(?:volumes?|vols?|band|bd|part|teil|tome|book|chapter|section)\b", book, re.I):
        return fields  # "In Literary Criticism, Volume Two": the book and its volume
    editors, _ = parse_authors(names)
    if not editors or any(a.organisation for a in editors):
        return fields
    out["editors"], out["container"] = editors, book
    return RefFields.from_values(out)


_EDS_IN_BOOK = re.compile(r"\s*\((?:eds?|edd|hrsg|hg|éds?|dirs?)\.?\)[\s.,:]*", re.I)


def editors_in_container(entry: EntryText, fields: RefFields) -> RefFields:
    """A book's editors and their "(ed.)" read into the book's title ("in
    par M. Baratin - C. Jacob (ed.), Le pouvoir des bibliothèques, Paris
    1996"): the names are the editors (joined by "-", after "par"/"by"),
    the rest is the book."""
    cont = fields.container
    m = _EDS_IN_BOOK.search(cont) if cont else None
    if not cont or not m or m.start() == 0 or len(cont[m.end():].split()) < 2:
        return fields
    names = re.sub(r"^(?:par|by|von|di|de|hg\.? v\.)\s+", "", cont[: m.start()].strip(), flags=re.I)
    editors, _ = parse_authors(re.sub(r"\s+[-–]\s+", " and ", names))
    if not editors or any(a.organisation for a in editors) or len(names.split()) > 12:
        return fields
    return RefFields.from_values({**fields.as_dict(), "container": cont[m.end():].strip(), "editors": editors})
