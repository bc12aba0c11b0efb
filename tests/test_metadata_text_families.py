"""Text-file heads (litmap.parse.metadata_text): the failure families of real text exports, on generated heads."""

from __future__ import annotations

import pytest

from litmap.parse.metadata_text import glued_title_tail, strip_line_markers, text_header, volume_line_year

_LICENCE_OVER_TITLE = """Citation: Li, X.; Wu, Y. Urban Villages
and Tourism. Land 2021, 10, 88.
Copyright: © 2021 by the authors.
Attribution (CC BY) license (https://
creativecommons.org/licenses/by/
4.0/).
land
Article
Urban Villages and the Tourism Economy in
Southern Yunnan
Xia Li *, Yong Wu and Mei Chen
School of Geography, Yunnan University, Kunming 650091, China
*Correspondence: xli@ynu.edu.cn
Abstract: This paper studies urban villages in southern Yunnan and the tourism economy that grew there.
"""


def test_licence_fragments_journal_name_and_label_over_a_title_are_left_out() -> None:
    meta = text_header(_LICENCE_OVER_TITLE)
    assert meta.title == "Urban Villages and the Tourism Economy in Southern Yunnan"
    assert meta.authors and meta.authors[0].family == "Li"


def test_a_footnote_digit_glued_before_the_title_is_dropped() -> None:
    head = """Conference Series: Earth Sciences
1Housing markets and the rental sector in provincial Russia
Anna Petrova1, Ivan Sokolov2
1Ural Federal University, Yekaterinburg, Russia
Abstract. Many researchers deal with the rental housing market in Russia and its development.
"""
    assert text_header(head).title == "Housing markets and the rental sector in provincial Russia"


@pytest.mark.parametrize("line, tail", [
    ("0264-2751/© 2022 The Author. This is an open access article under the CC BY license ( http://creativecommons"
     ".org/licenses/by/4.0/ ).Rethinking displacement in the", "Rethinking displacement in the"),
    ("Included in the Collection (https://example.org/business/)Gentrification and affordable",
     "Gentrification and affordable"),
    ("seen elsewhere and hardly unique to the region (Gotham, 2001; Harvey, The State and New-build Gentrification",
     "The State and New-build Gentrification"),
    ("a plain body line without any glued title in it at all", None),
])
def test_the_start_of_a_title_glued_onto_a_junk_line(line: str, tail: str | None) -> None:
    assert glued_title_tail(line) == tail


@pytest.mark.parametrize("head, year", [
    ("Urban Studies\n2016, Vol. 53(3) 615–625\n© Urban Studies Journal Limited 2015", 2016),
    ("Journal of the Society  (Hum.), Vol. 66(1), 2021, pp. 61-81", 2021),
    ("Tijdschrift voor Geografie – 2024, DOI:10.1111/tesg.1, Vol. 115, No. 1, pp. 81–95.\n© 2023 Society", 2024),
    ("Received 3 May 2024; Accepted 12 November 2024Cities  157 (2025)  105586", 2025),
    ("Published online: 9 August 2019\n© Springer Nature B.V. 2019\n123GeoJournal (2021) 86:133–143", 2021),
    ("To cite this article: Anna Petrova 2019 IOP Conf. Ser.: Earth Sci. 667 012027", 2019),
    ("Published online: 9 August 2019\n© Springer Nature B.V. 2019", None),
    ("Since 2012 (Smith 2010) some 45 people moved in", None),
])
def test_the_volume_or_citation_year_is_read_not_the_online_or_copyright_year(head: str, year: int | None) -> None:
    assert volume_line_year(head) == year


def test_a_title_glued_after_an_e_mail_address() -> None:
    line = "Jane Roe, Department of Sociology, Main Street, Cambridge, MA 02138 E-mail: jroe@fas.uni.eduDivergent Paths of"
    assert glued_title_tail(line) == "Divergent Paths of"


def _authors(line: str) -> tuple:
    from litmap.parse.metadata_authors import parse_author_line

    return parse_author_line(line)


def test_affiliation_letters_glued_to_surnames_are_stripped_when_the_affiliation_is_glued_too() -> None:
    head = "A Title of Some Length Here\nJane Roea and Robert J. Smitha\naHarvard University\nAbstract"
    out = strip_line_markers(_authors("Jane Roea and Robert J. Smitha"), head)
    assert [a.family for a in out] == ["Roe", "Smith"]


