"""Header failure families read on the tune half of a set from outside ``shared/data`` (R package vignettes,
issue 18): a date under the author, a title of capitalised words that parse as two names, a long title that
opens with a heading's word or names the work it answers, a name over its affiliation in one block. Each on
generated blocks: the layout rule, not the paper."""

from __future__ import annotations

from dataclasses import replace

from litmap.models import Author
from litmap.parse.metadata import parse_author_line
from litmap.parse.metadata_masthead import date_line_year_of
from litmap.parse.metadata_title import sane_title
from litmap.read.garbled import garbled_reason
from tests.test_metadata import BODY, blk, meta_of, page


def test_a_date_after_the_names_is_no_name() -> None:
    # The day read as an affiliation marker used to leave "February" as the family name.
    assert parse_author_line("Terry Therneau February 6, 2023") == (Author("Therneau", "Terry"),)
    assert parse_author_line("Edzer Pebesma 6 June 2015") == (Author("Pebesma", "Edzer"),)
    assert parse_author_line("Terry M Therneau Dec 2022") == (Author("Therneau", "Terry M"),)
    assert parse_author_line("LUCAS PUENTE JULY 2015") == (Author("Puente", "Lucas"),)
    assert parse_author_line("Fang Qiu 1") == (Author("Qiu", "Fang"),)


def test_date_lines_with_notes_and_stamps() -> None:
    assert date_line_year_of("Dec 2022 (updated)") == 2022
    assert date_line_year_of("2017-11-22") == 2017
    assert date_line_year_of("September 2006 (typeset on November 10, 2022)") == 2006
    assert date_line_year_of("2018-12-19, minor revisions 2020-02-08") == 2018
    assert date_line_year_of("This version was compiled on April 3, 2022") == 2022
    assert date_line_year_of("processed with vegan 2.6-4 in R version 4.2.1 (2022-06-23) on October 11, 2022") == 2022
    # A manuscript's history is no date line; nor is a sentence that mentions a date.
    assert date_line_year_of("Submitted: June 7, 2012. Revised version accepted: December 10, 2012.") is None
    assert date_line_year_of("Received 3 May 2019") is None
    assert date_line_year_of("The survey ran from March 2019 to the end of the year in three cities") is None


