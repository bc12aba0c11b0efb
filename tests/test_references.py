"""Reference-list segmentation: blocks with line geometry, and plain text."""

from __future__ import annotations

import pytest

from litmap.read.layout.pages import Block
from litmap.parse.references.splitting import is_entry_start, split_reference_text, split_references

X0 = 72.0
HANG = 12.0


def block(page: int, lines: list[tuple[float, str]], *, kind: str = "body", column: int = 0, top: float = 100.0) -> Block:
    return Block(
        page=page,
        x0=X0 + (300 if column else 0),
        top=top,
        x1=540,
        bottom=top + 12 * len(lines),
        text=" ".join(t for _, t in lines),
        kind=kind,
        column=column,
        lines=tuple(t for _, t in lines),
        indents=tuple(i for i, _ in lines),
    )


def texts(blocks: list[Block]) -> list[str]:
    return [t for t, _ in split_references(blocks)]


def test_hanging_indent_across_two_pages_with_header_between():
    page1 = block(
        5,
        [
            (0, "Brenner, N. (2004). New state spaces: Urban governance and the rescaling of"),
            (HANG, "statehood. Oxford: Oxford University Press."),
            (0, "Harvey, D. (1989). From managerialism to entrepreneurialism: The transformation in"),
            (HANG, "urban governance in late capitalism. Geografiska Annaler: Series B, Human"),
        ],
    )
    header = block(6, [(0, "URBAN STUDIES 42(3)")], kind="header", top=40)
    page2 = block(
        6,
        [
            (HANG, "Geography, 71(1), 3–17."),
            (0, "Jessop, B. (2002). The future of the capitalist state. Cambridge: Polity."),
            (0, "Jonas, A. E. G., & Ward, K. (2007). Introduction to a debate on city-regions."),
            (HANG, "International Journal of Urban and Regional Research, 31(1), 169–178."),
        ],
    )
    entries = split_references([page1, header, page2])
    assert [t.split(" (")[0] for t, _ in entries] == ["Brenner, N.", "Harvey, D.", "Jessop, B.", "Jonas, A. E. G., & Ward, K."]
    assert entries[1] == (
        "Harvey, D. (1989). From managerialism to entrepreneurialism: The transformation in urban governance "
        "in late capitalism. Geografiska Annaler: Series B, Human Geography, 71(1), 3–17.",
        5,
    )
    assert "URBAN STUDIES" not in " ".join(t for t, _ in entries)


def test_running_header_that_slipped_through_is_dropped():
    page1 = block(
        3,
        [
            (0, "Amin, A. (2004). Regions unbound: Towards a new politics of place. Geografiska"),
            (HANG, "Annaler B, 86(1), 33–44."),
            (0, "Brenner, N. (1999). Globalisation as reterritorialisation: The re-scaling of urban"),
            (HANG, "governance in the European Union. Urban Studies, 36(3), 431–451."),
        ],
    )
    page2 = block(
        4,
        [
            (160, "City-regionalism in Europe 27"),  # centred running head, kind missed
            (0, "Cox, K. R. (1998). Spaces of dependence, spaces of engagement and the politics"),
            (HANG, "of scale. Political Geography, 17(1), 1–23."),
            (0, "Deas, I. (2014). The search for territorial fixes in subnational governance."),
            (HANG, "Urban Studies, 51(11), 2285–2314."),
        ],
    )
    out = texts([page1, page2])
    assert len(out) == 4
    assert not any("City-regionalism in Europe" in t for t in out)


def test_first_line_indent():
    b = block(
        2,
        [
            (HANG, "Lefebvre, H. (1991). The production of space. Oxford: Blackwell."),
            (HANG, "MacLeod, G., & Jones, M. (2007). Territorial, scalar, networked, connected: In what"),
            (0, "sense a 'regional world'? Regional Studies, 41(9), 1177–1191."),
            (HANG, "Massey, D. (2005). For space. London: Sage."),
            (HANG, "Peck, J. (2005). Struggling with the creative class. International Journal of Urban"),
            (0, "and Regional Research, 29(4), 740–770."),
        ],
    )
    out = texts([b])
    assert [t.split(",")[0] for t in out] == ["Lefebvre", "MacLeod", "Massey", "Peck"]


