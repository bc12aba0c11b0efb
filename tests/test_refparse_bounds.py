"""Title/container boundaries marked by quotes, GOST "//" and Chicago "In Book, ed."
(hand-written examples in the forms found in social-science reference lists)."""

from __future__ import annotations

import pytest
from refcheck import FALSY, all_of, case, check_fields, endswith, startswith

from litmap.parse.references.labeller import mend_labels
from litmap.parse.references.parser import parse_reference
from litmap.parse.references.record import EntryText, RefFields
from litmap.parse.references.repair_bounds import (
    chicago_book_editors,
    date_only_imprint,
    in_book_title,
    quoted_title,
    slashed_container,
)


def _mend(step, text, values):
    """One repair step run on ``text`` and the fields ``values``."""
    return step(EntryText(text, text), RefFields.from_values(values))


CASES = [
    case("title-cut-at-its-closing-quote-and-the-rest-is-the-journal",
         "Keil, Roger and Neil Brenner (2003) ‘Globalizing Toronto: Regional Governance and State Rescaling’, "
         "Urban Policy Online Papers 7 (2), URL (consulted May 2005): http://www.example.org.",
         title="Globalizing Toronto: Regional Governance and State Rescaling", container="Urban Policy Online Papers"),
    case("quoted-phrase-opening-a-title-keeps-its-subtitle",
         "Wu, F. (2016). ‘Planning for growth’: Entrepreneurial governance in urban China. "
         "Urban Affairs Review, 52(5), 631-658.",
         title="‘Planning for growth’: Entrepreneurial governance in urban China", container="Urban Affairs Review"),
    case("gost-double-slash-separates-title-and-journal",
         "3. Ivanova Anna, Petr Smirnov. Regional Policy in the North: Scales and Institutions // "
         "Regional Studies Review. 2009. 12 (3):101—120.",
         title="Regional Policy in the North: Scales and Institutions", container="Regional Studies Review",
         volume="12", issue="3"),
    case("place-run-into-an-institution-is-part-of-its-name",
         "Frege, C. (1996) Workplace Relations in East Germany after Unification. Ph.D., "
         "London School of Economics and Political Science, London.",
         publisher="London School of Economics and Political Science", place="London"),
    case("arxiv-identifier-is-no-volume-pages-or-year",
         "Smith, J. and Lee, K. 2017. Scaling laws of urban growth. arXiv preprint arXiv:1703.05448v2 [physics.soc-ph].",
         year=2017, volume=FALSY, pages=FALSY, title="Scaling laws of urban growth"),
    case("arxiv-identifier-of-an-undated-entry", "E. Cancellieri, et al., arXiv:1101.1783.",
         year=None, pages=FALSY, volume=FALSY),
    case("abbreviated-journal-is-not-split-into-title-and-journal", "Marquardt D., 1963, SIAM J. Appl. Math., 11, 431",
         container="SIAM J. Appl. Math", title=FALSY),
    case("journal-page-header-has-no-authors", "European Heart Journal (1998) 19, 174–184",
         authors=FALSY),
    case("organisation-before-a-title-with-a-country", "OECD (2000): Economic Surveys 1999-2000. Hungary. Paris.",
         family=["OECD"]),
    case("chicago-chapter-in-book-edited-by-full-names",
         "Ward, Kevin, and Andrew Jonas. 2004. Competitive city-regionalism as a politics of space. "
         "In Rescaling the State: Cities and Regions in Transition, edited by Neil Brenner, and Roger Keil. "
         "London: Routledge.",
         title="Competitive city-regionalism as a politics of space",
         container="Rescaling the State: Cities and Regions in Transition", type="chapter"),
    case("numbers-are-never-read-as-author-names", "Technovation 21 (2001) 479–488",
         authors=FALSY, year=2001),
    case("bracket-closed-inside-a-title-keeps-its-closing-bracket",
         "Dietz, R. S. (1990) Two new astroblemes in Brazil (abstract). Meteoritics, 25, 391.",
         title="Two new astroblemes in Brazil (abstract)"),
    case("place-in-an-unclosed-bracket-after-a-book-is-the-place",
         "Hemel, Z. (2010). Soft planning. In M. Hajer & J. Grijzen (Eds.), Strong stories: How the Dutch "
         "are reinventing planning (pp. 140–152) (Rotterdam, 010 publishers).",
         container="Strong stories: How the Dutch are reinventing planning", place="Rotterdam"),
    case("organisation-with-its-name-spelt-out-is-the-author-not-the-title",
         "OECD (Organisation for Economic Co-operation and Development) (2015). The Metropolitan Century. "
         "Paris: OECD Publishing.",
         first_family=startswith("OECD"), title="The Metropolitan Century"),
    # Forms from a real Urban Studies reference list (Lees 2008), written afresh.
    case("with-joins-a-co-author", "Butler, T. with Robson, G. (2003) London Calling: The Middle Classes. London: Berg.",
         names=[("Butler", "T."), ("Robson", "G.")]),
    case("newspaper-is-an-organisation-and-its-day-no-volume",
         "The Times (1977) Letters to the editor: gentrification in Islington, 22 August, p. 13.",
         first_family="The Times", organisation=True, volume=None, pages="13"),
    case("newspaper-after-the-title-and-its-day-no-volume",
         "Cordileone, E., 2002, Single women buying up condos. Toronto Star, February 16, p. O1.",
         container="Toronto Star", volume=None),
    case("under-review-is-a-year-note-not-part-of-the-title",
         "Davidson, M. (under review) The right recipe for renaissance? Urban redevelopment and social mixing "
         "in London, UK, Environment and Planning A.",
         year=None, year_note="under review", title=all_of(startswith("The right recipe"), endswith("in London, UK"))),
    case("place-name-inside-a-title-stays-in-the-title",
         "Atkinson, R. (2000) Measuring gentrification and displacement in Greater London, Urban Studies, 37, pp. 149–166.",
         title="Measuring gentrification and displacement in Greater London", place=None),
    case("acronym-with-its-name-spelt-out-is-one-author",
         "DCLG (Department of Communities and Local Government) (2007) Homes for the future: more affordable, "
         "more sustainable (http://www.communities.gov.uk/publications/housing/homesforfuture).",
         family=["DCLG (Department of Communities and Local Government)"],
         title="Homes for the future: more affordable, more sustainable"),
    case("body-publishing-itself-keeps-publisher-and-place",
         "City of Helsinki. (2008). Housing programme 2008–2017. Helsinki: City of Helsinki.",
         publisher="City of Helsinki", place="Helsinki", title="Housing programme 2008–2017"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_fields(raw, expected):
    check_fields(parse_reference(raw), expected)


def test_quoted_title_helper_only_shortens_a_title_that_ran_past_the_quote():
    text = "Ma, L. (2005) “Urban administrative restructuring in China”, Political Geography 24, 477–497."
    fixed = _mend(quoted_title, text, {"title": "Urban administrative restructuring in China”, Political Geography"})
    assert fixed.title == "Urban administrative restructuring in China"
    assert fixed.container == "Political Geography"
    same = {"title": "Urban administrative restructuring in China", "container": "Political Geography"}
    assert _mend(quoted_title, text, same) == RefFields.from_values(same)
    # Words after the quote with a number in them are no journal ("Release 2").
    text2 = "Statistics Office, 2011. “Census of population and dwellings”. Release 2. Zagreb: SO."
    out = _mend(quoted_title, text2, {"title": "Census of population and dwellings”. Release 2"})
    assert out.title == "Census of population and dwellings" and not out.container


def test_gost_book_after_double_slash_stops_at_the_editors():
    out = _mend(slashed_container, "Orlov I. Cities and borders // The New Regionalism in Europe / ed. by Ann Berg, Centre for Studies, Brussels, 2008. P. 20—31.",
        {"title": "Cities and borders // The New Regionalism in Europe / ed. by Ann Berg, Centre for Studies (CS"},
    )
    assert out.title == "Cities and borders"
    assert out.container == "The New Regionalism in Europe"


def test_a_url_with_spaced_slashes_is_no_gost_mark():
    values = {"title": "Climate portal", "container": None}
    assert _mend(slashed_container, "World Bank. Climate portal. 2015. Available from: http : // data.example.org/x.", values) == RefFields.from_values(values)


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
    assert _mend(chicago_book_editors, text, right) == RefFields.from_values(right)
    unrelated = {"container": "Journal of Peasant Studies", "editors": ()}
    assert _mend(chicago_book_editors, text, unrelated) == RefFields.from_values(unrelated)


def test_a_date_is_no_publisher_or_place():
    out = _mend(date_only_imprint, "", {"publisher": "retr. 24.1.2001", "place": "3.1.2001, in"})
    assert out == RefFields()
    kept = {"publisher": "Routledge", "place": "London"}
    assert _mend(date_only_imprint, "", kept) == RefFields.from_values(kept)


def test_mend_labels_moves_words_out_of_a_pages_run_and_joins_place_to_publisher():
    from litmap.parse.references.crf import tokenise

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


def _labelled(pieces: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]], list[str]]:
    """Text, tokens and labels from (words, label) pieces, each piece's tokens given its label."""
    from litmap.parse.references.crf import tokenise

    text = "".join(words if words[:1] in ",;:" else f" {words}" for words, _ in pieces).strip()
    tokens = tokenise(text)
    labels, at = [], 0
    for words, label in pieces:
        at = text.index(words, at)
        end = at + len(words)
        labels += [label for _, s, _ in tokens if at <= s < end]
        at = end
    assert len(labels) == len(tokens)
    return text, tokens, labels


