"""Header metadata from hand-built blocks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from litmap.read.layout.pages import Block, LaidOutPage
from litmap.models import Author
from litmap.parse.metadata import extract_metadata, find_doi, parse_author_line, parse_cover, split_keywords
from litmap.parse.structure import structure_document


def blk(text: str, *, size: float = 10.0, bold: bool = False, kind: str = "body") -> Block:
    return Block(page=1, x0=50.0, top=0.0, x1=540.0, bottom=10.0, text=text, size=size, bold=bold, kind=kind,
                 lines=(text,))


def page(number: int, *blocks: Block) -> LaidOutPage:
    return LaidOutPage(number=number, width=595.0, height=842.0,
                       blocks=tuple(replace(b, page=number, top=40.0 + 18 * i, bottom=50.0 + 18 * i)
                                    for i, b in enumerate(blocks)))


BODY = "Housing class theory was proposed by Rex and Moore and debated for decades in urban sociology. " * 5

TF_COVER = page(
    1,
    blk("Housing Studies", size=14, kind="cover"),
    blk("An idea that refuses to die. Rise, fall and resurgence of “housing class”", size=18, bold=True,
        kind="cover"),
    blk("Hannu Ruonavaara", size=12, bold=True, kind="cover"),
    blk("To cite this article: Hannu Ruonavaara (2025) An idea that refuses to die. Rise, fall and resurgence of "
        "“housing class”, Housing Studies, 40:11, 2507-2527, DOI: 10.1080/02673037.2024.2409320", kind="cover"),
    blk("To link to this article: https://doi.org/10.1080/02673037.2024.2409320", kind="cover"),
)


def meta_of(pages: list[LaidOutPage], pdf: dict | None = None):
    return extract_metadata(pages, structure_document(pages), pdf or {}, path="x.pdf")


def test_taylor_francis_cover_line_gives_everything() -> None:
    article = page(2, blk("HOUSING STUDIES 2025, VOL. 40, NO. 11, 2507–2527", size=7.5),
                   blk("An idea that refuses to die", size=14, bold=True), blk("a,b Hannu Ruonavaara", size=10.5),
                   blk("ABSTRACT", size=7.5), blk("In 1967, John Rex and Robert Moore published a book. " * 4, size=9),
                   blk("KEYWORDS", size=7.5), blk("Housing; social class; theory; Max Weber", size=8),
                   blk("Introduction", size=11, bold=True), blk(BODY, size=10.5))
    m = meta_of([TF_COVER, article])
    assert m.title == "An idea that refuses to die. Rise, fall and resurgence of “housing class”"
    assert m.authors == (Author("Ruonavaara", "Hannu"),)
    assert (m.year, m.journal, m.volume, m.issue, m.pages) == (2025, "Housing Studies", "40", "11", "2507–2527")
    assert m.doi == "10.1080/02673037.2024.2409320"
    assert m.keywords == ("Housing", "social class", "theory", "Max Weber")
    assert m.abstract is not None and m.abstract.startswith("In 1967, John Rex")


def test_elsevier_first_page_title_authors_year_doi() -> None:
    p = page(1,
             blk("Contents lists available at ScienceDirect", size=8),
             blk("Political Geography", size=14),
             blk("journal homepage: www.elsevier.com/locate/polgeo", size=8),
             blk("Assembling the city region: rescaling in Beijing", size=13.4),
             blk("Y. Li a, Fulong Wu b,*", size=10.6),
             blk("a Department of Geography, University College London, UK", size=6.4),
             blk("A B S T R A C T", size=7),
             blk("Recent studies have applied the framework of state rescaling to city-regional governance. " * 3,
                 size=7.2),
             blk("Keywords: City regions; State rescaling; Assemblage", size=6.4),
             blk("1. Introduction", size=8, bold=True),
             blk(BODY, size=8),
             blk("E-mail address: f.wu@ucl.ac.uk. https://doi.org/10.1016/j.polgeo.2024.103131.", size=7.2),
             blk("Political Geography 112 (2024) 103131", size=7.2))
    m = meta_of([p], {"Title": "Microsoft Word - manuscript_final.docx"})
    assert m.title == "Assembling the city region: rescaling in Beijing"
    assert [a.family for a in m.authors] == ["Li", "Wu"]
    assert m.authors[0].given == "Y."
    assert m.doi == "10.1016/j.polgeo.2024.103131"
    assert m.year == 2024
    assert m.keywords == ("City regions", "State rescaling", "Assemblage")
    assert m.affiliations and "University College London" in m.affiliations[0]
    assert m.abstract is not None and m.abstract.startswith("Recent studies")


def test_pdf_info_title_used_when_it_matches_the_page() -> None:
    p = page(1, blk("Parameterization and Visualization of the Errors", size=12, bold=True),
             blk("in Areal Interpolation", size=12, bold=True), blk("Samantha Cockings and Peter Fisher", size=10.5),
             blk(BODY))
    m = meta_of([p], {"Title": "Parameterization and Visualization of the Errors in Areal Interpolation"})
    assert m.title == "Parameterization and Visualization of the Errors in Areal Interpolation"
    assert m.authors[0] == Author("Cockings", "Samantha")


def test_year_falls_back_to_received_dates() -> None:
    p = page(1, blk("A title of some length here", size=16), blk("Jane Doe", size=12),
             blk("Received 3 March 2019; accepted 9 May 2020"), blk(BODY))
    assert meta_of([p]).year == 2020


@pytest.mark.parametrize("text, expected", [
    ("Hannu Ruonavaara", [("Ruonavaara", "Hannu")]),
    ("Y. Li, Fulong Wu*", [("Li", "Y."), ("Wu", "Fulong")]),
    ("Robert G. Cromley , Jie Lin & David A. Merwin", [("Cromley", "Robert G."), ("Lin", "Jie"), ("Merwin", "David A.")]),
    ("IAN N. GREGORY* and PAUL S. ELL", [("Gregory", "Ian N."), ("Ell", "Paul S.")]),
    ("Kazumasa Hanaoka a,⇑ , Tomoki Nakaya b", [("Hanaoka", "Kazumasa"), ("Nakaya", "Tomoki")]),
    ("Ludwig van der Meer1,2 and Ana Díaz", [("van der Meer", "Ludwig"), ("Díaz", "Ana")]),
    ("Martin Fleischmann https://orcid.org/0000-0003-3319-3366", [("Fleischmann", "Martin")]),
    ("Yichun Xie 1 Department of Geography, Eastern Michigan University", [("Xie", "Yichun")]),
    ("Department of Geography, University of Leicester", []),
    ("This paper examines the politics of scale", []),
])
def test_author_lines(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.family, a.given) for a in parse_author_line(text)] == expected


@pytest.mark.parametrize("text, doi", [
    ("DOI: 10.1080/02673037.2024.2409320.", "10.1080/02673037.2024.2409320"),
    ("https://doi.org/10.1016/J.CITIES.2025.106718),", "10.1016/j.cities.2025.106718"),
    ("https://doi. org/10.1068/ a45", "10.1068/a45"),
    ("no identifier here", None),
    ("EUR0010.1177/0969776418763010European Urban", "10.1177/0969776418763010"),
    ("doi:10.1080/13604813.2015.1051746", "10.1080/13604813.2015.1051746"),
    ("DOI 10.1007/s11113-007-9050-9", "10.1007/s11113-007-9050-9"),
])
def test_doi_cleanup(text: str, doi: str | None) -> None:
    assert find_doi(text) == doi


@pytest.mark.parametrize("text, keywords", [
    ("KEYWORDS Housing; social class; theory", ("Housing", "social class", "theory")),
    ("Key words: areal interpolation, accuracy, error.", ("areal interpolation", "accuracy", "error")),
    ("Keywords Areal interpolation (cid:1) Population estimates", ("Areal interpolation", "Population estimates")),
])
def test_keywords_split(text: str, keywords: tuple[str, ...]) -> None:
    assert split_keywords(text) == keywords


def test_jstor_cover() -> None:
    info = parse_cover("Smooth Pycnophylactic Interpolation for Geographical Regions Author(s): Waldo R. Tobler "
                       "Source: Journal of the American Statistical Association, Vol. 74, No. 367 (Sep., 1979), "
                       "pp. 519-530 Published by: Taylor & Francis")
    assert info.title == "Smooth Pycnophylactic Interpolation for Geographical Regions"
    assert info.authors == (Author("Tobler", "Waldo R."),)
    assert (info.year, info.volume, info.issue, info.pages) == (1979, "74", "367", "519-530")


def test_text_file_title_is_first_heading() -> None:
    p = page(1, blk("Rescaling the state", size=16, kind="heading"), blk("1 Introduction", size=14, kind="heading"),
             blk(BODY))
    m = meta_of([p])
    assert m.title == "Rescaling the state"
    assert m.doi is None and m.year is None


def test_nothing_found_is_empty_not_an_error() -> None:
    m = meta_of([])
    assert m.title is None and m.authors == () and m.doi is None


def test_masthead_removed_as_running_head_still_gives_journal_and_year():
    first = replace(
        page(1, blk("Hybrid areal interpolation of census counts", size=16, bold=True),
             blk("Jonathan P. Schroeder"), blk("Introduction", size=12, bold=True), blk(BODY)),
        furniture=("Computers, Environment and Urban Systems 62 (2017) 156–165",),
    )
    pages = [first]
    meta = extract_metadata(pages, structure_document(pages), {})
    assert meta.year == 2017
    assert meta.journal == "Computers, Environment and Urban Systems"
    assert meta.volume == "62"


def test_issue_line_date_is_not_the_journal_the_line_above_is():
    # JSS: "Journal of Statistical Software" / "January 2007, Volume 18, Issue 3." — "January" is the issue's date.
    first = page(1, blk("JSS", size=20, bold=True), blk("Journal of Statistical Software"),
                 blk("January 2007, Volume 18, Issue 3."),
                 blk("TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements", size=16, bold=True),
                 blk("Katharine M. Mullen"), blk("Abstract", size=12, bold=True), blk(BODY))
    meta = extract_metadata([first], structure_document([first]), {})
    assert (meta.journal, meta.volume, meta.issue, meta.year) == ("Journal of Statistical Software", "18", "3", 2007)


def test_issue_line_under_no_journal_name_leaves_the_journal_unknown():
    first = page(1, blk("Spring 2012, Volume 4, Issue 2."),
                 blk("Neighbourhood change in three cities", size=16, bold=True), blk("Ann Author"),
                 blk("Abstract", size=12, bold=True), blk(BODY))
    meta = extract_metadata([first], structure_document([first]), {})
    assert meta.journal is None and meta.volume == "4" and meta.year == 2012


# --- title sanity (litmap.parse.metadata_title) ---------------------------------------------------------------

from litmap.parse.metadata_title import clean_journal, sane_title, title_from_cite_line  # noqa: E402


@pytest.mark.parametrize("text, title", [
    pytest.param("Urban renewal in Seoul Department of Geography, Seoul National University, email: a@b.kr",
                 "Urban renewal in Seoul", id="cut at a department and email"),
    pytest.param("Gentrification in Lisbon Faculty of Architecture, Lisbon", "Gentrification in Lisbon",
                 id="cut at a faculty"),
    pytest.param("Housing markets and class e-mail: someone@uni.fi", "Housing markets and class", id="cut at e-mail"),
    pytest.param("Universities and the city", "Universities and the city", id="university as a topic"),
    pytest.param("Studentification: the university and the neighbourhood",
                 "Studentification: the university and the neighbourhood", id="university as a topic after a colon"),
    pytest.param("Provincial gentrification in the Global North – A literature review JanKube ˇsa,"
                 "Zolt´anKov´acsb,c,*", "Provincial gentrification in the Global North – A literature review",
                 id="cut before a marked author run"),
    pytest.param("A Point-Based Intelligent Approach to Areal Interpolation*",
                 "A Point-Based Intelligent Approach to Areal Interpolation", id="footnote star dropped, not the title"),
    pytest.param("In the 1990s and 2000s, the process of new-build gentrification (Davidson and Lees 2005, "
                 "2010) took gentrification from modest mews (Glass 1964) to shimmering towers", None,
                 id="body paragraph with citations"),
    pytest.param("word " * 40, None, id="forty words"),
    pytest.param("x" * 280 + " y z", None, id="over 280 characters"),
    pytest.param("URIALISM: THE", None, id="ocr fragment"),
    pytest.param("Cities of the South", "Cities of the South", id="short title kept"),
    pytest.param("1995 Census", None, id="numbered table row"),
    pytest.param("1968 and the city: protest and urban space", "1968 and the city: protest and urban space",
                 id="title opening with a year"),
    pytest.param("112 Category Stakeholder Tools Operational institutions or Channels", None,
                 id="numbered table header"),
    pytest.param("Gentrification in 1990s London", "Gentrification in 1990s London", id="decade inside a title"),
    pytest.param("These processes of inner-city decline have", None, id="sentence first line"),
    pytest.param("A Point-Based Intelligent Approach to", None, id="title cut at a preposition"),
    pytest.param("Who Owns the City?", "Who Owns the City?", id="question title"),
    pytest.param("Neighbourhood change in Paris (1990–2010)", "Neighbourhood change in Paris (1990–2010)",
                 id="period in parentheses"),
    pytest.param("Mews and towers, as Glass (1964) saw them", None, id="citation in a sentence"),
    pytest.param("Department of Sociology, University of California San Diego", None, id="affiliation line"),
])
def test_sane_title(text: str, title: str | None) -> None:
    assert sane_title(text) == title


def test_cite_line_bounds_a_title_that_runs_into_its_author() -> None:
    text = ("Three waves of state-led gentrification in China Shenjing He To cite this paper: He, S. (2018) "
            "Three waves of state-led gentrification in China, Tijdschrift voor economische en sociale geografie")
    title, authors, year = title_from_cite_line(text, "Three waves of state-led gentrification in China Shenjing He")
    assert title == "Three waves of state-led gentrification in China"
    assert authors == (Author("He", "S."),)
    assert year == 2018
    assert title_from_cite_line("no citation line here", "A title") == (None, (), None)


def test_plain_text_header_block_gives_title_author_and_year() -> None:
    p = page(1, blk("Cities and Gentrification in Contemporary Brazil Rogerio Proen ca Leite Federal University of "
                    "Sergipe, São Cristóvão, Brazil Email: rproleite@gmail.com"),
             blk("How to cite this paper: Leite, R. P. (2015). Cities and Gentrification in Contemporary Brazil. "
                 "Current Urban Studies, 3, 175-186."),
             blk(BODY))
    m = meta_of([p])
    assert m.title == "Cities and Gentrification in Contemporary Brazil"
    assert m.authors and m.authors[0].family == "Leite"
    assert m.year == 2015


def test_rejected_page_title_falls_back_to_pdf_info() -> None:
    p = page(1, blk("In the 1990s the process of gentrification (Davidson and Lees 2005) took hold", size=16),
             blk(BODY))
    m = meta_of([p], {"Title": "Gentrification after new-build gentrification"})
    assert m.title == "Gentrification after new-build gentrification"
    assert meta_of([p]).title is None


@pytest.mark.parametrize("raw, expected", [
    ("Annals of the Association of American Geographers , March 2012", "Annals of the Association of American Geographers"),
    ("Urban Studies, 2008, Vol. 45, No. 12", "Urban Studies"),
    ("Environment and Planning A: Economy and Space", "Environment and Planning A: Economy and Space"),
    ("Cities", "Cities"),
    ("", None),
])
def test_journal_date_and_volume_tails_removed(raw: str, expected: str | None) -> None:
    assert clean_journal(raw) == expected


def test_full_reference_note_gives_quoted_title_when_the_page_has_none() -> None:
    text = ("PLEASE NOTE This is the accepted version of the article. Full reference: Tulumello S., Allegretti G. "
            "(202 1), “Articulating urban change in Southern Europe. Gentrification, touristification and "
            "financialisation in Mouraria, Lisbon”, European Urban and Regional Studies, 28(2), 111-132.")
    title, authors, year = title_from_cite_line(text, None)
    assert title == ("Articulating urban change in Southern Europe. Gentrification, touristification and "
                     "financialisation in Mouraria, Lisbon")
    assert [a.family for a in authors] == ["Tulumello", "Allegretti"]
    assert year == 2021


def test_old_jstor_cover_source_block_gives_year_and_journal() -> None:
    cover = page(1, blk("From Managerialism to Entrepreneurialism: The Transformation in Urban Governance"),
                 blk("David Harvey"),
                 blk("Geografiska Annaler. Series B, Human Geography, Vol. 71, No. 1, The Roots of Geographical "
                     "Change: 1973 to the Present. (1989), pp. 3-17."),
                 blk("Stable URL: http://links.jstor.org/sici?sici=0435-3684"))
    article = page(2, blk("FROM MANAGERIALISM TO ENTREPRENEURIALISM", size=16), blk("David Harvey"), blk(BODY))
    m = meta_of([cover, article], {"CreationDate": "D:20061010120000"})
    assert m.year == 1989
    assert m.journal == "Geografiska Annaler. Series B, Human Geography"
    assert (m.volume, m.issue, m.pages) == ("71", "1", "3-17")


def test_library_citation_line_read_as_title_gives_the_papers_fields():
    from litmap.parse.metadata_title import citation_as_title

    ref = citation_as_title(
        "Goodchild, M.F. and Lam, N.S., 1980. Areal interpolation: a variant of the traditional spatial "
        "problem. Geo-Processing, 1:297-312."
    )
    assert ref is not None
    assert ref.title == "Areal interpolation: a variant of the traditional spatial problem"
    assert [a.family for a in ref.authors] == ["Goodchild", "Lam"]
    assert (ref.year, ref.container, ref.volume) == (1980, "Geo-Processing", "1")
    # a title is left alone, numbers and all
    assert citation_as_title("Scale, state and the city: urban transformation in post-reform China, 1978-2008") is None
    assert citation_as_title("Brenner, Scale and the State") is None
