"""Concept mentions counted in the lexicon's sense (analyse/concept_sense.py): the concept views
(concept network, thematic map, three-field plot, timelines) leave out ambiguous terms used in
another field's sense, as the debate maps do."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace

from litmap.analyse.concept_sense import FIELD_SUPPORT, fitting_mentions, split_by_strength
from litmap.analyse.concepts import load_lexicon, match_concepts
from litmap.analyse.debates.data import ProseParagraph
from litmap.analyse.networks.build import concept_units
from litmap.analyse.sciencemaps.threefield import three_fields
from litmap.report.data import _concepts

# A GIS-methods paper: census "metropolitan areas", MAUP "zoning", terrain "topography", areal "territory".
GIS = [
    "Census tracts nest within counties, and every tract is assigned to the metropolitan area in which it lies.",
    "Results are sensitive to the zoning system used in the aggregation, the modifiable areal unit problem.",
    "Wright (1936) drew the zones from topographic maps of Cape Cod.",
    "The weighted counts exhaust the territory of the target zone.",
    "Population in the metropolitan region grew fastest at its edge.",  # no other-sense word here: weak, unsupported
    "Topography is not an issue in this flat region.",
]
# An urban paper on city-regionalism: the same ambiguous words beside the debate's own terms.
URBAN = [
    "City-regionalism rescales the state: the city-region becomes the metropolitan region of planning.",
    "Territory, relational space and territoriality are read together here.",
    "New regionalism treats the metropolitan area as a unit of competition.",
    "State rescaling, city-regionalism and the city-region remain contested.",
    "The metropolitan area grew.",  # weak, alone in its paragraph: the paper's strong evidence supports it
]


def _units(paper: int, paragraphs: list[str], lexicon) -> dict[tuple[int, int], list[str]]:
    found = {(paper, i): [h.concept_id for h in match_concepts(t, lexicon)] for i, t in enumerate(paragraphs)}
    return {k: v for k, v in found.items() if v}


def test_gis_senses_do_not_count_and_the_urban_paper_keeps_its_concepts():
    lex = load_lexicon()
    units = {**_units(1, GIS, lex), **_units(2, URBAN, lex)}
    # another sense named beside the term voids it at matching (the lexicon's not_near)
    assert (1, 0) not in units and (1, 1) not in units and (1, 2) not in units and (1, 3) not in units
    assert units[(1, 4)] == ["metropolitan-region"] and units[(1, 5)] == ["topography"]
    fit = fitting_mentions(units, lex)
    assert not any(k[0] == 1 for k in fit), fit  # weak terms of a paper with no evidence of their debate
    assert "metropolitan-region" in fit[(2, 0)] and "territory" in fit[(2, 1)] and "metropolitan-region" in fit[(2, 2)]
    assert fit[(2, 4)] == ["metropolitan-region"]  # supported by the paper's city-regionalism elsewhere
    assert sum(len(v) for k, v in fit.items() if k[0] == 2) == sum(len(v) for k, v in units.items() if k[0] == 2)


def test_one_stray_strong_word_does_not_open_a_paper_but_a_field_paper_counts_its_weak_terms():
    lex = load_lexicon()
    gis = {(1, 0): ["gentrification"], (1, 1): ["metropolitan-region", "territory"], (1, 2): ["displacement"]}
    fit = fitting_mentions(gis, lex)
    assert fit == {(1, 0): ["gentrification"]}  # displacement is weak for gentrification: 1 strong mention < 2
    gis[(1, 3)] = ["gentrification"]
    assert fitting_mentions(gis, lex)[(1, 2)] == ["displacement"]  # 2 strong gentrification mentions: its field
    assert (1, 1) not in fitting_mentions(gis, lex)  # ... but not city-regionalism's or territory's weak terms
    field = {(3, i): ["urban-entrepreneurialism"] for i in range(FIELD_SUPPORT)} | {(3, 99): ["governance"]}
    assert fitting_mentions(field, lex)[(3, 99)] == ["governance"]  # Harvey's urban governance


def test_the_rule_is_read_from_the_lexicon(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(textwrap.dedent("""
        debates: {ecology: {label: Urban ecology}, methods: {label: Methods}}
        concepts:
          - {id: green-infrastructure, label: green infrastructure, debates: [ecology]}
          - {id: corridor, label: corridor, debates: [ecology], weak: true, not_near: [transport corridor, road]}
          - {id: kriging, label: kriging, debates: [methods]}
    """), encoding="utf-8")
    lex = load_lexicon(str(f))
    assert split_by_strength(lex, "ecology", frozenset({"green-infrastructure", "corridor"})) == (
        frozenset({"green-infrastructure"}), frozenset({"corridor"}))
    units = _units(1, ["Green infrastructure links each corridor.", "A corridor of kriging cells."], lex)
    units.update(_units(2, ["The corridor was interpolated by kriging."], lex))
    assert fitting_mentions(units, lex) == {(1, 0): ["green-infrastructure", "corridor"], (1, 1): ["kriging"],
                                            (2, 0): ["kriging"]}
    assert _units(3, ["The road corridor beside green infrastructure."], lex) == {(3, 0): ["green-infrastructure"]}


def _prose(paper: int, paragraphs: list[str], lexicon) -> list[ProseParagraph]:
    return [ProseParagraph(paper, i, "body", len(t.split()), tuple(h.concept_id for h in match_concepts(t, lexicon)))
            for i, t in enumerate(paragraphs)]


def test_report_concepts_network_units_and_timelines_count_only_fitting_mentions():
    lex = load_lexicon()
    data = SimpleNamespace(papers={1: SimpleNamespace(year=2010), 2: SimpleNamespace(year=2020)})
    section, units, _ = _concepts(data, lex, None, _prose(1, GIS, lex) + _prose(2, URBAN, lex))
    assert "1" not in section["by_paper"]  # the GIS paper has no concept left
    assert all(k[0] == 2 for k in units)
    assert {r[0] for r in section["by_year"]} == {2020}
    mentions = {c["id"]: c["mentions"] for c in section["concepts"]}
    assert mentions["metropolitan-region"] == 3 and "topography" not in mentions
    assert section["left_out"] == 2  # the GIS paper's unsupported metropolitan region and topography


def test_concept_network_units_from_text_fit_their_sense():
    lex = load_lexicon()
    texts = {(1, i): t for i, t in enumerate(GIS)} | {(2, i): t for i, t in enumerate(URBAN)}
    got = concept_units(texts, lex)
    assert all(k[0] == 2 for k in got) and "metropolitan-region" in got[(2, 4)]


def test_three_field_plot_keeps_papers_with_all_three_fields():
    authors = {1: ["Cromley, R."], 2: ["Brenner, N."], 3: ["Cromley, R."]}
    works = {1: ["tobler1979"], 2: ["jessop2002"], 3: ["tobler1979"]}
    concepts = {2: ["state-rescaling"]}
    got = three_fields(authors, works, concepts, top=5)
    assert [n["id"] for n in got["nodes"][0]] == ["Brenner, N."] and got["papers"] == 1
    assert [n["id"] for n in got["nodes"][1]] == ["jessop2002"]
    every = three_fields(authors, works, concepts, top=5, complete=False)  # bibliometrix's way: all papers
    assert {n["id"] for n in every["nodes"][0]} == {"Brenner, N.", "Cromley, R."}