def test_the_date_under_the_author_in_one_block_gives_the_year_and_no_author() -> None:
    p = page(1, blk("Discrimination and Calibration", size=17.2),
             replace(blk("Terry Therneau February 6, 2023", size=12), lines=("Terry Therneau", "February 6, 2023")),
             blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "Discrimination and Calibration"
    assert m.authors == (Author("Therneau", "Terry"),)
    assert m.year == 2023


def test_a_title_of_capitalised_words_over_its_author_is_the_title() -> None:
    # Four capitalised words parse as two names; the author line under them says they are the title.
    for title, author in (("Censored Quantile Regression Redux", "Roger Koenker"),
                          ("Predictor Effects Graphics Gallery", "John Fox and Sanford Weisberg")):
        p = page(1, blk(title, size=17.2), blk(author, size=12), blk("2018-12-19", size=12),
                 blk("Contents", size=14.3), blk(BODY, size=10), blk(BODY, size=10))
        m = meta_of([p])
        assert m.title == title
        assert m.authors[0].family in author
    # Names over the title are still names.
    p = page(1, blk("Irina Busygina Mikhail Filippov", size=16),
             blk("NORTHERN DIMENSION: PARTICIPANT STRATEGIES", size=14),
             blk(BODY, size=10), blk(BODY, size=10))
    assert (meta_of([p]).title or "").upper() == "NORTHERN DIMENSION: PARTICIPANT STRATEGIES"


def test_a_long_title_opening_with_a_headings_word_or_naming_a_work() -> None:
    title = "Supplementary Material for A re-evaluation of the model selection procedure in Pollet & Nettle (2009)"
    assert sane_title(title) == title
    assert sane_title("Debating the state: a reply to Jessop (1990)") == "Debating the state: a reply to Jessop (1990)"
    # A body sentence that cites in brackets is still no title.
    assert sane_title("Gentrification has been studied widely in the literature (Smith, 1996)") is None
    p = page(1, blk(title, size=17.2), blk("Esther Herberich, Torsten Hothorn, Daniel Nettle & Thomas Pollet", size=12),
             blk("Summary", size=14.3), blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == title
    assert m.authors[0] == Author("Herberich", "Esther")
    # A short heading in the largest type is still no title.
    p = page(1, blk("Supplementary Material", size=17.2), blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).title != "Supplementary Material"


def test_a_name_over_its_affiliation_in_one_block() -> None:
    for lines, family in ((("Douglas Bates", "R Core Development Group", "bates@r-project.org"), "Bates"),
                          (("by David Meyer", "FH Technikum Wien, Austria", "David.Meyer@R-Project.org"), "Meyer")):
        p = page(1, blk("Introduction to the Matrix package", size=17.2),
                 replace(blk(" ".join(lines), size=12), lines=lines), blk("November 10, 2022", size=12),
                 blk(BODY, size=10), blk(BODY, size=10))
        assert meta_of([p]).authors[:1] == (Author(family, "Douglas" if family == "Bates" else "David"),)
    # A list of names run over two lines is read whole.
    lines = ("Robert G. Cromley, Jie Lin,", "and David A. Merwin")
    p = page(1, blk("Areal interpolation of census data", size=17.2),
             replace(blk(" ".join(lines), size=12), lines=lines), blk(BODY, size=10), blk(BODY, size=10))
    assert [a.family for a in meta_of([p]).authors] == ["Cromley", "Lin", "Merwin"]


def test_symbols_in_place_of_letters_are_a_garbled_layer() -> None:
    # An R vignette in a decorative font whose glyphs map to dingbats.
    page_text = " ".join(["P❡♥❛❧✐③❡❞ ❧❡❛st sq✉❛r❡s ✈❡rs✉s ❣❡♥❡r❛❧✐③❡❞ ❧❡❛st sq✉❛r❡s r❡♣r❡s❡♥t❛t✐♦♥s"] * 5)
    assert "symbols inside words" in garbled_reason(page_text, spaced=False)
    # Plot markers and keyboard symbols apart from words are no sign of it.
    plot = "Figure 3 shows the fitted quantiles. " * 10 + " ● ● ●●● ● " * 40
    assert garbled_reason(plot, spaced=False) == ""


def test_an_institute_set_above_its_author() -> None:
    # Read on the held-out half after it was scored: "ifgi" / "Institute for Geoinformatics University of
    # Münster" / "Edzer Pebesma" under the title.
    p = page(1, blk("The pairwise relative semivariogram", size=17.2), blk("ifgi", size=8.3),
             blk("Institute for Geoinformatics University of Münster", size=8.3), blk("Edzer Pebesma", size=12),
             blk("Aug 29, 2011", size=9), blk("1 Introduction", size=14.3), blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.authors == (Author("Pebesma", "Edzer"),)
    assert m.year == 2011
    # An affiliation with no name under it still ends the author zone.
    p = page(1, blk("The pairwise relative semivariogram", size=17.2),
             blk("Institute for Geoinformatics University of Münster", size=8.3), blk("Abstract", size=12),
             blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).authors == ()


def test_a_title_over_a_name_with_its_affiliation_in_one_block() -> None:
    lines = ("Douglas Bates", "R Development Core Team", "Douglas.Bates@R-project.org")
    p = page(1, blk("Comparing Least Squares Calculations", size=17.2),
             replace(blk(" ".join(lines), size=12), lines=lines), blk("November 10, 2022", size=12),
             blk("Abstract", size=9), blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "Comparing Least Squares Calculations"
    assert m.authors[:1] == (Author("Bates", "Douglas"),)


def test_a_text_export_with_the_names_under_the_title_and_no_blank_line() -> None:
    from litmap.parse.metadata_text import text_header

    m = text_header("Discrimination and Calibration\nTerry Therneau\nFebruary 6, 2023\n\n1\n\n\x0c1\n\nIntroduction\n\n"
                    "This vignette is in progress and not yet complete.\n\n2\n\nDiscrimination\n")
    assert (m.title, [a.family for a in m.authors], m.year) == ("Discrimination and Calibration", ["Therneau"], 2023)
    m = text_header("Examples of Effect Displays with Partial Residuals\nUsing Contrived Regression Data\n"
                    "John Fox and Sanford Weisberg\n2017-11-22\nThe examples developed in this vignette are meant to "
                    "supplement Fox and Weisberg [2018].\n\n1\n\nBasic Setup\n\nWe will analyze contrived data "
                    "generated according to the following setup:\n")
    assert m.title == "Examples of Effect Displays with Partial Residuals Using Contrived Regression Data"
    assert [a.family for a in m.authors] == ["Fox", "Weisberg"]


def test_a_subtitle_in_latex_large_type_and_a_package_name_ending_in_a_digit() -> None:
    # \large under a 10pt text is 11.96pt: the subtitle's floor (body + 2) missed it by a rounding.
    p = page(1, blk("Support Vector Machines ∗", size=17.22), blk("The Interface to libsvm in package e1071", size=11.96),
             blk("by David Meyer", size=11.96), blk("February 1, 2023", size=11.96), blk(BODY, size=10),
             blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "Support Vector Machines: The Interface to libsvm in package e1071"
    assert m.authors == (Author("Meyer", "David"),)
    # "lme4" printed again on the page is a name, not "lme" with a note mark; a mark stays a mark.
    p = page(1, blk("Fitting Linear Mixed-Effects Models Using lme4", size=17.2), blk("Douglas Bates", size=12),
             blk("Abstract", size=10), blk("Maximum likelihood or restricted maximum likelihood (REML) estimates of "
                                           "the parameters in linear mixed-effects models can be determined using "
                                           "the lmer function in the lme4 package for R. " * 3, size=10),
             blk(BODY, size=10))
    assert meta_of([p]).title == "Fitting Linear Mixed-Effects Models Using lme4"
    p = page(1, blk("Housing careers in an Intergenerational Approach1", size=17.2), blk("Jane Smith", size=12),
             blk(BODY, size=10), blk(BODY, size=10))
    assert meta_of([p]).title == "Housing careers in an Intergenerational Approach"


def test_a_titles_last_line_of_nouns_is_no_name() -> None:
    # "Finite Mixture Model Diagnostics Using" / "Resampling Methods" / "Bettina Grün": English noun endings
    # no family name has.
    for line in ("Resampling Methods", "Multivariate Analysis", "Covariance Matrix Estimators", "Ordered Observations"):
        assert parse_author_line(line) == ()
    for name, family in (("Tiger Woods", "Woods"), ("John Clements", "Clements"), ("Ruth Furness", "Furness"),
                         ("Mary Evans", "Evans"), ("Loretta Lees", "Lees")):
        assert [a.family for a in parse_author_line(name)] == [family]
    from litmap.parse.metadata_text import text_header

    m = text_header("An Object Oriented Framework for Robust\nMultivariate Analysis\nValentin Todorov\n\nPeter "
                    "Filzmoser\n\nUNIDO\n\nVienna University of Technology\n\nAbstract\nThis introduction to the "
                    "R package rrcov is a (slightly) modified version of Todorov and Filzmoser (2009).\n")
    assert m.title == "An Object Oriented Framework for Robust Multivariate Analysis"
    assert m.authors[0].family == "Todorov"


def test_an_institutes_logo_word_is_not_the_titles() -> None:
    from litmap.parse.text_head_model import head_fields, load_model

    assert load_model() is not None  # the labeller's model ships with the package
    title, _ = head_fields("The pairwise relative semivariogram\nifgi\nInstitute for Geoinformatics\n"
                           "University of Münster\n\nEdzer Pebesma\nAug 29, 2011\n\n1\n\nIntroduction\n\nThe general "
                           "relative variogram (Deutsch and Journel, 1997) is defined as\n")
    assert title == "The pairwise relative semivariogram"


def test_affiliations_set_in_smaller_type_under_a_row_of_names() -> None:
    # The JSS title page: names side by side, their affiliations side by side under them in smaller type.
    blocks = [blk("Rcpp: Seamless R and C++ Integration", size=17.2), blk("Dirk Eddelbuettel", size=12.0),
              blk("Romain François", size=12.0), blk("Debian Project", size=10.9), blk("R Enthusiasts", size=10.9),
              blk("Abstract", size=10), blk(BODY, size=10), blk(BODY, size=10)]
    p = page(1, *blocks)
    rows = (0, 1, 1, 2, 2, 3, 4, 5)
    p = replace(p, blocks=tuple(replace(b, top=40.0 + 18 * r, bottom=50.0 + 18 * r, x0=50.0 + 200 * ((k + 1) % 2))
                                for k, (b, r) in enumerate(zip(p.blocks, rows))))
    assert [a.family for a in meta_of([p]).authors] == ["Eddelbuettel", "François"]


def test_version_and_update_lines_give_the_year() -> None:
    # Wave 4 of the vignettes (read after its one blind score): a package version's line with its date, and an
    # update note under the title.
    assert date_line_year_of("For gnm version 1.1-2 , 2022-04-29") == 2022
    assert date_line_year_of("For BradleyTerry2 version 1.1-2, 2020-02-02") == 2020
    assert date_line_year_of("Version 0.3.5 (May 2020)") == 2020
    assert date_line_year_of("Updated May 2021, including new section on stability assessment") == 2021
    assert date_line_year_of("Last updated 5 May 2021") == 2021
    assert date_line_year_of("version 2 of the model, 2020 results") is None
    assert date_line_year_of("Revised May 2021") is None  # a journal history's word: left to the history rules


def test_an_update_note_under_the_title_is_no_author_and_a_date_no_subtitle() -> None:
    p = page(1, blk("Using the raschtree function for detecting differential item functioning", size=17.2),
             blk("Updated May 2021, including new section on stability assessment", size=12),
             blk("Carolin Strobl", size=12), blk("Lennart Schneider", size=12),
             blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.authors[0] == Author("Strobl", "Carolin")
    assert m.year == 2021
    p = page(1, blk("Calibration and generalized calibration", size=17.2), blk("January 12, 2021", size=14.3),
             blk(BODY, size=10), blk(BODY, size=10))
    m = meta_of([p])
    assert m.title == "Calibration and generalized calibration"
    assert m.year == 2021
