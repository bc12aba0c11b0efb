"""Rare reference-list layouts and reference forms (issue 17's long tail),
each on a generated string or PDF: bulleted lists, numbers in a column of
their own, numbers glued to Cyrillic names, repeated-author dashes lost from
the text layer, organisation authors, square-bracket author-year citations,
generational suffixes, and numbers that are no pages."""

from __future__ import annotations

import re
import textwrap

import pytest

from litmap.models import Paragraph, Section
from litmap.parse.citations import find_citations
from litmap.parse.references import parse_reference, parse_references, split_reference_text


def _families(ref):
    return [a.family for a in ref.authors]


BULLETS_LEAD = """• Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press.
• Harvey, D. (1989) From managerialism to entrepreneurialism: the transformation
in urban governance. Geografiska Annaler B 71(1): 3-17.
• Jonas, A. and Ward, K. (2007) Introduction to a debate on city-regions.
International Journal of Urban and Regional Research 31(1): 169-178."""

BULLETS_TRAIL = """Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press. •
Harvey, D. (1989) From managerialism to entrepreneurialism: the transformation
in urban governance. Geografiska Annaler B 71(1): 3-17. •
Jonas, A. and Ward, K. (2007) Introduction to a debate on city-regions.
International Journal of Urban and Regional Research 31(1): 169-178. •
Keil, R. (2011) The global city comes home. Urban Studies 48(12): 2495-2517."""


@pytest.mark.parametrize("text, n", [(BULLETS_LEAD, 3), (BULLETS_TRAIL, 4)], ids=["bullet-first", "bullet-at-end-of-line-before"])
def test_bulleted_list(text, n):
    entries = split_reference_text(text)
    assert len(entries) == n
    assert entries[1].startswith("Harvey, D. (1989)") and entries[1].endswith("3-17.")
    assert not any("•" in e for e in entries)


def test_bullets_after_the_list_leave_its_entries_alone():
    # A BMC paper's references, then the journal's bulleted advertisement.
    text = """1. Ovretveit J, Serouri A: Hospital quality management system in a low income Arabic country.
Int J Health Care Qual Assur 2006, 19:516-532.
2. Shojania KG, Grimshaw JM: Evidence-based quality improvement. Health Aff 2005, 24(1):138-150.
3. Chen L, et al: Human resources for health: overcoming the crisis. Lancet 2004, 364(9449):1984-1990.
4. Palmer D: Tackling Malawi's human resources crisis. Reprod Health Matters 2006, 14(27):27-39.
• Convenient online submission
• Thorough peer review
• No space constraints or color figure charges"""
    entries = split_reference_text(text)
    assert [e[:2] for e in entries[:4]] == ["1.", "2.", "3.", "4."]


def test_vancouver_numbers_on_lines_of_their_own():
    text = """1.
Brenner N. New State Spaces: Urban Governance and the Rescaling of Statehood.
Oxford: Oxford University Press; 2004.
2.
Harvey D. From managerialism to entrepreneurialism. Geogr Ann B. 1989;71(1):3-17.
3.
Jonas AEG, Ward K. Introduction to a debate on city-regions. Int J Urban Reg Res.
2007;31(1):169-78.
4.
Keil R. The global city comes home. Urban Stud. 2011;48(12):2495-517."""
    entries = split_reference_text(text)
    assert [e[:2] for e in entries] == ["1.", "2.", "3.", "4."]
    assert entries[1].endswith("3-17.")  # not "… 3-17. 3."
    assert parse_reference(entries[2]).year == 2007


def test_numbers_glued_to_cyrillic_names():
    text = """1.Иванов И. И. Региональная политика России // Вопросы экономики. 2003. № 4.
С. 1–9.
2.Петров П. П. Города и регионы. М.: Наука, 2005. 320 с.
3.Сидоров С. С. Пространственное развитие // Регион: экономика и
социология. 2010. № 2. С. 3–15.
4.Smith J. Regional Policy in Europe. London: Routledge, 2008."""
    entries = split_reference_text(text)
    assert len(entries) == 4 and entries[1].startswith("2.Петров")
    assert _families(parse_reference(entries[1]))[0] == "Петров"


def test_repeated_author_dash_lost_from_the_text_layer():
    text = """Harvey, D., 1982: The Limits to Capital. Oxford: Blackwell.
, 1988: The geographical and geopolitical consequences of the transition from
Fordist to flexible accumulation. In Sternlieb, G., editor, America's New Market Geography. New Brunswick: Rutgers, 101-34.
, 1989: From managerialism to entrepreneurialism. Geografiska Annaler B 71, 3-17.
Jessop, B., 2002: The Future of the Capitalist State. Cambridge: Polity."""
    refs = parse_references([(e, 1) for e in split_reference_text(text)])
    assert [(_families(r), r.year) for r in refs] == [(["Harvey"], 1982), (["Harvey"], 1988), (["Harvey"], 1989), (["Jessop"], 2002)]
    assert refs[2].title == "From managerialism to entrepreneurialism"


