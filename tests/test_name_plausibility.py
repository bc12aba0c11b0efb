"""OCR-misread names: the letter model, shape checks, corrections in noisy scans and suspect works."""

from __future__ import annotations

import pytest

from litmap.corpus.authors import NamePrinting, author_forms, misread_surnames, noisy_documents, ocr_suspects
from litmap.corpus.name_plausibility import case_fixed, name_doubt, name_score, odd_capitals


@pytest.mark.parametrize("name", ["Smith", "Harvey", "Brenner", "Swyngedouw", "Rodríguez-Pose", "van der Meer",
                                  "McDonald", "DeLanda", "O'Neill", "Kolmogorov", "Yrjänä", "LANGFORD", "Li"])
def test_real_names_are_not_doubted(name):
    assert name_doubt(name) is None
    assert name_doubt(name, noisy=True) is None


@pytest.mark.parametrize("name, reason", [
    ("Berkow!7z.", "stray characters"), ("Gershmel| Philip", "stray characters"),
    ("Mo -enkopr", "broken apart"), ("a Crackel", "broken apart"), ("Xqzvjk", "unlike a surname"),
])
def test_misread_names_are_doubted(name, reason):
    assert name_doubt(name) == reason


def test_noisy_lists_doubt_more_readily():
    assert name_score("Gunb") is not None
    assert name_doubt("Gunb") is None and name_doubt("Gunb", noisy=True) == "unlike a surname"


@pytest.mark.parametrize("name, fixed", [("GerTLer", "Gertler"), ("MacGreGor", "MacGregor"), ("NoyeLLe", "Noyelle"),
                                         ("McDonald", "McDonald"), ("DeLanda", "DeLanda"), ("LeMoli", "LeMoli"),
                                         ("LANGFORD", "LANGFORD"), ("Smith-Jones", "Smith-Jones")])
def test_misread_small_capitals_set_in_ordinary_case(name, fixed):
    assert case_fixed(name) == fixed
    assert odd_capitals(name) == (name != fixed)


def test_author_forms_show_misread_small_capitals_in_ordinary_case():
    assert author_forms(["GerTLer"])["GerTLer"] == "Gertler"
    assert author_forms(["DeLanda"])["DeLanda"] == "DeLanda"


def _p(doc, idx, name, pos=0, ocr=None):
    return NamePrinting(doc, idx, pos, name, ocr)


_BROKEN = [_p(13, 90 + i, n) for i, n in enumerate(["Berkow!7z.", "GerTLer", "NoyeLLe", "Hudson"])]


def test_a_list_with_many_broken_names_is_noisy():
    assert noisy_documents(_BROKEN + [_p(13, 0, "Scorr.")], ocr_documents={13}) == {13}
    clean = [_p(44, i, n) for i, n in enumerate(["Tobler", "Kendall", "Parzen", "Wasow", "Birkhoff"])]
    assert noisy_documents(clean, ocr_documents={44}) == set()
    assert noisy_documents(_BROKEN, ocr_documents=set()) == set()  # no page read by OCR


def test_noisy_scan_corrected_further_by_its_own_citation_and_by_other_papers():
    printings = _BROKEN + [_p(13, 0, "Scorr."), _p(13, 1, "Lerrner."), _p(13, 2, "LyaL."), _p(13, 3, "Mototcu.")]
    printings += [_p(2, 0, "Molotch", 1)]
    cited = {(13, 0): ("Scott",), (13, 1): ("Leitner",), (13, 2): ("Lyall",)}
    fixed = {c.printed: c.corrected for c in misread_surnames(printings, ocr_documents={13}, cited_as=cited)}
    assert fixed == {"Scorr.": "Scott", "Lerrner.": "Leitner", "LyaL.": "Lyall", "Mototcu.": "Molotch"}
    # The same list read cleanly (not noisy): two-letter misreadings are left alone.
    plain = [p for p in printings if p not in _BROKEN]
    fixed = {c.printed for c in misread_surnames(plain, ocr_documents={13}, cited_as=cited)}
    assert fixed == set()


def test_suspects_only_on_ocr_pages_uncorrected_and_printed_nowhere_else():
    printings = _BROKEN + [_p(13, 0, "Gunb"), _p(13, 1, "Gunb", ocr=False), _p(13, 2, "Reapy."),
                           _p(5, 0, "Reapy"), _p(13, 3, "Xqzvjk"), _p(13, 4, "Xqzvjkw")]
    cited = {(13, 4): ("Xqzvjkw",)}
    sus = ocr_suspects(printings, ocr_documents={13}, cited_as=cited)
    got = {(s.idx, s.printed, s.reason) for s in sus}
    assert (13 - 13, "Gunb", "unlike a surname") in got  # noisy list: the looser threshold
    assert not any(s.idx == 1 for s in sus)  # a page with a text layer
    assert not any(s.printed == "Reapy." for s in sus)  # another paper prints it
    assert not any(s.idx == 4 for s in sus)  # its own citation prints it so
    assert any(s.printed == "Berkow!7z." for s in sus)


