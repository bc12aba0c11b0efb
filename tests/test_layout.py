"""PDF engines, OCR, layout and cleaning on reportlab-generated fixtures."""

from __future__ import annotations

import glob
import os

import pytest

from litmap.errors import ExtractionError, MissingDependency
from litmap.read.engines import open_pdf
from litmap.read.layout.pages import Char, PageChars
from litmap.read.layout.blocks import find_gutter, layout_page
from litmap.read.layout.furniture import clean_text, join_lines
from litmap.read.layout.lines import page_words, segments
from litmap.read.pdf import read_pdf

ENGINES = ["pdfium", "plumber"]


@pytest.fixture(scope="module")
def two_col(tmp_path_factory, pdfs):
    return pdfs.two_column_article(str(tmp_path_factory.mktemp("two")))


@pytest.fixture(scope="module", params=ENGINES)
def article(request, two_col):
    return read_pdf(two_col, engine=request.param)


def _texts(page):
    return [b.text for b in page.blocks]


def _all_text(doc):
    return "\n".join(b.text for p in doc.pages for b in p.blocks)


def test_two_column_reading_order(article):
    blocks = article.pages[0].blocks
    firsts = [b.text.split()[0] for b in blocks]
    assert firsts == ["Rescaling", "Abstractmarker", "alpha", "beta", "gamma", "delta"]
    assert [b.column for b in blocks] == [0, 0, 1, 1, 2, 2]
    assert blocks[0].size == pytest.approx(18, abs=0.5) and blocks[0].bold
    assert not blocks[2].bold


def test_later_pages_read_left_then_right(article):
    firsts = [b.text.split()[0] for b in article.pages[2].blocks]
    assert firsts == ["alpha3", "gamma3"]


def test_running_heads_page_numbers_and_stamps_removed(article):
    text = _all_text(article)
    assert "Journal of Test Studies" not in text
    assert "A. Author and B. Writer" not in text
    assert "Downloaded from" not in text
    for page in article.pages:
        assert not any(b.text.strip().isdigit() for b in page.blocks)
        assert all(b.kind not in ("header", "footer", "page_number", "stamp") for b in page.blocks)


def test_hyphenation(article):
    alpha = next(b for b in article.pages[0].blocks if b.text.startswith("alpha"))
    assert "state rescaling and" in alpha.text
    assert "rescal-" not in alpha.text
    # compound written with a hyphen elsewhere in the document keeps it
    assert "making of the city-region in" in alpha.text
    assert "the Anglo-American debate" in alpha.text
    # lines keep the raw line breaks for parsers that need them
    assert any(line.endswith("rescal-") for line in alpha.lines)


def test_caption_and_footnote(article):
    page = article.pages[1]
    caption = [b for b in page.blocks if b.kind == "caption"]
    footnote = [b for b in page.blocks if b.kind == "footnote"]
    assert [b.text for b in caption] == ["Figure 1. The city-region of Testville and its municipalities."]
    assert len(footnote) == 1 and footnote[0].text.startswith("1 This footnote")
    assert "Further details" in footnote[0].text
    assert all(b.kind == "body" for b in page.blocks if b not in caption + footnote)


def test_reference_list_hanging_indent(article):
    page = article.pages[3]
    assert page.blocks[0].text == "References"
    refs = page.blocks[1]
    assert len(refs.lines) == 6
    assert refs.lines[0].startswith("Brenner") and refs.lines[2].startswith("Jessop")
    assert [round(i) for i in refs.indents] == [0, 18, 0, 18, 0, 18]
    assert "(pp. 137–166)" in refs.text  # en-dash kept


def test_metadata(two_col):
    src = open_pdf(two_col)
    try:
        meta = src.metadata()
    finally:
        src.close()
    assert meta["Title"] == "Rescaling the State: A Test Article"
    assert meta["doi"] == "10.1234/jts.2024.001"


def test_one_column_paragraphs(tmp_path, pdfs):
    doc = read_pdf(pdfs.one_column_article(str(tmp_path)))
    assert doc.page_count == 3 and doc.engine == "pdfium"
    for n, page in enumerate(doc.pages, 1):
        assert [b.text.split()[0] for b in page.blocks] == [f"para{n}x0", f"para{n}x1", f"para{n}x2"]
        assert {b.column for b in page.blocks} == {0}