def test_entries_opening_with_an_organisation():
    text = """Keil, R. (2011), The global city comes home, Urban Studies 48: 2495-2517.
Greater London Authority (GLA) (2004), The London Plan, London: GLA.
Ministry of Housing, Communities and Local Government (2019), English indices of deprivation, London: MHCLG.
Office for National Statistics (2011) Census: Aggregate data. London: ONS.
Peck, J. (2002), Neoliberalizing space, Antipode 34: 380-404."""
    entries = split_reference_text(text)
    assert len(entries) == 5
    assert entries[2].startswith("Ministry of Housing, Communities") and entries[3].startswith("Office for National")


def _cite(text):
    para = Paragraph(text=text, page=3, section=0, kind="body", char_start=0, char_end=len(text))
    return find_citations([para], [Section(heading="2. Rescaling", kind="body", page=3, page_end=3, text="")])


def test_author_year_citations_in_square_brackets():
    cites = _cite("The state changes its shape [Womack et al., 1990] and cities compete [see Brenner 2004: 12]. "
                  "The tradition [sic] matters [emphasis added] as shown in [3, 4].")
    got = [(c.raw, [(w.surnames, w.year, w.locator, w.prefix, w.number) for w in c.cites]) for c in cites]
    assert got == [
        ("[Womack et al., 1990]", [(("Womack",), 1990, None, None, None)]),
        ("[see Brenner 2004: 12]", [(("Brenner",), 2004, "12", "see", None)]),
        ("[3, 4]", [((), None, None, None, 3), ((), None, None, None, 4)]),
    ]


@pytest.mark.parametrize("raw, authors", [
    # a generational suffix ends the given names (CSL prints family, given, suffix)
    ("King, Martin Luther, Jr. (1963) Why We Can't Wait. New York: Harper.", [("King", "Martin Luther Jr.")]),
    ("Massey, Douglas S., and Nancy A. Denton, Jr. 1993. American Apartheid. Cambridge: Harvard University Press.",
     [("Massey", "Douglas S."), ("Denton", "Nancy A. Jr.")]),
    ("Martin Jr, R. L. (1999) Title of the paper. Urban Studies 36(2): 1-20.", [("Martin", "R. L. Jr.")]),
    ("Campbell JR, Zaccaria E, Mason EO, Jr., Baker CJ. Title of the work. J Infect 2001;4:1-9.",
     [("Campbell", "JR"), ("Zaccaria", "E"), ("Mason", "EO Jr."), ("Baker", "CJ")]),
    # initials glued to the surname (a space lost in extraction)
    ("[23] F.Salvat, J.M.Fernández-Varea and W.Williamson Jr., Comput. Phys. Commun. 90, 151 (1995).",
     [("Salvat", "F."), ("Fernández-Varea", "J.M."), ("Williamson", "W. Jr.")]),
    # compound and multi-part surnames (kept whole, as before)
    ("Barba Lata, I. and Smith, J. (2019) Urban mining in a circular economy. Geoforum 98: 1-10.",
     [("Barba Lata", "I."), ("Smith", "J.")]),
    ("Abu-Lughod, J. L. (1989) Before European Hegemony. New York: Oxford University Press.", [("Abu-Lughod", "J. L.")]),
    # a given-first name whose given name is printed again after a comma (a reference manager's slip)
    ("Huinink, Johannes, and Dirk Konietzka, Dirk. 2003. Lebensformen und Familiengründung. Opladen: Leske & Budrich.",
     [("Huinink", "Johannes"), ("Konietzka", "Dirk")]),
    ("Ruiz Jiménez, R. and Egea, A. (2011) Spain: Euroscepticism. South European Society and Politics 16: 105-31.",
     [("Ruiz Jiménez", "R."), ("Egea", "A.")]),
    # a particle printed after the given names stays with them ("von", "von der")
    ("Goethe, Johann Wolfgang von (1981). Aus meinem Leben. München: Beck.", [("Goethe", "Johann Wolfgang von")]),
    ("Keim, Sylvia, Lippe, Holger von der 2007: Social Influences on Fertility. J Mixed Methods Res, 1(1), 23–47.",
     [("Keim", "Sylvia"), ("Lippe", "Holger von der")]),
    # a Vancouver name before a bare year is no part of the title
    ("Thirgood SJ 1996 Ecological factors influencing sexual segregation in fallow deer (Dama dama). J Zool. 239:783–797.",
     [("Thirgood", "SJ")]),
], ids=["jr-after-given", "jr-after-given-first-name", "jr-after-surname", "jr-in-a-vancouver-list", "glued-initials",
     "compound-surname",
     "hyphenated-arabic", "given-name-repeated-after-the-name", "compound-surname-and-its-initial-stay",
     "particle-after-given-names", "particles-after-given-names-in-a-list", "vancouver-name-before-a-bare-year"])
def test_names(raw, authors):
    ref = parse_reference(raw)
    assert [(a.family, a.given) for a in ref.authors] == authors
    assert ref.year is None or str(ref.year) not in (ref.title or "")


