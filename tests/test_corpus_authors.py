"""One name, one author: printed forms, OCR misreadings, works cited in different forms (issue 18)."""

import pytest

from litmap.corpus.authors import NamePrinting, author_forms, misread_surnames
from litmap.corpus.resolve import StoredMention, StoredPaper, StoredReference, WorkSources, resolve_stored_works
from litmap.corpus.works import WorkInput, build_works
from litmap.models import Author, CitedWork, Metadata, Reference
from litmap.parse.names import display_surname, normalise_title


@pytest.mark.parametrize("printed, shown", [
    ("Harvey.", "Harvey"),
    ("SwyNGEDouw", "Swyngedouw"),
    ("DeLanda", "DeLanda"),
    ("McDonald", "McDonald"),
    ("MacLeod", "MacLeod"),
    ("ESRI", "ESRI"),  # capitals alone could be an acronym
    ("US Census Bureau", "US Census Bureau"),
    ("STERNLIEB.", "STERNLIEB"),
], ids=lambda x: x)
def test_display_surname(printed, shown):
    assert display_surname(printed) == shown


@pytest.mark.parametrize("printed, shown", [
    ("LANGFORD", "Langford"), ("O'NEILL", "O'Neill"), ("VAN DER MEER", "Van der Meer"), ("RODRÍGUEZ-POSE", "Rodríguez-Pose"),
], ids=lambda x: x)
def test_display_surname_capitals_of_a_person(printed, shown):
    assert display_surname(printed, capitals=True) == shown


def test_author_forms_one_per_person():
    forms = author_forms(["LANGFORD", "Langford", "Langford", "Harvey.", "Harvey", "De Landa", "DeLanda", "DeLanda",
                          "Yrjana", "Yrjänä", "SwyNGEDouw", "CIESIN", "Li", "LI"])
    assert forms["LANGFORD"] == forms["Langford"] == "Langford"
    assert forms["Harvey."] == "Harvey"
    assert forms["De Landa"] == forms["DeLanda"] == "DeLanda"
    assert forms["Yrjana"] == "Yrjänä"
    assert forms["SwyNGEDouw"] == "Swyngedouw"
    assert forms["CIESIN"] == "CIESIN"
    assert forms["LI"] == "Li"


def _p(doc, idx, name, pos=0):
    return NamePrinting(doc, idx, pos, name)


def test_misread_names_corrected_from_the_papers_own_citation():
    printings = [_p(13, 6, "Cocurane."), _p(13, 12, "Goopman."), _p(13, 7, "Cocksurn."), _p(2, 0, "Smith")]
    fixed = misread_surnames(printings, ocr_documents={13}, cited_as={(13, 6): ("Cochrane",), (13, 12): ("Goodman",)})
    assert {(c.idx, c.printed, c.corrected) for c in fixed} == {(6, "Cocurane.", "Cochrane"), (12, "Goopman.", "Goodman")}
    assert all("in-text citation" in c.describe() for c in fixed)


def test_misread_names_corrected_from_other_papers_only_for_ocr_confusions():
    printings = [_p(13, 0, "Smitn"), _p(13, 1, "Locan."), _p(13, 2, "Hadley")] + [
        _p(d, 0, n) for d in (1, 2) for n in ("Smith", "Logan", "Hawley")]
    fixed = {c.printed: c.corrected for c in misread_surnames(printings, ocr_documents={13}, cited_as={})}
    assert fixed == {"Smitn": "Smith", "Locan.": "Logan"}  # d/w is no OCR confusion: Hadley is a name


@pytest.mark.parametrize("case, printings, ocr, cited", [
    ("not OCR'd", [_p(5, 0, "Smitn"), _p(1, 0, "Smith")], set(), {}),
    ("printed elsewhere too", [_p(13, 0, "Smitn"), _p(4, 0, "Smitn"), _p(1, 0, "Smith")], {13}, {}),
    ("two candidates", [_p(13, 0, "Smitn"), _p(1, 0, "Smith"), _p(2, 0, "Smitu")], {13}, {}),
    ("short Chinese surname", [_p(13, 0, "Lin"), _p(1, 0, "Liu")], {13}, {(13, 0): ("Liu",)}),
    ("citation drops a letter", [_p(44, 3, "Birkhoff")], {44}, {(44, 3): ("Birkoff",)}),
    ("citation agrees", [_p(13, 0, "Smitn")], {13}, {(13, 0): ("Smitn",)}),
])
def test_misread_names_left_alone(case, printings, ocr, cited):
    assert misread_surnames(printings, ocr_documents=ocr, cited_as=cited) == []


