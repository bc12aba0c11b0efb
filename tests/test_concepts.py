"""Concept lexicon: loading, merging, validation and matching."""

from __future__ import annotations

import textwrap

import pytest

from litmap.analyse.concepts import (
    ConceptHit,
    canonical_token,
    concept_counts,
    load_lexicon,
    match_concepts,
)
from litmap.errors import InputError


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _ids(text, lexicon):
    return [h.concept_id for h in match_concepts(text, lexicon)]


def _write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return str(p)


def test_default_lexicon_is_rich_and_consistent(lexicon):
    assert 60 <= len(lexicon.concepts) <= 120
    for debate in ("state-rescaling", "city-regionalism", "assemblage", "scale-politics", "new-state-spaces",
                   "development-zones", "urban-entrepreneurialism", "territory-relational", "governance"):
        assert debate in lexicon.debates
        assert lexicon.in_debate(debate), debate
    for c in lexicon.concepts:
        assert c.gloss and c.gloss.endswith("."), c.id
        assert c.debates, c.id


@pytest.mark.parametrize(
    "text, concept",
    [
        ("the territorialisation of the state", "territorialisation"),
        ("the territorialization of the state", "territorialisation"),
        ("a city-region", "city-region"),
        ("two city regions", "city-region"),
        ("the cityregion", "city-region"),
        ("a city-\nregion", "city-region"),
        ("a city- region", "city-region"),
        ("re-scaling", "rescaling"),
        ("re- scaling", "rescaling"),
        ("rescal-\ning", "rescaling"),
        ("Rescaling", "rescaling"),
        ("\u201cassemblages\u201d", "assemblage"),
        ("'assemblage thinking'", "assemblage-thinking"),
        ("neoliberalization", "neoliberalisation"),
        ("mega-city regions", "mega-city-region"),
        ("Keynesian welfare national states", "keynesian-welfare-national-state"),
        ("urban entrepreneurialism", "urban-entrepreneurialism"),
        ("the NNAs", "national-new-area"),
    ],
)
def test_variants(text, concept, lexicon):
    assert _ids(text, lexicon) == [concept]


def test_acronyms_are_case_sensitive(lexicon):
    assert _ids("the nna and sez", lexicon) == []
    assert _ids("the NNA and SEZ", lexicon) == ["national-new-area", "special-economic-zone"]


def test_longest_match_wins(lexicon):
    text = "State rescaling drives city regionalism, not just rescaling of a city-region."
    hits = match_concepts(text, lexicon)
    assert [h.concept_id for h in hits] == ["state-rescaling", "city-regionalism", "rescaling", "city-region"]
    assert hits[0] == ConceptHit("state-rescaling", 0, 15, "State rescaling")
    # offsets index the original text, even across a line-break hyphen
    t2 = "new state spa-\nces and assemblage thinking"
    for h in match_concepts(t2, lexicon):
        assert t2[h.start : h.end] == h.matched
    assert _ids(t2, lexicon) == ["new-state-spaces", "assemblage-thinking"]


def test_multiword_forms_do_not_cross_punctuation(lexicon):
    assert "state-rescaling" not in _ids("the state. Rescaling", lexicon)


def test_canonical_token():
    assert canonical_token("Urbanizations") == canonical_token("urbanisation")
    assert canonical_token("territories") == "territory"
    assert canonical_token("process") == "process"


def test_counts_per_doc_section_year(lexicon):
    rows = [
        ("a", "introduction", 2010, "State rescaling and state rescaling again."),
        ("a", "conclusion", 2010, "An assemblage."),
        ("b", None, 2020, "Assemblage thinking and an assemblage."),
        ("c", "body", None, "Nothing to see."),
    ]
    counts = concept_counts(rows, lexicon)
    assert counts.by_doc["a"] == {"state-rescaling": 2, "assemblage": 1}
    assert counts.by_section["body"] == {"assemblage-thinking": 1, "assemblage": 1}
    assert counts.by_year[2010]["state-rescaling"] == 2
    assert counts.by_year[2020] == {"assemblage-thinking": 1, "assemblage": 1}
    assert counts.docs["assemblage"] == 2
    assert counts.total["assemblage"] == 2
    assert "c" not in counts.by_doc


