"""Text exports whose head is title lines, then an author block, then the body, with no "Abstract" line and no
blank line under the title (R vignettes and reports through ``pdftotext``): litmap.parse.metadata_text's
``title_over_author_block``, the furniture pass that kept a title repeated as running head, and TeX's T1 codes."""

from __future__ import annotations

from litmap.parse.metadata_authors import names_only
from litmap.parse.metadata_text import text_header, title_over_author_block
from litmap.read.repairs.text_furniture import split_repeated_lines
from litmap.read.textfiles import decode_bytes

_BODY = ("Model matrices in the very widely used linear models of statistics are often practically sparse, "
         "whenever categorical predictors are used.")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_a_single_name_under_the_title_opens_the_author_block() -> None:
    head = f"The Relaxed Lasso\nTrevor Hastie\n\nBalasubramanian Narasimhan\n\nRob Tibshirani\n\nNovember 25, 2022\n\nContents\n{_BODY}"
    meta = text_header(head)
    assert meta.title == "The Relaxed Lasso"
    assert [a.family for a in meta.authors] == ["Hastie", "Narasimhan", "Tibshirani"]


def test_a_date_note_an_organisation_and_an_address_close_the_block() -> None:
    head = f"Sparse Model Matrices\nMartin Maechler\nR Core Development Team\nmaechler@R-project.org\nJuly 2007, 2008 (typeset on November 10, 2022)\nIntroduction\n{_BODY}"
    meta = title_over_author_block(_lines(head))
    assert meta.title == "Sparse Model Matrices"
    assert [a.family for a in meta.authors] == ["Maechler"]


def test_by_names_and_a_note_mark_on_the_title() -> None:
    head = ("Support Vector Machines ∗\nThe Interface to libsvm in package e1071\nby David Meyer\n"
            f"FH Technikum Wien, Austria\nDavid.Meyer@R-Project.org\nFebruary 1, 2023\n{_BODY}")
    meta = text_header(head)
    assert meta.title == "Support Vector Machines The Interface to libsvm in package e1071"
    assert meta.authors[0].family == "Meyer"


def test_a_corporate_author_ends_the_title() -> None:
    meta = title_over_author_block(_lines(f"zoo Design\nzoo Development Team\nAbstract\n{_BODY}"))
    assert meta.title == "zoo Design"
    assert meta.authors == ()


def test_an_initial_is_no_article() -> None:
    assert [a.family for a in names_only("Jeffrey A. Ryan")] == ["Ryan"]
    assert names_only("A Tutorial on Bridge Sampling") == ()
    meta = text_header(f"xts: Extensible Time Series\nJeffrey A. Ryan\nJoshua M. Ulrich\nMay 18, 2008\nContents\n{_BODY}")
    assert meta.title == "xts: Extensible Time Series"
    assert meta.authors[0].family == "Ryan"


def test_a_title_line_that_reads_as_a_name_stays_in_the_title() -> None:
    head = ("bridgesampling: An R Package for Estimating\nNormalizing Constants\nQuentin F. Gronau\nHenrik Singmann\n"
            f"Eric-Jan Wagenmakers\nUniversity of Amsterdam\n{_BODY}")
    meta = text_header(head)
    assert meta.title == "bridgesampling: An R Package for Estimating Normalizing Constants"
    assert meta.authors[0].family == "Gronau"


def test_a_masthead_or_a_volume_line_over_the_title_is_left_to_the_other_rules() -> None:
    for top in ("45(12) 2449–2470, November 2008", "In Proceedings of the 45th Annual Meeting, pp. 576-583",
                "ISSN 2196-3940"):
        head = f"{top}\nGentrification and Social Mixing\nLoretta Lees\nAbstract\n{_BODY}"
        assert title_over_author_block(_lines(head)).title is None, top


def test_a_note_digit_after_the_title_goes_a_package_name_stays() -> None:
    head = f"Fatherhood in the Context of Migration:\nAn Intergenerational Approach1\nJulia Brannen\nAbstract\n{_BODY}"
    assert title_over_author_block(_lines(head)).title == "Fatherhood in the Context of Migration: An Intergenerational Approach"
    head = f"Fitting Linear Mixed-Effects Models Using lme4\nDouglas Bates\nAbstract\n{_BODY}"
    assert title_over_author_block(_lines(head)).title == "Fitting Linear Mixed-Effects Models Using lme4"


def test_a_body_line_inside_the_block_means_no_block() -> None:
    head = "Urban Regimes\nJohn Smith\nThis is a body line that goes on as prose; nothing above is a head at all.\n"
    assert title_over_author_block(_lines(head)).title == "Urban Regimes"  # a long line closes the block
    assert title_over_author_block(_lines("Urban Regimes\nJohn Smith\nwhat is this\nAbstract\n")).title is None


def _paged(head: str, pages: int = 4) -> str:
    body = "\n".join(f"Line {k} of the page, with words enough to fill a page of text." for k in range(30))
    return "\f".join(f"{head}\n{body}" for _ in range(pages))


def test_a_title_repeated_as_running_head_stays_at_the_top() -> None:
    kept, dropped = split_repeated_lines(_paged("kernlab – An S4 Package for Kernel Methods in R"))
    assert kept.split("\n")[0] == "kernlab – An S4 Package for Kernel Methods in R"
    assert kept.count("kernlab – An S4 Package") == 1  # the later pages' running heads still go
    assert dropped == ("kernlab – An S4 Package for Kernel Methods in R",)


def test_a_running_head_with_a_page_number_goes_everywhere() -> None:
    kept, _ = split_repeated_lines(_paged("Urban Studies 45(12) 2449"))
    assert "Urban Studies" not in kept


def test_t1_codes_in_a_text_export_are_spelt_out() -> None:
    text = ("Roundo\x1b error and Tied Times\nUsing Time Dependent Coe\x1ecients, a \x10quoted\x11 word, pp. 65\x1585.\n"
            + "Plain words of the body follow here. " * 40)
    out, _ = decode_bytes(text.encode("utf-8"))
    assert out.startswith("Roundoff error and Tied Times\nUsing Time Dependent Coefficients, a “quoted” word, pp. 65–85.")
