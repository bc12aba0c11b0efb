"""The venue a paper prints on its first pages (litmap.parse.metadata_venue)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from litmap.parse.metadata import extract_metadata
from litmap.parse.metadata_venue import printed_venue, venue_from_subject, venue_on_page, year_in_line
from litmap.parse.structure import structure_document
from litmap.read.layout.pages import Block, LaidOutPage

BODY = "Gentrification was studied in many cities through interviews, surveys and archival work. " * 6


def venue_name(*args, **kwargs):
    """venue_on_page's venue alone (it also returns the text the venue was read from)."""
    found = venue_on_page(*args, **kwargs)
    return found[0] if found else None


def blk(text: str, top: float, *, size: float = 10.0, bold: bool = False) -> Block:
    return Block(page=1, x0=50.0, top=top, x1=540.0, bottom=top + 10.0, text=text, size=size, bold=bold,
                 lines=tuple(text.split("\n")))


def page(*blocks: Block, number: int = 1, furniture: tuple[str, ...] = ()) -> LaidOutPage:
    return LaidOutPage(number=number, width=595.0, height=842.0, blocks=tuple(replace(b, page=number) for b in blocks),
                       furniture=furniture)


@pytest.mark.parametrize("line, venue", [
    ("Urban Studies 45(12) 2449–2470, November 2008", "Urban Studies"),
    ("Urban Studies 2016, Vol. 53(3) 455–470", "Urban Studies"),
    ("Popul Res Policy Rev (2007) 26:619–633", "Popul Res Policy Rev"),
    ("Historical Social Research, Vol. 34 — 2009 — No. 3, 215-229", "Historical Social Research"),
    ("BIOS, Jg. 24 (2011), Heft 2 © Verlag Barbara Budrich", "BIOS"),
    ("Industrielle Beziehungen, 4. Jg., Heft 3, 1997", "Industrielle Beziehungen"),
    ("Popul Space Place . 2020;26:e2327", "Popul Space Place"),
    ("280 Journal of Urban Regeneration and Renewal Vol. 18, 3, 280–287", "Journal of Urban Regeneration and Renewal"),
    ("Vol.:(0123456789)Journal of Housing and the Built Environment (2024) 39:49–75",
     "Journal of Housing and the Built Environment"),
    ("Social Inclusion (ISSN: 2183–2803) 2017, Volume 5, Issue 2", "Social Inclusion"),
    ("Cities 157 (2025) 105586", "Cities"),
    ("Agyeman-Duah et al. BMC Health Services Research 2014, 14:1", "BMC Health Services Research"),
    ("© 2008 Urban Studies Journal Limited", "Urban Studies"),
    ("Time & Society copyright © 2008 SAGE (Los Angeles, London, New Delhi and Singapore)", "Time & Society"),
    ("Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics, pages 4969–4983",
     "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics"),
    ("Journal of Housing and the Built Environment https://doi.org/10.1007/s10901-019-09656-0",
     "Journal of Housing and the Built Environment"),
    ("https://doi.org/10.1177/0969776418763010European Urban and Regional Studies 1 –15 © The Author(s) 2018",
     "European Urban and Regional Studies"),
    ("J Geograph Syst (1999) 1:323±346", "J Geograph Syst"),
    ("123GeoJournal (2021) 86:133–143", "GeoJournal"),
    ("PAPERS IN REGIONAL SCIENCE: The Journal of the RSAI 70, 3:303-15",
     "PAPERS IN REGIONAL SCIENCE: The Journal of the RSAI"),
    ("Tijdschrift voor Economische en Sociale Geografie – 2024, DOI:10.1111/tesg.12575, Vol. 115, No. 1",
     "Tijdschrift voor Economische en Sociale Geografie"),
    ("Africa Spectrum 2/2014: 53-77", "Africa Spectrum"),
    ("In Proceedings of the 45th Annual Meeting of the Association for Computational Linguistics (ACL-2007)",
     "Proceedings of the 45th Annual Meeting of the Association for Computational Linguistics"),
    ("1st Conference on Robot Learning (CoRL 2017), Mountain View, United States.",
     "1st Conference on Robot Learning (CoRL 2017)"),
    ("https://doi.org/10.1002/psp.2327PopulSpacePlace.2020;26:e2327.", "PopulSpacePlace"),  # a DOI with letters, glued
    ("280 ETHNICITIES 5(2)", "ETHNICITIES"),  # a running head ending on volume and issue
    ("Forum Qualitative Research 9(2), Art. 62", "Forum Qualitative Research"),
])
def test_printed_venue_shapes(line, venue):
    assert printed_venue([line]) == venue


