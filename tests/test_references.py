"""Reference-list segmentation: blocks with line geometry, and plain text."""

from __future__ import annotations

import time

from litmap.layout import Block
from litmap.parse.references import is_entry_start, split_reference_text, split_references

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


def test_entry_start_patterns():
    for line in (
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
    ):
        assert is_entry_start(line), line
    for line in ("statehood. Oxford: Oxford University Press.", "of scale. Political Geography", "Research, 32(1), 40–59."):
        assert not is_entry_start(line), line


def test_five_thousand_entries_fast_and_linear():
    lines = []
    for i in range(5000):
        lines.append((0, f"Author{i:04d}, A. ({1950 + i % 70}). Title number {i} about the state. Journal of"))
        lines.append((HANG, f"Things, {i % 50}(2), {i}–{i + 9}."))
    blocks = [block(1 + k // 100, lines[k : k + 100]) for k in range(0, len(lines), 100)]
    t = time.perf_counter()
    out = split_references(blocks)
    elapsed = time.perf_counter() - t
    assert len(out) == 5000
    assert elapsed < 5.0
    text = "\n".join(t for _, t in lines)
    t = time.perf_counter()
    assert len(split_reference_text(text)) == 5000
    assert time.perf_counter() - t < 5.0


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
