"""Reference strings → fields: every style and feature the field prints,
through the default (hybrid) parser and the rules alone."""

from __future__ import annotations


import pytest

from litmap.models import Reference
from litmap.parse import refparse_crf
from litmap.parse.names import initials_of, normalise_doi, normalise_surname, normalise_title
from litmap.parse.refparse import parse_reference


def fam(ref: Reference) -> list[str]:
    return [a.family for a in ref.authors]


METHODS = ["hybrid", "rules"]


@pytest.mark.parametrize("method", METHODS)
def test_apa_article_with_doi(method):
    r = parse_reference(
        "Arthurson, K., Levin, I., & Ziersch, A. (2015). What is the meaning of ‘social mix’? Shifting "
        "perspectives in planning and implementing public housing estate redevelopment. Australian "
        "Geographer, 46(4), 491–505. https://doi.org/10.1080/00049182.2015.1075270",
        method=method,
    )
    assert fam(r) == ["Arthurson", "Levin", "Ziersch"]
    assert r.authors[0].given == "K."
    assert r.year == 2015
    assert r.title.startswith("What is the meaning of ‘social mix’? Shifting perspectives")
    assert r.container == "Australian Geographer"
    assert (r.volume, r.issue, r.pages) == ("46", "4", "491–505")
    assert r.doi == "10.1080/00049182.2015.1075270"
    assert r.type == "article"


@pytest.mark.parametrize("method", METHODS)
def test_taylor_and_francis_article(method):
    r = parse_reference(
        "Adkins, L., Cooper, M. & Konings, M. (2021) Class in the 21st century: Asset inflation and the new "
        "logic of inequality, Environment and Planning A: Economy and Space, 53, pp. 548–572.",
        method=method,
    )
    assert fam(r) == ["Adkins", "Cooper", "Konings"]
    assert r.year == 2021
    assert r.title == "Class in the 21st century: Asset inflation and the new logic of inequality"
    assert r.container == "Environment and Planning A: Economy and Space"
    assert (r.volume, r.pages) == ("53", "548–572")


@pytest.mark.parametrize("method", METHODS)
def test_taylor_and_francis_book_with_bracketed_publisher(method):
    r = parse_reference("Adkins, L., Cooper, M. & Konings, M. (2020) The Asset Economy (Medford: Polity).", method=method)
    assert r.title == "The Asset Economy"
    assert r.publisher == "Polity"
    assert r.type == "book"


@pytest.mark.parametrize("method", METHODS)
def test_springer_sage_book_without_punctuation(method):
    r = parse_reference("Brenner N (2004) New state spaces. Oxford University Press, Oxford", method=method)
    assert fam(r) == ["Brenner"]
    assert initials_of(r.authors[0].given) == "N"
    assert r.year == 2004
    assert r.title == "New state spaces"
    assert r.publisher == "Oxford University Press"
    assert r.type == "book"


@pytest.mark.parametrize("method", METHODS)
def test_sage_article(method):
    r = parse_reference(
        "Jonas AEG and Ward K (2007) Introduction to a debate on city-regions: New geographies of governance, "
        "democracy and social reproduction. International Journal of Urban and Regional Research 31(1): 169–178.",
        method=method,
    )
    assert fam(r) == ["Jonas", "Ward"]
    assert r.container == "International Journal of Urban and Regional Research"
    assert (r.volume, r.issue, r.pages) == ("31", "1", "169–178")


@pytest.mark.parametrize("method", METHODS)
def test_apa_chapter_in_edited_book(method):
    r = parse_reference(
        "Jessop, B. (2002). Liberalism, neoliberalism, and urban governance: A state-theoretical perspective. "
        "In N. Brenner & N. Theodore (Eds.), Spaces of neoliberalism (pp. 105–125). Oxford: Blackwell.",
        method=method,
    )
    assert fam(r) == ["Jessop"]
    assert [e.family for e in r.editors] == ["Brenner", "Theodore"]
    assert r.container == "Spaces of neoliberalism"
    assert r.pages == "105–125"
    assert r.publisher == "Blackwell"
    assert r.type == "chapter"


@pytest.mark.parametrize("method", METHODS)
def test_elsevier_harvard(method):
    r = parse_reference(
        "Brenner, N., 2004. New State Spaces: Urban Governance and the Rescaling of Statehood. "
        "Oxford University Press, Oxford.",
        method=method,
    )
    assert fam(r) == ["Brenner"] and r.year == 2004
    assert r.title == "New State Spaces: Urban Governance and the Rescaling of Statehood"
    assert r.publisher == "Oxford University Press"


@pytest.mark.parametrize("method", METHODS)
def test_chicago_author_date(method):
    r = parse_reference(
        'Harvey, David. 1989. "From Managerialism to Entrepreneurialism: The Transformation in Urban '
        'Governance in Late Capitalism." Geografiska Annaler: Series B 71 (1): 3–17.',
        method=method,
    )
    assert fam(r) == ["Harvey"] and r.year == 1989
    assert r.title.startswith("From Managerialism to Entrepreneurialism")
    assert (r.volume, r.issue, r.pages) == ("71", "1", "3–17")