@pytest.mark.parametrize("line", [
    "Received 12 March 2019, Accepted 2020",
    "Table 3 (2019) 12:3-4",
    "In 2019, 45 (12) people moved",
    "January 2007, Volume 18, Issue 3.",  # a date, not a journal
    "Cambridge University Press 2004, Vol. 2",  # a publisher
    "Gentrification in Helsinki https://doi.org/10.1016/j.cities.2024.105586",  # a title over a DOI: no venue word
    "FORUM: QUALITATIVE Volume 3, No. 2, Art. 14",  # a masthead cut after an adjective
])
def test_printed_venue_refuses(line):
    assert printed_venue([line]) is None


def test_reference_blocks_and_body_text_are_not_read():
    ref = blk("Journal of Transport Geography 12(3) 45–67.", 500)
    p = page(blk("A title", 30, size=16), blk(BODY, 200), ref, blk("Urban Studies 45(12) 2449–2470", 300), blk(BODY, 400),
             blk(BODY, 600))
    # the masthead-shaped line sits mid-page, and the reference block is skipped: nothing is read
    assert venue_name([p], {p.blocks[2]}) is None
    foot = blk("Urban Studies 45(12) 2449–2470", 800)
    assert venue_name([replace(p, blocks=(*p.blocks, foot))], {p.blocks[2]}) == "Urban Studies"


def test_a_line_continuing_the_one_above_does_not_start_a_name():
    head = "health: An Interdisciplinary Journal for the Social Study of Health,\nIllness and Medicine Copyright © 2008 SAGE"
    assert venue_name([page(blk(head, 20), blk(BODY, 300))], set()) is None


def test_a_block_citing_the_paper_itself_names_its_venue():
    title = "Asking Survey Respondents about Reasons for Their Behavior"
    cite = ("How to cite this article: Lau C.Q., & McHenry G. (2014). Asking Survey Respondents about Reasons for "
            "Their Behavior, Survey Methods: Insights from the Field. Retrieved from http://surveyinsights.org/?p=2914")
    assert venue_name([page(blk(title, 60, size=16), blk(cite, 300), blk(BODY, 400))], set(), title) == \
        "Survey Methods: Insights from the Field"
    # a JOSS footer: no cue, but the paper's own title and a year
    foot = "Fleischmann, (2019). momepy: Urban Morphology Measuring Toolkit. Journal of Open Source Software, 4(43), 1807."
    p = page(blk("momepy: Urban Morphology Measuring Toolkit", 60), blk(BODY, 300), furniture=(foot,))
    assert venue_name([p], set(), "momepy: Urban Morphology Measuring Toolkit") == "Journal of Open Source Software"


def test_a_place_after_the_cited_title_is_no_venue():
    title = "National business systems and the international transfer of industrial models"
    cite = ("Suggested Citation: Dörrenbächer, Christoph: National business systems and the international transfer "
            "of industrial models. Berlin, 2002 (Discussion Papers / WZB)")
    assert venue_name([page(blk(title, 60, size=16), blk(cite, 300), blk(BODY, 400))], set(), title) is None
    dutch = ("To cite this paper: He, S. (2018) Three waves of state-led gentrification in China, Tijdschrift voor "
             "economische en sociale geografie , (in press)")
    assert venue_name([page(blk(dutch, 300), blk(BODY, 400))], set(), "Three waves of state-led gentrification in China") \
        == "Tijdschrift voor economische en sociale geografie"


def test_a_masthead_over_two_lines_of_a_text_file():
    head = "Special issue article: Locating gentrification\nUrban Studies\n2016, Vol. 53(3) 455–470\nReprints"
    assert venue_name([page(blk(BODY, 30))], set(), None, head) == "Urban Studies"


