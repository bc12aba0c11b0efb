"""Reference strings → fields: every style and feature the field prints,
through the default (hybrid) parser and the rules alone.

Most examples are table rows (``case(id, raw, **fields)``, tests/refcheck.py):
the string and the fields it must give; a failure names the row and every
wrong field."""

from __future__ import annotations

import pytest
from refcheck import (
    TRUTHY,
    case,
    check_fields,
    contains,
    endswith,
    includes,
    lacks,
    lacks_text,
    of_length,
    other_than,
    startswith,
)

from litmap.models import Reference
from litmap.parse.references import crf as refparse_crf
from litmap.parse.references.record import RefFields
from litmap.parse.names import initials_of, normalise_doi, normalise_surname, normalise_title
from litmap.parse.references.parser import parse_reference


def fam(ref: Reference) -> list[str]:
    return [a.family for a in ref.authors]


METHODS = ["hybrid", "rules"]

# --- the common styles, through both parsers -------------------------------------

BOTH_METHODS = [
    case("apa-article-with-doi",
         "Arthurson, K., Levin, I., & Ziersch, A. (2015). What is the meaning of ‘social mix’? Shifting "
         "perspectives in planning and implementing public housing estate redevelopment. Australian "
         "Geographer, 46(4), 491–505. https://doi.org/10.1080/00049182.2015.1075270",
         family=["Arthurson", "Levin", "Ziersch"], given="K.", year=2015,
         title=startswith("What is the meaning of ‘social mix’? Shifting perspectives"),
         container="Australian Geographer", volume="46", issue="4", pages="491–505",
         doi="10.1080/00049182.2015.1075270", type="article"),
    case("taylor-and-francis-article",
         "Adkins, L., Cooper, M. & Konings, M. (2021) Class in the 21st century: Asset inflation and the new "
         "logic of inequality, Environment and Planning A: Economy and Space, 53, pp. 548–572.",
         family=["Adkins", "Cooper", "Konings"], year=2021,
         title="Class in the 21st century: Asset inflation and the new logic of inequality",
         container="Environment and Planning A: Economy and Space", volume="53", pages="548–572"),
    case("taylor-and-francis-book-with-bracketed-publisher",
         "Adkins, L., Cooper, M. & Konings, M. (2020) The Asset Economy (Medford: Polity).",
         title="The Asset Economy", publisher="Polity", type="book"),
    case("springer-sage-book-without-punctuation",
         "Brenner N (2004) New state spaces. Oxford University Press, Oxford",
         family=["Brenner"], initials="N", year=2004, title="New state spaces", publisher="Oxford University Press",
         type="book"),
    case("sage-article",
         "Jonas AEG and Ward K (2007) Introduction to a debate on city-regions: New geographies of governance, "
         "democracy and social reproduction. International Journal of Urban and Regional Research 31(1): 169–178.",
         family=["Jonas", "Ward"], container="International Journal of Urban and Regional Research",
         volume="31", issue="1", pages="169–178"),
    case("apa-chapter-in-edited-book",
         "Jessop, B. (2002). Liberalism, neoliberalism, and urban governance: A state-theoretical perspective. "
         "In N. Brenner & N. Theodore (Eds.), Spaces of neoliberalism (pp. 105–125). Oxford: Blackwell.",
         family=["Jessop"], editors=["Brenner", "Theodore"], container="Spaces of neoliberalism", pages="105–125",
         publisher="Blackwell", type="chapter"),
    case("elsevier-harvard",
         "Brenner, N., 2004. New State Spaces: Urban Governance and the Rescaling of Statehood. "
         "Oxford University Press, Oxford.",
         family=["Brenner"], year=2004, title="New State Spaces: Urban Governance and the Rescaling of Statehood",
         publisher="Oxford University Press"),
    case("chicago-author-date",
         'Harvey, David. 1989. "From Managerialism to Entrepreneurialism: The Transformation in Urban '
         'Governance in Late Capitalism." Geografiska Annaler: Series B 71 (1): 3–17.',
         family=["Harvey"], year=1989, title=startswith("From Managerialism to Entrepreneurialism"),
         volume="71", issue="1", pages="3–17"),
    case("numeric-vancouver",
         "[12] Smith J, Jones K. Urban regions and the state. Urban Stud. 2004;41(3):233-244.",
         family=["Smith", "Jones"], year=2004, title="Urban regions and the state", volume="41", issue="3",
         pages="233–244"),
    case("organisation-author",
         "World Bank (2009) World Development Report 2009: Reshaping Economic Geography. Washington, DC: World Bank.",
         family=["World Bank"], organisation=True, year=2009),
    case("particles-kept-in-family-name",
         "van der Meer, J. & De Landa, M. (2006). A new philosophy of society. London: Continuum.",
         family=["van der Meer", "De Landa"], family_keys=["vandermeer", "delanda"]),
    case("year-suffix",
         "Brenner, N. (2004a). Urban governance and the production of new state spaces in western Europe. "
         "Review of International Political Economy, 11(3), 447–488.",
         year=2004, year_suffix="a"),
    case("no-date",
         "DeLanda, M. (n.d.). Assemblage theory. Edinburgh University Press.",
         year=None, year_note="n.d.", warnings=lacks("no year found")),
    case("in-press",
         "Smith, N. (in press). Gentrification and the rent gap. Antipode.",
         year=None, year_note="in press"),
    case("forthcoming",
         "Peck, J. (forthcoming). Variegated capitalism. Oxford: Oxford University Press.",
         year_note="forthcoming"),
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("raw, expected", BOTH_METHODS)
def test_common_styles(raw, expected, method):
    check_fields(parse_reference(raw, method=method), expected)


# --- authors, years, titles, journals and imprints (default parser) ----------------

AUTHOR_CASES = [
    case("un-habitat-is-an-organisation", "UN-Habitat (2016) World Cities Report 2016. Nairobi: UN-Habitat.",
         authors=of_length(1), organisation=True),
    case("ministry-is-an-organisation", "Ministry of the Environment (2019) Housing policy programme. Helsinki.",
         authors=of_length(1), organisation=True),
    case("et-al", "Smith, J. et al. (2010) Cities in crisis. Urban Studies 47(1): 1–20.",
         et_al=True, family=["Smith"]),
    case("slash-separated-authors",
         "Lippold, S./Lohr, K./Neudel, J. (1992): Anpassung oder Modifikation industrieller Beziehungen. Berlin: KSPW.",
         family=["Lippold", "Lohr", "Neudel"]),
    case("organisation-then-comma-year",
         "Human Rights Watch (2010), A Media Minefield: Increased Threats to Freedom of Expression in Uganda, New York.",
         family=["Human Rights Watch"], organisation=True),
    case("numbered-vancouver-surname-not-swallowed-by-number",
         "2. Prado ML, Reibnitz KS. Salud y globalización: retos futuros. Investigación Educ Enferm. 2004;22(2):112-9.",
         family=["Prado", "Reibnitz"]),
    case("accent-split-from-capital-is-rejoined",
         "Jensen, L., & L üthje, T. (2008). Country specific effects. Global Business and Finance Review, 13(1), 35–46.",
         family=["Jensen", "Lüthje"]),
    case("ampersand-that-lost-its-space-still-separates-authors",
         "Gualini, E., &Majoor, S. (2007). Innovative practices in large urban projects. Planning Theory and "
         "Practice, 8(3), 297–318.",
         family=["Gualini", "Majoor"]),
    case("hyphenated-initials-set-apart-stay-one-name",
         "Lam, N. S. -N. (1983). Spatial interpolation methods: A review. "
         "Cartography and Geographic Information Science, 10(2), 129–150.",
         names=[("Lam", "N. S.-N.")]),
]

YEAR_CASES = [
    case("no-year-warns", "Smith, J. The city without a date. London: Verso.",
         year=None, warnings=includes("no year found")),
    case("series-year-before-the-publication-year", "D. Sexty, PoS LATTICE 2014 (2015) 039 [arXiv:1410.8813 [hep-lat]].",
         year=2015),
    # a bracketed year long after a title year is not a series year
    case("bracketed-year-long-after-a-title-year",
         "Lefebvre, H. (1991). The Production of Space 1974 (1991). Oxford: Blackwell.",
         year=1991),
    case("cjk-entry-is-parsed", "長塚 隆 (2020). 新型コロナウイルス感染症の拡大と図書館. 日本農学図書館協議会誌, 199, 8-14.",
         year=2020, warnings=lacks("no text to parse")),
]

TITLE_CASES = [
    case("suspended-hyphen-kept",
         "Dorsch-Schweitzer, M. and Schulten, T. (2001): Betriebs- und Personalräte zwischen Belegschaft, "
         "Arbeitgeber und Gewerkschaft. WSI-Mitteilungen, 2: 113 - 23.",
         title="Betriebs- und Personalräte zwischen Belegschaft, Arbeitgeber und Gewerkschaft",
         container="WSI-Mitteilungen"),
    case("line-break-hyphen-joined", "Smith, J. (2001). The regio- nal state. Antipode, 3(1), 1–9.",
         title="The regional state"),
    # The organisation is the author, not split into a publisher and a surname.
    case("bracketed-translation-not-in-title",
         "City of Helsinki. (2013). Helsingin yleiskaava: Visio 2050. [Master Plan: Vision 2050].",
         title="Helsingin yleiskaava: Visio 2050", family=["City of Helsinki"], publisher=None),
    case("haskell-version-in-a-title-is-kept",
         "Hudak, P. (1992). Report on the Programming Language Haskell, version 1.2. ACM SIGPLAN Notices, 27(5), 1–164.",
         title=contains("version 1.2")),
    case("online-marker-ends-the-title",
         "Petric, L., 2003. Constraints and possibilities of rural tourism [online]. Paper presented at the 43rd "
         "ERSA Congress, Jyväskylä. Available from: [http://www.ersa.org].",
         title="Constraints and possibilities of rural tourism"),
    case("subtitle-after-a-question-is-not-the-journal",
         "Brenner, N. (2004): Rescaling the State? Urban Governance and New State Spaces in Western Europe. "
         "European Journal of Spatial Development, 7 (2): 153 - 74.",
         title="Rescaling the State? Urban Governance and New State Spaces in Western Europe",
         container="European Journal of Spatial Development", volume="7"),
    case("place-not-read-into-a-book-title",
         "Kropf, K. (2017). The Handbook of Urban Morphology. Chichester: John Wiley & Sons. doi:10.1002/9781118747711",
         title="The Handbook of Urban Morphology", place="Chichester", publisher="John Wiley & Sons"),
    case("software-title-not-read-as-place-and-publisher",
         "Chang, Winston, and Joe Cheng. 2020. Shiny: Web Application Framework for R. "
         "https://CRAN.R-project.org/package=shiny.",
         title="Shiny: Web Application Framework for R", place=None, publisher=None),
    case("short-title-then-place-and-publisher", "Morrison, Tony. Beloved. New York: Random House, 1987.",
         title="Beloved", place="New York", publisher="Random House"),
]

JOURNAL_CASES = [
    case("bracketed-year-after-volume-is-no-issue", "T. Sterling, J. Greensite, Nucl. Phys. B 220 (1983) 327.",
         issue=None, year=1983),
    case("section-letter-and-volume-run-into-the-journal", "S. Corley and T. Jacobson, Phys. Rev. D59, 124011 (1999).",
         container="Phys. Rev. D", volume="59", year=1999),
    case("volume-kept-out-of-the-journal", "A. LECAS, J. LEVISALLES et E. ROSE. Can. J. Chem. 62, 2059 (1984).",
         volume="62", container=lacks_text("62")),
    case("record-identifiers-are-not-pages",
         "Sohn MH, Ting LH. Suboptimal Muscle Synergy Activation Patterns. Frontiers in computational neuroscience. "
         "2016; 10:7. doi:10.3389/fncom.2016.00007. PubMed PMID:26869914; PubMed Central PMCID:PMC4740401.",
         year=2016, volume="10", pages="7", publisher=None),
    # an ISBN inside a URL stays in the URL
    case("isbn-inside-a-url-stays-in-the-url",
         "Kortteinen, M. (2022). Alueellinen sekoittaminen. Sosiaalitieteiden laitoksen julkaisuja. "
         "https://urn.fi/URN:ISBN:978-951-29-8855-6",
         url=endswith("978-951-29-8855-6")),
    case("page-range-completed-from-the-text",
         "A. Marshak, A. Davis, Bounded cascade models as nonstationary multifractals ,Phys .Rev .E 49 ( 1994)55 -69.",
         pages="55–69"),
    case("journal-without-author-or-title", "Nucl.Phys .B 897 ( 2015)39 [ arXiv:1503.05232[ hep-lat]];",
         authors=(), year=2015, volume="897"),
    case("journal-volume-pages-only", "Journal of Biotechnology 121 (2006) 291–298",
         authors=(), volume="121", pages="291–298"),
    case("year-after-volume-is-not-a-page",
         "M. Gales, “Maximum likelihood linear transformations,” Computer speech and language, Vol. 12, No. 2, 1998.",
         volume="12", issue="2", pages=None, year=1998),
    case("year-printed-as-a-page-stays-a-page", "Smith, J. (1994). A title. Journal of Things, 12, pp. 1998.",
         pages="1998"),
    case("acs-year-volume-pages",
         "(36) Alfieri, K. N.; Londergan, C. H. “Using infrared spectroscopy of cyanylated cysteine.” "
         "Biochemistry 2011, 50, 11097–11108.",
         year=2011, volume="50", issue=None, pages="11097–11108"),
    case("season-is-an-issue", "Van Allen, J. (2000). Bad Future Things. Radical History Review 76 (Winter): 136-168.",
         issue="Winter"),
    case("month-is-a-date",
         "Diamond, P., 1969. “On the economics of tourism”. Eastern Africa Economic Review, 1 (December), 53-62.",
         issue=None, volume="1"),
    case("page-range-with-a-lost-dash",
         "Storper, M. (1997). Regional worlds of production. Regional Studies, 31:187 208.",
         volume="31", pages="187–208"),
    case("page-range-with-a-lost-dash-after-pages",
         "Scott, A. (2001). Global city-regions. In Scott, A., editor, Global City-Regions, pages 11 30. "
         "Oxford University Press.",
         pages="11–30"),
    case("page-range-with-a-figure-dash",
         "Paasi, A. (2009): Regions and regional dynamics. In: Regional Studies 43(1), pp. 121‒146.",
         volume="43", issue="1", pages="121–146"),
    # Two numbers that are no range (a volume then a year) stay apart.
    case("volume-then-year-is-no-page-range",
         "Harvey, D. (1989). From managerialism to entrepreneurialism. Geografiska Annaler B, 71:3 1989.",
         pages=other_than("3–1989")),
]

IMPRINT_CASES = [
    case("harvard-with-place-publisher", "Jessop, B. (2002) The Future of the Capitalist State. Cambridge: Polity.",
         publisher="Polity", place="Cambridge", type="book"),
    case("doi-normalised",
         "Peck, J. (2005). Struggling with the creative class. IJURR, 29(4), 740–770. DOI: 10.1111/J.1468-2427.2005.00620.X.",
         doi="10.1111/j.1468-2427.2005.00620.x"),
    case("url-normalised-and-no-doi",
         "ARA. (2024). Asunnottomat 2024. https://www.varke.fi/fi/document/asunnottomat-2024.",
         url="https://www.varke.fi/fi/document/asunnottomat-2024", doi=None),
    case("thesis-type",
         "Lee, K. (2015). Governing the city-region (Doctoral dissertation). University of Manchester.",
         type="thesis"),
    case("report-by-an-organisation",
         "OECD (2015) The Metropolitan Century: Understanding Urbanisation and its Consequences. OECD Publishing, Paris.",
         authors=TRUTHY, organisation=True),
    case("place-and-publisher-after-commas",
         "SANDBERG Åke, 1995, Enriching Production, Perspectives on Volvo’s Uddevalla Plant, Aldershot, Avebury.",
         place="Aldershot", publisher="Avebury"),
    case("country-after-the-place-is-no-publisher",
         "R Core Team, R: A Language and Environment for Statistical Computing, R Foundation for Statistical "
         "Computing, Vienna, Austria (2017).",
         publisher=other_than("Austria")),
    case("editors-printed-without-eds-after-in",
         "Jessop, Bob (1998), The Narrative of Enterprise and the Enterprise of Narrative, in: MacLeod / Goodwin, pp. 69–74",
         editors=["MacLeod", "Goodwin"], publisher=None, container=None, type="chapter"),
]


@pytest.mark.parametrize("raw, expected", AUTHOR_CASES)
def test_authors(raw, expected):
    check_fields(parse_reference(raw), expected)


@pytest.mark.parametrize("raw, expected", YEAR_CASES)
def test_years(raw, expected):
    check_fields(parse_reference(raw), expected)


@pytest.mark.parametrize("raw, expected", TITLE_CASES)
def test_titles(raw, expected):
    check_fields(parse_reference(raw), expected)


@pytest.mark.parametrize("raw, expected", JOURNAL_CASES)
def test_journal_volume_issue_pages(raw, expected):
    check_fields(parse_reference(raw), expected)


@pytest.mark.parametrize("raw, expected", IMPRINT_CASES)
def test_imprints_identifiers_and_types(raw, expected):
    check_fields(parse_reference(raw), expected)


def test_repeated_author_dash_takes_previous_authors():
    first = parse_reference("Smith, N. (1996). The new urban frontier. London: Routledge.", 0)
    dash = parse_reference("——. (2002). New globalism, new urbanism. Antipode, 34(3), 427–450.", 1, previous=first)
    assert fam(dash) == ["Smith"]
    assert dash.raw.startswith("——.")  # kept as printed
    assert dash.year == 2002 and dash.container == "Antipode"
    orphan = parse_reference("———. 2005a. Title of a book. London: Verso.")
    assert any("dash" in w for w in orphan.warnings)


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


@pytest.mark.parametrize(
    "helper, text, expected",
    [
        (normalise_surname, "De Landa", "delanda"),
        (normalise_surname, "van der Meer", "vandermeer"),
        (normalise_surname, "Yrjänä", "yrjana"),
        (normalise_surname, "Rodríguez-Pose", "rodriguezpose"),
        (initials_of, "Neil", "N"),
        (initials_of, "J.-P.", "JP"),
        (initials_of, "Jean-Pierre", "JP"),
        (initials_of, "AEG", "AEG"),
        (initials_of, None, ""),
        (normalise_doi, "https://doi.org/10.1177/0042098019897008.", "10.1177/0042098019897008"),
        (normalise_doi, "doi:10.1016/S0264-2751(02)00003-8)", "10.1016/s0264-2751(02)00003-8"),
        (normalise_doi, "no doi here", None),
        (normalise_title, "The  Asset-Economy: Conceptualizing…", "the asset economy conceptualizing"),
    ],
    ids=lambda v: v.__name__ if callable(v) else repr(v),
)
def test_names_helpers(helper, text, expected):
    assert helper(text) == expected


def test_without_model_falls_back_to_rules(monkeypatch):
    monkeypatch.setattr(refparse_crf, "_tagger", lambda: None)
    raw = "Brenner N (2004) New state spaces. Oxford University Press, Oxford"
    r = parse_reference(raw)
    assert fam(r) == ["Brenner"] and r.title == "New state spaces"
    c = parse_reference(raw, method="crf")
    assert any("CRF model not available" in w for w in c.warnings)


# --- field accuracy work: styles and post-processing ---------------------------

STYLE_CASES = [
    case("Wiley/SAGE article",
         "Brenner, N. (1999) Globalisation as reterritorialisation: the re-scaling of urban governance in the "
         "European Union. Urban Studies 36(3): 431–451.",
         family=["Brenner"], year=1999, container="Urban Studies", volume="36", issue="3", pages="431–451"),
    case("Springer article (abbreviated journal)",
         "Keil R (2011) The global city comes home: internalised globalisation in Frankfurt Rhine-Main. Urban Stud 48(8):1555–1573",
         family=["Keil"], year=2011, container="Urban Stud", volume="48", issue="8", pages="1555–1573"),
    case("Elsevier numeric",
         "[12] N. Brenner, Metropolitan institutional reform and the rescaling of state space in contemporary "
         "Western Europe, Eur. Urban Reg. Stud. 10 (2003) 297–324.",
         family=["Brenner"], year=2003, volume="10", pages="297–324",
         title="Metropolitan institutional reform and the rescaling of state space in contemporary Western Europe"),
    case("Elsevier Harvard book, publisher before place",
         "Jessop, B., 2002. The Future of the Capitalist State. Polity, Cambridge.",
         family=["Jessop"], year=2002, title="The Future of the Capitalist State", publisher="Polity", place="Cambridge"),
    case("T&F/Harvard article with quoted title",
         "MacLeod, G. and Goodwin, M. (1999) ‘Space, scale and state strategy: rethinking urban and regional "
         "governance’, Progress in Human Geography, 23(4), pp. 503–527.",
         family=["MacLeod", "Goodwin"], year=1999, container="Progress in Human Geography",
         title="Space, scale and state strategy: rethinking urban and regional governance", volume="23", pages="503–527"),
    case("Chicago author-date, curly quotes",
         "Harvey, David. 1989. “From Managerialism to Entrepreneurialism: The Transformation in Urban Governance in "
         "Late Capitalism.” Geografiska Annaler: Series B, Human Geography 71 (1): 3–17.",
         family=["Harvey"], year=1989, volume="71", issue="1", pages="3–17",
         title="From Managerialism to Entrepreneurialism: The Transformation in Urban Governance in Late Capitalism"),
    case("APA chapter",
         "Swyngedouw, E. (1997). Neither global nor local: ‘glocalization’ and the politics of scale. In K. R. Cox "
         "(Ed.), Spaces of globalization: Reasserting the power of the local (pp. 137–166). New York: Guilford Press.",
         family=["Swyngedouw"], year=1997, editors=["Cox"], pages="137–166", publisher="Guilford Press",
         place="New York", container="Spaces of globalization: Reasserting the power of the local"),
    case("German chapter, In: … (Hrsg.): Book. Place: Publisher",
         "Tömmel, Ingeborg (2006): Die Reform der Strukturpolitik der EU – Eine Reform europäischer Governance? In: "
         "Kleinfeld, Ralf; Plamper, Harald; Huber, Andreas (Hrsg.): Regional Governance. Göttingen: V&R unipress, S. 183 - 200.",
         family=["Tömmel"], year=2006, editors=["Kleinfeld", "Plamper", "Huber"], container="Regional Governance",
         place="Göttingen", publisher="V&R unipress", pages="183–200"),
    case("social-science comma style: SURNAME Given, year, Title, Place, Publisher",
         "APPELBAUM Eileen, BATT Rosemary, 1994, The New American Workplace, Ithaca, Cornell University Press.",
         family=["APPELBAUM", "BATT"], year=1994, title="The New American Workplace", place="Ithaca",
         publisher="Cornell University Press"),
    case("numeric Vancouver",
         "3. Harrison J, Growe A. When regions collide: in what sense a new ‘regional problem’? Environ Plan A. 2014;46(10):2332-52.",
         family=["Harrison", "Growe"], year=2014, volume="46", issue="10", pages="2332–52"),
]


@pytest.mark.parametrize("raw, expected", STYLE_CASES)
def test_styles_fields(raw, expected):
    check_fields(parse_reference(raw), expected)


@pytest.mark.parametrize("place", ["Wien", "London and New York", "Walnut Creek, CA", "Frankfurt/M.",
                                   "Frankfurt am Main", "New York"])
def test_is_place(place):
    from litmap.parse.references.spans import is_place

    assert is_place(place)


@pytest.mark.parametrize("other", ["Campus", "Routledge", "Oxford University Press", "", None, "Oxford: Blackwell"])
def test_is_no_place(other):
    from litmap.parse.references.spans import is_place

    assert not is_place(other)


@pytest.mark.parametrize(
    "values, expected",
    [
        pytest.param({"publisher": "Polity, Cambridge"}, {"publisher": "Polity", "place": "Cambridge"}, id="publisher, place"),
        pytest.param({"publisher": "Oxford: Blackwell"}, {"publisher": "Blackwell", "place": "Oxford"}, id="place: publisher"),
        pytest.param({"publisher": "München"}, {"publisher": None, "place": "München"}, id="a place alone"),
        # an unknown place is not split off
        pytest.param({"publisher": "Sage, Thousand"}, {"publisher": "Sage, Thousand"}, id="unknown place"),
    ],
)
def test_split_place(values, expected):
    from litmap.parse.references.spans import split_place

    assert split_place(values) == expected


@pytest.mark.parametrize(
    "values, expected",
    [
        pytest.param({"container": "Regional Governance. Göttingen: V&R unipress"},
                     {"container": "Regional Governance", "place": "Göttingen", "publisher": "V&R unipress"},
                     id="book. place: publisher"),
        # A journal with a volume keeps its name.
        pytest.param({"container": "Cities. Amsterdam: Elsevier", "volume": "3"},
                     {"container": "Cities. Amsterdam: Elsevier"}, id="journal with a volume"),
        pytest.param({"publisher": "Klett-Cotta, S. 123-159", "place": "Stuttgart", "pages": None},
                     {"publisher": "Klett-Cotta", "pages": "123–159"}, id="chapter pages cut from publisher"),
        pytest.param({"publisher": "Penguin (paperback edition)", "place": "London"}, {"publisher": "Penguin"},
                     id="edition note dropped"),
        pytest.param({"publisher": "Hans-Böckler-Stiftung (Graue Reihe)", "place": "Düsseldorf"},
                     {"publisher": "Hans-Böckler-Stiftung"}, id="series note dropped"),
        pytest.param({"publisher": "June", "place": "Berlin"}, {"publisher": None}, id="a month is no publisher"),
    ],
)
def test_split_place_fields(values, expected):
    from litmap.parse.references.spans import split_place

    out = split_place(values)
    assert {key: out[key] for key in expected} == expected


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


@pytest.mark.parametrize(
    "container, expected",
    [
        ("in Dominique Reynié and Bruno Cautrès (eds) L’opinion publique 2001", "L’opinion publique 2001"),
        ("Making Time: Time and Management, pp.155-67", "Making Time: Time and Management"),
        ("Journal of Ed. Research", "Journal of Ed. Research"),
    ],
)
def test_editors_and_pages_cut_from_book_title(container, expected):
    from litmap.parse.references.spans import clean_fields

    assert clean_fields({"container": container})["container"] == expected


@pytest.mark.parametrize(
    "text, values, volume",
    [
        pytest.param("J. Chem. Soc. Perkin Trans. 1, 189 (1983)", {"container": "J. Chem. Soc. Perkin Trans. 1", "pages": "189"},
                     None, id="series number of a journal"),
        pytest.param("Optica1, 45 (2014)", {"container": "Optica1", "pages": "45"}, "1", id="volume glued to the journal"),
        pytest.param("In Proceedings of CogSci08, pp. 1-6", {"container": "Proceedings of CogSci08", "pages": "1–6"},
                     None, id="year in a conference name"),
    ],
)
def test_volume_in_journal_name(text, values, volume):
    from litmap.parse.references.record import EntryText, RefFields
    from litmap.parse.references.repair_journals import volume_in_journal_name

    assert volume_in_journal_name(EntryText(text, text), RefFields.from_values(values)).volume == volume


@pytest.mark.parametrize(
    "text, cleaned",
    [
        ("Silicon-chip-based optical oscilloscope.Nature 456 ,81", "Silicon-chip-based optical oscilloscope. Nature 456 ,81"),
        ("Complex networks in climate dynamics,The European Physical Journal",
         "Complex networks in climate dynamics, The European Physical Journal"),
        # URLs, domain names and initials stay as printed
        ("see www.Example.com and Europub.Com, J.Smith", "see www.Example.com and Europub.Com, J.Smith"),
    ],
)
def test_space_lost_after_a_sentence_end_is_restored(text, cleaned):
    from litmap.parse.references.rules import clean_text

    assert clean_text(text) == cleaned


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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tocqueville, Alexis de", [("Tocqueville", "Alexis de")]),  # a particle after the given name
        ("Hansen, Holger Bernt", [("Hansen", "Holger Bernt")]),  # inverted lists keep their pairs
    ],
)
def test_parse_authors_names(text, expected):
    from litmap.parse.names.reference_authors import parse_authors

    authors, _ = parse_authors(text)
    assert [(a.family, a.given) for a in authors] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Adorno, Theodor W.; Levinson, Maria Hertz & Morrow, William", ["Adorno", "Levinson", "Morrow"]),
        ("Brenner, Neil, Jessop, Bob, Jones, Martin and MacLeod, Gordon", ["Brenner", "Jessop", "Jones", "MacLeod"]),
        ("AT&T Research Labs", ["AT&T Research Labs"]),  # an ampersand inside a name
        ("M. Hajer, S. van ’t Klooster, & J. Grijzen", ["Hajer", "van ’t Klooster", "Grijzen"]),  # Dutch ’t particle
    ],
)
def test_parse_authors_families(text, expected):
    from litmap.parse.names.reference_authors import parse_authors

    assert [a.family for a in parse_authors(text)[0]] == expected


