"""Superscript affiliation/note markers are split from the word they follow,
by both PDF engines, and a space drawn inside an fi ligature is no word break."""

import pytest

from litmap.read.engines import keeps_superscript, open_pdf, phantom_space, split_glyph_words, superscript_cut
from litmap.read.layout.pages import Char

try:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
except ImportError:  # a test-extra package: the tests that draw PDFs skip (their requires marker)
    A4 = canvas = None


def _words(path: str, engine: str) -> list[str]:
    from litmap.read.layout.lines import page_words

    src = open_pdf(path, engine)
    try:
        return [w.text for w in page_words(next(iter(src.pages())))]
    finally:
        src.close()


@pytest.mark.requires("reportlab")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_raised_marker_is_a_separate_word(tmp_path, engine):
    path = tmp_path / "authors.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    t = c.beginText(72, 700)
    t.setFont("Helvetica", 12)
    t.textOut("Eleanor Hartwell")
    t.setFont("Helvetica", 8)
    t.setRise(5)
    t.textOut("a")
    t.setRise(0)
    t.setFont("Helvetica", 12)
    t.textOut(" and Marcus Feld")
    c.drawText(t)
    t = c.beginText(72, 675)
    t.setFont("Helvetica", 12)
    t.textOut("as Brenner")
    t.setFont("Helvetica", 7)
    t.setRise(4)
    t.textOut("12")
    t.setRise(0)
    t.setFont("Helvetica", 12)
    t.textOut(" argues")
    c.drawText(t)
    # A subscript stays part of its word.  (On its own line: with a superscript
    # and a subscript on one line the layout's row clustering, not the engine,
    # puts the subscript on a row of its own.)
    t = c.beginText(72, 625)
    t.setFont("Helvetica", 12)
    t.textOut("water H")
    t.setFont("Helvetica", 8)
    t.setRise(-3)
    t.textOut("2")
    t.setRise(0)
    t.setFont("Helvetica", 12)
    t.textOut("O too")
    c.drawText(t)
    c.drawString(72, 650, "Plain words stay whole: rescaling")
    c.showPage()
    c.save()
    words = _words(str(path), engine)
    assert "Hartwell" in words and "a" in words and "Hartwella" not in words
    assert "Brenner" in words and "12" in words and "Brenner12" not in words
    assert "H2O" in words, " | ".join(words)
    assert "rescaling" in words


@pytest.mark.requires("reportlab")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_marker_sized_by_the_text_matrix(tmp_path, engine):
    # Word processors often set "1 Tf" and size glyphs through the text matrix.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = str(tmp_path / "tm.pdf")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 12)
    fn = c._doc.getInternalFontName("Helvetica")
    x = 72 + stringWidth("as Brenner", "Helvetica", 12)
    x2 = x + stringWidth("3", "Helvetica", 7)
    c._code.append(f"BT {fn} 1 Tf 12 0 0 12 72 700 Tm (as Brenner) Tj 7 0 0 7 {x:.2f} 704.5 Tm (3) Tj "
                   f"12 0 0 12 {x2:.2f} 700 Tm ( argues) Tj ET")
    c.showPage()
    c.save()
    words = _words(path, engine)
    assert "Brenner" in words and "3" in words and "Brenner3" not in words, words


def test_superscript_cut_is_pure():
    sizes, lifts = [12, 12, 12, 8, 8], [0, 0, 0, 4, 4]
    assert superscript_cut(5, sizes.__getitem__, lifts.__getitem__) == 3
    assert superscript_cut(5, sizes.__getitem__, [0, 0, 0, -3, -3].__getitem__) is None  # subscript
    assert superscript_cut(3, [12, 12, 12].__getitem__, [0, 0, 0].__getitem__) is None
    assert superscript_cut(1, [8].__getitem__, [4].__getitem__) is None


def test_ordinals_and_unit_powers_keep_their_superscript():
    assert keeps_superscript("21", "st") and keeps_superscript("area (km", "2") and keeps_superscript("R", "2")
    assert not keeps_superscript("Brenner", "2") and not keeps_superscript("rate.", "1")
    assert not keeps_superscript("Hartwell", "a") and not keeps_superscript("Hartwell", "2")


def test_phantom_space_inside_a_ligature():
    # SAGE's Minion maps the fi ligature to "fi ": the space lies inside the glyph.
    assert phantom_space((270.85, 276.59), (273.62, 276.04), 276.49)
    # A real space starts after the glyph and pushes the next one right.
    assert not phantom_space((258.72, 261.96), (262.26, 264.68), 266.19)
    assert not phantom_space((270.85, 276.59), (273.62, 276.04), 279.5)


def test_plumber_glyphs_drop_the_ligature_space():
    def ch(text, x0, x1):
        return Char(text, x0, 100.0, x1, 110.5, 10.5, "Minion")

    glyphs = [ch("i", 268.15, 270.95), ch("\ufb01", 270.85, 276.59), ch(" ", 273.62, 276.04), ch("c", 276.66, 281.0),
              ch(" ", 281.0, 283.4), ch("o", 283.6, 288.0)]
    assert "".join(c.text for c in split_glyph_words(glyphs)) == "i\ufb01c o"


def _phantom_space_pdf(path: str) -> None:
    """"gentri" + the fi ligature + a space kerned back inside that glyph +
    "cation", as SAGE's fonts set it, then a real "fi" + space."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))  # ships with reportlab; has U+FB01
    font = pdfmetrics.getFont("Vera")
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setFont("Vera", 12)

    def encoded(text: str) -> tuple[str, str]:
        (subset, data), = font.splitString(text, c._doc)
        return font.getSubsetInternalName(subset, c._doc), "(" + "".join(f"\\{b:03o}" for b in data) + ")"

    name, head = encoded("the gentri\ufb01")
    _, space = encoded(" ")
    _, tail = encoded("cation of sci-\ufb01 towns")
    kern = round(1000 * pdfmetrics.stringWidth(" ", "Vera", 12) / 12)  # move back one space width
    c._code.append(f"BT {name} 12 Tf 72 700 Td [{head} {kern} {space} {tail}] TJ ET")
    c.showPage()
    c.save()


@pytest.mark.requires("reportlab")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_space_inside_a_ligature_is_no_word_break(tmp_path, engine):
    path = str(tmp_path / "lig.pdf")
    _phantom_space_pdf(path)
    words = [w.replace("\ufb01", "fi") for w in _words(path, engine)]
    assert "gentrification" in words, words
    assert "sci-fi" in words and "towns" in words, words  # a real space after a ligature stays