def _fields(pieces: list[tuple[str, str]]) -> dict[str, str]:
    from litmap.parse.references.crf import fields_from_labels

    text, tokens, labels = _labelled(pieces)
    return fields_from_labels(text, tokens, mend_labels(text, tokens, labels))


def test_mend_labels_ends_a_place_at_a_sentences_end():
    joined = _fields([("Sassen, S.", "author"), ("(1991)", "year"), ("The Global City: New York", "title"), (",", "O"),
                      ("London, Tokyo. Princeton:", "place"), ("Princeton University Press.", "publisher")])
    assert (joined["title"], joined["place"]) == ("The Global City: New York, London, Tokyo.", "Princeton:")
    slot = _fields([("Morrison, Tony.", "author"), ("Beloved. New York:", "place"), ("Random House,", "publisher")])
    assert (slot["title"], slot["place"]) == ("Beloved.", "New York:")
    other = _fields([("Nord, C. (2008)", "author"), ("La traduction.", "title"),
                     ("Trad. Beverly Adab. Arras:", "place"), ("Artois.", "publisher")])
    assert (other["title"], other["place"]) == ("La traduction.", "Arras:")
    kept = _fields([("Short, J.", "author"), ("The Urban Order.", "title"), ("Washington, D.C. Princeton. NJ:", "place"),
                    ("PUP.", "publisher")])
    assert kept["place"] == "Washington, D.C. Princeton. NJ:"  # abbreviations and a state's code end no sentence


