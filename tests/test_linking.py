"""Linking cited works to reference entries: collisions, OCR noise, suffixes."""

from __future__ import annotations

import pytest

from litmap.models import Author, Citation, CitedWork, Reference
from litmap.parse.linking import LinkSettings, link_citations, link_work


def ref(i, names, year, suffix=None, initials=None, et_al=False, note=None):
    authors = tuple(Author(n, (initials if k == 0 else None)) for k, n in enumerate(names))
    return Reference(index=i, raw=f"{names} {year}", authors=authors, year=year, year_suffix=suffix, et_al=et_al, year_note=note)


REFS = [
    ref(0, ["Li", "Chen", "Wu"], 2023, initials="Y."),
    ref(1, ["Li", "Jonas"], 2023, initials="Z."),
    ref(2, ["Li", "Wu"], 2012, initials="Y."),
    ref(3, ["Li", "Wu"], 2018, initials="Y."),
    ref(4, ["Li"], 2015, initials="L."),
    ref(5, ["Müller", "Schurr"], 2016, initials="M."),
    ref(6, ["Brenner"], 2004, suffix="a"),
    ref(7, ["Brenner"], 2004, suffix="b"),
    ref(8, ["Brenner", "Madden", "Wachsmuth"], 2011),
    ref(9, ["Wu"], None, note="n.d."),
    ref(10, ["Liu"], 2015),
    ref(11, ["Harvey"], 1989),
    ref(12, ["Harvey"], 1989),
]


def link(surnames, year=None, **kw):
    return link_work(CitedWork(surnames=tuple(surnames), year=year, **kw), REFS)


@pytest.mark.parametrize(
    "surnames, year, kw, expected",
    [
        # Chinese surname collisions: co-authors and initials decide
        pytest.param(["Li", "Chen", "Wu"], 2023, {}, 0, id="Li-Chen-Wu-2023"),
        pytest.param(["Li"], 2023, {"et_al": True}, 0, id="Li-et-al-2023"),
        pytest.param(["Li", "Jonas"], 2023, {}, 1, id="Li-Jonas-2023"),
        pytest.param(["Li"], 2023, {"initials": "Z."}, 1, id="Z-Li-2023"),
        pytest.param(["Li"], 2023, {"initials": "Y.", "et_al": True}, 0, id="Y-Li-et-al-2023"),
        pytest.param(["Li", "Wu"], 2012, {"initials": "Y."}, 2, id="Y-Li-Wu-2012"),
        pytest.param(["Li"], 2015, {"initials": "L."}, 4, id="L-Li-2015-not-Liu"),
        # OCR noise and diacritics
        pytest.param(["Miiller", "Schurr"], 2016, {}, 5, id="Miiller-for-Mueller"),
        pytest.param(["Muller", "Schurr"], 2016, {}, 5, id="Muller-for-Mueller"),
        # year suffixes
        pytest.param(["Brenner"], 2004, {"year_suffix": "a"}, 6, id="Brenner-2004a"),
        pytest.param(["Brenner"], 2004, {"year_suffix": "b"}, 7, id="Brenner-2004b"),
        pytest.param(["Brenner"], 2004, {}, None, id="Brenner-2004-without-its-letter"),
        # the letter orders entries listed without one
        pytest.param(["Harvey"], 1989, {"year_suffix": "b"}, 12, id="Harvey-1989b-second-of-two-unlettered"),
    ],
)
def test_cited_work_links_to_entry(surnames, year, kw, expected):
    assert link(surnames, year, **kw).reference == expected


def test_ambiguous_surname_collision_says_so():
    amb = link(["Li"], 2023)
    assert amb.reference is None and amb.unresolved_reason.startswith("ambiguous: 2 entries")


def test_ocr_noise_keeps_a_confidence_in_range():
    w = link(["Miiller", "Schurr"], 2016)
    assert w.reference == 5 and 0 < w.confidence <= 1


def test_cited_without_suffix_takes_the_one_entry_listed_without_one():
    # "Tobin, M. 1993. …" then "———. 1993b. …": the author dropped the "a".
    refs = [ref(0, ["Tobin"], 1993), ref(1, ["Tobin"], 1993, suffix="b")]
    w = link_work(CitedWork(surnames=("Tobin",), year=1993), refs)
    assert (w.reference, w.confidence) == (0, 0.5)
    assert link_work(CitedWork(surnames=("Tobin",), year=1993, year_suffix="b"), refs).reference == 1
    # with both entries lettered, a citation without a letter stays ambiguous
    assert link(["Brenner"], 2004).reference is None


