"""Engagement decided in context: weak terms, wrong-sense words, breadth and the corpus bar."""

from __future__ import annotations

import textwrap

import pytest

from litmap.analyse.concepts import load_lexicon, match_concepts
from litmap.analyse.debates.engagement import engagements, paragraph_evidence
from litmap.analyse.debates.engagement_model import MODEL_MIN_WORDS
from litmap.analyse.debates.records import DebateInputs, DebateSettings
from litmap.errors import InputError
from litmap.store.corpusdata import CitationContext, CorpusData, Paper, WorkInfo


def test_default_lexicon_marks_ambiguous_terms_weak_and_voids_gis_senses():
    lex = load_lexicon()
    assert lex.get("metropolitan-region").weak_in("city-regionalism")
    assert lex.get("topology").weak_in("assemblage")
    assert lex.get("neoliberalisation").weak_in("state-rescaling")
    assert not lex.get("neoliberalisation").weak_in("neoliberal-urbanism")
    assert not lex.get("state-rescaling").weak_in("state-rescaling")
    # GIS sense: polygon topology is no evidence at all; Allen's topological power is.
    assert match_concepts("We clean the topology of the TIGER polygons before the overlay.", lex) == []
    assert [h.concept_id for h in match_concepts("Allen's topological power reaches across space.", lex)] == ["topology"]