def test_entry_wrapping_over_columns():
    left = block(
        7,
        [
            (0, "Ong, A. (2006). Neoliberalism as exception. Durham, NC: Duke University Press."),
            (0, "Park, B.-G. (2008). Uneven development, inter-scalar tensions, and the politics of"),
        ],
    )
    right = block(
        7,
        [
            (HANG, "decentralization in South Korea. International Journal of Urban and Regional"),
            (HANG, "Research, 32(1), 40–59."),
            (0, "Peck, J., & Tickell, A. (2002). Neoliberalizing space. Antipode, 34(3), 380–404."),
        ],
        column=1,
    )
    out = texts([left, right])
    assert len(out) == 3
    assert out[1].endswith("Research, 32(1), 40–59.")


def test_numbered_list_without_indent():
    b = block(
        9,
        [
            (0, "[1] N. Brenner, New State Spaces, Oxford University Press, Oxford, 2004."),
            (0, "[2] B. Jessop, The Future of the Capitalist State, Polity, Cambridge,"),
            (0, "2002."),
            (0, "[3] K. Ward, A. E. G. Jonas, Competitive city-regionalism, Environment and"),
            (0, "Planning A 36 (2004) 2119–2139."),
            (0, "[4] J. Harrison, City-regionalism in England, Regional Studies 41 (2007) 311–332."),
        ],
    )
    out = texts([b])
    assert [t[:3] for t in out] == ["[1]", "[2]", "[3]", "[4]"]
    assert out[1].endswith("Cambridge, 2002.")


def test_one_entry_per_block():
    blocks = [
        block(4, [(0, "Smith, N. (1996). The new urban frontier: Gentrification and the"), (0, "revanchist city. London: Routledge.")], top=100),
        block(4, [(0, "Lees, L., Slater, T., & Wyly, E. (2008). Gentrification. New York:"), (0, "Routledge.")], top=140),
        block(4, [(0, "Slater, T. (2006). The eviction of critical perspectives from gentrification"), (0, "research. IJURR, 30(4), 737–757.")], top=180),
    ]
    out = texts(blocks)
    assert len(out) == 3
    assert out[0] == "Smith, N. (1996). The new urban frontier: Gentrification and the revanchist city. London: Routledge."


def test_dashes_kept_as_printed():
    b = block(
        2,
        [
            (0, "Smith, N. (1996). The new urban frontier. London: Routledge."),
            (0, "——. (2002). New globalism, new urbanism: Gentrification as global urban"),
            (HANG, "strategy. Antipode, 34(3), 427–450."),
        ],
    )
    out = texts([b])
    assert len(out) == 2 and out[1].startswith("——. (2002)")


def test_heading_page_numbers_and_hyphenation():
    b = block(
        2,
        [
            (0, "References"),
            (0, "Swyngedouw, E. (2004). Globalisation or 'glocalisation'? Networks, terri-"),
            (HANG, "tories and rescaling. Cambridge Review of International Affairs, 17(1), 25–48."),
            (0, "17"),
        ],
    )
    assert texts([b]) == [
        "Swyngedouw, E. (2004). Globalisation or 'glocalisation'? Networks, territories and rescaling. "
        "Cambridge Review of International Affairs, 17(1), 25–48."
    ]


def test_empty_section():
    assert split_references([]) == []
    assert split_references([block(1, [(0, "   ")])]) == []
    assert split_reference_text("") == []
    assert split_reference_text("\n\n  \n") == []


def test_plain_text_hanging_entries_without_geometry():
    text = """References
Adkins, L., Cooper, M. & Konings, M. (2020) The Asset Economy (Medford:
Polity).
Bell, C. (1977) On housing classes, The Australian and New Zealand Journal
of Sociology, 13, pp. 36–40.
Brenner N (2004) New state spaces. Oxford University Press, Oxford
World Bank (2009) World Development Report 2009: Reshaping Economic
Geography. Washington, DC: World Bank.
APPELBAUM Eileen, BATT Rosemary, 1994, The New American Workplace, Ithaca,
Cornell University Press.
"""
    out = split_reference_text(text)
    assert [t.split(" ")[0] for t in out] == ["Adkins,", "Bell,", "Brenner", "World", "APPELBAUM"]
    assert out[1] == "Bell, C. (1977) On housing classes, The Australian and New Zealand Journal of Sociology, 13, pp. 36–40."


