"""Typesetters' "[PAGEBREAK]" marks in accepted manuscripts are no text:
not in the body, not a reference entry (PDF and text inputs)."""

import pytest

from litmap.batch.extract import extract_file
from litmap.read.textfiles import decode_bytes
from litmap.read.layout.furniture import drop_typesetting_marks

try:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
except ImportError:  # a test-extra package: the tests that draw PDFs skip (their requires marker)
    A4 = canvas = None


def test_marks_dropped_from_lines_and_whole_texts():
    assert drop_typesetting_marks("the political use of [PAGEBREAK] symbols") == "the political use of symbols"
    assert drop_typesetting_marks("conservative[PAGEBREAK] liberal") == "conservative liberal"
    assert drop_typesetting_marks("[PAGEBREAK]") == ""
    assert drop_typesetting_marks("end of page\n[PAGEBREAK]\nnext page") == "end of page\nnext page"
    assert drop_typesetting_marks("see [12] and [PAGE BREAK] here") == "see [12] and here"
    text, _ = decode_bytes("Cities [PAGEBREAK] grow.\n".encode())
    assert "PAGEBREAK" not in text and "Cities grow." in text


@pytest.mark.requires("reportlab")
def test_a_mark_alone_in_a_reference_list_is_no_entry(tmp_path):
    path = tmp_path / "manuscript.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780
    lines = [
        (72, "Helvetica-Bold", 14, "Manufacturing the creative city"),
        (72, "Helvetica", 10, "Symbols matter in urban politics, as the political use of [PAGEBREAK] symbols shows"),
        (72, "Helvetica", 10, "(Yanow, 1993; Castoriadis, 1987). Coalitions form around them (Stone, 1989)."),
        (72, "Helvetica-Bold", 12, "References"),
        (72, "Helvetica", 10, "Castoriadis, C. (1987). The imaginary institution of society. Cambridge:"),
        (84, "Helvetica", 10, "Polity Press."),
        (72, "Helvetica", 10, "[PAGEBREAK]"),
        (72, "Helvetica", 10, "De Voogd, J. (2012). Progressief liberaal versus behoudend links. Bureau"),
        (84, "Helvetica", 10, "de Helling."),
        (72, "Helvetica", 10, "De Voogd, J. (2011). Bakfietsen en Rolluiken. Wetenschappelijk Bureau"),
        (84, "Helvetica", 10, "GroenLinks: Bureau op de Helling."),
        (72, "Helvetica", 10, "Stone, C. N. (1989). Regime politics: Governing Atlanta. Lawrence:"),
        (84, "Helvetica", 10, "University Press of Kansas."),
        (72, "Helvetica", 10, "Yanow, D. (1993). The communication of policy meanings. Policy Sciences,"),
        (84, "Helvetica", 10, "26(1), 41-61."),
    ]
    for x, font, size, text in lines:
        c.setFont(font, size)
        c.drawString(x, y, text)
        y -= 14
    c.save()
    doc = extract_file(str(path))
    raws = [r.raw for r in doc.references]
    assert len(raws) == 5, raws
    assert raws[1].startswith("De Voogd, J. (2012)") and raws[1].endswith("de Helling.")
    assert not any("PAGEBREAK" in r for r in raws)
    assert not any("PAGEBREAK" in p.text for p in doc.paragraphs)


def test_a_jstor_cover_page_is_cover():
    """An OCR'd JSTOR cover ("REFERENCES / Linked references are available
    on JSTOR …") is cover, so its "REFERENCES" line opens no reference
    section (it did on an OCR'd Annals paper: 1 reference found instead of 29)."""
    from litmap.read.layout.pages import Block, LaidOutPage
    from litmap.read.layout.furniture import clean_pages

    lines = [
        "A Quantile Regression Approach to Areal Interpolation",
        "REFERENCES",
        "Linked references are available on JSTOR for this article:",
        "JSTOR is a not-for-profit service that helps scholars, researchers, and students discover,",
        "Your use of the JSTOR archive indicates your acceptance of the Terms & Conditions of Use",
    ]
    cover = LaidOutPage(1, 600, 800, tuple(
        Block(1, 72, 100 + 30 * k, 500, 110 + 30 * k, t, size=8.5, lines=(t,)) for k, t in enumerate(lines)
    ))
    body = LaidOutPage(2, 600, 800, (Block(2, 72, 100, 500, 110, "Areal interpolation transfers values.", size=10),))
    pages = clean_pages([cover, body])
    assert {b.kind for b in pages[0].blocks} == {"cover"}
    assert pages[1].blocks[0].kind == "body"
