"""Superscript affiliation/note markers are split from the word they follow."""

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from litmap.ingest.engines import open_pdf


def test_raised_marker_is_a_separate_word(tmp_path):
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
    c.drawString(72, 650, "Plain words stay whole: rescaling")
    c.showPage()
    c.save()
    src = open_pdf(str(path))
    try:
        words = [ch.text for ch in next(iter(src.pages())).chars]
    finally:
        src.close()
    assert "Hartwell" in words and "a" in words and "Hartwella" not in words
    assert "rescaling" in words