def test_given_names_first_are_no_organisations():
    from litmap.parse.names.reference_authors import parse_authors

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


def _qt(text, values):
    from litmap.parse.references.record import EntryText, RefFields
    from litmap.parse.references.repair_journals import question_title

    return question_title(EntryText(text, text), RefFields.from_values(values))


def test_question_title_does_not_run_into_the_journal():
    text = "Keil, R. (2011) Why do city-regions grow? Urban Studies 12, 1-20."
    out = _qt(text, {"title": "Why do city-regions grow? Urban Studies", "container": None, "volume": "12"})
    assert (out.title, out.container) == ("Why do city-regions grow?", "Urban Studies")
    # A parenthesised place after the journal is not the journal.
    text = "Jonas, A. (2003): Rescaling or Rebordering? Geographica (Bern) 41 (2), 1-22."
    out = _qt(text, {"title": "Rescaling or Rebordering? Geographica (", "container": "Bern", "volume": "41"})
    assert (out.title, out.container) == ("Rescaling or Rebordering?", "Geographica")
    # A real subtitle followed by a journal the CRF found is left alone.
    text = "Ward, K. (2010) Why regions? Notes on a debate. Regional Studies 44, 1-9."
    values = {"title": "Why regions? Notes on a debate", "container": "Regional Studies", "volume": "44"}
    assert _qt(text, values) == RefFields.from_values(values)
    # Without a volume nothing says the words after the "?" are a journal.
    values = {"title": "Why regions? Notes", "container": None, "volume": None}
    assert _qt("Ward, K. (2010) Why regions? Notes. London: Verso.", values) == RefFields.from_values(values)