def test_one_marked_surname_is_stripped_where_the_head_prints_it_without_the_letter() -> None:
    head = ("Title\nJackie Hwanga and Robert Costa\naHarvard University\nbYale University\n"
            "Corresponding Author:\nJackie Hwang, Department of Sociology, Harvard University")
    out = strip_line_markers(_authors("Jackie Hwanga and Robert Costa"), head)
    assert [a.family for a in out] == ["Hwang", "Costa"]


def test_surnames_ending_in_a_marker_letter_stay_without_evidence() -> None:
    head = "Title\nMaria Costa and Ana Silva\naUniversity of Lisbon\nContact: maria.costa@ulisboa.pt, Maria Costa"
    out = strip_line_markers(_authors("Maria Costa and Ana Silva"), head)
    assert [a.family for a in out] == ["Costa", "Silva"]


def test_a_title_glued_after_a_licence_line_and_broken_after_in_the_is_read_whole() -> None:
    head = ("Cities 130 (2022) 103881\n0264-2751/© 2022 The Author. Open access under the CC BY license "
            "( http://creativecommons.org/licenses/by/4.0/ ).Rethinking state-led renewal in the\nGlobal South-East\n"
            "Yael Cohen-Levi\nDepartment of Sociology, University of California San Diego, United States\n"
            "ARTICLE INFO\nKeywords:\nRenewal\nABSTRACT\nStudies of renewal emphasise the roles of the state.")
    meta = text_header(head)
    assert meta.title == "Rethinking state-led renewal in the Global South-East"
    assert meta.authors and meta.authors[0].family == "Cohen-Levi"


def test_a_title_line_in_lower_case_over_the_names_is_no_address() -> None:
    head = ("the first lines of the body stand over the head in this export of the page and\n"
            "are hardly unique to the region (Gotham, 2001; Harvey, The State and New-build Renewal\n"
            "in Central Cape Town, South Africa\nGustav Roe and Nico Doe\n[Paper first received, February 2008]\n"
            "Abstract\nThe objective of this investigation is to assess the relevance of current trends.")
    assert text_header(head).title == "The State and New-build Renewal in Central Cape Town, South Africa"


@pytest.mark.parametrize("head, title, first", [
    # a note mark glued to "and", and a title whose words parse as two names but are mostly no names
    ("Health Shocks, Job Quality, and Self-Employment in Africa∗\nCourtney Monk†and Francis Teal\n"
     "Department of Economics\nUniversity of Oxford\nJanuary 2008\nAbstract\nThis paper examines occupations.",
     "Health Shocks, Job Quality, and Self-Employment in Africa", "Monk"),
    # the title's second line opening in lower case, over a name line of four words
    ("Time Perspective and Correlates\nof Wellbeing\nLisa Drake, Elaine Duncan, Fi Sutherland,\n"
     "Clare Abernethy and Colette Henry\n\nABSTRACT. This study investigated correlates of time perspectives.",
     "Time Perspective and Correlates of Wellbeing", "Drake"),
    # the title's last line a lone lower-case word
    ("No Time to Think\nAcademics’ life in the globally wired\nuniversity\nHeather Menzies and Janice Newson\n\n"
     "ABSTRACT. This article reports on a study of how academics use on-line technologies.",
     "No Time to Think Academics’ life in the globally wired university", "Menzies"),
    # a title line with its note mark, under a line ending in ":", read as one name
    ("Fatherhood in the Context of Migration:\nAn Intergenerational Approach1\nJulia Brannen\nAbstract\n"
     "This paper examines fatherhood from an intergenerational perspective.",
     "Fatherhood in the Context of Migration: An Intergenerational Approach", "Brannen"),
    # a city and its country under the affiliation, read as "Family, Given"
    ("Housing markets and the rental sector in Russia\nEvgeniya Yurievna Gorbachevskaya1,\n"
     "1Irkutsk National Research Technical University Department of\n"
     "Real Estate Survey and Management, 83 Lermontov st., 664074,\nIrkutsk, Russia\n"
     "Abstract . Many researchers deal with the rental housing market in Russia and its mechanisms.",
     "Housing markets and the rental sector in Russia", "Gorbachevskaya"),
])
def test_title_lines_and_name_lines_told_apart(head: str, title: str, first: str) -> None:
    meta = text_header(head)
    assert meta.title == title
    assert meta.authors and meta.authors[0].family == first


@pytest.mark.parametrize("line, families", [
    ("SONG Weixuan1, WU Qiyan2", ["Song", "Wu"]),            # the family name first, in capitals
    ("ZHANG Xiao Ming", ["Zhang"]),
    ("JANE DOE and John Smith", ["Doe", "Smith"]),            # a whole name in capitals: given name first
])
def test_a_family_name_printed_first_in_capitals(line: str, families: list[str]) -> None:
    assert [a.family for a in _authors(line)] == families


