"""Header failure families of the spent held-out halves (issue 18): labels, mastheads, subtitles and
multilingual title pages, each on generated blocks — the layout rule, not the paper."""

from __future__ import annotations

from litmap.models import Author
from litmap.parse.metadata import parse_author_line
from tests.test_metadata import BODY, blk, meta_of, page


def test_article_type_label_in_the_largest_type_is_not_the_title() -> None:
    # "RESEARCH" (or a misspelt "REFLECTIION") over a bold title in body-size type and its translations.
    p = page(1, blk("RESEARCH", size=18, bold=True),
             blk("Prevalência de úlceras venosas e fatores associados entre adultos de um centro de saúde de",
                 size=10, bold=True),
             blk("Vitória da Conquista – BA", size=10, bold=True),
             blk("Prevalence of venous ulcers and associated factors among adults of a health center in Vitória",
                 size=10),
             blk("Shirley Batista Oliveira¹, Daniela Arruda Soares², Patrícia da Silva Pires³", size=10),
             blk("ABSTRACT", size=11, bold=True), blk(BODY, size=11), blk(BODY, size=11))
    m = meta_of([p])
    assert m.title == ("Prevalência de úlceras venosas e fatores associados entre adultos de um centro de saúde de "
                       "Vitória da Conquista – BA")
    assert m.authors[0] == Author("Oliveira", "Shirley Batista")
    assert m.authors[2] == Author("Pires", "Patrícia da Silva")


def test_bold_title_does_not_run_into_its_translation_in_roman_type() -> None:
    p = page(1, blk("REFLECTIION", size=18, bold=True),
             blk("Nursing theories and models that enhance professional practice", size=11, bold=True),
             blk("Teorias de enfermagem e modelos que fortalecem a prática profissional", size=11),
             blk("Teoría de enfermería y modelos que fortalecen la práctica profesional", size=11),
             blk("Adrize Rutz Porto 1 , Maira Buss Thofehrn 2", size=10),
             blk(BODY, size=11), blk(BODY, size=11))
    m = meta_of([p])
    assert m.title == "Nursing theories and models that enhance professional practice"
    assert m.authors[0].family == "Porto"


def test_one_word_title_with_its_author_next_is_kept() -> None:
    p = page(1, blk("GENTRIFICATION", size=20, bold=True), blk("Loretta Lees", size=12),
             blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).title == "GENTRIFICATION"


def test_letter_spaced_journal_name_between_issue_lines_is_not_the_title() -> None:
    p = page(1, blk("FORUM : QUALITATIVE", size=12.8, bold=True), blk("Volume 9, No. 2, Art. 62", size=9),
             blk("S O C IAL RES EARCH", size=12.8, bold=True), blk("May 2008", size=9),
             blk("S OZIALFORS CHUNG", size=12.8, bold=True),
             blk("Performing Proximity—\"Learning To Fly\"", size=12, bold=True),
             blk("Felicia Herrschaft", size=11), blk(BODY, size=9), blk(BODY, size=11))
    m = meta_of([p])
    assert m.title == "Performing Proximity—\"Learning To Fly\""
    assert m.authors == (Author("Herrschaft", "Felicia"),)


def test_journal_name_over_its_issue_line_is_not_the_title() -> None:
    p = page(1, blk("Journal of Statistical Software", size=27.9),
             blk("January 2007, Volume 18, Issue 3.", size=10),
             blk("TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements", size=17.2),
             blk("Katharine M. Mullen", size=12), blk("Vrije Universiteit Amsterdam", size=10.9),
             blk("Abstract", size=10), blk(BODY, size=10.9), blk(BODY, size=10.9))
    m = meta_of([p])
    assert m.title == "TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements"
    assert m.authors == (Author("Mullen", "Katharine M."),)


def test_journal_name_the_page_cites_with_volume_numbers_is_not_the_title() -> None:
    p = page(1, blk("Africa Spectrum", size=24),
             blk("Hönig, Patrick (2014), Civil Society and Land Use Policy in Uganda: The Mabira Forest Case, in: "
                 "Africa Spectrum, 49, 2, 53-77.", size=9),
             blk("ISSN: 1868-6869 (online), ISSN: 0002-0397 (print)", size=9), blk(BODY, size=10.5))
    m = meta_of([p], {"Title": "Civil Society and Land Use Policy in Uganda: The Mabira Forest Case"})
    assert m.title == "Civil Society and Land Use Policy in Uganda: The Mabira Forest Case"


