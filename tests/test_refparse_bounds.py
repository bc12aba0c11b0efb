"""Title/container boundaries marked by quotes, GOST "//" and Chicago "In Book, ed."
(hand-written examples in the forms found in social-science reference lists)."""

from __future__ import annotations

import pytest

from litmap.parse.refparse import parse_reference
from litmap.parse.refparse_bounds import (
    chicago_book_editors,
    date_only_imprint,
    in_book_title,
    mend_labels,
    quoted_title,
    slashed_container,
)


def test_title_is_cut_at_its_closing_quote_and_the_rest_is_the_journal():
    ref = parse_reference(
        "Keil, Roger and Neil Brenner (2003) ‘Globalizing Toronto: Regional Governance and State Rescaling’, "
        "Urban Policy Online Papers 7 (2), URL (consulted May 2005): http://www.example.org."
    )
    assert ref.title == "Globalizing Toronto: Regional Governance and State Rescaling"
    assert ref.container == "Urban Policy Online Papers"


def test_a_quoted_phrase_opening_a_title_keeps_its_subtitle():
    ref = parse_reference(
        "Wu, F. (2016). ‘Planning for growth’: Entrepreneurial governance in urban China. "
        "Urban Affairs Review, 52(5), 631-658."
    )
    assert ref.title == "‘Planning for growth’: Entrepreneurial governance in urban China"
    assert ref.container == "Urban Affairs Review"


def test_quoted_title_helper_only_shortens_a_title_that_ran_past_the_quote():
    text = "Ma, L. (2005) “Urban administrative restructuring in China”, Political Geography 24, 477–497."
    fixed = quoted_title(text, {"title": "Urban administrative restructuring in China”, Political Geography"})
    assert fixed["title"] == "Urban administrative restructuring in China"
    assert fixed["container"] == "Political Geography"
    same = {"title": "Urban administrative restructuring in China", "container": "Political Geography"}
    assert quoted_title(text, same) == same
    # Words after the quote with a number in them are no journal ("Release 2").
    text2 = "Statistics Office, 2011. “Census of population and dwellings”. Release 2. Zagreb: SO."
    out = quoted_title(text2, {"title": "Census of population and dwellings”. Release 2"})
    assert out["title"] == "Census of population and dwellings" and not out.get("container")


def test_gost_double_slash_separates_title_and_journal():
    ref = parse_reference(
        "3. Ivanova Anna, Petr Smirnov. Regional Policy in the North: Scales and Institutions // "
        "Regional Studies Review. 2009. 12 (3):101—120."
    )
    assert ref.title == "Regional Policy in the North: Scales and Institutions"
    assert ref.container == "Regional Studies Review"
    assert (ref.volume, ref.issue) == ("12", "3")


def test_gost_book_after_double_slash_stops_at_the_editors():
    out = slashed_container(
        "Orlov I. Cities and borders // The New Regionalism in Europe / ed. by Ann Berg, Centre for Studies, Brussels, 2008. P. 20—31.",
        {"title": "Cities and borders // The New Regionalism in Europe / ed. by Ann Berg, Centre for Studies (CS"},
    )
    assert out["title"] == "Cities and borders"
    assert out["container"] == "The New Regionalism in Europe"


def test_a_url_with_spaced_slashes_is_no_gost_mark():
    values = {"title": "Climate portal", "container": None}
    assert slashed_container("World Bank. Climate portal. 2015. Available from: http : // data.example.org/x.", values) == values


@pytest.mark.parametrize(
    "raw,book,editors",
    [
        (
            "Harvey, David. 1989. “Flexible Accumulation.” In Cities and Capital, ed. M. Storper. Oxford: Blackwell.",
            "Cities and Capital",
            ["Storper"],
        ),
        (
            "Logan, John. 1987. “Growth Machines.” In Urban Fortunes Revisited ed. H. Molotch and J. Walton. "
            "Berkeley: University of California Press.",
            "Urban Fortunes Revisited",
            ["Molotch", "Walton"],
        ),
        (
            "Jessop, B. 2002. Scale and the State. In Spaces of Neoliberalism, eds. N. Brenner, N. Theodore, "
            "and J. Peck. Oxford: Blackwell.",
            "Spaces of Neoliberalism",
            ["Brenner", "Theodore", "Peck"],
        ),
    ],
)
def test_chicago_in_book_ed_names(raw, book, editors):
    ref = parse_reference(raw)
    assert ref.container == book
    assert [e.family for e in ref.editors] == editors
    assert ref.type == "chapter"