def test_names_set_over_the_title() -> None:
    head = ("\t 14 Łukasz Nowak1 \n \n\t\nSuper -gentrification in a post- socialist city on the example of Poland  \n"
            " \n  \nAbstract:  The multidimensional process of gentrification is one of the most common processes.")
    meta = text_header(head)
    assert meta.title == "Super-gentrification in a post-socialist city on the example of Poland"
    assert [a.family for a in meta.authors] == ["Nowak"]


def test_one_name_a_line_over_the_title_and_no_keyword_label_as_title() -> None:
    head = ("Irina Petrova\nMikhail Orlov\nNORTHERN DIMENSION:\nPARTICIPANT\nSTRATEGIES\n\n"
            "This article is devoted to the initiative of the EU which also includes North-West Russia and Norway.")
    meta = text_header(head)
    assert meta.title == "NORTHERN DIMENSION: PARTICIPANT STRATEGIES"
    assert [a.family for a in meta.authors] == ["Petrova", "Orlov"]
    head = ("Socialization, Language, and Understanding.\nA Contribution to a Psycho-societal Methodology\n"
            "Henning Olesen & Kirsten Weber\nKey words:\n\nAbstract: The article is a guided tour to a proposal.")
    assert text_header(head).title != "Key words:"


@pytest.mark.parametrize("title, closed", [
    ("Super -gentrification in a post- socialist state", "Super-gentrification in a post-socialist state"),
    ("pre- and post-war cities", "pre- and post-war cities"),
    ("London - a city of villages", "London - a city of villages"),
])
def test_spaces_beside_a_words_hyphen_are_closed(title: str, closed: str) -> None:
    from litmap.parse.metadata_text import close_hyphen_gaps

    assert close_hyphen_gaps(title) == closed


def test_central_european_capitals_open_names() -> None:
    assert [a.family for a in _authors("Żaneta Šťastná and Łukasz Nowak")] == ["Šťastná", "Nowak"]


def test_a_bare_two_word_title_line_is_no_name_over_the_rest_of_the_title() -> None:
    head = ("Editorial\nVenous Thromboembolism\nProphylaxis in the Craniotomy\nPatient: an Editorial\n"
            "KEY WORDS\nCraniotomy, prevention, deep venous thrombosis.")
    assert text_header(head).title != "Prophylaxis in the Craniotomy Patient: an Editorial"


def test_names_with_their_marks_under_a_title_stay_names() -> None:
    head = ("They Really Are That Old: A Validation Study of Centenarian Prevalence in Okinawa\n"
            "D. Craig Willcox, 1,2,4 Bradley J. Willcox, 2,3,4 Qimei He, 2\n"
            "1 Pacific Health Research Institute, Honolulu, Hawaii\nAbstract\nBackground. Okinawa has a high prevalence.")
    assert text_header(head).title == "They Really Are That Old: A Validation Study of Centenarian Prevalence in Okinawa"


@pytest.mark.parametrize("head, year", [
    ("ZQF 15. Jg., Heft 1‒2/2014, S. 25‒38", 2014),
    ("Survey Methods\nVol. 12, No. 3/2016, pp. 1-20", 2016),
])
def test_a_volume_year_after_an_issue_number(head: str, year: int) -> None:
    assert volume_line_year(head) == year


def test_an_arxiv_stamp_gives_the_preprint_year_and_is_no_title() -> None:
    from litmap.parse.metadata_text import arxiv_stamp_year
    from litmap.parse.metadata_title import sane_title

    head = "Testing the first law with waves\nJane Roe\narXiv:2304.10117v1 [gr-qc] 20 Apr 2023\nAbstract"
    assert arxiv_stamp_year(head) == 2023 and volume_line_year(head) is None
    assert arxiv_stamp_year("Title\nJane Roe\nAbstract\nWe cite arXiv:2304.10117 here.") is None
    assert sane_title("arXiv:1706.09498v1 [cs.CV] 28 Jun 2017") is None
    assert sane_title("Real-time Driver Posture Classification arXiv:1706.09498v1 [cs.CV] 28 Jun 2017") == \
        "Real-time Driver Posture Classification"


