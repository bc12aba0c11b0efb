"""In-text citation forms of the field, and look-alikes that are not citations."""

from __future__ import annotations

import pytest

from litmap.models import Paragraph, Section
from litmap.parse.citations import find_citations, parse_citation_part, split_sentences


def cite(text: str, kind: str = "body"):
    para = Paragraph(text=text, page=3, section=0, kind=kind, char_start=100, char_end=100 + len(text))
    return find_citations([para], [Section(heading="2. Rescaling", kind="body", page=3, page_end=3, text="")])


def works(text: str):
    return [[(w.surnames, w.year, w.year_suffix) for w in c.cites] for c in cite(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("as argued (Brenner, 2004).", [(("Brenner",), 2004, None)]),
        ("as argued (Brenner 2004).", [(("Brenner",), 2004, None)]),
        ("as argued (Brenner, 2009, p. 68).", [(("Brenner",), 2009, None)]),
        ("as argued (Brenner, 2004: 45).", [(("Brenner",), 2004, None)]),
        ("(Allen & Cochrane, 2007, 2010)", [(("Allen", "Cochrane"), 2007, None), (("Allen", "Cochrane"), 2010, None)]),
        ("(Y. Li & Wu, 2012; Ma, 2005)", [(("Li", "Wu"), 2012, None), (("Ma",), 2005, None)]),
        ("(see Jessop, 2002; cf. Peck, 2002)", [(("Jessop",), 2002, None), (("Peck",), 2002, None)]),
        ("(X. Zhang, Li, et al., 2023)", [(("Zhang", "Li"), 2023, None)]),
        ("(Management Committee of Zhongguancun Science Park, 2022)",
         [(("Management Committee of Zhongguancun Science Park",), 2022, None)]),
        ("(e.g. Harvey 1989; Peck 2005)", [(("Harvey",), 1989, None), (("Peck",), 2005, None)]),
        ("(Peck, 2005, pp. 12–14)", [(("Peck",), 2005, None)]),
        ("(Müller, 2010; Ruonavaara, 2025; Yrjänä, 2026)",
         [(("Müller",), 2010, None), (("Ruonavaara",), 2025, None), (("Yrjänä",), 2026, None)]),
        ("(de Certeau, 1984; see van der Meer, 2001)", [(("de Certeau",), 1984, None), (("van der Meer",), 2001, None)]),
        ("(argued later at length in Saunders, 1990, Chapter 3)", [(("Saunders",), 1990, None)]),
    ],
)
def test_parenthetical_forms(text, expected):
    found = cite(text)
    assert len(found) == 1 and found[0].kind == "parenthetical"
    assert [(w.surnames, w.year, w.year_suffix) for w in found[0].cites] == expected


@pytest.mark.parametrize(
    "text, raw, surnames, years",
    [
        ("the seminal work of Jessop (2002) shows", "Jessop (2002)", ("Jessop",), [2002]),
        ("Li, Chen, and Wu (2020) argue", "Li, Chen, and Wu (2020)", ("Li", "Chen", "Wu"), [2020]),
        ("after Deleuze and Guattari (1987), we", "Deleuze and Guattari (1987)", ("Deleuze", "Guattari"), [1987]),
        ("following De Landa (2006), we", "De Landa (2006)", ("De Landa",), [2006]),
        ("Brenner et al.'s (2011) critique", "Brenner et al.'s (2011)", ("Brenner",), [2011]),
        ("as Brenner (2004a, 2004b) shows", "Brenner (2004a, 2004b)", ("Brenner",), [2004, 2004]),
        ("In China, Wu (2016) argued", "Wu (2016)", ("Wu",), [2016]),
        ("However, Epifania, Anselmi, and Robusto (2019) used", "Epifania, Anselmi, and Robusto (2019)",
         ("Epifania", "Anselmi", "Robusto"), [2019]),
        ("in post-reform China. Shen et al. (2020) explain", "Shen et al. (2020)", ("Shen",), [2020]),
    ],
)
def test_narrative_forms(text, raw, surnames, years):
    found = cite(text)
    assert len(found) == 1
    c = found[0]
    assert (c.kind, c.raw, c.cites[0].surnames, [w.year for w in c.cites]) == ("narrative", raw, surnames, years)