def test_harvard_with_place_publisher():
    r = parse_reference("Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.")
    assert r.publisher == "Polity" and r.place == "Cambridge"
    assert r.type == "book"


@pytest.mark.parametrize("method", METHODS)
def test_numeric_vancouver(method):
    r = parse_reference("[12] Smith J, Jones K. Urban regions and the state. Urban Stud. 2004;41(3):233-244.", method=method)
    assert fam(r) == ["Smith", "Jones"]
    assert r.year == 2004
    assert r.title == "Urban regions and the state"
    assert (r.volume, r.issue, r.pages) == ("41", "3", "233–244")


@pytest.mark.parametrize("method", METHODS)
def test_organisation_author(method):
    r = parse_reference(
        "World Bank (2009) World Development Report 2009: Reshaping Economic Geography. Washington, DC: World Bank.",
        method=method,
    )
    assert fam(r) == ["World Bank"]
    assert r.authors[0].organisation
    assert r.year == 2009


def test_un_habitat_and_ministry_are_organisations():
    for raw in (
        "UN-Habitat (2016) World Cities Report 2016. Nairobi: UN-Habitat.",
        "Ministry of the Environment (2019) Housing policy programme. Helsinki.",
    ):
        r = parse_reference(raw)
        assert len(r.authors) == 1 and r.authors[0].organisation, r


@pytest.mark.parametrize("method", METHODS)
def test_particles_kept_in_family_name(method):
    r = parse_reference("van der Meer, J. & De Landa, M. (2006). A new philosophy of society. London: Continuum.", method=method)
    assert fam(r) == ["van der Meer", "De Landa"]
    assert [normalise_surname(f) for f in fam(r)] == ["vandermeer", "delanda"]


@pytest.mark.parametrize("method", METHODS)
def test_year_suffix(method):
    r = parse_reference("Brenner, N. (2004a). Urban governance and the production of new state spaces in western Europe. Review of International Political Economy, 11(3), 447–488.", method=method)
    assert r.year == 2004 and r.year_suffix == "a"


@pytest.mark.parametrize("method", METHODS)
def test_no_date_and_in_press(method):
    nd = parse_reference("DeLanda, M. (n.d.). Assemblage theory. Edinburgh University Press.", method=method)
    assert nd.year is None and nd.year_note == "n.d."
    assert "no year found" not in nd.warnings
    ip = parse_reference("Smith, N. (in press). Gentrification and the rent gap. Antipode.", method=method)
    assert ip.year is None and ip.year_note == "in press"
    fc = parse_reference("Peck, J. (forthcoming). Variegated capitalism. Oxford: Oxford University Press.", method=method)
    assert fc.year_note == "forthcoming"


def test_repeated_author_dash_takes_previous_authors():
    first = parse_reference("Smith, N. (1996). The new urban frontier. London: Routledge.", 0)
    dash = parse_reference("——. (2002). New globalism, new urbanism. Antipode, 34(3), 427–450.", 1, previous=first)
    assert fam(dash) == ["Smith"]
    assert dash.raw.startswith("——.")  # kept as printed
    assert dash.year == 2002 and dash.container == "Antipode"
    orphan = parse_reference("———. 2005a. Title of a book. London: Verso.")
    assert any("dash" in w for w in orphan.warnings)


def test_et_al():
    r = parse_reference("Smith, J. et al. (2010) Cities in crisis. Urban Studies 47(1): 1–20.")
    assert r.et_al and fam(r) == ["Smith"]


def test_doi_and_url_normalised():
    r = parse_reference("Peck, J. (2005). Struggling with the creative class. IJURR, 29(4), 740–770. DOI: 10.1111/J.1468-2427.2005.00620.X.")
    assert r.doi == "10.1111/j.1468-2427.2005.00620.x"
    w = parse_reference("ARA. (2024). Asunnottomat 2024. https://www.varke.fi/fi/document/asunnottomat-2024.")
    assert w.url == "https://www.varke.fi/fi/document/asunnottomat-2024"
    assert w.doi is None


def test_thesis_and_report_types():
    t = parse_reference("Lee, K. (2015). Governing the city-region (Doctoral dissertation). University of Manchester.")
    assert t.type == "thesis"
    rep = parse_reference("OECD (2015) The Metropolitan Century: Understanding Urbanisation and its Consequences. OECD Publishing, Paris.")
    assert rep.authors and rep.authors[0].organisation


def test_no_year_warns():
    r = parse_reference("Smith, J. The city without a date. London: Verso.")
    assert r.year is None and "no year found" in r.warnings


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\x00\x01\x02\x03", "%%%% 1234 ####", "a" * 5000, "ÿþ\ufffd\ufffd" * 50, "(((((", "2004", "ﬁ ﬂ ﬀ ‐‑‒–—", "Ω≈ç√∫ 2019 😀 Smith"],
)
def test_garbage_never_raises(raw):
    r = parse_reference(raw, 3, 7)
    assert isinstance(r, Reference)
    assert r.index == 3 and r.page == 7 and r.raw == raw


def test_garbage_warns():
    assert parse_reference("%%%% ####").warnings
    long = parse_reference("Smith, J. (2001) " + "word " * 1000)
    assert any("characters long" in w for w in long.warnings)


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="hybrid, rules or crf"):
        parse_reference("Smith, J. (2001) T.", method="magic")  # type: ignore[arg-type]