@pytest.mark.parametrize("raw, editors, title", [
    ("M. Mancini (a c. di), La letteratura francese medievale, Bologna 1997.", ["Mancini"], "La letteratura francese medievale"),
    ("G. Cavallo (a cura di), Le biblioteche nel mondo antico e medievale, Roma - Bari 1997.", ["Cavallo"],
     "Le biblioteche nel mondo antico e medievale"),
], ids=["a-c-di", "a-cura-di"])
def test_italian_editors_mark(raw, editors, title):
    ref = parse_reference(raw)
    assert [a.family for a in ref.editors] == editors and not ref.authors and ref.title == title




@pytest.mark.parametrize("raw, expected", [
    ("Hobsbawm, E. (1987) The Age of Empire, 1875-1914. London: Weidenfeld and Nicolson.",
     {"title": "The Age of Empire, 1875-1914", "pages": None, "publisher": "Weidenfeld and Nicolson"}),
    ("Smith, C. (2001) Title here. Proceedings of the Conference on Cities, Berlin, 12-14 June 2001, 45-60.",
     {"pages": "45–60"}),
    ("Jones, B. (1990) The old town. Annales de Géographie XCIX: 12-30.",
     {"container": "Annales de Géographie", "volume": "XCIX", "pages": "12–30"}),
    ("Jones, B. (1990) The old town. Revue de Géographie Alpine LXXVIII (2): 12-30.",
     {"container": "Revue de Géographie Alpine", "volume": "LXXVIII", "issue": "2"}),
    ("Smith, A. (2005) Housing markets. Oxford, 295-324.", {"pages": "295–324", "place": "Oxford"}),
    # title and container boundaries (read right before this issue; kept so)
    ("Smith, N. (1996) ‘Gentrification and the rent gap,’ Annals of the Association of American Geographers 77: 462–465.",
     {"title": "Gentrification and the rent gap", "container": "Annals of the Association of American Geographers"}),
    ("Müller, K. (2001) „Stadt und Region“, Raumforschung und Raumordnung 59: 1-10.",
     {"title": "Stadt und Region", "container": "Raumforschung und Raumordnung"}),
    ("Fraser, N. (1994) After the family wage. Signs: Journal of Women in Culture and Society 19(2): 591-618.",
     {"container": "Signs: Journal of Women in Culture and Society", "volume": "19"}),
    ("Häußermann, H. (1997) Die Stadt. In: Friedrichs, J. (Hrsg.): Die Städte in den 90er Jahren. Opladen: Westdeutscher Verlag, 91-108.",
     {"title": "Die Stadt", "container": "Die Städte in den 90er Jahren", "pages": "91–108"}),
    ("Molotch, H. 1987. The City as a Growth Machine. Pp. 1-68 in Urban Fortunes: The Political Economy of Place, "
     "edited by J. Logan. Berkeley: University of California Press.",
     {"title": "The City as a Growth Machine", "container": "Urban Fortunes: The Political Economy of Place", "pages": "1–68"}),
], ids=["year-range-in-title", "conference-days", "roman-volume", "roman-volume-and-issue", "pages-after-place",
        "comma-inside-closing-quote", "german-quotes", "journal-with-colon", "in-colon-hrsg-colon", "pp-in-book-edited-by"])
def test_numbers_and_boundaries(raw, expected):
    ref = parse_reference(raw)
    assert {k: getattr(ref, k) for k in expected} == expected


def _gost_pdf(path):
    reportlab = pytest.importorskip("reportlab")  # noqa: F841
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    try:
        pdfmetrics.registerFont(TTFont("DejaVuSerif", font))
    except Exception:  # noqa: BLE001 - no Cyrillic font on this machine
        pytest.skip(f"no font at {font}")
    entries = [
        "Иванов И. И. Региональная политика России в условиях глобализации // Вопросы экономики. 2003. № 4. С. 1–9.",
        "Петров П. П. Города и регионы: пространственное развитие и управление. М.: Наука, 2005. 320 с.",
        "Сидоров С. С. Пространственное развитие крупных городских агломераций // Регион: экономика и социология. 2010. № 2. С. 3–15.",
        "Brenner N. New State Spaces: Urban Governance and the Rescaling of Statehood. Oxford: Oxford University Press, 2004. 351 p.",
    ]
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    c.setFont("DejaVuSerif", 10)
    y = height - 80
    for line in textwrap.wrap("Городские регионы изучаются давно, и государство меняет свою форму. " * 5, 95):
        c.drawString(54, y, line)
        y -= 13
    y -= 16
    c.drawString(54, y, "Список литературы")
    y -= 18
    for k, entry in enumerate(entries, 1):
        # GOST: the number glued to the name, a first-line indent, continuation lines at the margin.
        for j, line in enumerate(textwrap.wrap(f"{k}.{entry}", 88)):
            c.drawString(54 + (20 if j == 0 else 0), y, line)
            y -= 12
    c.showPage()
    c.save()
    return path


def test_gost_list_with_russian_heading_and_first_line_indent(tmp_path):
    from litmap.batch.extract import extract_file

    doc = extract_file(str(_gost_pdf(tmp_path / "gost.pdf")))
    assert [r.raw[:2] for r in doc.references] == ["1.", "2.", "3.", "4."]
    assert doc.references[2].year == 2010