def _ref(idx, authors, year, title):
    return Reference(idx, "raw", tuple(Author(f, g) for f, g in authors), year=year, title=title)


def test_same_team_with_a_misread_initial_is_one_work():
    a = WorkInput.from_reference("r:1:0", "1", _ref(0, [("Anderson", "I.R"), ("Hardy", "E.E."), ("Roach", "J.T.")], 1976,
                                                   "A land use and land cover classification system for use with remote sensor data"))
    b = WorkInput.from_reference("r:2:0", "2", _ref(0, [("Anderson", "J. R."), ("Hardy", "E. E."), ("Roach", "J. T.")], 1976,
                                                   "A Land Use und Land Cover Classiftcation System for Use with Remote Sensor Data. USGS"))
    mapping, _ = build_works([a, b])
    assert mapping["r:1:0"] == mapping["r:2:0"]


def test_chinese_surnames_with_other_initials_stay_apart():
    a = WorkInput.from_reference("r:1:0", "1", _ref(0, [("Li", "Y.")], 2012, "Urban governance in China"))
    b = WorkInput.from_reference("r:2:0", "2", _ref(0, [("Li", "Z.")], 2012, "Urban governance in China"))
    mapping, _ = build_works([a, b])
    assert mapping["r:1:0"] != mapping["r:2:0"]


def test_fi_ligature_read_as_registered_sign():
    assert normalise_title("Fractals, random shapes and point ®elds") == normalise_title("Fractals, Random Shapes and Point Fields")


def test_resolution_shows_one_form_and_records_corrections():
    refs = (
        StoredReference(1, 0, _ref(0, [("LANGFORD", "M.")], 1996, "Modelling sensitivity to accuracy in classified imagery")),
        StoredReference(2, 0, _ref(0, [("Langford", "M.")], 1996, "Modelling sensitivity to accuracy in classified imagery")),
        StoredReference(2, 1, _ref(1, [("Langford", "M.")], 2003, "Refining methods for dasymetric mapping")),
        StoredReference(3, 0, _ref(0, [("Goopman.", "R.")], 1979, "The last entrepreneurs")),
    )
    sources = WorkSources(refs, (StoredMention(4, 0, 0, CitedWork(("Langford",), 2003)),),
                          (StoredPaper(5, Metadata(title="x", authors=(Author("Langford", "M."),), year=2001)),),
                          ocr_documents=frozenset({3}), cited_as={(3, 0): ("Goodman",)})
    resolved = resolve_stored_works(sources)
    firsts = {w.first_author for w in resolved.works}
    assert firsts == {"Langford", "Goodman"}
    assert resolved.reference_works[(1, 0)] == resolved.reference_works[(2, 0)]
    goodman = next(w for w in resolved.works if w.first_author == "Goodman")
    assert goodman.label == "Goodman 1979"
    assert goodman.corrected == ("Goopman. → Goodman (the paper's in-text citation)",)
    assert [c.corrected for c in resolved.corrections] == ["Goodman"]


@pytest.mark.parametrize("sentence, names, cell", [
    ("BillSum (2019)", ("BillSum",), True),
    ("Saier and Färber(2019) †", ("Saier", "Färber"), True),
    ("(Truman, 1949).", ("Truman",), False),  # a parenthetical citation after a full stop
    ("Nhất Hạnh (1995) writes:", ("Hạnh",), False),
    ("See Wang et al. (2020) for details.", ("Wang",), False),
])
def test_table_cell(sentence, names, cell):
    from litmap.corpus.resolve import table_cell

    assert table_cell(StoredMention(1, 0, 0, CitedWork(names, 2019), sentence)) is cell


def test_a_system_named_with_its_year_in_a_table_makes_no_work():
    ref = StoredReference(1, 0, Reference(index=0, raw="", authors=(Author("Lewis", "M."),), year=2020,
                                          title="BART: denoising sequence-to-sequence pre-training"))
    cell = StoredMention(1, 0, 0, CitedWork(("BillSum",), 2019), "BillSum (2019)")
    seed = StoredMention(2, 0, 0, CitedWork(("BillSum",), 2019), "BillSum (2019)")  # a paper with no reference list
    resolved = resolve_stored_works(WorkSources((ref,), (cell, seed), ()))
    assert (1, 0, 0) not in resolved.mention_works  # the table cell of a paper with a reference list: no work
    assert (2, 0, 0) in resolved.mention_works  # the same words in a paper without one: a citation-only work