def test_model_ships_and_is_small():
    path = refparse_crf.model_path()
    assert path.exists(), "run benchmarks/train_refparser.py to build litmap/data/refparser.crfsuite"
    assert path.stat().st_size < 5_000_000
    assert refparse_crf.model_available()


def test_model_is_loaded_once_for_many_references():
    # Speed is measured in benchmarks/; here: the tagger is opened once.
    raw = "Adkins, L., Cooper, M. & Konings, M. (2021) Class in the 21st century, Environment and Planning A, 53, pp. 548–572."
    parse_reference(raw)
    before = refparse_crf._load.cache_info().misses
    refs = [parse_reference(raw, i) for i in range(50)]
    assert refparse_crf._load.cache_info().misses == before
    assert {r.title for r in refs} == {refs[0].title}


def test_names_helpers():
    assert normalise_surname("De Landa") == "delanda"
    assert normalise_surname("van der Meer") == "vandermeer"
    assert normalise_surname("Yrjänä") == "yrjana"
    assert normalise_surname("Rodríguez-Pose") == "rodriguezpose"
    assert initials_of("Neil") == "N"
    assert initials_of("J.-P.") == "JP"
    assert initials_of("Jean-Pierre") == "JP"
    assert initials_of("AEG") == "AEG"
    assert initials_of(None) == ""
    assert normalise_doi("https://doi.org/10.1177/0042098019897008.") == "10.1177/0042098019897008"
    assert normalise_doi("doi:10.1016/S0264-2751(02)00003-8)") == "10.1016/s0264-2751(02)00003-8"
    assert normalise_doi("no doi here") is None
    assert normalise_title("The  Asset-Economy: Conceptualizing…") == "the asset economy conceptualizing"


def test_slash_separated_and_organisation_authors():
    r = parse_reference("Lippold, S./Lohr, K./Neudel, J. (1992): Anpassung oder Modifikation industrieller Beziehungen. Berlin: KSPW.")
    assert fam(r) == ["Lippold", "Lohr", "Neudel"]
    h = parse_reference("Human Rights Watch (2010), A Media Minefield: Increased Threats to Freedom of Expression in Uganda, New York.")
    assert fam(h) == ["Human Rights Watch"] and h.authors[0].organisation


def test_numbered_vancouver_surname_not_swallowed_by_number():
    r = parse_reference("2. Prado ML, Reibnitz KS. Salud y globalización: retos futuros. Investigación Educ Enferm. 2004;22(2):112-9.")
    assert fam(r) == ["Prado", "Reibnitz"]


def test_without_model_falls_back_to_rules(monkeypatch):
    monkeypatch.setattr(refparse_crf, "_tagger", lambda: None)
    raw = "Brenner N (2004) New state spaces. Oxford University Press, Oxford"
    r = parse_reference(raw)
    assert fam(r) == ["Brenner"] and r.title == "New state spaces"
    c = parse_reference(raw, method="crf")
    assert any("CRF model not available" in w for w in c.warnings)


# --- field accuracy work: styles and post-processing ---------------------------

