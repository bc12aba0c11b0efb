"""Continental "A. Surname, Title, Place Year" references and edited books.

Hand-written examples in the style of Italian, French and German urban
studies and history; none is taken from a gold set.
"""

from __future__ import annotations

import pytest
from refcheck import case, check_fields, endswith, startswith

from litmap.models import CitedWork
from litmap.parse.linking import link_work
from litmap.parse.references.parser import parse_reference


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


@pytest.mark.parametrize(
    "raw, title, place, publisher",
    [
        # A "Place:" where the title stands, before the book's own imprint (the first three
        # were read as place and publisher, or lost the title's head, until 2026-12-07).
        ("Glass, R. (1964) London: Aspects of Change, London: MacGibbon & Kee.",
         "London: Aspects of Change", "London", "MacGibbon & Kee"),
        ("Hall, P. (1988). Berlin: Divided City. Oxford: Blackwell.", "Berlin: Divided City", "Oxford", "Blackwell"),
        ("Porter, R. (1994) London: A Social History. London: Hamish Hamilton.",
         "London: A Social History", "London", "Hamish Hamilton"),
        ("Harvey, D. (1985) Paris: Capital of Modernity. New York: Routledge.",
         "Paris: Capital of Modernity", "New York", "Routledge"),
        ("Lee, K. 2001. Amsterdam: Building the City. Rotterdam: NAi Publishers.",
         "Amsterdam: Building the City", "Rotterdam", "NAi Publishers"),
        ("Young, C. (2020). Vienna: Red Vienna and After. Wien: Böhlau.", "Vienna: Red Vienna and After", "Wien", "Böhlau"),
        ("Brown, P. (1995), London: A Social History, Cambridge, MA: Harvard University Press.",
         "London: A Social History", "Cambridge, MA", "Harvard University Press"),
        # A list of places in the title: the place is what follows the title's last full stop.
        ("Sassen, S. (1991) The Global City: New York, London, Tokyo. Princeton: Princeton University Press.",
         "The Global City: New York, London, Tokyo", "Princeton", "Princeton University Press"),
        ("Sassen, S. (2001) The Global City: New York, London, Tokyo. 2nd edn. Princeton: Princeton University Press.",
         "The Global City: New York, London, Tokyo", "Princeton", "Princeton University Press"),
        ("Sassen S (1991) The global city: New York, London, Tokyo. Princeton University Press, Princeton",
         "The global city: New York, London, Tokyo", "Princeton", "Princeton University Press"),
        ("Sassen, S., 1991. The global city: New York, London, Tokyo. Princeton University Press, Princeton, NJ.",
         "The global city: New York, London, Tokyo", "Princeton, NJ", "Princeton University Press"),
        ("Smith, A. (2010) Paris, London, Berlin: Three Capitals Compared. Oxford: Blackwell.",
         "Paris, London, Berlin: Three Capitals Compared", "Oxford", "Blackwell"),
        ("Kim, J. (2015). Tokyo, Seoul, Beijing. Cities of East Asia. London: Routledge.",
         "Tokyo, Seoul, Beijing. Cities of East Asia", "London", "Routledge"),
        ("Abu-Lughod, J. (1999). New York, Chicago, Los Angeles: America's Global Cities. Minneapolis: "
         "University of Minnesota Press.",
         "New York, Chicago, Los Angeles: America's Global Cities", "Minneapolis", "University of Minnesota Press"),
        # … and what was right stays so.
        ("Hamnett, C. (2003) Unequal City: London in the Global Arena. London: Routledge.",
         "Unequal City: London in the Global Arena", "London", "Routledge"),
        ("Ward, D. (1999) Chicago: Growth of a Metropolis. Chicago: University of Chicago Press.",
         "Chicago: Growth of a Metropolis", "Chicago", "University of Chicago Press"),
        ("Jones, A. (2003) Urban Futures. London: Routledge; New York: Wiley.", "Urban Futures", "London", "Routledge"),
        ("Morrison, Tony. Beloved. New York: Random House, 1987.", "Beloved", "New York", "Random House"),
        ("Short, J. (1996) The Urban Order. Cambridge, Mass. Blackwell.", "The Urban Order", "Cambridge, Mass", "Blackwell"),
        ("Diez, J. (2003) Framing Europe. Princeton. NJ: Princeton University Press.",
         "Framing Europe", "Princeton. NJ", "Princeton University Press"),
    ],
)
def test_place_names_in_a_title_stay_in_the_title(raw, title, place, publisher):
    ref = parse_reference(raw)
    assert (ref.title, ref.place, ref.publisher) == (title, place, publisher)
    assert ref.type == "book"