def test_no_gutter_on_one_column(tmp_path, pdfs):
    src = open_pdf(pdfs.one_column_article(str(tmp_path), pages=1))
    page = next(src.pages())
    src.close()
    assert find_gutter(segments(page_words(page)), page.width) is None


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "kind,expected",
    [("empty", "empty file"), ("random", "not a PDF"), ("html", "looks like HTML"),
     ("zip", "ZIP archive"), ("truncated", "corrupt or truncated")],
)
def test_broken_files(tmp_path, engine, kind, expected, pdfs):
    path = pdfs.broken_files(str(tmp_path))[kind]
    with pytest.raises(ExtractionError) as err:
        read_pdf(path, engine=engine)
    assert expected in err.value.reason
    assert "\n" not in err.value.reason


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted(tmp_path, engine, pdfs):
    with pytest.raises(ExtractionError) as err:
        read_pdf(pdfs.encrypted_pdf(str(tmp_path)), engine=engine)
    assert err.value.reason.startswith("encrypted: needs a password")


def test_bad_engine_and_mode(two_col):
    with pytest.raises(ValueError):
        read_pdf(two_col, engine="nope")
    with pytest.raises(ValueError):
        read_pdf(two_col, ocr="sometimes")


@pytest.mark.requires_program("tesseract")
def test_ocr_of_image_only_page(tmp_path, pdfs):
    path = pdfs.image_only_pdf(str(tmp_path))
    doc = read_pdf(path)
    assert doc.ocr and doc.pages[0].ocr
    text = _all_text(doc)
    assert "Scanned urban governance text" in text
    assert text.index("Scanned") < text.index("Second line")
    assert any("OCR used on page 1" in w for w in doc.warnings)


@pytest.mark.requires_program("tesseract")
def test_ocr_image_words(tmp_path, pdfs):
    from litmap.read.ocr import OcrSettings, ocr_image

    src = open_pdf(pdfs.image_only_pdf(str(tmp_path)))
    try:
        image = src.render(0, 150)
        chars = ocr_image(image, 1, 612, 792, OcrSettings(dpi=150))
    finally:
        src.close()
    assert chars.words and chars.ocr
    words = [c.text for c in chars.chars]
    assert words[:4] == ["Scanned", "urban", "governance", "text"]
    first = chars.chars[0]
    assert 36 <= first.x0 < 100 and 0 < first.top < 400 and first.size > 5


def test_pdfplumber_alias(two_col):
    doc = read_pdf(two_col, engine="pdfplumber")
    assert doc.engine == "plumber" and doc.pages[0].blocks[2].text.startswith("alpha")


def test_ocr_never_warns(tmp_path, pdfs):
    doc = read_pdf(pdfs.image_only_pdf(str(tmp_path)), ocr="never")
    assert not doc.ocr and not doc.text_layer
    assert _all_text(doc) == ""
    assert "page 1 has no text layer (OCR is off)" in doc.warnings


def test_blank_page_is_not_ocred(tmp_path, pdfs):
    doc = read_pdf(pdfs.blank_and_text_pdf(str(tmp_path)))
    assert not doc.ocr and doc.warnings == ()
    assert doc.pages[0].blocks == () and doc.pages[1].blocks[0].text.startswith("Text after a blank page")


def test_missing_tesseract_becomes_warning(tmp_path, monkeypatch, pdfs):
    import litmap.read.ocr as ocr

    def missing() -> None:
        raise MissingDependency("Tesseract OCR", ocr.TESSERACT_HINT)

    monkeypatch.setattr(ocr, "require_tesseract", missing)
    doc = read_pdf(pdfs.image_only_pdf(str(tmp_path)))
    assert "page 1 has no text layer and Tesseract is not installed" in doc.warnings
    assert not doc.ocr


def test_progress_reports_each_page(two_col):
    events = []
    read_pdf(two_col, progress=events.append)
    assert [(e.done, e.total) for e in events] == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_encoding_warning():
    chars = tuple(Char("\ufffd", i * 5.0, 100, i * 5.0 + 4, 110, 10) for i in range(60))
    from litmap.read.pdf import _encoding_warning

    assert "unmapped glyphs" in _encoding_warning(PageChars(1, 600, 800, chars))
    ok = tuple(Char("a", i * 5.0, 100, i * 5.0 + 4, 110, 10) for i in range(60))
    assert _encoding_warning(PageChars(1, 600, 800, ok)) == ""


