"""Continental "A. Surname, Title, Place Year" references and edited books.

Hand-written examples in the style of Italian, French and German urban
studies and history; none is taken from a gold set.
"""

from __future__ import annotations

import pytest

from litmap.models import CitedWork
from litmap.parse.linking import link_work
from litmap.parse.refparse import parse_reference


def names(people):
    return [(a.family, a.given) for a in people]


@pytest.mark.parametrize(
    "raw, title, place, year",
    [
        ("H. Lefebvre, La production de l’espace, Paris 1974.", "La production de l’espace", "Paris", 1974),
        ("K. Marx, Das Kapital, Hamburg 1867.", "Das Kapital", "Hamburg", 1867),
        ("E. Soja, Postmetropolis, Oxford 2000 (rist. Malden 2005).", "Postmetropolis", "Oxford", 2000),
        # a year range: the first year; the place and years are not part of the title
        ("F. Braudel, Civilisation matérielle, économie et capitalisme, Paris 1967-1979.",
         "Civilisation matérielle, économie et capitalisme", "Paris", 1967),
        ("G. Dematteis, Progetto implicito. Il contributo della geografia umana, Milano – Roma 1995",
         "Progetto implicito. Il contributo della geografia umana", "Milano – Roma", 1995),
    ],
)
def test_books_with_place_and_year_last(raw, title, place, year):
    ref = parse_reference(raw)
    assert ref.title == title
    assert ref.place == place
    assert ref.year == year
    assert ref.type == "book"
    assert ref.container is None and ref.publisher is None
    assert len(ref.authors) == 1


def test_capitalised_title_is_no_second_author():
    ref = parse_reference("T.W. Allen, Homeri Opera V, Oxford 1912.")
    assert names(ref.authors) == [("Allen", "T.W.")]
    assert ref.title == "Homeri Opera V"


def test_chapter_in_book_with_italian_editors():
    ref = parse_reference(
        "G. Dematteis, ‘Le città come nodi di reti: la transizione urbana’, in P. Bonora (a c. di), "
        "Comunità locali e reti globali, Bologna 2001, pp. 41-60."
    )
    assert ref.title == "Le città come nodi di reti: la transizione urbana"
    assert ref.container == "Comunità locali e reti globali"
    assert names(ref.editors) == [("Bonora", "P.")]
    assert (ref.year, ref.place, ref.pages, ref.type) == (2001, "Bologna", "41–60", "chapter")


def test_conference_dates_are_neither_year_nor_pages():
    ref = parse_reference(
        "A. Rossi, ‘Il concetto di tipologia’, in C. Aymonino – A. Rossi (edd.), Rapporti tra la morfologia "
        "urbana e la tipologia edilizia. Atti del corso (Venezia, 12-14 maggio 1965), Venezia 1966, pp. 64-81."
    )
    assert ref.year == 1966
    assert ref.pages == "64–81"
    assert ref.container.endswith("(Venezia, 12-14 maggio 1965)")
    assert names(ref.editors) == [("Aymonino", "C."), ("Rossi", "A.")]


@pytest.mark.parametrize(
    "raw",
    [
        "Harvey, D. (1989) From managerialism to entrepreneurialism. Geografiska Annaler B 71: 3-17.",
        # an author-date entry whose string ends "Place Year" keeps its year
        "Brenner, N. (2019) New Urban Spaces, Oxford 2019.",
        "R. Gupta, \"Optimizing array bound checks,\" ACM Letters, Vol. 2, pages 135-150, March - December 1994.",
    ],
)
def test_other_styles_untouched(raw):
    ref = parse_reference(raw)
    assert ref.place in (None, "Oxford")
    assert "Oxford" not in (ref.title or "") and "March" not in (ref.place or "")


def test_edited_book_names_are_editors():
    ref = parse_reference("Brenner, N. (ed.) (2004) The Urban Question. Oxford: Blackwell.")
    assert ref.authors == ()
    assert names(ref.editors) == [("Brenner", "N.")]
    assert ref.type == "book"
    # an in-text citation of the book still finds it
    assert link_work(CitedWork(surnames=("Brenner",), year=2004), [ref]).reference == ref.index


def test_chapter_by_the_books_editors_keeps_both():
    ref = parse_reference(
        "Imig, D. and Tarrow, S. (2001) ‘Studying contention’, in D. Imig and S. Tarrow (eds) "
        "Contentious Europeans, pp. 3-26. Lanham: Rowman and Littlefield."
    )
    assert names(ref.authors) == [("Imig", "D."), ("Tarrow", "S.")]
    assert names(ref.editors) == [("Imig", "D."), ("Tarrow", "S.")]
    assert ref.container == "Contentious Europeans"
    assert ref.type == "chapter"


