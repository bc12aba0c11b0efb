"""RefFields.from_values and as_dict skip the frozen dataclass's per-field setattr (issue 23): the
record is the one its constructor makes (equal, same hash, repr and field order) and stays frozen."""

from __future__ import annotations

import dataclasses
import random

import pytest

from litmap.models import Author
from litmap.parse.references.record import FIELD_NAMES, RefFields


def _plain_from_values(values):
    return RefFields(authors=tuple(values.get("authors") or ()), editors=tuple(values.get("editors") or ()),
                     et_al=bool(values.get("et_al")), **{k: values.get(k) for k in FIELD_NAMES[3:]})


def test_from_values_makes_the_constructors_record():
    rng = random.Random(7)
    pool = [None, "", "Title", "12", 1999, "a"]
    for _ in range(500):
        values = {k: rng.choice(pool) for k in FIELD_NAMES[3:] if rng.random() < 0.6}
        if rng.random() < 0.5:
            values["authors"] = [Author(family="Smith", given="J.")] * rng.randint(0, 2)
        values["et_al"] = rng.choice([None, 0, 1, "", True])
        values["junk"] = 1
        ours, plain = RefFields.from_values(values), _plain_from_values(values)
        assert ours == plain and hash(ours) == hash(plain) and repr(ours) == repr(plain)
        assert list(ours.as_dict().items()) == [(n, getattr(plain, n)) for n in FIELD_NAMES]
        assert type(ours.authors) is tuple and type(ours.et_al) is bool


def test_the_fast_record_stays_frozen_and_as_dict_is_a_copy():
    rec = RefFields.from_values({"title": "T", "year": 2001})
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.title = "U"  # type: ignore[misc]
    d = rec.as_dict()
    d["title"] = "U"
    assert rec.title == "T" and dataclasses.replace(rec, title="U").as_dict() == d
