"""Resolving works across a corpus."""

from __future__ import annotations

import itertools

from litmap.models import Author, CitedWork, Metadata, Reference
from litmap.corpus.works import WorkInput, build_works, resolve_works, work_key_candidates, work_label


def rref(names, year, title, doi=None, initials=None, suffix=None):
    return Reference(index=0, raw="", authors=tuple(Author(n, initials if i == 0 else None) for i, n in enumerate(names)),
                     year=year, year_suffix=suffix, title=title, doi=doi)


def items():
    return [
        WorkInput.from_reference("d1:0", "d1", rref(["Brenner"], 2004, "New State Spaces: Urban Governance and the Rescaling of Statehood")),
        WorkInput.from_reference("d2:5", "d2", rref(["Brenner"], 2004, "New state spaces. Urban governance and the rescaling of statehood")),
        WorkInput.from_reference("d1:1", "d1", rref(["Li", "Chen", "Wu"], 2023, "Assembling city regions", doi="https://doi.org/10.1016/J.CITIES.2023.1", initials="Y.")),
        WorkInput.from_reference("d3:2", "d3", rref(["Li", "Chen", "Wu"], 2023, "Territorial politics of inter-city cooperation", doi="10.1016/j.cities.2023.1", initials="Y.")),
        WorkInput.from_reference("d3:3", "d3", rref(["Li", "Jonas"], 2023, "Regional governance beyond the state", initials="Z.")),
        WorkInput.from_metadata("paper:d9", "d9", Metadata(title="Regional governance beyond the state.", authors=(Author("Li", "Zhigang"), Author("Jonas", "Andrew")), year=2024)),
        WorkInput.from_cited_work("seed:0", "s1", CitedWork(surnames=("Brenner",), year=2004)),
        WorkInput.from_cited_work("seed:1", "s1", CitedWork(surnames=("Li",), year=2023)),
        WorkInput.from_cited_work("seed:2", "s2", CitedWork(surnames=("Li",), year=2023)),
        WorkInput.from_cited_work("seed:3", "s1", CitedWork(surnames=("Li", "Jonas"), year=2023)),
        WorkInput.from_cited_work("seed:4", "s2", CitedWork(surnames=("Jessop",), year=2002)),
        WorkInput.from_cited_work("seed:5", "s1", CitedWork(surnames=("Jessop",), year=2002)),
    ]


def test_doi_merge_and_fuzzy_titles():
    m = resolve_works(items())
    assert m["d1:1"] == m["d3:2"]  # same DOI, different title wording
    assert m["d1:0"] == m["d2:5"]  # same book, punctuation differs


def test_same_surname_year_different_works_kept_apart():
    m = resolve_works(items())
    assert m["d1:1"] != m["d3:3"]


def test_corpus_paper_meets_its_reference_with_online_first_year():
    m = resolve_works(items())
    assert m["paper:d9"] == m["d3:3"]


def test_citation_only_merges():
    m = resolve_works(items())
    assert m["seed:0"] == m["d1:0"]
    assert m["seed:3"] == m["d3:3"]
    assert m["seed:1"] == m["seed:2"] and m["seed:1"] not in (m["d1:1"], m["d3:3"])  # "Li 2023" is ambiguous
    assert m["seed:4"] == m["seed:5"]


def test_ids_stable_under_permutation():
    base = resolve_works(items())
    assert all(v.startswith("W") for v in base.values())
    for perm in itertools.islice(itertools.permutations(items()), 0, 720, 97):
        assert resolve_works(list(perm)) == base
    assert resolve_works(list(reversed(items()))) == base


def test_labels_and_keys():
    mapping, works = build_works(items())
    labels = {works[mapping[i]].label for i in ("d1:0", "d3:3", "d1:1", "seed:4")}
    assert labels == {"Brenner 2004", "Li & Jonas 2024", "Li et al. 2023", "Jessop 2002"}
    assert work_label(("Li", "Wu"), 2012) == "Li & Wu 2012"
    assert work_label(("Brenner",), 2011, et_al=True) == "Brenner et al. 2011"
    keys = work_key_candidates(items()[2])
    assert keys[0] == "doi:10.1016/j.cities.2023.1" and keys[-1] == "s:li|2023"


def test_ocr_surname_variants_meet():
    a = WorkInput.from_reference("a", "d1", rref(["Müller", "Schurr"], 2016, "Assemblage thinking and actor-network theory"))
    b = WorkInput.from_reference("b", "d2", rref(["Miiller", "Schurr"], 2016, "Assemblage thinking and actor network theory"))
    c = WorkInput.from_cited_work("c", "s1", CitedWork(surnames=("Muller", "Schurr"), year=2016))
    m = resolve_works([a, b, c])
    assert m["a"] == m["b"] == m["c"]


