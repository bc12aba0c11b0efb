"""Text turned a quarter in the margin ("NIH-PA Author Manuscript" down the
side of PMC manuscripts) is page furniture: its letters must not land in the
header, the journal name or the body.  A page set mostly sideways keeps its
text (a landscape table is content)."""

import pytest

from litmap.batch.extract import extract_file
from litmap.read.engines import open_pdf
from litmap.parse.metadata_authors import parse_author_line

try:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
except ImportError:  # a test-extra package: the tests that draw PDFs skip (their requires marker)
    A4 = canvas = None


def _manuscript(path, margin: bool = True, sideways_body: bool = False):
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    lines = [
        ("Helvetica", 9, "Published in final edited form as:"),
        ("Helvetica", 9, "Hist Methods. 2011 January 1; 44(2): 79-85."),
        ("Helvetica-Bold", 15, "Harmonizing Disparate Data across Time and Place"),
        ("Helvetica", 10, "PETRA NOBLE and MONTY HINDMAN Minnesota Population Center"),
        ("Helvetica", 10, "Aggregate census data for small areas change their boundaries every decade."),
        ("Helvetica", 10, "Harmonizing them needs areal interpolation between zonal systems."),
    ]
    y = 780
    for font, size, text in lines:
        c.setFont(font, size)
        if sideways_body:
            c.saveState()
            c.translate(60 + (780 - y), 100)
            c.rotate(90)
            c.drawString(0, 0, text)
            c.restoreState()
        else:
            c.drawString(72, y, text)
        y -= 20
    if margin:
        for start in (700, 400, 100):
            c.saveState()
            c.translate(24, start)
            c.rotate(90)
            c.setFont("Helvetica", 12)
            c.drawString(0, 0, "NIH-PA Author Manuscript")
            c.restoreState()
    c.save()
    return str(path)


@pytest.mark.requires("reportlab")
def test_margin_text_dropped(tmp_path):
    src = open_pdf(_manuscript(tmp_path / "m.pdf"))
    words = [ch.text for ch in src.page(0).chars]
    src.close()
    assert "Hist" in words and "Harmonizing" in words
    assert not any(w in ("NIH-PA", "Author", "Manuscript", "N", "I", "H") for w in words), words
    doc = extract_file(str(tmp_path / "m.pdf"))
    assert doc.metadata.journal == "Hist Methods"


@pytest.mark.requires("reportlab")
def test_a_page_set_sideways_keeps_its_text(tmp_path):
    src = open_pdf(_manuscript(tmp_path / "s.pdf", margin=False, sideways_body=True))
    text = " ".join(ch.text for ch in src.page(0).chars)
    src.close()
    assert "Harmonizing" in text.replace(" ", "") or "Harmonizing" in text


def test_capitals_names_end_where_the_affiliation_starts():
    names = parse_author_line("PETRA NOBLE, DAVID VAN RIPER, and MONTY HINDMAN Minnesota Population Center")
    assert [a.family.upper() for a in names] == ["NOBLE", "VAN RIPER", "HINDMAN"]