STYLE_CASES = [
    # (style, raw, expected fields)
    (
        "Wiley/SAGE article",
        "Brenner, N. (1999) Globalisation as reterritorialisation: the re-scaling of urban governance in the "
        "European Union. Urban Studies 36(3): 431–451.",
        dict(family=["Brenner"], year=1999, container="Urban Studies", volume="36", issue="3", pages="431–451"),
    ),
    (
        "Springer article (abbreviated journal)",
        "Keil R (2011) The global city comes home: internalised globalisation in Frankfurt Rhine-Main. Urban Stud 48(8):1555–1573",
        dict(family=["Keil"], year=2011, container="Urban Stud", volume="48", issue="8", pages="1555–1573"),
    ),
    (
        "Elsevier numeric",
        "[12] N. Brenner, Metropolitan institutional reform and the rescaling of state space in contemporary "
        "Western Europe, Eur. Urban Reg. Stud. 10 (2003) 297–324.",
        dict(family=["Brenner"], year=2003, volume="10", pages="297–324",
             title="Metropolitan institutional reform and the rescaling of state space in contemporary Western Europe"),
    ),
    (
        "Elsevier Harvard book, publisher before place",
        "Jessop, B., 2002. The Future of the Capitalist State. Polity, Cambridge.",
        dict(family=["Jessop"], year=2002, title="The Future of the Capitalist State", publisher="Polity", place="Cambridge"),
    ),
    (
        "T&F/Harvard article with quoted title",
        "MacLeod, G. and Goodwin, M. (1999) ‘Space, scale and state strategy: rethinking urban and regional "
        "governance’, Progress in Human Geography, 23(4), pp. 503–527.",
        dict(family=["MacLeod", "Goodwin"], year=1999, container="Progress in Human Geography",
             title="Space, scale and state strategy: rethinking urban and regional governance", volume="23", pages="503–527"),
    ),
    (
        "Chicago author-date, curly quotes",
        "Harvey, David. 1989. “From Managerialism to Entrepreneurialism: The Transformation in Urban Governance in "
        "Late Capitalism.” Geografiska Annaler: Series B, Human Geography 71 (1): 3–17.",
        dict(family=["Harvey"], year=1989, volume="71", issue="1", pages="3–17",
             title="From Managerialism to Entrepreneurialism: The Transformation in Urban Governance in Late Capitalism"),
    ),
    (
        "APA chapter",
        "Swyngedouw, E. (1997). Neither global nor local: ‘glocalization’ and the politics of scale. In K. R. Cox "
        "(Ed.), Spaces of globalization: Reasserting the power of the local (pp. 137–166). New York: Guilford Press.",
        dict(family=["Swyngedouw"], year=1997, editors=["Cox"], pages="137–166", publisher="Guilford Press", place="New York",
             container="Spaces of globalization: Reasserting the power of the local"),
    ),
    (
        "German chapter, In: … (Hrsg.): Book. Place: Publisher",
        "Tömmel, Ingeborg (2006): Die Reform der Strukturpolitik der EU – Eine Reform europäischer Governance? In: "
        "Kleinfeld, Ralf; Plamper, Harald; Huber, Andreas (Hrsg.): Regional Governance. Göttingen: V&R unipress, S. 183 - 200.",
        dict(family=["Tömmel"], year=2006, editors=["Kleinfeld", "Plamper", "Huber"], container="Regional Governance",
             place="Göttingen", publisher="V&R unipress", pages="183–200"),
    ),
    (
        "social-science comma style: SURNAME Given, year, Title, Place, Publisher",
        "APPELBAUM Eileen, BATT Rosemary, 1994, The New American Workplace, Ithaca, Cornell University Press.",
        dict(family=["APPELBAUM", "BATT"], year=1994, title="The New American Workplace", place="Ithaca",
             publisher="Cornell University Press"),
    ),
    (
        "numeric Vancouver",
        "3. Harrison J, Growe A. When regions collide: in what sense a new ‘regional problem’? Environ Plan A. 2014;46(10):2332-52.",
        dict(family=["Harrison", "Growe"], year=2014, volume="46", issue="10", pages="2332–52"),
    ),
]


@pytest.mark.parametrize("style,raw,expected", STYLE_CASES, ids=[c[0] for c in STYLE_CASES])
def test_styles_fields(style, raw, expected):
    r = parse_reference(raw)
    for key, want in expected.items():
        got = fam(r) if key == "family" else [e.family for e in r.editors] if key == "editors" else getattr(r, key)
        assert got == want, f"{style}: {key} = {got!r}, expected {want!r}"


def test_suspended_hyphen_kept_line_break_hyphen_joined():
    r = parse_reference(
        "Dorsch-Schweitzer, M. and Schulten, T. (2001): Betriebs- und Personalräte zwischen Belegschaft, "
        "Arbeitgeber und Gewerkschaft. WSI-Mitteilungen, 2: 113 - 23."
    )
    assert r.title == "Betriebs- und Personalräte zwischen Belegschaft, Arbeitgeber und Gewerkschaft"
    assert r.container == "WSI-Mitteilungen"
    j = parse_reference("Smith, J. (2001). The regio- nal state. Antipode, 3(1), 1–9.")
    assert j.title == "The regional state"


def test_bracketed_translation_not_in_title():
    r = parse_reference("City of Helsinki. (2013). Helsingin yleiskaava: Visio 2050. [Master Plan: Vision 2050].")
    assert r.title == "Helsingin yleiskaava: Visio 2050"
    # The organisation is the author, not split into a publisher and a surname.
    assert fam(r) == ["City of Helsinki"] and r.publisher is None


def test_is_place_and_split_place():
    from litmap.parse.refparse_fields import is_place, split_place

    for place in ("Wien", "London and New York", "Walnut Creek, CA", "Frankfurt/M.", "Frankfurt am Main", "New York"):
        assert is_place(place), place
    for other in ("Campus", "Routledge", "Oxford University Press", "", None, "Oxford: Blackwell"):
        assert not is_place(other), other
    assert split_place({"publisher": "Polity, Cambridge"}) == {"publisher": "Polity", "place": "Cambridge"}
    assert split_place({"publisher": "Oxford: Blackwell"}) == {"publisher": "Blackwell", "place": "Oxford"}
    assert split_place({"publisher": "München"}) == {"publisher": None, "place": "München"}
    book = split_place({"container": "Regional Governance. Göttingen: V&R unipress"})
    assert (book["container"], book["place"], book["publisher"]) == ("Regional Governance", "Göttingen", "V&R unipress")
    # A journal with a volume keeps its name; an unknown place is not split off.
    assert split_place({"container": "Cities. Amsterdam: Elsevier", "volume": "3"})["container"] == "Cities. Amsterdam: Elsevier"
    assert split_place({"publisher": "Sage, Thousand"}) == {"publisher": "Sage, Thousand"}