def _vancouver_pdf(path, gap):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    entries = [
        "Brenner N. New State Spaces: Urban Governance and the Rescaling of Statehood. Oxford: Oxford University Press; 2004.",
        "Harvey D. From managerialism to entrepreneurialism: the transformation in urban governance. Geogr Ann B. 1989;71(1):3-17.",
        "Jonas AEG, Ward K. Introduction to a debate on city-regions: new geographies of governance. Int J Urban Reg Res. 2007;31(1):169-78.",
        "Keil R. The global city comes home: internalised globalisation in Frankfurt Rhine-Main. Urban Stud. 2011;48(12):2495-517.",
        "Peck J, Tickell A. Neoliberalizing space. Antipode. 2002;34(3):380-404.",
    ]
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 80
    c.setFont("Times-Roman", 10)
    for line in textwrap.wrap("City regions have been studied for a long time, and the state changes its form. " * 8, 100):
        c.drawString(54, y, line)
        y -= 13
    y -= 16
    # No heading; each number in a column of its own, the text column `gap` points to its right.
    for k, entry in enumerate(entries, 1):
        c.drawString(54, y, f"{k}.")
        for line in textwrap.wrap(entry, 85):
            c.drawString(54 + gap, y, line)
            y -= 12
        y -= 2
    c.showPage()
    c.save()
    return path


@pytest.mark.parametrize("gap", [14, 30, 50], ids=["narrow", "wide", "wider"])
def test_unheaded_vancouver_list_with_numbers_in_their_own_column(tmp_path, gap):
    from litmap.batch.extract import extract_file

    doc = extract_file(str(_vancouver_pdf(tmp_path / "vancouver.pdf", gap)))
    assert [r.raw[:2] for r in doc.references] == ["1.", "2.", "3.", "4.", "5."]
    assert doc.references[0].year == 2004 and doc.references[1].raw.endswith("3-17.")


def test_text_list_compound_surname_org_title_and_initials_before_surname():
    # Real shapes from gentrification .txt lists: a space left before the hyphen of a
    # compound surname, a title running on to a line that opens "Word (2018–2022)", and an
    # author list broken between a last author's initials and surname.
    text = """Bergstrom, J. C. (2001). Postproductivism and rural land values .
Brown ‐Saracino, J. (2010). The Gentrification Debates . Routledge.
CPC Central Committee, & State Council. (2018). Strategic Plan of Rural
Revitalisation (2018 –2022) . People's Publishing House.
Paker, J.N. (2018), Negotiating the Space between Avant- Garde and Hip Enough. City &
Community 17(2), pp. 438– 460.
Pastak, I.E., T.T. Kindsiko, R. Kleinhans & V.H.
Maarten (2019), Commercial Gentrification in Postindustrial Neighborhoods.
Tijdschrift voor Economische en Sociale Geografie 110(5), pp. 588– 604.
Peck, J. & A. Tickell (2002), Neoliberalizing Space. Antipode 34, pp. 380– 404."""
    entries = split_reference_text(text)
    assert [e[:12] for e in entries] == ["Bergstrom, J", "Brown ‐Sarac", "CPC Central ", "Paker, J.N. ", "Pastak, I.E.", "Peck, J. & A"]
    assert entries[2].endswith("Publishing House.") and "Maarten (2019)" in entries[4]


def test_text_list_letter_spaced_line_long_organisation_and_back_matter():
    # A .txt list (Paper8's shapes): an author line set letter by letter, an
    # organisation's name run over two lines before its year, and the
    # "Supporting information" note that follows the list.
    text = """Slater, T. (2009). Missing Marcuse: On gentrification and displacement. City,
13(2-3), 292–311. https://doi.org/10.1080/13604810902982250
S m i t h ,T . ,N o b l e ,M . ,N o b l e ,S . ,W r i g h t ,G . ,M c L e n n a n ,D . ,&P l u n k e t t ,
E. (2015). The English indices of deprivation 2015. ( Research Report ):
London: Department for Communities & Local Government.
Tinson, A., Ayrton, C., Barker, K., Born, T. B., Aldridge, H., & Kenway,
P. (2016). Monitoring poverty and social exclusion 2016. York: Joseph
Rowntree Foundation.
University of Essex Institute of Economic and Social Research, & NatCen
Social Research and Kantar Public (2016). https://doi.org/10.5255/
UKDA-SN-6614-9, Understanding society: Waves 1-6, 2009-2015.
SN: 6614. Colchester: UK Data Archive.
Vigdor, J. L. (2002). Does gentrification harm the poor? Brookings-Wharton
Papers on Urban Affairs 2002, 133–182. https://doi.org/10.1353/urb.
2002.0012
SUPPORTING INFORMATION
Additional supporting information may be found online in the
Supporting Information section at the end of the article."""
    entries = split_reference_text(text)
    assert [e[:10] for e in entries] == ["Slater, T.", "Smith, T.,", "Tinson, A.", "University", "Vigdor, J."]
    assert entries[-1].endswith("2002.0012") and entries[2].endswith("Rowntree Foundation.")
    assert _families(parse_reference(entries[1]))[:2] == ["Smith", "Noble"]


