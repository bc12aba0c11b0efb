"""A scan whose text layer is misdrawn (an old OCR layer in a substitute
font: words overlap) is read again by OCR in ``auto`` mode; a well-drawn
layer on a scan is kept."""

import pytest

pytest.importorskip("reportlab", reason="needs the module reportlab: pip install -e '.[test]'")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from litmap.read.pdf import read_pdf  # noqa: E402

LINES = [f"Scanned line {k} about urban governance and the scale of the state" for k in range(36)]


def _scan(path, overlap: bool) -> str:
    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=30)
    for k, text in enumerate(LINES):
        draw.text((120, 100 + 44 * k), text, fill=0, font=font)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    w, h = A4
    c.drawImage(ImageReader(img), 0, 0, w, h)
    for k, text in enumerate(LINES):
        t = c.beginText()
        t.setTextRenderMode(3)  # invisible, as OCR layers are drawn
        t.setFont("Helvetica", 10)
        x = 58.0
        for word in text.split():
            t.setTextOrigin(x, h - 52 - 21.1 * k)
            t.textOut(word + " ")  # an OCR layer draws each word with its space
            # a misdrawn layer advances less than the word is wide
            x += c.stringWidth(word, "Helvetica", 10) * (0.5 if overlap else 1.0) + (0 if overlap else 3)
        c.drawText(t)
    c.save()
    return str(path)


def test_a_well_drawn_layer_on_a_scan_is_kept(tmp_path):
    doc = read_pdf(_scan(tmp_path / "fine.pdf", overlap=False))
    assert not doc.ocr
    assert not any("misdrawn" in w for w in doc.warnings)


@pytest.mark.requires_program("tesseract")
def test_a_misdrawn_layer_is_read_again_by_ocr(tmp_path):
    doc = read_pdf(_scan(tmp_path / "misdrawn.pdf", overlap=True))
    assert doc.ocr and doc.pages[0].ocr
    assert any("page 1: the scan's text layer is misdrawn" in w for w in doc.warnings)
    text = " ".join(b.text for b in doc.pages[0].blocks)
    assert "Scanned line 3 about urban governance" in text


def test_without_tesseract_a_misdrawn_layer_is_named(tmp_path, monkeypatch):
    from litmap.errors import MissingDependency
    from litmap.read import ocr

    def missing():
        raise MissingDependency("tesseract", "install it")

    monkeypatch.setattr(ocr, "require_tesseract", missing)
    doc = read_pdf(_scan(tmp_path / "misdrawn.pdf", overlap=True))
    assert not doc.ocr
    assert any("install Tesseract to read it by OCR" in w for w in doc.warnings)