def test_features_mark_segments_quotes_and_in():
    toks = refparse_crf.tokenise("Smith, J. (2001) ‘A title’, in Jones, K. (ed.) Book, London, Verso, 1-9.")
    feats = refparse_crf.features(toks)
    words = [t for t, _, _ in toks]
    book = words.index("Book")
    assert feats[book]["after_in"] and feats[book]["after_eds"] and feats[book]["quoted"]
    assert not feats[words.index("title")]["quoted"] and feats[words.index("title")]["quote"]
    assert feats[words.index("Verso")]["segs_left"] == 1  # "Verso, 1-9."
    assert feats[words.index("London")]["next_num"] == "4-6"
    assert not feats[words.index("Smith")]["after_in"]


def test_use_model_switches_and_resets(tmp_path):
    try:
        refparse_crf.use_model(tmp_path / "missing.crfsuite")
        assert not refparse_crf.model_available()
        r = parse_reference("Brenner N (2004) New state spaces. Oxford University Press, Oxford", method="crf")
        assert any("CRF model not available" in w for w in r.warnings)
    finally:
        refparse_crf.use_model(None)
    assert refparse_crf.model_available()


def test_accent_split_from_capital_is_rejoined():
    r = parse_reference("Jensen, L., & L üthje, T. (2008). Country specific effects. Global Business and Finance Review, 13(1), 35–46.")
    assert fam(r) == ["Jensen", "Lüthje"]


def test_editors_and_pages_cut_from_book_title():
    from litmap.parse.refparse_fields import clean_fields

    assert clean_fields({"container": "in Dominique Reynié and Bruno Cautrès (eds) L’opinion publique 2001"})["container"] == "L’opinion publique 2001"
    assert clean_fields({"container": "Making Time: Time and Management, pp.155-67"})["container"] == "Making Time: Time and Management"
    assert clean_fields({"container": "Journal of Ed. Research"})["container"] == "Journal of Ed. Research"


# --- round 2: general rules found in the error analysis ----------------------


def test_chicago_author_list_given_first_after_the_first():
    r = parse_reference(
        "Gimeno-Santos, Elena, Yogini Raste, Zafeiris Louvaris, Corina de Jong, Roberto A. Rabinovich, "
        "Nicholas S. Hopkinson, et al. 2015. “The PROactive Instruments.” European Respiratory Journal 46 (4): 988–1000."
    )
    assert fam(r) == ["Gimeno-Santos", "Raste", "Louvaris", "de Jong", "Rabinovich", "Hopkinson"]
    assert r.authors[3].given == "Corina" and r.et_al
    r = parse_reference(
        "Chang, Winston, Joe Cheng, JJ Allaire, Yihui Xie, and Jonathan McPherson. 2020. Shiny: Web Application "
        "Framework for R. https://CRAN.R-project.org/package=shiny."
    )
    assert fam(r) == ["Chang", "Cheng", "Allaire", "Xie", "McPherson"]
    assert r.authors[2].given == "JJ"


def test_inverted_lists_keep_their_pairs():
    from litmap.parse.refparse_authors import parse_authors

    authors, _ = parse_authors("Hansen, Holger Bernt")
    assert [(a.family, a.given) for a in authors] == [("Hansen", "Holger Bernt")]
    authors, _ = parse_authors("Brenner, Neil, Jessop, Bob, Jones, Martin and MacLeod, Gordon")
    assert [a.family for a in authors] == ["Brenner", "Jessop", "Jones", "MacLeod"]
    authors, _ = parse_authors("Christine Delisle Nyström, Jose Mora-Gonzalez")
    assert not any(a.organisation for a in authors)


def test_organisation_inside_a_list_of_persons():
    r = parse_reference("Ribatet, M., R. Singleton, and R Core team. 2022. SpatialExtremes: Modelling Spatial Extremes. Version 2.1-0. https://CRAN.R-project.org/package=SpatialExtremes.")
    assert fam(r) == ["Ribatet", "Singleton", "R Core team"]
    assert r.authors[2].organisation and not r.authors[0].organisation
    r = parse_reference("R Core Team. 2022. R: A Language and Environment for Statistical Computing. Vienna, Austria: R Foundation for Statistical Computing.")
    assert r.authors[0].family == "R Core Team" and r.authors[0].organisation


@pytest.mark.parametrize(
    "raw,title",
    [
        ("Hammad, Grégory, and Mathilde Reyt. 2020. pyActigraphy (version 1.0). https://github.com/ghammad/pyActigraphy.", "pyActigraphy"),
        ("Wood, S. N. 2023. mgcv: Mixed GAM Computation Vehicle. Version 1.9-1. https://CRAN.R-project.org/package=mgcv.", "mgcv: Mixed GAM Computation Vehicle"),
        ("Wickham, H. (2016). ggplot2: Elegant graphics for data analysis (Version 3.3.0) [Computer software]. Springer.", "ggplot2: Elegant graphics for data analysis"),
    ],
)
def test_software_version_is_no_title_or_journal(raw, title):
    r = parse_reference(raw)
    assert r.title == title
    assert r.container is None and r.volume is None and r.pages is None