def test_mend_labels_reads_a_place_where_the_title_stands_as_the_titles():
    before_title = _fields([("Hall, P.", "author"), ("(1988).", "year"), ("Berlin:", "place"), ("Divided City.", "title"),
                            ("Oxford:", "place"), ("Blackwell.", "publisher")])
    assert (before_title["title"], before_title["place"]) == ("Berlin: Divided City.", "Oxford:")
    no_title = _fields([("Glass, R.", "author"), ("(1964)", "year"), ("London:", "place"), ("Aspects of Change,", "publisher"),
                        ("London:", "place"), ("MacGibbon & Kee.", "publisher")])
    assert (no_title["title"], no_title["place"], no_title["publisher"]) == \
        ("London: Aspects of Change,", "London:", "MacGibbon & Kee.")
    unlabelled = _fields([("Harvey, D.", "author"), ("(1985)", "year"), ("Paris :", "O"), ("Capital of Modernity.", "publisher"),
                          ("New York:", "place"), ("Routledge.", "publisher")])
    assert (unlabelled["title"], unlabelled["publisher"]) == ("Paris : Capital of Modernity.", "Routledge.")
    two_imprints = _fields([("Jones, A.", "author"), ("(2003)", "year"), ("Urban Futures.", "title"), ("London:", "place"),
                            ("Routledge;", "publisher"), ("New York:", "place"), ("Wiley.", "publisher")])
    assert (two_imprints["title"], two_imprints["place"]) == ("Urban Futures.", "London:")
    publisher_first = _fields([("Smith (1990)", "author"), ("Routledge,", "publisher"), ("London.", "place")])
    assert "title" not in publisher_first
    organisation = _fields([("Acme Software Inc.,", "publisher"), ("“User Guide,”", "title"), ("Austin, TX,", "place"),
                            ("1993.", "year")])
    assert (organisation["publisher"], organisation["title"]) == ("Acme Software Inc.,", "“User Guide,”")


def test_mend_labels_joins_places_before_the_imprint_and_an_unlabelled_head_to_the_title():
    edition = _fields([("Sassen, S. (2001)", "author"), ("The Global City: New York", "title"), (",", "O"),
                       ("London, Tokyo.", "place"), ("2nd edn.", "edition"), ("Princeton:", "place"), ("PUP.", "publisher")])
    assert (edition["title"], edition["place"]) == ("The Global City: New York, London, Tokyo.", "Princeton:")
    head = _fields([("Porter, R.", "author"), ("(1994)", "year"), ("London :", "O"), ("A Social History.", "title"),
                    ("London:", "place"), ("Hamish Hamilton.", "publisher")])
    assert head["title"] == "London : A Social History."


def test_a_subtitle_opening_with_in_is_kept_without_a_book_mark():
    values = {"title": "Rescaling Cities. In Search of the Region", "container": None, "editors": ()}
    text = "Lee, A. 2010. Rescaling Cities. In Search of the Region. Oxford: Blackwell."
    assert _mend(in_book_title, text, values) == RefFields.from_values(values)
    edited = _mend(in_book_title, text.replace("Oxford", "edited by B. Kim. Oxford"), values)
    assert edited.title == "Rescaling Cities" and edited.container == "Search of the Region"