def test_glyph_level_words_and_spaces():
    # glyphs with a real space char and a gap-only word break
    chars = [Char(ch, 10 + 5 * i, 100, 14 + 5 * i, 110, 10) for i, ch in enumerate("ab cd")]
    chars += [Char(ch, 42 + 5 * i, 100, 46 + 5 * i, 110, 10) for i, ch in enumerate("ef")]
    page = layout_page(PageChars(1, 600, 800, tuple(chars)))
    assert page.blocks[0].text == "ab cd ef"


def test_join_lines():
    compounds = {"city-region"}
    assert join_lines(["state rescal-", "ing works"], compounds) == "state rescaling works"
    assert join_lines(["the city-", "region"], compounds) == "the city-region"
    assert join_lines(["the Anglo-", "American"], set()) == "the Anglo-American"
    assert join_lines(["pages 12–", "14"], set()) == "pages 12– 14"
    assert join_lines(["soft\u00ad", "ware"], set()) == "software"
    assert join_lines(["one", "two"], set()) == "one two"


def test_clean_text():
    assert clean_text("ﬁrst ﬂow eﬀect oﬃce") == "first flow effect office"
    assert clean_text("a\u00a0b\u200bc") == "a bc"
    assert clean_text("“quoted” ‘x’ 12–14") == "“quoted” ‘x’ 12–14"
    assert clean_text("Yrja¨na¨") == "Yrjänä"
    assert clean_text("cafe\u0301") == "café"


@pytest.mark.shared
def test_real_cc_by_papers(shared_data):
    pdfs = sorted(glob.glob(os.path.join(shared_data, "pdfs", "urban_studies_cc_by", "*.pdf")))
    if not pdfs:
        pytest.skip("no CC BY PDFs")
    for path in pdfs:
        doc = read_pdf(path)
        assert doc.pages[0].blocks and all(b.kind == "cover" for b in doc.pages[0].blocks)
        rest = "\n".join(b.text for p in doc.pages[2:] for b in p.blocks)
        assert "Downloaded from" not in rest
        assert len(rest) > 20000
    yrjana = read_pdf([p for p in pdfs if "Yrjana" in p][0])
    page3 = yrjana.pages[2].blocks
    assert "Cities 170 (2026) 106718" not in [b.text for b in page3]
    cols = [b.column for b in page3]
    assert cols == sorted(cols)  # left column read entirely before the right one


def _line_words(x0: float, top: float, text: str, size: float = 9.0) -> list[Char]:
    """One printed line as word boxes (as the word-level engines give them)."""
    out, x = [], x0
    for w in text.split():
        out.append(Char(w, x, top, x + 4.5 * len(w), top + size, size))
        x += 4.5 * len(w) + 3
    return out


def test_diagonal_watermark_glyphs_are_dropped():
    chars = [Char(ch, 100 + 4 * i, 100, 104 + 4 * i, 110, 10) for i, ch in enumerate("Harvey, D. (1989).")]
    # "For Peer Review" drawn across the page, glyph by glyph, in large type.
    chars += [Char(ch, 120 + 18 * i, 60 + 22 * i, 160 + 18 * i, 108 + 22 * i, 48) for i, ch in enumerate("ForPeerReview")]
    page = layout_page(PageChars(1, 600, 800, tuple(chars)))
    assert [b.text for b in page.blocks] == ["Harvey, D. (1989)."]


def test_manuscript_line_numbers_are_dropped():
    chars: list[Char] = []
    for i in range(8):
        chars += _line_words(100, 100 + 12 * i, f"Entry line {i} of a reference list with several words in it.")
        chars.append(Char(str(i + 1), 10, 100 + 12 * i, 15, 109 + 12 * i, 9.0))
    page = layout_page(PageChars(1, 600, 800, tuple(chars), words=True))
    text = " ".join(b.text for b in page.blocks)
    assert "Entry line 0" in text and not any(b.x0 < 50 for b in page.blocks)


def test_three_column_list_under_two_column_text_is_read_column_by_column():
    chars: list[Char] = []
    # Two columns of body text at the top of the page.
    for i in range(2):
        chars += _line_words(50, 60 + 12 * i, f"Left body text line {i} goes on and on here with more words", 10.0)
        chars += _line_words(306, 60 + 12 * i, f"Right body text line {i} goes on and on with more words", 10.0)
    # A three-column reference list below it.
    for col, x in enumerate((55, 225, 391)):
        for i in range(10):
            chars += _line_words(x, 120 + 10 * i, f"C{col}R{i} reference list text here ok", 8.5)
    page = layout_page(PageChars(1, 595, 842, tuple(chars), words=True))
    order = [w for b in page.blocks for w in b.text.split() if w.startswith("C") and "R" in w]
    assert order == [f"C{c}R{i}" for c in range(3) for i in range(10)]


