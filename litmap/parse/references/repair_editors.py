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

__all__ = ["in_names"]


#: "in: Deckmyn / Thomson, pp." (a short form of an edited book listed
#: elsewhere) and "in: W. Hummer, Title, …": editors printed bare.
_IN_SLASH = re.compile(r"\bin:?\s+(?P<n>[A-Z][\w'-]+(?:\s*/\s*[A-Z][\w'-]+)+)\s*,\s*(?:pp?\.|S\.)")
_IN_INITIALS = re.compile(r"\bin:?\s+(?P<n>(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+(?:(?:,|\s+and|\s*&)\s+(?:[A-Z]\.\s?){1,3}[A-Z][\w'-]+)*),\s+")
_PUBLISHER_WORDS = re.compile(r"verlag|press|publish|buchhandlung|books\b|editions?\b|university", re.I)


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