def test_haskell_version_in_a_title_is_kept():
    r = parse_reference("Hudak, P. (1992). Report on the Programming Language Haskell, version 1.2. ACM SIGPLAN Notices, 27(5), 1–164.")
    assert "version 1.2" in r.title


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("4. Bevis P, Earnshaw J. Venous ulcer review. Clinical, Cosmetic and Investigational Dermatology. 2011;4:7–14.", (2011, "4", None, "7–14")),
        ("Heit JA, Rooke TW. Trends in venous ulcer. J Vasc Surg [Internet]. 2001 [cited 2012 Sept 3];33(5):1022-7.", (2001, "33", "5", "1022–7")),
        ("Borer ET, Harpole WS. Finding generality in ecology. Methods Ecol Evol. 2014; 5:65-73.", (2014, "5", None, "65–73")),
    ],
)
def test_vancouver_date_volume_issue_pages(raw, expected):
    r = parse_reference(raw)
    assert (r.year, r.volume, r.issue, r.pages) == expected


def test_series_year_before_the_publication_year():
    r = parse_reference("D. Sexty, PoS LATTICE 2014 (2015) 039 [arXiv:1410.8813 [hep-lat]].")
    assert r.year == 2015
    # a bracketed year long after a title year is not a series year
    r = parse_reference("Lefebvre, H. (1991). The Production of Space 1974 (1991). Oxford: Blackwell.")
    assert r.year == 1991


@pytest.mark.parametrize(
    "raw,volume,issue",
    [
        ("Omona, Julius (2013), Problems of Credibility of NGOs in Uganda, in: Voluntas, 24, 2, 311-334.", "24", "2"),
        ("Brannen, J. (2006) Cultures of intergenerational transmission, in: Sociological Review 54:1, 133-155.", "54", "1"),
        ("Shi, L.; Li, D.; Yu, C. Measuring thermal properties. Journal of Applied Physics 2004, 95, (2), 649-655.", "95", "2"),
        ("Hix, S. (1994) The study of the European Community, in: Journal of Common Market Studies Vol. 32 No. 3, pp. 343–68", "32", "3"),
        ("Weiss, G. (1998): Twenty years. American Literature 20, no. 3 (November 1948): 305–312.", "20", "3"),
    ],
)
def test_issue_after_volume(raw, volume, issue):
    r = parse_reference(raw)
    assert (r.volume, r.issue) == (volume, issue)


def test_bracketed_year_after_volume_is_no_issue():
    r = parse_reference("T. Sterling, J. Greensite, Nucl. Phys. B 220 (1983) 327.")
    assert r.issue is None and r.year == 1983


def test_place_and_publisher_after_commas():
    r = parse_reference("SANDBERG Åke, 1995, Enriching Production, Perspectives on Volvo’s Uddevalla Plant, Aldershot, Avebury.")
    assert (r.place, r.publisher) == ("Aldershot", "Avebury")
    r = parse_reference("R Core Team, R: A Language and Environment for Statistical Computing, R Foundation for Statistical Computing, Vienna, Austria (2017).")
    assert r.publisher != "Austria"


def test_chapter_pages_cut_from_publisher():
    from litmap.parse.refparse_fields import split_place

    out = split_place({"publisher": "Klett-Cotta, S. 123-159", "place": "Stuttgart", "pages": None})
    assert (out["publisher"], out["pages"]) == ("Klett-Cotta", "123–159")
    assert split_place({"publisher": "Penguin (paperback edition)", "place": "London"})["publisher"] == "Penguin"


def test_cjk_entries_are_parsed():
    r = parse_reference("長塚 隆 (2020). 新型コロナウイルス感染症の拡大と図書館. 日本農学図書館協議会誌, 199, 8-14.")
    assert r.year == 2020
    assert not any(w == "no text to parse" for w in r.warnings)


def test_section_letter_and_volume_run_into_the_journal():
    r = parse_reference("S. Corley and T. Jacobson, Phys. Rev. D59, 124011 (1999).")
    assert (r.container, r.volume, r.year) == ("Phys. Rev. D", "59", 1999)
    r = parse_reference("A. LECAS, J. LEVISALLES et E. ROSE. Can. J. Chem. 62, 2059 (1984).")
    assert r.volume == "62" and "62" not in (r.container or "")
    from litmap.parse.refparse_post import _volume_in_journal_name

    text = "J. Chem. Soc. Perkin Trans. 1, 189 (1983)"
    assert _volume_in_journal_name(text, {"container": "J. Chem. Soc. Perkin Trans. 1", "pages": "189"}).get("volume") is None
    assert _volume_in_journal_name("Optica1, 45 (2014)", {"container": "Optica1", "pages": "45"})["volume"] == "1"
    chapter = "In Proceedings of CogSci08, pp. 1-6"
    assert _volume_in_journal_name(chapter, {"container": "Proceedings of CogSci08", "pages": "1–6"}).get("volume") is None


def test_record_identifiers_are_not_pages():
    r = parse_reference(
        "Sohn MH, Ting LH. Suboptimal Muscle Synergy Activation Patterns. Frontiers in computational neuroscience. "
        "2016; 10:7. doi:10.3389/fncom.2016.00007. PubMed PMID:26869914; PubMed Central PMCID:PMC4740401."
    )
    assert (r.year, r.volume, r.pages, r.publisher) == (2016, "10", "7", None)
    # an ISBN inside a URL stays in the URL
    r = parse_reference("Kortteinen, M. (2022). Alueellinen sekoittaminen. Sosiaalitieteiden laitoksen julkaisuja. https://urn.fi/URN:ISBN:978-951-29-8855-6")
    assert r.url.endswith("978-951-29-8855-6")