def test_a_note_digit_after_a_title_in_capitals_and_a_trailing_authors_label_are_dropped() -> None:
    head = ("LOCAL LIKELIHOOD ESTIMATORS IN A REGRESSION MODEL FOR STOCK RETURNS1\nUwe Christian Jönck\n"
            "Abstract\nWe estimate a regression model for stock returns with local likelihood methods.")
    assert text_header(head).title == "LOCAL LIKELIHOOD ESTIMATORS IN A REGRESSION MODEL FOR STOCK RETURNS"
    head = ("Labelled Heads Are Read Well By Rules Authors\nJane Roe and John Doe\n"
            "Abstract\nWe read labelled heads of text files with rules.")
    assert text_header(head).title == "Labelled Heads Are Read Well By Rules"


def test_a_web_title_cut_with_an_ellipsis_before_the_whole_title_is_dropped() -> None:
    from litmap.parse.metadata_title import sane_title

    assert sane_title("Asking Survey Respondents about Their Behavio... Asking Survey Respondents about Their "
                      "Behavior: A Split Ballot Experiment") == \
        "Asking Survey Respondents about Their Behavior: A Split Ballot Experiment"


def test_a_researchgate_cover_page_at_the_top_of_a_text_export() -> None:
    head = ("See discussions, stats, and author profiles for this publication at:\n"
            "https://www.researchgate.net/publication/233302534\n\nA Point-Based Intelligent\nApproach to Areal\n"
            "Interpolation\nArticle in The Professional Geographer · May 2011\nDOI: 10.1080/00330124.2010.547792\n\n"
            "CITATIONS\n\nREADS\n\n23\n\n125\n\n2 authors:\nCaiyun Zhang\n\nFang Qiu\n\nFlorida Atlantic University\n\n"
            "University of Texas at Dal…\n\n36 PUBLICATIONS 386\n\nCITATIONS\n\nSEE PROFILE\n\n"
            "All content following this page was uploaded by Caiyun Zhang on 18 September 2015.\n\n"
            "The Professional Geographer, 63(2) 2011, pages 1–20\nCaiyun Zhang and Fang Qiu\nAbstract\nWe interpolate.")
    meta = text_header(head)
    assert meta.title == "A Point-Based Intelligent Approach to Areal Interpolation"
    assert [a.family for a in meta.authors] == ["Zhang", "Qiu"]
    assert meta.year == 2011


def test_an_authors_note_between_the_names_and_the_abstract_and_a_history_line_over_the_names() -> None:
    head = ("Gentrification and affordable\nhousing in a South\nAfrican city\n"
            "Received (in revised form): 17th August, 2023\nMzu Makalima\n"
            "PhD Candidate in Economics and Regional Sciences, Hungarian University of Agriculture, Hungary\n"
            "Mzu Makalima has a BSc degree in construction studies and a BSc Honours degree in quantity surveying from the\n"
            "University of Witwatersrand. He also holds an MSc in business development from the same university where\n"
            "Hungarian University of Agriculture and Life Sciences, Pater Karoly ut, 1, 2100, Gödöllő, Hungary\n"
            "E-mail: mzu@example.com\n"
            "Abstract  This study explores the impacts of gentrification on affordable housing in the city.")
    meta = text_header(head)
    assert meta.title == "Gentrification and affordable housing in a South African city"
    assert [a.family for a in meta.authors] == ["Makalima"]


def test_a_glued_author_line_is_split_and_its_marker_letters_dropped() -> None:
    # an Elsevier text export that lost its spaces; the surnames print again after initials in the e-mail line
    head = ("Provincial gentrification in the Global North – A literature review\n"
            "JanKubeša,ZoltánKovácsb,c,*\n"
            "aDepartment of Geography, University of South Bohemia, Czech Republic\n"
            "bUniversity of Szeged, Department of Human Geography, Hungary\n"
            "ABSTRACT\nGentrification beyond the metropolis has been studied in many countries.\n"
            "E-mail addresses: kubes@pf.jcu.cz (J.Kubeš), zkovacs@iif.hu (Z.Kovács).")
    meta = text_header(head)
    authors = strip_line_markers(meta.authors, head)
    assert [(a.given, a.family) for a in authors] == [("Jan", "Kubeš"), ("Zoltán", "Kovács")]


@pytest.mark.parametrize("line, split", [
    ("JanKubeša,ZoltánKovácsb,c,*", "Jan Kubeša,Zoltán Kovácsb,c,*"),
    ("ManuelDeLanda", "Manuel DeLanda"),  # a particle keeps its capital
    ("KevinMcCann&NeilBrenner", "Kevin McCann&Neil Brenner"),
    ("Jan Kubeša", "Jan Kubeša"),  # spaced already
])
def test_split_glued_names(line, split) -> None:
    from litmap.parse.metadata_glued import split_glued_names

    assert split_glued_names(line) == split