def test_suffixes_locators_prefixes_and_year_notes():
    c = cite("as Brenner (2004a, 2004b) and (see Peck, 2005, pp. 12–14; Wu, n.d.; Li, in press; Ma, forthcoming)")
    assert [w.year_suffix for w in c[0].cites] == ["a", "b"]
    p = c[1].cites
    assert (p[0].prefix, p[0].locator) == ("see", "pp. 12–14")
    assert [(w.year, w.year_note) for w in p[1:]] == [(None, "n.d."), (None, "in press"), (None, "forthcoming")]
    assert cite("(Brenner, 2004: 45)")[0].cites[0].locator == "45"


def test_initials_and_et_al():
    w = cite("(Y. Li & Wu, 2012; X. Zhang, Li, et al., 2023)")[0].cites
    assert (w[0].initials, w[0].et_al) == ("Y.", False)
    assert (w[1].initials, w[1].et_al, w[1].surnames) == ("X.", True, ("Zhang", "Li"))


@pytest.mark.parametrize("text", ["the data (Hainer et. al., 1988) show", "as Hainer et. al. (1988) show"])
def test_et_al_misprinted_with_a_dot_after_et(text):
    w = cite(text)[0].cites
    assert (w[0].surnames, w[0].year, w[0].et_al) == (("Hainer",), 1988, True)


@pytest.mark.parametrize(
    "text",
    [
        "(Interview, a government official, NDRC, 03.2023)",
        "as shown (Fig. 2) and (Table 1).",
        "see Footnote 1 here",
        "the meeting (March 2019) decided",
        "Figure C-1: MSA/CMSA/PMSA Names and Codes (1999)........................ C-3",
        "the sample (n = 2004) was",
        "significant (p < 0.05) effects",
        "in 2004 the state (2004) changed",
        "Political Geography 112 (2024) 103131",
        "Capital in the Twenty-First Century (2014) sold",
        "in the 21st Century (2014) sold",
        "during Deng Xiaoping's Southern Tour (1992) things",
        "Capital in the twenty first Century (2014) argues",
        "between 1992 and 1997 (1992–1997) growth",
    ],
)
def test_not_citations(text):
    assert cite(text) == []


def test_numeric_callouts():
    found = cite("as shown [3], [3–5] and [1, 4, 7].")
    assert [c.kind for c in found] == ["numeric"] * 3
    assert [[w.number for w in c.cites] for c in found] == [[3], [3, 4, 5], [1, 4, 7]]


def test_provenance_spans_sentence_and_footnotes():
    text = "Scale matters. Y. Li et al. show this, e.g. in Beijing (Wu, 2016, p. 5). Next one."
    c = cite(text)[0]
    assert (c.page, c.section, c.paragraph) == (3, "2. Rescaling", 0)
    assert c.char_start == 100 + text.index("(Wu") and c.char_end - c.char_start == len(c.raw)
    assert c.sentence == "Y. Li et al. show this, e.g. in Beijing (Wu, 2016, p. 5)."
    assert cite("1 See Jessop (2002) on this.", kind="footnote")[0].raw == "Jessop (2002)"
    assert cite("(Brenner, 2004)", kind="caption") == []


def test_names_broken_across_lines():
    c = cite("as shown (Bren- ner, 2004; Rodríguez-Pose, 2018)")[0]
    assert [w.surnames for w in c.cites] == [("Brenner",), ("Rodríguez-Pose",)]


def test_decomposed_diacritics():
    c = cite("(Ma\u0308enpa\u0308a\u0308, 2011)")
    assert len(c) == 1 and c[0].cites[0].year == 2011


def test_split_sentences_keeps_abbreviations():
    text = "See Brenner et al. (2011) and cf. Peck, p. 5. Y. Li agrees. It ends here."
    spans = [text[a:b].strip() for a, b in split_sentences(text)]
    assert spans == ["See Brenner et al. (2011) and cf. Peck, p. 5.", "Y. Li agrees.", "It ends here."]


@pytest.mark.parametrize(
    "part, surnames",
    [
        ("Interview, a government official, NDRC, 03.2023", None),
        ("March 2019", None),
        ("City of Helsinki, 2008: 9", ("City of Helsinki",)),
    ],
)
def test_parse_part_rejects_non_names(part, surnames):
    parsed = parse_citation_part(part)
    assert (None if parsed is None else parsed[0].surnames) == surnames