def test_chicago_helper_leaves_a_right_reading_alone():
    text = "Popkin, S. 1988. “Peasants.” In Rationality and Revolution, ed. M. Taylor. Cambridge: CUP."
    right = {"container": "Rationality and Revolution", "editors": ()}
    assert chicago_book_editors(text, right) == right
    unrelated = {"container": "Journal of Peasant Studies", "editors": ()}
    assert chicago_book_editors(text, unrelated) == unrelated


def test_a_date_is_no_publisher_or_place():
    out = date_only_imprint({"publisher": "retr. 24.1.2001", "place": "3.1.2001, in"})
    assert out == {"publisher": None, "place": None}
    kept = {"publisher": "Routledge", "place": "London"}
    assert date_only_imprint(kept) == kept


def test_a_place_run_into_an_institution_is_part_of_its_name():
    ref = parse_reference(
        "Frege, C. (1996) Workplace Relations in East Germany after Unification. Ph.D., "
        "London School of Economics and Political Science, London."
    )
    assert ref.publisher == "London School of Economics and Political Science"
    assert ref.place == "London"


def test_mend_labels_moves_words_out_of_a_pages_run_and_joins_place_to_publisher():
    from litmap.parse.refparse_crf import tokenise

    text = "Göttingen: V&R unipress. S. 183 - 200. London School of Economics, Paris, Seuil"
    tokens = tokenise(text)
    words = [t for t, _, _ in tokens]
    labels = ["container"] * len(tokens)
    at = words.index("unipress.")
    labels[at:at + 4] = ["pages"] * 4  # "unipress." "S." "183" "-"
    labels[words.index("London")] = "place"
    labels[words.index("School")] = labels[words.index("of")] = labels[words.index("Economics")] = "publisher"
    labels[words.index("Paris")] = "place"
    labels[words.index("Paris") + 1] = "place"  # the comma: a boundary, left alone
    labels[words.index("Seuil")] = "publisher"
    mended = mend_labels(text, tokens, labels)
    assert mended[at] == "container" and mended[words.index("183")] == "pages"
    assert mended[words.index("London")] == "publisher"
    assert mended[words.index("Paris")] == "place"


def test_arxiv_identifiers_are_no_volume_pages_or_year():
    ref = parse_reference("Smith, J. and Lee, K. 2017. Scaling laws of urban growth. arXiv preprint arXiv:1703.05448v2 [physics.soc-ph].")
    assert ref.year == 2017
    assert not ref.volume and not ref.pages
    assert ref.title == "Scaling laws of urban growth"
    undated = parse_reference("E. Cancellieri, et al., arXiv:1101.1783.")
    assert undated.year is None and not undated.pages and not undated.volume


def test_an_abbreviated_journal_is_not_split_into_title_and_journal():
    ref = parse_reference("Marquardt D., 1963, SIAM J. Appl. Math., 11, 431")
    assert ref.container == "SIAM J. Appl. Math"
    assert not ref.title


def test_a_journal_page_header_has_no_authors():
    ref = parse_reference("European Heart Journal (1998) 19, 174–184")
    assert not ref.authors
    ref = parse_reference("OECD (2000): Economic Surveys 1999-2000. Hungary. Paris.")
    assert [a.family for a in ref.authors] == ["OECD"]


def test_chicago_chapter_in_book_edited_by_full_names():
    ref = parse_reference(
        "Ward, Kevin, and Andrew Jonas. 2004. Competitive city-regionalism as a politics of space. "
        "In Rescaling the State: Cities and Regions in Transition, edited by Neil Brenner, and Roger Keil. "
        "London: Routledge."
    )
    assert ref.title == "Competitive city-regionalism as a politics of space"
    assert ref.container == "Rescaling the State: Cities and Regions in Transition"
    assert ref.type == "chapter"