@pytest.mark.parametrize(
    "raw, editors",
    [
        # German slashes and "(Hrsg.)"
        ("Brenner, Neil/Jessop, Bob/Jones, Martin (Hrsg.) (2003): State/Space. Malden: Blackwell.",
         ["Brenner", "Jessop", "Jones"]),
        # Chicago: only the first name inverted, "eds." before the year (glued to the title in PDF text)
        ("Keil, Roger, and Rianne Mahon, eds. 2009.Leviathan Undone? Towards a Political Economy of Scale. "
         "Vancouver: UBC Press.", ["Keil", "Mahon"]),
        ("Harrison, J., and M. Hoyler, eds. 2015. Megaregions: Globalization's New Urban Form? "
         "Cheltenham: Edward Elgar.", ["Harrison", "Hoyler"]),
        ("Ward, K., A. Jonas, B. Miller, and D. Wilson (eds.) (2018) The Routledge Handbook on Spaces of "
         "Urban Politics. London: Routledge.", ["Ward", "Jonas", "Miller", "Wilson"]),
    ],
)
def test_edited_books_with_several_editors(raw, editors):
    ref = parse_reference(raw)
    assert ref.authors == ()
    assert [a.family for a in ref.editors] == editors
    assert ref.type == "book"
    assert ref.year in (2003, 2009, 2015, 2018)


def test_year_glued_to_the_title_is_the_year():
    ref = parse_reference("Keil, Roger, and Rianne Mahon, eds. 2009.Leviathan Undone? Vancouver: UBC Press.")
    assert ref.year == 2009
    assert ref.title.startswith("Leviathan Undone")


@pytest.mark.parametrize(
    "raw, title, place, publisher",
    [
        ("Daunton, M. J. (1987) A Property-Owning Democracy? Housing in Britain (London: Faber and Faber).",
         "A Property-Owning Democracy? Housing in Britain", "London", "Faber and Faber"),
        ("Cox, K. (1997) Spaces of Globalization: Reasserting the Power of the Local (New York: Guilford).",
         "Spaces of Globalization: Reasserting the Power of the Local", "New York", "Guilford"),
        ("Marshall, G. (1990) In Praise of Sociology (London: Unwin Hyman).",
         "In Praise of Sociology", "London", "Unwin Hyman"),
        ("Logan, J. and Molotch, H. (1987) Urban Fortunes (Berkeley, CA: University of California Press).",
         "Urban Fortunes", "Berkeley, CA", "University of California Press"),
    ],
)
def test_bracketed_place_and_publisher(raw, title, place, publisher):
    ref = parse_reference(raw)
    assert (ref.title, ref.place, ref.publisher) == (title, place, publisher)
    assert ref.type == "book"


def test_bracketed_imprint_of_a_chapter_keeps_its_book():
    ref = parse_reference(
        "Jessop, B. (1997) A neo-Gramscian approach to the regulation of urban regimes, in: M. Lauria (Ed.) "
        "Reconstructing Urban Regime Theory, pp. 51–74 (Thousand Oaks, CA: Sage)."
    )
    assert ref.title == "A neo-Gramscian approach to the regulation of urban regimes"
    assert ref.container == "Reconstructing Urban Regime Theory"
    assert (ref.place, ref.publisher, ref.pages) == ("Thousand Oaks, CA", "Sage", "51–74")


def test_thesis_institution_in_brackets_is_its_publisher():
    ref = parse_reference(
        "Hancock, L. (1994) Tenant Participation and the Housing Classes Debate, Unpublished PhD thesis "
        "(University of Liverpool)."
    )
    assert ref.type == "thesis"
    assert ref.publisher == "University of Liverpool"
    assert ref.title == "Tenant Participation and the Housing Classes Debate"


@pytest.mark.parametrize(
    "raw, title",
    [
        ("Lefebvre, H. (1991) The Production of Space. Trans. D. Nicholson-Smith. Oxford: Blackwell.",
         "The Production of Space"),
        ("Lefebvre, H. (1991) The Production of Space (trans. D. Nicholson-Smith). Oxford: Blackwell.",
         "The Production of Space"),
        ("Lefebvre, Henri. 1991. The Production of Space. Translated by Donald Nicholson-Smith. Oxford: Blackwell.",
         "The Production of Space"),
        ("Lefebvre, H. (2003) The Urban Revolution, R. Bononno (trans.), Minneapolis: University of Minnesota Press.",
         "The Urban Revolution"),
        ("Deleuze, G. and Guattari, F. (1987) A Thousand Plateaus, trans. B. Massumi. Minneapolis: "
         "University of Minnesota Press.", "A Thousand Plateaus"),
    ],
)
def test_translators_are_neither_title_nor_editors(raw, title):
    ref = parse_reference(raw)
    assert ref.title == title
    assert ref.editors == ()
    assert ref.type == "book"


def test_editor_of_a_translated_book_stays_an_editor():
    ref = parse_reference("Foucault, M. (2007) Security, Territory, Population. Ed. M. Senellart. Basingstoke: Palgrave Macmillan.")
    assert [(a.family, a.given) for a in ref.editors] == [("Senellart", "M.")]
    assert ref.title == "Security, Territory, Population"