def _page(blocks):
    from litmap.read.layout.pages import Block, LaidOutPage

    out, top = [], 80.0
    for kind, x, text in blocks:
        lines = tuple(re.split(r"\n|\s(?=\[\d+\] )", text))  # a line per bracketed entry, as a PDF sets them
        out.append(Block(page=1, x0=x, top=top, x1=540.0, bottom=top + 12 * len(lines), text=" ".join(lines),
                         size=10.0, kind=kind, lines=lines,
                         indents=tuple(0.0 for _ in lines)))
        top += 12 * len(lines) + 4
    return LaidOutPage(number=1, width=595.0, height=842.0, blocks=tuple(out))


def _references_of(page):
    from litmap.parse.references.splitting import split_references
    from litmap.parse.structure import structure_document

    return split_references(structure_document([page]).reference_blocks)


BODY = "City regions have been studied for a long time, and the state changes its form as it rescales. " * 4


def test_entry_numbers_the_layout_calls_footnotes_stay_in_the_list():
    # A BMC list: the numbers in a column of their own, small and short enough
    # for the layout to call them footnotes (cermine test1.pdf lost entries 2-9).
    rows = [("body", 54.0, BODY), ("heading", 54.0, "References")]
    entries = ["Kudsk KA, Fabian TC: Silent deep vein thrombosis. Am J Surg 1989, 158:515-9.",
               "Geerts WH, Code KI: A prospective study of venous thromboembolism. N Engl J Med 1994, 331:1601-6.",
               "Acosta JA, Yang JC: Lethal injuries and time to death. J Am Coll Surg 1998, 186:528-33.",
               "Weitz JI: Low-molecular-weight heparins. N Engl J Med 1997, 337:688-98."]
    for k, e in enumerate(entries, 1):
        rows += [("footnote" if k > 1 else "body", 54.0, f"{k}."), ("body", 70.0, e)]
    refs = _references_of(_page(rows))
    assert [t[:3] for t, _ in refs] == ["1. ", "2. ", "3. ", "4. "]


def test_unheaded_bracket_list_reflowed_with_author_fragments():
    # No heading; entries reflowed into paragraphs, an author list broken into
    # blocks of a name each (refextract 2301.05883, raimbault paper.pdf).
    rows = [("body", 54.0, BODY),
            ("body", 54.0, "[1] J.M.Grames, C.K.Sinclair, Phys. Rev. C 102, 015501 (2020) [2] E.A.Uehling, Phys. Rev. 48, 55 "
                           "(1935) [3] G.Soff and P.J.Mohr, Phys. Rev. A 38, 5066 (1988) [4] O.Koshchii,"),
            ("body", 54.0, "M.Gorchtein,"), ("body", 54.0, "X.Roca-Maza\nand"),
            ("body", 54.0, "H.Spiesberger, Phys. Rev. C 103, 064316 (2021) [5] L.I.Schiff, Phys. Rev. 98, 756 (1955). "
                           "[6] R.R.Lewis, Phys. Rev. 102, 544 (1956). [7] J.L.Friar and M.Rosen, Ann. Phys. 87, 289 (1974).")]
    refs = _references_of(_page(rows))
    assert refs and refs[0][0].startswith("[1] J.M.Grames")
    assert sum(1 for t, _ in refs if t.startswith("[")) == 7


def test_numbered_list_page_range_end_glued_to_the_next_number():
    text = """35. Elliott CG, Dudney TM: Calf-thigh sequential pneumatic compression. J Trauma 1999, 47:25-32.
36. Lachmann EA, Rook JL, Tunkel R, Nagler W: Complications associated with
intermittent pneumatic compression. Arch Phys Med Rehabil 1992, 73:482-
5. 37. McGrory BJ, Burke DW: Peroneal nerve palsy following intermittent
sequential pneumatic compression. Orthopedics 2000, 23:1103-5.
38. Pittman GR: Peroneal nerve palsy. Jama 1989, 261:2201-2."""
    entries = split_reference_text(text)
    assert [e[:3] for e in entries] == ["35.", "36.", "37.", "38."]
    assert entries[1].endswith("73:482-5.")


def test_compound_surname_with_a_space_before_its_hyphen():
    # The text layer of a Wiley paper (gentrification Paper29) sets "Brown ‐Saracino"
    # in the list and in the text; both read as one surname, so the citations link.
    cites = _cite("The literature regards it as a debate (Atkinson, 2003 ; Brown ‐Saracino, 2010 ). "
                  "Not an inner ‐city - Range (Smith, 2001).")
    assert [w.surnames for c in cites for w in c.cites][:2] == [("Atkinson",), ("Brown‐Saracino",)]
    ref = parse_reference("Brown ‐Saracino, J. (2010). The Gentrification Debates . Routledge.")
    assert _families(ref) == ["Brown‐Saracino"] and ref.year == 2010