def test_page_two_running_head_when_page_one_has_none():
    one = page(blk("Tarifpolitik im Wandel", 60, size=16), blk(BODY, 300))
    two = page(blk(BODY, 100), number=2, furniture=("Industrielle Beziehungen, 4. Jg., Heft 3, 1997",))
    assert venue_name([one, two], set()) == "Industrielle Beziehungen"


@pytest.mark.parametrize("subject, venue", [
    ("Journal of Statistical Software", "Journal of Statistical Software"),
    ("Urban Studies", "Urban Studies"),
    ("An R package for modelling spectra", None),  # a description
    ("Cities, 54 (2016) 70-80. doi:10.1016/j.cities.2016.02.013", None),  # read by the masthead code, not here
])
def test_venue_from_subject(subject, venue):
    assert venue_from_subject(subject) == venue


def test_metadata_takes_the_printed_venue_and_says_so():
    first = page(blk("Urban Studies 45(12) 2449–2470, November 2008", 20),
                 blk("Gentrification and social mixing", 80, size=16, bold=True), blk("Loretta Lees", 110),
                 blk("Abstract", 140, size=12, bold=True), blk(BODY, 160))
    meta = extract_metadata([first], structure_document([first]), {})
    assert meta.journal == "Urban Studies" and "journal:printed line" in meta.provenance


@pytest.mark.parametrize("line, year", [
    ("Proceedings of NAACL-HLT 2018, pages 84–91 New Orleans, Louisiana, June 1 - 6, 2018.", 2018),
    ("International Journal of Action Research 2(2), 198-221 ISSN 1861-1303", None),  # an ISSN, a page range
    ("Cities 157 (2025) 105586", 2025),
    ("Journal of X 12(3) 2049–2060", None),
    ("Future Journal 2031, Vol. 4", None),  # later than the latest year allowed
])
def test_year_in_line(line, year):
    assert year_in_line(line, 2027) == year


def test_a_paper_without_a_printed_year_takes_its_venue_lines_year_not_the_pdf_date():
    first = page(blk("Construction of the Literature Graph in Semantic Scholar", 80, size=16, bold=True),
                 blk("Waleed Ammar", 110), blk("Abstract", 140, size=12, bold=True), blk(BODY, 160),
                 blk("Proceedings of NAACL-HLT 2018, pages 84–91 New Orleans, Louisiana, June 1 - 6, 2018.", 790))
    meta = extract_metadata([first], structure_document([first]), {"creationdate": "D:20190301"})
    assert meta.year == 2018 and "year:venue line" in meta.provenance
    assert meta.journal == "Proceedings of NAACL-HLT 2018"


def test_a_venue_from_the_pdf_subject_says_so():
    first = page(blk("An R package for spectra", 80, size=16, bold=True), blk("Katharine Mullen", 110),
                 blk("Abstract", 140, size=12, bold=True), blk(BODY, 160))
    meta = extract_metadata([first], structure_document([first]), {"subject": "Journal of Statistical Software"})
    assert meta.journal == "Journal of Statistical Software"
    assert "journal:pdf subject" in meta.provenance and "journal:printed line" not in meta.provenance


@pytest.mark.parametrize("printed, name", [
    ("ETHNICITIES", "Ethnicities"), ("URBAN STUDIES", "Urban Studies"), ("BMC PUBLIC HEALTH", "BMC Public Health"),
    ("ENVIRONMENT AND PLANNING A", "Environment and Planning A"), ("BIOS", "BIOS"), ("JAMA", "JAMA"),
    ("PopulSpacePlace", "Popul Space Place"), ("GeoJournal", "GeoJournal"), ("GIScience & Remote Sensing", "GIScience & Remote Sensing"),
])
def test_a_venue_set_in_capitals_or_glued_reads_as_a_name(printed, name):
    from litmap.parse.metadata_title import clean_journal

    assert clean_journal(printed) == name


def test_a_volume_and_issue_at_the_end_of_a_sentence_name_no_venue():
    # a name starts only at a line's start: a sentence citing "Urban Studies 45(12)" names no venue
    body = page(blk("Gentrification and social mixing", 80, size=16, bold=True), blk("Loretta Lees", 110),
                blk("Abstract", 140, size=12, bold=True), blk(BODY + " As argued in Urban Studies 45(12)", 300))
    assert venue_name([body], frozenset()) is None
