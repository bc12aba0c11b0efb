"""The typed records the reference parser passes between its stages.

:class:`RefFields` holds the fields of one reference as the labeller and the
rules read them, and as each repair step (:mod:`.repairs`) mends them; the
parser turns the last one into a :class:`litmap.models.Reference`.
:class:`EntryText` is the string every repair step checks the fields
against.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from litmap.models import Author

__all__ = ["EntryText", "FIELD_NAMES", "RefFields"]


@dataclass(frozen=True)
class RefFields:
    """The bibliographic fields of one reference entry (no DOI, URL or
    type: those come from the rules and are set on the ``Reference``)."""

    authors: tuple[Author, ...] = ()
    editors: tuple[Author, ...] = ()
    et_al: bool = False
    year: Optional[int] = None
    year_suffix: Optional[str] = None
    year_note: Optional[str] = None
    title: Optional[str] = None
    container: Optional[str] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    edition: Optional[str] = None
    publisher: Optional[str] = None
    place: Optional[str] = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> "RefFields":
        """The record of a field mapping (keys outside :data:`FIELD_NAMES`
        are ignored; missing names and lists read as empty).  Built as the
        generated ``__init__`` would (each field in order into the instance
        dict) without its per-field frozen ``object.__setattr__``: every repair
        step makes one (issue 23)."""
        get = values.get
        obj = object.__new__(cls)
        d = obj.__dict__
        d["authors"] = tuple(get("authors") or ())
        d["editors"] = tuple(get("editors") or ())
        d["et_al"] = bool(get("et_al"))
        for k in _SCALARS:
            d[k] = get(k)
        return obj

    def as_dict(self) -> dict[str, Any]:
        """A working copy of the fields, for a repair step to edit (the instance
        dict holds exactly the fields, in order)."""
        return dict(self.__dict__)


#: Every field of :class:`RefFields`, in the order a ``Reference`` takes them.
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(RefFields))
_SCALARS = FIELD_NAMES[3:]


@dataclass(frozen=True)
class EntryText:
    """One reference entry as the repair steps read it: ``text`` is the
    cleaned string (noise removed, accents attached); ``crf_text`` the same
    without the entry's number, as the labeller saw it."""

    text: str
    crf_text: str
