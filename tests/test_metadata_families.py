"""Header failure families found on the tune half of benchmarks/gold/headers.jsonl (issue 18), each on
hand-built blocks: the rule, not the paper."""

from __future__ import annotations

from litmap.models import Author
from litmap.parse.metadata import parse_author_line
from tests.test_metadata import BODY, blk, meta_of, page


def test_repository_cover_lists_family_first_names_separated_by_semicolons() -> None:
    assert parse_author_line("Della Porta, Donatella; Caiani, Manuela") == (
        Author("Della Porta", "Donatella"), Author("Caiani", "Manuela"))
    assert parse_author_line("Andrews, David L.; Bustad, Jacob J.")[0] == Author("Andrews", "David L.")


def test_an_address_with_digits_is_no_author() -> None:
    assert parse_author_line("ZUMA Quadrat B2, 1 Postfach 12 21 55 D- 68072 Mannheim") == ()


def test_series_line_above_the_title_is_no_author_and_the_subtitle_joins_the_title() -> None:
    p = page(1, blk("114 Reihe Politikwissenschaft Political Science Series", size=14, bold=True),
             blk("The Two Futures of Governing", size=24, bold=True),
             blk("Decentering and Recentering Processes in Governing", size=20),
             blk("B. Guy Peters", size=12, bold=True), blk("January 2008", size=12),
             blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "The Two Futures of Governing: Decentering and Recentering Processes in Governing"
    assert m.authors == (Author("Peters", "B. Guy"),)
    assert m.year == 2008


def test_journal_name_in_large_type_between_issue_lines_is_not_the_title() -> None:
    p = page(1, blk("FORUM: QUALITATIVE", size=12.8), blk("Volume 13, No. 3, Art. 22", size=9),
             blk("SOCIAL RESEARCH", size=12.8), blk("September 2012", size=9), blk("SOZIALFORSCHUNG", size=12.8),
             blk("Socialization, Language, and Scenic Understanding", size=12),
             blk("Henning Salling Olesen & Kirsten Weber", size=11), blk(BODY, size=9), blk(BODY, size=11))
    m = meta_of([p])
    assert m.title == "Socialization, Language, and Scenic Understanding"
    assert m.year == 2012


def test_chapter_label_is_not_the_title() -> None:
    p = page(1, blk("Chapter 8", size=14, bold=True),
             blk("FREE MOVEMENT OF CAPITAL AND THE REAL ESTATE MARKET IN CROATIA", size=14),
             blk("Dubravko Mihaljek*", size=10), blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).title == "Free Movement of Capital and the Real Estate Market in Croatia"  # cased as cited


def test_marked_author_above_the_title_and_name_after_a_question_title() -> None:
    p = page(1, blk("Carola Frege *", size=18),
             blk("Co-operative Workplace Relations in East Germany? A Study of Works Councils", size=18),
             blk(BODY, size=14), blk(BODY, size=14))
    m = meta_of([p])
    assert m.title == "Co-operative Workplace Relations in East Germany? A Study of Works Councils"
    assert m.authors[0].family == "Frege"
    q = page(1, blk("Participatory Rural Appraisal: Lessons for Countries in the North?", size=14),
             blk("Julia Preece", size=14), blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([q]).title == "Participatory Rural Appraisal: Lessons for Countries in the North?"


def test_old_jstor_cover_gives_title_and_author_above_the_source_line() -> None:
    cover = page(1, blk("From Managerialism to Entrepreneurialism: The Transformation in Urban", size=11.6, kind="cover"),
                 blk("STOR", size=18.6, kind="cover"), blk("Governance in Late Capitalism", size=11.6, kind="cover"),
                 blk("®", size=9, kind="cover"), blk("David Harvey", size=11.5, kind="cover"),
                 blk("Geografiska Annaler. Series B, Human Geography, Vol. 71, No.1, The Roots of Geographical Change: "
                     "1973 to the Present. (1989), pp. 3-17.", kind="cover"),
                 blk("Stable URL: http://links.jstor.org/sici?sici=0435-3684", kind="cover"))
    m = meta_of([cover, page(2, blk(BODY), blk(BODY))])
    assert m.title == "From Managerialism to Entrepreneurialism: The Transformation in Urban Governance in Late Capitalism"
    assert m.authors == (Author("Harvey", "David"),)
    assert m.year == 1989


def test_years_from_date_with_issn_german_volume_line_and_own_citation() -> None:
    a = page(1, blk("What Do Workers Think About Groupwork?", size=16), blk("Delphine Corteel*"),
             blk("January 2001 ISSN Nr. 1011-9523"), blk(BODY), blk(BODY))
    assert meta_of([a]).year == 2001
    b = page(1, blk("Co-operative Workplace Relations in East Germany", size=18), blk("Carola Frege", size=12),
             blk(BODY), blk("Industrielle Beziehungen, 4. Jg., Heft 3, 1997", size=8))
    assert meta_of([b]).year == 1997
    c = page(1, blk("OUTLOOKS FOR THE LEGAL FRAMING OF PARADIPLOMACY: THE CASE OF BRAZIL", size=14),
             blk("by Marinana Andrade e Barros"), blk(BODY),
             blk("Marinana Andrade e Barros 2010, “Outlooks for the legal framing of Paradiplomacy: The case of "
                 "Brazil”, Federal Governance, vol. 7 no. 3, pp. 39-49."))
    assert meta_of([c]).year == 2010


def test_web_page_title_loses_its_site_name() -> None:
    p = page(1, blk("Asking Survey Respondents about Reasons for Their Behavior", size=10), blk(BODY), blk(BODY))
    m = meta_of([p], {"Title": "Asking Survey Respondents about Reasons for Their Behavior | Survey Methods: Insights"})
    assert m.title == "Asking Survey Respondents about Reasons for Their Behavior"


def test_numbered_chapter_heading_with_its_author_gives_title_and_author() -> None:
    from dataclasses import replace

    heading = replace(blk("15. New-build gentrification Mark Davidson", size=11),
                      lines=("15. New-build gentrification", "Mark Davidson"))
    p = page(1, blk("246 Handbook of gentrification studies", size=8),
             blk("Rolnik, R. (2013) Late neoliberalism, International Journal of Urban and Regional Research.", size=6),
             heading, blk("15.1 INTRODUCTION", size=9.5), blk(BODY, size=7.5), blk(BODY, size=7.5))
    m = meta_of([p])
    assert m.title == "New-build gentrification"
    assert m.authors == (Author("Davidson", "Mark"),)


def test_academic_ranks_are_not_names_and_pdf_info_authors_are_read_family_first() -> None:
    assert parse_author_line("Associate Professor Michael PHILLIPS-ANDERSON") == (
        Author("Phillips-Anderson", "Michael"),)
    p = page(1, blk("Consumer Surplus vs. Welfare Standard in a Political Economy Model", size=14),
             blk(BODY), blk(BODY))
    m = meta_of([p], {"Author": "Neven, Damien J.; Röller, Lars-Hendrik"})
    assert [a.family for a in m.authors] == ["Neven", "Röller"]


def test_the_abstract_in_the_body_s_language_is_read_before_a_longer_translation() -> None:
    english = ("Areal interpolation has been developed to provide attribute estimates whenever data compilation "
               "or an analysis requires a change in the measurement support. Quantile regression is used in this "
               "study as the basis of the interpolator because it provides estimates conditioned on local parameters. "
               "An empirical case study is provided using a data set in northern New England.")
    spanish = ("La interpolación areal ha sido desarrollada para proveer estimativos de atribución cuandoquiera "
               "que la compilación de datos o un análisis requiera un cambio en el apoyo de la medición. La "
               "regresión de cuantiles se utiliza en este estudio como la base del interpolador areal porque "
               "esta proporciona estimativos condicionados en parámetros locales en vez de globales. Se presenta un "
               "estudio empírico de caso en el que se utilizó un conjunto de datos referidos a la parte norte de Nueva "
               "Inglaterra.")
    p = page(1, blk("A Quantile Regression Approach to Areal Interpolation", size=18, bold=True),
             blk("Robert G. Cromley and Dean M. Hanink", size=12), blk(english, size=9), blk(spanish, size=9))
    q = page(2, blk("Introduction", size=12, bold=True), blk(BODY, size=10), blk(BODY, size=10))
    assert (meta_of([p, q]).abstract or "").startswith("Areal interpolation has been developed")