def _two_column_page(heading: bool = False) -> PageChars:
    chars: list[Char] = []
    for i in range(14):
        chars += _line_words(54, 80 + 12 * i, f"Left column reference line number {i} here and more words", 10.0)
    for i in range(10):
        # Two entry starts hang out to the left, into the band found as gutter
        # (it tolerates a few crossings), past its middle.
        x = 310.0 if i in (0, 5) else 340.0
        chars += _line_words(x, 80 + 12 * i, f"Right column reference line {i} text", 10.0)
    if heading:
        chars += [Char("About", 54, 260, 80, 270, 10.0, "Times-Bold"), Char("the", 83, 260, 97, 270, 10.0, "Times-Bold"),
                  Char("Authors", 100, 260, 135, 270, 10.0, "Times-Bold")]
        chars += _line_words(135, 290, "Jacob Bustad is an Assistant Professor in the Department of Kinesiology at "
                                       "Towson University, USA.", 10.0)
    return PageChars(1, 595, 842, tuple(chars), words=True)


def test_hanging_entry_start_in_the_gutter_belongs_to_the_right_column():
    page = layout_page(_two_column_page())
    order = [w for b in page.blocks for w in b.text.split() if w.isdigit()]
    assert order == [str(i) for i in range(14)] + [str(i) for i in range(10)]


def test_heading_under_the_left_column_is_read_after_the_right_column():
    page = layout_page(_two_column_page(heading=True))
    texts = [b.text for b in page.blocks]
    about = next(i for i, t in enumerate(texts) if t.startswith("About the Authors"))
    assert any("Right column reference line 9" in t for t in texts[:about])
    assert texts[about + 1].startswith("Jacob Bustad")


def test_few_column_lines_above_full_width_text_are_still_two_columns():
    chars: list[Char] = []
    for i in range(4):  # the last lines of a two-column list, side by side
        chars += _line_words(54, 74 + 12 * i, f"Left entry continues on line {i} here", 10.0)
        chars += _line_words(330, 74 + 12 * i, f"Right entry goes on at line {i} too", 10.0)
    chars += _line_words(54, 160, "About the Author: Fred Coalter is a professor of sport policy at a university "
                                  "in a city and writes about sport.", 10.0)
    page = layout_page(PageChars(1, 595, 842, tuple(chars), words=True))
    text = " ".join(b.text for b in page.blocks)
    assert text.index("Left entry continues on line 3") < text.index("Right entry goes on at line 0")


def test_running_head_above_tall_overlapping_lines_is_its_own_block():
    # Glyph boxes taller than the line pitch: ordinary line gaps are negative.
    chars = _line_words(307, 34, "Cities 170 (2026) 106718", 10.5)
    for i in range(8):
        chars += _line_words(307, 52 + 8 * i, f"Reference entry text line {i} with a few more words", 10.5)
    page = layout_page(PageChars(1, 595, 842, tuple(chars), words=True))
    assert page.blocks[0].text == "Cities 170 (2026) 106718"
    assert len(page.blocks) == 2


def _sidebar_page() -> PageChars:
    """A JOSS 2019 first page: a narrow left sidebar beside one wide column,
    its lines offset from the text's, and a full-width footer."""
    chars: list[Char] = []
    body = [
        "Urban morphology is the area of urban studies that explores the",
        "physical form of cities, traditionally mostly visual and (Dibble",
        "et al., 2015); its objects are the fundamental elements of urban",
    ] + [f"form line {i} continues the summary with words about cities here" for i in range(14)]
    for i, text in enumerate(body):
        chars += _line_words(170, 150 + 12 * i, text, 9.0)
    side = ["DOI: 10.21105/joss.01807", "Editor: Vincent Knight", "Reviewers: @martibosch",
            "Submitted: 09 October 2019", "Published: 20 November 2019", "Authors of papers retain",
            "copyright and release the work", "under a Creative Commons"]
    for i, text in enumerate(side):
        chars += _line_words(30, 155 + 16 * i, text, 8.0)
    chars += _line_words(30, 770, "Fleischmann, (2019). momepy: Urban Morphology Measuring Toolkit. Journal of Open", 8.0)
    return PageChars(1, 600, 842, tuple(chars), words=True)