def test_resolution_marks_works_only_scans_cite_under_doubted_names(tmp_path):
    from litmap.corpus.resolve import StoredReference, WorkSources, resolve_stored_works
    from litmap.models import Author, Reference
    from litmap.store.works import ocr_pages_of

    def ref(doc, idx, name, year, title, page=15):
        return StoredReference(doc, idx, Reference(idx, "raw", (Author(name, "A."),), year=year, title=title, page=page))

    refs = (ref(13, 0, "Xqzvjk", 1986, "Urban dreams"), ref(13, 1, "Berkow!7z.", 1984, "Economic development"),
            ref(13, 2, "Xqzvjkw", 1980, "City law"), ref(7, 0, "Xqzvjkw", 1980, "City law"),
            ref(13, 3, "Xzqvjk", 1977, "Text layer page", page=1))
    pages = ocr_pages_of(["OCR used on pages 2–16: text may contain recognition errors"])
    assert pages == frozenset(range(2, 17))
    resolved = resolve_stored_works(WorkSources(refs, (), (), ocr_documents=frozenset({13}), ocr_pages={13: pages}))
    marked = {w.label: w.ocr_suspect for w in resolved.works if w.ocr_suspect}
    assert set(marked) == {"Xqzvjk 1986", "Berkow!7z 1984"}  # another paper cites Xqzvjkw 1980; page 1 had a text layer
    assert "unlike a surname" in marked["Xqzvjk 1986"][0]


@pytest.mark.parametrize("name", ["DCLG (Department of Communities and Local Government)", "eBay", "Gurr.T", "CoV",
                                  "O'Neill", "D'Alembert"])
def test_organisations_and_initials_keep_their_case(name):
    assert case_fixed(name) == name


def test_scanned_entry_corrected_by_the_unlinked_citation_of_its_year_and_merged_with_it():
    from litmap.corpus.resolve import StoredMention, StoredReference, WorkSources, resolve_stored_works
    from litmap.models import Author, CitedWork, Reference

    def ref(idx, names, year, title):
        return StoredReference(13, idx, Reference(idx, "raw", tuple(Author(n, "A.") for n in names), year=year,
                                                  title=title, page=15))

    refs = (ref(0, ["Jupp.", "Reapy."], 1986, "Entrepreneurial cities"), ref(1, ["Fru."], 1980, "The city"),
            ref(2, ["Berkow!7z."], 1984, "Economic development"), ref(3, ["GerTLer"], 1988, "Flexibility"),
            ref(4, ["NoyeLLe"], 1984, "Services"), ref(5, ["Xavier"], 1990, "Other"))
    mentions = (StoredMention(13, 0, 0, CitedWork(("Judd", "Ready"), 1986)),
                StoredMention(13, 1, 0, CitedWork(("Frug",), 1980)),
                StoredMention(13, 2, 0, CitedWork(("Yang",), 1990)))  # another initial: no evidence
    resolved = resolve_stored_works(WorkSources(refs, mentions, (), ocr_documents=frozenset({13})))
    fixed = {c.printed: c.corrected for c in resolved.corrections}
    assert fixed == {"Jupp.": "Judd", "Reapy.": "Ready", "Fru.": "Frug"}
    assert resolved.reference_works[(13, 0)] == resolved.mention_works[(13, 0, 0)]
    assert resolved.reference_works[(13, 1)] == resolved.mention_works[(13, 1, 0)]
    assert resolved.reference_works[(13, 5)] != resolved.mention_works[(13, 2, 0)]
    # The same list not read by OCR: nothing is corrected.
    plain = resolve_stored_works(WorkSources(refs, mentions, (), ocr_documents=frozenset()))
    assert plain.corrections == ()


@pytest.mark.parametrize("name, organisation", [("GLA (Greater London Authority)", True), ("IPUMS", True),
                                                ("IPUMS", False), ("ESRI", False),
                                                ("DCLG (Department of Communities and Local Government)", False)])
def test_organisations_and_acronyms_are_not_doubted(name, organisation):
    assert name_doubt(name, noisy=True, organisation=organisation) is None


@pytest.mark.parametrize("name", ["Japan)", "Goodchild) Michael", "M.1999"])
def test_unbalanced_brackets_and_digits_are_stray(name):
    assert name_doubt(name) == "stray characters"


def test_a_possessive_citation_corrects_nothing():
    printings = [_p(14, 29, "Parker")]
    assert misread_surnames(printings, ocr_documents={14}, cited_as={(14, 29): ("Parker’s",)}) == []


def test_scanned_capitals_shown_as_the_papers_text_prints_them():
    from litmap.corpus.resolve import StoredReference, WorkSources, resolve_stored_works
    from litmap.models import Author, Reference

    refs = (StoredReference(13, 0, Reference(0, "raw", (Author("ELKIN.", "S."),), year=1987, title="City and regime",
                                             page=15)),)
    with_text = resolve_stored_works(WorkSources(refs, (), (), ocr_documents=frozenset({13}),
                                                 cited_as={(13, 0): ("Elkin",)}))
    alone = resolve_stored_works(WorkSources(refs, (), (), ocr_documents=frozenset({13})))
    assert [w.label for w in with_text.works] == ["Elkin 1987"]
    assert [w.label for w in alone.works] == ["ELKIN 1987"]


@pytest.mark.parametrize("name, cleaned", [("Goodchild) Michael", "Goodchild"), ("a Crackel", "Crackel"),
                                           ("Gershmel| Philip", "Gershmel"), ("Mo -enkopr", None), ("Smith", None)])
def test_the_surname_inside_a_broken_name(name, cleaned):
    from litmap.corpus.name_plausibility import cleaned_name
    assert cleaned_name(name) == cleaned


def test_broken_name_corrected_to_the_surname_inside_when_printed_elsewhere():
    printings = [_p(8, 11, "Goodchild) Michael"), _p(10, 0, "a Crackel"), _p(12, 0, "Japan)"), _p(3, 0, "Goodchild")]
    fixed = {c.printed: (c.corrected, c.evidence) for c in
             misread_surnames(printings, ocr_documents={8, 10, 12}, cited_as={(10, 0): ("Crackel",)})}
    assert fixed == {"Goodchild) Michael": ("Goodchild", "stray characters dropped, printed so in 1 other paper"),
                     "a Crackel": ("Crackel", "stray characters dropped, the paper's in-text citation")}