def test_et_al_and_no_entry_and_year_notes():
    assert link(["Brenner"], 2011, et_al=True).reference == 8
    missing = link(["Li"], 2024)
    assert missing.reference is None
    assert missing.unresolved_reason == "no entry for Li 2024; listed: Li 2012, 2015, 2018, 2023"
    assert link(["Peck"], 2005).unresolved_reason == "no entry for Peck 2005"
    assert link(["Wu"], None, year_note="n.d.").reference == 9


def test_numeric_and_no_reference_list():
    assert link_work(CitedWork(surnames=(), number=3), REFS).reference == 2
    assert link_work(CitedWork(surnames=(), number=99), REFS).reference is None
    w = link_work(CitedWork(surnames=("Li",), year=2015), [])
    assert w.unresolved_reason == "no reference list"


def test_link_citations_keeps_citation_fields():
    c = Citation(raw="(Liu, 2015)", kind="parenthetical", page=2, section=None, sentence="x", paragraph=0,
                 cites=(CitedWork(surnames=("Liu",), year=2015),))
    out = link_citations([c], REFS)
    assert out[0].cites[0].reference == 10 and out[0].raw == c.raw and out[0].page == 2


def test_settings_validate():
    with pytest.raises(ValueError):
        LinkSettings(min_surname=0)


ORGS = [
    ref(0, ["State Council"], 2014),
    ref(1, ["The World Bank"], 2009),
    ref(2, ["Ministry of Housing and Urban-Rural Development (MOHURD)"], 2015),
    ref(3, ["Organisation for Economic Co-operation and Development"], 2015),
    ref(4, ["National Bureau of Statistics of China"], 2020),
    ref(5, ["UN-Habitat"], 2016),
    ref(6, ["Asian Development Bank"], 2009),
    ref(7, ["NDRC"], 2015),
    ref(8, ["Wu"], 2016),
]


@pytest.mark.parametrize(
    "cited, year, expected",
    [
        ("State Council", 2014, 0),
        ("World Bank", 2009, 1),  # "The World Bank" in the list; not the Asian Development Bank
        ("MOHURD", 2015, 2),  # acronym in the entry's brackets
        ("Ministry of Housing and Urban-Rural Development [MOHURD]", 2015, 2),
        ("Ministry of Housing and Urban-Rural Development", 2015, 2),
        ("OECD", 2015, 3),  # acronym of the entry's name
        ("NBS", 2020, 4),  # acronym of its leading words
        ("National Bureau of Statistics of China [NBS]", 2020, 4),
        ("UN-Habitat", 2016, 5),
        ("National Development and Reform Commission [NDRC]", 2015, 7),
    ],
)
def test_organisations_link_by_name_or_acronym(cited, year, expected):
    w = link_work(CitedWork(surnames=(cited,), year=year), ORGS)
    assert (w.reference, w.unresolved_reason) == (expected, None)
    assert 0.5 < w.confidence <= 1


@pytest.mark.parametrize(
    "cited, year",
    [
        ("World Bank", 2016),
        ("State Council", 2009),
        ("UN", 2015),  # not OECD/NDRC
        ("WB", 2016),
    ],
)
def test_organisations_do_not_meet_other_bodies_or_people(cited, year):
    assert link_work(CitedWork(surnames=(cited,), year=year), ORGS).reference is None


def test_confidence_orders_clear_and_weak_matches():
    clear = link(["Li", "Chen", "Wu"], 2023)
    by_letter = link(["Harvey"], 1989, year_suffix="a")
    assert clear.confidence > by_letter.confidence == 0.6
    assert all(w.confidence == 0.0 for w in (link(["Li"], 2023), link(["Li"], 2024)))


def test_short_acronym_matches_an_organisation_from_the_shared_vocabulary():
    from litmap.parse.linking import surname_similarity

    assert surname_similarity("EA", "European Alliance") == 1.0
    assert surname_similarity("EA", "Evans") < 0.5


def test_a_tie_is_settled_by_the_title_the_sentence_names():
    acts = [
        Reference(index=0, raw="Government of Ontario, 2005, Greenbelt Act.", year=2005, title="Greenbelt Act",
                  authors=(Author("Government of Ontario", None, organisation=True),)),
        Reference(index=1, raw="Government of Ontario, 2005, Places to Grow Act.", year=2005, title="Places to Grow Act",
                  authors=(Author("Government of Ontario", None, organisation=True),)),
    ]
    work = CitedWork(surnames=("Government of Ontario",), year=2005)
    named = link_work(work, acts, context="The Places to Grow Act (Government of Ontario, 2005) was also passed.")
    assert named.reference == 1 and named.confidence == 0.5
    other = link_work(work, acts, context="the government passed the Greenbelt Act in 2005 (Government of Ontario, 2005)")
    assert other.reference == 0
    unsaid = link_work(work, acts, context="Legislation followed (Government of Ontario, 2005).")
    assert unsaid.reference is None and unsaid.unresolved_reason.startswith("ambiguous")