GLUED_MID_LINE = """Hong, S.J. & X.C. Zhang (2016), Rent Gap, Gentrification and Urban Redevelopment.
Urban Development Studies 3, pp. 101– 110.
Hubbard, P. (2017), The Battle for the High Street: Retail Gentrification, Class and Disgust,
London: Palgrave Macmillan.Jeong, Y., J. Heo & C. Jung (2015), Behind the Bustling Street:
Commercial Gentrification of Gyeongridan, Seoul. Social and Behavioral Sciences 170, pp. 146– 154.
Wu, F. (2002), China’s Changing Urban Governance in the Transition Towards a More
Market- Economy. Urban Studies 39, pp. 1071– 1093.Zheng, J. (2011), ‘Creative Industry
Clusters’ and the ‘Entrepreneurial City’ of Shanghai. Urban Studies 48, pp. 3561– 3582.
Zhao, Y. (2019). When guesthouse meets home. Geoforum ,100,6 0 –67.Zhu, J., He, S., & Hao, J. (2022).
Growing rights consciousness of the marginalised. Population, Space and Place ,28(1), e2510."""


GLUED_OTHER_SHAPE = """Brenner N (2004) New State Spaces. Oxford: Oxford University Press.
Harvey D (1989) From managerialism to entrepreneurialism. Geografiska Annaler B 71(1): 3-17.
Jonas A and Ward K (2007) Introduction to a debate on city-regions. Int J Urban Reg Res 31(1): 169-178.
Keil R (2011) The global city, as read in Toronto.Ontario, C. (2010) is the report. Urban Studies 48(12): 2495-2517."""


@pytest.mark.parametrize("glued, n", [(True, 7), (False, 4)], ids=["family-initial list", "list of another shape"])
def test_entries_glued_mid_line_by_the_text_layer(glued, n):
    # The text layer of a .txt list (gentrification Paper28/29) runs an entry's
    # last full stop into the next entry's "Family, I.": split there, only where
    # the list's entries open that way.
    text = GLUED_MID_LINE if glued else GLUED_OTHER_SHAPE
    entries = split_reference_text(text)
    assert len(entries) == n
    if glued:
        assert [e.split(",")[0] for e in entries] == ["Hong", "Hubbard", "Jeong", "Wu", "Zheng", "Zhao", "Zhu"]
        assert entries[1].endswith("Palgrave Macmillan.") and entries[5].endswith("–67.")


def _blocks(rows):
    """Blocks of one page from (text, size, bold) rows, a block per row, lines split at newlines."""
    from litmap.read.layout.pages import Block

    out, top = [], 80.0
    for text, size, bold in rows:
        lines = tuple(text.split("\n"))
        out.append(Block(page=1, x0=60.0, top=top, x1=540.0, bottom=top + 12 * len(lines), text=" ".join(lines),
                         size=size, bold=bold, kind="body", lines=lines, indents=tuple(0.0 for _ in lines)))
        top += 12 * len(lines) + 4
    return out


LIST_ROWS = [
    ("Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press.", 9.0, False),
    ("Harvey, D. (1989) From managerialism to entrepreneurialism. Geografiska Annaler B 71(1): 3-17.", 9.0, False),
    ("Jonas, A. and Ward, K. (2007) Introduction to a debate on city-regions. IJURR 31(1): 169-178.", 9.0, False),
]


@pytest.mark.parametrize("after", [
    [("Zivilgesellschaft und Landnutzungspolitik in Uganda:\nDer Konflikt um das Mabira-Naturschutzgebiet", 9.0, True),
     ("Zusammenfassung: In den vergangenen Jahren hat die Regierung wiederholt Schritte eingeleitet,\n"
      "um den Boden einem Agrarunternehmen zu übergeben.", 9.0, False),
     ("Schlagwörter: Uganda, Zivilgesellschaft, Protestbewegung", 9.0, False)],
    [("Videos", 12.0, True), ("Audio_1: http://www.youtube.com/v/KW5UAESviaA&hl=en (300 x 200)", 9.0, False)],
    [("Appendix", 9.0, True), ("Table A1. Interviews held in 2004, by city and role of the person.", 9.0, False)],
], ids=["abstract-in-another-language-with-its-title", "videos-heading-in-its-own-size", "appendix-heading"])
def test_material_after_the_list_is_cut(after):
    # An abstract and keywords printed after the list (EXCITE 42505), an FQS
    # "Videos" list after the references (EXCITE 9082), an appendix.
    from litmap.parse.references.splitting import split_references

    entries = [t for t, _ in split_references(_blocks(LIST_ROWS + after))]
    assert entries == [t for t, _, _ in LIST_ROWS]


_TEN = "10.Alvarado LC, Silva FP. Pain in outpatients with chronic venous ulcer. Rev Estima. 2011;9(1):14-23."
_LINO = "Lino Junior RS, Ferreira PS. Venous ulcers. Clin Dermatol. 2007;25(1):121-30."
_TWELVE = "12. Morrell CJ, Walters SJ. Cost effectiveness of community leg ulcer clinics. BMJ. 1998;316:1487-91."


