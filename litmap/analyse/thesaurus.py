"""The scholar's own corrections: a thesaurus file, as VOSviewer and bibliometrix read them.

A thesaurus is a tab-separated (or comma-separated) file with a header line
and one correction a line::

    kind	label	replace by
    author	SWYNGEDOUW E	Swyngedouw
    author	De Landa	DeLanda
    work	Harvey 1989a	Harvey 1989
    author	Anonymous

``kind`` is ``author`` (a cited first author, matched however it is printed:
case, dots, particles and diacritics do not matter) or ``work`` (a work's
label such as ``Harvey 1989`` or its id ``W…``).  Two columns (``label``,
``replace by``) mean authors, as in VOSviewer's thesaurus.  An empty
``replace by`` drops the author from author networks (an author) or the
work from every network (a work).  The file is read on every run that builds
networks or reports, so corrections survive a refresh: nothing is written to
the store.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Optional

from litmap.errors import InputError
from litmap.parse.names import normalise_surname
from litmap.store.corpusdata import CorpusData, WorkInfo

__all__ = ["Thesaurus", "parse_thesaurus", "read_thesaurus", "apply_thesaurus"]

log = logging.getLogger(__name__)

KINDS = ("author", "work")


@dataclass(frozen=True)
class Thesaurus:
    """``authors``: surname key → replacement ("" drops); ``works``: casefolded label or id → replacement."""

    authors: Mapping[str, str] = field(default_factory=dict)
    works: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.authors or self.works)

    def author(self, name: Optional[str]) -> Optional[str]:
        """The name to use for ``name``: replaced, dropped (None) or as it is."""
        if not name:
            return name
        new = self.authors.get(normalise_surname(name))
        if new is None:
            return name
        return new or None


def parse_thesaurus(text: str, source: str = "thesaurus") -> Thesaurus:
    """Read a thesaurus from its text (see the module docstring); InputError names the bad line."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return Thesaurus(source=source)
    delimiter = "\t" if "\t" in lines[0] else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    header = [h.strip().casefold() for h in rows[0]]
    if "label" not in header:
        raise InputError(f"{source}: the first line must name the columns, e.g. 'label<TAB>replace by' "
                         f"or 'kind<TAB>label<TAB>replace by'; got {lines[0]!r}")
    has_kind = "kind" in header
    authors: dict[str, str] = {}
    works: dict[str, str] = {}
    for n, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row] + ["", "", ""]
        kind, label, new = (cells[0].casefold(), cells[1], cells[2]) if has_kind else ("author", cells[0], cells[1])
        if kind not in KINDS:
            raise InputError(f"{source}, line {n}: unknown kind {cells[0]!r}; use one of {', '.join(KINDS)}")
        if not label:
            raise InputError(f"{source}, line {n}: no label to replace")
        if kind == "author":
            key = normalise_surname(label)
            if not key:
                raise InputError(f"{source}, line {n}: {label!r} holds no letters to match an author by")
            authors[key] = new
        else:
            works[label.casefold()] = new
    return Thesaurus(authors, works, source)


def read_thesaurus(path: Path) -> Thesaurus:
    """Read the thesaurus file at ``path`` (UTF-8, a BOM allowed)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the thesaurus {path}: {exc}; give a UTF-8 TSV file") from exc
    return parse_thesaurus(text, str(path))


def _work_targets(data: CorpusData, thesaurus: Thesaurus) -> tuple[dict[str, Optional[str]], dict[str, str]]:
    """work id → the work id it becomes (None: dropped), for works the thesaurus names;
    and work id → its new label, where the replacement names no existing work."""
    by_label: dict[str, list[str]] = {}
    for w in data.works.values():
        by_label.setdefault(w.label.casefold(), []).append(w.id)
        by_label.setdefault(w.id.casefold(), []).append(w.id)
    out: dict[str, Optional[str]] = {}
    labels: dict[str, str] = {}
    for label, new in thesaurus.works.items():
        sources = by_label.get(label, [])
        if not sources:
            log.warning("%s: no work is labelled %r; that line changes nothing", thesaurus.source, label)
            continue
        if not new:
            out.update({s: None for s in sources})
            continue
        targets = sorted(by_label.get(new.casefold(), []))
        if not targets:
            # A new label for the work(s): they merge under the first one's id.
            first = sorted(sources)[0]
            out.update({s: first for s in sources if s != first})
            labels[first] = new
            continue
        out.update({s: targets[0] for s in sources if s != targets[0]})
    return out, labels


def apply_thesaurus(data: CorpusData, thesaurus: Thesaurus) -> CorpusData:
    """``data`` with the thesaurus's corrections: works merged or dropped, first authors replaced."""
    if not thesaurus:
        return data
    moved, labels = _work_targets(data, thesaurus)
    works: dict[str, WorkInfo] = {
        wid: replace(w, first_author=thesaurus.author(w.first_author), label=labels.get(wid, w.label))
        for wid, w in data.works.items() if wid not in moved
    }

    def remap(ids: tuple[str, ...]) -> tuple[str, ...]:
        out: list[str] = []
        for i in ids:
            j = moved[i] if i in moved else i
            if j is not None and j not in out:
                out.append(j)
        return tuple(out)

    references = {pid: remap(ids) for pid, ids in data.references.items()}
    contexts = tuple(replace(c, work_ids=remap(c.work_ids)) for c in data.contexts)
    merged = sum(1 for v in moved.values() if v)
    log.info("thesaurus %s: %d author line(s), %d work(s) merged, %d dropped", thesaurus.source,
             len(thesaurus.authors), merged, len(moved) - merged)
    return replace(data, works=works, references=references, contexts=contexts)