@pytest.mark.parametrize(
    "text, raw, surnames, year",
    [
        ("As the State Council (2014) ruled", "State Council (2014)", ("State Council",), 2014),
        ("According to the World Bank (2009), density", "World Bank (2009)", ("World Bank",), 2009),
        ("In China, the State Council (2014) ruled", "State Council (2014)", ("State Council",), 2014),
        ("the World Bank’s (2009) report", "World Bank’s (2009)", ("World Bank",), 2009),
        ("data from OECD (2015) show", "OECD (2015)", ("OECD",), 2015),
        ("the European Commission (2019) proposed", "European Commission (2019)", ("European Commission",), 2019),
        ("as the World Travel and Tourism Council (2004) reports", "World Travel and Tourism Council (2004)",
         ("World Travel and Tourism Council",), 2004),
        ("According to Ministry of Housing and Urban-Rural Development (2015), cities",
         "Ministry of Housing and Urban-Rural Development (2015)",
         ("Ministry of Housing and Urban-Rural Development",), 2015),
    ],
)
def test_narrative_organisations(text, raw, surnames, year):
    found = cite(text)
    assert len(found) == 1
    c = found[0]
    assert (c.kind, c.raw, c.cites[0].surnames, c.cites[0].year) == ("narrative", raw, surnames, year)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("as reported (UN-Habitat, 2016).", [("UN-Habitat",)]),
        ("the standard (Ministry of Housing and Urban-Rural Development [MOHURD], 2015).",
         [("Ministry of Housing and Urban-Rural Development [MOHURD]",)]),
        ("(National Bureau of Statistics of China [NBS], 2020)", [("National Bureau of Statistics of China [NBS]",)]),
        ("(World Bank 2009; OECD 2015)", [("World Bank",), ("OECD",)]),
        ("(Ribatet, Singleton, and R Core team 2022)", [("Ribatet", "Singleton", "R Core team")]),
    ],
)
def test_parenthetical_organisations(text, expected):
    found = cite(text)
    assert len(found) == 1 and [w.surnames for w in found[0].cites] == expected


@pytest.mark.parametrize(
    "text, raw, surname, initials",
    [
        ("the work of Neil Brenner (2004) shows", "Neil Brenner (2004)", "Brenner", "N."),
        ("Fulong Wu (2016) argues", "Fulong Wu (2016)", "Wu", "F."),
        ("as Jing Wang (2016) argues", "Jing Wang (2016)", "Wang", "J."),
        ("following Susannah Bunce’s (2004) study", "Susannah Bunce’s (2004)", "Bunce", "S."),
        ("the critique by Robert Beauregard (1981, p. 3) holds", "Robert Beauregard (1981, p. 3)", "Beauregard", "R."),
    ],
)
def test_full_names_give_an_initial_not_a_coauthor(text, raw, surname, initials):
    found = cite(text)
    assert len(found) == 1
    w = found[0].cites[0]
    assert (found[0].raw, w.surnames, w.initials) == (raw, (surname,), initials)


@pytest.mark.parametrize(
    "text, raw, surnames",
    [
        ("Brenner's (2004) account", "Brenner's (2004)", ("Brenner",)),
        ("Harvey’s (1989) urban entrepreneurialism", "Harvey’s (1989)", ("Harvey",)),
        ("Brenner and Theodore’s (2002) account", "Brenner and Theodore’s (2002)", ("Brenner", "Theodore")),
    ],
)
def test_possessives_are_not_part_of_the_surname(text, raw, surnames):
    c = cite(text)[0]
    assert (c.raw, c.cites[0].surnames) == (raw, surnames)


def test_narrative_locator_and_line_break():
    c = cite("Brenner (2004, p. 68) argues")[0]
    assert (c.raw, c.cites[0].locator) == ("Brenner (2004, p. 68)", "p. 68")
    c = cite("as Bren- ner (2004) argues")[0]
    assert (c.kind, c.cites[0].surnames, c.cites[0].year) == ("narrative", ("Brenner",), 2004)


def test_margin_line_numbers_and_trailing_remarks():
    # line-numbered manuscripts print margin numbers inside the text flow
    assert [w.surnames for w in cite("(Kuhn 29 & Vaughan, 2024)")[0].cites] == [("Kuhn", "Vaughan")]
    w = cite("(Van der Laan et al., 45 2007)")[0].cites[0]
    assert (w.surnames, w.et_al, w.year) == (("Van der Laan",), True, 2007)
    w = cite("(see: Epifania, Anselmi, and Robusto 2020 for further details)")[0].cites[0]
    assert (w.surnames, w.year, w.prefix) == (("Epifania", "Anselmi", "Robusto"), 2020, "see")
    assert cite("(see Brenner 2004 for a review)")[0].cites[0].surnames == ("Brenner",)
    assert cite("(Brenner 2004 shows that growth 12 fell)") == []