def test_page_range_completed_from_the_text():
    r = parse_reference("A. Marshak, A. Davis, Bounded cascade models as nonstationary multifractals ,Phys .Rev .E 49 ( 1994)55 -69.")
    assert r.pages == "55–69"


def test_online_marker_ends_the_title():
    r = parse_reference("Petric, L., 2003. Constraints and possibilities of rural tourism [online]. Paper presented at the 43rd ERSA Congress, Jyväskylä. Available from: [http://www.ersa.org].")
    assert r.title == "Constraints and possibilities of rural tourism"


def test_space_lost_after_a_sentence_end_is_restored():
    from litmap.parse.refparse_rules import clean_text

    assert clean_text("Silicon-chip-based optical oscilloscope.Nature 456 ,81") == "Silicon-chip-based optical oscilloscope. Nature 456 ,81"
    assert clean_text("Complex networks in climate dynamics,The European Physical Journal") == "Complex networks in climate dynamics, The European Physical Journal"
    # URLs, domain names and initials stay as printed
    assert clean_text("see www.Example.com and Europub.Com, J.Smith") == "see www.Example.com and Europub.Com, J.Smith"


def test_journal_without_author_or_title():
    r = parse_reference("Nucl.Phys .B 897 ( 2015)39 [ arXiv:1503.05232[ hep-lat]];")
    assert r.authors == () and r.year == 2015 and r.volume == "897"
    r = parse_reference("Journal of Biotechnology 121 (2006) 291–298")
    assert r.authors == () and (r.volume, r.pages) == ("121", "291–298")


def test_particle_after_the_given_name():
    from litmap.parse.refparse_authors import parse_authors

    authors, _ = parse_authors("Tocqueville, Alexis de")
    assert [(a.family, a.given) for a in authors] == [("Tocqueville", "Alexis de")]
    authors, _ = parse_authors("Adorno, Theodor W.; Levinson, Maria Hertz & Morrow, William")
    assert [a.family for a in authors] == ["Adorno", "Levinson", "Morrow"]


def test_year_after_volume_is_not_a_page():
    r = parse_reference("M. Gales, “Maximum likelihood linear transformations,” Computer speech and language, Vol. 12, No. 2, 1998.")
    assert (r.volume, r.issue, r.pages, r.year) == ("12", "2", None, 1998)
    r = parse_reference("Smith, J. (1994). A title. Journal of Things, 12, pp. 1998.")
    assert r.pages == "1998"  # printed as a page


def test_acs_year_volume_pages():
    r = parse_reference("(36) Alfieri, K. N.; Londergan, C. H. “Using infrared spectroscopy of cyanylated cysteine.” Biochemistry 2011, 50, 11097–11108.")
    assert (r.year, r.volume, r.issue, r.pages) == (2011, "50", None, "11097–11108")


def test_season_is_an_issue_but_a_month_is_a_date():
    r = parse_reference("Van Allen, J. (2000). Bad Future Things. Radical History Review 76 (Winter): 136-168.")
    assert r.issue == "Winter"
    r = parse_reference("Diamond, P., 1969. “On the economics of tourism”. Eastern Africa Economic Review, 1 (December), 53-62.")
    assert r.issue is None and r.volume == "1"


def test_place_read_into_a_book_title_or_a_title_read_as_place_and_publisher():
    r = parse_reference("Kropf, K. (2017). The Handbook of Urban Morphology. Chichester: John Wiley & Sons. doi:10.1002/9781118747711")
    assert (r.title, r.place, r.publisher) == ("The Handbook of Urban Morphology", "Chichester", "John Wiley & Sons")
    r = parse_reference("Chang, Winston, and Joe Cheng. 2020. Shiny: Web Application Framework for R. https://CRAN.R-project.org/package=shiny.")
    assert r.title == "Shiny: Web Application Framework for R" and r.place is None and r.publisher is None
    r = parse_reference("Morrison, Tony. Beloved. New York: Random House, 1987.")
    assert (r.title, r.place, r.publisher) == ("Beloved", "New York", "Random House")


def test_publisher_notes_and_dates_are_dropped():
    from litmap.parse.refparse_fields import split_place

    assert split_place({"publisher": "Hans-Böckler-Stiftung (Graue Reihe)", "place": "Düsseldorf"})["publisher"] == "Hans-Böckler-Stiftung"
    assert split_place({"publisher": "June", "place": "Berlin"})["publisher"] is None


