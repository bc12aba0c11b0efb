"""A paper's own volume, issue and pages from its venue line (litmap.parse.metadata_locator)."""

from __future__ import annotations

import pytest

from litmap.export.wos import record_fields
from litmap.parse.metadata import extract_metadata
from litmap.parse.metadata_locator import Locator, expand_pages, locator_for, locator_in_line
from litmap.parse.structure import structure_document
from tests.test_metadata_venue import BODY, blk, page


@pytest.mark.parametrize("line, venue, want", [
    ("Urban Studies 2016, Vol. 53(3) 455–470", "Urban Studies", ("53", "3", "455–470")),
    ("Popul Res Policy Rev (2007) 26:619–633", "Popul Res Policy Rev", ("26", None, "619–633")),
    ("International Psychogeriatrics (2014), 26:1, 147–154", "International Psychogeriatrics", ("26", "1", "147–154")),
    ("Geographical Analysis, Vol. 29, No. 4 (October 1997)", "Geographical Analysis", ("29", "4", None)),
    ("International Journal of Geographical Information Science Vol. 26, No. 3, March 2012, 495–517",
     "International Journal of Geographical Information Science", ("26", "3", "495–517")),
    ("Cities 157 (2025) 105586", "Cities", ("157", None, "105586")),
    ("Popul Space Place . 2020;26:e2327", "Popul Space Place", ("26", None, "e2327")),
    ("Africa Spectrum 2/2014: 53-77", "Africa Spectrum", (None, "2", "53–77")),
    ("BIOS, Jg. 24 (2011), Heft 1, S. 3-20", "BIOS", ("24", "1", "3–20")),
    ("Industrielle Beziehungen, 4. Jg., Heft 3, 1997", "Industrielle Beziehungen", ("4", "3", None)),
    ("Environment and Planning A 2005, volume 37, pages 127 ^ 139", "Environment and Planning A", ("37", None, "127–139")),
    ("Journal of X, 70, 3:303-15", "Journal of X", ("70", "3", "303–315")),  # an abbreviated last page
    ("Sociology 2005, 42, No. 1", "Sociology", ("42", "1", None)),
    ("Urban Geography, 2015 Vol. 36, No. 2, 285–305, http://dx.doi.org/10.1080/02723638.2014.988057", "Urban Geography",
     ("36", "2", "285–305")),  # the DOI's digits are no pages
    ("Sustainability 2022 ,14, 10077.", "Sustainability", ("14", None, "10077")),  # MDPI: an article number
    ("Africa Spectrum, 49, 2, 53-77.", "Africa Spectrum", ("49", "2", "53–77")),
    ("ZQF 15. Jg., Heft 1‒2/2014, S. 25‒38", "ZQF", ("15", "1-2", "25–38")),  # figure dashes
    ("European Urban and Regional Studies 00(0) 1 –15", "European Urban and Regional Studies", (None, None, None)),
    ("Applied Geography 66 (2016) 100e108", "Applied Geography", ("66", None, "100–108")),  # a font's dash read as "e"
    ("Historical Social Research 41 (2016) 4, 214-238", "Historical Social Research", ("41", "4", "214–238")),
    ("Proceedings of the 58th Annual Meeting of the ACL, pages 4969–4983 July 5 - 10, 2020",
     "Proceedings of the 58th Annual Meeting of the ACL", (None, None, "4969–4983")),
])
def test_locator_shapes(line, venue, want):
    assert locator_in_line(line, venue) == Locator(*want)


@pytest.mark.parametrize("line, venue", [
    ("© 2008 Urban Studies Journal Limited", "Urban Studies"),  # a copyright year is no volume
    ("International Journal of Action Research ISSN 1861-1303", "International Journal of Action Research"),
    ("Journal of X 2019 (2020) 12", "Journal of X"),  # a year is never a volume
    ("Journal of X 12(3) 470–455", "Journal of X"),  # pages running backwards: no range, and no guess
    ("FQS Critical Issues When Teaching", "FQS"),  # "Issues" is no issue label, "s" no issue
    ("Journal of X Note that Volume civic life", "Journal of X"),  # "Note" no label, "civic" no roman volume
])
def test_locator_refuses(line, venue):
    assert locator_in_line(line, venue) == Locator()


def test_only_the_text_after_the_venue_is_read():
    # the title before the venue holds numbers that are no locator
    assert locator_in_line("Top 10 cities in 2019. Urban Studies 53(3) 455–470", "Urban Studies") == Locator("53", "3", "455–470")


def test_locator_for_takes_the_first_line_naming_the_venue():
    lines = ["Some 12(3) 45–67 line", "Urban Studies 53(3) 455–470", "Urban Studies 54(1) 1–20"]
    assert locator_for(lines, "Urban Studies") == Locator("53", "3", "455–470")
    assert not locator_for(["Urban Studies"], "Urban Studies") and not locator_for(lines, "Cities")


@pytest.mark.parametrize("first, last, want", [("303", "15", "303–315"), ("e12", "e19", "e12–e19"), ("45", "44", None),
                                               ("1", None, "1"), ("100", "900", None)])
def test_expand_pages(first, last, want):
    assert expand_pages(first, last) == want


def test_metadata_reads_volume_issue_and_pages_from_the_venue_line_and_says_so():
    first = page(blk("Urban Studies 2016, Vol. 53(3) 455–470", 20),
                 blk("Gentrification and social mixing", 80, size=16, bold=True), blk("Loretta Lees", 110),
                 blk("Abstract", 140, size=12, bold=True), blk(BODY, 160))
    meta = extract_metadata([first], structure_document([first]), {})
    assert (meta.journal, meta.volume, meta.issue, meta.pages) == ("Urban Studies", "53", "3", "455–470")
    assert "locator:venue line" in meta.provenance