@pytest.mark.parametrize("lines, firsts", [
    ([_TEN, "1." + _LINO, _TWELVE], ["10.", "1.L", "12."]),
    ([_TEN, "11." + _LINO, _TWELVE], ["10.", "11.", "12."]),
    ([_TEN, "1. Aufl. Berlin: Springer.", "11." + _LINO, _TWELVE], ["10.", "11.", "12."]),
], ids=["number-lost-a-digit", "number-whole", "edition-line-before-the-next-number"])
def test_entry_number_that_lost_a_digit_between_its_neighbours(lines, firsts):
    # EXCITE 53995's text layer prints entry 11 as "1.Lino …" between 10 and 12;
    # a line opening "1." before the real 11 continues entry 10.
    entries = split_reference_text("\n".join(lines))
    assert [e[:3] for e in entries] == firsts


def test_a_page_range_ended_on_a_line_of_its_own_in_a_pdf_list():
    # EXCITE 12325: "… J Abnorm Psychol 114:557–" then "559" alone on the next
    # line; a number alone on its line is otherwise a page number and dropped.
    from litmap.parse.references.splitting import split_references

    rows = [("13. Insel T (2010) Rethinking schizophrenia. Nature 468:187–193", 9.0, False),
            ("14. Kupfer DJ (2005) Dimensional models for research and\ndilemma. J Abnorm Psychol 114:557–\n559", 9.0, False),
            ("15. Lahey BB (2004) Commentary: role of temperament. J Clin Child Psychol 33:88–93", 9.0, False),
            ("16", 9.0, False)]
    entries = [t for t, _ in split_references(_blocks(rows))]
    assert len(entries) == 3 and entries[1].endswith("114:557– 559") and entries[2].endswith("88–93")


@pytest.mark.parametrize("line, closed", [
    ("Lees, L. (2014). The Urban injustices: T h ec a s eo ft h eA y l e s b u r yE s t a t ei nL o n d o n . Antipode ,46(4), 921–947.",
     "Lees, L. (2014). The Urban injustices: The case of the Aylesbury Estate in London. Antipode ,46(4), 921–947."),
    ("Nolan, B., & Whelan, C. (1996). Resources, deprivation and poverty .O x f o r d : Oxford University Press.",
     "Nolan, B., & Whelan, C. (1996). Resources, deprivation and poverty. Oxford: Oxford University Press."),
    ("Z h u ,J . ,L i ,B . ,&H e ,B . ‐J. (2019). Is linked migration overlooked. Habitat International ,94, 102046.",
     "Zhu, J., Li, B., & He, B. ‐J. (2019). Is linked migration overlooked. Habitat International ,94, 102046."),
    ("Leith B M, Ng S C C and Wiltshire D L, 2008 Astrophys. J. 672 L91.", None),
], ids=["words-set-letter-by-letter", "place-set-letter-by-letter", "authors-set-letter-by-letter", "initials-without-dots-stay"])
def test_letter_spaced_runs_inside_an_entry_are_closed_up(line, closed):
    # The text layer of a .txt list (gentrification Paper8, Paper29) sets parts of lines letter by letter.
    text = "Brenner, N. (2004) New State Spaces. Oxford: Oxford University Press.\n" + line
    assert split_reference_text(text)[-1].endswith(closed or line)


def test_a_bracketed_year_opening_a_line_is_no_entry_number():
    # A long APA author line wraps its year to the next line: "(2009)." is no
    # numbered entry "(12)", so the author line still opens its entry (Paper29's Zukin).
    text = """Zhao, Y. (2019). When guesthouse meets home. Geoforum, 100, 60–67.
Zhu, J., Li, B., & He, B. ‐J. (2019). Is linked migration overlooked in Peri ‐Urban shanghai?
Habitat International, 94, 102046.
Zukin, S., Trujillo, V., Frase, P., Jackson, D., Recuber, T., & Walker, A.
(2009). New retail capital and neighborhood change: Boutiques
and gentrification in New York city. City & Community, 8(1), 47–64."""
    assert [e.split(",")[0] for e in split_reference_text(text)] == ["Zhao", "Zhu", "Zukin"]


@pytest.mark.parametrize("raw, year, title, publisher", [
    ("P. Zumthor, La presenza della voce. Introduzione alla poesia orale, Bologna 1984 (ed. or. Paris 1983).",
     1984, "La presenza della voce. Introduzione alla poesia orale", None),
    ("Mannheim, Karl (2005). Man and society in an age of reconstruction. New York: Routledge. [Orig. 1936]",
     2005, "Man and society in an age of reconstruction", "Routledge"),
    ("Smith, J. Title of a reprint. London: Verso (orig. 1983).", 1983, None, "Verso"),
], ids=["ed-or-after-place-year", "orig-after-publisher", "the-only-year-stays"])
def test_a_note_on_the_original_edition_is_no_field(raw, year, title, publisher):
    ref = parse_reference(raw)
    assert ref.year == year and ref.publisher == publisher
    assert title is None or ref.title == title


