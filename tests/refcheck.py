"""Reference-parsing examples as table rows: one raw string, the fields it must give.

    CASES = [case("apa-article", "Arthurson, K. ... (2015). ...", family=["Arthurson"], year=2015), ...]

    @pytest.mark.parametrize("raw, expected", CASES)
    def test_fields(raw, expected):
        check_fields(parse_reference(raw), expected)

A field is a ``Reference`` attribute or one of the shorthands in ``field``;
an expected value is compared with ``==``, so besides plain values it can be
one of the matchers below (``startswith("The")``, ``FALSY`` …).  A failure
names every wrong field and the raw string.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from litmap.models import Reference
from litmap.parse.names import initials_of, normalise_surname


def case(id: str, raw: str, **fields: Any) -> Any:
    """One example: ``raw`` must parse into ``fields``; ``id`` names it in the test report."""
    return pytest.param(raw, fields, id=id)


def field(ref: Reference, key: str) -> Any:
    """A field of ``ref``; shorthands for the people in it."""
    if key == "family":  # the authors' family names
        return [a.family for a in ref.authors]
    if key == "names":  # the authors as (family, given)
        return [(a.family, a.given) for a in ref.authors]
    if key == "editors":  # the editors' family names
        return [e.family for e in ref.editors]
    if key == "editor_names":
        return [(e.family, e.given) for e in ref.editors]
    if key == "family_keys":  # the authors' family names as matching compares them
        return [normalise_surname(a.family) for a in ref.authors]
    if key in ("first_family", "given", "initials", "organisation"):  # of the first author
        if not ref.authors:
            return "<no authors>"
        first = ref.authors[0]
        if key == "first_family":
            return first.family
        return initials_of(first.given) if key == "initials" else getattr(first, key)
    return getattr(ref, key)


def check_fields(ref: Reference, expected: dict[str, Any]) -> None:
    wrong = [(key, field(ref, key), want) for key, want in expected.items()]
    wrong = [(key, got, want) for key, got, want in wrong if not got == want]
    assert not wrong, "; ".join(f"{key} = {got!r}, expected {want!r}" for key, got, want in wrong) + f"\nin {ref.raw!r}"


class Matcher:
    """Equal to the values ``test`` accepts; ``text`` says which in a failure."""

    def __init__(self, test: Callable[[Any], bool], text: str):
        self.test, self.text = test, text

    def __eq__(self, got: object) -> bool:
        return self.test(got)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return self.text


def startswith(prefix: str) -> Matcher:
    return Matcher(lambda got: isinstance(got, str) and got.startswith(prefix), f"<text starting {prefix!r}>")


def endswith(suffix: str) -> Matcher:
    return Matcher(lambda got: isinstance(got, str) and got.endswith(suffix), f"<text ending {suffix!r}>")


def contains(part: str) -> Matcher:
    return Matcher(lambda got: isinstance(got, str) and part in got, f"<text containing {part!r}>")


def lacks_text(part: str) -> Matcher:
    return Matcher(lambda got: part not in (got or ""), f"<text without {part!r}>")


def includes(item: Any) -> Matcher:
    return Matcher(lambda got: item in got, f"<a collection holding {item!r}>")


def lacks(item: Any) -> Matcher:
    return Matcher(lambda got: item not in got, f"<a collection without {item!r}>")


def mentions(part: str) -> Matcher:
    """Some string of a collection (a reference's warnings) contains ``part``."""
    return Matcher(lambda got: any(part in w for w in got), f"<a collection with a text containing {part!r}>")


def of_length(n: int) -> Matcher:
    return Matcher(lambda got: len(got) == n, f"<{n} items>")


def other_than(value: Any) -> Matcher:
    return Matcher(lambda got: got != value, f"<anything but {value!r}>")


def one_of(*values: Any) -> Matcher:
    return Matcher(lambda got: got in values, f"<one of {values!r}>")


def all_of(*matchers: Matcher) -> Matcher:
    return Matcher(lambda got: all(m == got for m in matchers), " and ".join(map(repr, matchers)))


FALSY = Matcher(lambda got: not got, "<empty or None>")
TRUTHY = Matcher(lambda got: bool(got), "<non-empty>")