def test_a_locator_giving_another_volume_than_the_masthead_is_not_mixed_in():
    first = page(blk("Cities 157 (2025) 105586", 20), blk("Cities 158(2) 1–20", 40),
                 blk("State-led gentrification in Helsinki", 80, size=16, bold=True), blk("Anna Yrjänä", 110),
                 blk("Abstract", 140, size=12, bold=True), blk(BODY, 160))
    meta = extract_metadata([first], structure_document([first]), {})
    assert (meta.volume, meta.issue, meta.pages) == ("157", None, "105586")


def test_wos_writes_an_article_number_as_ar():
    from litmap.store.corpusdata import CorpusData, Paper

    fields = {}
    for pages in ("105586", "455–470", "e2327"):
        paper = Paper(id=1, title="T", year=2025, journal="Cities", volume="157", pages=pages)
        fields[pages] = record_fields(paper, CorpusData(papers={1: paper}, works={}, references={}), 0)
    assert fields["105586"]["AR"] == ["105586"] and "BP" not in fields["105586"]
    assert fields["e2327"]["AR"] == ["e2327"]
    assert fields["455–470"]["BP"] == ["455"] and fields["455–470"]["EP"] == ["470"] and "AR" not in fields["455–470"]


def _numbered(folios):
    from litmap.read.layout.pages import LaidOutPage

    return [LaidOutPage(number=k + 1, width=595.0, height=842.0, blocks=(), folio=f) for k, f in enumerate(folios)]


@pytest.mark.parametrize("folios, want", [
    ([None, 248, 249, 250, 251, None], "247–252"),  # the first page unnumbered, as chapters and articles often are
    ([314, 315, 99, 317, 318, 319], "314–319"),  # a stray number (a figure's) is outvoted
    ([1, 2, 3, 4, 5], None),  # numbered from 1: the document's own numbering, no place in a journal
    ([None, 248, None, None], None),  # too few pages agree
    ([10, 20, 30, 40, 50, 60], None),  # no agreement at all
])
def test_folio_range(folios, want):
    from litmap.parse.metadata_locator import folio_range

    assert folio_range(_numbered(folios)) == want


def test_the_printed_page_number_is_kept_as_the_pages_folio():
    from litmap.read.layout.furniture import clean_pages

    def numbered_page(number: int, head: str) -> "LaidOutPage":
        from litmap.read.layout.pages import LaidOutPage

        return LaidOutPage(number=number, width=595.0, height=842.0, blocks=(
            blk(head, 20), blk(BODY, 200), blk(str(300 + number), 815)))

    pages = clean_pages([numbered_page(k, "Running head of the journal") for k in range(1, 5)])
    assert [p.folio for p in pages] == [301, 302, 303, 304]
    assert all(str(300 + p.number) not in " ".join(b.text for b in p.blocks) for p in pages)  # still dropped


def test_metadata_takes_pages_from_the_page_numbers_and_says_so():
    from dataclasses import replace

    pages = [replace(page(blk("A title of some length here", 80, size=16, bold=True), blk("Ann Author", 110),
                          blk("Abstract", 140, size=12, bold=True), blk(BODY, 160), number=1), folio=None)]
    pages += [replace(page(blk(BODY, 100), number=k), folio=246 + k) for k in range(2, 6)]
    meta = extract_metadata(pages, structure_document(pages), {})
    assert meta.pages == "247–251" and "pages:page numbers" in meta.provenance


from hypothesis import given, settings, strategies as st  # noqa: E402

_LOCATOR_BITS = st.sampled_from(["Vol.", "No.", "pp.", "Heft", "Jg.", "(2019)", "2020;", "12", "(3)", ":", ",", "–", "e",
                                 "Art.", "Cities", "45(12)", "100e108", "00(0)", "/2014:", " ", "‒", "S.", "©", "doi:10.1/x",
                                 "2022", "14", "10077"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LOCATOR_BITS, max_size=12).map(" ".join), st.text(max_size=40))
def test_locator_never_raises_on_odd_lines(shaped, noise):
    for line in (shaped, noise, shaped + noise):
        for venue in (None, "Cities", ""):
            loc = locator_for([line], venue) if venue is not None else locator_in_line(line)
            assert all(v is None or isinstance(v, str) for v in (loc.volume, loc.issue, loc.pages))


@pytest.mark.parametrize("text, printed, year", [
    ("Received (in revised form): 17th August, 2023", 2025, 2025),  # revised in 2023, published in 2025
    ("Received (in revised form): 17th August, 2023", None, 2023),
    ("Received (in revised form): 17th August, 2023", 2031, 2023),  # too late to be this paper's year
    ("Received 3 May 2024; accepted 12 November 2024", 2022, 2024),  # before its own history: not its year
    ("© 2019 Elsevier Ltd. Received 3 May 2017", 2021, 2019),  # a copyright year is not a history date
])
def test_a_venue_lines_year_outranks_a_history_date_before_it(text, printed, year):
    from litmap.parse.metadata_masthead import year_fallback

    assert year_fallback(text, printed) == year


def test_metadata_takes_the_running_heads_year_over_a_revised_date():
    text_page = page(blk("Journal of Urban Regeneration and Renewal Vol. 18, 3, 280–287 © Henry Stewart "
                         "Publications 1752-9638 (2025)", 20),
                     blk("Gentrification and affordable housing in Johannesburg", 80, size=16, bold=True),
                     blk("Received (in revised form): 17th August, 2023", 100), blk("Mzuchumile Makalima", 110),
                     blk("Abstract", 140, size=12, bold=True), blk(BODY, 160))
    meta = extract_metadata([text_page], structure_document([text_page]), {})
    assert meta.journal == "Journal of Urban Regeneration and Renewal" and meta.year == 2025