def test_work_title_is_the_one_most_mentions_agree_on_and_never_a_stamped_one():
    clean = "Toward a theory of gentrification: a back to the city movement by capital, not people"
    stamped = ("Toward a Theory of Gentrification a Back to the City Movement by Capital, Not © 2023 Royal Dutch "
               "Geographical Society / Koninklijk Nederlands Aardrijkskundig Genootschap")
    its = [
        WorkInput.from_reference("a:0", "a", rref(["Smith"], 1979, stamped)),
        WorkInput.from_reference("b:0", "b", rref(["Smith"], 1979, clean)),
        WorkInput.from_reference("c:0", "c", rref(["Smith"], 1979, clean)),
    ]
    mapping, works = build_works(its)
    assert len(set(mapping.values())) == 1
    (work,) = works.values()
    assert work.title == clean
    # Ids derive from canonical keys only: the display choice does not move them.
    assert mapping == build_works(list(reversed(its)))[0]


def test_work_title_majority_beats_a_longer_variant():
    its = [
        WorkInput.from_reference("a:0", "a", rref(["Glass"], 1964, "London: aspects of change")),
        WorkInput.from_reference("b:0", "b", rref(["Glass"], 1964, "London: aspects of change")),
        WorkInput.from_reference("c:0", "c", rref(["Glass"], 1964, "London: aspects of change. Introduction")),
    ]
    (work,) = build_works(its)[1].values()
    assert work.title == "London: aspects of change"


def test_only_stamped_titles_are_cut_at_the_stamp():
    its = [WorkInput.from_reference("a:0", "a", rref(["Ley"], 1996, "The new middle class and the remaking of the "
                                                          "central city Downloaded from https://example.org"))]
    (work,) = build_works(its)[1].values()
    assert work.title == "The new middle class and the remaking of the central city"


def test_display_title_prefers_the_spelling_not_in_capitals_and_drops_marks():
    from litmap.corpus.works import WorkInput, display_title

    def item(i, source, title):
        return WorkInput(item_id=str(i), source=source, doc_id="d", surnames=("Xie",), year=1995, title=title)

    caps = item(1, "paper", "THE OVERLAID NETWORK ALGORITHMS FOR AREAL INTERPOLATION PROBLEM")
    listed = item(2, "reference", "The overlaid network algorithms for areal interpolation problem")
    assert display_title([caps, listed]) == "The overlaid network algorithms for areal interpolation problem"
    assert display_title([caps]) == caps.title  # the only spelling there is
    assert display_title([item(3, "reference", "``Dasymetric mapping and areal interpolation")]) == (
        "Dasymetric mapping and areal interpolation"
    )
    assert display_title([item(4, "paper", "Hybrid areal interpolation of census counts☆")]) == (
        "Hybrid areal interpolation of census counts"
    )


def test_a_year_suffix_is_local_to_its_reference_list():
    title = "Population estimation models based on individual TM pixels"
    a = WorkInput.from_reference("A:1", "A", rref(["Harvey"], 2002, title, initials="J. T.", suffix="a"))
    b = WorkInput.from_reference("B:4", "B", rref(["Harvey"], 2002, title.upper(), initials="J. T.", suffix="b"))
    other = WorkInput.from_reference(
        "A:2", "A", rref(["Harvey"], 2002, "Estimating census district populations from satellite imagery",
                         initials="J. T.", suffix="b")
    )
    mapping, works = build_works([a, b, other])
    assert mapping["A:1"] == mapping["B:4"] != mapping["A:2"]
    assert works[mapping["A:1"]].label == "Harvey 2002"  # "2002a" in one list, "2002b" in the other


def test_swapped_initials_with_one_title_are_one_person_but_other_initials_stay_apart():
    title = "Implementation of enhanced areal interpolation using MapInfo"
    lm = WorkInput.from_reference("A:1", "A", rref(["Bloom", "Pedler"], 1996, title, initials="L. M."))
    ml = WorkInput.from_reference("B:1", "B", rref(["Bloom", "Pedler"], 1996, title, initials="M. L."))
    assert resolve_works([lm, ml])["A:1"] == resolve_works([lm, ml])["B:1"]
    li_y = WorkInput.from_reference("C:1", "C", rref(["Li"], 2012, "Urban villages in China", initials="Y."))
    li_z = WorkInput.from_reference("D:1", "D", rref(["Li"], 2012, "Urban villages in China", initials="Z."))
    assert resolve_works([li_y, li_z])["C:1"] != resolve_works([li_y, li_z])["D:1"]


