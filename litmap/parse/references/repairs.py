"""The repair steps, in the order they run on the merged fields.

The CRF and the rules each miss forms that the whole string shows plainly.
Each step below mends one family of such misreadings: it takes the entry's
text (:class:`EntryText`) and the fields so far (:class:`RefFields`) and
returns the fields mended, or the same fields when its family is absent.
Every step was found in the error analysis of the gold sets and kept only
where it helped without loss on the others (``benchmarks/eval_references.py``);
``tests/test_reference_repairs.py`` holds a table of cases for each.

Order matters where two steps touch one field: the numbers are read first
(a date read as the volume would otherwise look like a journal's volume),
then the journal's name, editors, title/container boundaries, imprints, and
last the containers of grey literature, which act only where no container
was found.  To add a repair, write it in the ``repair_*`` module of its kind
with a docstring naming the failure it mends, add it to :data:`REPAIRS` at
the place its inputs are settled, and add its rows to the test table.

A step that no longer changes any parse is retired: ``journal_only`` (a
journal, volume and pages with no author read as names, "Nucl. Phys. B 897
(2015) 39") changed none of 7,769 strings (every field gold set, the
references of the mixed corpus and of the shared ``misc`` and JOSS PDFs)
once the CRF and rules read them right (issue 17); its cases are kept in
``tests/test_reference_repairs.py`` as whole-parser checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.repair_bounds import (
    chicago_book_editors,
    date_only_imprint,
    in_book_title,
    in_colon_container,
    newspaper_date,
    quoted_title,
    slashed_container,
    title_opening_in,
    unclosed_bracket,
    unmarked_boundary,
)
from litmap.parse.references.repair_editors import editors_in_container, in_names, in_names_book
from litmap.parse.references.repair_grey import genre_words, grey_containers, site_before_url
from litmap.parse.references.repair_imprint import bracketed_imprint, place_year_imprint
from litmap.parse.references.repair_journals import (
    comma_journal,
    journal_volume_year,
    question_title,
    subtitle_in_container,
    volume_in_journal_name,
)
from litmap.parse.references.repair_numbers import (
    date_volume,
    issue_after_volume,
    marked_pages,
    meeting_days,
    roman_volume,
    volume_before_range,
    year_range_in_title,
)
from litmap.parse.references.spans import split_place

__all__ = ["REPAIRS", "Repair", "apply_repairs"]


def place_apart(entry: EntryText, fields: RefFields) -> RefFields:
    """Places printed alone or run into the publisher ("Polity, Cambridge",
    "Oxford: Blackwell") or into a chapter's book ("Book. Göttingen: V&R")
    are moved to ``place``."""
    return RefFields.from_values(split_place(fields.as_dict()))


_ADDRESS_START = re.compile(r"https?://|www\.")
#: A container's own "In" before the book: "In The Philosophy of …".
_IN_BEFORE_BOOK = re.compile(r"In:?\s+[A-Z\d]")
#: A closing bracket left at the start of a value (after a year note: "in press) Title").
_STRAY_CLOSING_BRACKET_AT_START = re.compile(r"^(?:(?:under review|in press|forthcoming|submitted)\s*)?[)\]]\s*", re.I)
_STRAY_OPENING_BRACKET_AT_END = re.compile(r"\s*[(\[]$")
_LETTER = re.compile(r"[^\W\d_]")


def stray_brackets(entry: EntryText, fields: RefFields) -> RefFields:
    """A bracket closing what opened in another field, or opening what was
    cut off (") Revitalizing cities", "under review) The …", "… sustainable
    ("), is cut from the title, container, publisher and place; a value of
    numbers alone ("45巻 1号" left as "45 1") is no title and is dropped; a
    container's own "In" before the book ('“Sartre on Freedom,” In The
    Philosophy of …') is no part of it, nor is the second piece of an
    address broken by a space part of the title ("History. org/history")."""
    out = fields.as_dict()
    if out.get("title") and _ADDRESS_START.search(entry.text):
        # An address broken by a space: its second piece left in the title ("History. org/history",
        # "… resistance. : document/philosophy-nonviolence-…").
        cut = re.sub(r"\s*[.,;:]\s*(?:[.,;:]\s*)*[a-z][\w.~%-]*/[\w./~%?=&#-]*$", "", out["title"])
        # An address left in the title itself, with what announced it.
        cut = re.sub(r"[\s.,;:]+(?:(?:available|retrieved)\s+(?:at|from|on)\s*:?\s*)?(?:https?://|www\.)\S*.*$", "", cut, flags=re.I)
        if cut != out["title"] and len(cut.split()) >= 1:
            out["title"] = cut.rstrip(" .,;:")
    if out.get("container") and _IN_BEFORE_BOOK.match(out["container"]):
        out["container"] = re.sub(r"^In:?\s+", "", out["container"])  # '“Sartre on Freedom,” In The Philosophy of …'
    for key in ("title", "container", "publisher", "place"):
        if out.get(key):
            value = _STRAY_CLOSING_BRACKET_AT_START.sub("", out[key])
            out[key] = _STRAY_OPENING_BRACKET_AT_END.sub("", value) or None
        if out.get(key) and not _LETTER.search(out[key]):
            out[key] = None
    return RefFields.from_values(out)


@dataclass(frozen=True)
class Repair:
    """One named repair step."""

    name: str
    mend: Callable[[EntryText, RefFields], RefFields]


#: The repair steps in the order they run (see the module docstring).
REPAIRS: tuple[Repair, ...] = tuple(
    Repair(step.__name__, step)
    for step in (
        place_apart,
        date_volume,
        issue_after_volume,
        volume_in_journal_name,
        question_title,
        in_names,
        in_names_book,
        quoted_title,
        slashed_container,
        chicago_book_editors,
        in_book_title,
        in_colon_container,
        title_opening_in,
        date_only_imprint,
        unclosed_bracket,
        newspaper_date,
        place_year_imprint,
        bracketed_imprint,
        comma_journal,
        subtitle_in_container,
        journal_volume_year,
        unmarked_boundary,
        grey_containers,
        genre_words,
        site_before_url,
        editors_in_container,
        year_range_in_title,
        meeting_days,
        marked_pages,
        volume_before_range,
        roman_volume,
        stray_brackets,
    )
)


def apply_repairs(entry: EntryText, fields: RefFields) -> RefFields:
    """``fields`` after every step of :data:`REPAIRS`, in order."""
    for repair in REPAIRS:
        fields = repair.mend(entry, fields)
    return fields