def test_question_title_does_not_run_into_the_journal():
    from litmap.parse.refparse_post import _question_title

    text = "Keil, R. (2011) Why do city-regions grow? Urban Studies 12, 1-20."
    out = _question_title(text, {"title": "Why do city-regions grow? Urban Studies", "container": None, "volume": "12"})
    assert (out["title"], out["container"]) == ("Why do city-regions grow?", "Urban Studies")
    # A parenthesised place after the journal is not the journal.
    text = "Jonas, A. (2003): Rescaling or Rebordering? Geographica (Bern) 41 (2), 1-22."
    out = _question_title(text, {"title": "Rescaling or Rebordering? Geographica (", "container": "Bern", "volume": "41"})
    assert (out["title"], out["container"]) == ("Rescaling or Rebordering?", "Geographica")
    # A real subtitle followed by a journal the CRF found is left alone.
    text = "Ward, K. (2010) Why regions? Notes on a debate. Regional Studies 44, 1-9."
    values = {"title": "Why regions? Notes on a debate", "container": "Regional Studies", "volume": "44"}
    assert _question_title(text, values) == values
    # Without a volume nothing says the words after the "?" are a journal.
    values = {"title": "Why regions? Notes", "container": None, "volume": None}
    assert _question_title("Ward, K. (2010) Why regions? Notes. London: Verso.", values) == values


def test_subtitle_after_a_question_is_not_the_journal():
    r = parse_reference(
        "Brenner, N. (2004): Rescaling the State? Urban Governance and New State Spaces in Western Europe. "
        "European Journal of Spatial Development, 7 (2): 153 - 74."
    )
    assert r.title == "Rescaling the State? Urban Governance and New State Spaces in Western Europe"
    assert r.container == "European Journal of Spatial Development" and r.volume == "7"
    from litmap.parse.refparse_post import _question_title

    text = "Peck, J. (2001): Workfare States? Labour Regimes of the 70. Parallel. Antipode, 33 (2): 1-9."
    values = {"title": "Workfare States?", "container": "Labour Regimes of the 70. Parallel. Antipode", "volume": "33"}
    out = _question_title(text, values)
    assert (out["title"], out["container"]) == ("Workfare States? Labour Regimes of the 70. Parallel", "Antipode")
    # An abbreviated journal ("J. Urban Aff.") is not cut as a sentence.
    values = {"title": "Whose city?", "container": "J. Urban Aff.", "volume": "3"}
    assert _question_title("Harvey, D. (1990) Whose city? J. Urban Aff. 3, 1-9.", values) == values


def test_editors_printed_without_eds_after_in():
    r = parse_reference("Jessop, Bob (1998), The Narrative of Enterprise and the Enterprise of Narrative, in: MacLeod / Goodwin, pp. 69–74")
    assert [a.family for a in r.editors] == ["MacLeod", "Goodwin"]
    assert r.publisher is None and r.container is None and r.type == "chapter"
    from litmap.parse.refparse_post import _in_names

    text = "Paasi, Anssi (1998), Regionen im Wandel, in: W. Hummer, Die Regionen Europas, Manzsche Verlagsbuchhandlung, pp. 141–157"
    out = _in_names(text, {"publisher": "W. Hummer", "container": "Die Regionen Europas, Manzsche Verlagsbuchhandlung", "volume": None})
    assert [(a.family, a.given) for a in out["editors"]] == [("Hummer", "W.")]
    assert (out["container"], out["publisher"]) == ("Die Regionen Europas", "Manzsche Verlagsbuchhandlung")
    # A journal after "in:" (no names read as publisher) is left alone.
    values = {"publisher": None, "container": "Urban Studies", "volume": None, "editors": ()}
    assert _in_names("Smith, J. (2001) Title, in: Urban Studies, pp. 1-9", values) == values


def test_page_range_with_a_lost_or_figure_dash():
    r = parse_reference("Storper, M. (1997). Regional worlds of production. Regional Studies, 31:187 208.")
    assert (r.volume, r.pages) == ("31", "187–208")
    r = parse_reference("Scott, A. (2001). Global city-regions. In Scott, A., editor, Global City-Regions, pages 11 30. Oxford University Press.")
    assert r.pages == "11–30"
    r = parse_reference("Paasi, A. (2009): Regions and regional dynamics. In: Regional Studies 43(1), pp. 121‒146.")
    assert (r.volume, r.issue, r.pages) == ("43", "1", "121–146")
    # Two numbers that are no range (a volume then a year) stay apart.
    r = parse_reference("Harvey, D. (1989). From managerialism to entrepreneurialism. Geografiska Annaler B, 71:3 1989.")
    assert r.pages != "3–1989"


def test_ampersand_that_lost_its_space_still_separates_authors():
    ref = parse_reference("Gualini, E., &Majoor, S. (2007). Innovative practices in large urban projects. Planning Theory and Practice, 8(3), 297–318.")
    assert fam(ref) == ["Gualini", "Majoor"]
    from litmap.parse.refparse_authors import parse_authors

    assert [a.family for a in parse_authors("AT&T Research Labs")[0]] == ["AT&T Research Labs"]


def test_dutch_t_particle_belongs_to_the_family_name():
    from litmap.parse.refparse_authors import parse_authors

    editors, _ = parse_authors("M. Hajer, S. van ’t Klooster, & J. Grijzen")
    assert [a.family for a in editors] == ["Hajer", "van ’t Klooster", "Grijzen"]


def test_hyphenated_initials_set_apart_stay_one_name():
    ref = parse_reference("Lam, N. S. -N. (1983). Spatial interpolation methods: A review. "
                          "Cartography and Geographic Information Science, 10(2), 129–150.")
    assert [(a.family, a.given) for a in ref.authors] == [("Lam", "N. S.-N.")]