def test_untitled_reference_joins_the_one_titled_work_its_names_fit():
    # "Glass, R. (1964) London: Aspects of Change, London: MacGibbon & Kee.": the title read as a place.
    mentions = [
        WorkInput.from_reference("d1:0", "d1", rref(["Glass"], 1964, "Introduction: Aspects of change", initials="R.")),
        WorkInput.from_reference("d2:3", "d2", rref(["Glass"], 1964, None, initials="R.")),
        WorkInput.from_reference("d3:7", "d3", rref(["Glass"], 1964, None, initials="R.")),
        WorkInput.from_cited_work("c:0", "d4", CitedWork(surnames=("Glass",), year=1964)),
    ]
    got = resolve_works(mentions)
    assert got["d1:0"] == got["d2:3"] == got["d3:7"] == got["c:0"]
    # Another Glass of 1964 (other initials) stays apart, and "(Glass, 1964)" may now name either.
    got = resolve_works(mentions + [WorkInput.from_reference("d5:1", "d5", rref(["Glass"], 1964, None, initials="D."))])
    assert got["d1:0"] == got["d2:3"] == got["d3:7"] != got["d5:1"]
    assert got["c:0"] not in (got["d1:0"], got["d5:1"])


def test_untitled_references_group_alone_or_stay_apart_when_two_works_fit():
    got = resolve_works([
        WorkInput.from_reference("d1:0", "d1", rref(["Smith"], 1979, "Toward a theory of gentrification", initials="N.")),
        WorkInput.from_reference("d1:1", "d1", rref(["Smith"], 1979, "Gentrification and capital", initials="N.")),
        WorkInput.from_reference("d2:0", "d2", rref(["Smith"], 1979, None, initials="N.")),
        WorkInput.from_reference("d3:0", "d3", rref(["Harvey"], 1973, None, initials="D.")),
        WorkInput.from_reference("d4:0", "d4", rref(["Harvey"], 1973, None, initials="D.")),
        WorkInput.from_reference("d5:0", "d5", rref([], None, None)),  # an affiliation line read as an entry
        WorkInput.from_reference("d6:0", "d6", rref([], None, None)),
    ])
    assert got["d2:0"] not in (got["d1:0"], got["d1:1"])  # two Smith 1979 works fit: which one is unknown
    assert got["d3:0"] == got["d4:0"]  # no titled Harvey 1973 here: the two untitled entries are one work
    assert got["d5:0"] != got["d6:0"]  # entries with no names and no year are never grouped


def test_edition_statement_names_no_other_work():
    got = resolve_works([
        WorkInput.from_reference("d1:0", "d1", rref(["Lees", "Slater", "Wyly"], 2008, "Gentrification", initials="L.")),
        WorkInput.from_reference("d2:0", "d2", rref(["Lees", "Slater", "Wyly"], 2008, "Gentrification, 1st edition",
                                                    initials="L.")),
        WorkInput.from_reference("d3:0", "d3", rref(["Lees", "Slater", "Wyly"], 2008, "Gentrification research",
                                                    initials="L.")),
    ])
    assert got["d1:0"] == got["d2:0"] != got["d3:0"]


def test_name_only_work_that_fits_several_works_says_which_it_may_be():
    mapping, works = build_works([
        WorkInput.from_reference("d1:0", "d1", rref(["Smith"], 1979, "Toward a theory of gentrification", initials="N.")),
        WorkInput.from_reference("d1:1", "d1", rref(["Smith"], 1979, "Gentrification and capital", initials="N.",
                                                    suffix="a")),
        WorkInput.from_cited_work("c:0", "d2", CitedWork(surnames=("Smith",), year=1979)),
        WorkInput.from_cited_work("c:1", "d3", CitedWork(surnames=("Smith",), year=1979)),
        WorkInput.from_cited_work("c:2", "d3", CitedWork(surnames=("Glass",), year=1964)),
    ])
    name_only = works[mapping["c:0"]]
    assert mapping["c:0"] == mapping["c:1"] and name_only.title is None
    assert set(name_only.fits) == {mapping["d1:0"], mapping["d1:1"]}
    assert works[mapping["d1:0"]].fits == () and works[mapping["c:2"]].fits == ()  # fits none or one: no mark


def test_an_archive_copy_doi_is_no_second_work():
    # A JSTOR text and the publisher's PDF of one article: two DOIs, one of them the archive's copy.
    mapping, works = build_works([
        WorkInput.from_reference("d1:0", "d1", rref(["Waley"], 2016, "Speaking gentrification in the languages of "
                                                    "the Global East", doi="10.2307/26151049", initials="P.")),
        WorkInput.from_reference("d2:0", "d2", rref(["Waley"], 2016, "Speaking gentrification in the languages of "
                                                    "the Global East", doi="10.1177/0042098015615726",
                                                    initials="P.")),
        # two publisher DOIs still name two works, whatever the titles say
        WorkInput.from_reference("d3:0", "d3", rref(["Brenner"], 2004, "New state spaces", doi="10.1093/a.1")),
        WorkInput.from_reference("d4:0", "d4", rref(["Brenner"], 2004, "New state spaces", doi="10.1093/b.2")),
    ])
    assert mapping["d1:0"] == mapping["d2:0"]
    assert works[mapping["d1:0"]].doi == "10.1177/0042098015615726"  # the publisher's DOI, not the copy's
    assert works[mapping["d1:0"]].key == "doi:10.1177/0042098015615726"
    assert mapping["d3:0"] != mapping["d4:0"]