def test_user_file_adds_and_extends(tmp_path, lexicon):
    path = _write(tmp_path, "mine.yaml", """
        debates:
          smart-city: {label: Smart urbanism}
        concepts:
          - id: smart-city
            label: smart city
            gloss: A data-governed city.
            variants: [smart urbanism]
            related: [governance]
            debates: [smart-city]
          - id: city-region
            variants: [functional urban region]
          - id: rescaling
            gloss: My own gloss.
            variants: [scale shift]
            replace: true
        """)
    merged = load_lexicon(extra=[path])
    assert len(merged.concepts) == len(lexicon.concepts) + 1
    assert merged.get("smart-city").debates == ("smart-city",)
    cr = merged.get("city-region")
    assert "functional urban region" in cr.variants and "city regional" in cr.variants
    assert merged.get("rescaling").variants == ("scale shift",)
    assert merged.get("rescaling").gloss == "My own gloss."
    assert _ids("smart cities in a functional urban region", merged) == ["smart-city", "city-region"]
    assert merged.sources[-1] == path


def test_path_replaces_default(tmp_path):
    path = _write(tmp_path, "only.yaml", """
        debates: {d: {label: D}}
        concepts:
          - {id: foo-bar, label: foo bar, gloss: A test., debates: [d]}
        """)
    lex = load_lexicon(path)
    assert lex.ids() == ("foo-bar",)
    assert _ids("Foo-bars and a foobar", lex) == ["foo-bar", "foo-bar"]


@pytest.mark.parametrize(
    "body, needle",
    [
        ("concepts:\n  - {id: Bad Id, label: x}\n", "entry 1"),
        ("concepts:\n  - {id: new-one, gloss: no label}\n", "'new-one'"),
        ("concepts:\n  - {id: a-b, label: x, colour: red}\n", "unknown key"),
        ("concepts:\n  - {id: a-b, label: x, related: [nowhere]}\n", "unknown concept 'nowhere'"),
        ("concepts:\n  - {id: a-b, label: x, debates: [no-such-debate]}\n", "no-such-debate"),
        ("concepts:\n  - {id: a-b, label: x}\n  - {id: a-b, label: y}\n", "twice"),
        ("concepts:\n  - {id: a-b, label: x, variants: 3}\n", "variants"),
        ("concepts: [\n", "not valid YAML"),
        ("topics: []\n", "unknown top-level"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path, body, needle):
    path = _write(tmp_path, "bad.yaml", body)
    with pytest.raises(InputError) as err:
        load_lexicon(extra=[path])
    assert "bad.yaml" in str(err.value)
    assert needle in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_lexicon(extra=[str(tmp_path / "nope.yaml")])


def test_matching_a_long_text_builds_the_matcher_once(lexicon):
    # Speed is measured in benchmarks/; here: one compiled matcher serves
    # every call, and every repeat of a sentence is found.
    text = "The state rescaling of city-regions through development zones and assemblage thinking. " * 40
    first = match_concepts(text, lexicon)
    assert lexicon.matcher() is lexicon.matcher()
    assert len(first) % 40 == 0 and len(first) >= 40
    assert match_concepts(text, lexicon) == first


@pytest.mark.shared
def test_seed_texts_mention_their_debates(shared_data, lexicon):
    import glob
    import os

    rows = []
    for path in sorted(glob.glob(os.path.join(shared_data, "seeds", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for n, para in enumerate(fh.read().split("\n\n")):
                rows.append((os.path.basename(path)[:3], None, 2024, para))
    counts = concept_counts(rows, lexicon)
    a, b = counts.by_doc["000"], counts.by_doc["002"]
    # the Political Geography article: assemblage, rescaling, city regionalism in BTH
    for cid in ("assemblage", "assemblage-thinking", "state-rescaling", "city-regionalism", "beijing-tianjin-hebei"):
        assert a.get(cid, 0) >= 5, cid
    # the National New Area article: NNAs and the politics of scale
    assert b["national-new-area"] >= 50
    assert b.get("politics-of-scale", 0) + b.get("production-of-scale", 0) >= 5