def test_a_place_before_an_article_title_is_the_titles():
    ref = parse_reference("Smith, J. (2000) London: the wall. Urban Studies 37(2): 1-20.")
    assert (ref.title, ref.container, ref.place, ref.publisher) == ("London: the wall", "Urban Studies", None, None)
    assert ref.type == "article"


def test_a_translator_before_the_place_is_no_place():
    ref = parse_reference("Sennett, R. (2000) La conscience de l’œil. Trad. Dominique Dill. Lagrasse: Verdier.")
    assert (ref.title, ref.place, ref.publisher) == ("La conscience de l’œil", "Lagrasse", "Verdier")


CASES = [
    case("capitalised-title-is-no-second-author", "T.W. Allen, Homeri Opera V, Oxford 1912.",
         names=[("Allen", "T.W.")], title="Homeri Opera V"),
    case("chapter-in-book-with-italian-editors",
         "G. Dematteis, ‘Le città come nodi di reti: la transizione urbana’, in P. Bonora (a c. di), "
         "Comunità locali e reti globali, Bologna 2001, pp. 41-60.",
         title="Le città come nodi di reti: la transizione urbana", container="Comunità locali e reti globali",
         editor_names=[("Bonora", "P.")], year=2001, place="Bologna", pages="41–60", type="chapter"),
    case("conference-dates-are-neither-year-nor-pages",
         "A. Rossi, ‘Il concetto di tipologia’, in C. Aymonino – A. Rossi (edd.), Rapporti tra la morfologia "
         "urbana e la tipologia edilizia. Atti del corso (Venezia, 12-14 maggio 1965), Venezia 1966, pp. 64-81.",
         year=1966, pages="64–81", container=endswith("(Venezia, 12-14 maggio 1965)"),
         editor_names=[("Aymonino", "C."), ("Rossi", "A.")]),
    case("chapter-by-the-books-editors-keeps-both",
         "Imig, D. and Tarrow, S. (2001) ‘Studying contention’, in D. Imig and S. Tarrow (eds) "
         "Contentious Europeans, pp. 3-26. Lanham: Rowman and Littlefield.",
         names=[("Imig", "D."), ("Tarrow", "S.")], editor_names=[("Imig", "D."), ("Tarrow", "S.")],
         container="Contentious Europeans", type="chapter"),
    case("year-glued-to-the-title-is-the-year",
         "Keil, Roger, and Rianne Mahon, eds. 2009.Leviathan Undone? Vancouver: UBC Press.",
         year=2009, title=startswith("Leviathan Undone")),
    case("bracketed-imprint-of-a-chapter-keeps-its-book",
         "Jessop, B. (1997) A neo-Gramscian approach to the regulation of urban regimes, in: M. Lauria (Ed.) "
         "Reconstructing Urban Regime Theory, pp. 51–74 (Thousand Oaks, CA: Sage).",
         title="A neo-Gramscian approach to the regulation of urban regimes",
         container="Reconstructing Urban Regime Theory", place="Thousand Oaks, CA", publisher="Sage", pages="51–74"),
    case("thesis-institution-in-brackets-is-its-publisher",
         "Hancock, L. (1994) Tenant Participation and the Housing Classes Debate, Unpublished PhD thesis "
         "(University of Liverpool).",
         type="thesis", publisher="University of Liverpool", title="Tenant Participation and the Housing Classes Debate"),
    case("editor-of-a-translated-book-stays-an-editor",
         "Foucault, M. (2007) Security, Territory, Population. Ed. M. Senellart. Basingstoke: Palgrave Macmillan.",
         editor_names=[("Senellart", "M.")], title="Security, Territory, Population"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_fields(raw, expected):
    check_fields(parse_reference(raw), expected)