def test_subtitle_after_a_question_is_not_the_journal():
    # (the whole reference: TITLE_CASES "subtitle-after-a-question-is-not-the-journal")
    text = "Peck, J. (2001): Workfare States? Labour Regimes of the 70. Parallel. Antipode, 33 (2): 1-9."
    values = {"title": "Workfare States?", "container": "Labour Regimes of the 70. Parallel. Antipode", "volume": "33"}
    out = _qt(text, values)
    assert (out.title, out.container) == ("Workfare States? Labour Regimes of the 70. Parallel", "Antipode")
    # An abbreviated journal ("J. Urban Aff.") is not cut as a sentence.
    values = {"title": "Whose city?", "container": "J. Urban Aff.", "volume": "3"}
    assert _qt("Harvey, D. (1990) Whose city? J. Urban Aff. 3, 1-9.", values) == RefFields.from_values(values)


def test_editors_printed_without_eds_after_in():
    # (the whole reference: IMPRINT_CASES "editors-printed-without-eds-after-in")
    from litmap.parse.references.record import EntryText, RefFields
    from litmap.parse.references.repair_editors import in_names

    text = "Paasi, Anssi (1998), Regionen im Wandel, in: W. Hummer, Die Regionen Europas, Manzsche Verlagsbuchhandlung, pp. 141–157"
    out = in_names(EntryText(text, text), RefFields(publisher="W. Hummer", container="Die Regionen Europas, Manzsche Verlagsbuchhandlung"))
    assert [(a.family, a.given) for a in out.editors] == [("Hummer", "W.")]
    assert (out.container, out.publisher) == ("Die Regionen Europas", "Manzsche Verlagsbuchhandlung")
    # A journal after "in:" (no names read as publisher) is left alone.
    fields = RefFields(container="Urban Studies")
    text = "Smith, J. (2001) Title, in: Urban Studies, pp. 1-9"
    assert in_names(EntryText(text, text), fields) == fields