@pytest.mark.parametrize("raw, kind", [
    ("Malkin, J. (2003, July 1). In engaged Buddhism, peace begins with you. Lions Roar, https://www.lionsroar.com/in-engaged/",
     "article"),
    ("Oppenheim, C. (2001). The legal and regulatory environment. Infonortics. http://www.infonortics.com/legal4.html", "web"),
    ("Lee, A. 2010. Rescaling Cities. In Search of the Region, edited by B. Kim. Oxford: Blackwell.", "chapter"),
], ids=["title-opening-with-in-is-no-chapter", "site-before-the-address-is-web", "in-book-is-a-chapter"])
def test_reference_type(raw, kind):
    assert parse_reference(raw).type == kind


CHICAGO_JOINED = """Owens, Ann. 2012. “Neighborhoods on the Rise.” City and Community 11 (4): 345–69. Papachristos, Andrew V., Chris M. Smith, Mary L. Scherer, and Melissa A. Fugiero. 2011. “More Coffee, Less Crime?” City and Community 10 (3): 215–40.
Smith, Neil. 1996. The New Urban Frontier. London: Routledge.
Zukin, Sharon. 1987. “Gentrification: Culture and Capital in the Urban Core.” Annual Review of Sociology 13: 129–47.
Zukin, Sharon. 2010. Naked City. New York: Oxford University Press. See also Smith, Neil. The text of a note. 2001."""

APA_ADDRESS_GLUED = """McKinnish, T., Walsh, R., & White, T. K. (2010). Who gentrifies? Journal of Urban Economics ,67, 180–193. https://doi. org/10.1016/j.jue.2009.08.003Morgan, S., & Winship, C. (2014). Counterfactuals and causal inference. Cambridge: CUP.
Ministry of Agriculture. (2013). Comments. http://jiuban.moa.gov.cn/t20130222_3223999.htmNelson, L., Trautman, L., & Nelson, P. B. (2015). Latino immigrants. Annals 105(5), 1-9.
Nolan, B., & Whelan, C. (1996). Resources, deprivation and poverty. Oxford: Oxford University Press.
Slater, T. (2009). Missing Marcuse. City, 13(2), 292–311."""


@pytest.mark.parametrize("text, firsts", [
    (CHICAGO_JOINED, ["Owens", "Papachristos", "Smith", "Zukin", "Zukin"]),
    (APA_ADDRESS_GLUED, ["McKinnish", "Morgan", "Ministry of Agriculture. (2013). Comments. http://jiuban.moa.gov.cn/t20130222_3223999.htm",
                         "Nelson", "Nolan", "Slater"]),
], ids=["chicago-lines-joined-after-a-full-stop", "address-end-glued-to-the-next-entry"])
def test_entries_joined_after_a_full_stop_or_an_address(text, firsts):
    # gentrification Paper1 ("…345 –69. Papachristos, Andrew V., …"), Paper8 ("…08.003Morgan, S.,"),
    # Paper29 ("…htmNelson, L.,"); a name inside a note ("See also Smith, Neil. The text") stays.
    entries = split_reference_text(text)
    assert [e if e.startswith("Ministry") else e.split(",")[0] for e in entries] == firsts


@pytest.mark.parametrize("raw, volume, pages", [
    ("Deventer SA, Schwab C 2016 Behavioural type affects space use in crows. Ethology. 122:881–891.27840464", "122", "881–891"),
    ("Kulahci IG, Schwab C 2016 Social networks predict selective observation in ravens. R Soc Open Sci. 3:160256.27493780",
     "3", "160256"),
], ids=["after-a-page-range", "after-an-article-number"])
def test_a_pubmed_id_glued_after_the_pages_is_no_number_of_the_entry(raw, volume, pages):
    ref = parse_reference(raw)
    assert (ref.volume, ref.pages) == (volume, pages)


def test_a_repeated_author_dash_ocr_lost_starts_an_entry_though_indented():
    # OCR drops "———" and keeps ". 1996.", set where the dashes ended: indented like a continuation line.
    rows = [("body", 54.0, BODY), ("heading", 54.0, "References")]
    lines = [(54.0, "Fisher, P., and M. Langford. 1995. Modelling the errors in areal interpolation between"),
             (66.0, "zonal systems by Monte Carlo simulation. Environment and Planning A 27:211-24."),
             (80.0, ". 1996. Modeling sensitivity to accuracy in classified imagery: A study of areal"),
             (66.0, "interpolation by dasymetric mapping. The Professional Geographer 48 (3): 299-309."),
             (54.0, "Flowerdew, R., and M. Green. 1989. Statistical methods for transferring data between"),
             (66.0, "zonal systems. In The accuracy of spatial databases, 239-47. London: Taylor & Francis."),
             (54.0, "Goodchild, M., and N. Lam. 1980. Areal interpolation: A variant of the traditional"),
             (66.0, "spatial problem. Geo-Processing 1:297-312."),
             (54.0, "Tobler, W. 1979. Smooth pycnophylactic interpolation for geographical regions. Journal"),
             (66.0, "of the American Statistical Association 74:519-30.")]
    refs = _references_of(_page(rows + [("body", x, t) for x, t in lines]))
    assert [t[:8] for t, _ in refs] == ["Fisher, ", ". 1996. ", "Flowerde", "Goodchil", "Tobler, "]
    parsed = parse_references(refs)
    assert (_families(parsed[1]), parsed[1].year) == (["Fisher", "Langford"], 1996)