def test_plain_text_blank_line_separated():
    text = "Amin, A. (2004). Regions unbound.\nGeografiska Annaler B, 86, 33–44.\n\nCox, K. R. (1998). Spaces of dependence.\nPolitical Geography, 17, 1–23.\n"
    assert split_reference_text(text) == [
        "Amin, A. (2004). Regions unbound. Geografiska Annaler B, 86, 33–44.",
        "Cox, K. R. (1998). Spaces of dependence. Political Geography, 17, 1–23.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Brenner, N. (2004) New",
        "Brenner N (2004) New",
        "Jonas AEG and Ward K (2007)",
        "APPELBAUM Eileen, BATT, Rosemary, 1994",
        "van der Meer, J. (2001)",
        "[12] Smith",
        "12. Smith J",
        "——. (2002)",
        "N. Brenner, New State Spaces",
        "UN-Habitat (2016) World",
    ],
)
def test_entry_start_patterns(line):
    assert is_entry_start(line)


@pytest.mark.parametrize(
    "line", ["statehood. Oxford: Oxford University Press.", "of scale. Political Geography", "Research, 32(1), 40–59."]
)
def test_continuation_lines_start_no_entry(line):
    assert not is_entry_start(line)


def test_five_thousand_entries_are_all_split():
    # Speed (linear in the list) is measured in benchmarks/bench_ingest.py.
    lines = []
    for i in range(5000):
        lines.append((0, f"Author{i:04d}, A. ({1950 + i % 70}). Title number {i} about the state. Journal of"))
        lines.append((HANG, f"Things, {i % 50}(2), {i}–{i + 9}."))
    blocks = [block(1 + k // 100, lines[k : k + 100]) for k in range(0, len(lines), 100)]
    out = split_references(blocks)
    assert len(out) == 5000
    assert out[4999][0].startswith("Author4999") and out[4999][0].endswith("4999–5008.")
    text = "\n".join(t for _, t in lines)
    assert len(split_reference_text(text)) == 5000


def test_garbage_blocks_do_not_crash():
    weird = block(1, [(0, "\x00\x01 ÿþ \ufffd"), (5, "%%%%"), (0, "😀 2019 Ω")])
    assert isinstance(split_references([weird]), list)
    assert isinstance(split_reference_text("\x00\n\ufffd\n(((("), list)


def test_url_broken_over_lines_is_rejoined():
    b = block(
        3,
        [
            (0, "ARA. (2024). Selvitys 2/2025: Asunnottomat 2024. [Homeless 2024]. https://www."),
            (HANG, "varke.fi/fi/document/asunnottomat-2024."),
            (0, "Arthurson, K. (2008). Australian public housing and the diverse histories of social mix."),
            (HANG, "Journal of Urban History, 34(3), 484–501. https://doi.org/10.1177/"),
            (HANG, "0096144207311192"),
        ],
    )
    out = texts([b])
    assert out[0].endswith("https://www.varke.fi/fi/document/asunnottomat-2024.")
    assert out[1].endswith("https://doi.org/10.1177/0096144207311192")


def test_numbered_list_with_missing_numbers():
    lines = [(0, f"{k}. Author{k} A. Title {k}. J Things. 2001;{k}:1-9.") for k in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14)]
    assert len(texts([block(1, lines)])) == 12


def sized(b: Block, size: float, *, top: float | None = None, bottom: float | None = None) -> Block:
    from dataclasses import replace

    return replace(b, size=size, top=b.top if top is None else top, bottom=b.bottom if bottom is None else bottom)


def test_justified_line_cut_into_pieces_is_one_line_again():
    # Layout splits a widely spaced line at its gaps; the pieces share the baseline.
    first = block(3, [(0, "Commission (2000), Proposal for a Regulation of the European Parliament and"),
                      (0, "the Council regarding public access to")], top=100)
    pieces = [Block(page=3, x0=x, top=112, x1=x + 40, bottom=124, text=t, column=0, lines=(t,), indents=(0.0,))
              for x, t in ((300, "documents,"), (350, "(COM"), (400, "(2000)"), (450, "30"), (500, "final)"))]
    rest = block(3, [(0, "Council (2001), Regulation regarding public access. Brussels."),
                     (0, "Harlow, C. (1999). Citizen Access to Political Power. Florence: EUI.")], top=140)
    out = texts([first, *pieces, rest])
    assert out[0].endswith("public access to documents, (COM (2000) 30 final)")
    assert len(out) == 3


def test_flush_page_between_hanging_indent_pages():
    # One page set without indents (one block per entry) inside a hanging-indent list.
    hanging = block(4, [(0, "Amin, A. (2004). Regions unbound: Towards a new politics of place."),
                        (HANG, "Geografiska Annaler B, 86(1), 33–44."),
                        (0, "Brenner, N. (1999). Globalisation as reterritorialisation. Urban"),
                        (HANG, "Studies, 36(3), 431–451.")])
    flush = [
        block(5, [(0, "European Parliament (2000), Report on the proposal for a Regulation of the"),
                  (0, "European Parliament and of the Council regarding public access to documents,"),
                  (0, "in: http://www2.europarl.eu.int (retr. 15.12.2000)")], top=100),
        block(5, [(0, "Presidency Working Paper (2001), Regulation of the European Parliament and of"),
                  (0, "the Council regarding public access to documents, 29.01.2001")], top=150),
    ]
    after = block(6, [(0, "Cox, K. R. (1998). Spaces of dependence, spaces of engagement and the"),
                      (HANG, "politics of scale. Political Geography, 17(1), 1–23.")])
    out = texts([hanging, *flush, after])
    assert [t.split(" (")[0] for t in out] == ["Amin, A.", "Brenner, N.", "European Parliament",
                                               "Presidency Working Paper", "Cox, K. R."]


def test_material_in_other_type_after_the_list_is_cut():
    entries = [block(9, [(0, f"Author{i}, A. ({1990 + i}). A title of the work number {i}. Publisher, Place."),
                         (HANG, "Second line of the entry with more words in it.")], top=100 + 30 * i)
               for i in range(4)]
    entries = [sized(b, 12.0) for b in entries]
    adverts = [sized(block(10, [(0, "Books of the Research Area Markets and Political Economy")]), 10.0),
               sized(block(10, [(0, "Pablo Beramendi")], top=140), 10.0),
               sized(block(10, [(0, "Decentralization and Income Inequality"), (0, "2003, Madrid: Juan March")],
                           top=160), 10.0)]
    # A note in other type beside the list goes too; an entry in it stays.
    note = sized(block(9, [(0, "MONICA SMITH is a lecturer at the University of Keele.")], top=300), 10.0)
    small_entry = sized(block(9, [(0, "Zukin, S. (1995). The cultures of cities. Oxford: Blackwell.")], top=320),
                        10.0)
    out = texts([*entries[:2], note, small_entry, *entries[2:], *adverts])
    assert len(out) == 5
    assert not any("lecturer" in t or "Beramendi" in t for t in out)
    assert out[2].startswith("Zukin")


def test_manual_line_break_at_the_entry_margin_continues_the_entry():
    b = block(2, [(0, "Sainsaulieu, R. (1998). L'identité au travail. Paris: Presses de la Fondation"),
                  (0, "Nationale des Sciences Politiques."),
                  (0, "Sandberg, A. (1995). Enriching production. Aldershot: Avebury."),
                  (HANG, "Second line of the Sandberg entry."),
                  (0, "Thelen, K. (1991). Union of parts. Ithaca: Cornell University Press.")])
    out = texts([b])
    assert [t.split(",")[0] for t in out] == ["Sainsaulieu", "Sandberg", "Thelen"]
    assert out[0].endswith("Fondation Nationale des Sciences Politiques.")


def test_entries_run_together_in_one_block_split_at_clear_starts():
    # Earlier pages one block per entry; the last page's entries in one block.
    blocks = [block(1, [(0, f"Author{i}, Anna ({1990 + i}). A title of work {i}. A long line that runs on and"),
                        (0, "ends here with a publisher. Place: Press.")], top=100 + 40 * i) for i in range(12)]
    last = block(2, [(0, "Weber, Kirsten (1996). Experiencing gender. In Henning Olesen & Palle Rasmussen (Eds.),"),
                     (0, "Theoretical issues in adult education (pp.25-40). Roskilde: Roskilde University Press."),
                     (0, "Weber, Kirsten (2007). Gender between knowledge economy and every day life: Change or"),
                     (0, "reproduction? Frankfurt/M.: Peter Lang."),
                     (0, "Wittgenstein, Ludwig (2009 [1953]). Philosophical investigations. London: Blackwell.")])
    out = texts([*blocks, last])
    assert len(out) == 15
    assert [t.split(" (")[0] for t in out[-3:]] == ["Weber, Kirsten", "Weber, Kirsten", "Wittgenstein, Ludwig"]


def test_inverted_particle_and_bracketed_line_end_start_entries():
    lines = ["Hagen, Wolfgang (2005). Das Radio. Zur Geschichte und Theorie des Hörfunks. München: Fink.",
             "Hantelmann von, Dorothea (2007a). Performativity. In Brigitte Franzen & Carina Plath (Eds.),",
             "Sculpture project Münster 07 (p.415). Köln: Verlag der Buchhandlung Walther König.",
             "Mannheim, Karl (2005). Man and society in an age of reconstruction: Studies in modern social",
             "structure (Collected works, vol. 2). New York: Routledge. [Orig. 1936]",
             "Mersch, Dieter (2006). Ästhetische Diskontinuität. Prolegomena zu einer Archäologie der Künste.",
             "In Christoph Menke (Ed.), Kunst Fortschritt Geschichte (pp.216-228). Berlin: Kadmos."]
    out = split_reference_text("\n".join(lines))
    assert [t.split(" (")[0] for t in out] == ["Hagen, Wolfgang", "Hantelmann von, Dorothea", "Mannheim, Karl",
                                               "Mersch, Dieter"]


def test_cite_as_box_and_contributor_notes_end_the_list():
    lines = ["Ylijoki, O. and Mantyla, H. (2003) 'Conflicting Time Perspectives in Academic Work', Time &",
             "Society 12(1): 55–78.",
             "Zerubavel, E. (1981) Hidden Rhythms. Chicago, IL: University of Chicago Press.",
             "HEATHER MENZIES is an award-winning author (No Time, 2005) and teaches at Carleton University.",
             "JANICE A. NEWSON is a sociologist at York University in Toronto (since 1985)."]
    out = split_reference_text("\n".join(lines))
    assert [t.split(",")[0] for t in out] == ["Ylijoki", "Zerubavel"]
    cite = ["UHM (2006) Writing Matters, Manoa Writing Program. Downloaded on 25 June, 2006.",
            "Cite as: Naithani, P. (2008). Reference framework for active learning in higher education."]
    assert split_reference_text("\n".join(cite)) == [cite[0]]


def test_numbered_entries_without_space_after_the_number():
    lines = ["8. Heinen MM, Persoon A. Ulcer-related problems. Int J Nurs Stud. 2006;44(8):1296-303.",
             "9. Malaquias SG, Bachion MM. People with vascular ulcers. Rev Esc Enferm USP.",
             "2012;46(2):302-10.",
             "10.Alvarado LC, Silva FP. Pain in outpatients with chronic venous ulcer. Rev Estima. 2011;9(1):14-23.",
             "11. Morrell CJ, Walters SJ. Cost effectiveness of community leg ulcer clinics. BMJ. 1998;316:1487."]
    out = split_reference_text("\n".join(lines))
    assert [t.split(" ")[0] for t in out] == ["8.", "9.", "10.Alvarado", "11."]


def test_entry_at_the_margin_with_a_year_is_kept_despite_a_typo_in_its_name():
    b = block(3, [(0, "Ruhl, K. L., & Schloss, P. J. (1987). Using the pause procedure to enhance lecture"),
                  (HANG, "recall. Downloaded on 10 June, 2006, from http://www.active-learning-site.com/sum1.htm"),
                  (0, "Russell. I.J., & Herbert, R.J. (1984). Effects of lecture information density on"),
                  (HANG, "medical student achievement. Journal of Medical Education, 59, 881-889."),
                  (0, "Smith, A. (1990). A first title of a book that runs over the line end and"),
                  (HANG, "onto the next line. London: Sage."),
                  (0, "Tanner, B. (1991). A second title of a book that runs over the line end and"),
                  (HANG, "onto the next line. London: Sage.")])
    assert [t.split(".")[0].split(",")[0] for t in texts([b])] == ["Ruhl", "Russell", "Smith", "Tanner"]


def test_corporate_authors_and_decomposed_accents_in_plain_text():
    lines = ["Arthurson, K., Levin, I., & Ziersch, A. (2015). What is the meaning of social mix? Australian",
             "Geographer, 46(4), 491–505. https://doi.org/10.1080/",
             "00049182.2015.1075270",
             "Bacque\u0301, M. H., & Charmes, E\u0301. (2024). Social mix and its critics. In M. Marti\u0301nez (Ed.),",
             "Research handbook on urban sociology (pp. 252–268). Edward Elgar Publishing.",
             "City of Helsinki. (2008). Esikaupunkien renessanssi. [Suburban renaissance.].",
             "City of Helsinki. (2013). Helsingin yleiskaava: Visio 2050. [Master Plan: Vision 2050].",
             "Park, A. and Jowell, R. (1997): Consistencies and differences in a cross-national survey. The",
             "International Social Survey Programme (1995). (available online with the 1995 codebook)"]
    out = split_reference_text("\n".join(lines))
    assert [t.split(" (")[0] for t in out] == ["Arthurson, K., Levin, I., & Ziersch, A.", "Bacqué, M. H., & Charmes, É.",
                                               "City of Helsinki.", "City of Helsinki.", "Park, A. and Jowell, R."]


def test_wandering_ocr_sizes_do_not_cut_the_list():
    sizes = [5.0, 5.5, 5.0, 6.0, 5.5, 5.0, 6.5, 5.0, 6.0, 6.5]
    blocks = [sized(block(16, [(0, f"Author{i}, B. ({1980 + i}): A title of some book number {i} about the city,"),
                               (HANG, "London: Verso and a few more words to make it long enough here.")],
                          top=100 + 30 * i), size) for i, size in enumerate(sizes)]
    assert len(texts(blocks)) == 10


def test_running_head_on_top_of_a_page_and_entry_broken_over_columns():
    page1 = block(10, [(0, "Smith, N. (1996). The new urban frontier: Gentrification and the revanchist city."),
                       (HANG, "London: Routledge.")], column=2)
    # Next page: the running head joined the first block.
    left = block(11, [(0, "H. Yrjänä"),
                      (0, "Rosengren, K., & Ruonavaara, H. (2024). Conflicting regional policy goals."),
                      (HANG, "Urban, Planning and Transport Research, 12(1)."),
                      (0, "Tammaru, T., Sinitsyna, A., van Ham, M., Marcinczak, S., &")], column=1)
    # The entry goes on in the next column with a name and year that look
    # like a new entry, but the column before broke off at "&".
    right = block(11, [(HANG, "Musterd, S. (2021). Income inequality and residential segregation in cities."),
                       (HANG, "In G. Pryce (Ed.), Urban inequality and segregation. Cham: Springer."),
                       (0, "Zukin, S. (1995). The cultures of cities. Oxford: Blackwell."),
                       (HANG, "Second line of the Zukin entry.")], column=2)
    out = texts([page1, left, right])
    assert [t.split(",")[0] for t in out] == ["Smith", "Rosengren", "Tammaru", "Zukin"]
    assert "Musterd, S. (2021). Income inequality" in out[2]
    assert not any("Yrjänä" in t for t in out)