def test_a_subtitle_opening_with_in_is_kept_without_a_book_mark():
    values = {"title": "Rescaling Cities. In Search of the Region", "container": None, "editors": ()}
    text = "Lee, A. 2010. Rescaling Cities. In Search of the Region. Oxford: Blackwell."
    assert in_book_title(text, values) == values
    edited = in_book_title(text.replace("Oxford", "edited by B. Kim. Oxford"), values)
    assert edited["title"] == "Rescaling Cities" and edited["container"] == "Search of the Region"


def test_numbers_are_never_read_as_author_names():
    ref = parse_reference("Technovation 21 (2001) 479–488")
    assert not ref.authors
    assert ref.year == 2001


def test_a_bracket_closed_inside_a_title_keeps_its_closing_bracket():
    ref = parse_reference("Dietz, R. S. (1990) Two new astroblemes in Brazil (abstract). Meteoritics, 25, 391.")
    assert ref.title == "Two new astroblemes in Brazil (abstract)"


def test_a_place_in_an_unclosed_bracket_after_a_book_is_the_place():
    ref = parse_reference(
        "Hemel, Z. (2010). Soft planning. In M. Hajer & J. Grijzen (Eds.), Strong stories: How the Dutch "
        "are reinventing planning (pp. 140–152) (Rotterdam, 010 publishers)."
    )
    assert ref.container == "Strong stories: How the Dutch are reinventing planning"
    assert ref.place == "Rotterdam"


def test_an_organisation_with_its_name_spelt_out_is_the_author_not_the_title():
    ref = parse_reference(
        "OECD (Organisation for Economic Co-operation and Development) (2015). The Metropolitan Century. "
        "Paris: OECD Publishing."
    )
    assert ref.authors[0].family.startswith("OECD")
    assert ref.title == "The Metropolitan Century"


# Forms from a real Urban Studies reference list (Lees 2008), written afresh.


def test_with_joins_a_co_author():
    ref = parse_reference("Butler, T. with Robson, G. (2003) London Calling: The Middle Classes. London: Berg.")
    assert [(a.family, a.given) for a in ref.authors] == [("Butler", "T."), ("Robson", "G.")]


def test_the_newspaper_is_an_organisation_and_its_day_no_volume():
    ref = parse_reference("The Times (1977) Letters to the editor: gentrification in Islington, 22 August, p. 13.")
    assert ref.authors[0].family == "The Times" and ref.authors[0].organisation
    assert ref.volume is None and ref.pages == "13"
    ref = parse_reference("Cordileone, E., 2002, Single women buying up condos. Toronto Star, February 16, p. O1.")
    assert ref.container == "Toronto Star" and ref.volume is None


def test_under_review_is_a_year_note_not_part_of_the_title():
    ref = parse_reference(
        "Davidson, M. (under review) The right recipe for renaissance? Urban redevelopment and social mixing "
        "in London, UK, Environment and Planning A."
    )
    assert ref.year is None and ref.year_note == "under review"
    assert ref.title.startswith("The right recipe") and ref.title.endswith("in London, UK")


def test_a_place_name_inside_a_title_stays_in_the_title():
    ref = parse_reference("Atkinson, R. (2000) Measuring gentrification and displacement in Greater London, Urban Studies, 37, pp. 149–166.")
    assert ref.title == "Measuring gentrification and displacement in Greater London"
    assert ref.place is None


def test_an_acronym_with_its_name_spelt_out_is_one_author():
    ref = parse_reference(
        "DCLG (Department of Communities and Local Government) (2007) Homes for the future: more affordable, "
        "more sustainable (http://www.communities.gov.uk/publications/housing/homesforfuture)."
    )
    assert [a.family for a in ref.authors] == ["DCLG (Department of Communities and Local Government)"]
    assert ref.title == "Homes for the future: more affordable, more sustainable"


def test_a_body_publishing_itself_keeps_publisher_and_place():
    ref = parse_reference("City of Helsinki. (2008). Housing programme 2008–2017. Helsinki: City of Helsinki.")
    assert (ref.publisher, ref.place) == ("City of Helsinki", "Helsinki")
    assert ref.title == "Housing programme 2008–2017"