def test_a_title_glued_after_a_sentence_s_full_stop() -> None:
    line = "© 2023 Royal Geographical Society / Aardrijkskundig Genootschap.EXPANDING FRONTIERS OF COMMERCIAL"
    assert glued_title_tail(line) == "EXPANDING FRONTIERS OF COMMERCIAL"
    assert glued_title_tail("© 2015 Elsevier Ltd.All rights reserved.") is None  # a sentence, no title


_WRAPPED_EMAIL = """Tijdschrift voor Geografie – 2024, DOI:10.1111/tesg.12575, Vol. 115, No. 1, pp. 81–95.
© 2023 Royal Geographical Society / Aardrijkskundig Genootschap.EXPANDING FRONTIERS OF COMMERCIAL
GENTRIFICATION: RENT GAP IN TAIKOO LI OF CHENGDU,
CHINA
XING HUANG * & HAO GU **
*School of Architecture, South China University of Technology, Guangzhou, 510641, China.
**School of Public Administration, Hunan University, Changsha, 410082, China. E- mail: haogu@hnu.
edu.cn (Corresponding author)
Received: November 2022; accepted May 2023
ABSTRACT
Gentrification has become one of the planetary processes in reorganising urban spaces across China.
"""


def test_an_e_mail_address_run_on_to_the_next_line_stays_in_the_author_block() -> None:
    meta = text_header(_WRAPPED_EMAIL)
    assert meta.title == ("EXPANDING FRONTIERS OF COMMERCIAL GENTRIFICATION: RENT GAP IN TAIKOO LI OF CHENGDU, "
                          "CHINA")
    assert [a.family for a in meta.authors] == ["Huang", "Gu"]


_NOTICE_OVER_TITLE = """www.example.luWORKING PAPERS
The views expressed in this paper are those of the author(s) and do not necessarily reflect ours.
Errors and omissions are the sole responsibility of the author(s).
Private rental -led gentrification in England:
displacement, commodification and  dispossession
Antoine Paccoud
London School of Economics and Political Science, LISER
December 2 015


Abstract
While central to early gentrification studies, the idea that social and tenure changes were linked
"""


def test_a_sentence_over_the_title_and_a_date_with_a_spaced_digit() -> None:
    meta = text_header(_NOTICE_OVER_TITLE)
    assert meta.title == "Private rental-led gentrification in England: displacement, commodification and dispossession"
    assert [a.family for a in meta.authors] == ["Paccoud"]
    assert meta.year == 2015


_NAMES_OVER_A_TWO_LINE_TITLE = """Samantha Cockings, Peter F. Fisher
and Mitchel Langford

Parameterization and Visualization of the Errors in
Areal Interpolation

Areal interpolation involves the transfer of data from one zonation of a region to another, where the two
zonations of space are geographically incompatible. By its very nature this process is fraught with errors.
"""


def test_a_title_line_under_one_ending_on_a_function_word_is_no_name() -> None:
    meta = text_header(_NAMES_OVER_A_TWO_LINE_TITLE)
    assert meta.title == "Parameterization and Visualization of the Errors in Areal Interpolation"
    assert [a.family for a in meta.authors][:1] == ["Cockings"]


def test_a_working_papers_genre_line_gives_its_year(tmp_path):
    # the bundled sample's working paper ("Working paper, 2019. doi:…" under its author) had no year
    from litmap.batch.extract import extract_file
    from litmap.parse.metadata_text import genre_line_year

    head = ("# Scalar politics of metropolitan governance\n\nAna Ribeiro\n\nInstitute of Metropolitan Studies\n\n"
            "Working paper, 2019. doi:10.5555/test.11\n\n## Abstract\n\nThe plan of 2021 promises much.\n")
    for suffix in (".md", ".txt"):
        path = tmp_path / f"paper{suffix}"
        path.write_text(head + "More text (Brenner, 2004).\n" * 20, encoding="utf-8")
        assert extract_file(str(path)).metadata.year == 2019, suffix
    assert genre_line_year(["Working Paper 2/2008"]) == 2008
    assert genre_line_year(["Discussion Paper No. 12/2021"]) == 2021
    # a series' name is no genre line of the paper ("… Research Network 1989" is a name)
    assert genre_line_year(["Working Paper Series of the Research Network 1989"]) is None
    assert genre_line_year(["report respondents' answers from 2019"]) is None