def test_sidebar_is_read_apart_from_the_body_as_cover_blocks():
    page = layout_page(_sidebar_page())
    body = [b for b in page.blocks if b.kind == "body"]
    cover = [b for b in page.blocks if b.kind == "cover"]
    text = " ".join(b.text for b in body)
    assert "(Dibble et al., 2015)" in " ".join(text.split())
    assert "Editor" not in text and "Submitted" not in text
    assert "Editor: Vincent Knight" in "\n".join(b.text for b in cover)
    assert "Fleischmann, (2019)." in text  # the full-width footer stays with the page


def test_keywords_box_beside_an_abstract_under_a_full_width_title_is_no_sidebar():
    chars = _line_words(30, 100, "A full width title line that runs right across the page to its margin", 14.0)
    for i in range(10):
        chars += _line_words(170, 150 + 12 * i, f"Abstract line {i} says a good deal about the state and its scales", 9.0)
    for i in range(6):
        chars += _line_words(30, 155 + 16 * i, f"Keyword {i} city-regions", 8.0)
    page = layout_page(PageChars(1, 600, 842, tuple(chars), words=True))
    assert not any(b.kind == "cover" for b in page.blocks)


def _numbered_line(n: int, top: float, text: str, x_text: float = 167.0) -> list[Char]:
    # right-aligned line number, as close to the text as LaTeX's lineno sets it
    w = 4.5 * len(str(n))
    return [Char(str(n), 157 - w, top, 157, top + 9, 9.0)] + _line_words(x_text, top, text)


def test_line_numbers_on_the_text_line_are_dropped():
    chars: list[Char] = []
    lines = [
        "Kennedy, E. H. (2023). Towards optimal doubly robust estimation of heterogeneous causal",
        "effects. Electronic Journal of Statistics, 17(2), 3008-3049.",
        "Kuhn, M., & Vaughan, D. (2024). Parsnip: A common API to modeling and analysis functions.",
        "https://doi.org/10.32614/CRAN.package.parsnip",
        "Kuhn, M., Wickham, H., & Hvitfeldt, E. (2025). Recipes: Preprocessing and feature engineering",
        "steps for modeling. https://doi.org/10.32614/CRAN.package.recipes",
    ] * 2
    for i, text in enumerate(lines):
        hanging = i % 2 == 1
        chars += _numbered_line(28 + i, 100 + 12 * i, text, 181.0 if hanging else 167.0)
    page = layout_page(PageChars(3, 600, 842, tuple(chars), words=True))
    got = [line for b in page.blocks for line in b.lines]
    assert got == lines
    assert all(b.x0 >= 160 for b in page.blocks)


def test_index_column_of_a_table_and_a_code_list_keep_their_numbers():
    chars: list[Char] = []
    for i in range(6):  # body text above, crossing the numbers' strip
        chars += _line_words(100, 100 + 12 * i, f"Body text line {i} runs across the whole column with many words")
    for i in range(6):  # a table: ID column and short cells
        chars += [Char(str(i + 1), 110, 190 + 12 * i, 115, 199 + 12 * i, 9.0)] + _line_words(130, 190 + 12 * i, "abcd ad")
    for i, code in enumerate((1, 2, 3, 4, 9)):  # a code list below
        chars += [Char(str(code), 150, 280 + 12 * i, 155, 289 + 12 * i, 9.0)]
        chars += _line_words(170, 280 + 12 * i, "Incorporated central city of SMSA not urbanized area")
    for i in range(20):
        chars += _line_words(100, 360 + 12 * i, f"More body text line {i} runs across the whole column with words")
    page = layout_page(PageChars(1, 600, 842, tuple(chars), words=True))
    words = " ".join(b.text for b in page.blocks).split()
    assert all(str(n) in words for n in (1, 2, 3, 4, 5, 6, 9))


def test_subscript_joins_its_line_when_a_superscript_opens_the_row():
    chars = [
        Char("a", 100, 100, 106, 110, 10),
        Char("2", 107, 97.5, 111, 104.5, 7),  # superscript: the highest box, so the first of its row
        Char("+", 115, 100, 121, 110, 10),
        Char("X", 125, 100, 132, 110, 10),
        Char("ijt", 132.5, 103.5, 142, 110.5, 7),  # subscript, out of the superscript's reach
        Char("denotes", 146, 100, 180, 110, 10),
    ]
    page = layout_page(PageChars(1, 600, 800, tuple(chars), words=True))
    assert [b.text for b in page.blocks] == ["a 2 + X ijt denotes"]