@pytest.mark.parametrize(
    "text",
    [
        "(Interview, 2019)",
        "(Interview with official, 2019)",
        "(Author's interview, 2019)",
        "(Focus group, May 2018)",
        "(Figure 2)",
        "(n = 2004)",
        "(N = 1,200, 2015)",
        "(r = 0.45, 2019)",
        "(March 2015)",
        "in March (2015)",
        "(GDP, 2015)",
        "(CNY 2015)",
        "(US$ 2015)",
        "(Census 2010)",
        "(1990–2010)",
        "(Survey, 2018)",
        "in the Pearl River Delta (2010) firms",
        "in Science Park (2022) firms",
        "Capital in Social Theory (1992) sold",
        "a Training Manual (2001) was",
        "the Hukou Reform (2014)",
        "the Eleventh Five-Year Plan (2006) set",
        # a document title before a year
        "the Green Paper Sustainable Communities: People, Places and Prosperity (2005) set out plans.",
    ],
)
def test_more_look_alikes_are_not_citations(text):
    assert cite(text) == []


@pytest.mark.parametrize(
    "text, raw, surnames, initials",
    [
        ("Neil Brenner, Jamie Peck and Nik Theodore (2010) show", "Neil Brenner, Jamie Peck and Nik Theodore (2010)",
         ("Brenner", "Peck", "Theodore"), "N."),
        ("as Liz Bondi and Damaris Rose (2003) argue", "Liz Bondi and Damaris Rose (2003)", ("Bondi", "Rose"), "L."),
        # a comma alone does not make a list: "Jane Jacobs" is not a co-author
        ("Like Jane Jacobs, Neil Smith (1996) saw", "Neil Smith (1996)", ("Smith",), "N."),
        ("In Boston and Neil Smith (1996)", "Neil Smith (1996)", ("Smith",), "N."),
    ],
)
def test_full_name_lists(text, raw, surnames, initials):
    c = cite(text)[0]
    assert (c.raw, c.cites[0].surnames, c.cites[0].initials) == (raw, surnames, initials)


@pytest.mark.parametrize(
    "text, years",
    [
        ("(Lefebvre, [1974] 1991)", [1991]),  # the bracket holds the original edition
        ("Lefebvre ([1974] 1991) argued", [1991]),
        ("(Smith 1984 [2008])", [1984]),
        ("(Moyo 2010 [2009]: 42)", [2010]),
        ("(Brenner 2004; 2009)", [2004, 2009]),  # a part of years only keeps the authors
        ("Brenner (2004; 2009) argues", [2004, 2009]),
    ],
)
def test_reprint_years_and_year_only_parts(text, years):
    c = cite(text)
    assert len(c) == 1 and [w.year for w in c[0].cites] == years
    assert {w.surnames[0] for w in c[0].cites} <= {"Lefebvre", "Smith", "Moyo", "Brenner"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By way of contrast, Butler with Robson (2003) suggest it.", [[(("Butler", "Robson"), 2003, None)]]),
        ("They were clear (Butler with Robson, 2003, p. 127).", [[(("Butler", "Robson"), 2003, None)]]),
        # "Together with Brenner (2004)": no author called Together
        ("Together with Brenner (2004), Jessop argued it.", [[(("Brenner",), 2004, None)]]),
    ],
)
def test_co_author_joined_by_with(text, expected):
    assert works(text) == expected


def test_bracketed_numbers_in_an_author_year_paper_are_no_citations():
    """FQS paragraph numbers "[12]", table bins, R code "C[, 1]": in a paper
    with an unnumbered list and author-year citations they would link to
    entries by position (FQS paper: 39 such false links)."""
    from litmap.models import Citation, CitedWork, Reference
    from litmap.parse.document import _stray_numbers_dropped

    def c(raw, kind, work):
        return Citation(raw=raw, kind=kind, page=1, section=None, sentence=raw, paragraph=0, cites=(work,))

    author_year = c("(Punch, 1998)", "parenthetical", CitedWork(surnames=("Punch",), year=1998))
    number = c("[2]", "numeric", CitedWork(surnames=(), number=2))
    unnumbered = [Reference(index=i, raw=f"Author{i}, A. ({2000 + i}). Title.") for i in range(3)]
    numbered = [Reference(index=i, raw=f"[{i + 1}] Author{i}, A. Title. {2000 + i}.") for i in range(3)]
    assert _stray_numbers_dropped([author_year, number], unnumbered) == [author_year]
    assert _stray_numbers_dropped([author_year, number], numbered) == [author_year, number]
    assert _stray_numbers_dropped([number], unnumbered) == [number]  # a numeric paper whose list lost its numbers