def test_subtitle_naming_a_university_or_research_is_not_an_affiliation() -> None:
    p = page(1, blk("No Time to Think", size=18, bold=True),
             blk("Academics’ life in the globally wired university", size=14, bold=True),
             blk("Heather Menzies and Janice Newson", size=12, bold=True),
             blk(BODY, size=9), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "No Time to Think: Academics’ life in the globally wired university"
    assert m.authors[0] == Author("Menzies", "Heather")
    q = page(1, blk("For Whom the Gate Tolls?", size=14),
             blk("How and Why to Free the Refereed Research Literature Online Through Author/Institution "
                 "Self-Archiving, Now", size=13),
             blk("Stevan Harnad ∗", size=12), blk(BODY, size=9.5), blk(BODY, size=9.5))
    m = meta_of([q])
    assert m.title is not None and m.title.endswith("Self-Archiving, Now")
    assert m.authors == (Author("Harnad", "Stevan"),)
    # An institution under the title is still no subtitle.
    r = page(1, blk("Modelling errors in areal interpolation", size=18, bold=True),
             blk("Department of Geography, University of Leicester", size=14),
             blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([r]).title == "Modelling errors in areal interpolation"


def test_the_page_title_wins_over_an_info_title_spelt_differently() -> None:
    p = page(1, blk("discussion paper", size=15, bold=True),
             blk("First line supervision without any supervisor:", size=12),
             blk("What Do Workers Think About Groupwork?", size=12, bold=True),
             blk("Anthropological Fieldwork at Volkswagen Hanover", size=12),
             blk("Delphine Corteel*", size=12), blk(BODY, size=12), blk(BODY, size=12))
    info = {"Title": "First line supervision without any supervisor. What do workers think about groupwork? "
                     "Anthropological fieldwork at Volkswagen Hannover."}
    assert meta_of([p], info).title == ("First line supervision without any supervisor: What Do Workers Think About "
                                        "Groupwork? Anthropological Fieldwork at Volkswagen Hanover")


def test_particles_inside_names_are_not_affiliation_markers() -> None:
    assert parse_author_line("M. de Jong, MD")[0] == Author("de Jong", "M.")
    assert parse_author_line("Jie Lin a, Robert G. Cromley b,1") == (Author("Lin", "Jie"),
                                                                     Author("Cromley", "Robert G."))


def test_author_lines_with_symbol_marks_glued_initials_and_numbered_affiliations() -> None:
    assert parse_author_line("Kalpesh Krishna ♠ ∗") == (Author("Krishna", "Kalpesh"),)
    assert [a.family for a in parse_author_line("Kyle Lo†∗ Lucy Lu Wang†∗ Mark Neumann†")] == ["Lo", "Wang", "Neumann"]
    assert parse_author_line("Yu.A.Pusep1*, D.Smirnov 2 , and A.I.Toropov 3")[0] == Author("Pusep", "Yu. A.")
    assert parse_author_line("J. Raimbault1,2,3. (1) CASA, UCL, London, United Kingdom, j.raimbault@ucl.ac.uk.") == (
        Author("Raimbault", "J."),)


def test_names_run_into_their_institution_or_into_each_other() -> None:
    assert parse_author_line("D. H. Jakubassa-Amundsen Mathematics Institute, University of Munich, "
                             "Theresienstrasse 39, 80333 Munich") == (Author("Jakubassa-Amundsen", "D. H."),)
    assert parse_author_line("Ruifang Ge Raymond J. Mooney Department of Computer Sciences University of Texas") == (
        Author("Ge", "Ruifang"), Author("Mooney", "Raymond J."))


def test_names_set_side_by_side_are_read_left_to_right() -> None:
    from dataclasses import replace

    p = page(1, blk("Smooth Sensitivity and Sampling in Private Data Analysis", size=18, bold=True),
             blk("Sofya Raskhodnikova", size=12), blk("Kobbi Nissim", size=12), blk("Adam Smith", size=12),
             blk("Dept. of Computer Science", size=10), blk(BODY, size=9), blk(BODY, size=9))
    b = list(p.blocks)
    row = b[1].top
    b[1] = replace(b[1], x0=240.0, x1=360.0)
    b[2] = replace(b[2], x0=100.0, x1=180.0, top=row, bottom=b[1].bottom)
    b[3] = replace(b[3], x0=400.0, x1=480.0, top=row, bottom=b[1].bottom)
    m = meta_of([replace(p, blocks=tuple(b))])
    assert [a.family for a in m.authors] == ["Nissim", "Raskhodnikova", "Smith"]


def test_years_from_journal_year_volume_line_series_number_and_suggested_citation() -> None:
    p = page(1, blk("International Psychogeriatrics (2014), 26:1, 147–154", size=8),
             blk("Stressful life events are not associated with the development of dementia", size=16),
             blk("Anna Sundström", size=11), blk("Received 9 May 2013; accepted 18 Sep 2013.", size=8),
             blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).year == 2014
    q = page(1, blk("Working Paper Series of the Research Network 1989", size=16, bold=True),
             blk("Working Paper 2/2008 ISSN 1867-2833", size=14, bold=True),
             blk("EU-focused knowledge and its potential for mobilization", size=20, bold=True),
             blk("Karin Pieper", size=12, bold=True), blk(BODY, size=12), blk(BODY, size=12))
    assert meta_of([q]).year == 2008
    r = page(1, blk("National business systems and the international transfer of industrial models", size=18),
             blk("Dörrenbächer, Christoph", size=13),
             blk("Empfohlene Zitierung / Suggested Citation:", size=9, bold=True),
             blk("Dörrenbächer, Christoph ; Wissenschaftszentrum Berlin für Sozialforschung gGmbH (Ed.): National "
                 "business systems and the international transfer of industrial models. Berlin, 2002 (Discussion "
                 "Papers 02-102). http://nbn-resolving.de/urn:nbn:de:0168-ssoar-112461", size=9),
             blk(BODY, size=12), blk(BODY, size=12))
    assert meta_of([r]).year == 2002


def test_line_numbered_draft_keeps_its_date_line_and_loses_the_title_note_mark() -> None:
    p = page(1, blk("Quantitative Finance", size=10, bold=True),
             blk("LOCAL LIKELIHOOD ESTIMATORS IN A REGRESSION", size=12, bold=True),
             blk("MODEL FOR STOCK RETURNS 1", size=12, bold=True), blk("Uwe Christian Jönck", size=10, bold=True),
             blk("5 6", size=10), blk("Department Mathematik (SPST), Universität Hamburg", size=10),
             blk("7 8", size=10), blk("Bundesstr. 55, 20146 Hamburg, Germany", size=10), blk("9 10", size=10),
             blk("30 March 2007", size=10), blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "Local Likelihood Estimators in a Regression Model for Stock Returns"
    assert m.year == 2007


def test_creation_date_of_a_file_that_cites_nothing_readable_is_not_guessed() -> None:
    # A scan read without OCR (or a garbled layer): no cited years, so the file's date (the scanner's) says nothing.
    p = page(1, blk("\x03\x04\x05 \x06\x07", size=10), blk("\x0e\x0f", size=10))
    assert meta_of([p], {"CreationDate": "D:20110512053740"}).year is None


def test_names_over_the_title_with_an_abstract_column_beside_it() -> None:
    from dataclasses import replace

    abstract = "This article is devoted to the Northern Dimension initiative of the EU which also includes Russia"
    p = page(1, blk("Irina Busygina Mikhail Filippov", size=12, bold=True), blk(abstract, size=9),
             blk("NORTHERN DIMENSION:", size=11, bold=True),
             blk("perspective can be considered as part of strategic multi-level interactions between", size=9),
             blk("PARTICIPANT", size=11, bold=True), blk("STRATEGIES", size=11, bold=True),
             blk("Key words: European Union (EU), Russia, cross-border cooperation", size=10),
             blk(BODY, size=11), blk(BODY, size=11), blk(BODY, size=11))
    left, right = dict(x0=127.0, x1=260.0), dict(x0=281.0, x1=473.0)
    b = [replace(x, **(right if k in (1, 3, 6) else left)) for k, x in enumerate(p.blocks)]
    p = replace(p, blocks=tuple(b), furniture=("Irina Busygina, Mikhail Filippov",))
    m = meta_of([p])
    assert m.title == "Northern Dimension: Participant Strategies"
    assert [a.family for a in m.authors] == ["Busygina", "Filippov"]
    # A title whose first parts read as names is still the title.
    q = page(1, blk("Health Shocks, Job Quality, and Self-Employment in Africa ∗", size=18),
             blk("Justin Monk and Francis Teal", size=12), blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([q]).title == "Health Shocks, Job Quality, and Self-Employment in Africa"


def test_title_in_capitals_at_text_size_with_a_labelled_numbered_author_list() -> None:
    title = ("INTERGENERATIONAL SUPPORT AND REPRODUCTION OF GENDER INEQUALITIES: A CASE STUDY FROM WESTERN AND "
             "EASTERN GERMANY")
    p = page(1, blk(title, size=12, bold=True),
             blk("Authors 1. Andreas Klärner, associate professor at: University of Hamburg, Department of Social "
                 "Economics", size=12, bold=True),
             blk("2. Sylvia Keim, assistant professor at: University of Rostock", size=12, bold=True),
             blk(BODY, size=12), blk(BODY, size=12))
    m = meta_of([p])
    assert m.title == ("Intergenerational Support and Reproduction of Gender Inequalities: A Case Study from Western and "
                       "Eastern Germany")  # in capitals and lower case, as a reference list cites it
    assert m.authors[0] == Author("Klärner", "Andreas")


def test_author_line_last_in_a_block_of_subtitle_lines() -> None:
    from dataclasses import replace

    lines = ("Report to the ISSP General Assembly", "on monitoring work undertaken for the ISSP", "by ZUMA, Germany",
             "Evi Scholz, Janet Harkness and Timo Faaß")
    sub = replace(blk(" ".join(lines), size=12, bold=True), lines=lines)
    p = page(1, blk("ZUMA Methodenbericht 2005/08", size=12), blk("ISSP Study Monitoring 2003", size=13.9, bold=True),
             sub, blk("November 2005", size=12, bold=True), blk(BODY, size=12), blk(BODY, size=12))
    m = meta_of([p])
    assert [a.family for a in m.authors] == ["Scholz", "Harkness", "Faaß"]


def test_book_review_is_titled_by_the_book_and_authored_by_its_reviewers() -> None:
    from dataclasses import replace

    first = page(1, blk("health: An Interdisciplinary Journal Copyright © 2007 SAGE", size=8),
                 blk("Book review", size=16), blk("Vol 12(1): 133–135", size=8),
                 blk("Dolly Mixtures: The Remaking of Genealogy", size=11, bold=True),
                 blk("Sarah Franklin. Durham, NC, Duke University Press, 2007. 253 pp. ISBN 13 978–0-8223–3903–8",
                     size=10),
                 blk(BODY, size=10), blk(BODY, size=10))
    signed = ("Gwendolyn Blue", "University of Calgary", "Melanie Rock", "University of Calgary")
    last = page(2, blk(BODY, size=10), replace(blk(" ".join(signed), size=10), lines=signed), blk("135", size=10))
    m = meta_of([first, last])
    assert m.title == "Book review: Dolly Mixtures: The Remaking of Genealogy"
    assert [a.family for a in m.authors] == ["Blue", "Rock"]


def test_info_author_takes_the_spelling_the_page_prints() -> None:
    p = page(1, blk("Africa Spectrum", size=24),
             blk("Hönig, Patrick (2014), Civil Society and Land Use Policy in Uganda, in: Africa Spectrum, 49, 2, 53-77.",
                 size=9), blk(BODY, size=10.5))
    m = meta_of([p], {"Title": "Civil Society and Land Use Policy in Uganda", "Author": "Patrick Hoenig"})
    assert m.authors == (Author("Hönig", "Patrick"),)


def test_a_title_naming_a_department_as_its_place_is_not_cut_there() -> None:
    from litmap.parse.metadata_title import sane_title

    t = ("Understanding the barriers to setting up a healthcare quality improvement process: a situational analysis "
         "at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi")
    assert sane_title(t) == t
    assert sane_title("Unequal Displacement in Philadelphia Jane Doe Department of Sociology, Stanford") == (
        "Unequal Displacement in Philadelphia Jane Doe")


def test_text_file_masthead_is_read_from_its_head_not_a_reference_line(tmp_path) -> None:
    from litmap.read.textfiles import read_text_file
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.structure import structure_document

    refs = "\n\n".join(f"Author{k}, A. ({2000 + k % 9}). A study of arsenic.\n\n      Science 314(5806):1687-1688."
                       for k in range(60))
    body = "\n\n".join(["Arsenic in groundwater is studied across many wells in the delta region. " * 4] * 50)
    text = ("THE FATE OF ARSENIC\n\nA DISSERTATION SUBMITTED TO THE DEPARTMENT OF CIVIL ENGINEERING\n\n"
            "LUCAS PUENTE\nJULY 2015\n\n" + body + "\n\nReferences\n\n" + refs + "\n")
    p = tmp_path / "thesis.txt"
    p.write_text(text, encoding="utf-8")
    ep = read_text_file(str(p))
    m = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert m.year != 5806 and m.journal is None
    assert all(a.family != "July" for a in m.authors)


def test_institution_names_in_capitals_and_dates_after_names() -> None:
    from litmap.parse.metadata_authors import looks_like_institution

    assert looks_like_institution("A DISSERTATION SUBMITTED TO THE DEPARTMENT OF POLITICAL SCIENCE")
    assert looks_like_institution("STANFORD UNIVERSITY")
    assert not looks_like_institution("Academics’ life in the globally wired university")
    assert parse_author_line("LUCAS PUENTE JULY 2015") == (Author("Puente", "Lucas"),)


def test_text_head_with_a_by_line_between_title_and_names(tmp_path) -> None:
    from litmap.read.textfiles import read_text_file
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.structure import structure_document

    p = tmp_path / "paper.txt"
    p.write_text("Thin-film Magneto-Inductive Cables\nby\nR.R.A.Syms * , L.Solymar, I.R.Young and T.Floume\nAbstract\n"
                 + BODY + "\n", encoding="utf-8")
    ep = read_text_file(str(p))
    m = extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)
    assert [a.family for a in m.authors][:2] == ["Syms", "Solymar"]
    assert m.title == "Thin-film Magneto-Inductive Cables"


def test_text_head_title_line_that_reads_as_a_name_over_the_author_lines() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("THE COMPLEXITY OF COMPUTING\nMAXIMAL WORD FUNCTIONS\nEric Allender, Danilo Bruschi\n"
                    "and Giovanni Pighizzini\nAbstract.\n" + BODY)
    assert m.title == "THE COMPLEXITY OF COMPUTING MAXIMAL WORD FUNCTIONS"
    assert [a.family for a in m.authors] == ["Allender", "Bruschi", "Pighizzini"]
    # Two names stacked under a title stay names.
    m = text_header("Housing class revisited in Helsinki\nJane Doe\nJohn Smith\nAbstract\n" + BODY)
    assert m.title == "Housing class revisited in Helsinki" and [a.family for a in m.authors] == ["Doe", "Smith"]
    assert [a.family for a in parse_author_line("Mirta B. Gordon (1), Jean-Pierre Nadal (2,3),")] == ["Gordon", "Nadal"]


def test_text_heads_from_pdftotext_history_lines_by_lines_and_title_lines_that_read_as_names() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("Rev World Econ (2009) 145:469–488\nDOI 10.1007/s10290-009-0022-5\nORIGINAL PAPER\n\n"
                    "Driving forces of vertical intra-industry trade\nin Europe 1996–2005\nLars Jensen Æ Teit Lüthje\n\n"
                    "Published online: 11 August 2009\n\nAbstract A common feature in the empirical literature of "
                    "intra-industry trade is\n" + BODY)
    assert m.title == "Driving forces of vertical intra-industry trade in Europe 1996–2005"
    assert [a.family for a in m.authors] == ["Jensen", "Lüthje"]
    m = text_header("ABSTRACT\nDiffusion of ISO 9000 Standards and International Trade\nby Michal Grajek*\n"
                    "Investigating the link between ISO 9000 standards and bilateral exports, this\n" + BODY)
    assert m.title == "Diffusion of ISO 9000 Standards and International Trade"
    assert m.authors[0].family == "Grajek"
    m = text_header("TIMP: An R Package for Modeling Multi-way\nSpectroscopic Measurements\nKatharine M. Mullen\n"
                    "Ivo H. M. van Stokkum\nVrije Universiteit Amsterdam\nAbstract\n" + BODY)
    assert m.title == "TIMP: An R Package for Modeling Multi-way Spectroscopic Measurements"
    assert [a.family for a in m.authors] == ["Mullen", "van Stokkum"]


def test_text_heads_with_publisher_lines_lone_affiliation_letters_and_spaced_labels() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("Popul Res Policy Rev (2007) 26:619–633\n\nAreal Interpolation of Population Counts\n"
                    "Using Pre-classified Land Cover Data\nMichael Reibel Æ Aditya Agrawal\n\n"
                    "Published online: 19 September 2007\n Springer Science+Business Media B.V. 2007\n\n"
                    "Abstract The need to combine spatial data representing sociodemographic information\n" + BODY)
    assert m.title == "Areal Interpolation of Population Counts Using Pre-classified Land Cover Data"
    assert [a.family for a in m.authors] == ["Reibel", "Agrawal"]
    m = text_header("Applied Geography 66 (2016) 100e108\n\nDasymetric modeling: A hybrid approach using land cover "
                    "and tax\nparcel data for mapping population in Alachua County, Florida\nPeng Jia a, *, Andrea E. "
                    "Gaughan b\na\nb\n\nDepartment of Epidemiology, University at Buffalo, Buffalo, NY, USA\n\n"
                    "a r t i c l e i n f o\n\na b s t r a c t\n" + BODY)
    assert m.title == ("Dasymetric modeling: A hybrid approach using land cover and tax parcel data for mapping "
                       "population in Alachua County, Florida")
    assert [a.family for a in m.authors] == ["Jia", "Gaughan"]


def test_text_heads_with_an_inline_abstract_label_an_address_tail_and_article_info() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("J Geograph Syst (1999) 1:323±346\n\nAccuracy of areal interpolation: A comparison of\n"
                    "alternative methods\nYukio Sadahiro\nCenter for Spatial Information Science University of Tokyo, "
                    "7-3-1, Hongo,\nTokyo 113-8656, Japan\n(e-mail: sada@okabe.t.u-tokyo.ac.jp)\n"
                    "Received: 19 February 1999 / Accepted 17 September 1999\n\n"
                    "Abstract. This paper discusses the accuracy of spatial data estimated by areal\n" + BODY)
    assert m.title == "Accuracy of areal interpolation: A comparison of alternative methods"
    assert [a.family for a in m.authors] == ["Sadahiro"]
    m = text_header("Computers, Environment and Urban Systems 54 (2015) 23–31\n\nA local polycategorical approach "
                    "to areal interpolation\nJie Lin a,⁎, Robert G. Cromley b,1\na\nb\n\nSchool of Earth Sciences, "
                    "Zhejiang University, Hangzhou 310027, PR China\n\na r t i c l e\n\ni n f o\n\nArticle history:\n"
                    "Received 2 December 2014\n\nKeywords:\nAreal interpolation\nDasymetric mapping\n\n"
                    "a b s t r a c t\n" + BODY)
    assert m.title == "A local polycategorical approach to areal interpolation"
    assert [a.family for a in m.authors] == ["Lin", "Cromley"]


def test_text_title_block_running_into_its_author_line_is_cut_there(tmp_path) -> None:
    from litmap.read.textfiles import read_text_file
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.structure import structure_document

    def meta(text: str):
        p = tmp_path / "paper.txt"
        p.write_text(text, encoding="utf-8")
        ep = read_text_file(str(p))
        return extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)

    m = meta("Information Synthesis for Answer Validation\nRui Wang1 and Günter Neumann2\n1 Saarland University\n"
             "66123 Saarbrücken, Germany\nrwang@coli.uni-sb.de\n\n" + BODY + "\n")
    assert m.title == "Information Synthesis for Answer Validation"
    from litmap.parse.metadata_text import trim_at_name_line

    head = "Decentralized Fusion with Relative Measurements for\nDelayed Sensor Networks *\nQuanbo Ge\n"
    title = "Decentralized Fusion with Relative Measurements for Delayed Sensor Networks *"
    assert trim_at_name_line(title, head) == title  # never cut where the kept part dangles


def test_text_head_names_under_a_layout_title_and_affiliation_letters_on_their_own_line() -> None:
    from litmap.parse.metadata_text import names_after_title, strip_line_markers

    head = ("Information Synthesis for Answer Validation\nRui Wang1 and Günter Neumann2\n1\n\nSaarland University\n")
    assert [a.family for a in names_after_title("Information Synthesis for Answer Validation", head)] == [
        "Wang", "Neumann"]
    head = ("Multivariate Areal Interpolation for\nContinuous and Count Data\nKonstantin Krivoruchkoa, Alexander "
            "Gribova, Eric Krausea\na\n\nEnvironmental Systems Research Institute, 380 New York St, Redlands\n")
    names = parse_author_line("Konstantin Krivoruchkoa, Alexander Gribova, Eric Krausea")
    assert [a.family for a in strip_line_markers(names, head)] == ["Krivoruchko", "Gribov", "Krause"]
    # Names that end in the letter and are printed so elsewhere keep it.
    assert strip_line_markers(names, head + "Contact: Eric Krausea, krausea@esri.com\n") == names


def test_text_year_from_a_date_line_in_the_head_not_a_citation_in_the_body(tmp_path) -> None:
    from litmap.read.textfiles import read_text_file
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.structure import structure_document

    body = "\n\n".join(f"Later work revised the theory (PARIN, 1983). Copyright 1983 Elsevier. [{k}] " * 3
                       for k in range(50))
    p = tmp_path / "fqs.txt"
    p.write_text("FORUM: QUALITATIVE\nSOCIAL RESEARCH\nSOZIALFORSCHUNG\n\nVolume 13, No. 3, Art. 22\nSeptember 2012\n\n"
                 "Socialization, Language, and Scenic Understanding\nHenning Salling Olesen & Kirsten Weber\n"
                 "Key words: culture\n\n" + body + "\n", encoding="utf-8")
    ep = read_text_file(str(p))
    assert extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata).year == 2012


def test_text_heads_with_an_abstract_label_run_in_rules_and_a_date_under_the_affiliation() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("Performative Social Science and Psychology\nMary M. Gergen & Kenneth J. Gergen ∗\n"
                    "Abstract: »Performative Sozialwissenschaft und Psychologie«. This article\n" + BODY)
    assert m.title == "Performative Social Science and Psychology" and m.authors[0].family == "Gergen"
    m = text_header("Health and Self-Employment in Africa∗\nCourtney Monk and Francis Teal\nCentre for the Study of "
                    "African Economies\nUniversity of Oxford\nJanuary 2008\nAbstract\n" + BODY)
    assert m.title == "Health and Self-Employment in Africa" and m.authors[0].family == "Monk"
    assert m.year == 2008
    m = text_header("Democratic Values of Young People\n" + "_" * 60 + "\nGanka Cvetanova and Bojana Naumovska\n"
                    "Institute for Sociological, Political and Legal Research\nDate of submission: March 17th, 2015\n"
                    + "_" * 60 + "\nAbstract\n" + BODY)
    assert m.authors[0].family == "Cvetanova"


def test_text_file_read_whole_as_a_cover_page_does_not_crash(tmp_path) -> None:
    from litmap.read.textfiles import read_text_file
    from litmap.parse.metadata import extract_metadata
    from litmap.parse.structure import structure_document

    # A cover note whose citation line has no "(year)": no cover year, and no content page after the cover.
    p = tmp_path / "cover.txt"
    p.write_text("Conference Series: Materials Science\nPAPER • OPEN ACCESS\nHousing markets in a northern region\n"
                 "To cite this article: Anna Author 2019 Conf. Ser.: Mater. Sci. Eng. 667 012027\n\n" + BODY + "\n",
                 encoding="utf-8")
    ep = read_text_file(str(p))
    extract_metadata(ep.pages, structure_document(ep.pages), ep.pdf_metadata)  # no IndexError