def test_weak_must_name_a_debate_of_the_concept(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text(textwrap.dedent("""
        debates: {d: {label: D}, e: {label: E}}
        concepts:
          - {id: a, label: alpha, debates: [d], weak: [e]}
    """), encoding="utf-8")
    with pytest.raises(InputError, match="weak"):
        load_lexicon(str(f))


def _inputs(paras: dict[tuple[int, int], dict[str, int]], words: dict[int, int],
            contexts: tuple[CitationContext, ...] = ()) -> DebateInputs:
    papers = {pid: Paper(pid, f"Paper {pid}", 2020) for pid in words}
    works = {w: WorkInfo(w, w) for c in contexts for w in c.work_ids}
    data = CorpusData(papers, works, {pid: () for pid in papers}, contexts)
    n = {pid: sum(1 for (p, _) in paras if p == pid) or 1 for pid in words}
    return DebateInputs(data, tuple(frozenset() for _ in contexts), tuple(False for _ in contexts),
                        paras, words, n)


def test_weak_terms_count_only_beside_strong_evidence_and_a_mixed_corpus_keeps_gis_out():
    lex = load_lexicon()
    members = frozenset(c.id for c in lex.in_debate("city-regionalism"))
    paras = {
        # paper 1: a city-regionalism paper (strong terms, metropolitan region beside them)
        (1, 0): {"city-region": 4, "city-regionalism": 2, "metropolitan-region": 2},
        (1, 1): {"city-region": 3, "regional-governance": 1},
        # paper 2: a census guide saying "metropolitan area" again and again, nothing else
        (2, 0): {"metropolitan-region": 6},
        (2, 1): {"metropolitan-region": 5},
        # paper 3: a passing mention of city-regions
        (3, 4): {"city-region": 1},
    }
    inputs = _inputs(paras, {1: 2000, 2: 2000, 3: 4000})
    ev = paragraph_evidence(inputs, lex, "city-regionalism", members)
    assert ev[(2, 0)].score == 0 and ev[(1, 0)].score == 8
    got = engagements(inputs, lex, "city-regionalism", members, DebateSettings())
    assert [e.paper_id for e in got] == [1]
    (e,) = got
    assert dict(e.terms)["metropolitan-region"] == 2 and e.passages[0].paragraph == 0
    assert e.score == 12 and e.density == 6.0
    # As a map of the single concept, metropolitan region counts in full.
    one = engagements(inputs, lex, None, frozenset({"metropolitan-region"}), DebateSettings())
    assert {x.paper_id for x in one} == {1, 2}


def test_core_work_citation_supports_weak_terms_and_the_bar_is_relative():
    lex = load_lexicon()
    members = frozenset(c.id for c in lex.in_debate("state-rescaling"))
    ctx = tuple(CitationContext(p, ("brenner2004",), "s", i) for p, i in ((1, 0), (2, 0), (3, 0)))
    paras = {
        (1, 0): {"state-rescaling": 5, "rescaling": 3},
        (2, 0): {"state-rescaling": 4, "upscaling": 2},
        (3, 0): {"neoliberalisation": 4},  # weak here, but beside a citation of Brenner 2004
    }
    inputs = _inputs(paras, {1: 1000, 2: 1000, 3: 1000}, ctx)
    ev = paragraph_evidence(inputs, lex, "state-rescaling", members)
    assert ev[(3, 0)].core_citations == 1 and ev[(3, 0)].score == 4.5
    # ...yet one weak term is not a debate: breadth keeps paper 3 out (the model: no strong mention).
    assert [e.paper_id for e in engagements(inputs, lex, "state-rescaling", members, DebateSettings())] == [1, 2]
    assert [e.paper_id for e in engagements(inputs, lex, "state-rescaling", members, DebateSettings(),
                                            use_model=False)] == [1, 2]
    for use_model in (False, True):  # the corpus bar holds for the rule and the model alike
        high = engagements(inputs, lex, "state-rescaling", members, DebateSettings(relative_threshold=1.2),
                           use_model=use_model)
        assert [e.paper_id for e in high] == [1]  # paper 2 (6 per 1,000 words) is below 1.2 x the median (6)


def test_head_named_once_counts_with_weak_terms_beside_a_core_work():
    """The report fixture's p7: "state rescaling" once, then "rescaling is contested, as Brenner
    (2004) argues": the core-work citation fixes the weak term's sense, so the head is repeated."""
    lex = load_lexicon()
    members = frozenset(c.id for c in lex.in_debate("state-rescaling"))
    ctx = tuple(CitationContext(p, ("brenner2004",), "s", 1) for p in (1, 2, 3, 4))
    paras = {
        (1, 0): {"state-rescaling": 3}, (1, 1): {"state-rescaling": 2},
        (2, 0): {"state-rescaling": 3}, (2, 1): {"state-rescaling": 2},
        (3, 0): {"state-rescaling": 1}, (3, 1): {"rescaling": 1},  # weak beside Brenner 2004: counts
        (4, 0): {"state-rescaling": 1}, (4, 2): {"rescaling": 1},  # weak with no core work nearby: not
    }
    inputs = _inputs(paras, {1: 100, 2: 100, 3: 100, 4: 100}, ctx)
    got = [e.paper_id for e in engagements(inputs, lex, "state-rescaling", members, DebateSettings(),
                                           use_model=False)]
    assert 3 in got and 4 not in got
    # without the head named at all, weak terms beside core works are still not a debate
    paras[(3, 0)] = {"neoliberalisation": 1}
    inputs = _inputs(paras, {1: 100, 2: 100, 3: 100, 4: 100}, ctx)
    for use_model in (False, True):
        assert 3 not in [e.paper_id for e in engagements(inputs, lex, "state-rescaling", members, DebateSettings(),
                                                         use_model=use_model)]


def test_anchors_rank_by_specificity_not_raw_frequency():
    """A gentrification classic cited in every paper (mostly outside the debate) ranks below the
    debate's own canon, though it is cited more often in the debate's contexts."""
    from litmap.analyse.debates.anchors import anchors, function_counts, specificity

    lex = load_lexicon()
    members = frozenset(c.id for c in lex.in_debate("state-rescaling"))
    ctx = []
    for p in (1, 2, 3):
        ctx += [CitationContext(p, ("smith1979",), "Gentrification and state rescaling (Smith 1979).", 0)] * 2
        ctx += [CitationContext(p, ("smith1979",), "Rent gaps (Smith 1979).", 5)] * 6  # outside the debate
    ctx += [CitationContext(p, ("brenner2004",), "State rescaling (Brenner 2004).", 0) for p in (1, 2, 3)]
    inputs = _inputs({(p, 0): {"state-rescaling": 3} for p in (1, 2, 3)}, {1: 100, 2: 100, 3: 100}, tuple(ctx))
    inputs = DebateInputs(inputs.data, tuple(frozenset({"state-rescaling"}) if c.paragraph == 0 else frozenset()
                                             for c in ctx), inputs.narrative, inputs.para_concepts,
                          inputs.words, inputs.paragraphs)
    idxs = [i for i, c in enumerate(ctx) if c.paragraph == 0]
    spec = specificity(inputs, idxs, members)
    assert spec["brenner2004"] == 3 / 4 and spec["smith1979"] == 6 / 25
    ranked = anchors(inputs, idxs, members, function_counts(inputs, idxs), top=2, n_quotes=1)
    assert [a.work_id for a in ranked] == ["brenner2004", "smith1979"]


def test_a_debate_touched_in_passing_stays_below_the_debate_floor():
    """A long paper naming a neighbouring debate 13 times in 10,000 words (1.3 per 1,000, broad enough) does
    not engage it: debates have a floor of 1.4 per 1,000 words; the same mentions still count for a map of
    the single concept, whose floor is 1.0."""
    lex = load_lexicon()
    members = frozenset(c.id for c in lex.in_debate("state-rescaling"))
    paras = {
        (1, 0): {"state-rescaling": 30, "rescaling": 10},  # a paper on the debate: 4 per 1,000
        (2, 0): {"state-rescaling": 6, "upscaling": 4}, (2, 1): {"state-rescaling": 3},  # 1.3 per 1,000
    }
    inputs = _inputs(paras, {1: 10000, 2: 10000})
    got = engagements(inputs, lex, "state-rescaling", members, DebateSettings())
    assert [e.paper_id for e in got] == [1]
    one = engagements(inputs, lex, None, frozenset({"state-rescaling", "upscaling"}), DebateSettings())
    assert {e.paper_id for e in one} == {1, 2}


def _matched(paper_paragraphs: dict[int, list[str]], lex) -> tuple[dict[tuple[int, int], dict[str, int]], dict[int, int]]:
    """Concept counts per paragraph and words per paper, through the real matcher."""
    from collections import Counter

    paras: dict[tuple[int, int], dict[str, int]] = {}
    words: dict[int, int] = {}
    for pid, texts in paper_paragraphs.items():
        words[pid] = sum(len(t.split()) for t in texts)
        for i, t in enumerate(texts):
            found = Counter(h.concept_id for h in match_concepts(t, lex))
            if found:
                paras[(pid, i)] = dict(found)
    return paras, words


_URBAN = ("State rescaling reorganised the Chinese state: city-regionalism and the politics of scale, after "
          "Brenner's new state spaces, frame how rescaling shifted powers upward to the city-region. " * 3)
_METHODS = ("Our multi-scalar design compares tracts, counties and states: scaling up the estimates from tracts "
            "to counties and rescaling them to the state level changes the scale of every measure, so each scale "
            "is reported, and a multi-scalar check repeats the rescaling at every scale. ")
_FIELDWORK = ("The interviews were held in the offices of the agencies over two summers, recorded with consent, "
              "transcribed in full and coded twice by two of the authors, who met weekly to compare their codes "
              "and to settle the differences in long discussions of the transcripts and the field notes. ")
_GOVERNANCE = ("Multi-level governance is the new game in town: governance of cohesion policy is shared between "
               "Brussels, national governments and regions. We ask how actors of the new member states take part "
               "in this governance, and whether governance structures at the regional level change the "
               "governance of the policy, as multilevel governance predicts. ")


def test_model_methods_paper_saying_scale_often_does_not_engage_scale_politics():
    """A methods paper full of "scale", "rescaling" and "multi-scalar" (weak terms: 48 of them in 543 words)
    beside one "production of scale" stays out of scale politics and state rescaling, beside two papers on
    the debates (the model alone would take it: one strong mention and scattered weak ones are too few to judge, MIN_COUNTED)."""
    from litmap.analyse.debates.engagement_model import load_model

    assert load_model() is not None  # the shipped model decides
    lex = load_lexicon()
    review = "Geographers debate the production of scale, but here scale is a property of the data."
    paras, words = _matched({1: [_URBAN] * 4 + [_FIELDWORK] * 6, 2: [_URBAN] * 3 + [_FIELDWORK] * 6,
                             3: [review] + [_METHODS] * 12}, lex)
    assert min(words.values()) >= MODEL_MIN_WORDS  # whole papers: the model judges them all
    assert paras[(3, 0)] == {"production-of-scale": 1} and paras[(3, 1)]["rescaling"] == 2
    inputs = _inputs(paras, words)
    for debate in ("scale-politics", "state-rescaling"):
        members = frozenset(c.id for c in lex.in_debate(debate))
        got = engagements(inputs, lex, debate, members, DebateSettings())
        assert 3 not in [e.paper_id for e in got], debate
        assert 1 in [e.paper_id for e in got] and all(e.probability is not None for e in got)


def test_model_governance_paper_engages_governance_and_keeps_its_evidence():
    """An EU-policy paper whose abstract writes "governance" (a weak term) around "multi-level governance" twice
    engages the governance debate, with its terms and passage kept; a long gentrification paper with the same
    words in passing does not."""
    lex = load_lexicon()
    gentrification = ("Gentrification displaced working-class residents as the rent gap closed; "
                      "state-led gentrification and social mix policies followed. " * 4)
    paras, words = _matched({1: [_GOVERNANCE] + [_FIELDWORK] * 10, 2: [gentrification] * 30 + [_GOVERNANCE]}, lex)
    assert words[1] >= MODEL_MIN_WORDS
    inputs = _inputs(paras, words)
    members = frozenset(c.id for c in lex.in_debate("governance"))
    got = engagements(inputs, lex, "governance", members, DebateSettings())
    assert [e.paper_id for e in got] == [1]
    (e,) = got
    assert dict(e.terms)["governance"] >= 4 and dict(e.terms)["multi-level-governance"] == 2
    assert e.passages and e.passages[0].paragraph == 0 and e.probability is not None and e.probability >= 0.5


def test_short_texts_are_judged_by_the_rule_not_the_model():
    """An abstract-only file is outside the model's range (a single mention is a huge density there): the
    lexicon rule judges it.  The governance abstract alone still engages governance; abstracts that only say
    "state rescaling" engage state rescaling, not every debate sharing that concept (the model alone took
    city regionalism and new state spaces for them)."""
    lex = load_lexicon()
    paras, words = _matched({1: [_GOVERNANCE]}, lex)
    assert words[1] < MODEL_MIN_WORDS
    members = frozenset(c.id for c in lex.in_debate("governance"))
    (e,) = engagements(_inputs(paras, words), lex, "governance", members, DebateSettings())
    assert e.paper_id == 1 and e.probability is None and dict(e.terms)["multi-level-governance"] == 2
    short = "Fiscal reform and state rescaling moved powers to provinces; state rescaling shaped the new budget rules."
    paras, words = _matched({1: [short], 2: [short], 3: [short]}, lex)
    inputs = _inputs(paras, words)
    took = {d: [e.paper_id for e in engagements(inputs, lex, d, frozenset(c.id for c in lex.in_debate(d)),
                                                DebateSettings())]
            for d in ("state-rescaling", "city-regionalism", "new-state-spaces")}
    assert took["state-rescaling"] == [1, 2, 3]
    assert took["city-regionalism"] == [] and took["new-state-spaces"] == []


def test_engagement_model_round_trips_and_refuses_other_features():
    from litmap.analyse.debates.engagement_model import (
        FEATURES,
        EngagementModel,
        load_model,
    )

    m = load_model()
    assert m is not None and m.features == FEATURES and 0 < m.threshold < 1
    assert EngagementModel.from_json(m.to_json()) == m
    with pytest.raises(ValueError, match="refit"):
        EngagementModel.from_json({**m.to_json(), "features": ["strong_density"]})


def test_acknowledgement_sections_are_no_prose_of_the_paper(tmp_path):
    # "About Federal Governance" (read as an acknowledgements-kind section) describes the journal in the
    # debate's words; only the body's paragraph is read for concepts.
    import dataclasses

    from litmap.analyse.debates.data import prose_paragraphs
    from litmap.models import Paragraph, Section
    from litmap.store.db import Store
    from report_fixture import make_document

    doc = make_document(1, ("p1", "Barros", "Marinana", 2010, "Paradiplomacy in Brazil", "Federal Governance", [], []))
    body = "Paradiplomacy grew in the federal states of Brazil after 1988."
    about = "Federal Governance is an online journal on multi-level governance and state rescaling."
    text = f"{body}\n\n{about}"
    doc = dataclasses.replace(
        doc, text=text, citations=(), references=(),
        sections=(Section("Introduction", "body", 1, 1, body, 0, len(body)),
                  Section("About Federal Governance", "acknowledgements", 2, 2, about, len(body) + 2, len(text))),
        paragraphs=(Paragraph(body, 1, 0, "body", 0, len(body)),
                    Paragraph(about, 2, 1, "body", len(body) + 2, len(text))))
    path = str(tmp_path / "s.db")
    with Store(path, write=True) as store:
        store.save_document(doc)
        pid = store.conn.execute("SELECT id FROM documents").fetchone()[0]
        got = prose_paragraphs(store.conn, load_lexicon(), {pid})
    assert [p.idx for p in got] == [0]