def test_running_head_masthead_left_out_of_the_citing_sentence():
    # a .txt input (or a head that differs per page) keeps "Journal Volume (Year) pages" in the body flow
    text = "E. Kovács Cities 157 (2025) 105586 Gentrification rose (Lees, 2000) in many places."
    (c,) = cite(text)
    assert c.raw == "(Lees, 2000)"
    assert c.sentence == "Gentrification rose (Lees, 2000) in many places."


def test_repeated_running_head_without_pages_left_out_of_sentences():
    head = "Urban Studies Review 45 (2008)"
    paras = [
        Paragraph(text=f"{head} As argued (Brenner, 2004) states rescale.", page=2, section=0, char_start=0, char_end=60),
        Paragraph(text=f"Cities grow. {head} so Jessop (2002) says.", page=3, section=0, char_start=60, char_end=120),
    ]
    found = find_citations(paras, [Section(heading=None, kind="body", page=2, page_end=3, text="")])
    assert [c.raw for c in found] == ["(Brenner, 2004)", "Jessop (2002)"]
    assert [c.sentence for c in found] == ["As argued (Brenner, 2004) states rescale.", "so Jessop (2002) says."]


@pytest.mark.parametrize(
    "text",
    [
        "Applied Geography 58 (2015) 1–10 and the text goes on.",
        "In Applied Geography 58 (2015) the authors show this.",
        "Population grew sharply (1990–1995) in the suburbs.",
        "Brenner, N. (2004). New State Spaces. Oxford University Press.",
        "Smith, N., & Williams, P. (1986). Gentrification of the City. London: Allen & Unwin.",
    ],
)
def test_mastheads_date_ranges_and_reference_lines_are_no_citations(text):
    assert cite(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # reference-list lines that reached the body flow (a .txt, a missed reference heading)
        "Cohen J (1986) Weighted kappa: nominal scale agreement with provision for scaled disagreement.",
        "Brenner N (2004) New state spaces. Oxford University Press, Oxford",
        "Maathai, Wangari (2009), The Challenge for Africa: A New Vision, London: William Heinemann.",
        "Amin, Samir (2010), Millennium Development Goals: A Critique from the South.",
        "Brenner, Neil (2004): New State Spaces. Oxford: OUP.",
        "Verlag. Herrschaft, Felicia (2008).",
        "Ansorg, Nadine, Felix Haaß, and Julia Strasheim (2013), Institutions for Sustainable Peace, in: Global Governance.",
        "Mehler, Andreas, and Sabine Kurtenbach (2013), Introduction: Institutions for Sustainable Peace?",
        "Salling Olesen, Henning & Weber, Kirsten (2012).",
        "Science Policy Forum (1998) http://www.sciencemag.org/cgi/content/full/281/5382/1459",
    ],
)
def test_reference_entry_heads_are_no_narrative_citations(text):
    assert cite(text) == []


@pytest.mark.parametrize(
    "text, surnames",
    [
        ("Samir Amin (2010), a staunch critic of the consensus, asserts this.", ("Amin",)),
        ("Furthermore, Boyde (2000), Mulenga (1999) and others agree.", ("Boyde",)),
        ("However, Langford (2006) argues so.", ("Langford",)),
        ("Perhaps, Qiu, Sridharan, and Chun (2010) demonstrate that it works.", ("Qiu", "Sridharan", "Chun")),
        ("Sources: Central Bureau of Statistics, OECD (2002).", ("OECD",)),
    ],
)
def test_narrative_citations_shaped_near_reference_entries_kept(text, surnames):
    assert cite(text)[0].cites[0].surnames == surnames


def test_sentence_conjunction_is_no_given_name():
    (c, _) = cite("If Smith (1979) and Clark (1987) saw the devaluation as a way to widen the rent gap.")
    assert c.raw == "Smith (1979)"
    assert c.cites[0].initials is None
