"""Typed, frozen records that flow between the pipeline stages.

Every record that comes from a file carries provenance: the page (1-based PDF
page) and, where it applies, a character span into the text it was found in.
Records convert to and from plain dicts (``to_dict`` / ``from_dict``) so they
can be stored as JSON and printed by ``litmap extract``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Optional, Type, TypeVar

__all__ = [
    "Author",
    "Source",
    "Metadata",
    "Section",
    "Paragraph",
    "Reference",
    "CitedWork",
    "Citation",
    "Document",
    "SECTION_KINDS",
    "PARAGRAPH_KINDS",
    "REFERENCE_TYPES",
]

T = TypeVar("T")

#: What a section can be.  ``front`` is the title block (title, authors,
#: affiliations); ``body`` is any headed section of the main text.
SECTION_KINDS = (
    "front",
    "abstract",
    "keywords",
    "body",
    "notes",
    "acknowledgements",
    "references",
    "appendix",
)

#: Paragraph kinds: body text, or material kept apart from the body flow.
PARAGRAPH_KINDS = ("body", "caption", "footnote", "table", "front", "reference")

REFERENCE_TYPES = ("article", "book", "chapter", "report", "thesis", "web", "other")


class _Record:
    """Shared ``to_dict`` / ``from_dict`` for the frozen dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        return _to_plain(self)

    @classmethod
    def from_dict(cls: Type[T], data: dict[str, Any]) -> T:
        return _from_plain(cls, data)


#: Field names of each record class met by :func:`_to_plain`, or None for a class that is no dataclass:
#: ``dataclasses.fields`` rebuilt the tuple on every call (a document's ~900 records are converted for the store).
_FIELD_NAMES: dict[type, Optional[tuple[str, ...]]] = {}


def _field_names(cls: type) -> Optional[tuple[str, ...]]:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


def _to_plain(value: Any) -> Any:
    names = _field_names(type(value))
    if names is not None:
        return {name: _to_plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    return value


# Which fields hold nested records, so from_dict can rebuild them.
_NESTED: dict[str, dict[str, type]] = {}


def _from_plain(cls: Any, data: dict[str, Any]) -> Any:
    nested = _NESTED.get(cls.__name__, {})
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}
    for key, value in data.items():
        if key not in names:
            continue  # tolerate extra keys from newer versions
        if key in nested and value is not None:
            sub = nested[key]
            if isinstance(value, list):
                value = tuple(_from_plain(sub, v) for v in value)
            else:
                value = _from_plain(sub, value)
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[key] = value
    return cls(**kwargs)


@dataclass(frozen=True)
class Author(_Record):
    """A person (``family`` + ``given``) or an organisation (``given`` None,
    ``organisation`` True)."""

    family: str
    given: Optional[str] = None
    organisation: bool = False

    def display(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass(frozen=True)
class Source(_Record):
    """The file a document came from."""

    path: str
    sha256: str
    pages: int = 0
    text_layer: bool = True
    ocr: bool = False
    engine: str = ""
    media_type: str = "pdf"  # pdf | txt | md | html


@dataclass(frozen=True)
class Metadata(_Record):
    title: Optional[str] = None
    authors: tuple[Author, ...] = ()
    affiliations: tuple[str, ...] = ()
    year: Optional[int] = None
    journal: Optional[str] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    doi: Optional[str] = None
    keywords: tuple[str, ...] = ()
    abstract: Optional[str] = None
    #: Where fields came from when that matters to a reader, as "field:source" (``"year:pdf-date guess"``,
    #: ``"title:text head"``, ``"title:library …"``); see :mod:`litmap.parse.metadata`.
    provenance: tuple[str, ...] = ()

    def source_of(self, field: str) -> Optional[str]:
        """The recorded source of ``field``, or None."""
        return next((p.split(":", 1)[1] for p in self.provenance if p.split(":", 1)[0] == field), None)

    @property
    def guessed(self) -> tuple[str, ...]:
        """Fields whose value is a guess (e.g. a year from the PDF's creation date)."""
        return tuple(p.split(":", 1)[0] for p in self.provenance if "guess" in p)


@dataclass(frozen=True)
class Section(_Record):
    """A stretch of the document under one heading, with its page span.

    ``char_start``/``char_end`` index into :attr:`Document.text`.
    """

    heading: Optional[str]
    kind: str
    page: int
    page_end: int
    text: str
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class Paragraph(_Record):
    """A block of text in reading order (body, caption, footnote, …).

    ``section`` indexes :attr:`Document.sections`; ``char_start``/``char_end``
    index into :attr:`Document.text`.
    """

    text: str
    page: int
    section: int
    kind: str = "body"
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class Reference(_Record):
    """One entry of a paper's reference list, parsed into fields."""

    index: int
    raw: str
    authors: tuple[Author, ...] = ()
    editors: tuple[Author, ...] = ()
    et_al: bool = False
    year: Optional[int] = None
    year_suffix: Optional[str] = None
    year_note: Optional[str] = None  # "n.d." / "in press" / "forthcoming"
    title: Optional[str] = None
    container: Optional[str] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    edition: Optional[str] = None
    publisher: Optional[str] = None
    place: Optional[str] = None
    doi: Optional[str] = None
    url: Optional[str] = None
    type: str = "other"
    page: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def people(self) -> tuple[Author, ...]:
        """Who a citation names for this entry: its authors, or the editors of an edited book."""
        return self.authors or self.editors


@dataclass(frozen=True)
class CitedWork(_Record):
    """One work named inside an in-text citation, e.g. ``Y. Li & Wu, 2012``."""

    surnames: tuple[str, ...]
    year: Optional[int] = None
    year_suffix: Optional[str] = None
    initials: Optional[str] = None
    et_al: bool = False
    locator: Optional[str] = None
    prefix: Optional[str] = None
    reference: Optional[int] = None  # index into Document.references
    confidence: float = 0.0
    unresolved_reason: Optional[str] = None
    number: Optional[int] = None  # numeric styles: [12]
    year_note: Optional[str] = None  # "n.d." / "in press" / "forthcoming" (year is then None)


@dataclass(frozen=True)
class Citation(_Record):
    """An in-text citation group and where it sits."""

    raw: str
    kind: str  # parenthetical | narrative | numeric
    page: int
    section: Optional[str]
    sentence: str
    paragraph: int
    cites: tuple[CitedWork, ...]
    char_start: int = 0
    char_end: int = 0


@dataclass(frozen=True)
class Document(_Record):
    """Everything extracted from one file.

    ``text`` is the body flow in reading order; sections and paragraphs index
    into it.  ``warnings`` are non-fatal problems worth showing the user.
    """

    source: Source
    metadata: Metadata = field(default_factory=Metadata)
    text: str = ""
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    references: tuple[Reference, ...] = ()
    citations: tuple[Citation, ...] = ()
    warnings: tuple[str, ...] = ()


_NESTED.update(
    {
        "Metadata": {"authors": Author},
        "Reference": {"authors": Author, "editors": Author},
        "Citation": {"cites": CitedWork},
        "Document": {
            "source": Source,
            "metadata": Metadata,
            "sections": Section,
            "paragraphs": Paragraph,
            "references": Reference,
            "citations": Citation,
        },
    }
)
